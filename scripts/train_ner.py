"""Train the character CRF NER model and write models/ner_crf.{crfsuite,lexicon.json,json}.

Usage: uv run python scripts/train_ner.py [--train PATH] [--c1 0.1] [--c2 0.01] [--iterations 150]
           [--out models/ner_crf.crfsuite] [--no-eval] [--report benchmarks/eval_report.md]

Trains on the MSRA training file (never on the evaluation sets), scores the model on the
PD dev split (model selection) and, unless --no-eval, on the evaluation sets via
pipeline.evaluate.run_eval; all scores are stored in the metadata JSON.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.text import ner_model

EVAL_DIR = Path("/work/shared/eval")


def run_summary(meta: dict) -> dict:
    """One line of the run history: config + F1 scores."""
    return {
        "model_sha256": meta.get("model_sha256"),
        "feature_version": meta.get("feature_version"),
        "feature_set": meta.get("feature_set", "base"),
        "train_data": [Path(d["path"]).name + (f" x{d['copies']}" if d.get("copies", 1) > 1 else "")
                       for d in meta.get("train_data", [])],
        "hyperparameters": meta.get("hyperparameters"),
        "training_seconds": meta.get("training_seconds"),
        "model_bytes": meta.get("model_bytes"),
        "decode_chars_per_second": meta.get("decode_chars_per_second"),
        "f1": {k: v.get("f1") for k, v in meta.get("scores", {}).items()},
        "per_type_f1": {k: {t: x["f1"] for t, x in v.get("per_type", {}).items()}
                        for k, v in meta.get("scores", {}).items()},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", type=Path, default=EVAL_DIR / "train" / "msra_train_minus_eval.jsonl")
    ap.add_argument("--extra-train", type=Path, action="append", default=[],
                    help="more training JSONL (only files under eval/train/ are allowed); repeat to upweight")
    ap.add_argument("--out", type=Path, default=ner_model.DEFAULT_MODEL_PATH)
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--feature-set", choices=["base", "rich"], default="base")
    ap.add_argument("--dev", type=Path, default=EVAL_DIR / "train" / "people_daily_dev.jsonl")
    ap.add_argument("--no-eval", action="store_true")
    ap.add_argument("--verbose", action="store_true", help="print crfsuite progress")
    ap.add_argument("--eval-only", action="store_true", help="score the existing model at --out, no training")
    ap.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "eval_report.md")
    args = ap.parse_args(argv)
    for p in [args.train, *args.extra_train]:
        if p.resolve().parent != (EVAL_DIR / "train").resolve():
            ap.error(f"training data must come from {EVAL_DIR / 'train'}: {p}")

    meta_path = args.out.with_name(args.out.name.split(".")[0] + ".json")
    history: list[dict] = []
    if meta_path.exists():
        old = json.loads(meta_path.read_text(encoding="utf-8"))
        history = old.get("history", [])
    if args.eval_only:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        history = [h for h in history if h.get("model_sha256") != meta.get("model_sha256")]
    else:
        meta = ner_model.train(args.train, args.out, c1=args.c1, c2=args.c2, max_iterations=args.iterations,
                               feature_set=args.feature_set, extra_train=[str(p) for p in args.extra_train],
                               verbose=args.verbose)
        print(json.dumps({k: meta[k] for k in ("train_chars", "active_features", "training_seconds")}))

    from pipeline import evaluate

    tagger = ner_model.Tagger(args.out)
    scores: dict = meta.get("scores", {}) if args.eval_only else {}
    trained_on = {Path(d["path"]).name for d in meta.get("train_data", [])}
    if args.dev.exists() and args.dev.name not in trained_on:
        scores["people_daily_dev"] = evaluate.score_file(args.dev, tagger.tag)
    elif args.dev.name in trained_on:
        meta["training_note"] = (f"{args.dev.name} is part of the training data: PD-dev scores of this model would "
                                 "be in-sample and are not reported; the recipe was selected with PD dev held out.")
    meta["scores"] = scores
    meta["decode_chars_per_second"] = evaluate.measure_speed(tagger.tag)
    meta["history"] = history
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not args.no_eval:
        res = evaluate.run_eval(args.report, tagger_fn=tagger.tag, model_meta=meta)
        meta["scores"].update(res["datasets"])
        meta["decode_chars_per_second"] = res["decode_chars_per_second"]
        meta["history"] = [*history, run_summary(meta)]
        meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        res = evaluate.run_eval(args.report, tagger_fn=tagger.tag, model_meta=meta, result=res)
    print(json.dumps({k: v.get("f1") for k, v in meta["scores"].items()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
