"""Character n-gram statistics for OCR repair, built by scripts/build_charstats.py.

The data file holds unigram, bigram and trigram counts of training news text (full-width
ASCII folded to half-width; ``\\x02``/``\\x03`` mark sentence start/end) and counts of
characters seen as the first (surname) or a later (given name) character of person names.
"""
from __future__ import annotations

import gzip
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.text.jionlp_data import dictionary_lines, dictionary_source
from pipeline.text.snapshot import load_or_build, snapshot

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "charstats.tsv.gz"
BOS = "\x02"
EOS = "\x03"
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20


def fold(text: str) -> str:
    """Fold full-width ASCII (and U+3000) to half-width, the form the counts are kept in."""
    return text.translate(_FOLD)


@dataclass
class CharStats:
    """Counts plus a smoothed interpolated trigram model over characters."""

    uni: dict[str, int] = field(default_factory=dict)
    bi: dict[str, int] = field(default_factory=dict)
    tri: dict[str, int] = field(default_factory=dict)
    surname: dict[str, int] = field(default_factory=dict)
    given: dict[str, int] = field(default_factory=dict)
    sources: list[tuple[str, str]] = field(default_factory=list)
    n_lines: int = 0
    mu2: float = 2.0
    mu3: float = 2.0

    def __post_init__(self) -> None:
        self.total = max(sum(self.uni.values()), 1)
        self.vocab = max(len(self.uni), 1) + 1000

    def count(self, gram: str) -> int:
        """Raw count of a 1-, 2- or 3-gram (0 if unseen or pruned)."""
        table = self.uni if len(gram) == 1 else self.bi if len(gram) == 2 else self.tri
        return table.get(gram, 0)

    def _ctx(self, ch: str) -> int:
        return self.n_lines if ch == BOS else self.uni.get(ch, 0)

    def p1(self, c: str) -> float:
        """Unigram probability with add-half smoothing."""
        if c == EOS:
            return (self.n_lines + 0.5) / (self.total + self.n_lines + 0.5 * self.vocab)
        return (self.uni.get(c, 0) + 0.5) / (self.total + self.n_lines + 0.5 * self.vocab)

    def p2(self, b: str, c: str) -> float:
        """P(c | b), Dirichlet-smoothed toward the unigram."""
        return (self.bi.get(b + c, 0) + self.mu2 * self.p1(c)) / (self._ctx(b) + self.mu2)

    def p3(self, a: str, b: str, c: str) -> float:
        """P(c | a b), Dirichlet-smoothed toward the bigram model."""
        ctx = self.bi.get(a + b, 0)
        return (self.tri.get(a + b + c, 0) + self.mu3 * self.p2(b, c)) / (ctx + self.mu3)

    def logprob(self, s: str, start: int = 2) -> float:
        """Sum of log P(s[j] | s[j-2] s[j-1]) for j >= start (s already folded)."""
        total = 0.0
        for j in range(max(start, 2), len(s)):
            total += math.log(self.p3(s[j - 2], s[j - 1], s[j]))
        return total

    def surname_ratio(self, ch: str) -> float:
        """Share of a character's occurrences that start a person name."""
        return self.surname.get(ch, 0) / (self.uni.get(ch, 0) + 5)

    def given_ratio(self, ch: str) -> float:
        """Share of a character's occurrences that are inside a given name."""
        return self.given.get(ch, 0) / (self.uni.get(ch, 0) + 5)


def parse(lines: list[str]) -> CharStats:
    """Parse the TSV lines of a charstats file."""
    tables: dict[str, dict[str, int]] = {"1": {}, "2": {}, "3": {}, "S": {}, "G": {}}
    sources: list[tuple[str, str]] = []
    n_lines = 0
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3:
            continue
        tag = parts[0]
        if tag == "#source":
            sources.append((parts[1], parts[2]))
        elif tag in tables:
            try:
                tables[tag][parts[1]] = int(parts[2])
            except ValueError:
                continue
    for line in lines:
        if line.startswith("#lines\t"):
            try:
                n_lines = int(line.split("\t")[1])
            except (ValueError, IndexError):
                n_lines = 0
            break
    return CharStats(uni=tables["1"], bi=tables["2"], tri=tables["3"], surname=tables["S"],
                     given=tables["G"], sources=sources, n_lines=max(n_lines, 1))


@lru_cache(maxsize=1)
def load(path: str | None = None) -> CharStats:
    """Load (once) the shipped statistics; an empty model if the file is missing."""
    p = Path(path) if path else DATA_PATH
    return load_or_build("charstats", [Path(__file__), p], lambda: _read(p))


def _read(p: Path) -> CharStats:
    try:
        with gzip.open(p, "rt", encoding="utf-8") as f:
            return parse(f.read().split("\n"))
    except OSError:
        return CharStats()


@snapshot("idf_words", lambda: [dictionary_source("idf")])
def load_words() -> frozenset[str]:
    """Chinese words of 2-4 chars from jionlp's IDF word list (an installed package file)."""
    out = set()
    for line in dictionary_lines("idf"):
        w = line.split("\t", 1)[0].strip()
        if 2 <= len(w) <= 4:
            out.add(w)
    return frozenset(out)


FREE_CHAR_IDF = 4.5  # a single char this common as a word of its own in jionlp's corpus (要, 是, 人)


@snapshot("free_chars", lambda: [dictionary_source("idf")])
def load_free_chars() -> frozenset[str]:
    """Single chars that jionlp's IDF list finds often as words of their own (IDF below
    ``FREE_CHAR_IDF``): 要, 在, 人, but not 间 or 期, which mostly stand inside words."""
    out = set()
    for line in dictionary_lines("idf"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 2 and len(parts[0]) == 1:
            try:
                if float(parts[1]) < FREE_CHAR_IDF:
                    out.add(parts[0])
            except ValueError:
                continue
    return frozenset(out)


TRIVIAL_COMPONENTS = set("一丨丿丶乙亅亠冖人亻口十八儿几又厶卜冂匚匸")


def _toneless(py: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFD", py) if not unicodedata.combining(ch)).replace(
        "ü", "v")


@snapshot("char_components", lambda: [dictionary_source("chinese_char_dictionary")])
def load_char_info() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Per character: its components (jionlp's structure field) and toneless pinyin readings,
    from jionlp's ``chinese_char_dictionary.txt`` (an installed package file)."""
    import re

    out: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for line in dictionary_lines("chinese_char_dictionary"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 8 or len(parts[0]) != 1:
            continue
        comps = frozenset(ch for ch in parts[4] if ch not in (parts[0], parts[1]))
        readings = frozenset(_toneless(m) for m in re.findall(r"\[([^\]\s]+)\]", parts[7]))
        out[parts[0]] = (comps, readings)
    return out


def similar_chars(a: str, b: str) -> tuple[bool, bool]:
    """(share a non-radical, non-trivial component or one contains the other, share a toneless
    reading)."""
    info = load_char_info()
    ca, pa = info.get(a, (frozenset(), frozenset()))
    cb, pb = info.get(b, (frozenset(), frozenset()))
    shared = (ca & cb) - TRIVIAL_COMPONENTS
    graphic = bool(shared) or (a in cb and a not in TRIVIAL_COMPONENTS) or (b in ca and b not in TRIVIAL_COMPONENTS)
    return graphic, bool(pa & pb)
