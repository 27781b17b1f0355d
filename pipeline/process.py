"""Per-document work (segment, repair, extract) and the cross-document steps, as table rows.

Plain Python over the text core: the Dagster assets call these and only add UI metadata.
Each function returns rows (dicts keyed by contract column) in a fixed order.
"""
from __future__ import annotations

import multiprocessing
import signal
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pipeline.hashing import sha256_text
from pipeline.ingest import Document, Reject
from pipeline.text.entities import HAN_RE, extract_mentions
from pipeline.text.model import Entity, Mention, RepairedArticle
from pipeline.text.numbers import extract_metrics
from pipeline.text.repair import repair_article
from pipeline.text.resolve import entity_id, resolve
from pipeline.text.segment import segment

# bump when per-document output changes for the same input (keys the per-page cache)
PROCESS_VERSION = "1"


@dataclass
class DocResult:
    """Everything one document contributes, before cross-document entity resolution."""

    document: dict
    segments: list[dict] = field(default_factory=list)
    articles: list[dict] = field(default_factory=list)
    repairs: list[dict] = field(default_factory=list)
    lineage: list[dict] = field(default_factory=list)
    metrics: list[dict] = field(default_factory=list)
    # mention rows without entity_id, and the Mention objects resolution needs
    mentions: list[dict] = field(default_factory=list)
    mention_objs: list[Mention] = field(default_factory=list)


def process_document(doc: Document) -> DocResult:
    """Segment, repair and extract one document; deterministic for the same text."""
    raw = doc.text
    layout = segment(raw)
    article_ids = [f"{doc.doc_id}-{i + 1:03d}" for i in range(len(layout.articles))]
    result = DocResult(document={
        "doc_id": doc.doc_id, "source_path": doc.source_path, "sha256": doc.sha256, "n_bytes": doc.n_bytes,
        "n_chars": len(raw), "encoding": doc.encoding, "publication": layout.publication,
        "published_date": layout.published_date, "n_articles": len(layout.articles),
    })
    for s in layout.segments:
        result.segments.append({
            "doc_id": doc.doc_id, "seq": s.seq, "kind": s.kind,
            "article_id": article_ids[s.article] if s.article is not None else None,
            "raw_start": s.raw_start, "raw_end": s.raw_end, "text": s.text,
        })
    for i, art in enumerate(layout.articles):
        article_id = article_ids[i]
        fixed = repair_article(raw, art.paragraphs, art.headings)
        body = fixed.body
        n_applied = 0
        for k, r in enumerate(fixed.repairs):
            n_applied += r.applied
            result.repairs.append({
                "repair_id": f"{article_id}-R{k:04d}", "doc_id": doc.doc_id, "article_id": article_id,
                "kind": r.kind, "raw_start": r.raw_start, "raw_end": r.raw_end, "before": r.before,
                "after": r.after, "rule": r.rule, "confidence": float(r.confidence), "applied": bool(r.applied),
            })
        result.articles.append({
            "article_id": article_id, "doc_id": doc.doc_id, "seq": i + 1, "headline": art.headline,
            "subheadline": art.subheadline, "reporters": list(art.reporters),
            "correspondents": list(art.correspondents), "editors": list(art.editors),
            "publication": layout.publication, "published_date": layout.published_date, "body": body,
            "raw_start": art.raw_start, "raw_end": art.raw_end, "body_sha256": sha256_text(body),
            "n_repairs": n_applied,
        })
        prev = doc.sha256
        for n, step in enumerate(fixed.steps, start=1):
            out = sha256_text(step.text_after)
            result.lineage.append({
                "article_id": article_id, "step_no": n, "step": step.step, "step_version": step.version,
                "input_sha256": prev, "output_sha256": out, "n_changes": step.n_changes,
            })
            prev = out
        for k, m in enumerate(extract_mentions(body, name_pads(raw, fixed))):
            raw_start, raw_end = fixed.offsets.to_raw(m.start, m.end)
            result.mentions.append({
                "mention_id": f"{article_id}-M{k:04d}", "article_id": article_id, "doc_id": doc.doc_id,
                "type": m.type, "surface": m.surface, "start": m.start, "end": m.end,
                "raw_start": raw_start, "raw_end": raw_end, "role": m.role,
            })
            result.mention_objs.append(m)
        for k, x in enumerate(extract_metrics(body)):
            raw_start, raw_end = fixed.offsets.to_raw(x.start, x.end)
            result.metrics.append({
                "metric_id": f"{article_id}-Q{k:04d}", "article_id": article_id, "doc_id": doc.doc_id,
                "surface": x.surface, "value": float(x.value),
                "value_high": None if x.value_high is None else float(x.value_high), "unit": x.unit,
                "bound": x.bound, "subject": x.subject, "start": x.start, "end": x.end,
                "raw_start": raw_start, "raw_end": raw_end, "sentence": x.sentence,
            })
    return result


def name_pads(raw: str, fixed: RepairedArticle) -> dict[int, bool]:
    """Body offsets of chars the OCR set apart from the char before them, where a removed space of a
    line's text sat between two Han chars (``刘 昆``), and whether the pad is a whole cell (an
    ideographic space, NBSP or two spaces: ``谭　军``, ``易  航``) rather than one stray space; the
    entity step reads these as a two-char name's pad."""
    out: dict[int, bool] = {}
    for r in fixed.repairs:
        if not (r.applied and r.kind == "whitespace" and r.after == "" and 1 <= len(r.before) <= 3
                and all(ch in " \u3000\xa0" for ch in r.before)
                and 0 < r.raw_start and r.raw_end < len(raw)
                and HAN_RE.match(raw[r.raw_start - 1]) and HAN_RE.match(raw[r.raw_end])):
            continue
        span = fixed.offsets.to_body(r.raw_end, r.raw_end + 1)
        if span and span[0] > 0 and fixed.body[span[0] - 1] == raw[r.raw_start - 1]:
            out[span[0]] = r.before != " "
    return out


WARM_UP_PAGE = ("社区食堂让老人吃上热饭\n\n株洲日报记者 王娜 通讯员 刘敏\n\n"
                "荷塘区月塘街道办事处主任李明介绍，今年全区投入资金1.2亿元，新建社区食堂12个，"
                "服务老人近3000人次。\n")


def warm_up() -> None:
    """Load what page processing reads (tagger, lexicon, gazetteer, statistics) by processing a
    short page, so that a long-running process does not pay for it when the first page arrives."""
    text = WARM_UP_PAGE
    sha = sha256_text(text)
    process_document(Document(doc_id=sha[:16], source_path="warm-up.txt", sha256=sha,
                              n_bytes=len(text.encode()), encoding="utf-8", text=text))


# a pool pays off only when each worker gets a few pages (starting one costs a fork)
MIN_PAGES_PER_WORKER = 8


def pool_size(n_pages: int, workers: int) -> int:
    """How many processes ``process_documents`` uses for ``n_pages`` pages (1: no pool)."""
    n = min(workers, n_pages // MIN_PAGES_PER_WORKER)
    return n if n >= 2 and "fork" in multiprocessing.get_all_start_methods() else 1


def process_documents(docs: list[Document], workers: int = 1) -> Iterator[DocResult]:
    """``process_document`` over ``docs``, in their order, on up to ``workers`` forked processes.

    The first page is done here, so the models are loaded once and shared with the workers; the
    results do not depend on the number of workers. If the pool fails, the rest is done here."""
    workers = pool_size(len(docs), workers)
    if workers == 1:
        yield from map(process_document, docs)
        return
    yield process_document(docs[0])
    done = 1
    pool = None
    try:
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_signals)
        for result in pool.imap(process_document, docs[1:], chunksize=4):
            done += 1
            yield result
        pool.close()  # no more work: each worker takes its end marker and exits
        pool.join()
        pool = None
    except Exception:  # noqa: BLE001 - a broken pool must not lose pages: finish them here
        if pool is not None:
            pool.terminate()
            pool.join()
            pool = None
        yield from map(process_document, docs[done:])
    finally:
        if pool is not None:  # an error, or the caller stopped early: stop the workers
            pool.terminate()
            pool.join()


def _worker_signals() -> None:
    """Default SIGTERM/SIGINT in a worker: the parent may have inherited handlers that only record
    an interrupt (Dagster installs such handlers for a run), and ``Pool.terminate`` must stop it."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


CREDIT_TITLES = {"reporters": "记者", "correspondents": "通讯员", "editors": "编辑"}
PAGE_TABLES = ("documents", "segments", "articles", "repairs", "lineage", "metrics")


@dataclass
class PageSet:
    """What entity resolution needs from every page: mention rows and objects, and each article's
    byline credits (the per-page tables go straight to their out assets)."""

    mentions: list[dict]
    mention_objs: list[Mention]
    credits: list[dict[str, list[str]]]
    # the same mention rows as a sorted Arrow table without entity_id (see pipeline.incremental)
    mention_table: Any = None


def combine(results: list[DocResult]) -> tuple[dict[str, list[dict]], PageSet]:
    """The pages' results, in input order: the rows of each per-page table, and a :class:`PageSet`."""
    tables: dict[str, list[dict]] = {t: [] for t in PAGE_TABLES}
    for r in results:
        tables["documents"].append(r.document)
        for t in PAGE_TABLES[1:]:
            tables[t].extend(getattr(r, t))
    return tables, page_set(results)


def page_set(results: list[DocResult]) -> PageSet:
    """What entity resolution needs from the pages, in input order."""
    return PageSet(
        mentions=[row for r in results for row in r.mentions],
        mention_objs=[m for r in results for m in r.mention_objs],
        credits=[{f: list(a[f]) for f in CREDIT_TITLES} for r in results for a in r.articles],
    )


def _add_credited_people(entities: list[Entity], credits: list[dict[str, list[str]]]) -> list[Entity]:
    """Reporters, correspondents and editors from bylines are people too: the same id as a body
    mention of that name would get, their byline role among the titles (n_mentions may be 0)."""
    by_id = {e.entity_id: e for e in entities}
    for art in credits:
        for field_name, title in CREDIT_TITLES.items():
            for name in art[field_name]:
                eid = entity_id("PERSON", name)
                ent = by_id.setdefault(eid, Entity(eid, "PERSON", name))
                if ent.type == "PERSON" and title not in ent.titles:
                    ent.titles.append(title)
    return sorted(by_id.values(), key=lambda e: e.entity_id)


def resolve_ids(pages: PageSet) -> tuple[list[dict], list[str]]:
    """Entity rows across all documents (incl. credited people) and each mention's entity_id, in
    the order of ``pages.mentions``."""
    pairs = [(row["article_id"], m) for row, m in zip(pages.mentions, pages.mention_objs)]
    entities, ids = resolve(pairs)
    entities = _add_credited_people(entities, pages.credits)
    counts = Counter(ids)
    entity_rows = [{
        "entity_id": e.entity_id, "type": e.type, "name": e.name, "aliases": sorted(e.aliases),
        "level": e.level, "parent_id": e.parent_id, "admin_code": e.admin_code, "titles": sorted(e.titles),
        "n_mentions": counts.get(e.entity_id, 0),
    } for e in entities]
    return entity_rows, ids


def resolve_entities(pages: PageSet) -> tuple[list[dict], list[dict]]:
    """Entity rows and the mention rows with their entity_id."""
    entity_rows, ids = resolve_ids(pages)
    return entity_rows, [{**row, "entity_id": eid} for row, eid in zip(pages.mentions, ids)]


def reject_rows(rejects: list[Reject]) -> list[dict]:
    return [{"source_path": r.source_path, "sha256": r.sha256, "reason": r.reason, "detail": r.detail}
            for r in rejects]
