"""Full build of a synthetic corpus, then the rerun after adding one page.

    uv run python benchmarks/build_bench.py [--pages 1000] [--report benchmarks/build_report.md]

Each build is a real `pipeline build` subprocess (fresh interpreter, ephemeral Dagster instance);
wall time and peak RSS (ru_maxrss of the child) are measured. The rerun keeps the per-page cache,
so only the new page's per-page work is redone.
"""
from __future__ import annotations

import argparse
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

ROOT = Path(__file__).resolve().parents[1]


def timed_build(seeds: Path, out: Path, cache: Path) -> tuple[float, float, str]:
    env = {"PIPELINE_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin", "HOME": str(cache.parent)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "build", "--seeds", str(seeds), "--out", str(out)],
                          check=False, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak_mb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    if proc.returncode != 0:
        raise SystemExit(f"build failed: {proc.stderr[-2000:]}")
    summary = next((x for x in proc.stdout.splitlines() if x.startswith("summary:")), "")
    return seconds, peak_mb, summary


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
        full_s, full_mb, full_summary = timed_build(seeds, out, cache)
        again_s, _, _ = timed_build(seeds, out, cache)
        extra = tmp / "extra"
        generate(extra, 1, args.seed + 999)
        new_page = next(extra.rglob("*.txt"))
        (seeds / "new").mkdir()
        new_page.rename(seeds / "new" / "added.txt")
        plus_s, _, plus_summary = timed_build(seeds, out, cache)
    ratio = plus_s / full_s
    lines = [
        "# Build benchmark",
        "",
        (f"`uv run python benchmarks/build_bench.py --pages {args.pages} --seed {args.seed}` on "
        f"{platform.machine()}, Python {platform.python_version()}, 2 cores (one used)."),
        "",
        f"Corpus: {args.pages} synthetic pages, {n_chars:,} characters (benchmarks/corpus.py).",
        "",
        "| run | wall time (s) | peak RSS (MB) |",
        "|---|---:|---:|",
        f"| full build, empty cache | {full_s:.1f} | {full_mb:.0f} |",
        f"| rerun, no change | {again_s:.1f} | |",
        f"| rerun after adding 1 page | {plus_s:.1f} | |",
        "",
        f"One-page rerun / full build: **{ratio:.1%}** (target ≤ 10%).",
        "",
        f"Full build: `{full_summary}`",
        "",
        f"After adding a page: `{plus_summary}`",
        "",
    ]
    args.report.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
