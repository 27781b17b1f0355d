"""core layer: per-page segmentation, repair and extraction (cached by content), then entity resolution."""

import time
from collections import Counter

import dagster as dg

from pipeline.assets.resources import PipelinePaths
from pipeline.cache import PageCache, code_fingerprint
from pipeline.process import DocResult, PageSet, combine, process_document, resolve_entities
from pipeline.publish import to_table
from pipeline.settings import progress
from pipeline.text import snapshot


@dg.asset(
    group_name="core",
    kinds={"python"},
    description="Per page: segments, articles, repairs with their offset maps, lineage, mentions and metrics. "
    "Keyed by page sha256 + code fingerprint: unchanged pages come from the cache. Hands the per-page "
    "tables on as Arrow tables and the mentions as rows for entity resolution.",
)
def core_pages(context: dg.AssetExecutionContext, paths: PipelinePaths, raw_pages: dict) -> dg.Output[PageSet]:
    cache = PageCache(paths.cache())
    folder = paths.cache()
    snapshot.set_dir(folder / "snapshots" if folder else None)  # gazetteer, lexicon, statistics
    results: list[DocResult] = []
    started = time.perf_counter()
    for doc in raw_pages["documents"]:
        result = cache.get(doc.sha256)
        if result is None:
            result = process_document(doc)
            cache.put(doc.sha256, result)
        result.document["source_path"] = doc.source_path  # same content may arrive under a new name
        results.append(result)
    seconds = time.perf_counter() - started
    kinds = Counter(s["kind"] for r in results for s in r.segments)
    n_articles = sum(len(r.articles) for r in results)
    progress("segment+repair+extract", f"{len(results)} pages ({cache.misses} processed, {cache.hits} cached), "
             f"{n_articles} articles in {seconds:.2f} s")
    n_pages = len(results)
    pages = combine(results)
    del results
    pages.tables = {t: to_table(t, rows) for t, rows in pages.tables.items()}  # sorted, contract schema
    return dg.Output(pages, metadata={
        "pages": n_pages,
        "pages_processed": cache.misses,
        "pages_from_cache": cache.hits,
        "code_fingerprint": code_fingerprint(),
        "articles": n_articles,
        "segments_by_kind": dg.MetadataValue.json(dict(sorted(kinds.items()))),
        "seconds": round(seconds, 3),
    })


@dg.asset(
    group_name="core",
    kinds={"python"},
    description="Mentions across all pages resolved to entities (one per real thing, aliases, parents).",
)
def core_entities(context: dg.AssetExecutionContext, core_pages: PageSet) -> dg.Output[dict]:
    entities, mentions = resolve_entities(core_pages)
    by_type = Counter(e["type"] for e in entities)
    progress("resolve", f"{len(mentions)} mentions → {len(entities)} entities "
             + ", ".join(f"{k} {v}" for k, v in sorted(by_type.items())))
    return dg.Output({"entities": entities, "mentions": mentions}, metadata={
        "entities": len(entities),
        "mentions": len(mentions),
        "entities_by_type": dg.MetadataValue.json(dict(sorted(by_type.items()))),
    })
