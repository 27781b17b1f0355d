"""Build the compact gazetteer and person-name statistics used by pipeline.text.entities.

Outputs (deterministic gzip, mtime 0):

* ``pipeline/data/gazetteer.tsv.gz`` from jionlp's ``china_location.txt`` (5 tab-indented levels:
  province, city, district, street/town, community/village; codes down to county level).
  Every province, city, district and street/town of China is kept; communities/villages only
  for the focus province (default 湖南省) to keep the file small and avoid random matches of
  common community names elsewhere. Countries (level ``country``) and their listed cities come from
  jionlp's ``world_location.txt``. Columns: ``idx parent_idx level name code short``.
* ``pipeline/data/gazetteer_words.txt.gz``: frequent 2-4 character words from jionlp's ``idf.txt``
  (idf <= 10.0), the word-boundary signal used to find where a rule-found name starts.
* ``pipeline/data/gazetteer_names.tsv.gz`` from the PER spans of the training split
  (``/work/shared/eval/train/msra_train_minus_eval.jsonl``): surname counts (first char, or the
  compound surname), given-name character counts, and every character's count in the text.

Header lines (``#``) record each source file's path and sha256.

Usage: uv run python scripts/build_gazetteer.py [--focus 湖南省]
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
from collections import Counter
from pathlib import Path

from pipeline.hashing import sha256_file

ROOT = Path(__file__).resolve().parents[1]
LOCATION = ROOT / ".venv/lib/python3.11/site-packages/jionlp/dictionary/china_location.txt"
TRAIN = Path("/work/shared/eval/train/msra_train_minus_eval.jsonl")
OUT_GAZ = ROOT / "pipeline" / "data" / "gazetteer.tsv.gz"
OUT_NAMES = ROOT / "pipeline" / "data" / "gazetteer_names.tsv.gz"
IDF = LOCATION.parent / "idf.txt"
WORLD = LOCATION.parent / "world_location.txt"
OUT_WORDS = ROOT / "pipeline" / "data" / "gazetteer_words.txt.gz"
MAX_IDF = 10.0
LEVELS = ("province", "city", "district", "street", "community")
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯",
                     "长孙", "宇文", "司徒", "端木", "轩辕", "申屠", "澹台", "独孤", "南宫", "闻人", "万俟")


def write_gz(path: Path, text: str) -> None:
    """Write ``text`` gzipped with a fixed mtime so the bytes are reproducible."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


def build_gazetteer(focus: str) -> str:
    """The gazetteer TSV text."""
    lines = [f"# source\t{LOCATION.name}\tsha256\t{sha256_file(LOCATION)}", f"# focus\t{focus}",
             "# idx\tparent_idx\tlevel\tname\tcode\tshort"]
    stack: list[int] = []  # idx of the open node at each depth
    province = ""
    idx = 0
    with open(LOCATION, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            depth = len(line) - len(line.lstrip("\t"))
            parts = line.strip("\t").split("\t")
            name = parts[0].strip()
            code = parts[1].strip() if len(parts) > 1 else ""
            short = parts[2].strip() if len(parts) > 2 else ""
            if depth == 0:
                province = name
            del stack[depth:]
            if depth >= len(LEVELS) or (depth == 4 and province != focus):
                continue
            parent = stack[-1] if stack else -1
            # a city-level entry repeating its province (直辖市) is folded into the province
            lines.append(f"{idx}\t{parent}\t{LEVELS[depth]}\t{name}\t{code}\t{short}")
            stack.append(idx)
            idx += 1
    # countries (name = common short name, short = official name) and their listed foreign cities
    # from jionlp's world_location.txt; China's own cities come from the national table above
    lines[0:1] = [lines[0], f"# source\t{WORLD.name}\tsha256\t{sha256_file(WORLD)}"]
    with open(WORLD, encoding="utf-8") as f:
        for raw in f:
            parts = raw.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0].strip() or parts[0].endswith(":"):
                continue
            country, official = parts[0].strip(), parts[1].strip()
            if country == "中国":  # the country itself; its cities are in the national table
                lines.append(f"{idx}\t-1\tcountry\t{country}\t\t{official}")
                idx += 1
                continue
            lines.append(f"{idx}\t-1\tcountry\t{country}\t\t{official if official != country else ''}")
            cidx = idx
            idx += 1
            cities = []
            if len(parts) > 2 and parts[2].strip():
                cities.append(parts[2].strip())
            if len(parts) > 3:
                cities.extend(c.strip() for c in parts[3].split("/") if c.strip())
            for city in dict.fromkeys(cities):
                if len(city) >= 2 and city != country:
                    lines.append(f"{idx}\t{cidx}\tcity\t{city}\t\t")
                    idx += 1
    return "\n".join(lines) + "\n"


def build_names() -> str:
    """The person-name statistics TSV text."""
    surnames: Counter[str] = Counter()
    given: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    with open(TRAIN, encoding="utf-8") as f:
        for raw in f:
            rec = json.loads(raw)
            chars.update(rec["text"])
            for ent in rec["entities"]:
                if ent["type"] != "PER":
                    continue
                name = ent["text"]
                if not (2 <= len(name) <= 4) or not all("\u4e00" <= c <= "\u9fff" for c in name):
                    continue
                sur = name[:2] if name[:2] in COMPOUND_SURNAMES else name[0]
                surnames[sur] += 1
                given.update(name[len(sur):])
    out = [f"# source\t{TRAIN.name}\tsha256\t{sha256_file(TRAIN)}", "# kind\tkey\tcount"]
    for kind, counter in (("surname", surnames), ("given", given), ("char", chars)):
        for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            if key in "\t\n\r" or not key.strip():
                continue
            out.append(f"{kind}\t{key}\t{n}")
    for sur in COMPOUND_SURNAMES:
        if sur not in surnames:
            out.append(f"surname\t{sur}\t1")
    return "\n".join(out) + "\n"


def build_words() -> str:
    """Frequent 2-4 character Han words (jionlp idf <= MAX_IDF): a segmentation signal for name edges."""
    words = []
    with open(IDF, encoding="utf-8") as f:
        for raw in f:
            parts = raw.rstrip("\n").split("\t")
            if len(parts) != 2:
                continue
            w, idf = parts
            try:
                value = float(idf)
            except ValueError:
                continue
            if 2 <= len(w) <= 4 and value <= MAX_IDF and all("\u4e00" <= c <= "\u9fff" for c in w):
                words.append(w)
    head = [f"# source\t{IDF.name}\tsha256\t{sha256_file(IDF)}", f"# max_idf\t{MAX_IDF}"]
    return "\n".join(head + sorted(set(words))) + "\n"


def main() -> None:
    """Build both files."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--focus", default="湖南省", help="province whose communities/villages are kept")
    args = ap.parse_args()
    write_gz(OUT_GAZ, build_gazetteer(args.focus))
    write_gz(OUT_NAMES, build_names())
    write_gz(OUT_WORDS, build_words())
    for p in (OUT_GAZ, OUT_NAMES, OUT_WORDS):
        print(p.relative_to(ROOT), p.stat().st_size, sha256_file(p))


if __name__ == "__main__":
    main()
