"""Table schemas (pandera models, schemas/ files) and the deterministic, atomic publish."""
import datetime
import json
import threading
from pathlib import Path

import pyarrow as pa_arrow
import pyarrow.parquet as pq
import pytest

from pipeline.assets.checks import validate
from pipeline.publish import PublishError, build_lock, parquet_bytes, publish, to_table
from pipeline.schemas import TABLES, arrow_schema, render_schema_files

ROOT = Path(__file__).resolve().parents[2]
DOC = "0123456789abcdef"


def seg(seq, start, end, kind="body", text=None):
    return {"doc_id": DOC, "seq": seq, "kind": kind, "article_id": None, "raw_start": start, "raw_end": end,
            "text": text if text is not None else "x" * (end - start)}


def test_schema_files_in_sync():
    """`uv run pipeline schemas` regenerates these; the committed files must match the models."""
    for name, text in render_schema_files().items():
        path = ROOT / "schemas" / name
        assert path.exists(), f"{path} missing: run `uv run pipeline schemas`"
        assert path.read_text(encoding="utf-8") == text, f"{name} is stale: run `uv run pipeline schemas`"
    assert sorted(p.name for p in (ROOT / "schemas").glob("*.json")) == sorted(render_schema_files())


def test_segments_model_accepts_tiling_and_rejects_gaps():
    good = to_table("segments", [seg(0, 0, 3), seg(1, 3, 5, "blank")])
    assert validate("segments", good)[0]
    gap = to_table("segments", [seg(0, 0, 3), seg(1, 4, 5)])
    ok, failures = validate("segments", gap)
    assert not ok and failures is not None and len(failures) >= 1
    bad_kind = to_table("segments", [seg(0, 0, 3, "furniture")])
    assert not validate("segments", bad_kind)[0]


def test_documents_model_checks_ids():
    row = {"doc_id": "f" * 16, "source_path": "a/b.txt", "sha256": "f" * 64, "n_bytes": 3, "n_chars": 1,
           "encoding": "utf-8", "publication": None, "published_date": datetime.date(2020, 1, 2),
           "n_articles": 0}
    assert validate("documents", to_table("documents", [row]))[0]
    assert not validate("documents", to_table("documents", [{**row, "doc_id": "e" * 16}]))[0]
    assert not validate("documents", to_table("documents", [{**row, "source_path": "../x.txt"}]))[0]


def test_every_model_accepts_an_empty_table():
    """A corpus may have no article (all furniture) or no repair: an empty table is valid."""
    for name in TABLES:
        assert validate(name, to_table(name, []))[0], name


def test_to_table_has_contract_types_and_fixed_order():
    rows = [seg(1, 3, 5), seg(0, 0, 3)]
    t = to_table("segments", rows)
    assert t.schema == arrow_schema("segments")
    assert t.column("seq").to_pylist() == [0, 1]
    assert parquet_bytes(t) == parquet_bytes(to_table("segments", list(reversed(rows))))


def empty_tables():
    return {name: to_table(name, []) for name in TABLES}


def test_publish_writes_all_tables_and_manifest_atomically(tmp_path):
    out = tmp_path / "datasets"
    out.mkdir()
    (out / "stale.txt").write_text("old")
    man = publish(out, empty_tables(), [{"path": "a.txt", "sha256": None}])
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{t}.parquet" for t in TABLES] + ["manifest.json"])
    on_disk = json.loads((out / "manifest.json").read_text())
    assert on_disk == man and on_disk["tables"]["segments.parquet"]["rows"] == 0
    assert pq.read_table(out / "articles.parquet").schema.equals(arrow_schema("articles"))
    assert not list(tmp_path.glob(".datasets.tmp-*")), "no temporary folder left behind"
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    publish(out, empty_tables(), [{"path": "a.txt", "sha256": None}])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first


def test_publish_refuses_incomplete_tables(tmp_path):
    tables = empty_tables()
    del tables["metrics"]
    with pytest.raises(PublishError, match="metrics"):
        publish(tmp_path / "out", tables, [])
    assert not (tmp_path / "out").exists()


def test_second_publisher_waits_then_fails_clearly(tmp_path):
    out = tmp_path / "datasets"
    held = threading.Event()
    release = threading.Event()

    def holder():
        with build_lock(out):
            held.set()
            release.wait(5)

    t = threading.Thread(target=holder)
    t.start()
    held.wait(5)
    try:
        with pytest.raises(PublishError, match="another build"), build_lock(out, timeout=0.3):
            pass
    finally:
        release.set()
        t.join()
    with build_lock(out, timeout=1):
        pass


def test_cross_table_checks_find_bad_rows():
    from pipeline.assets.checks import bad_mentions, bad_metrics

    articles = pa_arrow.table({"article_id": ["a-001"], "body": ["株洲市石峰区"]})
    entities = pa_arrow.table({"entity_id": ["E1", "E2"], "type": ["PLACE", "PLACE"]})
    mentions = pa_arrow.table({"mention_id": ["m0", "m1", "m2", "m3"], "entity_id": ["E1", "E2", "E9", "E1"],
                               "type": ["PLACE", "PLACE", "PLACE", "ORG"], "article_id": ["a-001"] * 4,
                               "start": [0, 3, 0, 0], "end": [3, 6, 3, 3], "surface": ["株洲市", "石峰", "株洲市", "株洲市"]})
    assert [m["mention_id"] for m in bad_mentions(mentions, entities, articles)] == ["m1", "m2", "m3"]
    metrics = pa_arrow.table({"metric_id": ["q0", "q1"], "article_id": ["a-001", "a-002"], "start": [0, 0],
                              "end": [2, 2], "surface": ["株洲", "株洲"]})
    assert [m["metric_id"] for m in bad_metrics(metrics, articles)] == ["q1"]
