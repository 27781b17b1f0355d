"""pyahocorasick's searches replayed on an array trie, in numba kernels.

pyahocorasick (2.3) looks up a node's children one by one; at the root of a big automaton (the
gazetteer's, the tagger lexicon's: thousands of first characters) that linear scan is most of
the time of a search. :class:`ArrayTrie` holds the same automaton as arrays (children sorted by
code point and binary-searched; failure links as pyahocorasick's ``make_automaton`` builds them:
the node of the longest proper suffix that is a node), and the kernels below follow
``AutomatonSearchIter.c`` (``iter``) and ``AutomatonSearchIterLong.c`` (``iter_long``) step for
step, so they yield the same matches in the same order. Inputs are code points (``codepoints``);
a text with lone surrogates cannot be encoded, and callers then keep using pyahocorasick.

numba is imported on first use (:func:`kernels`); without it :func:`kernels` raises and callers
fall back to pyahocorasick.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

_BMP = 0x10000


class ArrayTrie:
    """Trie + failure links of a set of (key, value) pairs, as arrays (node 0: the root).

    ``values[node]`` is the value of the key ending at ``node`` (None for inner nodes)."""

    def __init__(self, items: Iterable[tuple[str, Any]]) -> None:
        items = sorted(items, key=lambda kv: kv[0])
        ids = {"": 0}
        for key, _ in items:
            for k in range(1, len(key) + 1):
                p = key[:k]
                if p not in ids:
                    ids[p] = len(ids)
        size = len(ids)
        strings = sorted(ids, key=ids.__getitem__)
        self.eow = np.zeros(size, dtype=np.int8)
        self.values: list[Any] = [None] * size
        for key, value in items:
            node = ids[key]
            self.eow[node] = 1
            self.values[node] = value
        fail = np.zeros(size, dtype=np.int64)
        fail[0] = -1
        parent = np.zeros(max(size - 1, 0), dtype=np.int64)
        letter = np.zeros(max(size - 1, 0), dtype=np.int32)
        for node in range(1, size):
            st = strings[node]
            parent[node - 1] = ids[st[:-1]]
            letter[node - 1] = ord(st[-1])
            for t in range(1, len(st)):
                f = ids.get(st[t:])
                if f is not None:
                    fail[node] = f
                    break
        order = np.lexsort((letter, parent))
        self.child = np.arange(1, size, dtype=np.int64)[order]
        self.letter = letter[order]
        self.ptr = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(np.bincount(parent, minlength=size), out=self.ptr[1:])
        # the root's children by code point (BMP), looked up directly: most steps restart there
        self.root = np.full(_BMP, -1, dtype=np.int64)
        first = self.ptr[1]
        bmp = self.letter[:first] < _BMP
        self.root[self.letter[:first][bmp]] = self.child[:first][bmp]
        self.fail = fail
        self.depth = np.array([len(s) for s in strings], dtype=np.int64)
        self.max_depth = int(self.depth.max()) if size else 0

    def iter(self, cps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """pyahocorasick's ``Automaton.iter`` over code points: (end index, node) of every match."""
        cap = len(cps) * max(self.max_depth, 1)
        out_j = np.empty(cap, dtype=np.int64)
        out_node = np.empty(cap, dtype=np.int64)
        cnt = kernels()[1](cps, self.ptr, self.letter, self.child, self.root, self.eow, self.fail, out_j, out_node)
        return out_j[:cnt], out_node[:cnt]

    def iter_long(self, cps: np.ndarray, starts: np.ndarray,
                  ends: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """pyahocorasick's ``Automaton.iter_long`` on each piece cps[starts[c]:ends[c]] alone:
        (end index, node, piece) of every match."""
        cap = int((ends - starts).clip(0).sum())
        out_j = np.empty(cap, dtype=np.int64)
        out_node = np.empty(cap, dtype=np.int64)
        out_c = np.empty(cap, dtype=np.int64)
        cnt = kernels()[2](cps, starts, ends, self.ptr, self.letter, self.child, self.root, self.eow,
                           self.fail, out_j, out_node, out_c)
        return out_j[:cnt], out_node[:cnt], out_c[:cnt]


def codepoints(text: str) -> np.ndarray:
    """Code points of ``text`` (raises UnicodeEncodeError on lone surrogates)."""
    return np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.int32)


# ---------------------------------------------------------------------------
# kernels (numba)
# ---------------------------------------------------------------------------


def _child(ptr, letter, child, root, node, ch):  # pragma: no cover - jitted
    """trienode_get_next: the child of ``node`` by letter ``ch``, or -1."""
    if node == 0 and ch < 0x10000:
        return root[ch]
    lo = ptr[node]
    hi = ptr[node + 1]
    while lo < hi:
        mid = (lo + hi) >> 1
        if letter[mid] < ch:
            lo = mid + 1
        else:
            hi = mid
    if lo < ptr[node + 1] and letter[lo] == ch:
        return child[lo]
    return -1


def _iter_all(cps, ptr, letter, child, root, eow, fail, out_j, out_node):  # pragma: no cover - jitted
    """AutomatonSearchIter.c: per character ahocorasick_next (goto, else failure links, else the
    root), then every word node on the output chain (the state, then its failure links)."""
    cnt = 0
    state = 0
    for index in range(len(cps)):
        ch = cps[index]
        s = state
        state = 0
        while s >= 0:
            t = _child(ptr, letter, child, root, s, ch)
            if t >= 0:
                state = t
                break
            s = fail[s]
        o = state
        while o >= 0:
            if eow[o]:
                out_j[cnt] = index
                out_node[cnt] = o
                cnt += 1
            o = fail[o]
    return cnt


def _iter_long(cps, ca, cb, ptr, letter, child, root, eow, fail, out_j, out_node, out_c):  # pragma: no cover - jitted
    """AutomatonSearchIterLong.c (pyahocorasick 2.3, including its failover to a shorter word) on
    each piece cps[ca[c]:cb[c]] alone. Returns the number of matches."""
    cnt = 0
    for c in range(len(ca)):
        end = cb[c]
        state = 0
        index = ca[c] - 1
        last_node = -1
        last_index = -1
        while True:  # one round = one call of the iterator's next()
            if last_node >= 0:  # return_output: yield, then start over after the match's end
                out_j[cnt] = last_index
                out_node[cnt] = last_node
                out_c[cnt] = c
                cnt += 1
                state = 0
                index = last_index
                last_node = -1
                last_index = -1
                continue
            fail_node = -1
            fail_index = -1
            fail_flag = False
            index += 1
            while index < end:
                if fail_flag:  # failover: go on from the fail node of the remembered node
                    nxt = fail[fail_node]
                    index = fail_index
                    fail_node = -1
                    fail_index = -1
                    fail_flag = False
                else:
                    nxt = _child(ptr, letter, child, root, state, cps[index])
                if nxt >= 0:
                    if eow[nxt]:
                        last_node = nxt
                        last_index = index
                    elif last_node < 0 and fail_node < 0 and fail[nxt] > 0 and eow[fail[nxt]]:
                        fail_node = nxt
                        fail_index = index
                    state = nxt
                    index += 1
                elif last_node >= 0:
                    break
                elif fail_node >= 0:
                    fail_flag = True
                else:
                    while True:
                        state = fail[state]
                        if state < 0:
                            state = 0
                            index += 1
                            break
                        if _child(ptr, letter, child, root, state, cps[index]) >= 0:
                            break
            if last_node < 0:
                break
    return cnt


_kernels: list = []


def kernels():
    """(child lookup, iter, iter_long), jitted once per process and cached on disk by numba."""
    if not _kernels:
        from numba import njit

        jit = njit(cache=True, nogil=True)
        child = jit(_child)
        globals()["_child"] = child  # the kernels below call the jitted lookup
        _kernels.append((child, jit(_iter_all), jit(_iter_long)))
    return _kernels[0]


def available() -> bool:
    """The kernels can be built (numba importable)."""
    try:
        kernels()
        return True
    except Exception:  # noqa: BLE001
        return False
