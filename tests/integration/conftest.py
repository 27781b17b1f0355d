"""Helpers for integration tests: build the graph in-process on an ephemeral Dagster instance."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipeline.assets.checks import ALL_CHECKS
from pipeline.assets.resources import PipelinePaths
from pipeline.definitions import ASSETS

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
COMMITTED = ROOT / "datasets"
CHECKER = ROOT.parent / "shared" / "tools" / "check_contract.py"


def materialize(seeds: Path, out: Path, cache: Path | None = None) -> dg.ExecuteInProcessResult:
    paths = PipelinePaths(seeds_dir=str(seeds), datasets_dir=str(out), cache_dir=str(cache) if cache else "")
    with dg.DagsterInstance.ephemeral() as instance:
        return dg.materialize([*ASSETS, *ALL_CHECKS], resources={"paths": paths}, instance=instance,
                              raise_on_error=False)


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout, check=False)


def check_contract(out: Path, seeds: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECKER), str(out), str(seeds)], capture_output=True, text=True, check=False)


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst
