"""Build pipeline/data/joinlex.tsv.gz: a char n-gram model of sentence breaks for OCR line joins.

Self-supervised on the training text (default: /work/shared/eval/train/msra_train_minus_eval.jsonl;
the PD dev split is kept apart for benchmarking): a sentence cut between two non-punctuation chars
is a break inside a sentence (label 1); the end of a sentence or of its last clause, final marks
stripped, followed by the start of another sentence is a break between paragraphs (label 0). A
logistic model over the 1-4 chars before and after the break, their crossings and the words meeting
there (keys from ``pipeline.text.joinlex.lex_keys``) is fitted by AdaGrad; weights of rare or tiny
keys are dropped.
The header records each source file's sha256. Deterministic (fixed seed).

Usage: uv run python scripts/build_joinlex.py [--epochs N] [SOURCE.jsonl ...]
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.hashing import sha256_file, write_gz_lines
from pipeline.text.charstats import fold
from pipeline.text.joinlex import DATA_PATH, lex_keys

DEFAULT_SOURCES = [Path("/work/shared/eval/train/msra_train_minus_eval.jsonl")]
PUNCT = set("，。、；：！？,.;:!?（）()“”‘’《》「」『』—…·-")
FINAL = set("。！？!?…”」』")
CLAUSE = set("，。；：！？,;:!?")


def examples(texts: list[str], rng: random.Random, pos_per: int) -> tuple[list[list[str]], list[int]]:
    xs: list[list[str]] = []
    ys: list[int] = []
    n = len(texts)
    for t in texts:
        cuts = [c for c in range(1, len(t)) if t[c - 1] not in PUNCT and t[c] not in PUNCT]
        for c in rng.sample(cuts, min(pos_per, len(cuts))):
            xs.append(lex_keys(t[max(0, c - 40):c], t[c:c + 40]))
            ys.append(1)
        e = len(t)
        while e > 0 and t[e - 1] in FINAL:
            e -= 1
        if 0 < e < len(t) and t[e - 1] not in PUNCT:
            body = t[:e]
            starts = [0] + [i + 1 for i, ch in enumerate(body) if ch in CLAUSE]
            s = starts[-1] if rng.random() < 0.5 else 0  # the last clause alone (a heading) or the sentence
            other = texts[rng.randrange(n)]
            xs.append(lex_keys(body[max(s, e - 40):e], other[:40]))
            ys.append(0)
    return xs, ys


def train(xs: list[list[str]], ys: list[int], epochs: int, min_count: int, lr: float = 0.1,
          l2: float = 1e-5) -> tuple[float, dict[str, float]]:
    import numpy as np

    cnt = Counter(k for x in xs for k in x)
    vocab = {k: i + 1 for i, k in enumerate(sorted(k for k, c in cnt.items() if c >= min_count))}
    width = max((len(x) for x in xs), default=0)  # key lists of unequal length are padded with 0 (no key)
    idx = np.zeros((len(xs), width), dtype=np.int64)
    for i, x in enumerate(xs):
        idx[i, :len(x)] = [vocab.get(k, 0) for k in x]
    y = np.array(ys, dtype=float)
    w = np.zeros(len(vocab) + 1)
    g2 = np.full(len(vocab) + 1, 1e-8)
    b, gb = 0.0, 1e-8
    order_rng = np.random.default_rng(0)
    for _ in range(epochs):
        order = order_rng.permutation(len(y))
        for s in range(0, len(y), 256):
            bi = order[s:s + 256]
            z = w[idx[bi]].sum(1) + b
            g = 1 / (1 + np.exp(-np.clip(z, -30, 30))) - y[bi]
            grad = np.zeros_like(w)
            np.add.at(grad, idx[bi], np.repeat(g[:, None], idx.shape[1], axis=1))
            grad[0] = 0.0
            grad += l2 * w * (grad != 0)
            g2 += grad ** 2
            w -= lr * grad / np.sqrt(g2)
            gsum = float(g.sum())
            gb += gsum ** 2
            b -= lr * gsum / math.sqrt(gb)
    inv = {i: k for k, i in vocab.items()}
    return b, {inv[i]: float(w[i]) for i in range(1, len(w)) if abs(w[i]) >= 0.05}


def read_texts(sources: list[Path]) -> list[str]:
    """The ``text`` of every record of the JSON Lines ``sources`` with at least 4 chars, stripped."""
    texts: list[str] = []
    for src in sources:
        with src.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    t = json.loads(line).get("text", "").strip()
                    if len(t) >= 4:
                        texts.append(t)
    return texts


def write_weights(out: Path, name: str, sources: list[Path], bias: float, weights: dict[str, float]) -> None:
    """Write a key-weight model as deterministic gzipped TSV: a header naming the model and each
    source file with its sha256, the bias, then the keys in order (read by ``joinlex.read_weights``)."""
    lines = [f"#{name}\t1"]
    for src in sources:
        lines.append(f"#source\t{src.name}\t{sha256_file(src)}")
    lines.append(f"#bias\t{bias:.4f}")
    lines += [f"{k}\t{v:.3f}" for k, v in sorted(weights.items()) if "\t" not in k and "\n" not in k]
    write_gz_lines(out, lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sources", nargs="*", type=Path, default=DEFAULT_SOURCES)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--pos-per", type=int, default=2, help="in-sentence cuts per sentence")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=DATA_PATH)
    args = ap.parse_args(argv)
    texts = [fold(t) for t in read_texts(args.sources)]
    xs, ys = examples(texts, random.Random(args.seed), args.pos_per)
    b, weights = train(xs, ys, args.epochs, args.min_count)
    write_weights(args.out, "joinlex", args.sources, b, weights)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(weights)} keys, {len(xs)} examples, "
          f"{sum(ys)} in-sentence)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
