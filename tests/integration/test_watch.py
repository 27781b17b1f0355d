"""`pipeline watch`: one long-running process that rebuilds when the input folder changes."""
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time

import dagster as dg

from tests.integration.conftest import COMMITTED, ROOT, SEEDS, files, materialize

PAGE = "社区食堂开张\n\n株洲日报记者 王娜\n\n荷塘区新建社区食堂3个，服务老人近2000人次。\n".encode()


class Watcher:
    """A `pipeline watch` subprocess whose output lines are read on a thread."""

    def __init__(self, seeds, out, env, max_builds):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline.cli", "watch", "--seeds", str(seeds), "--out", str(out),
             "--interval", "0.1", "--max-builds", str(max_builds)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.err: list[str] = []
        threading.Thread(target=self._pump, args=(self.proc.stdout, True), daemon=True).start()
        threading.Thread(target=self._pump, args=(self.proc.stderr, False), daemon=True).start()

    def _pump(self, stream, is_out):
        for line in stream:
            if is_out:
                self.lines.put(line)
            else:
                self.err.append(line)
                if line.startswith("pipeline:"):
                    self.lines.put(line)

    def wait_for(self, prefix: str, timeout: float = 240) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.proc.poll() is None, "".join(self.err)[-3000:]
                continue
            if line.startswith(prefix):
                return line
        raise AssertionError(f"no line starting {prefix!r}: {''.join(self.err)[-3000:]}")

    def finish(self, timeout: float = 60) -> int:
        code = self.proc.wait(timeout)
        time.sleep(0.2)  # let the reader threads drain
        assert "Traceback" not in "".join(self.err), "".join(self.err)[-3000:]
        return code


def _env(tmp_path, **extra):
    env = {**os.environ, "PIPELINE_CACHE_DIR": str(tmp_path / "cache"), **extra}
    if "DAGSTER_HOME" not in extra:
        env.pop("DAGSTER_HOME", None)
    return env


def test_watch_rebuilds_after_changes_byte_identical_to_fresh_builds(tmp_path, seeds_copy):
    out = tmp_path / "out"
    home = tmp_path / "dagster_home"
    home.mkdir()
    w = Watcher(seeds_copy, out, _env(tmp_path, DAGSTER_HOME=str(home)), max_builds=4)
    w.wait_for("published")
    assert files(out) == files(COMMITTED)
    # a page appears in a new sub-folder: rebuilt in place, the same bytes as a fresh one-shot build
    staged = tmp_path / "staged.txt"
    staged.write_bytes(PAGE)
    (seeds_copy / "新 页").mkdir()
    staged.rename(seeds_copy / "新 页" / "社区 食堂.txt")
    w.wait_for("published")
    fresh = tmp_path / "fresh"
    assert materialize(seeds_copy, fresh).success
    assert files(out) == files(fresh) != files(COMMITTED)
    # renamed: same content under a new name (the documents table changes, the page is not redone)
    (seeds_copy / "新 页" / "社区 食堂.txt").rename(seeds_copy / "新 页" / "renamed.txt")
    w.wait_for("published")
    shutil.rmtree(fresh)
    assert materialize(seeds_copy, fresh).success
    assert files(out) == files(fresh)
    # it goes away again: back to the committed bytes
    shutil.rmtree(seeds_copy / "新 页")
    w.wait_for("published")
    assert w.finish() == 0
    assert files(out) == files(COMMITTED)
    # with DAGSTER_HOME set, every build is a run in that instance (the UI's run history)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs()
        assert len(runs) == 4 and all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)


def test_watch_waits_for_a_missing_folder_and_stops_cleanly(tmp_path):
    seeds = tmp_path / "incoming"
    out = tmp_path / "out"
    w = Watcher(seeds, out, _env(tmp_path), max_builds=0)
    line = w.wait_for("pipeline:")
    assert "does not exist" in line and "waiting" in line and line.count("\n") == 1
    shutil.copytree(SEEDS, tmp_path / "staging")
    (tmp_path / "staging").rename(seeds)  # the folder appears whole
    w.wait_for("published")
    assert files(out) == files(COMMITTED)
    w.proc.send_signal(signal.SIGTERM)
    assert w.finish() == 0


def _wait_for_publishing(tmp_path, w: Watcher) -> None:
    deadline = time.monotonic() + 240
    while not list(tmp_path.glob(".out.tmp-*/*.parquet")):
        assert time.monotonic() < deadline and w.proc.poll() is None, "".join(w.err)[-3000:]
        time.sleep(0.02)


def test_a_signal_mid_build_finishes_that_build_a_second_stops_at_once(tmp_path):
    out = tmp_path / "out"
    env = _env(tmp_path, PIPELINE_PUBLISH_DELAY="0.3")  # each Parquet file takes 0.3 s to "write"
    w = Watcher(SEEDS, out, env, max_builds=0)
    _wait_for_publishing(tmp_path, w)
    w.proc.send_signal(signal.SIGTERM)
    assert w.finish() == 0
    assert files(out) == files(COMMITTED)
    assert any("stopping after the build in progress" in line for line in w.err)
    # twice: it stops at once, mid-publish; the dataset in place is untouched and the next build works
    w = Watcher(SEEDS, out, env, max_builds=0)
    _wait_for_publishing(tmp_path, w)
    w.proc.send_signal(signal.SIGINT)
    time.sleep(0.1)
    w.proc.send_signal(signal.SIGINT)
    assert w.finish() == 130
    assert files(out) == files(COMMITTED)
    assert materialize(SEEDS, out).success and not list(tmp_path.glob(".out.tmp-*"))
