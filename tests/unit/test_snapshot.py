"""Snapshots of built structures: reused while their sources are unchanged, rebuilt otherwise."""
from pathlib import Path

from pipeline.publish import to_table
from pipeline.schemas import SORT_KEYS
from pipeline.text import snapshot


def test_snapshot_is_reused_until_a_source_changes(tmp_path: Path, monkeypatch):
    src = tmp_path / "words.txt"
    src.write_text("甲\n乙\n", encoding="utf-8")
    calls = []

    def build():
        calls.append(1)
        return frozenset(src.read_text(encoding="utf-8").split())

    monkeypatch.setitem(snapshot._config, "dir", tmp_path / "snap")
    assert snapshot.load_or_build("words", [src], build) == {"甲", "乙"}
    assert snapshot.load_or_build("words", [src], build) == {"甲", "乙"}
    assert len(calls) == 1  # the second call unpickled the snapshot
    src.write_text("甲\n丙\n", encoding="utf-8")
    assert snapshot.load_or_build("words", [src], build) == {"甲", "丙"}
    assert len(calls) == 2
    assert len(list((tmp_path / "snap").glob("words-*.pkl"))) == 1  # the stale snapshot is gone


def test_corrupt_snapshot_is_rebuilt_and_no_folder_means_no_files(tmp_path: Path, monkeypatch):
    src = tmp_path / "a.txt"
    src.write_text("x", encoding="utf-8")
    folder = tmp_path / "snap"
    monkeypatch.setitem(snapshot._config, "dir", folder)
    snapshot.load_or_build("a", [src], lambda: [1, 2])
    (snap_file,) = folder.glob("a-*.pkl")
    snap_file.write_bytes(b"not a pickle")
    assert snapshot.load_or_build("a", [src], lambda: [3]) == [3]
    monkeypatch.setitem(snapshot._config, "dir", None)
    assert snapshot.load_or_build("b", [src], lambda: "built") == "built"
    assert not list(folder.glob("b-*"))


def test_snapshot_of_the_gazetteer_matches_a_fresh_build(tmp_path: Path, monkeypatch):
    from pipeline.text import gazetteer

    fresh = gazetteer.load.__wrapped__()
    monkeypatch.setitem(snapshot._config, "dir", tmp_path)
    snapshot.load_or_build("gaz-test", [gazetteer.GAZ_FILE], gazetteer.load.__wrapped__)
    loaded = snapshot.load_or_build("gaz-test", [gazetteer.GAZ_FILE], lambda: None)
    assert loaded is not None and loaded.places == fresh.places and loaded.focus == fresh.focus
    text = "湖南省株洲市石峰区清水塘街道"
    assert loaded.find(text) == fresh.find(text)


def test_to_table_sorts_strings_by_code_point_like_python():
    assert SORT_KEYS["rejects"] == ["source_path"]
    rows = [{"source_path": p, "sha256": None, "reason": "empty", "detail": d}
            for p, d in (("b.txt", "1"), ("a.txt", "2"), ("中.txt", "3"), ("Z.txt", "4"))]
    got = to_table("rejects", rows).to_pylist()
    assert [r["source_path"] for r in got] == ["Z.txt", "a.txt", "b.txt", "中.txt"]
    assert [r["detail"] for r in got] == ["4", "2", "1", "3"]
