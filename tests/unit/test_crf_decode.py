"""The compiled CRF decoder gives python-crfsuite's answers: same emission sums, Viterbi tags, marginals."""
from __future__ import annotations

import json
from functools import lru_cache
from itertools import islice
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text import aho, crf_decode, entities
from pipeline.text import ner_model as nm

ROOT = Path(__file__).resolve().parents[2]
DEV_FILES = [p / "eval" / "train" / "people_daily_dev.jsonl" for p in (ROOT.parent / "shared", Path("/work/shared"))]

pytestmark = pytest.mark.skipif(not crf_decode.available(), reason="numba not importable")

EDGE = [
    "a", "中", " 北京 ", "x y", "。", "１２３ＡＢＣ北京市长王小明", "^1$2^$中国^3", "$1$1", "欧阳修和司马光在北京市人民政府",
    "\U0001F600中国人民𠀀北京\U0002A6A5", "\t\u3000李华\xa0在株洲", "国务院总理李鹏说，中共中央和全国人大常委会",
    "新华社北京１月１日电　国家主席江泽民发表新年讲话。" * 3,
]


def _reference(tagger: nm.Tagger, text: str) -> tuple[list[str], list[float], list[float]]:
    """python-crfsuite on sent_features: tags, marginal of each tag, marginal of O."""
    crf = _crfsuite(str(tagger.model_path))
    tags = crf.tag(nm.sent_features(text, tagger.lexicon))
    return tags, [crf.marginal(t, i) for i, t in enumerate(tags)], [crf.marginal("O", i) for i in range(len(tags))]


@lru_cache(maxsize=4)
def _crfsuite(path: str) -> pycrfsuite.Tagger:
    crf = pycrfsuite.Tagger()
    crf.open(path)
    return crf


@lru_cache(maxsize=4)
def _weights(path: str) -> tuple[int, dict[str, list[tuple[int, float]]]]:
    """Number of labels; attribute -> [(label id, weight)] in the model file's feature order."""
    labels, attrs, feats = crf_decode.read_model(path)
    by_attr: dict[str, list[tuple[int, float]]] = {}
    for ty, src, dst, w in feats.tolist():
        if ty == 0:
            by_attr.setdefault(attrs[src], []).append((dst, w))
    return len(labels), by_attr


def _dev_texts(n: int) -> list[str]:
    for path in DEV_FILES:
        if path.exists():
            return [r["text"] for r in islice(nm.iter_jsonl(path), n) if r["text"]]
    return []


def _check_same(tagger: nm.Tagger, texts: list[str]) -> None:
    dec = tagger.decoder
    assert dec is not None
    # all texts as chunks of one joined text (as entities decodes a body), and each on its own
    joined = "\n".join(texts)
    chunks, pos = [], 0
    for t in texts:
        chunks.append((pos, pos + len(t)))
        pos += len(t) + 1
    ids, mtag, mout, offs = dec.decode(tagger.lexicon, joined, chunks)
    for k, text in enumerate(texts):
        tags, margs, outside = _reference(tagger, text)
        a, b = offs[k], offs[k + 1]
        assert [dec.labels[i] for i in ids[a:b]] == tags, text
        assert np.abs(mtag[a:b] - margs).max() <= 1e-9
        assert np.abs(mout[a:b] - outside).max() <= 1e-9


def _python_emissions(tagger: nm.Tagger, text: str) -> np.ndarray:
    """crfsuite's state scores, summed in Python in attribute order from the model file's weights."""
    n_labels, by_attr = _weights(str(tagger.model_path))
    out = np.zeros((len(text), n_labels))
    for t, items in enumerate(nm.sent_features(text, tagger.lexicon)):
        state = [0.0] * n_labels
        for a in items:
            for dst, w in by_attr.get(a, ()):
                state[dst] += w * 1.0
        out[t] = state
    return out


@pytest.fixture(scope="module")
def packaged() -> nm.Tagger:
    tagger = nm.load_default()
    if tagger is None:
        pytest.skip("no packaged CRF model")
    return tagger


def test_packaged_model_compiles(packaged):
    dec = packaged.decoder
    assert isinstance(dec, crf_decode.CompiledCRF)
    assert dec.labels == packaged._crf.labels()


def test_same_as_crfsuite_on_dev_sentences(packaged):
    texts = _dev_texts(300)
    if not texts:
        pytest.skip("people_daily_dev.jsonl not beside the clone")
    _check_same(packaged, texts)


def test_same_as_crfsuite_on_edge_cases(packaged):
    _check_same(packaged, EDGE)
    _check_same(packaged, ["王" * 1200 + "在北京" * 200])  # one very long chunk (longer than MAX_CHUNK)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120)
       | st.text(alphabet="北京市人民政府李王华中国 ，。０1^$\U0001F600", min_size=1, max_size=120))
def test_same_as_crfsuite_on_arbitrary_text(packaged, text):
    _check_same(packaged, [text])
    E, _ = packaged.decoder.emissions(packaged.lexicon, text, [(0, len(text))])
    assert np.array_equal(E, _python_emissions(packaged, text))


def test_emissions_are_the_same_sums(packaged):
    texts = _dev_texts(40) + EDGE
    dec = packaged.decoder
    for text in texts:
        E, _ = dec.emissions(packaged.lexicon, text, [(0, len(text))])
        assert np.array_equal(E, _python_emissions(packaged, text)), text


def test_tag_lines_matches_crfsuite_path(packaged, monkeypatch):
    body = "\n".join(["", "  ", "记者 王小明 报道", "国务院总理李鹏在北京会见了联合国秘书长安南，" * 20, "中\ud800国北京",
                      "。", "　 北京 ", "株洲市人民政府 李华"] + _dev_texts(30))
    lines = body.split("\n")
    fast = entities._tag_lines(packaged, lines)
    each = [entities._tag_line(packaged, line) for line in lines]
    monkeypatch.setattr(packaged, "_decoder", None)
    slow = [entities._tag_line(packaged, line) for line in lines]
    assert fast == each
    for (fs, fo), (ss, so) in zip(fast, slow, strict=True):
        assert [x[:3] for x in fs] == [x[:3] for x in ss]
        assert all((x[3] is None and y[3] is None) or abs(x[3] - y[3]) <= 1e-9 for x, y in zip(fs, ss, strict=True))
        assert (fo is None) == (so is None)
        if fo is not None:
            assert np.abs(np.array(fo) - np.array(so)).max() <= 1e-9


def test_tagger_methods_match_crfsuite_path(packaged, monkeypatch):
    texts = [*EDGE, "中\ud800国北京", "", "\n".join(_dev_texts(20))]
    fast = [(packaged.tag(t), packaged.tag_scored(t)) for t in texts]
    monkeypatch.setattr(packaged, "_decoder", None)
    slow = [(packaged.tag(t), packaged.tag_scored(t)) for t in texts]
    for (ft, fs), (pt, ss) in zip(fast, slow, strict=True):
        assert ft == pt
        assert [x[:3] for x in fs] == [x[:3] for x in ss]
        assert all(abs(x[3] - y[3]) <= 1e-9 for x, y in zip(fs, ss, strict=True))


RICH_TRAIN = [
    ("记者王小明报道", [(2, 5, "PER")]),
    ("李华在株洲市工作。", [(0, 2, "PER"), (3, 6, "LOC")]),
    ("株洲市人民政府召开会议", [(0, 7, "ORG")]),
    ("欧阳修来到湖南省", [(0, 3, "PER"), (5, 8, "LOC")]),
]
RICH_LEX = {"feature_set": "rich", "words": ["工作", "会议", "召开"], "locations": ["株洲市", "湖南省", "株洲"],
            "titles": ["记者"], "org_suffixes": ["人民政府"], "surnames": ["王", "李"], "compound_surnames": ["欧阳"]}


def test_rich_feature_set_model(tmp_path):
    train_path = tmp_path / "train.jsonl"
    with open(train_path, "w", encoding="utf-8") as fh:
        for i, (text, spans) in enumerate(RICH_TRAIN * 3):
            ents = [{"start": s, "end": e, "type": t, "label": t, "text": text[s:e]} for s, e, t in spans]
            fh.write(json.dumps({"id": f"r{i}", "text": text, "entities": ents}, ensure_ascii=False) + "\n")
    model = tmp_path / "rich.crfsuite"
    nm.train(train_path, model, max_iterations=20, c1=0.0, c2=0.01, lexicon_data=RICH_LEX)
    tagger = nm.Tagger(model)
    assert tagger.lexicon.feature_set == "rich"
    texts = [r[0] for r in RICH_TRAIN] + EDGE + ["记者欧阳修在株洲市人民政府工作", "湖南省株洲市"]
    _check_same(tagger, texts)
    for text in texts:
        E, _ = tagger.decoder.emissions(tagger.lexicon, text, [(0, len(text))])
        assert np.array_equal(E, _python_emissions(tagger, text))


def test_unknown_attributes_fall_back_to_crfsuite(tmp_path):
    model = tmp_path / "odd.crfsuite"
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.append([["u0a", "zz-not-a-template"], ["u0b"]], ["O", "S-PER"])
    trainer.set_params({"max_iterations": 5})
    trainer.train(str(model))
    tagger = nm.Tagger(model, nm.Lexicon({}))
    assert tagger.decoder is None
    assert isinstance(tagger.tag("ab"), list)


def _chunks_of(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out += [(pos + a, pos + b) for a, b in nm.chunk_spans(line) if line[a:b].strip()]
        pos += len(line) + 1
    return out


def _reference_segments(lex: nm.Lexicon, text: str, chunks: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    out, o, folded = [], 0, nm.fold(text)
    for a, b in chunks:
        out += [(o + j, ln, f, o, o + b - a) for j, (ln, f) in lex.iter_segments(folded[a:b])]
        o += b - a
    return out


def _segments(dec: crf_decode.CompiledCRF, text: str, chunks: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    offs = np.cumsum([0] + [b - a for a, b in chunks])
    seg = dec._segments(text, chunks, offs)
    return [] if seg is None else [tuple(x) for x in np.stack(seg, axis=1).tolist()]


def test_lexicon_scan_is_pyahocorasick_iter_long(packaged):
    lex, dec = packaged.lexicon, packaged.decoder
    texts = [
        "\n".join(_dev_texts(300)),
        "北京市人民政府" * 100 + "，株洲市" * 3,  # hard cuts inside runs of lexicon words
        "中华人民共和国" * 90 + "\n\n  湖南省株洲市石峰区" * 5,
        "国务院总理李鹏。" * 50 + "全国人民代表大会常务委员会" * 40,
        "株洲 市长 王小明，ＡＢＣ１２３\U0001F600𠀀" * 40,
    ]
    # random runs of characters from lexicon entries: overlapping words, failure links, restarts
    rng = np.random.default_rng(7)
    words = [w for w, _ in islice(lex._automaton.items(), 0, None, 97)]
    for _ in range(30):
        picks = rng.choice(len(words), size=60)
        pieces = [words[i][rng.integers(0, 2):] if rng.random() < 0.3 else words[i] for i in picks]
        texts.append("".join(pieces))
    for text in texts:
        chunks = _chunks_of(text)
        assert _segments(dec, text, chunks) == _reference_segments(lex, text, chunks)


def test_lexicon_scan_on_random_lexicons():
    """Small random lexicons over four characters: many overlaps, failure links and failovers."""
    rng = np.random.default_rng(3)
    alphabet = np.array(list("北京市长"))
    for _ in range(300):
        words = {"".join(rng.choice(alphabet, size=rng.integers(2, 6))) for _ in range(rng.integers(1, 9))}
        lex = nm.Lexicon({"words": sorted(words), "locations": sorted(words)[:2], "titles": sorted(words)[-1:]})
        dec = crf_decode.CompiledCRF.__new__(crf_decode.CompiledCRF)
        dec.trie = aho.ArrayTrie(lex._automaton.items())
        dec.seg_len = np.array([v[0] if v else 0 for v in dec.trie.values])
        dec.seg_flags = np.array([v[1] if v else 0 for v in dec.trie.values])
        for _ in range(8):
            text = "".join(rng.choice(alphabet, size=rng.integers(1, 30)))
            chunks = [(0, len(text))]
            assert _segments(dec, text, chunks) == _reference_segments(lex, text, chunks), (words, text)
