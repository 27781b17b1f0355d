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
        keys = [k for k, _ in items]
        lens = np.array([len(k) for k in keys], dtype=np.int64)
        nk = len(keys)
        width = int(lens.max()) if nk else 0
        # the keys as rows of code points (-1 after the end), sorted
        M = np.full((nk, width), -1, dtype=np.int64)
        starts = np.cumsum(lens) - lens
        M[np.repeat(np.arange(nk), lens), np.arange(int(lens.sum())) - np.repeat(starts, lens)] = \
            codepoints("".join(keys))
        # a key adds the nodes of its prefixes longer than what it shares with the key before it
        lcp = np.zeros(nk, dtype=np.int64)
        if nk > 1:
            eq = M[1:] == M[:-1]
            mismatch = np.where(eq.all(axis=1), width, np.argmin(eq, axis=1))
            lcp[1:] = np.minimum(mismatch, np.minimum(lens[1:], lens[:-1]))
        new = lens - lcp
        first = 1 + np.cumsum(new) - new  # id of the first node a key adds (ids in creation order)
        size = 1 + int(new.sum())
        key_of = np.repeat(np.arange(nk), new)
        depth = np.zeros(size, dtype=np.int64)
        depth[1:] = np.repeat(lcp, new) + 1 + np.arange(size - 1) - np.repeat(first - 1, new)
        letter = np.zeros(size, dtype=np.int64)
        letter[1:] = M[key_of, depth[1:] - 1]
        parent = np.zeros(size, dtype=np.int64)
        ids = np.arange(size, dtype=np.int64)
        parent[1:] = ids[1:] - 1  # inside a key's run of new nodes
        # a key's first new node hangs from the latest node made at its shared depth (root for 0)
        heads = first[new > 0]
        shared = lcp[new > 0]
        for d in np.unique(shared[shared > 0]).tolist():
            at_d = np.flatnonzero(depth == d)
            sel = shared == d
            parent[heads[sel]] = at_d[np.searchsorted(at_d, heads[sel]) - 1]
        parent[heads[shared == 0]] = 0
        self.eow = np.zeros(size, dtype=np.int8)
        self.values: list[Any] = [None] * size
        ends = first + new - 1
        self.eow[ends] = 1
        for node, (_, value) in zip(ends.tolist(), items, strict=True):
            self.values[node] = value
        # children sorted by letter; failure links depth by depth (pyahocorasick's make_automaton)
        order = np.lexsort((letter[1:], parent[1:]))
        self.child = ids[1:][order]
        self.letter = letter[1:][order].astype(np.int32)
        edge = parent[1:][order] * 0x110000 + letter[1:][order]  # sorted: (parent, letter)
        self.ptr = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(np.bincount(parent[1:], minlength=size), out=self.ptr[1:])
        fail = np.zeros(size, dtype=np.int64)
        fail[0] = -1
        for d in range(2, width + 1):
            nodes = np.flatnonzero(depth == d)
            f = fail[parent[nodes]]
            c = letter[nodes]
            todo = np.arange(len(nodes))
            while len(todo):
                k = f[todo] * 0x110000 + c[todo]
                pos = np.minimum(np.searchsorted(edge, k), len(edge) - 1)
                hit = edge[pos] == k
                fail[nodes[todo[hit]]] = self.child[pos[hit]]
                rest = todo[~hit]
                at_root = f[rest] == 0
                fail[nodes[rest[at_root]]] = 0
                todo = rest[~at_root]
                f[todo] = fail[f[todo]]
        self.fail = fail
        self.depth = depth
        self.max_depth = width
        # the root's children by code point (BMP), looked up directly: most steps restart there
        self.root = np.full(_BMP, -1, dtype=np.int64)
        n_root = self.ptr[1]
        bmp = self.letter[:n_root] < _BMP
        self.root[self.letter[:n_root][bmp]] = self.child[:n_root][bmp]

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


_available: list[bool] = []


def available() -> bool:
    """The kernels compile and run here (numba importable): checked once, on a tiny automaton."""
    if not _available:
        try:
            trie = ArrayTrie([("ab", 1), ("b", 2)])
            cps = codepoints("xab")
            ok = trie.iter(cps)[0].tolist() == [2, 2] and \
                trie.iter_long(cps, np.array([0]), np.array([3]))[0].tolist() == [2]
        except Exception:  # noqa: BLE001 - no numba, or it cannot compile here: pyahocorasick stays
            ok = False
        _available.append(ok)
    return _available[0]
