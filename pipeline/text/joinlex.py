"""Char n-gram model of sentence breaks for OCR line joins, built by scripts/build_joinlex.py.

``lex_score(left, right)`` is the log-odds, learned on the training text, that a break between
``left`` and ``right`` falls inside a sentence rather than between two sentences, from the 1-4
chars on each side of the break and their crossings. 0.0 when the data file is missing.
"""
from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path

from pipeline.text.charstats import fold

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "joinlex.tsv.gz"
_CLAUSE_RE = re.compile(r"[，。、；：！？,;:!?]")


def lex_keys(left: str, right: str) -> list[str]:
    """Feature keys of the break between ``left`` and ``right``."""
    lt = ("^^^^" + fold(left[-4:]))[-4:]
    rt = (fold(right[:4]) + "$$$$")[:4]
    m = _CLAUSE_RE.search(right)
    rc = m.start() if m else len(right)
    return ["a" + lt[-1:], "b" + lt[-2:], "c" + lt[-3:], "d" + lt,
            "e" + rt[:1], "f" + rt[:2], "g" + rt[:3], "h" + rt,
            "i" + lt[-1:] + rt[:1], "j" + lt[-2:] + rt[:1], "k" + lt[-1:] + rt[:2], "l" + lt[-2:] + rt[:2],
            "m" + lt[-3:] + rt[:1], "n" + lt[-1:] + rt[:3], f"o{min(rc, 16)}"]


@lru_cache(maxsize=1)
def load(path: str | None = None) -> tuple[float, dict[str, float]]:
    """(bias, weights) of the shipped model; (0, {}) if the file is missing."""
    p = Path(path) if path else DATA_PATH
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
