"""Synthetic corpus generator: pages shaped like the sample pages, with realistic OCR damage.

    uv run python benchmarks/corpus.py OUT_DIR --pages 1000 --seed 1

Text comes from the training split (`../shared/eval/train/msra_train_minus_eval.jsonl`) and the
layout from the sample pages in `seeds/`: headline, subheadline, byline, paragraphs broken across
lines and blank lines, captions inserted mid-sentence, duplicated characters, half-width
punctuation, NBSP indentation, page furniture. The same seed gives the same files.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "eval" / "train" / "msra_train_minus_eval.jsonl"
SEEDS = ROOT / "seeds"
FURNITURE = ["上一篇:", "下一篇:", "相关阅读:", "扫码看视频", "责任编辑:", "联系电话:0731-2821", "您的位置:首页->要闻"]
CREDITS = ["株洲日报记者 {a} 通讯员/{b}", "株洲日报全媒体记者/{a}", "株洲日报(全媒体记者/{a} 通讯员/{b})",
           "记者 {a} 通讯员 {b}", "株洲日报·掌上株洲记者/{a} {b}"]
HALF = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "？": "?", "！": "!"}


def load_sentences(limit: int = 60000) -> tuple[list[str], list[str]]:
    sentences, names = [], []
    with open(TRAIN, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = rec["text"].strip()
            if 12 <= len(text) <= 160:
                sentences.append(text)
            names.extend(e["text"] for e in rec.get("entities", []) if e.get("type") == "PER" and 2 <= len(e["text"]) <= 3)
            if len(sentences) >= limit:
                break
    return sentences, sorted(set(names))


def damage(text: str, rng: random.Random) -> str:
    out = []
    for ch in text:
        r = rng.random()
        if ch in HALF and r < 0.3:
            ch = HALF[ch]
        elif "\u4e00" <= ch <= "\u9fff" and r < 0.004:
            ch = ch + ch  # duplicated character
        out.append(ch)
    text = "".join(out)
    if len(text) > 30 and rng.random() < 0.35:  # a sentence broken across lines
        cut = rng.randrange(8, len(text) - 8)
        text = text[:cut] + rng.choice(["\n\n", "\n", "\n\n\n"]) + text[cut:]
    return text


def make_page(rng: random.Random, sentences: list[str], names: list[str], samples: list[str]) -> str:
    if samples and rng.random() < 0.1:  # a sample page with its paragraphs in a new order
        paras = samples[rng.randrange(len(samples))].split("\n\n")
        head, rest = paras[:3], paras[3:]
        rng.shuffle(rest)
        return "\n\n".join(head + rest)
    lines = ["", ""]
    lines.append(rng.choice(sentences)[: rng.randrange(10, 24)].rstrip("，。、；"))
    if rng.random() < 0.4:
        lines.append("——" + rng.choice(sentences)[:14].rstrip("，。、；") + "纪实")
    lines.append("")
    a, b = rng.sample(names, 2) if len(names) >= 2 else ("王娜", "刘敏")
    lines.append(rng.choice(CREDITS).format(a=a, b=b))
    lines.append("")
    for _ in range(rng.randrange(4, 14)):
        para = "".join(rng.choice(sentences) for _ in range(rng.randrange(1, 4)))
        para = damage(para, rng)
        indent = "\u00a0\u00a0" if rng.random() < 0.1 else ""
        lines.append(indent + para)
        lines.append("")
        if rng.random() < 0.1:
            lines.extend(["▲" + rng.choice(sentences)[:16].rstrip("，。") + " 通讯员供图", ""])
    if rng.random() < 0.3:
        lines.extend(rng.sample(FURNITURE, 2))
    return "\n".join(lines) + "\n"


def generate(out: Path, pages: int, seed: int) -> list[Path]:
    sentences, names = load_sentences()
    samples = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(pages):
        rng = random.Random(seed * 1_000_003 + i)
        path = out / f"{i // 100:03d}" / f"page_{i:05d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(make_page(rng, sentences, names, samples), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"{len(generate(args.out, args.pages, args.seed))} pages in {args.out}")


if __name__ == "__main__":
    main()
