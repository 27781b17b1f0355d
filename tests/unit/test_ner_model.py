"""Unit tests for the character CRF NER model and the evaluation scorer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import evaluate
from pipeline.text import ner_model
from pipeline.text.ner_model import (
    Lexicon,
    bioes_to_spans,
    chunk_spans,
    fold,
    sent_features,
    spans_to_bioes,
)

LEX_DATA = {
    "words": ["学林", "街道", "社区", "工作", "记者"],
    "locations": ["株洲", "株洲市", "云龙示范区", "湖南省"],
    "titles": ["记者", "书记", "主任"],
    "org_suffixes": ["公司", "委员会"],
    "surnames": ["王", "李", "胡"],
    "compound_surnames": ["欧阳"],
}
LEX = Lexicon(LEX_DATA)


# --------------------------------------------------------------------------- features


def test_fold_is_length_preserving_and_normalises_width():
    s = "１９９８年ＡＢＣ　株洲（Ｘ）"
    f = fold(s)
    assert len(f) == len(s)
    assert f.startswith("0000年abc 株洲(x)")


def test_features_deterministic_and_one_row_per_char():
    text = "株洲市委书记王小明在欧阳路考察湖南省某某公司。"
    a = sent_features(text, LEX)
    b = sent_features(text, LEX)
    assert a == b
    assert len(a) == len(text)
    assert all(isinstance(f, str) for row in a for f in row)


def test_features_carry_lexicon_cues():
    text = "记者胡乐报道湖南省株洲市"
    feats = sent_features(text, LEX)
    assert "tp" in feats[2]  # right after the title word 记者
    assert "sn" in feats[2]  # 胡 is a surname
    i = text.index("湖南省")
    assert "gB" in feats[i] and "gE" in feats[i + 2]
    assert "ls" in feats[i + 2]  # 省 is a place suffix char
    assert sent_features("", LEX) == []


def test_features_do_not_depend_on_width():
    assert sent_features("ＡＢ１２株洲", LEX) == sent_features("AB12株洲", LEX)


# --------------------------------------------------------------------------- tags


def test_bioes_roundtrip():
    spans = [(0, 3, "PER"), (4, 5, "LOC"), (6, 10, "ORG")]
    tags = spans_to_bioes(11, spans)
    assert tags[:5] == ["B-PER", "I-PER", "E-PER", "O", "S-LOC"]
    assert bioes_to_spans(tags) == spans


def test_bioes_decoding_is_lenient():
    # stray I/E open new entities; type change closes the open one; dangling B is closed at the end
    tags = ["I-PER", "E-PER", "O", "E-LOC", "B-ORG", "I-LOC", "B-PER"]
    assert bioes_to_spans(tags) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "LOC"), (6, 7, "PER")]
    assert bioes_to_spans(["B-MISC", "E-MISC"]) == []


def test_chunk_spans_cover_text_and_respect_limit():
    text = "第一句。第二句！\n第三行没有句号" + "，很长" * 200
    pieces = list(chunk_spans(text, max_len=50))
    assert all(0 < e - s <= 50 for s, e in pieces)
    covered = "".join(text[s:e] for s, e in pieces)
    assert covered == text.replace("\n", "")
    assert text[pieces[0][0]:pieces[0][1]] == "第一句。"


# --------------------------------------------------------------------------- scoring


def test_score_hand_made():
    gold = [[(0, 2, "PER"), (3, 5, "LOC")], [], [(0, 4, "ORG")]]
    pred = [[(0, 2, "PER"), (3, 6, "LOC")], [(1, 2, "PER")], [(0, 4, "ORG")]]
    r = evaluate.score(gold, pred)
    assert (r["tp"], r["pred"], r["gold"]) == (2, 4, 3)
    assert r["precision"] == 0.5 and r["recall"] == round(2 / 3, 4)
    assert r["f1"] == round(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), 4)
    assert r["per_type"]["PER"]["precision"] == 0.5 and r["per_type"]["PER"]["recall"] == 1.0
    assert r["per_type"]["LOC"]["f1"] == 0.0
    assert r["per_type"]["ORG"]["f1"] == 1.0


def test_score_ignores_other_types_and_empty():
    r = evaluate.score([[(0, 2, "movie")]], [[(0, 2, "movie")]])
    assert r["gold"] == 0 and r["pred"] == 0 and r["f1"] == 0.0
    with pytest.raises(ValueError):
        evaluate.score([[]], [])


def test_load_gold_and_score_file(tmp_path: Path):
    recs = [
        {"id": "a", "text": "王小明在株洲", "entities": [
            {"start": 0, "end": 3, "type": "PER", "label": "nr", "text": "王小明"},
            {"start": 4, "end": 6, "type": "LOC", "label": "ns", "text": "株洲"}]},
        {"id": "b", "text": "看《英雄》", "entities": [
            {"start": 2, "end": 4, "type": "movie", "label": "movie", "text": "英雄"}]},
    ]
    p = tmp_path / "x.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    texts, gold, ids = evaluate.load_gold(p)
    assert texts[0] == "王小明在株洲" and ids == ["a", "b"] and gold == [[(0, 3, "PER"), (4, 6, "LOC")], []]
    res = evaluate.score_file(p, lambda t: [(0, 3, "PER")] if t.startswith("王") else [])
    assert res["tp"] == 1 and res["recall"] == 0.5 and res["precision"] == 1.0


# --------------------------------------------------------------------------- tiny trained model


TRAIN_RECS = [
    ("记者王小明报道", [(2, 5, "PER")]),
    ("李华在株洲市工作", [(0, 2, "PER"), (3, 6, "LOC")]),
    ("湖南省政府召开会议", [(0, 5, "ORG")]),
    ("胡乐来到湖南省", [(0, 2, "PER"), (4, 7, "LOC")]),
    ("株洲市某某公司成立", [(0, 7, "ORG")]),
    ("今天天气很好。", []),
]


@pytest.fixture(scope="module")
def tiny_tagger(tmp_path_factory) -> ner_model.Tagger:
    d = tmp_path_factory.mktemp("ner")
    train_path = d / "train.jsonl"
    with open(train_path, "w", encoding="utf-8") as fh:
        for i, (text, spans) in enumerate(TRAIN_RECS * 3):
            ents = [{"start": s, "end": e, "type": t, "label": t, "text": text[s:e]} for s, e, t in spans]
            fh.write(json.dumps({"id": f"t{i}", "text": text, "entities": ents}, ensure_ascii=False) + "\n")
    model = d / "tiny.crfsuite"
    meta = ner_model.train(train_path, model, max_iterations=30, c1=0.0, c2=0.01, lexicon_data=LEX_DATA)
    assert model.exists() and meta["train_sentences"] == 18
    assert meta["feature_version"] == ner_model.FEATURE_VERSION
    assert (d / "tiny.lexicon.json").exists()
    return ner_model.Tagger(model)


def _valid(spans, text):
    last = 0
    for s, e, t in spans:
        assert 0 <= s < e <= len(text) and s >= last and t in ("PER", "LOC", "ORG")
        last = e
    assert spans == sorted(spans)


def test_train_records_each_file_once_with_copies(tmp_path: Path):
    train_path = tmp_path / "a.jsonl"
    extra_path = tmp_path / "b.jsonl"
    for path, recs in ((train_path, TRAIN_RECS[:2]), (extra_path, TRAIN_RECS[2:3])):
        with open(path, "w", encoding="utf-8") as fh:
            for i, (text, spans) in enumerate(recs):
                ents = [{"start": s, "end": e, "type": t, "label": t, "text": text[s:e]} for s, e, t in spans]
                fh.write(json.dumps({"id": f"t{i}", "text": text, "entities": ents}, ensure_ascii=False) + "\n")
    meta = ner_model.train(train_path, tmp_path / "m.crfsuite", max_iterations=3, lexicon_data=LEX_DATA,
                           extra_train=[str(extra_path), str(extra_path)])
    assert [(Path(d["path"]).name, d["copies"]) for d in meta["train_data"]] == [("a.jsonl", 1), ("b.jsonl", 2)]
    assert meta["train_sentences"] == 4


def test_tiny_model_tags_training_like_text(tiny_tagger):
    text = "记者王小明报道\n李华在株洲市工作。"
    spans = tiny_tagger.tag(text)
    _valid(spans, text)
    assert (2, 5, "PER") in spans
    assert (11, 14, "LOC") in spans  # offsets map back across the newline


def test_tiny_model_is_deterministic(tiny_tagger):
    text = "胡乐来到湖南省，李华在株洲市工作。" * 5
    assert tiny_tagger.tag(text) == tiny_tagger.tag(text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_tag_never_raises_on_arbitrary_text(tiny_tagger, text):
    spans = tiny_tagger.tag(text)
    _valid(spans, text)
    assert [x[:3] for x in tiny_tagger.tag_scored(text)] == spans


def test_lone_surrogates_do_not_hide_other_entities(tiny_tagger):
    text = "\ud800记者王小明报道"
    assert (3, 6, "PER") in tiny_tagger.tag(text)


def test_tag_scored_matches_tag(tiny_tagger):
    text = "记者王小明报道\n李华在株洲市工作。\ud800"
    scored = tiny_tagger.tag_scored(text)
    assert [x[:3] for x in scored] == tiny_tagger.tag(text)
    assert scored and all(0.0 <= x[3] <= 1.0 for x in scored)
    assert tiny_tagger.tag_scored("") == []


def test_tag_edge_cases(tiny_tagger):
    for text in ["", " ", "\n\n", "。。。", "\x00\x01", "a" * 5000, "王" * 3000, "\ud800x"]:
        _valid(tiny_tagger.tag(text), text)


# --------------------------------------------------------------------------- packaged model


def test_load_default_returns_tagger_when_model_present():
    tagger = ner_model.load_default()
    if not ner_model.DEFAULT_MODEL_PATH.exists():
        assert tagger is None
        return
    assert isinstance(tagger, ner_model.Tagger)
    assert ner_model.load_default() is tagger  # cached
    text = "新华社北京一月五日电，国务院总理李鹏今天在人民大会堂会见了美国客人。"
    spans = tagger.tag(text)
    _valid(spans, text)
    found = {(text[s:e], t) for s, e, t in spans}
    assert ("李鹏", "PER") in found
    assert ("北京", "LOC") in found
