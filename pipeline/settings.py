"""Where things are: input pages, output dataset, per-page cache (env overrides, see CONTRACT.md)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def seeds_dir() -> Path:
    return Path(os.environ.get("PIPELINE_SEEDS_DIR") or PROJECT_ROOT / "seeds")


def datasets_dir() -> Path:
    return Path(os.environ.get("PIPELINE_DATASETS_DIR") or PROJECT_ROOT / "datasets")


def cache_dir() -> Path | None:
    """Content-addressed per-page cache; ``PIPELINE_CACHE_DIR=off`` disables it."""
    value = os.environ.get("PIPELINE_CACHE_DIR", "")
    if value.lower() in ("off", "none", "0"):
        return None
    return Path(value) if value else PROJECT_ROOT / ".cache" / "pages"


def workers() -> int:
    """Processes for the per-page work of uncached pages: ``PIPELINE_WORKERS``, default the usable cores."""
    value = os.environ.get("PIPELINE_WORKERS", "")
    if value.strip().isdigit() and int(value) >= 1:
        return int(value)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


_progress = {"on": False}


def set_progress(on: bool) -> None:
    _progress["on"] = on


def progress(stage: str, message: str) -> None:
    """One progress line per stage for `pipeline build` (silent inside the UI)."""
    if _progress["on"]:
        print(f"[{stage}] {message}", file=sys.stderr, flush=True)
