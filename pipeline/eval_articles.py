"""Score the whole pipeline (segment → repair → extract) on the People's Daily article folder.

The articles are built like any input folder; each mention's raw span indexes the file text, which is
what the gold offsets index, so spans are compared exactly (PERSON→PER, PLACE→LOC, ORG→ORG).
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.evaluate import EVAL_DIR, score_articles

TYPE_MAP = {"PERSON": "PER", "PLACE": "LOC", "ORG": "ORG"}


def pipeline_predictions(dataset: Path) -> dict[str, list[tuple[int, int, str]]]:
    """Gold-style predictions per article file stem from a published dataset."""
    docs = pq.read_table(dataset / "documents.parquet").to_pylist()
    stem = {d["doc_id"]: Path(d["source_path"]).stem for d in docs}
    pred: dict[str, list[tuple[int, int, str]]] = {s: [] for s in stem.values()}
    for m in pq.read_table(dataset / "mentions.parquet").to_pylist():
        pred[stem[m["doc_id"]]].append((m["raw_start"], m["raw_end"], TYPE_MAP[m["type"]]))
    return {k: sorted(set(v)) for k, v in pred.items()}


def score_pipeline_articles(eval_dir: Path = EVAL_DIR) -> dict:
    """Build the article folder through the Dagster assets in-process and score the mentions."""
    from pipeline.cli import build

    folder = eval_dir / "people_daily_articles"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "datasets"
        started = time.perf_counter()
        code = build(folder, out)
        if code != 0:
            raise RuntimeError(f"pipeline build of {folder} failed with exit code {code}")
        result = score_articles(pipeline_predictions(out), eval_dir)
        result["seconds"] = round(time.perf_counter() - started, 2)
    return result
