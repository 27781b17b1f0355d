"""Word model of short pieces seen whole, for OCR line joins; built by scripts/build_piecelex.py.

A piece of at most 40 chars that stands alone between two breaks is either a subhead or a title
(keep the break after it) or the first part of a paragraph whose line was broken (join).
``piece_score(left, right, n_left)`` is the log-odds, learned on damaged articles of the training
text, that the break after such a piece falls inside a sentence. Its keys are the break's own
keys (``joinlex.lex_keys``), how the piece opens, its length and clause count, the words of each
of its clauses (forward maximum matching over the jionlp words) and their bigrams, and the words
the next piece opens with. 0.0 when the data file is missing or the piece is not seen whole.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from pipeline.text.charstats import fold, load_words
from pipeline.text.joinlex import lex_keys, read_weights
from pipeline.text.snapshot import load_or_build

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "piecelex.tsv.gz"
MAX_PIECE = 40  # the join features see 40 chars each side: longer pieces are never seen whole
_SPLIT_RE = re.compile(r"[，。、；：！？,;:!?“”《》（）()\s\u3000]")


def _words(text: str) -> list[str]:
    """``text`` cut into jionlp words (2-4 chars) by forward maximum matching, single chars between."""
    words = load_words()
    out: list[str] = []
    i = 0
    while i < len(text):
        k = next((k for k in (4, 3, 2) if i + k <= len(text) and text[i:i + k] in words), 1)
        out.append(text[i:i + k])
        i += k
    return out


def piece_keys(left: str, right: str, n_left: int) -> list[str]:
    """Feature keys of the break after the whole piece ``left`` (length ``n_left``) before ``right``."""
    lf, rf = fold(left), fold(right)
    keys = ["J" + k for k in lex_keys(left, right)]
    keys += ["s1" + lf[:1], "s2" + lf[:2], "s3" + lf[:3], f"n{min(n_left, 24)}"]
    clauses = [c for c in _SPLIT_RE.split(lf) if c]
    keys.append(f"c{min(len(clauses), 4)}")
    for j, clause in enumerate(clauses):
        tag = "B" if j == len(clauses) - 1 else "A"  # the last clause, or one before it
        ws = _words(clause)
        keys += [tag + w for w in ws]
        keys += [tag + "2" + a + "|" + b for a, b in pairwise(ws)]
        keys += [tag + "L" + str(min(len(clause), 12)), tag + "e" + ws[-1], tag + "f" + ws[0]]
    first = next((c for c in _SPLIT_RE.split(rf) if c), "")
    if first:
        ws = _words(first)
        keys += ["R" + w for w in ws[:4]]
        keys += ["Rf" + ws[0], "RL" + str(min(len(first), 12))]
        if clauses:
            keys += ["X" + _words(clauses[-1])[-1] + "|" + ws[0],
                     "Y" + str(min(len(clauses[-1]), 12)) + "|" + str(min(len(first), 12)),
                     "Z" + lf[-1:] + "|" + str(min(n_left, 24))]
    return keys


@lru_cache(maxsize=1)
def load(path: str | None = None) -> tuple[float, dict[str, float]]:
    """(bias, weights) of the shipped model; (0, {}) if the file is missing."""
    p = Path(path) if path else DATA_PATH
    return load_or_build("piecelex", [Path(__file__), p], lambda: read_weights(p))


def piece_score(left: str, right: str, n_left: int) -> float:
    """Log-odds that the break after the whole piece ``left`` falls inside a sentence (clipped to
    [-12, 12]); 0.0 when ``left`` is not the whole piece or the model is missing."""
    if not left or not right or n_left > len(left) or n_left > MAX_PIECE:
        return 0.0
    bias, weights = load()
    if not weights:
        return 0.0
    z = bias + sum(weights.get(k, 0.0) for k in piece_keys(left, right, n_left))
    return max(min(z, 12.0), -12.0)
