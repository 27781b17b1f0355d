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
