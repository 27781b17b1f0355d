"""Build pipeline/data/piecelex.tsv.gz: a word model of short pieces seen whole, for OCR line joins.

Self-supervised on the training text (default: /work/shared/eval/train/msra_train_minus_eval.jsonl;
the PD dev split is kept apart for benchmarking): its records are grouped into articles and damaged
the way ``benchmarks/repair_bench.py`` damages its articles (paragraphs cut at a random point,
subhead-like pieces made of whole clauses of the text, caption blocks). Every break after a piece
of at most 40 chars that the hard rules of ``repair.join_hard`` leave open is an example: label 1
when the piece is the first part of a cut paragraph, 0 when it is a subhead or a paragraph of its
own (both sides read as ``repair.join_view`` gives them). A logistic model over ``pipeline.text.piecelex.piece_keys`` is fitted by AdaGrad
(``build_joinlex.train``); keys seen fewer than 3 times or with tiny weights are dropped.
The header records each source file's sha256. Deterministic (fixed seeds).

Usage: uv run python scripts/build_piecelex.py [--rounds N] [--out PATH] [SOURCE.jsonl ...]
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_joinlex import read_texts, train, write_weights

from benchmarks.repair_bench import join_rows
from pipeline.text.piecelex import DATA_PATH, MAX_PIECE, piece_keys
from pipeline.text.repair import join_view

DEFAULT_SOURCES = [Path("/work/shared/eval/train/msra_train_minus_eval.jsonl")]


def examples(texts: list[str], seed: int, rounds: int) -> tuple[list[list[str]], list[int]]:
    """Keys and labels of the open breaks after whole pieces in ``rounds`` damaged article sets."""
    rng = random.Random(seed)
    texts = list(texts)
    rng.shuffle(texts)
    xs: list[list[str]] = []
    ys: list[int] = []
    for hard, _, join, _, left, right, n_left, n_right, _ in join_rows(texts, rng, rounds, None, features=False):
        left, right, n_left, n_right = join_view(left, right, n_left, n_right)  # as join_features reads them
        if hard is None and n_left <= len(left) and n_left <= MAX_PIECE:
            xs.append(piece_keys(left, right, n_left))
            ys.append(int(join))
    return xs, ys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sources", nargs="*", type=Path, default=DEFAULT_SOURCES)
    ap.add_argument("--rounds", type=int, default=6, help="damaged article sets over the text")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--seed", type=int, default=99)
    ap.add_argument("--out", type=Path, default=DATA_PATH)
    args = ap.parse_args(argv)
    xs, ys = examples(read_texts(args.sources), args.seed, args.rounds)
    b, weights = train(xs, ys, args.epochs, args.min_count)
    write_weights(args.out, "piecelex", args.sources, b, weights)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(weights)} keys, {len(xs)} examples, "
          f"{sum(ys)} in-sentence)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
