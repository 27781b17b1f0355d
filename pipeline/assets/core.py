"""core layer: per-page segmentation, repair and extraction (cached by content), then entity resolution."""

import time
from collections import Counter

import dagster as dg

from pipeline import incremental
from pipeline.assets.out import table_output, table_outs
from pipeline.assets.resources import PipelinePaths
from pipeline.cache import PageCache, code_fingerprint
from pipeline.process import (
    PAGE_TABLES,
    DocResult,
    PageSet,
    page_set,
    pool_size,
    process_documents,
    resolve_ids,
)
from pipeline.publish import to_table
from pipeline.settings import progress, workers
from pipeline.text import snapshot


@dg.multi_asset(
    name="core_pages",
    outs={
        "core_pages": dg.AssetOut(
            group_name="core", kinds={"python"},
            description="Per page: segmentation, repair, lineage, mentions and metrics, keyed by page sha256 + "
            "code fingerprint (unchanged pages come from the cache). Holds the mentions and byline credits "
            "that entity resolution needs; the per-page tables are materialized in the same step."),
        **table_outs(PAGE_TABLES),
    },
)
def core_pages(context: dg.AssetExecutionContext, paths: PipelinePaths, raw_pages: dict):
    """One step for all per-page work and the six per-page tables: they pass on in memory, not
    through the IO manager (in UI runs that saves unpickling every page's rows six times)."""
    folder = paths.cache()
    warm = incremental.state()  # a long-running process (`pipeline watch`) keeps pages and tables
    cache = PageCache(folder, memory=warm.pages if warm else None)
    snapshot.set_dir(folder / "snapshots" if folder else None)  # gazetteer, lexicon, statistics
    docs = raw_pages["documents"]
    started = time.perf_counter()
    found: list[DocResult | None] = [cache.get(doc.sha256) for doc in docs]
    todo = [i for i, r in enumerate(found) if r is None]
    n_workers = workers()
    for i, result in zip(todo, process_documents([docs[i] for i in todo], n_workers), strict=True):
        cache.put(docs[i].sha256, result)
        found[i] = result
    results: list[DocResult] = []
    for doc, result in zip(docs, found, strict=True):
        result.document["source_path"] = doc.source_path  # same content may arrive under a new name
        results.append(result)
    seconds = time.perf_counter() - started
    kinds = Counter(s["kind"] for r in results for s in r.segments)
    n_articles = sum(len(r.articles) for r in results)
    progress("segment+repair+extract", f"{len(results)} pages ({cache.misses} processed, {cache.hits} cached), "
             f"{n_articles} articles in {seconds:.2f} s")
    n_pages = len(results)
    if warm:
        warm.retain({doc.sha256 for doc in docs})
    page_tables = warm.tables if warm else incremental.PageTables()
    tables = page_tables.update(results)
    pages = page_set(results)
    pages.mention_table = tables.pop("mentions")
    del results
    yield dg.Output(pages, output_name="core_pages", metadata={
        "pages": n_pages,
        "pages_processed": cache.misses,
        "pages_from_cache": cache.hits,
        "rows_reused": page_tables.rows_reused,
        "workers": pool_size(len(todo), n_workers),
        "code_fingerprint": code_fingerprint(),
        "articles": n_articles,
        "segments_by_kind": dg.MetadataValue.json(dict(sorted(kinds.items()))),
        "seconds": round(seconds, 3),
    })
    for t in PAGE_TABLES:
        yield table_output(t, tables.pop(t))


@dg.multi_asset(
    name="core_entities",
    outs={
        "core_entities": dg.AssetOut(
            group_name="core", kinds={"python"},
            description="Mentions across all pages resolved to entities (one per real thing, aliases, parents); "
            "the entity and mention tables are materialized in the same step."),
        **table_outs(("entities", "mentions")),
    },
)
def core_entities(context: dg.AssetExecutionContext, core_pages: PageSet):
    entities, ids = resolve_ids(core_pages)
    by_type = Counter(e["type"] for e in entities)
    progress("resolve", f"{len(ids)} mentions → {len(entities)} entities "
             + ", ".join(f"{k} {v}" for k, v in sorted(by_type.items())))
    yield dg.Output(entities, output_name="core_entities", metadata={
        "entities": len(entities),
        "mentions": len(ids),
        "entities_by_type": dg.MetadataValue.json(dict(sorted(by_type.items()))),
    })
    yield table_output("entities", to_table("entities", entities))
    yield table_output("mentions", incremental.with_entity_ids(
        core_pages.mention_table, [r["mention_id"] for r in core_pages.mentions], ids))
