"""Metric extraction benchmark: speed (chars/s, one core) and P/R/F1 on the hand-checked gold set.

Usage: ``uv run python benchmarks/metrics_bench.py [--gold tests/data/metrics_gold.jsonl] [--show]``

The gold set (``tests/data/metrics_gold.jsonl``) holds sentences from the sample pages
(``source: page``), new sentences written while building the rules (``new``) and new sentences
written and labelled after the rules were frozen (``heldout``), all labelled by reading. A predicted metric counts as a true positive only when its
(start, end, value, value_high, unit, bound) all match a gold metric; ``--show`` lists the misses.
Also reported: span-only scores (ignoring value/unit/bound).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.eval_pages import score_metric_records
from pipeline.text.numbers import extract_metrics


def load_gold(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(records: list[dict], show: bool = False) -> dict:
    """Micro P/R/F1 over (span, value, value_high, unit, bound) and over spans only."""
    res = score_metric_records(records)
    if show:
        print("\n".join(res["errors"]))
    return res


def speed(texts: list[str], min_seconds: float = 2.0) -> dict[str, float]:
    """Chars per second of :func:`extract_metrics` over ``texts`` (repeated for ``min_seconds``)."""
    extract_metrics("预热100元")  # load lazy resources outside the timing
    total_chars = sum(len(t) for t in texts)
    n_metrics = 0
    rounds = 0
    t0 = time.perf_counter()
    while True:
        for t in texts:
            n_metrics += len(extract_metrics(t))
        rounds += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= min_seconds:
            break
    return {"chars": total_chars * rounds, "seconds": elapsed, "chars_per_s": total_chars * rounds / elapsed,
            "metrics_per_round": n_metrics / rounds}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "metrics_gold.jsonl")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--show", action="store_true", help="print gold/prediction differences")
    args = ap.parse_args(argv)

    records = load_gold(args.gold)
    groups = [("all", records)]
    for src in sorted({r.get("source", "") for r in records} - {""}):
        groups.append((src, [r for r in records if r.get("source") == src]))
    for name, recs in groups:
        s = score(recs, show=args.show and name == "all")
        n_gold = sum(len(r["metrics"]) for r in recs)
        print(f"[{name}] {len(recs)} sentences, {n_gold} metrics | exact (span,value,unit,bound): "
              f"P={s['precision']:.4f} R={s['recall']:.4f} F1={s['f1']:.4f} "
              f"(tp={s['tp']} fp={s['fp']} fn={s['fn']}) | span only F1={s['span_f1']:.4f}")

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(args.seeds.rglob("*.txt"))]
    texts += [r["text"] for r in records]
    sp = speed(texts, args.seconds)
    print(f"speed: {sp['chars_per_s']:,.0f} chars/s ({sp['chars']:,} chars in {sp['seconds']:.2f}s, "
          f"{sp['metrics_per_round']:.0f} metrics per pass)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
