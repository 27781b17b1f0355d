"""Entity extraction benchmark: combined extractor vs the CRF alone, hand-labelled sample gold, speed.

Usage: ``uv run python benchmarks/entities_bench.py [--out benchmarks/entities_report.md] [--limit N]``

(a) ``train/people_daily_dev.jsonl`` (the tuning split): exact-span P/R/F1 per type of
    ``extract_mentions`` (PERSON→PER, PLACE→LOC, ORG→ORG) and of the bare CRF tagger;
(b) ``tests/data/entities_gold.jsonl`` (sentences from the sample pages' article bodies, labelled
    by hand): P/R/F1 per type and the share of matched people whose role equals the gold role;
(c) speed of ``extract_mentions`` in chars/s (wall time, one process).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.eval_pages import score_entity_gold
from pipeline.evaluate import EVAL_DIR, load_gold, load_jsonl, score
from pipeline.text.entities import extract_mentions

TYPE_MAP = {"PERSON": "PER", "PLACE": "LOC", "ORG": "ORG"}
GOLD = ROOT / "tests" / "data" / "entities_gold.jsonl"
DEV = EVAL_DIR / "train" / "people_daily_dev.jsonl"
KEEP_MARKER = "## Before / after"


def combined(text: str) -> list[tuple[int, int, str]]:
    """extract_mentions as gold-style spans."""
    return [(m.start, m.end, TYPE_MAP[m.type]) for m in extract_mentions(text)]


def crf_only(text: str) -> list[tuple[int, int, str]]:
    """The bare CRF tagger (empty when no model is packaged)."""
    from pipeline.text import ner_model

    t = ner_model.load_default()
    return list(t.tag(text)) if t is not None else []


def _row(name: str, r: dict) -> str:
    pt = r["per_type"]
    cells = [f"{100 * r[k]:.1f}" for k in ("precision", "recall", "f1")]
    for t in ("PER", "LOC", "ORG"):
        cells.append(f"{100 * pt[t]['precision']:.1f} / {100 * pt[t]['recall']:.1f} / {100 * pt[t]['f1']:.1f}")
    return f"| {name} | " + " | ".join(cells) + " |"


def bench_dev(limit: int | None = None) -> dict:
    texts, gold, _ = load_gold(DEV)
    if limit:
        texts, gold = texts[:limit], gold[:limit]
    return {"combined": score(gold, [combined(t) for t in texts]),
            "crf": score(gold, [crf_only(t) for t in texts])}


def bench_gold(path: Path = GOLD) -> dict:
    return score_entity_gold(path)


def bench_speed(texts: list[str]) -> int:
    extract_mentions("预热株洲市")
    t0 = time.perf_counter()
    for t in texts:
        extract_mentions(t)
    dt = time.perf_counter() - t0
    return round(sum(map(len, texts)) / dt) if dt > 0 else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=None, help="write a markdown report here")
    ap.add_argument("--limit", type=int, default=None, help="only the first N dev records")
    ap.add_argument("--errors", action="store_true", help="print the gold-set errors")
    args = ap.parse_args(argv)
    dev = bench_dev(args.limit)
    gold = bench_gold() if GOLD.exists() else None
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    dev_texts = [r["text"] for r in load_jsonl(DEV)][:1000]
    speed_seeds = bench_speed(seeds)
    speed_dev = bench_speed(dev_texts)
    lines = ["# Entity extraction benchmark", "",
             "Exact-span scores, micro-averaged; PERSON→PER, PLACE→LOC, ORG→ORG. Cells per type: P / R / F1.", "",
             "| run | P | R | F1 | PER | LOC | ORG |", "|---|---:|---:|---:|---:|---:|---:|",
             _row("(a) PD dev — extract_mentions", dev["combined"]),
             _row("(a) PD dev — CRF alone", dev["crf"])]
    if gold is not None:
        lines.append(_row(f"(b) sample-page gold ({gold['records']} sentences)", gold))
    lines += [""]
    if gold is not None:
        lines += [f"(b) people role accuracy: {gold['role_accuracy']} over {gold['roles_checked']} matched people.", ""]
    lines += [(f"(c) speed of extract_mentions: {speed_seeds:,} chars/s on the sample pages, "
              f"{speed_dev:,} chars/s on 1,000 PD dev sentences (wall time, one process)."), ""]
    report = "\n".join(lines)
    print(report)
    if args.errors and gold is not None:
        print("\n".join(gold["errors"]))
    if args.out:
        out = Path(args.out)
        kept = ""
        if out.exists():  # hand-written notes after KEEP_MARKER (before/after, one-time eval) survive
            old = out.read_text(encoding="utf-8")
            if KEEP_MARKER in old:
                kept = "\n" + old[old.index(KEEP_MARKER):]
        out.write_text(report + kept, encoding="utf-8")
    print(json.dumps({"dev": {k: {"f1": v["f1"], "per_type": {t: v["per_type"][t]["f1"] for t in v["per_type"]}}
                              for k, v in dev.items()}}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
