"""Cross-validation of the line-join model on the even half of people_daily_dev.

The even-half sentences are split into ``--folds`` folds (by index). For each fold, the join model
(the logistic model of ``repair.join_features``) is fitted on damaged articles built from the other
folds (plus, unless ``--no-extra``, the damaged msra_train half-B articles that ``--fit`` uses, see
``repair_bench.extra_join_rows``) and scored, hard rules included, on damaged articles of the
held-out fold; counts are pooled over folds. The odd half is never read.

Run: uv run python benchmarks/join_cv.py [--folds 4] [--test-rounds 20] [--cache PATH]
"""
from __future__ import annotations

import argparse
import pickle
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.repair_bench import (
    JOIN_L2,
    SOURCE,
    extra_join_rows,
    fit_trees,
    join_rows,
    load_sentences,
    logistic_fit,
)
from pipeline.text import repair as rp
from pipeline.text.charstats import load


def fit_rows(rows: list[tuple], names: list[str], l2: float) -> tuple[float, list[float]]:
    model = [(r[1], r[2]) for r in rows if r[0] is None]
    return logistic_fit([f for f, _ in model], [y for _, y in model], names, l2)


def score_rows(rows: list[tuple], names: list[str], b0: float, ws: list[float]) -> list[float]:
    return [r[0] if r[0] is not None else b0 + sum(w * r[1][n] for n, w in zip(names, ws)) for r in rows]


def count(rows: list[tuple], scores: list[float], thr: float) -> tuple[int, int, int, int]:
    tp = fp = fn = hfp = 0
    for r, s in zip(rows, scores):
        pred = s > thr
        tp += pred and r[2]
        fp += pred and not r[2]
        fn += (not pred) and r[2]
        hfp += pred and r[3]
    return tp, fp, fn, hfp


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--seed", type=int, default=20261121)
    ap.add_argument("--train-rounds", type=int, default=30)
    ap.add_argument("--test-rounds", type=int, default=20)
    ap.add_argument("--no-extra", action="store_true", help="fit on the even-half folds only")
    ap.add_argument("--cross-dir", type=Path, default=Path("/tmp/repair_bench_cross"))
    ap.add_argument("--l2", type=float, default=JOIN_L2)
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the examples (reused if present)")
    ap.add_argument("--thresholds", default="-0.25,0,0.1,0.25,0.5")
    ap.add_argument("--show", type=int, default=0, help="print N errors per fold at the first threshold")
    ap.add_argument("--logistic-only", action="store_true", help="score with the logistic model alone (no trees)")
    args = ap.parse_args(argv)
    names = [n for n, _ in rp.JOIN_COEF]
    if args.cache and args.cache.exists():
        folds, extra = pickle.loads(args.cache.read_bytes())
    else:
        stats = load()
        sents = load_sentences(SOURCE)[0::2]
        folds = []
        for f in range(args.folds):
            part = sents[f::args.folds]
            train = join_rows(part, random.Random(args.seed + 100 + f), args.train_rounds, stats)
            test = join_rows(part, random.Random(args.seed + 200 + f), args.test_rounds, stats)
            folds.append((train, test))
        extra = extra_join_rows(args.seed, args.cross_dir)
        if args.cache:
            args.cache.write_bytes(pickle.dumps((folds, extra)))
    if args.no_extra:
        extra = []
    thrs = [float(t) for t in args.thresholds.split(",")]
    tot = {t: [0, 0, 0, 0] for t in thrs}
    for f, (_, test) in enumerate(folds):
        train = [r for g, (tr, _) in enumerate(folds) if g != f for r in tr]
        b0, ws = fit_rows(train + extra, names, args.l2)
        sc = score_rows(test, names, b0, ws)
        if not args.logistic_only:  # averaged with boosted trees fitted on the same examples (rp.TREE_BLEND)
            model = [r for r in train + extra if r[0] is None]
            trees = fit_trees([r[1] for r in model], [r[2] for r in model], names)
            held = [i for i, r in enumerate(test) if r[0] is None]
            tz = trees.decision_function(np.array([[test[i][1][n] for n in names] for i in held]))
            for i, z in zip(held, tz, strict=True):
                sc[i] = (1.0 - rp.TREE_BLEND) * sc[i] + rp.TREE_BLEND * float(z)
        if args.show:
            bad = [(r, s) for r, s in zip(test, sc) if (s > thrs[0]) != bool(r[2])]
            print(f"fold {f}: hard errors {sum(1 for r, _ in bad if r[0] is not None)} of {len(bad)}")
            for r, s in bad[:args.show]:
                tag = ("FP-head" if r[3] else "FP") if not r[2] else "FN"
                print(f"  {tag} {s:6.2f} {'H' if r[0] is not None else ' '} {r[4][-20:]!r} | {r[5][:20]!r}")
        for t in thrs:
            c = count(test, sc, t)
            tot[t] = [a + b for a, b in zip(tot[t], c)]
    n_train = sum(1 for tr, _ in folds for r in tr if r[0] is None)
    print(f"folds {args.folds}, model examples per fold ~{n_train * (args.folds - 1) // args.folds}"
          f" + extra {sum(1 for r in extra if r[0] is None)}, l2 {args.l2}")
    for t in thrs:
        tp, fp, fn, hfp = tot[t]
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        print(f"thr {t:5.2f}: P {p:.4f} R {r:.4f}  FP {fp} (headings {hfp}) FN {fn}  err {fp + fn}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
