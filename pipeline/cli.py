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
    import pyarrow.compute as pc

    def count_by(table: str, col: str) -> str:
        c = Counter()
        if table in tables:
            for item in pc.value_counts(tables[table].column(col)).to_pylist():
                c[item["values"]] = item["counts"]
        return ", ".join(f"{k} {v}" for k, v in sorted(c.items(), key=lambda kv: str(kv[0]))) or "none"

    evals = result.get_asset_check_evaluations()
    passed = sum(e.passed for e in evals)
    warned = sum(not e.passed and e.severity.value == "WARN" for e in evals)
    applied = pc.sum(pc.cast(tables["repairs"].column("applied"), "int64")).as_py() or 0 if "repairs" in tables else 0
    n = {t: tables[t].num_rows if t in tables else 0 for t in
         ("documents", "articles", "segments", "repairs", "entities", "mentions", "metrics", "rejects")}
    return (f"documents {n['documents']}; articles {n['articles']}; segments {n['segments']} ({count_by('segments', 'kind')}); "
            f"repairs {n['repairs']} ({applied} applied); entities {n['entities']} ({count_by('entities', 'type')}); "
            f"mentions {n['mentions']}; metrics {n['metrics']}; rejects {n['rejects']}; "
            f"checks {passed} passed, {len(evals) - passed - warned} failed, {warned} warned")


INTERRUPTED = 130  # exit code after SIGINT/SIGTERM stopped a build


class Builder:
    """The build job and a Dagster instance, made once: `pipeline build` runs it once, `pipeline
    watch` again after every change of the input folder."""

    def __init__(self, seeds: Path, out: Path, instance=None):

        from pipeline.assets.resources import PipelinePaths
        from pipeline.definitions import make_definitions

        self.out = out
        defs = make_definitions(PipelinePaths(seeds_dir=str(seeds), datasets_dir=str(out)), in_memory=True)
        self.job = defs.resolve_job_def("build_dataset")
        self.instance = instance  # None: an ephemeral instance, made at the first run
        self.ephemeral = False

    def run(self) -> int:
        """Materialize every asset in-process; 0 when a dataset was published."""
        import dagster as dg

        from pipeline.schemas import TABLES

        started = time.perf_counter()
        if self.instance is None:
            self.instance = dg.DagsterInstance.ephemeral()
            self.ephemeral = True
        result = self.job.execute_in_process(
            instance=self.instance, raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}})
        tables = {}
        for t in TABLES:
            with contextlib.suppress(Exception):  # a step that did not run has no output
                tables[t] = result.asset_value(f"out_{t}")
        published = bool(result.asset_materializations_for_node("dataset"))
        failures = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
        interrupted = any(e.event_specific_data.error.cls_name == "DagsterExecutionInterruptedError"
                          for e in failures if e.event_specific_data and e.event_specific_data.error)
        if self.ephemeral:  # in memory only: a long-running watcher must not pile up every run's events
            self.instance.delete_run(result.run_id)
        if interrupted and not published:
            # Dagster's own handler took the SIGINT/SIGTERM and stopped the run
            return _fail("interrupted: no dataset published (the previous one is unchanged)", INTERRUPTED)
        print(f"summary: {_summary(result, tables)}", flush=True)
        if not published:
            reason = failures[0].event_specific_data.error.message.strip().splitlines()[-1] if failures else \
                "a blocking check failed"
            return _fail(f"no dataset published: {reason}", 1)
        print(f"published {self.out} in {time.perf_counter() - started:.2f} s", flush=True)
        return 0


def _no_pages(seeds: Path) -> str:
    return f"input folder {seeds} holds no *.txt files"


def _check_input(seeds: Path) -> str | None:
    """None when the input folder holds pages, else the one-line reason."""
    from pipeline.ingest import InputError, discover

    try:
        if not discover(seeds):
            return _no_pages(seeds)
    except InputError as exc:
        return str(exc)
    return None


def _prepare() -> None:
    settings.set_progress(True)
    # The run holds a few hundred thousand long-lived row objects; the default collector thresholds
    # would rescan them again and again (about 10% of a cached rerun's CPU time).
    gc.set_threshold(100_000, 50, 100)


def build(seeds: Path, out: Path) -> int:
    """Materialize every asset in-process once; 0 when a dataset was published."""
    problem = _check_input(seeds)
    if problem:
        return _fail(problem)
    _prepare()
    return Builder(seeds, out).run()


def _in_thread(build) -> int:
    """``build()`` on a thread while this (main) thread waits: signals then reach the watcher's own
    handlers, not the ones Dagster installs on the main thread for the length of a run."""
    import threading

    box: dict[str, int] = {}

    def target() -> None:
        try:
            box["code"] = build()
        except Exception as exc:  # noqa: BLE001 - the watcher reports a failed build and goes on
            box["code"] = _fail(f"build failed: {type(exc).__name__}: {exc}", 1)

    thread = threading.Thread(target=target, name="build")
    thread.start()
    while thread.is_alive():
        thread.join(0.2)
    return box.get("code", 1)


def watch(seeds: Path, out: Path, interval: float = 2.0, max_builds: int = 0) -> int:
    """Build, then rebuild whenever the input folder's listing (names, sizes, mtimes) changes, in
    this one process: Dagster, the models, every page's result and the per-page tables stay loaded
    (:mod:`pipeline.incremental`), so a rerun pays only for what changed and the cross-page steps.
    Runs go to the instance of ``DAGSTER_HOME`` when it is set (then they show in the UI's run
    history), else to an ephemeral one. Stops on SIGINT or SIGTERM once the build in progress is
    published (a second signal stops it at once; the previous dataset stays), or after ``max_builds``
    builds."""
    import signal

    from pipeline import incremental
    from pipeline.definitions import listing_key, listing_of
    from pipeline.ingest import InputError
    from pipeline.process import warm_up
    from pipeline.text import snapshot

    stop = {"now": False, "building": False}

    def on_signal(signum, frame) -> None:
        if stop["now"]:  # a second signal: stop now (publishing is atomic, the previous dataset stays)
            os._exit(INTERRUPTED)
        stop["now"] = True
        if stop["building"]:
            print("pipeline: stopping after the build in progress (signal again to stop now)",
                  file=sys.stderr, flush=True)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    _prepare()
    incremental.enable()
    instance = None
    if os.environ.get("DAGSTER_HOME"):
        import dagster as dg

        instance = dg.DagsterInstance.get()
    builder = Builder(seeds, out, instance)
    cache = settings.cache_dir()
    snapshot.set_dir(cache / "snapshots" if cache else None)
    warm_up()
    print(f"watching {seeds} (every {interval:g} s); Ctrl-C stops", flush=True)
    seen, said, builds, code = None, None, 0, 0
    while not stop["now"]:
        key = problem = None
        try:
            files = listing_of(seeds)  # one walk of the folder per look
            if files:
                key = listing_key(files)
            else:
                problem = _no_pages(seeds)
        except InputError as exc:
            problem = str(exc)
        if problem:
            if problem != said:
                print(f"pipeline: {problem}; waiting", file=sys.stderr, flush=True)
                said = problem
        else:
            said = None
            if key != seen:
                seen = key
                stop["building"] = True
                code = _in_thread(builder.run)
                stop["building"] = False
                builds += 1
                if code == INTERRUPTED or (max_builds and builds >= max_builds):
                    break
        deadline = time.monotonic() + interval
        while not stop["now"] and time.monotonic() < deadline:
            time.sleep(min(0.05, interval))
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the dataset from the input pages")
    b.add_argument("--seeds", type=Path, default=None, help="input folder (default: $PIPELINE_SEEDS_DIR or seeds/)")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: $PIPELINE_DATASETS_DIR or datasets/)")
    w = sub.add_parser("watch", help="build, then rebuild in this process whenever the input folder changes")
    w.add_argument("--seeds", type=Path, default=None, help="input folder (default: $PIPELINE_SEEDS_DIR or seeds/)")
    w.add_argument("--out", type=Path, default=None, help="output folder (default: $PIPELINE_DATASETS_DIR or datasets/)")
    w.add_argument("--interval", type=float, default=2.0, help="seconds between looks at the input folder")
    w.add_argument("--max-builds", type=int, default=0, help="stop after this many builds (0: run until stopped)")
    s = sub.add_parser("schemas", help="write schemas/*.json from the pandera models")
    s.add_argument("--out", type=Path, default=settings.PROJECT_ROOT / "schemas")
    e = sub.add_parser("eval", help="score entity extraction on the third-party gold data")
    e.add_argument("--report", type=Path, default=settings.PROJECT_ROOT / "benchmarks" / "eval_report.md")
    args = parser.parse_args(argv)
    if args.command == "build":
        seeds = args.seeds or settings.seeds_dir()
        out = args.out or settings.datasets_dir()
        return build(seeds, out)
    if args.command == "watch":
        return watch(args.seeds or settings.seeds_dir(), args.out or settings.datasets_dir(),
                     max(args.interval, 0.05), max(args.max_builds, 0))
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
