"""Sentence-level character 4-gram language model for OCR line joins, built by scripts/build_charlm.py.

The model is interpolated absolute discounting over the sentences of the training text (split after
``。！？``), with ``BOS`` padding before each sentence and ``EOS`` after it. :func:`break_features`
compares reading the chars after a break as the continuation of the chars before it with reading
them as the start of a new sentence (and the chars before it as a sentence end). All zeros when the
data file is missing.
"""
from __future__ import annotations

import gzip
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.text.charstats import BOS, EOS, fold
from pipeline.text.snapshot import load_or_build

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "charlm.tsv.gz"
ORDER = 4
DISCOUNT = 0.75
SENTENCE_END_RE = re.compile(r"(?<=[。!?])")  # after folding, ！？ are ASCII
_MASK = (1 << 32) - 1
WINDOW = 4  # chars after the break that are scored
FLUENCY_SPAN = 12  # chars of a short piece scored as a whole sentence
FEATURES = ("clm", "clm_j", "clm_s", "clm_eos", "clm_flu")


def sentences(text: str) -> list[str]:
    """The folded sentences of a training text."""
    return [s for s in (p.strip() for p in SENTENCE_END_RE.split(fold(text))) if s]


def count(texts: Iterable[str], order: int = ORDER) -> tuple[list[Counter[str]], int, int]:
    """n-gram counts (index k holds the k-grams) of the padded sentences, the number of sentences,
    and the number of distinct sentence-initial chars."""
    grams: list[Counter[str]] = [Counter() for _ in range(order + 1)]
    n_sent = 0
    starts: set[str] = set()
    for text in texts:
        for s in sentences(text):
            n_sent += 1
            starts.add(s[0])
            padded = BOS * (order - 1) + s + EOS
            for i in range(order - 1, len(padded)):
                for k in range(1, order + 1):
                    grams[k][padded[i - k + 1:i + 1]] += 1
    return grams, n_sent, len(starts)


@dataclass
class CharLM:
    """Counts and continuation-type counts packed as ``count | types << 32`` per n-gram."""

    table: dict[str, int] = field(default_factory=dict)
    n_sent: int = 0
    n_starts: int = 0
    total: int = 0
    vocab: int = 0
    order: int = ORDER
    discount: float = DISCOUNT

    def _context(self, ctx: str) -> tuple[int, int]:
        """(occurrences followed by a char, distinct chars following) of a context."""
        if not ctx:
            return self.total, self.vocab
        if ctx.strip(BOS) == "":
            return self.n_sent, self.n_starts
        v = self.table.get(ctx, 0)
        return v & _MASK, v >> 32

    def prob(self, history: str, ch: str) -> float:
        """P(ch | the last order-1 chars of history)."""
        h = history[-(self.order - 1):]
        pr = 1.0 / (self.vocab + 1)
        for k in range(len(h) + 1):
            ctx = h[len(h) - k:]
            tot, types = self._context(ctx)
            if tot <= 0:
                continue
            c = self.table.get(ctx + ch, 0) & _MASK
            pr = max(c - self.discount, 0.0) / tot + self.discount * types / tot * pr
        return max(pr, 1e-12)  # (a context with no follower kept, e.g. a control char the model uses as a
        # sentence mark turning up in the text: never zero)

    def logprob(self, history: str, text: str) -> float:
        """log P(text | history), char by char."""
        total = 0.0
        h = history
        for ch in text:
            total += math.log(self.prob(h, ch))
            h = (h + ch)[-(self.order - 1):]
        return total


def build(texts: Iterable[str], min_top: int = 2) -> tuple[CharLM, list[str]]:
    """The model and its data-file lines: n-grams of the top order seen fewer than ``min_top``
    times are dropped, the continuation counts of their contexts kept."""
    grams, n_sent, n_starts = count(texts)
    types: Counter[str] = Counter()
    for k in range(2, ORDER + 1):
        for g in grams[k]:
            types[g[:-1]] += 1
    lines = []
    table: dict[str, int] = {}
    for k in range(1, ORDER + 1):
        for g in sorted(grams[k]):
            c = grams[k][g]
            if k == ORDER and c < min_top:
                continue
            t = types.get(g, 0)
            table[g] = c | t << 32
            lines.append(f"{g}\t{c}\t{t}" if t else f"{g}\t{c}")
    lm = CharLM(table, n_sent, n_starts, sum(grams[1].values()), len(grams[1]))
    head = [f"#charlm\t{ORDER}", f"#sentences\t{n_sent}", f"#starts\t{n_starts}",
            f"#total\t{lm.total}", f"#vocab\t{lm.vocab}"]
    return lm, head + lines


def read(path: Path) -> CharLM:
    """A model file (``scripts/build_charlm.py``); an empty model when missing or unreadable."""
    meta: dict[str, int] = {}
    table: dict[str, int] = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if parts[0].startswith("#"):
                    if len(parts) == 2 and parts[1].isdigit():
                        meta[parts[0][1:]] = int(parts[1])
                    continue
                c = int(parts[1])
                table[parts[0]] = c | (int(parts[2]) << 32 if len(parts) > 2 else 0)
    except (OSError, ValueError, IndexError):
        return CharLM()
    if meta.get("charlm") != ORDER:
        return CharLM()
    return CharLM(table, meta.get("sentences", 0), meta.get("starts", 0), meta.get("total", 0),
                  meta.get("vocab", 0))


@lru_cache(maxsize=1)
def load(path: str | None = None) -> CharLM:
    """The shipped model (empty if the file is missing)."""
    p = Path(path) if path else DATA_PATH
    return load_or_build("charlm", [Path(__file__), p], lambda: read(p))


def count_of(gram: str) -> int:
    """Times the training text holds ``gram`` (1-4 chars; 4-grams seen once are not kept: 0)."""
    return load().table.get(gram, 0) & _MASK


def break_features(left: str, right: str, whole_left: bool) -> dict[str, float]:
    """Language-model evidence about a break between ``left`` and ``right`` (both without noise
    spaces): ``clm`` log-ratio of the next chars read across the break vs. as a new sentence,
    ``clm_j``/``clm_s`` those two per char, ``clm_eos`` log P(sentence end | the chars before),
    ``clm_flu`` per-char log-probability of a short left piece (``whole_left``) read as a sentence."""
    lm = load()
    if not lm.table or not left or not right:
        return dict.fromkeys(FEATURES, 0.0)
    lf = fold(left).replace(" ", "").replace("\xa0", "")
    rf = fold(right).replace(" ", "").replace("\xa0", "")[:WINDOW]
    if not lf or not rf:
        return dict.fromkeys(FEATURES, 0.0)
    start = BOS * (lm.order - 1)  # a sentence start
    history = start + lf
    joined = lm.logprob(history, rf)
    split = lm.logprob(start, rf)
    flu = 0.0
    if whole_left:
        piece = lf[-FLUENCY_SPAN:]
        flu = (lm.logprob(start, piece) + math.log(lm.prob(start + piece, EOS))) / (len(piece) + 1)
    return {"clm": max(min(joined - split, 15.0), -15.0), "clm_j": joined / len(rf),
            "clm_s": split / len(rf), "clm_eos": math.log(lm.prob(history, EOS)), "clm_flu": flu}
