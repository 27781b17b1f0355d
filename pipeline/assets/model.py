"""model and eval groups: the NER model (committed, retrained only when asked) and its evaluation."""
import json
from pathlib import Path

import dagster as dg

from pipeline.settings import PROJECT_ROOT

TRAIN_FILE = PROJECT_ROOT.parent / "shared" / "eval" / "train" / "msra_train_minus_eval.jsonl"
REPORT = PROJECT_ROOT / "benchmarks" / "eval_report.md"


class NerModelConfig(dg.Config):
    retrain: bool = False  # True: train a new model from the training split (minutes), replacing models/


def _f1_table(scores: dict) -> str:
    lines = ["| data | P | R | F1 |", "|---|---:|---:|---:|"]
    for name, s in scores.items():
        if isinstance(s, dict) and "f1" in s:
            lines.append(f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
    return "\n".join(lines)


@dg.asset(
    group_name="model",
    kinds={"python", "crfsuite"},
    description="Character CRF NER model (models/ner_crf.*), trained on the MSRA training split. The trained "
    "file is committed: materializing only reports it unless run with config `retrain: true`.",
)
def ner_model(context: dg.AssetExecutionContext, config: NerModelConfig) -> dg.MaterializeResult:
    from pipeline.text.ner_model import DEFAULT_MODEL_PATH, train

    meta_path = DEFAULT_MODEL_PATH.with_name("ner_crf.json")
    if config.retrain:
        if not TRAIN_FILE.exists():
            raise dg.Failure(f"training data {TRAIN_FILE} is missing")
        meta = train(TRAIN_FILE, DEFAULT_MODEL_PATH)
    elif meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    else:
        raise dg.Failure("no committed model in models/: materialize with config retrain: true")
    train_data = meta.get("train_data", [])
    return dg.MaterializeResult(metadata={
        "model_sha256": meta.get("model_sha256"),
        "train_data": dg.MetadataValue.json(train_data),
        "hyperparameters": dg.MetadataValue.json(meta.get("hyperparameters", {})),
        "feature_version": meta.get("feature_version", ""),
        "retrained": config.retrain,
        "scores": dg.MetadataValue.md(_f1_table(meta.get("scores", {}))),
    })


@dg.asset(
    group_name="eval",
    kinds={"python"},
    deps=[ner_model],
    description="Entity-level exact-match P/R/F1 of the NER tagger on the third-party gold data "
    "(People's Daily test, MSRA test, CLUENER dev, People's Daily articles), of the whole pipeline on the "
    "article folder, and of entity and metric extraction on the project's hand-checked sets; writes "
    "benchmarks/eval_report.md (what `pipeline eval` writes).",
)
def ner_eval(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    from pipeline.eval_articles import run_full_eval

    result = run_full_eval(Path(REPORT))
    datasets = result.get("datasets", {})
    sets = result.get("project_sets", {})
    try:
        report = str(Path(REPORT).relative_to(PROJECT_ROOT))
    except ValueError:
        report = str(REPORT)
    return dg.MaterializeResult(metadata={
        "report": dg.MetadataValue.path(report),
        "scores": dg.MetadataValue.md(_f1_table({**datasets, **{f"{k} (project set)": v for k, v in sets.items()}})),
        "decode_chars_per_second": result.get("decode_chars_per_second", 0),
        **{f"f1/{k}": round(v["f1"], 4) for k, v in datasets.items() if isinstance(v, dict) and "f1" in v},
        **{f"f1/{k}": round(v["f1"], 4) for k, v in sets.items()},
    })
