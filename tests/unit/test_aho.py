"""aho's array trie gives pyahocorasick's matches, in pyahocorasick's order."""
from __future__ import annotations

import ahocorasick
import numpy as np
import pytest

from pipeline.text import aho
from pipeline.text import gazetteer as gz

pytestmark = pytest.mark.skipif(not aho.available(), reason="numba not importable")


def _automaton(words):
    auto = ahocorasick.Automaton()
    for w in words:
        auto.add_word(w, w)
    auto.make_automaton()
    return auto


def _iter(trie, text):
    ends, nodes = trie.iter(aho.codepoints(text))
    return [(e, trie.values[n]) for e, n in zip(ends.tolist(), nodes.tolist(), strict=True)]


def _iter_long(trie, text):
    ends, nodes, _ = trie.iter_long(aho.codepoints(text), np.array([0]), np.array([len(text)]))
    return [(e, trie.values[n]) for e, n in zip(ends.tolist(), nodes.tolist(), strict=True)]


def test_random_automata():
    rng = np.random.default_rng(11)
    for _ in range(400):
        alphabet = np.array(list("北京市长"[: rng.integers(2, 5)]))
        words = {"".join(rng.choice(alphabet, size=rng.integers(1, 6))) for _ in range(rng.integers(1, 9))}
        auto = _automaton(sorted(words))
        trie = aho.ArrayTrie(auto.items())
        for _ in range(6):
            text = "".join(rng.choice(alphabet, size=rng.integers(0, 20)))
            assert _iter(trie, text) == list(auto.iter(text)), (words, text)
            assert _iter_long(trie, text) == list(auto.iter_long(text)), (words, text)


def test_edge_cases():
    auto = _automaton(["ab", "b", "\U0001F600x", "中国"])
    trie = aho.ArrayTrie(auto.items())
    for text in ["", "a", "ab", "\U0001F600x中国b", "x" * 50]:
        assert _iter(trie, text) == list(auto.iter(text))
        assert _iter_long(trie, text) == list(auto.iter_long(text))
    empty = aho.ArrayTrie([])
    assert _iter(empty, "abc") == [] and _iter_long(empty, "abc") == []


def test_gazetteer_find_is_pyahocorasick():
    g = gz.load()
    texts = ["株洲市芦淞区建设路街道，湖南省长沙市岳麓区和石峰区；北京、上海、纽约。" * 5, "",
             "天元区栗雨街道办事处与荷塘区月塘街道的居民", "中\ud800国北京"]
    for text in texts:
        want = [(e + 1 - len(k), e + 1, k, idxs) for e, (k, idxs) in g.automaton.iter(text)]
        assert g.find(text) == want
