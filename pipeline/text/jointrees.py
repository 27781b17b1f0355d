"""Boosted trees over the line-join features, averaged with the logistic join model.

``benchmarks/repair_bench.py --fit`` trains them (scikit-learn's histogram gradient boosting, a dev
dependency) on the same examples as ``repair.JOIN_COEF`` and writes ``pipeline/data/jointrees.json.gz``:
the feature names, the baseline log-odds and every tree as a list of nodes
``[feature index, threshold, left child, right child, is leaf, leaf value]``. Scoring needs no
scikit-learn: ``tree_score(feats)`` walks each tree (a feature value at or below the threshold goes
left) and sums the leaf values, the model's log-odds that the break joins. None when the file is
missing.
"""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "jointrees.json.gz"


@lru_cache(maxsize=1)
def load_trees() -> tuple[tuple[str, ...], float, tuple[tuple[tuple, ...], ...]] | None:
    """(feature names, baseline, trees) of the shipped model, or None without the data file."""
    if not DATA_PATH.exists():
        return None
    with gzip.open(DATA_PATH, "rt", encoding="utf-8") as f:
        model = json.load(f)
    trees = tuple(tuple((int(n[0]), float(n[1]), int(n[2]), int(n[3]), bool(n[4]), float(n[5])) for n in t)
                  for t in model["trees"])
    return tuple(model["names"]), float(model["base"]), trees


def tree_score(feats: dict[str, float]) -> float | None:
    """The trees' log-odds that the break with these join features joins; None without the model."""
    model = load_trees()
    if model is None:
        return None
    names, total, trees = model
    x = [feats[n] for n in names]
    for nodes in trees:
        node = nodes[0]
        while not node[4]:
            node = nodes[node[2] if x[node[0]] <= node[1] else node[3]]
        total += node[5]
    return total


def export(model, names: list[str]) -> dict:
    """A fitted ``HistGradientBoostingClassifier`` (binary, numeric features, no missing values) as
    the JSON-ready dict ``load_trees`` reads."""
    trees = []
    for predictors in model._predictors:
        nodes = predictors[0].nodes
        trees.append([[int(n["feature_idx"]), round(float(n["num_threshold"]), 9), int(n["left"]), int(n["right"]),
                       bool(n["is_leaf"]), round(float(n["value"]), 9)] for n in nodes])
    return {"names": list(names), "base": float(model._baseline_prediction.ravel()[0]), "trees": trees}
