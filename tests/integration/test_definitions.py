"""The Dagster code location: assets, checks, job, schedule and the input-folder sensor."""
import dagster as dg

from pipeline.definitions import daily_rebuild, defs, new_pages_sensor


def test_definitions_load_with_groups_and_checks():
    repo = defs.get_repository_def()
    keys = {k.to_user_string() for k in repo.asset_graph.get_all_asset_keys()}
    assert {"raw_pages", "core_pages", "core_entities", "out_articles", "out_metrics", "dataset"} <= keys
    groups = {repo.asset_graph.get(dg.AssetKey(k)).group_name for k in keys}
    assert groups == {"raw", "core", "out", "model", "eval"}
    checks = {c.name for c in repo.asset_graph.asset_check_keys}
    assert "segments_schema" in checks and "low_confidence_repairs" in checks
    assert defs.resolve_job_def("build_dataset") is not None


def test_schedule_and_sensor_run_by_default():
    assert daily_rebuild.default_status == dg.DefaultScheduleStatus.RUNNING
    assert new_pages_sensor.default_status == dg.DefaultSensorStatus.RUNNING


def test_sensor_requests_one_run_per_content(tmp_path, monkeypatch):
    monkeypatch.setenv("PIPELINE_SEEDS_DIR", str(tmp_path))
    (tmp_path / "a.txt").write_text("株洲日报记者 王娜\n正文。\n", encoding="utf-8")
    with dg.DagsterInstance.ephemeral() as instance:
        ctx = dg.build_sensor_context(instance=instance)
        first = new_pages_sensor(ctx)
        assert len(first.run_requests) == 1
        key = first.run_requests[0].run_key
        ctx = dg.build_sensor_context(instance=instance, cursor=first.cursor)
        second = new_pages_sensor(ctx)
        assert isinstance(second, dg.SkipReason)
        (tmp_path / "b.txt").write_text("另一页。\n", encoding="utf-8")
        third = new_pages_sensor(dg.build_sensor_context(instance=instance, cursor=first.cursor))
        assert len(third.run_requests) == 1 and third.run_requests[0].run_key != key


def test_sensor_skips_missing_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PIPELINE_SEEDS_DIR", str(tmp_path / "missing"))
    with dg.DagsterInstance.ephemeral() as instance:
        assert isinstance(new_pages_sensor(dg.build_sensor_context(instance=instance)), dg.SkipReason)


def test_build_job_never_retrains_or_evaluates():
    job = defs.resolve_job_def("build_dataset")
    nodes = {n.name for n in job.graph.node_defs}
    assert "dataset" in nodes and "ner_model" not in nodes and "ner_eval" not in nodes


def test_ner_model_asset_reports_committed_model():
    from pipeline.assets.model import ner_model

    with dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize([ner_model], instance=instance)
    meta = result.asset_materializations_for_node("ner_model")[0].metadata
    assert meta["retrained"].value is False
    assert len(meta["model_sha256"].value) == 64
    assert meta["train_data"].value[0]["sha256"]
