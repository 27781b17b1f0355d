"""Char n-gram model of sentence breaks for OCR line joins, built by scripts/build_joinlex.py.

``lex_score(left, right)`` is the log-odds, learned on the training text, that a break between
``left`` and ``right`` falls inside a sentence rather than between two sentences, from the 1-4
chars on each side of the break, their crossings and the dictionary words meeting there. 0.0 when the
data file is missing.
"""
from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path

from pipeline.text.charstats import fold, load_words
from pipeline.text.snapshot import load_or_build

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "joinlex.tsv.gz"
_CLAUSE_RE = re.compile(r"[，。、；：！？,;:!?]")


def _edge_word(text: str, words: frozenset[str], at_end: bool) -> str:
    """The longest jionlp word (2-4 chars) ending (or starting) ``text``, else its last (first) char."""
    for k in (4, 3, 2):
        piece = text[-k:] if at_end else text[:k]
        if len(text) >= k and piece in words:
            return piece
    return text[-1:] if at_end else text[:1]


def lex_keys(left: str, right: str) -> list[str]:
    """Feature keys of the break between ``left`` and ``right``: 1-4 chars on each side, their
    crossings, the words that meet at the break, the length of the next clause."""
    lf, rf = fold(left[-4:]), fold(right[:4])
    lt = ("^^^^" + lf)[-4:]
    rt = (rf + "$$$$")[:4]
    m = _CLAUSE_RE.search(right)
    rc = m.start() if m else len(right)
    words = load_words()
    lw, rw = _edge_word(lf, words, True), _edge_word(rf, words, False)
    return ["a" + lt[-1:], "b" + lt[-2:], "c" + lt[-3:], "d" + lt,
            "e" + rt[:1], "f" + rt[:2], "g" + rt[:3], "h" + rt,
            "i" + lt[-1:] + rt[:1], "j" + lt[-2:] + rt[:1], "k" + lt[-1:] + rt[:2], "l" + lt[-2:] + rt[:2],
            "m" + lt[-3:] + rt[:1], "n" + lt[-1:] + rt[:3], f"o{min(rc, 16)}",
            "p" + lw, "q" + rw, "r" + lw + "|" + rw]


@lru_cache(maxsize=1)
def load(path: str | None = None) -> tuple[float, dict[str, float]]:
    """(bias, weights) of the shipped model; (0, {}) if the file is missing."""
    p = Path(path) if path else DATA_PATH
    return load_or_build("joinlex", [Path(__file__), p], lambda: read_weights(p))


def read_weights(p: Path) -> tuple[float, dict[str, float]]:
    """(bias, weights) of a key-weight model file (``scripts/build_joinlex.write_weights``);
    (0, {}) when it is missing or unreadable."""
    weights: dict[str, float] = {}
    bias = 0.0
    try:
        with gzip.open(p, "rt", encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 2:
                    continue
                if parts[0] == "#bias":
                    bias = float(parts[1])
                elif not parts[0].startswith("#"):
                    weights[parts[0]] = float(parts[1])
    except (OSError, ValueError):
        return 0.0, {}
    return (bias, weights) if weights else (0.0, {})


def lex_score(left: str, right: str) -> float:
    """Log-odds that the break falls inside a sentence (clipped to [-12, 12])."""
    bias, weights = load()
    if not weights or not left or not right:
        return 0.0
    z = bias + sum(weights.get(k, 0.0) for k in lex_keys(left, right))
    return max(min(z, 12.0), -12.0)
