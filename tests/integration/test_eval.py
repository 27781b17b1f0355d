"""`pipeline eval` and the `ner_eval` asset on a tiny evaluation folder of the same shape as
../shared/eval: the third-party sets, the article folder through the whole pipeline, and the
project's own hand-checked sets, in the report and in the asset's metadata."""
from __future__ import annotations

import json
from pathlib import Path

import dagster as dg

from pipeline import evaluate
from pipeline.assets import model
from pipeline.eval_articles import run_full_eval

SENTENCE = {"id": "s-0", "text": "石峰区委书记张建勇在株洲市调研。",
            "entities": [{"start": 6, "end": 9, "type": "PER", "label": "PER", "text": "张建勇"},
                         {"start": 10, "end": 13, "type": "LOC", "label": "LOC", "text": "株洲市"}]}
ARTICLE = "荷塘区开展消防演练\n6月11日，荷塘区在月塘街道开展消防应急演练，200余名居民参加。\n"


def _eval_dir(root: Path) -> Path:
    root.mkdir()
    for name in evaluate.EVAL_SETS.values():
        (root / name).write_text(json.dumps(SENTENCE, ensure_ascii=False) + "\n", encoding="utf-8")
    (root / "people_daily_articles").mkdir()
    (root / "people_daily_articles" / "a-1.txt").write_text(ARTICLE, encoding="utf-8")
    s = ARTICLE.index("月塘街道", 12)
    gold = {"id": "a-1", "file": "people_daily_articles/a-1.txt", "text": ARTICLE,
            "entities": [{"start": s, "end": s + 4, "type": "LOC", "label": "ns", "text": "月塘街道"}]}
    (root / evaluate.ARTICLES_GOLD).write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    return root


def test_full_eval_reports_every_set(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    result = run_full_eval(report, _eval_dir(tmp_path / "eval"))
    assert set(result["datasets"]) == {*evaluate.EVAL_SETS, "people_daily_articles (tagger only)",
                                       "people_daily_articles (full pipeline)"}
    assert result["datasets"]["people_daily_articles (full pipeline)"]["per_type"]["LOC"]["tp"] == 1
    sets = result["project_sets"]
    assert sets["metrics_gold"]["records"] > 100 and 0.9 <= sets["metrics_gold"]["f1"] <= 1.0
    assert sets["sample_page_entities"]["records"] > 100 and sets["sample_page_entities"]["f1"] > 0.8
    assert "errors" not in sets["metrics_gold"]
    text = report.read_text(encoding="utf-8")
    assert "hand-checked sets" in text and "metrics_gold.jsonl" in text and "full pipeline" in text
    assert json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))["project_sets"]


def test_ner_eval_asset_shows_the_scores(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(evaluate, "EVAL_DIR", _eval_dir(tmp_path / "eval"))
    monkeypatch.setattr(model, "REPORT", tmp_path / "eval_report.md")
    with dg.DagsterInstance.ephemeral() as instance:
        res = dg.materialize([model.ner_model, model.ner_eval], instance=instance, selection=["ner_eval"])
    assert res.success
    meta = res.asset_materializations_for_node("ner_eval")[0].metadata
    assert "f1/people_daily_articles (full pipeline)" in meta and "f1/metrics_gold" in meta
    assert "(project set)" in meta["scores"].value
    assert (tmp_path / "eval_report.md").exists()
