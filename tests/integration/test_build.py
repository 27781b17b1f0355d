"""The whole graph materialized from seeds/: checks, the contract, reproducibility, determinism."""
import os

import pytest

from pipeline import ingest
from tests.integration.conftest import (
    CHECKER,
    COMMITTED,
    ROOT,
    SEEDS,
    check_contract,
    files,
    materialize,
    run_cli,
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "datasets"
    result = materialize(SEEDS, out)
    return result, out


def test_every_asset_and_check_succeeds(built):
    result, _out = built
    assert result.success
    evals = result.get_asset_check_evaluations()
    names = {e.check_name for e in evals}
    assert {f"{t}_schema" for t in ("documents", "segments", "articles", "repairs", "entities", "mentions",
                                    "metrics", "lineage", "rejects")} <= names
    blocking_failed = [e.check_name for e in evals if not e.passed and e.severity.value == "ERROR"]
    assert blocking_failed == []
    assert result.asset_materializations_for_node("dataset")


@pytest.mark.skipif(not CHECKER.exists(), reason="../shared/tools/check_contract.py not beside the clone")
def test_contract_check_passes(built):
    _, out = built
    proc = check_contract(out, SEEDS)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert proc.stdout.strip().splitlines()[-1].endswith(", 0 failed")


def test_committed_dataset_is_reproduced_byte_for_byte(built):
    _, out = built
    assert files(out) == files(COMMITTED), "datasets/ is stale: run `uv run pipeline build` and commit it"


def test_discovery_order_does_not_change_bytes(tmp_path, monkeypatch, built):
    _, out = built
    real = ingest.discover
    monkeypatch.setattr(ingest, "discover", lambda root: list(reversed(real(root))))
    out2 = tmp_path / "reversed"
    assert materialize(SEEDS, out2).success
    assert files(out2) == files(out)


@pytest.mark.parametrize("env, cwd", [
    ({"PYTHONHASHSEED": "12345"}, None),
    ({"TZ": "Pacific/Kiritimati"}, None),
    ({}, "tmp"),
], ids=["hashseed", "timezone", "cwd"])
def test_cli_build_is_byte_identical(tmp_path, built, env, cwd):
    _, out = built
    out2 = tmp_path / "cli-out"
    proc = run_cli("build", "--seeds", str(SEEDS), "--out", str(out2), cwd=tmp_path if cwd else ROOT,
                   env={**env, "PIPELINE_CACHE_DIR": "off"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "summary: documents 5;" in proc.stdout
    assert files(out2) == files(out)


def test_env_vars_choose_folders(tmp_path, built):
    _, out = built
    out2 = tmp_path / "env-out"
    env = {"PIPELINE_SEEDS_DIR": str(SEEDS), "PIPELINE_DATASETS_DIR": str(out2), "PYTHONHASHSEED": "1"}
    proc = run_cli("build", cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert files(out2) == files(out)


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_missing_or_empty_input_folder_is_one_line_error(tmp_path, make):
    seeds = tmp_path / "in"
    if make == "empty":
        seeds.mkdir()
    proc = run_cli("build", "--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.startswith("pipeline:")]
    assert len(lines) == 1 and str(seeds) in lines[0]
    assert not (tmp_path / "out").exists()


def test_no_absolute_paths_or_times_in_outputs(built):
    _, out = built
    blob = b"".join(files(out).values())
    assert str(ROOT).encode() not in blob and os.environ.get("HOME", "/root").encode() + b"/" not in blob


def test_a_failed_blocking_check_publishes_nothing(tmp_path, monkeypatch, capsys):
    from pipeline import cli
    from pipeline.assets import checks

    seeds = tmp_path / "in"
    seeds.mkdir()
    page = sorted(SEEDS.glob("*.txt"))[2]
    (seeds / page.name).write_bytes(page.read_bytes())
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(checks, "bad_metrics", lambda metrics, articles: [{"metric_id": "x", "surface": "?"}])
    assert cli.build(seeds, tmp_path / "out") == 1
    out = capsys.readouterr()
    assert "checks 10 passed, 1 failed, 1 warned" in out.out
    assert "no dataset published" in out.err and "metrics_match_bodies" in out.err
    assert not (tmp_path / "out").exists()
