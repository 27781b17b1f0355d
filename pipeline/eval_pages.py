"""Scores on the project's own hand-checked sets, built from sentences of pages like the inputs.

* ``tests/data/entities_gold.jsonl``: sentences of the sample pages' article bodies with their
  people (and the role as written), places and organizations, labelled by reading;
* ``tests/data/metrics_gold.jsonl``: sentences with every stated quantity (span, value,
  value_high, unit, bound), labelled by reading; ``source`` says where a sentence comes from
  (``page``: the sample pages, ``new``: written while building the rules, ``heldout``: written and
  labelled after the rules were frozen).

Both are in sample for the rules (their errors were read while the rules were written), so the
scores say what the extractor does on this kind of text, not how it generalises.
"""
from __future__ import annotations

import math
from pathlib import Path

from pipeline.evaluate import load_jsonl, score

GOLD_DIR = Path(__file__).resolve().parents[1] / "tests" / "data"
ENTITIES_GOLD = GOLD_DIR / "entities_gold.jsonl"
METRICS_GOLD = GOLD_DIR / "metrics_gold.jsonl"
TYPE_MAP = {"PERSON": "PER", "PLACE": "LOC", "ORG": "ORG"}


def score_entity_gold(path: Path = ENTITIES_GOLD) -> dict:
    """Exact-span P/R/F1 per type of ``extract_mentions``, the share of matched people whose role
    equals the gold role, and the list of errors."""
    from pipeline.text.entities import extract_mentions

    recs = load_jsonl(path)
    gold, pred = [], []
    role_ok = role_n = 0
    errors: list[str] = []
    for r in recs:
        g = [(e["start"], e["end"], e["type"]) for e in r["entities"]]
        ms = extract_mentions(r["text"])
        p = [(m.start, m.end, TYPE_MAP[m.type]) for m in ms]
        gold.append(g)
        pred.append(p)
        by_span = {(m.start, m.end): m for m in ms if m.type == "PERSON"}
        for e in r["entities"]:
            if e["type"] == "PER" and (e["start"], e["end"]) in by_span:
                role_n += 1
                got = by_span[(e["start"], e["end"])].role
                if (got or None) == (e.get("role") or None):
                    role_ok += 1
                else:
                    errors.append(f"role {e['text']}: gold {e.get('role')!r} got {got!r}")
        errors += [f"missed {t} {r['text'][s:e]}" for s, e, t in sorted(set(g) - set(p))]
        errors += [f"spurious {t} {r['text'][s:e]}" for s, e, t in sorted(set(p) - set(g))]
    res = score(gold, pred)
    res["role_accuracy"] = round(role_ok / role_n, 4) if role_n else None
    res["roles_checked"] = role_n
    res["records"] = len(recs)
    res["errors"] = errors
    return res


def _num_key(x: float | None) -> float | None:
    if x is None:
        return None
    return float(f"{x:.6g}") if math.isfinite(x) else x


def _metric_key(m: dict) -> tuple:
    return (m["start"], m["end"], _num_key(m["value"]), _num_key(m["value_high"]), m["unit"], m["bound"])


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_metric_records(records: list[dict]) -> dict:
    """Micro P/R/F1 of ``extract_metrics`` over (span, value, value_high, unit, bound) and over
    spans only, with the differences (``errors``)."""
    from pipeline.text.numbers import extract_metrics

    tp = fp = fn = stp = sfp = sfn = 0
    errors: list[str] = []
    for rec in records:
        text = rec["text"]
        gold = {_metric_key(m) for m in rec["metrics"]}
        pred = {_metric_key({"start": m.start, "end": m.end, "value": m.value, "value_high": m.value_high,
                             "unit": m.unit, "bound": m.bound}) for m in extract_metrics(text)}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        gspans, pspans = {k[:2] for k in gold}, {k[:2] for k in pred}
        stp += len(gspans & pspans)
        sfp += len(pspans - gspans)
        sfn += len(gspans - pspans)
        errors += [f"missed {text[k[0]:k[1]]} {k[2:]}" for k in sorted(gold - pred)]
        errors += [f"extra {text[k[0]:k[1]]} {k[2:]}" for k in sorted(pred - gold)]
    p, r, f = _prf(tp, fp, fn)
    sp, sr, sf = _prf(stp, sfp, sfn)
    return {"records": len(records), "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f,
            "span_precision": sp, "span_recall": sr, "span_f1": sf, "errors": errors}


def score_metric_gold(path: Path = METRICS_GOLD) -> dict:
    """:func:`score_metric_records` over the whole set and per ``source`` (``by_source``)."""
    records = load_jsonl(path)
    res = score_metric_records(records)
    res["by_source"] = {src: score_metric_records([r for r in records if r.get("source") == src])
                        for src in sorted({r.get("source", "") for r in records} - {""})}
    return res


def project_sets() -> dict:
    """Both hand-checked sets, when their files are present (a source checkout)."""
    out = {}
    if ENTITIES_GOLD.exists():
        out["sample_page_entities"] = score_entity_gold()
    if METRICS_GOLD.exists():
        out["metrics_gold"] = score_metric_gold()
    return out


def render_markdown(sets: dict) -> list[str]:
    """Report lines for :func:`project_sets` (errors left out)."""
    if not sets:
        return []
    lines = ["## The project's hand-checked sets (in sample for the rules)", ""]
    ent = sets.get("sample_page_entities")
    if ent:
        pt = ent["per_type"]
        lines += [(f"Entities, `tests/data/entities_gold.jsonl` ({ent['records']} sentences of the sample pages), "
                  "`extract_mentions`, exact span:"), "",
                  "| P | R | F1 | PER F1 | LOC F1 | ORG F1 | people with the gold role |",
                  "|---:|---:|---:|---:|---:|---:|---:|",
                  (f"| {100 * ent['precision']:.1f} | {100 * ent['recall']:.1f} | {100 * ent['f1']:.1f} | "
                  f"{100 * pt['PER']['f1']:.1f} | {100 * pt['LOC']['f1']:.1f} | {100 * pt['ORG']['f1']:.1f} | "
                  f"{ent['role_accuracy']} of {ent['roles_checked']} |"), ""]
    met = sets.get("metrics_gold")
    if met:
        lines += [("Metrics, `tests/data/metrics_gold.jsonl`, `extract_metrics`; a hit needs span, value, "
                  "value_high, unit and bound all right:"), "",
                  "| sentences | source | P | R | F1 | span-only F1 |", "|---:|---|---:|---:|---:|---:|"]
        for name, s in [("all", met), *met.get("by_source", {}).items()]:
            lines.append(f"| {s['records']} | {name} | {100 * s['precision']:.1f} | {100 * s['recall']:.1f} | "
                         f"{100 * s['f1']:.1f} | {100 * s['span_f1']:.1f} |")
        lines.append("")
    return lines


def without_errors(sets: dict) -> dict:
    """The scores of :func:`project_sets` without the error lists (for the JSON report)."""
    def strip(d: dict) -> dict:
        return {k: (strip(v) if isinstance(v, dict) else v) for k, v in d.items() if k != "errors"}
    return {k: strip(v) for k, v in sets.items()}
