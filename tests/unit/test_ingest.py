"""Finding, hashing and decoding input files; every dropped file gets a reject reason."""
import hashlib
import os
from pathlib import Path

import pytest

from pipeline.ingest import InputError, discover, read_inputs

PAGE = "株洲日报记者 胡乐\n\n石峰区推进美丽社区建设。\n".encode()


def write(root: Path, rel: str, data: bytes) -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


def test_discover_recursive_sorted_txt_only(tmp_path):
    write(tmp_path, "b/二 版.txt", PAGE)
    write(tmp_path, "a.txt", PAGE + b"1")
    write(tmp_path, "c/d/e.TXT", PAGE + b"2")
    write(tmp_path, "notes.md", b"ignored")
    rels = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert rels == ["a.txt", "b/二 版.txt", "c/d/e.TXT"]


def test_missing_folder_is_input_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        discover(tmp_path / "nope")
    f = write(tmp_path, "x.txt", PAGE)
    with pytest.raises(InputError, match="not a folder"):
        discover(f)


def test_documents_and_rejects(tmp_path):
    write(tmp_path, "a.txt", PAGE)
    write(tmp_path, "b_copy.txt", PAGE)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path, "gbk.txt", "湘江两岸。\r\n".encode("gbk"))
    write(tmp_path, "big.txt", PAGE * 50)
    docs, rejects = read_inputs(tmp_path, limit=len(PAGE) * 10)
    assert [d.source_path for d in docs] == ["a.txt", "gbk.txt"]
    assert docs[0].doc_id == hashlib.sha256(PAGE).hexdigest()[:16]
    assert docs[1].encoding == "gb18030" and docs[1].text == "湘江两岸。\r\n"
    got = {r.source_path: (r.reason, r.detail) for r in rejects}
    assert got["b_copy.txt"][0] == "duplicate" and "a.txt" in got["b_copy.txt"][1]
    assert got["empty.txt"][0] == "empty"
    assert got["img.txt"][0] == "binary"
    assert got["big.txt"][0] == "too_large"


def test_symlink_outside_is_unreadable_and_not_followed(tmp_path):
    outside = write(tmp_path / "elsewhere", "secret.txt", PAGE)
    root = tmp_path / "in"
    root.mkdir()
    os.symlink(outside, root / "link.txt")
    docs, rejects = read_inputs(root)
    assert docs == []
    assert [(r.source_path, r.reason) for r in rejects] == [("link.txt", "unreadable")]


def test_unreadable_file(tmp_path, monkeypatch):
    write(tmp_path, "ok.txt", PAGE)
    bad = write(tmp_path, "locked.txt", PAGE + b"x")
    real = Path.read_bytes

    def read_bytes(self):
        if self == bad:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    docs, rejects = read_inputs(tmp_path)
    assert [d.source_path for d in docs] == ["ok.txt"]
    assert rejects[0].reason == "unreadable" and "Permission denied" in rejects[0].detail


def test_result_independent_of_discovery_order(tmp_path):
    for i in range(6):
        write(tmp_path, f"p{i}.txt", PAGE + str(i % 3).encode())
    paths = discover(tmp_path)
    a = read_inputs(tmp_path, paths)
    b = read_inputs(tmp_path, list(reversed(paths)))
    assert a == b
    assert sorted(r.reason for r in a[1]) == ["duplicate"] * 3
