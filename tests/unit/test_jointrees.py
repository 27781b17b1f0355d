"""The boosted join trees: pure-Python scoring of the exported model, and no model without its file."""
from __future__ import annotations

import gzip
import json

import pytest

from pipeline.text import jointrees


@pytest.fixture
def tiny_model(tmp_path, monkeypatch):
    # one stump on feature b (b <= 0.5: -1.0, else +2.0) and one leaf-only tree (+0.25); baseline 0.1
    model = {"names": ["a", "b"], "base": 0.1,
             "trees": [[[1, 0.5, 1, 2, False, 0.0], [0, 0.0, 0, 0, True, -1.0], [0, 0.0, 0, 0, True, 2.0]],
                       [[0, 0.0, 0, 0, True, 0.25]]]}
    path = tmp_path / "jointrees.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump(model, f)
    monkeypatch.setattr(jointrees, "DATA_PATH", path)
    jointrees.load_trees.cache_clear()
    yield
    jointrees.load_trees.cache_clear()


def test_tree_score_walks_each_tree_and_sums_the_leaves(tiny_model):
    assert jointrees.tree_score({"a": 9.0, "b": 0.5}) == pytest.approx(0.1 - 1.0 + 0.25)
    assert jointrees.tree_score({"a": 9.0, "b": 0.51}) == pytest.approx(0.1 + 2.0 + 0.25)


def test_no_model_without_its_file(tmp_path, monkeypatch):
    monkeypatch.setattr(jointrees, "DATA_PATH", tmp_path / "missing.json.gz")
    jointrees.load_trees.cache_clear()
    try:
        assert jointrees.tree_score({"a": 1.0}) is None
    finally:
        jointrees.load_trees.cache_clear()


def test_the_shipped_model_reads_the_join_features():
    from pipeline.text import repair as rp

    model = jointrees.load_trees()
    assert model is not None, "pipeline/data/jointrees.json.gz is missing: run benchmarks/repair_bench.py --fit"
    names, _, trees = model
    assert set(names) == {n for n, _ in rp.JOIN_COEF} and len(trees) >= 50
    stats = rp.load()
    sure = rp.join_features(stats, "记者从市统计局获悉，今年前三季度，全市", "地区生产总值同比增长5.2%。", 40, 14)
    apart = rp.join_features(stats, "一季度经济运行平稳。", "春耕备耕有序推进", 10, 8)
    assert jointrees.tree_score(sure) > 0 > jointrees.tree_score(apart)
