"""Plain dataclasses shared by the pure text core (no Dagster, no pandas).

Offsets are Python ``str`` indexes; spans are half-open ``[start, end)``.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date

SEGMENT_KINDS = ("headline", "subheadline", "byline", "body", "caption", "boilerplate", "blank")
REPAIR_KINDS = ("line_join", "duplicate_char", "missing_char", "variant_char", "punctuation_width",
                "whitespace", "other")
ENTITY_TYPES = ("PERSON", "PLACE", "ORG")
PLACE_LEVELS = ("province", "city", "district", "street", "community", "residential", "water", "other")
BOUNDS = ("exact", "about", "over", "under")


@dataclass(frozen=True)
class Segment:
    """A slice of the raw text; the segments of a page tile it exactly."""

    seq: int
    kind: str
    raw_start: int
    raw_end: int
    text: str
    article: int | None = None  # index into PageLayout.articles (0-based), None for page furniture


@dataclass
class ArticleLayout:
    """One story on a page, as found by segmentation (before repair)."""

    headline: str
    subheadline: str | None = None
    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    raw_start: int = 0
    raw_end: int = 0
    # raw spans of the body paragraphs in reading order (body segments, section headings
    # without their markup); a sentence broken across lines may span several of them
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    # indexes into ``paragraphs`` of section headings: they stand alone, never joined to a neighbour
    headings: list[int] = field(default_factory=list)


@dataclass
class PageLayout:
    """Segmentation result for one document."""

    segments: list[Segment]
    articles: list[ArticleLayout]
    publication: str | None = None
    published_date: date | None = None


@dataclass(frozen=True)
class Repair:
    """One change (applied or only proposed) made by cleanup, located in the raw text."""

    kind: str
    raw_start: int
    raw_end: int
    before: str  # == raw[raw_start:raw_end]
    after: str
    rule: str
    confidence: float
    applied: bool


@dataclass(frozen=True)
class Piece:
    """A run of the body and the raw span it came from.

    ``copy`` pieces are equal-length verbatim copies; other pieces replace ``raw`` with ``body``
    (a deletion has an empty body span; an inserted paragraph break has an empty raw span).
    """

    body_start: int
    body_end: int
    raw_start: int
    raw_end: int
    copy: bool


class OffsetMap:
    """Maps offsets between an article body and the raw text of its document, both ways.

    Built from the pieces that made the body; only pieces that produced body text are
    needed to map body -> raw, all pieces to map raw -> body.
    """

    def __init__(self, pieces: list[Piece]):
        self.pieces = pieces
        self._filled = [p for p in pieces if p.body_end > p.body_start]
        self._starts = [p.body_start for p in self._filled]

    def _piece(self, pos: int) -> Piece:
        return self._filled[max(bisect.bisect_right(self._starts, pos) - 1, 0)]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span that body span ``[start, end)`` came from."""
        if not self._filled:
            return (0, 0)
        p = self._piece(start)
        raw_start = p.raw_start + (start - p.body_start) if p.copy else p.raw_start
        if end <= start:
            return raw_start, raw_start
        q = self._piece(end - 1)
        raw_end = q.raw_start + (end - q.body_start) if q.copy else q.raw_end
        return raw_start, raw_end

    def to_body(self, raw_start: int, raw_end: int) -> tuple[int, int] | None:
        """Body span made from raw span ``[raw_start, raw_end)``, or None if it left no trace."""
        lo = hi = None
        for p in self._filled:
            if p.raw_end <= raw_start or p.raw_start >= raw_end:
                continue
            if p.copy:
                s = p.body_start + max(raw_start - p.raw_start, 0)
                e = p.body_start + min(raw_end, p.raw_end) - p.raw_start
            else:
                s, e = p.body_start, p.body_end
            lo = s if lo is None else min(lo, s)
            hi = e if hi is None else max(hi, e)
        return None if lo is None else (lo, hi)


@dataclass
class RepairStep:
    """One cleanup step's effect on the whole body, for lineage."""

    step: str
    version: str
    text_after: str
    n_changes: int


@dataclass
class RepairedArticle:
    body: str
    offsets: OffsetMap
    repairs: list[Repair]
    steps: list[RepairStep]  # in order; the first step's input is the document itself


@dataclass(frozen=True)
class Mention:
    """An entity occurrence in an article body."""

    type: str  # PERSON, PLACE, ORG
    surface: str
    start: int
    end: int
    role: str | None = None  # job title at this mention (people)
    level: str | None = None  # place level guess
    admin_code: str | None = None
    parent: str | None = None  # canonical name of the enclosing place, if known from text or gazetteer
    canonical: str | None = None  # canonical name if the extractor knows it (e.g. gazetteer full name)


@dataclass(frozen=True)
class Metric:
    surface: str
    value: float
    value_high: float | None
    unit: str
    bound: str
    subject: str | None
    start: int
    end: int
    sentence: str


@dataclass
class Entity:
    """A resolved real-world thing: one row of the entities table."""

    entity_id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    level: str | None = None
    parent_id: str | None = None
    admin_code: str | None = None
    titles: list[str] = field(default_factory=list)
