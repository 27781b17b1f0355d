"""Build pipeline/data/charlm.tsv.gz: a sentence-level character 4-gram model for OCR line joins.

Counts the 1- to 4-grams of the sentences of the training text (default:
/work/shared/eval/train/msra_train_minus_eval.jsonl; the PD dev split is kept apart for
benchmarking), split after ``。！？`` and padded with sentence start / end markers; 4-grams seen
once are dropped, and each context keeps the number of distinct chars seen after it (for the
smoothing of ``pipeline.text.charlm``). The header records each source file's sha256.
Deterministic.

Usage: uv run python scripts/build_charlm.py [--min-top N] [--out PATH] [SOURCE.jsonl ...]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.hashing import sha256_file, write_gz_lines
from pipeline.text.charlm import DATA_PATH, build

DEFAULT_SOURCES = [Path("/work/shared/eval/train/msra_train_minus_eval.jsonl")]


def read_texts(sources: list[Path]) -> list[str]:
    """The ``text`` of every record of the JSON Lines ``sources``."""
    texts: list[str] = []
    for src in sources:
        with src.open(encoding="utf-8") as f:
            texts.extend(json.loads(line).get("text", "") for line in f if line.strip())
    return texts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sources", nargs="*", type=Path, default=DEFAULT_SOURCES)
    ap.add_argument("--min-top", type=int, default=2, help="drop 4-grams seen fewer times")
    ap.add_argument("--out", type=Path, default=DATA_PATH)
    args = ap.parse_args(argv)
    _, lines = build(read_texts(args.sources), args.min_top)
    head = [lines[0]] + [f"#source\t{src.name}\t{sha256_file(src)}" for src in args.sources]
    write_gz_lines(args.out, head + lines[1:])
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(lines)} lines)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
