"""Hand-made pages with layouts, credits and damage that seeds/ does not have (tests/data/pages/),
checked against hand-written expectations (tests/data/pages_expected.json): stories and credits,
furniture and captions kept out of bodies, joins, people with roles, places with levels,
organizations, metrics with their subject. Runs the per-page core and entity resolution, no Dagster."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.ingest import read_inputs
from pipeline.process import combine, process_document, resolve_entities

DATA = Path(__file__).resolve().parents[1] / "data"
PAGES = DATA / "pages"
EXPECTED = {k: v for k, v in json.loads((DATA / "pages_expected.json").read_text(encoding="utf-8")).items()
            if not k.startswith("_")}


@pytest.fixture(scope="module")
def built() -> dict[str, dict]:
    docs, rejects = read_inputs(PAGES)
    assert rejects == []
    results = [process_document(d) for d in docs]
    _, pages = combine(results)
    entities, mentions = resolve_entities(pages)
    out = {}
    for r in results:
        doc_id = r.document["doc_id"]
        out[r.document["source_path"]] = {
            "document": r.document, "segments": r.segments, "articles": r.articles, "metrics": r.metrics,
            "mentions": [m for m in mentions if m["doc_id"] == doc_id],
        }
    return {"pages": out, "entities": {e["entity_id"]: e for e in entities}}


def test_every_page_has_expectations() -> None:
    assert sorted(p.name for p in PAGES.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_stories_credits_and_furniture(built: dict, name: str) -> None:
    exp, page = EXPECTED[name], built["pages"][name]
    doc = page["document"]
    for key in ("publication", "encoding"):
        if key in exp:
            assert doc[key] == exp[key]
    if "published_date" in exp:
        assert str(doc["published_date"]) == exp["published_date"]
    arts = page["articles"]
    assert [a["headline"] for a in arts] == [a["headline"] for a in exp["articles"]]
    for got, want in zip(arts, exp["articles"]):
        assert (got["reporters"], got["correspondents"]) == (want["reporters"], want["correspondents"])
        if "subheadline" in want:
            assert got["subheadline"] == want["subheadline"]
        if "editors" in exp:
            assert got["editors"] == exp["editors"]
    segs = page["segments"]
    by_text = {}
    for s in segs:
        by_text.setdefault(s["text"].strip(), []).append(s["kind"])
    for text in exp.get("boilerplate", []):
        assert by_text.get(text) == ["boilerplate"], text
    for text in exp.get("captions", []):
        assert by_text.get(text) == ["caption"], text
    bodies = "".join(a["body"] for a in arts)
    for text in exp.get("captions", []) + exp.get("boilerplate", []):
        assert len(text) < 4 or text not in bodies  # (a lone page number "3" may be part of a figure)
    for text in exp.get("body_contains", []):
        assert text in bodies, text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_people_places_organizations(built: dict, name: str) -> None:
    exp, page = EXPECTED[name], built["pages"][name]
    ents = built["entities"]
    found = {}
    for m in page["mentions"]:
        e = ents[m["entity_id"]]
        found.setdefault((e["type"], e["name"]), []).append(m)
    people = {n for t, n in found if t == "PERSON"}
    for person, role in exp.get("people", {}).items():
        assert person in people, person
        if role is not None:
            assert role in {m["role"] for m in found[("PERSON", person)]}, (person, role)
    for full, aliases in exp.get("aliases", {}).items():
        (ent,) = [e for e in ents.values() if e["type"] in ("PERSON", "ORG") and e["name"] == full]
        assert set(aliases) <= set(ent["aliases"]), (full, ent["aliases"])
    levels = {n: ents[ms[0]["entity_id"]]["level"] for (t, n), ms in found.items() if t == "PLACE"}
    for place, level in exp.get("places", {}).items():
        assert levels.get(place) == level, place
    names = {e["entity_id"]: e["name"] for e in ents.values()}
    for place, parent in exp.get("parents", {}).items():
        (ms,) = [ms for (t, n), ms in found.items() if t == "PLACE" and n == place]
        assert names.get(ents[ms[0]["entity_id"]]["parent_id"]) == parent, place
    orgs = {n for t, n in found if t == "ORG"}
    assert set(exp.get("orgs", [])) <= orgs
    surfaces = {m["surface"] for m in page["mentions"]} | {n for _, n in found}
    assert not set(exp.get("not_entities", [])) & surfaces


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metrics(built: dict, name: str) -> None:
    exp, page = EXPECTED[name], built["pages"][name]
    got = {m["surface"]: [m["surface"], m["value"], m["value_high"], m["unit"], m["bound"], m["subject"]]
           for m in page["metrics"]}
    for row in exp.get("metrics", []):
        have = got.get(row[0])
        assert have is not None, row
        assert have[1] == pytest.approx(row[1]) and have[2] == pytest.approx(row[2]), (row, have)
        assert have[3:] == row[3:], (row, have)
    for surface in exp.get("not_metrics", []):
        assert not any(surface in s for s in got), surface
