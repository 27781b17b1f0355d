"""Per-page processing into table rows, and people credited in bylines."""
import hashlib

from pipeline.ingest import Document
from pipeline.process import combine, process_document, resolve_entities

PAGE = ("石峰区新建三所学校\n\n株洲日报记者 王娜 通讯员/刘敏\n\n"
        "近日,石峰区区长王娜在清水塘街道调研时表示,今年将新建3所学校。\n\n责任编辑:赵云超\n")


def doc(text: str) -> Document:
    data = text.encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    return Document(sha[:16], "p.txt", sha, len(data), "utf-8", text)


def test_credited_people_are_entities_with_their_byline_role():
    result = process_document(doc(PAGE))
    art = result.articles[0]
    assert art["reporters"] == ["王娜"] and art["correspondents"] == ["刘敏"]
    entities, mentions = resolve_entities(combine([result])[1])
    people = {e["name"]: e for e in entities if e["type"] == "PERSON"}
    assert "记者" in people["王娜"]["titles"]
    assert people["刘敏"]["titles"] == ["通讯员"] and people["刘敏"]["n_mentions"] == 0
    # a reporter also named in the body is one entity: the byline role joins the body title
    body_ids = {m["entity_id"] for m in mentions if m["surface"] == "王娜"}
    assert body_ids == {people["王娜"]["entity_id"]}
    assert people["王娜"]["n_mentions"] == len([m for m in mentions if m["surface"] == "王娜"]) >= 1


def test_rows_reference_their_article_and_raw_text():
    result = process_document(doc(PAGE))
    body = result.articles[0]["body"]
    for m in result.metrics:
        assert body[m["start"]:m["end"]] == m["surface"]
        assert PAGE[m["raw_start"]:m["raw_end"]] == m["surface"]
    assert any(m["surface"] == "3所" and m["value"] == 3.0 for m in result.metrics)


def test_a_pool_of_workers_gives_the_same_results_in_the_same_order():
    from pathlib import Path

    from pipeline.process import pool_size, process_documents

    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    docs = [doc(f"{t}\n\n第{k}版\n") for k in range(4) for t in texts]  # 20 distinct pages
    assert pool_size(len(docs), 2) == 2 and pool_size(10, 2) == 1 and pool_size(100, 1) == 1
    serial = list(process_documents(docs, workers=1))
    pooled = list(process_documents(docs, workers=2))
    assert [r.document["sha256"] for r in pooled] == [d.sha256 for d in docs]
    assert pooled == serial


def test_the_pool_stops_even_when_the_parent_only_records_sigterm(tmp_path):
    """Dagster's run installs a SIGTERM handler that only records the signal; forked workers
    inherit it. Stopping early (terminate) and finishing normally must both return."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = tmp_path / "pool.py"
    script.write_text(
        "import signal, hashlib\n"
        "from pathlib import Path\n"
        "from pipeline.ingest import Document\n"
        "from pipeline.process import process_documents\n"
        "signal.signal(signal.SIGTERM, lambda *a: None)\n"
        "signal.signal(signal.SIGINT, lambda *a: None)\n"
        f"texts = [p.read_text(encoding='utf-8') for p in sorted(Path({str(root / 'seeds')!r}).glob('*.txt'))]\n"
        "docs = []\n"
        "for k in range(4):\n"
        "    for t in texts:\n"
        "        b = (t + f'\\n第{k}版\\n').encode()\n"
        "        h = hashlib.sha256(b).hexdigest()\n"
        "        docs.append(Document(h[:16], 'p.txt', h, len(b), 'utf-8', b.decode()))\n"
        "gen = process_documents(docs, workers=2)\n"
        "first = [next(gen) for _ in range(3)]\n"
        "gen.close()  # stop early: the workers are terminated\n"
        "print(len(first), len(list(process_documents(docs, workers=2))))\n",
        encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], check=False, cwd=root, capture_output=True, text=True,
                          timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["3", "20"]


def test_a_padded_two_char_name_is_cut_at_its_pad():
    # OCR sets a two-char name in three cells (刘 昆); the run-on 刘昆正 would swallow the adverb 正
    page = "大户种桃\n\n株洲日报记者 王娜\n\n种植大户刘 昆正和工人们给桃子套袋。站长王 振宇介绍，村支书易 小 军说，今年桃子好。\n"
    r = process_document(doc(page))
    people = {m["surface"] for m in r.mentions if m["type"] == "PERSON"}
    assert "刘昆" in people and "刘昆正" not in people
    assert "王振宇" in people  # a stray space inside a three-char name: the given char 宇 ends names
    assert "易小军" in people  # spaced out char by char
