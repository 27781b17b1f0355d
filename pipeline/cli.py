"""`pipeline build`: run the Dagster assets in-process and publish; `pipeline schemas`; `pipeline eval`."""
from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import time
from collections import Counter
from pathlib import Path

from pipeline import settings


def _fail(message: str, code: int = 2) -> int:
    print(f"pipeline: {message}", file=sys.stderr)
    return code


def _summary(result, tables: dict) -> str:
    def count_by(table: str, col: str) -> str:
        c = Counter(tables[table].column(col).to_pylist()) if table in tables else Counter()
        return ", ".join(f"{k} {v}" for k, v in sorted(c.items(), key=lambda kv: str(kv[0]))) or "none"

    evals = result.get_asset_check_evaluations()
    passed = sum(e.passed for e in evals)
    warned = sum(not e.passed and e.severity.value == "WARN" for e in evals)
    applied = sum(tables["repairs"].column("applied").to_pylist()) if "repairs" in tables else 0
    n = {t: tables[t].num_rows if t in tables else 0 for t in
         ("documents", "articles", "segments", "repairs", "entities", "mentions", "metrics", "rejects")}
    return (f"documents {n['documents']}; articles {n['articles']}; segments {n['segments']} ({count_by('segments', 'kind')}); "
            f"repairs {n['repairs']} ({applied} applied); entities {n['entities']} ({count_by('entities', 'type')}); "
            f"mentions {n['mentions']}; metrics {n['metrics']}; rejects {n['rejects']}; "
            f"checks {passed} passed, {len(evals) - passed - warned} failed, {warned} warned")


def build(seeds: Path, out: Path) -> int:
    """Materialize every asset in-process; 0 when a dataset was published."""
    from pipeline.ingest import InputError, discover

    try:
        if not discover(seeds):
            return _fail(f"input folder {seeds} holds no *.txt files")
    except InputError as exc:
        return _fail(str(exc))
    import dagster as dg

    from pipeline.assets.resources import PipelinePaths
    from pipeline.definitions import make_definitions
    from pipeline.schemas import TABLES

    settings.set_progress(True)
    # The run holds a few hundred thousand long-lived row objects; the default collector thresholds
    # would rescan them again and again (about 10% of a cached rerun's CPU time).
    gc.set_threshold(100_000, 50, 100)
    started = time.perf_counter()
    defs = make_definitions(PipelinePaths(seeds_dir=str(seeds), datasets_dir=str(out)), in_memory=True)
    job = defs.resolve_job_def("build_dataset")
    with dg.DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False,
                                          run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}})
    tables = {}
    for t in TABLES:
        with contextlib.suppress(Exception):  # a step that did not run has no output
            tables[t] = result.asset_value(f"out_{t}")
    published = bool(result.asset_materializations_for_node("dataset"))
    print(f"summary: {_summary(result, tables)}")
    failures = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    if not published:
        reason = failures[0].event_specific_data.error.message.strip().splitlines()[-1] if failures else \
            "a blocking check failed"
        return _fail(f"no dataset published: {reason}", 1)
    print(f"published {out} in {time.perf_counter() - started:.1f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the dataset from the input pages")
    b.add_argument("--seeds", type=Path, default=None, help="input folder (default: $PIPELINE_SEEDS_DIR or seeds/)")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: $PIPELINE_DATASETS_DIR or datasets/)")
    s = sub.add_parser("schemas", help="write schemas/*.json from the pandera models")
    s.add_argument("--out", type=Path, default=settings.PROJECT_ROOT / "schemas")
    e = sub.add_parser("eval", help="score entity extraction on the third-party gold data")
    e.add_argument("--report", type=Path, default=settings.PROJECT_ROOT / "benchmarks" / "eval_report.md")
    args = parser.parse_args(argv)
    if args.command == "build":
        seeds = args.seeds or settings.seeds_dir()
        out = args.out or settings.datasets_dir()
        return build(seeds, out)
    if args.command == "schemas":
        from pipeline.schemas import write_schema_files

        for path in write_schema_files(args.out):
            print(path)
        return 0
    if args.command == "eval":
        from pipeline.eval_articles import run_full_eval

        result = run_full_eval(args.report)
        for name, s in result["datasets"].items():
            print(f"{name}: P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}")
        for name, s in result.get("project_sets", {}).items():
            print(f"{name} (project set): P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}")
        print(f"report: {args.report}")
        return 0
    return _fail(f"unknown command {args.command}")


def run() -> None:
    """Console entry point: ``main``, then exit without tearing the interpreter down. Every output
    file is written, closed and swapped in by then; freeing the run's few hundred thousand objects
    one by one would only add about a second to every build."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
