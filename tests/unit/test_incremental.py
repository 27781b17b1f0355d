"""Warm state of a long-running build: tables updated page by page equal a full conversion."""
import copy
import hashlib
from pathlib import Path

import pyarrow as pa
import pytest

from pipeline import incremental
from pipeline.cache import PageCache
from pipeline.incremental import KEPT, PageTables, WarmState, duplicate_keys, with_entity_ids
from pipeline.ingest import Document
from pipeline.process import page_set as make_page_set
from pipeline.process import process_document, resolve_entities
from pipeline.publish import parquet_bytes, to_table

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"


def _doc(path: Path) -> Document:
    text = path.read_text(encoding="utf-8")
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(doc_id=sha[:16], source_path=path.name, sha256=sha, n_bytes=len(text.encode()),
                    encoding="utf-8", text=text)


@pytest.fixture(scope="module")
def results():
    files = sorted(p for p in PAGES.glob("*.txt") if "gb18030" not in p.name)[:6]
    return [process_document(_doc(p)) for p in files]


def _bytes(tables: dict) -> dict[str, bytes]:
    return {t: parquet_bytes(tbl) for t, tbl in tables.items()}


def test_updates_page_by_page_equal_a_full_conversion(results):
    warm = PageTables()
    steps = [results[:3], results[:5], results[1:5], [results[4], results[0], results[5]], results, results[2:3], []]
    for pages in steps:
        got = warm.update(pages)
        want = PageTables().update(pages)
        assert set(got) == {"documents", *KEPT}
        assert _bytes(got) == _bytes(want)
        assert all(tbl.column(0).num_chunks <= 1 for tbl in got.values())
    # rows of pages that stayed are reused, not converted again
    warm.update(results[:5])
    warm.update(results)
    assert warm.rows_reused == sum(len(getattr(r, t)) for r in results[:5] for t in KEPT)


def test_full_conversion_is_the_contract_table(results):
    tables = PageTables().update(results)
    for t in ("segments", "articles", "repairs", "lineage", "metrics"):
        assert tables[t].equals(to_table(t, [row for r in results for row in getattr(r, t)]))
    assert "entity_id" not in tables["mentions"].column_names


def test_entity_ids_are_attached_by_mention_id(results):
    pages = make_page_set(results)
    base = PageTables().update(results)["mentions"]
    _, mention_rows = resolve_entities(pages)
    ids = [row["entity_id"] for row in mention_rows]
    got = with_entity_ids(base, [r["mention_id"] for r in pages.mentions], ids)
    assert got.equals(to_table("mentions", mention_rows))
    # the lists may come in any order
    shuffled = list(zip([r["mention_id"] for r in pages.mentions], ids, strict=True))[::-1]
    assert with_entity_ids(base, [m for m, _ in shuffled], [e for _, e in shuffled]).equals(got)
    with pytest.raises(KeyError):
        with_entity_ids(base, [], [])


def test_memory_layer_in_front_of_the_disk_cache(tmp_path, results):
    memory: dict = {}
    cache = PageCache(tmp_path, memory=memory)
    sha = results[0].document["sha256"]
    assert cache.get(sha) is None and cache.misses == 1
    cache.put(sha, results[0])
    assert memory[sha] is results[0]
    assert PageCache(tmp_path, memory={}).get(sha) is not None  # also on disk
    memory.clear()
    fresh = PageCache(tmp_path, memory=memory)
    assert fresh.get(sha) is not None and sha in memory and fresh.hits == 1  # read once, then kept
    assert fresh.get(sha) is memory[sha] and fresh.hits == 2


def test_warm_state_forgets_pages_that_left(results):
    state = WarmState()
    for r in results[:3]:
        state.pages[r.document["sha256"]] = r
    state.retain({results[1].document["sha256"]})
    assert list(state.pages) == [results[1].document["sha256"]]


def test_only_rows_of_pages_not_yet_passed_are_validated(results):
    tables = PageTables()
    first = tables.update(results[:3])
    assert tables.unvalidated("segments", first["segments"]) == (first["segments"], 0)
    tables.passed("segments", first["segments"])
    second = tables.update(results[:4])
    todo, before = tables.unvalidated("segments", second["segments"])
    assert before == first["segments"].num_rows
    assert set(todo.column("doc_id").to_pylist()) == {results[3].document["doc_id"]}
    # a table this build did not make (e.g. read back from storage) is validated whole
    copy = second["segments"].slice(0)
    assert tables.unvalidated("segments", copy) == (copy, 0)
    # cross-page tables are always validated whole
    assert tables.unvalidated("documents", second["documents"])[1] == 0


def test_duplicate_keys_are_counted_over_the_whole_table(results):
    seg = PageTables().update(results[:2])["segments"]
    assert duplicate_keys("segments", seg) == 0
    doubled = pa.concat_tables([seg, seg.slice(0, 3)]).sort_by([("doc_id", "ascending"), ("seq", "ascending")])
    assert duplicate_keys("segments", doubled) == 3


def test_warm_check_fails_on_a_bad_row_of_a_new_page(results):
    from pipeline.assets.checks import schema_result

    state = incremental.enable()
    try:
        good = state.tables.update(results[:3])
        assert schema_result("segments", good["segments"]).passed
        bad_page = copy.deepcopy(results[3])
        bad_page.segments[0]["kind"] = "furniture"
        bad = state.tables.update([*results[:3], bad_page])
        check = schema_result("segments", bad["segments"])
        assert not check.passed and check.metadata["rows_validated_before"].value == good["segments"].num_rows
        # the bad page is validated again next time (it never passed)
        again = state.tables.update([*results[:3], bad_page])
        assert again["segments"].num_rows - state.tables.unvalidated("segments", again["segments"])[1] > 0
    finally:
        incremental.disable()
