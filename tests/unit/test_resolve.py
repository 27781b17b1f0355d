"""Mention resolution: stable ids, order independence, variants, parents, titles, short forms."""
from __future__ import annotations

import random

import pytest

from pipeline.text import entities
from pipeline.text.entities import extract_mentions
from pipeline.text.model import Mention
from pipeline.text.resolve import entity_id, resolve, variant_names


def place(surface, parent=None, level="community", code=None, canonical=None, start=0):
    return Mention("PLACE", surface, start, start + len(surface), level=level, admin_code=code, parent=parent,
                   canonical=canonical or surface)


def person(surface, role=None):
    return Mention("PERSON", surface, 0, len(surface), role=role)


def org(surface, canonical=None, parent=None):
    return Mention("ORG", surface, 0, len(surface), parent=parent, canonical=canonical or surface)


def by_name(ents):
    return {e.name: e for e in ents}


ARTICLES = {
    "a1": "石峰区委书记张建勇(左一)到清水塘街道井勘社区调研。井勘社区建起博物馆。",
    "a2": "株洲石峰区井墈社区提质改造完成,居民李伟仪很高兴。石峰区区长邓元连提出要求。",
    "a3": "井磡社区党建广场。天元区总工会组织活动,该区总工会还推出品牌。副市长、市河长办主任顾峰表示。",
    "a4": ("天元区社区居家养老一体化服务中心(以下简称天元区居家养老中心)开展服务。"
           "芦淞区董家堰街道南华社区居民。得知情况后,董家塅街道积极对接。顾峰介绍。"),
}


@pytest.fixture(autouse=True)
def _no_crf(monkeypatch):
    monkeypatch.setattr(entities, "_crf", lambda text, rule_cands=(): [])


def _pairs():
    return [(aid, m) for aid in sorted(ARTICLES) for m in extract_mentions(ARTICLES[aid])]


def test_order_independent():
    pairs = _pairs()
    ents, ids = resolve(pairs)
    assert [e.entity_id for e in ents] == sorted(e.entity_id for e in ents)
    for seed in range(5):
        order = list(range(len(pairs)))
        random.Random(seed).shuffle(order)
        ents2, ids2 = resolve([pairs[i] for i in order])
        assert ents2 == ents
        assert ids2 == [ids[i] for i in order]


def test_every_mention_has_an_existing_entity_and_parents_exist():
    ents, ids = resolve(_pairs())
    known = {e.entity_id for e in ents}
    assert set(ids) <= known
    for e in ents:
        assert e.parent_id is None or e.parent_id in known


def test_id_formula_is_documented_one():
    ents, ids = resolve([("a", person("张建勇", "区委书记"))])
    assert ids == [entity_id("PERSON", "张建勇")]
    assert ents[0].titles == ["区委书记"]


def test_variant_spellings_merge_from_pages():
    ents, _ids = resolve(_pairs())
    names = by_name(ents)
    assert "井勘社区" in names
    assert set(names["井勘社区"].aliases) == {"井墈社区", "井磡社区"}
    assert "井墈社区" not in names and "井磡社区" not in names
    street = [e for e in ents if "董家堰街道" in [e.name, *e.aliases]]
    # one entity; the gazetteer's own spelling (董家段街道) may join as a further alias
    assert len(street) == 1 and {street[0].name, *street[0].aliases} >= {"董家堰街道", "董家塅街道"}
    assert {street[0].name, *street[0].aliases} <= {"董家堰街道", "董家塅街道", "董家段街道"}


def test_variant_rules():
    assert variant_names("井勘社区", "井墈社区")  # 勘 is the phonetic part of 墈
    assert variant_names("井墈社区", "井磡社区")  # same sound and component
    assert variant_names("董家堰街道", "董家塅街道")  # same radical, rare character
    assert not variant_names("汤家湾社区", "沈家湾社区")  # first character differs
    assert not variant_names("石峰区", "石峰县")  # level suffix differs
    assert not variant_names("大丰社区", "大冲社区")  # common, unrelated characters
    assert not variant_names("新马社区", "新马村")


def test_unrelated_same_shape_names_stay_apart():
    pairs = [("a", place("大丰社区", "学林街道")), ("b", place("大冲社区", "学林街道"))]
    _ents, ids = resolve(pairs)
    assert ids[0] != ids[1]


def test_null_parent_joins_known_parent():
    pairs = [("a", place("香樟社区", "学林街道")), ("b", place("香樟社区")), ("c", place("香樟社区", "学林街道"))]
    _ents, ids = resolve(pairs)
    assert len(set(ids)) == 1
    assert ids[0] == entity_id("PLACE", "香樟社区", "学林街道")


def test_same_name_different_parents_are_different_places():
    pairs = [("a", place("南华社区", "董家堰街道")), ("b", place("南华社区", "南翔镇"))]
    _ents, ids = resolve(pairs)
    assert ids[0] != ids[1]


def test_parent_chain_created_from_gazetteer():
    ents, _ids = resolve([("a", place("大冲村", "清水塘街道"))])
    names = by_name(ents)
    assert names["大冲村"].parent_id == names["清水塘街道"].entity_id
    assert names["清水塘街道"].parent_id == names["石峰区"].entity_id
    assert names["石峰区"].admin_code == "430204" and names["石峰区"].level == "district"
    assert names["株洲市"].parent_id == names["湖南省"].entity_id


def test_parent_not_in_gazetteer_still_created():
    ents, _ids = resolve([("a", place("双洲组", "大丰新社区", level="residential"))])
    names = by_name(ents)
    assert names["双洲组"].parent_id == names["大丰新社区"].entity_id
    assert names["大丰新社区"].level == "community"


def test_person_titles_sorted_distinct():
    pairs = [("a", person("顾峰", "副市长、市河长办主任")), ("b", person("顾峰")), ("c", person("顾峰", "副市长")),
             ("d", person("顾峰", "副市长"))]
    ents, ids = resolve(pairs)
    assert len(ents) == 1 and len(set(ids)) == 1
    assert ents[0].titles == ["副市长", "市河长办主任"]  # 副市长、市河长办主任 is two titles


def test_defined_abbreviation_is_an_alias():
    ents, _ids = resolve(_pairs())
    e = by_name(ents)["天元区社区居家养老一体化服务中心"]
    assert e.aliases == ["天元区居家养老中心"]
    assert e.parent_id == by_name(ents)["天元区"].entity_id


def test_relative_short_form_linked_within_article():
    pairs = [("a", org("天元区总工会", parent="天元区")), ("a", org("区总工会")), ("b", org("区总工会"))]
    ents, ids = resolve(pairs)
    assert ids[0] == ids[1] != ids[2]
    assert by_name(ents)["天元区总工会"].aliases == ["区总工会"]


def test_place_named_short_form_linked_within_article():
    pairs = [("a", org("芦淞区住房和城乡建设局", parent="芦淞区")), ("a", org("芦淞区住建局")),
             ("a", org("荷塘区住建局")), ("b", org("芦淞区住建局"))]
    ents, ids = resolve(pairs)
    assert ids[0] == ids[1] and len({ids[0], ids[2], ids[3]}) == 3  # another district's bureau stays apart
    assert by_name(ents)["芦淞区住房和城乡建设局"].aliases == ["芦淞区住建局"]


def test_empty_input():
    assert resolve([]) == ([], [])


def test_short_surface_is_an_alias_of_the_canonical_place():
    pairs = [("a", place("株洲", level="city", code="430200", canonical="株洲市", parent="湖南省")),
             ("b", place("株洲市", level="city", code="430200", parent="湖南省"))]
    ents, ids = resolve(pairs)
    assert ids[0] == ids[1]
    e = by_name(ents)["株洲市"]
    assert e.aliases == ["株洲"] and e.admin_code == "430200"


def test_parent_places_outside_contract_levels_become_other():
    """A parent created from the gazetteer (e.g. a country above a foreign city) gets a contract level."""
    from pipeline.text.entities import extract_mentions
    from pipeline.text.model import PLACE_LEVELS

    body = "代表团访问了卡萨布兰卡和惠灵顿。"
    ents, _ = resolve([("a-001", m) for m in extract_mentions(body)])
    names = {e.name: e for e in ents}
    assert "卡萨布兰卡" in names and names["卡萨布兰卡"].parent_id is not None
    assert all(e.level in PLACE_LEVELS for e in ents if e.type == "PLACE")


def test_variant_spellings_merge_when_one_parent_encloses_the_other():
    """井墈社区 (石峰区) and 井勘社区 (清水塘街道, which the text puts in 石峰区) are one place."""
    from pipeline.text.model import Mention

    ms = [
        ("a-001", Mention("PLACE", "清水塘街道", 0, 5, level="street", parent="石峰区", canonical="清水塘街道")),
        ("a-001", Mention("PLACE", "井墈社区", 10, 14, level="community", parent="石峰区", canonical="井墈社区")),
        ("a-002", Mention("PLACE", "井勘社区", 3, 7, level="community", parent="清水塘街道", canonical="井勘社区")),
        ("a-002", Mention("PLACE", "井勘社区", 20, 24, level="community", parent="清水塘街道", canonical="井勘社区")),
        ("a-003", Mention("PLACE", "东湖社区", 0, 4, level="community", parent="荷塘区", canonical="东湖社区")),
        ("a-003", Mention("PLACE", "西湖社区", 9, 13, level="community", parent="石峰区", canonical="西湖社区")),
    ]
    ents, ids = resolve(ms)
    assert ids[1] == ids[2] == ids[3]
    merged = next(e for e in ents if e.entity_id == ids[1])
    assert merged.name == "井勘社区" and merged.aliases == ["井墈社区"]
    assert ids[4] != ids[5]


def test_one_character_variant_of_a_gazetteer_street_under_its_district_resolves_to_it():
    from pipeline.text.resolve import gazetteer_variant

    assert gazetteer_variant("董家堰街道", "芦淞区") == "董家段街道"
    assert gazetteer_variant("董家段街道", "芦淞区") is None  # already the gazetteer's spelling
    assert gazetteer_variant("董家堰街道", "石峰区") is None  # no such street under that district
    assert gazetteer_variant("建设街道", "芦淞区") is None  # specific part too short to call a variant


def test_familiar_form_mention_is_an_alias_of_the_person():
    ms = [("a1", Mention("PERSON", "傅永", 0, 2)), ("a1", Mention("PERSON", "老傅", 5, 7, canonical="傅永"))]
    entities, ids = resolve(ms)
    assert ids[0] == ids[1]
    (person,) = entities
    assert person.name == "傅永" and person.aliases == ["老傅"]


def test_text_spelling_of_a_gazetteer_street_becomes_an_alias():
    ms = [("a1", Mention("PLACE", "芦淞区", 0, 3, level="district", canonical="芦淞区")),
          ("a1", Mention("PLACE", "董家堰街道", 3, 8, level="street", parent="芦淞区", canonical="董家堰街道")),
          ("a1", Mention("PLACE", "董家堰街道", 20, 25, level="street", canonical="董家堰街道"))]
    entities, ids = resolve(ms)
    assert ids[1] == ids[2]
    street = next(e for e in entities if e.entity_id == ids[1])
    assert street.name == "董家段街道" and "董家堰街道" in street.aliases


def test_two_gazetteer_places_one_char_apart_stay_two():
    from pipeline.text.resolve import _gaz_name, variant_names

    assert variant_names("高塘村", "高坪村")  # one char apart, sharing a component …
    assert _gaz_name("高塘村") and _gaz_name("高坪村")  # … but both are real villages
    assert _gaz_name("井勘社区") and not _gaz_name("井墈社区")  # an OCR spelling is no gazetteer name
