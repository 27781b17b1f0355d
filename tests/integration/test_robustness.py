"""Production behaviour: bad inputs, crashes mid-publish, a second build at once, the per-page cache."""
import hashlib
import json
import os
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq

from tests.integration.conftest import ROOT, SEEDS, files, materialize

PAGE = "发展新路子\n\n株洲日报记者 王娜\n\n石峰区新建3所学校,惠及1100余户居民。\n".encode()


def test_bad_inputs_are_rejected_and_the_rest_is_unaffected(tmp_path, seeds_copy):
    s = seeds_copy
    (s / "empty.txt").write_bytes(b"")
    (s / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (s / "nul.txt").write_bytes(b"abc\x00def")
    (s / "gbk page.txt").write_bytes(PAGE.decode().encode("gb18030"))
    (s / "bom.txt").write_bytes(b"\xef\xbb\xbf" + PAGE.replace("王娜".encode(), "李卉".encode()))
    (s / "crlf.txt").write_bytes(PAGE.replace(b"\n", b"\r\n").replace("3所".encode(), "4所".encode()))
    (s / "cut.txt").write_bytes("株洲日报记者".encode()[:-1])
    (s / "copy of 000.txt").write_bytes((SEEDS / "000_41a2395022098011.txt").read_bytes())
    nested = s / "二版" / "深层"
    nested.mkdir(parents=True)
    (nested / "新闻 稿.txt").write_bytes(PAGE.replace("学校".encode(), "医院".encode()))
    (s / "readme.md").write_text("not an input")
    outside = tmp_path / "outside.txt"
    outside.write_bytes(PAGE + b"!")
    os.symlink(outside, s / "link.txt")
    (s / "huge.txt").write_bytes(PAGE * 3000)
    out = tmp_path / "out"
    os.environ["PIPELINE_MAX_BYTES"] = str(100_000)
    try:
        result = materialize(s, out)
    finally:
        del os.environ["PIPELINE_MAX_BYTES"]
    assert result.success
    docs = pq.read_table(out / "documents.parquet").to_pylist()
    rejects = {r["source_path"]: r for r in pq.read_table(out / "rejects.parquet").to_pylist()}
    assert {k: v["reason"] for k, v in rejects.items()} == {
        "empty.txt": "empty", "image.txt": "binary", "nul.txt": "binary", "cut.txt": "undecodable",
        "copy of 000.txt": "duplicate", "link.txt": "unreadable", "huge.txt": "too_large",
    }
    assert "000_41a2395022098011.txt" in rejects["copy of 000.txt"]["detail"]
    by_path = {d["source_path"]: d for d in docs}
    assert by_path["gbk page.txt"]["encoding"] == "gb18030"
    assert by_path["bom.txt"]["encoding"] == "utf-8-sig"
    assert by_path["二版/深层/新闻 稿.txt"]["n_articles"] >= 1
    crlf_segments = [x for x in pq.read_table(out / "segments.parquet").to_pylist()
                     if x["doc_id"] == by_path["crlf.txt"]["doc_id"]]
    assert "".join(x["text"] for x in crlf_segments) == PAGE.replace(b"\n", b"\r\n").replace(
        "3所".encode(), "4所".encode()).decode()
    # the seed pages' articles are exactly those of a seeds-only build
    seed_ids = {hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in SEEDS.glob("*.txt")}
    committed = [a for a in pq.read_table(ROOT / "datasets" / "articles.parquet").to_pylist()]
    now = [a for a in pq.read_table(out / "articles.parquet").to_pylist() if a["doc_id"] in seed_ids]
    assert now == committed


def _dataset_complete(out) -> bool:
    man = json.loads((out / "manifest.json").read_text())
    for name, info in man["tables"].items():
        data = (out / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != info["sha256"]:
            return False
    return True


def test_sigkill_mid_publish_keeps_previous_dataset(tmp_path):
    out = tmp_path / "datasets"
    assert materialize(SEEDS, out).success
    before = files(out)
    env = {**os.environ, "PIPELINE_PUBLISH_DELAY": "0.4", "PIPELINE_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "build", "--seeds", str(SEEDS),
                             "--out", str(out)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(tmp_path.glob(".datasets.tmp-*/*.parquet")):
        time.sleep(0.05)
    assert list(tmp_path.glob(".datasets.tmp-*/*.parquet")), "the build never started writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert files(out) == before and _dataset_complete(out)
    # the next build succeeds and cleans up the dead build's temporary folder
    assert materialize(SEEDS, out).success
    assert files(out) == before
    assert not list(tmp_path.glob(".datasets.tmp-*"))


def test_rerun_uses_the_page_cache_and_changes_no_byte(tmp_path, seeds_copy):
    cache = tmp_path / "cache"
    out = tmp_path / "out"
    first = materialize(seeds_copy, out, cache)
    before = files(out)
    meta = first.asset_materializations_for_node("core_pages")[0].metadata
    assert meta["pages_processed"].value == 5 and meta["pages_from_cache"].value == 0
    again = materialize(seeds_copy, out, cache)
    meta = again.asset_materializations_for_node("core_pages")[0].metadata
    assert meta["pages_processed"].value == 0 and meta["pages_from_cache"].value == 5
    assert files(out) == before
    (seeds_copy / "new.txt").write_bytes(PAGE)
    third = materialize(seeds_copy, out, cache)
    meta = third.asset_materializations_for_node("core_pages")[0].metadata
    assert meta["pages_processed"].value == 1 and meta["pages_from_cache"].value == 5
    assert json.loads((out / "manifest.json").read_text())["tables"]["documents.parquet"]["rows"] == 6


def test_two_builds_at_once_do_not_interleave(tmp_path):
    out = tmp_path / "datasets"
    env = {**os.environ, "PIPELINE_PUBLISH_DELAY": "0.2", "PIPELINE_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "pipeline.cli", "build", "--seeds", str(SEEDS), "--out", str(out)]
    procs = [subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    codes = [p.returncode for p in procs]
    # each either published (the second after waiting for the lock) or failed with a clear message
    for code, (_, err) in zip(codes, results):
        assert code == 0 or "another build" in err, err[-2000:]
        assert "Traceback" not in err
    assert 0 in codes
    assert _dataset_complete(out)
    assert files(out) == files(ROOT / "datasets")
