"""Evaluation harness: exact-span P/R/F1 of a PER/LOC/ORG tagger on third-party gold sets.

Data: /work/shared/eval (format in its README.md).  Scoring is micro-averaged over exact
(start, end, type) matches, overall and per type; records with no gold entities still count
for false positives.  Pure Python (no Dagster / pandas).
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path

EVAL_DIR = Path("/work/shared/eval")
TYPES = ("PER", "LOC", "ORG")
EVAL_SETS = {
    "people_daily_test": "people_daily_test.jsonl",
    "msra_test": "msra_test.jsonl",
    "cluener_dev": "cluener_dev.jsonl",
}
ARTICLES_GOLD = "people_daily_articles_gold.jsonl"

# Reference: the char-CRF baseline of /work/shared/eval/README.md (BIO, +-2 window, c1=0.1 c2=0.01,
# 100 iterations, trained on msra_train_minus_eval) - F1 in percent.
BASELINE_F1 = {"people_daily_test": 90.6, "msra_test": 85.9, "cluener_dev": 41.7,
               "people_daily_articles": 79.3}

Span = tuple[int, int, str]
TaggerFn = Callable[[str], list[Span]]


def load_jsonl(path: Path | str) -> list[dict]:
    """All records of a JSONL eval file."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out


def gold_spans(rec: dict, types: Iterable[str] = TYPES) -> list[Span]:
    """The record's gold (start, end, type) spans, keeping only ``types``."""
    keep = set(types)
    return sorted((e["start"], e["end"], e["type"]) for e in rec.get("entities", []) if e["type"] in keep)


def load_gold(path: Path | str) -> tuple[list[str], list[list[Span]], list[str]]:
    """(texts, gold spans, ids) of an eval file, PER/LOC/ORG only."""
    recs = load_jsonl(path)
    return [r["text"] for r in recs], [gold_spans(r) for r in recs], [r["id"] for r in recs]


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "pred": n_pred, "gold": n_gold}


def score(gold: list[list[Span]], pred: list[list[Span]]) -> dict:
    """Exact-span micro P/R/F1 overall and per type; ``gold[i]``/``pred[i]`` belong to record i."""
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} records, pred has {len(pred)}")
    tp = dict.fromkeys(TYPES, 0)
    np_ = dict.fromkeys(TYPES, 0)
    ng = dict.fromkeys(TYPES, 0)
    for g, p in zip(gold, pred, strict=True):
        gs = {tuple(x) for x in g if x[2] in tp}
        ps = {tuple(x) for x in p if x[2] in tp}
        for _, _, t in gs:
            ng[t] += 1
        for _, _, t in ps:
            np_[t] += 1
        for _, _, t in gs & ps:
            tp[t] += 1
    res = _prf(sum(tp.values()), sum(np_.values()), sum(ng.values()))
    res["per_type"] = {t: _prf(tp[t], np_[t], ng[t]) for t in TYPES}
    return res


def score_file(path: Path | str, tagger_fn: TaggerFn) -> dict:
    """Tag every record of one eval file and score it; adds chars and chars/s."""
    texts, gold, _ = load_gold(path)
    t0 = time.perf_counter()
    pred = [tagger_fn(t) for t in texts]
    dt = time.perf_counter() - t0
    res = score(gold, pred)
    n = sum(map(len, texts))
    res["records"] = len(texts)
    res["chars"] = n
    res["chars_per_second"] = round(n / dt) if dt > 0 else None
    return res


def score_articles(pred_by_id: dict[str, list[Span]], eval_dir: Path = EVAL_DIR) -> dict:
    """Score predictions (offsets into each article file's text) against the article gold.

    Articles missing from ``pred_by_id`` count as predicting nothing.
    """
    recs = load_jsonl(eval_dir / ARTICLES_GOLD)
    gold = [gold_spans(r) for r in recs]
    pred = [list(pred_by_id.get(r["id"], [])) for r in recs]
    res = score(gold, pred)
    res["records"] = len(recs)
    res["missing"] = sum(1 for r in recs if r["id"] not in pred_by_id)
    return res


def tag_articles(tagger_fn: TaggerFn, eval_dir: Path = EVAL_DIR) -> dict[str, list[Span]]:
    """Run a plain tagger over each whole article text (no pipeline)."""
    return {r["id"]: tagger_fn(r["text"]) for r in load_jsonl(eval_dir / ARTICLES_GOLD)}


def measure_speed(tagger_fn: TaggerFn, eval_dir: Path = EVAL_DIR, repeat: int = 1) -> int:
    """Decoding speed (chars/s, CPU time, one process) over the PD test texts."""
    texts = [r["text"] for r in load_jsonl(eval_dir / EVAL_SETS["people_daily_test"])]
    tagger_fn("预热")
    t0 = time.process_time()
    for _ in range(repeat):
        for t in texts:
            tagger_fn(t)
    dt = time.process_time() - t0
    return round(repeat * sum(map(len, texts)) / dt) if dt > 0 else 0


def _default_tagger() -> TaggerFn:
    from pipeline.text.ner_model import load_default

    tagger = load_default()
    if tagger is None:
        raise FileNotFoundError("no NER model in models/ (run scripts/train_ner.py)")
    return tagger.tag


def _fmt(x: float) -> str:
    return f"{100 * x:.1f}"


def render_markdown(result: dict) -> str:
    """Markdown report of a run_eval result."""
    lines = ["# NER evaluation report", ""]
    meta = result.get("model") or {}
    if meta:
        lines += ["## Model", ""]
        for key in ("model_file", "model_sha256", "model_bytes", "feature_version", "feature_set", "features",
                    "tag_scheme", "algorithm",
                    "hyperparameters", "train_data", "train_chars", "active_features", "iterations",
                    "training_seconds", "training_note"):
            if key in meta:
                val = meta[key]
                if isinstance(val, (dict, list)):
                    val = json.dumps(val, ensure_ascii=False)
                lines.append(f"- **{key}**: `{val}`")
        lines.append("")
    lines += ["## Scores (exact span, micro, PER/LOC/ORG only)", "",
              "| dataset | records | P | R | F1 | PER F1 | LOC F1 | ORG F1 |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in result["datasets"].items():
        pt = r["per_type"]
        lines.append(f"| {name} | {r.get('records', '')} | {_fmt(r['precision'])} | {_fmt(r['recall'])} | "
                     f"{_fmt(r['f1'])} | {_fmt(pt['PER']['f1'])} | {_fmt(pt['LOC']['f1'])} | "
                     f"{_fmt(pt['ORG']['f1'])} |")
    lines += ["", "## Per type (P / R / F1, tp / pred / gold)", ""]
    for name, r in result["datasets"].items():
        lines.append(f"**{name}**")
        lines.append("")
        for t in TYPES:
            x = r["per_type"][t]
            lines.append(f"- {t}: P {_fmt(x['precision'])} R {_fmt(x['recall'])} F1 {_fmt(x['f1'])} "
                         f"({x['tp']} / {x['pred']} / {x['gold']})")
        lines.append("")
    if result.get("decode_chars_per_second"):
        lines += [(f"Decoding speed: {result['decode_chars_per_second']:,} chars/s (one process, CPU time, "
                  "PD test texts)."), ""]
    lines += ["Baseline for comparison (README of the eval sets; char CRF, BIO, +-2 window, 100 iterations): "
              + ", ".join(f"{k} {v}" for k, v in BASELINE_F1.items()) + " (F1 %).", ""]
    if result.get("history"):
        lines += ["## Run history (models are chosen on PD-dev F1; test sets are scored for the chosen one only)", "",
                  ("| # | features | train data | hyperparameters | train s | chars/s | dev F1 | PD test | MSRA "
                  "test | CLUENER | articles (tagger) | note |"),
                  "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
        for i, h in enumerate(result["history"], 1):
            f1 = h.get("f1", {})

            def g(key: str, f1: dict = f1) -> str:
                return _fmt(f1[key]) if f1.get(key) is not None else "-"

            hp = json.dumps(h.get("hyperparameters"), ensure_ascii=False)
            lines.append(f"| {i} | {h.get('feature_version')} / {h.get('feature_set')} | "
                         f"{', '.join(h.get('train_data', []))} | `{hp}` | {h.get('training_seconds')} | "
                         f"{h.get('decode_chars_per_second')} | {g('people_daily_dev')} | "
                         f"{g('people_daily_test')} | {g('msra_test')} | {g('cluener_dev')} | "
                         f"{g('people_daily_articles (tagger only)')} | {h.get('note', '')} |")
        lines.append("")
    if result.get("project_sets"):
        from pipeline.eval_pages import render_markdown as render_sets

        lines += render_sets(result["project_sets"])
    lines += [("Notes: `people_daily_articles (tagger only)` runs the bare tagger over each whole article "
              "text; the full-pipeline article score is added separately. CLUENER counts only "
              "name/address/scene/organization/company/government (mapped to PER/LOC/ORG); its guidelines "
              "differ from PD/MSRA."), ""]
    return "\n".join(lines)


def run_eval(report_md_path: Path | str, tagger_fn: TaggerFn | None = None, model_meta: dict | None = None,
             eval_dir: Path = EVAL_DIR, result: dict | None = None) -> dict:
    """Score ``tagger_fn`` (default: the packaged CRF) on the eval sets; write markdown + JSON reports.

    The JSON report goes next to the markdown one (same stem, ``.json``).  Returns the result dict.
    ``result`` (a previous return value) skips the scoring and only re-renders the reports.
    """
    if tagger_fn is None:
        tagger_fn = _default_tagger()
        if model_meta is None:
            from pipeline.text.ner_model import DEFAULT_MODEL_PATH

            mp = DEFAULT_MODEL_PATH.with_name("ner_crf.json")
            if mp.exists():
                model_meta = json.loads(mp.read_text(encoding="utf-8"))
    if result is None:
        datasets: dict[str, dict] = {}
        for name, fname in EVAL_SETS.items():
            datasets[name] = score_file(eval_dir / fname, tagger_fn)
        if (eval_dir / ARTICLES_GOLD).exists():
            t0 = time.perf_counter()
            arts = score_articles(tag_articles(tagger_fn, eval_dir), eval_dir)
            arts["seconds"] = round(time.perf_counter() - t0, 2)
            datasets["people_daily_articles (tagger only)"] = arts
        result = {"datasets": datasets, "decode_chars_per_second": measure_speed(tagger_fn, eval_dir)}
        from pipeline.eval_pages import project_sets, without_errors

        result["project_sets"] = without_errors(project_sets())
    result = dict(result)
    if model_meta:
        result["model"] = {k: v for k, v in model_meta.items() if k not in ("scores", "history")}
        if model_meta.get("history"):
            result["history"] = model_meta["history"]
    report_md_path = Path(report_md_path)
    report_md_path.parent.mkdir(parents=True, exist_ok=True)
    report_md_path.write_text(render_markdown(result), encoding="utf-8")
    report_md_path.with_suffix(".json").write_text(
        json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return result
