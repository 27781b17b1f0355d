"""Score the whole pipeline (segment → repair → extract) on the People's Daily article folder.

The articles are built like any input folder; each mention's raw span indexes the file text, which is
what the gold offsets index, so spans are compared exactly (PERSON→PER, PLACE→LOC, ORG→ORG).
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.evaluate import EVAL_DIR, run_eval, score_articles

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


def run_full_eval(report: Path | str, eval_dir: Path | None = None) -> dict:
    """Everything ``pipeline eval`` and the ``ner_eval`` asset report: the tagger on the third-party
    sets, the whole pipeline on the article folder, the project's hand-checked sets."""
    from pipeline import evaluate

    eval_dir = evaluate.EVAL_DIR if eval_dir is None else eval_dir
    result = run_eval(report, eval_dir=eval_dir)
    if (eval_dir / "people_daily_articles").is_dir():
        result["datasets"]["people_daily_articles (full pipeline)"] = score_pipeline_articles(eval_dir)
        result = run_eval(report, eval_dir=eval_dir, result=result)
    return result
