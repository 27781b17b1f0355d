"""Warm state for a long-running build process (`pipeline watch`).

A fresh `pipeline build` reads every page's result from the on-disk cache and turns all rows into
Arrow tables. A process that builds again and again keeps both in memory instead:

- :class:`WarmState.pages`: each page's :class:`~pipeline.process.DocResult` by sha256 (the memory
  layer in front of :class:`~pipeline.cache.PageCache`);
- :class:`PageTables`: the sorted per-page tables of the last build, updated page by page: the rows
  of removed pages are filtered out, those of new pages converted and merged in. The result is the
  same table a full conversion gives (same rows, same order, one chunk), so the Parquet bytes are too.

Plain Python and pyarrow; no Dagster.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.process import PAGE_TABLES, DocResult
from pipeline.publish import to_table
from pipeline.schemas import SORT_KEYS, arrow_schema

DOC_ID_LENGTH = 16  # doc_id is the first 16 hex of the page's sha256; article ids start with it
# the per-page tables kept here: all but documents (whose paths change with the listing), plus the
# mention rows before entity resolution (every mentions column but entity_id)
KEPT = (*PAGE_TABLES[1:], "mentions")


def _schema(table: str) -> pa.Schema:
    schema = arrow_schema(table)
    return schema.remove(schema.get_field_index("entity_id")) if table == "mentions" else schema


def _rows_table(table: str, rows: list[dict]) -> pa.Table:
    """Rows as a sorted one-chunk table (``to_table``; mentions without their entity_id)."""
    if table != "mentions":
        return to_table(table, rows).combine_chunks()
    schema = _schema(table)
    return _sorted(table, pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table())


def _doc_keys(tbl: pa.Table) -> pa.ChunkedArray:
    """Each row's doc_id (lineage rows carry it as the prefix of their article_id)."""
    if "doc_id" in tbl.column_names:
        return tbl.column("doc_id")
    return pc.utf8_slice_codeunits(tbl.column("article_id"), 0, DOC_ID_LENGTH)


def _sorted(table: str, tbl: pa.Table) -> pa.Table:
    if tbl.num_rows > 1:
        tbl = tbl.sort_by([(k, "ascending", "at_end") for k in SORT_KEYS[table]])
    return tbl.combine_chunks()


def with_entity_ids(base: pa.Table, mention_ids: list[str], entity_ids: list[str]) -> pa.Table:
    """The contract's mentions table: ``base`` (sorted, no entity_id) with each row's entity id,
    given as two parallel lists in any order."""
    by_mention = dict(zip(mention_ids, entity_ids, strict=True))
    column = pa.array([by_mention[m] for m in base.column("mention_id").to_pylist()], pa.string())
    schema = arrow_schema("mentions")
    return base.add_column(schema.get_field_index("entity_id"), schema.field("entity_id"), column)


# tables whose pandera checks hold row by row or within one document, except their key's
# uniqueness: rows of pages that passed once need not be validated again (see ``unvalidated``)
PAGE_LOCAL = ("segments", "articles", "repairs", "lineage", "metrics")


def duplicate_keys(table: str, tbl: pa.Table) -> int:
    """How many rows repeat the key (SORT_KEYS) of the row before them; ``tbl`` is sorted by key."""
    if tbl.num_rows < 2:
        return 0
    same = None
    for k in SORT_KEYS[table]:
        col = tbl.column(k)
        eq = pc.fill_null(pc.equal(col.slice(1), col.slice(0, tbl.num_rows - 1)), False)
        same = eq if same is None else pc.and_(same, eq)
    return int(pc.sum(pc.cast(same, pa.int64())).as_py() or 0)


@dataclass
class PageTables:
    """The per-page tables of the pages seen last, kept sorted. ``update`` touches only the rows of
    pages that came or went; a new instance converts every page (a one-shot build)."""

    doc_ids: frozenset[str] = frozenset()
    tables: dict[str, pa.Table] = field(default_factory=dict)
    rows_reused: int = 0
    # per PAGE_LOCAL table: the pages whose rows passed its pandera check in an earlier build
    validated: dict[str, frozenset[str]] = field(default_factory=dict)

    def unvalidated(self, table: str, tbl: pa.Table) -> tuple[pa.Table, int]:
        """The rows of ``tbl`` (this build's ``table``) still to validate, and how many rows were
        validated before: those of pages that passed in an earlier build of this process."""
        done = self.validated.get(table, frozenset()) & self.doc_ids
        if table not in PAGE_LOCAL or not done or tbl is not self.tables.get(table):
            return tbl, 0
        todo = tbl.filter(pc.invert(pc.is_in(_doc_keys(tbl), value_set=pa.array(sorted(done), pa.string()))))
        return todo, tbl.num_rows - todo.num_rows

    def passed(self, table: str, tbl: pa.Table) -> None:
        """Record that every row of ``tbl`` (this build's ``table``) passed its check."""
        if table in PAGE_LOCAL and tbl is self.tables.get(table):
            self.validated[table] = self.doc_ids

    def update(self, results: list[DocResult]) -> dict[str, pa.Table]:
        """The tables of ``results``: the six per-page tables of the contract and the mention rows
        before resolution (key ``mentions``), each as one sorted chunk."""
        by_id = {r.document["doc_id"]: r for r in results}
        ids = frozenset(by_id)
        removed = sorted(self.doc_ids - ids)
        added = [by_id[i] for i in sorted(ids - self.doc_ids)] if self.tables else list(by_id.values())
        out = {"documents": to_table("documents", [r.document for r in results])}
        reused = 0
        for t in KEPT:
            new = _rows_table(t, [row for r in added for row in getattr(r, t)])
            old = self.tables.get(t)
            if old is None:
                out[t] = new
                continue
            if removed:
                old = old.filter(pc.invert(pc.is_in(_doc_keys(old), value_set=pa.array(removed, pa.string()))))
            reused += old.num_rows
            out[t] = _sorted(t, pa.concat_tables([old, new])) if new.num_rows else old.combine_chunks()
        self.doc_ids, self.rows_reused = ids, reused
        self.tables = {t: out[t] for t in KEPT}
        return out


@dataclass
class WarmState:
    """What one long-running process keeps between builds."""

    pages: dict[str, DocResult] = field(default_factory=dict)
    tables: PageTables = field(default_factory=PageTables)

    def retain(self, shas: set[str]) -> None:
        """Forget the results of pages that are no longer among the inputs."""
        for sha in [s for s in self.pages if s not in shas]:
            del self.pages[sha]


_STATE: dict[str, WarmState | None] = {"state": None}


def enable() -> WarmState:
    """Keep state between builds in this process (`pipeline watch`); returns it."""
    if _STATE["state"] is None:
        _STATE["state"] = WarmState()
    return _STATE["state"]


def disable() -> None:
    _STATE["state"] = None


def state() -> WarmState | None:
    """The warm state, or None in a one-shot build."""
    return _STATE["state"]
