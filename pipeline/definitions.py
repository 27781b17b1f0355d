"""Definitions: assets, checks, the build job, its daily schedule and the input-folder sensor."""

import hashlib
import json
from pathlib import Path

import dagster as dg

from pipeline.assets.checks import ALL_CHECKS
from pipeline.assets.core import core_entities, core_pages
from pipeline.assets.model import ner_eval, ner_model
from pipeline.assets.out import dataset
from pipeline.assets.raw import raw_pages
from pipeline.assets.resources import PipelinePaths
from pipeline.hashing import sha256_file
from pipeline.ingest import InputError, discover
from pipeline.settings import seeds_dir

ASSETS = [raw_pages, core_pages, core_entities, dataset]
MODEL_ASSETS = [ner_model, ner_eval]

build_dataset = dg.define_asset_job(
    "build_dataset",
    selection=dg.AssetSelection.groups("raw", "core", "out"),
    description="Read every input page and publish the whole dataset (in one process: steps are small).",
    executor_def=dg.in_process_executor,
    tags={"pipeline/role": "publish"},
)

daily_rebuild = dg.ScheduleDefinition(
    name="daily_rebuild",
    job=build_dataset,
    cron_schedule="0 3 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Rebuild the dataset every day at 03:00 UTC (unchanged pages come from the per-page cache).",
)


def listing_of(root: Path) -> list[tuple[str, Path]]:
    """(relative name, path) of every input page; raises InputError for an unusable folder."""
    return [(p.relative_to(root).as_posix(), p) for p in discover(root)]


def _listing(root: Path) -> list[tuple[str, Path]] | None:
    try:
        return listing_of(root)
    except InputError:
        return None


def listing_key(files: list[tuple[str, Path]]) -> str:
    """Cheap key from names, sizes and mtimes: unchanged listing → no need to read the pages."""
    h = hashlib.sha256()
    for rel, path in files:
        try:
            st = path.stat()
            h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        except OSError:
            h.update(f"{rel}\0unreadable\n".encode())
    return h.hexdigest()


def content_key(files: list[tuple[str, Path]]) -> str:
    """Key from names and content hashes: the run_key, so the same inputs never start two runs."""
    h = hashlib.sha256()
    for rel, path in files:
        try:
            h.update(f"{rel}\0{sha256_file(path)}\n".encode())
        except OSError:
            h.update(f"{rel}\0unreadable\n".encode())
    return h.hexdigest()


@dg.sensor(
    job=build_dataset,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches the input folder; a new, changed or removed page starts a build. The cursor holds "
    "the folder's listing and content keys; run_key is the content key, so the same inputs never start two runs.",
)
def new_pages_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult | dg.SkipReason:
    root = seeds_dir()
    files = _listing(root)
    if files is None:
        return dg.SkipReason(f"input folder {root} is missing")
    previous = json.loads(context.cursor) if context.cursor else {}
    listing = listing_key(files)
    if previous.get("listing") == listing:
        return dg.SkipReason("no new or changed pages")
    content = content_key(files)
    cursor = json.dumps({"listing": listing, "content": content})
    if previous.get("content") == content:
        return dg.SensorResult(skip_reason="pages touched but their content is unchanged", cursor=cursor)
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=f"inputs-{content[:24]}", tags={"inputs": content[:24]})],
        cursor=cursor,
    )


def make_definitions(paths: PipelinePaths | None = None, in_memory: bool = False) -> dg.Definitions:
    """The code location; ``in_memory`` keeps asset values in memory (one-shot CLI runs, no pickling)."""
    resources: dict = {"paths": paths or PipelinePaths()}
    if in_memory:
        resources["io_manager"] = dg.InMemoryIOManager()
    return dg.Definitions(
        assets=[*ASSETS, *MODEL_ASSETS],
        asset_checks=ALL_CHECKS,
        jobs=[build_dataset],
        schedules=[daily_rebuild],
        sensors=[new_pages_sensor],
        resources=resources,
        executor=dg.in_process_executor,
    )


defs = make_definitions()
