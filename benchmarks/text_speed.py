"""Throughput of each per-page stage of the text core, in characters per second (one core).

    uv run python benchmarks/text_speed.py [--repeat 20]

Input: the sample pages in seeds/, repeated. Segmentation and repair are timed on raw pages;
entity and metric extraction on the repaired article bodies. Loading gazetteers, statistics and
the NER model happens once, before timing.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from pipeline.text.entities import extract_mentions
from pipeline.text.numbers import extract_metrics
from pipeline.text.repair import repair_article
from pipeline.text.segment import segment

ROOT = Path(__file__).resolve().parents[1]


def rate(fn, items: list[str], repeat: int) -> float:
    fn(items[0])  # warm caches and lazy loads
    n = sum(len(x) for x in items) * repeat
    started = time.process_time()
    for _ in range(repeat):
        for x in items:
            fn(x)
    return n / max(time.process_time() - started, 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    pages = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    layouts = [(raw, segment(raw)) for raw in pages]
    bodies = [repair_article(raw, a.paragraphs, a.headings).body for raw, lay in layouts for a in lay.articles]

    def repair_page(raw: str) -> None:
        for a in segment(raw).articles:
            repair_article(raw, a.paragraphs, a.headings)

    print(f"segment:          {rate(segment, pages, args.repeat):>10,.0f} chars/s")
    print(f"segment+repair:   {rate(repair_page, pages, args.repeat):>10,.0f} chars/s")
    print(f"extract_mentions: {rate(extract_mentions, bodies, max(1, args.repeat // 4)):>10,.0f} chars/s")
    print(f"extract_metrics:  {rate(extract_metrics, bodies, args.repeat):>10,.0f} chars/s")


if __name__ == "__main__":
    main()
