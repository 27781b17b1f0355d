"""Full build of a synthetic corpus, then the rerun after adding one page.

    uv run python benchmarks/build_bench.py [--pages 1000] [--report benchmarks/build_report.md]

Each build is a real `pipeline build` subprocess (fresh interpreter, ephemeral Dagster instance);
wall time and peak RSS (ru_maxrss of the child) are measured. The rerun keeps the per-page cache,
so only the new page's per-page work is redone.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

ROOT = Path(__file__).resolve().parents[1]
WATCH_INTERVAL = 0.2  # seconds between the watcher's looks at the input folder


def timed_build(seeds: Path, out: Path, cache: Path, workers: int | None = None) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds, peak RSS MB of the largest process, summary line) of one
    `pipeline build` subprocess; ``workers`` sets PIPELINE_WORKERS (default: every usable core)."""
    env = {"PIPELINE_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin", "HOME": str(cache.parent)}
    if workers:
        env["PIPELINE_WORKERS"] = str(workers)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "build", "--seeds", str(seeds), "--out", str(out)],
                          check=False, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    peak_mb = max(usage.ru_maxrss, before) / 1024
    if proc.returncode != 0:
        raise SystemExit(f"build failed: {proc.stderr[-2000:]}")
    summary = next((x for x in proc.stdout.splitlines() if x.startswith("summary:")), "")
    return seconds, cpu, peak_mb, summary


def timed_watch(seeds: Path, out: Path, cache: Path,
                new_pages: list[Path]) -> tuple[float, list[float], list[float], float]:
    """A `pipeline watch` process on ``seeds``: (seconds of its first build, then for each page of
    ``new_pages`` added one at a time: the build time the watcher reports, and the latency from the
    page appearing to the dataset being published, which adds the polling interval; and the peak
    RSS of the watcher in MB)."""
    env = {"PIPELINE_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin", "HOME": str(cache.parent)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "watch", "--seeds", str(seeds), "--out", str(out),
         "--interval", str(WATCH_INTERVAL)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)

    def next_build() -> float:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("published "):
                return float(line.rsplit(" in ", 1)[1].split()[0])
            if line.startswith("pipeline:"):
                raise SystemExit(f"watch failed: {line.strip()}")
        raise SystemExit("watch stopped before publishing")

    try:
        first = next_build()
        builds, latencies = [], []
        for i, page in enumerate(new_pages):
            staged = seeds.parent / f"staged-{i}.txt"
            staged.write_bytes(page.read_bytes())
            (seeds / "watched").mkdir(exist_ok=True)
            started = time.perf_counter()
            staged.rename(seeds / "watched" / f"added-{i}.txt")  # appears whole
            builds.append(next_build())
            latencies.append(time.perf_counter() - started)
        peak_mb = _peak_rss_mb(proc.pid)
        proc.send_signal(signal.SIGINT)  # idle now: it stops at once
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    return first, builds, latencies, peak_mb


def _peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a running process (Linux /proc), in MB; 0 where unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def timed_import() -> tuple[float, float]:
    """(wall, CPU) seconds of a process that only imports the pipeline's definitions: the floor of any run."""
    cpu_before = sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2])
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import pipeline.definitions"], check=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    return seconds, sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2]) - cpu_before


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "build_report.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        seeds, out, cache = tmp / "seeds", tmp / "out", tmp / "cache"
        generate(seeds, args.pages, args.seed)
        n_chars = sum(len(p.read_text(encoding="utf-8")) for p in seeds.rglob("*.txt"))
        serial_s, serial_cpu, serial_mb, _ = timed_build(seeds, tmp / "out1", tmp / "cache1", workers=1)
        full_s, full_cpu, full_mb, full_summary = timed_build(seeds, out, cache)
        again_s, again_cpu, _, _ = timed_build(seeds, out, cache)
        extra = tmp / "extra"
        generate(extra, 1, args.seed + 999)
        new_page = next(extra.rglob("*.txt"))
        (seeds / "new").mkdir()
        new_page.rename(seeds / "new" / "added.txt")
        plus_s, plus_cpu, _, plus_summary = timed_build(seeds, out, cache)
        # a long-running `pipeline watch` over the same pages: three pages added one after another
        more = tmp / "more"
        generate(more, 3, args.seed + 555)
        watch_first, watch_builds, watch_latencies, watch_mb = timed_watch(seeds, out, cache, sorted(more.rglob("*.txt")))
        # the floor of any run: the same assets, steps and checks over a one-page corpus, cache warm
        tiny, tiny_out = tmp / "tiny", tmp / "tiny_out"
        generate(tiny, 1, args.seed)
        timed_build(tiny, tiny_out, cache)
        floor_s, floor_cpu, _, _ = timed_build(tiny, tiny_out, cache)
    import_s, import_cpu = timed_import()
    n_cores = len(os.sched_getaffinity(0))
    ratio = plus_s / full_s
    warm_s = statistics.median(watch_builds)
    lines = [
        "# Build benchmark",
        "",
        (f"`uv run python benchmarks/build_bench.py --pages {args.pages} --seed {args.seed}` on "
        f"{platform.machine()}, Python {platform.python_version()}, {n_cores} usable cores: the pages that are "
        f"not in the cache are processed on {n_cores} forked processes (`PIPELINE_WORKERS`), the rest of a "
        "run is one process."),
        "",
        f"Corpus: {args.pages} synthetic pages, {n_chars:,} characters (benchmarks/corpus.py).",
        "",
        ("Each run is a fresh `pipeline build` process. CPU time (user + system) is shown beside the wall "
        "time because this machine is shared and wall time varies with its load."),
        "",
        "| run | wall time (s) | CPU time (s) | peak RSS of the largest process (MB) |",
        "|---|---:|---:|---:|",
        f"| full build, empty cache | {full_s:.1f} | {full_cpu:.1f} | {full_mb:.0f} |",
        f"| full build, empty cache, one worker (`PIPELINE_WORKERS=1`) | {serial_s:.1f} | {serial_cpu:.1f} | {serial_mb:.0f} |",
        f"| rerun, no change | {again_s:.1f} | {again_cpu:.1f} | |",
        f"| rerun after adding 1 page | {plus_s:.1f} | {plus_cpu:.1f} | |",
        (f"| of which: start a process and import the pipeline (Python, Dagster, pandas, pandera) "
        f"| {import_s:.1f} | {import_cpu:.1f} | |"),
        (f"| floor: rerun of a one-page corpus (process, imports, Dagster instance, every step and check) "
        f"| {floor_s:.1f} | {floor_cpu:.1f} | |"),
        (f"| `pipeline watch`: its first build (every page from the cache) | {watch_first:.1f} | | "
         f"{watch_mb:.0f} (the watcher, after its four builds) |"),
        (f"| `pipeline watch`: rerun after adding 1 page (median of {len(watch_builds)}: "
         f"{', '.join(f'{b:.2f}' for b in watch_builds)}) | {warm_s:.2f} | | |"),
        (f"| `pipeline watch`: from the page appearing to the dataset published (polling every "
         f"{WATCH_INTERVAL:g} s) | {statistics.median(watch_latencies):.2f} | | |"),
        "",
        (f"**One-page rerun in a running `pipeline watch`: {warm_s / full_s:.1%} of the full build** "
         f"(target ≤ 10%); from the page appearing to the new dataset, "
         f"{statistics.median(watch_latencies) / full_s:.1%}."),
        "",
        (f"One-page rerun in a fresh `pipeline build` process: **{ratio:.1%}** of the wall time, {plus_cpu / full_cpu:.1%} of the CPU time "
        f"(target ≤ 10%). The floor alone is {floor_s / full_s:.1%} of the full build; above the floor the "
        f"one-page rerun spends {plus_s - floor_s:.1f} s on the cross-page work over all {args.pages + 1} pages."),
        "",
        f"Full build: `{full_summary}`",
        "",
        f"After adding a page: `{plus_summary}`",
        "",
        "## Notes",
        "",
        ("- A full build on an empty cache also builds the snapshots (gazetteer, tagger lexicon and decoder, "
        "statistics; about 4 s, one process) before the first page; the other pages then go to the pool of "
        "workers, forked from the build process so that they share what it loaded. Pool and serial builds "
        "give byte-identical files. Peak RSS is that of the largest process; the workers add their own."),
        ("- The reruns take each unchanged page from the content-addressed cache (`core_pages` metadata: "
        "`pages_processed`), and the gazetteer, tagger lexicon and statistics from their snapshots; only "
        "the new page is segmented, repaired and extracted."),
        ("- What every run still pays: a fresh process importing Python, Dagster, pandas and pandera "
        f"({import_s:.1f} s, {import_s / full_s:.1%} of the full build), Dagster's ephemeral instance (about "
        "0.9 s, mostly importing SQLAlchemy and Alembic) and its 5 steps, and the cross-page work over all "
        "pages: entity resolution (with the gazetteer snapshot), the nine Arrow tables, their pandera checks "
        "and the Parquet files. The floor row measures all of it on a one-page corpus: no build can be "
        "faster, so with a full build this fast the 10% target is out of reach for a fresh process."),
        ("- Adding a page also loads what page processing needs once per process: the tagger's compiled "
        "decoder, lexicon and gazetteer snapshots, numba (its kernels are cached in `__pycache__` after the "
        "first run) and the character statistics (about 1.5 s together)."),
        ("- `pipeline watch` is the way to rerun in a fraction of that: one process that stays up, with "
        "Dagster, the models (loaded before the first page arrives), every page's result and the sorted "
        "per-page tables in memory (`pipeline/incremental.py`). A rerun reads and hashes every input file, "
        "processes the new page, merges its rows into the tables, resolves entities over all pages, "
        "validates the new rows (and key uniqueness over each whole table), the cross-page tables in full, "
        "and writes the Parquet files. Its dataset is byte-identical to a fresh build's "
        "(`tests/integration/test_watch.py`). The latency row adds the wait for the watcher's next look "
        "at the folder."),
        ("- `pipeline build` exits without tearing the interpreter down once the dataset is published "
        "(`pipeline.cli.run`), which saves about a second of freeing objects. Dagster's run launcher starts a "
        "fresh process per run too, so UI and sensor runs pay the same floor, plus Dagster's own command "
        "start-up and its persistent event storage."),
        "",
    ]
    args.report.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
