"""Build pipeline/data/charstats.tsv.gz: character n-gram counts for OCR repair.

Reads the training text (default: /work/shared/eval/train/msra_train_minus_eval.jsonl; the
PD dev split is kept apart for benchmarking) and writes unigram, bigram and trigram counts
(full-width ASCII folded to half-width), plus person-name character counts from the PER
entity spans. The header records each source file's sha256.

Usage: uv run python scripts/build_charstats.py [--min-trigram N] [SOURCE.jsonl ...]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.hashing import sha256_file, write_gz_lines
from pipeline.text.charstats import fold

DEFAULT_SOURCES = [Path("/work/shared/eval/train/msra_train_minus_eval.jsonl")]
OUT = ROOT / "pipeline" / "data" / "charstats.tsv.gz"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sources", nargs="*", type=Path, default=DEFAULT_SOURCES)
    ap.add_argument("--min-bigram", type=int, default=1)
    ap.add_argument("--min-trigram", type=int, default=2)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    uni: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    tri: Counter[str] = Counter()
    sur: Counter[str] = Counter()
    given: Counter[str] = Counter()
    n_lines = 0
    for src in args.sources:
        with src.open(encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                rec = json.loads(line)
                text = fold(rec.get("text", ""))
                n_lines += 1
                padded = "\x02" + text + "\x03"  # sentence start / end markers
                uni.update(text)
                bi.update(padded[i:i + 2] for i in range(len(padded) - 1))
                tri.update(padded[i:i + 3] for i in range(len(padded) - 2))
                for ent in rec.get("entities", []):
                    if ent.get("type") == "PER":
                        name = fold(ent.get("text", ""))
                        if 2 <= len(name) <= 4:
                            sur[name[0]] += 1
                            given.update(name[1:])

    lines = ["#charstats\t1"]
    for src in args.sources:
        lines.append(f"#source\t{src.name}\t{sha256_file(src)}")
    lines.append(f"#lines\t{n_lines}")
    for tag, counter, minc in (("1", uni, 1), ("2", bi, args.min_bigram), ("3", tri, args.min_trigram),
                               ("S", sur, 1), ("G", given, 1)):
        for key in sorted(counter):
            c = counter[key]
            if c >= minc and "\t" not in key and "\n" not in key:
                lines.append(f"{tag}\t{key}\t{c}")
    write_gz_lines(args.out, lines)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(lines)} lines)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
