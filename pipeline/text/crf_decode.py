"""Fast decoding for the character CRF of ``ner_model``: same scores as python-crfsuite, no feature strings.

python-crfsuite wants one list of ~15 feature strings per character, which it then hashes back
to attribute ids; building and converting those strings was most of the tagging time. This
module reads the weights straight from the model file (crfsuite's ``crf1d`` format: the label and
attribute string tables and the feature records with their exact ``double`` weights) and
compiles them into lookup tables keyed by what the feature templates of
:func:`pipeline.text.ner_model.sent_features` look at: the folded character codes of a window,
the character classes, the lexicon segmentation. Emission scores are numpy gathers of weight
rows, added **in the order crfsuite adds them** (the order of ``sent_features``' attributes),
so they are bit-identical; Viterbi (first maximum wins, as in crfsuite) and the scaled
forward-backward marginals (crfsuite's recurrences) run in small numba kernels.

The decoder is an accelerator only: :func:`compile_model` returns None when the model holds an
attribute no template here explains (a model of another feature version) or numba is missing,
and the tagger then keeps using python-crfsuite. Training still goes through python-crfsuite.
"""
from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from pipeline.text import aho
from pipeline.text import ner_model as nm

PADS = ("^3", "^2", "^1", "$1", "$2", "$3")
TYPE_LETTERS = "hndlpso^$"
# n-gram templates: name -> offsets (relative to the character) of the tokens it joins, in the
# order of sent_features' columns (base set, then the 'rich' additions)
NGRAMS: dict[str, tuple[int, ...]] = {
    "u-2": (-2,), "u-1": (-1,), "u0": (0,), "u1": (1,), "u2": (2,),
    "b-2": (-2, -1), "b-1": (-1, 0), "b0": (0, 1), "b1": (1, 2),
    "t0": (-1, 0, 1),
}
RICH_NGRAMS: dict[str, tuple[int, ...]] = {
    "u-3": (-3,), "u3": (3,), "k": (-1, 1), "t-1": (-2, -1, 0), "t1": (0, 1, 2),
}
# attributes that are whole strings (lexicon and character-list features)
SPECIAL = ("w-", *nm._WB_FEATS, *nm._WM_FEATS, *nm._WE_FEATS, "gB", "gM", "gE", "ow", "tp", "tn",
           "sn", "ls", "os", "sn2")
_BMP = 0x10000


# ---------------------------------------------------------------------------
# model file
# ---------------------------------------------------------------------------


def _cqdb_strings(buf: bytes, off: int) -> list[str]:
    """id -> string of a CQDB chunk (crfsuite's constant quark database), via its backward array."""
    chunk, _size, _flag, _order, bwd_size, bwd_off = struct.unpack_from("<4s5I", buf, off)
    if chunk != b"CQDB" or not bwd_off:
        raise ValueError("not a CQDB chunk with a backward array")
    out = []
    for i, rec in enumerate(np.frombuffer(buf, dtype="<u4", count=bwd_size, offset=off + bwd_off).tolist()):
        rid, ksize = struct.unpack_from("<II", buf, off + rec)
        if rid != i:
            raise ValueError("CQDB backward array out of order")
        out.append(buf[off + rec + 8:off + rec + 7 + ksize].decode("utf-8"))
    return out


def read_model(path: Path | str) -> tuple[list[str], list[str], np.ndarray]:
    """Labels, attributes and feature records (type, src, dst, weight) of a crfsuite crf1d model."""
    buf = Path(path).read_bytes()
    magic, _size, mtype, _version = struct.unpack_from("<4sI4sI", buf, 0)
    if magic != b"lCRF" or mtype != b"FOMC":
        raise ValueError("not a crfsuite crf1d model")
    _nf, _nl, _na, off_feat, off_labels, off_attrs = struct.unpack_from("<6I", buf, 16)
    labels = _cqdb_strings(buf, off_labels)
    attrs = _cqdb_strings(buf, off_attrs)
    chunk, _csize, num = struct.unpack_from("<4sII", buf, off_feat)
    if chunk != b"FEAT":
        raise ValueError("no feature chunk")
    dt = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")])
    feats = np.frombuffer(buf, dtype=dt, count=num, offset=off_feat + 12).copy()
    return labels, attrs, feats


def _tokens(rest: str) -> list[str] | None:
    """Split the tail of an n-gram attribute into tokens: one folded character or a pad (^1, $2 ...).

    Folded text has no ASCII digit but 0, so '^'/'$' followed by 1-3 can only be a pad."""
    out = []
    i = 0
    while i < len(rest):
        if rest[i] in "^$" and i + 1 < len(rest) and rest[i + 1] in "123":
            out.append(rest[i:i + 2])
            i += 2
        else:
            out.append(rest[i])
            i += 1
    return out


def _parse_attr(a: str, templates: dict[str, tuple[int, ...]],
                order: list[str]) -> tuple[str, tuple[str, ...]] | None:
    """(template, tokens) of an attribute string, or None if no template explains it. ``order``:
    the template names, longest first."""
    if a in SPECIAL:
        return a, ()
    if a.startswith("Y"):
        if len(a) == 4 and all(c in TYPE_LETTERS for c in a[1:]):
            return "Y", tuple(a[1:])
        return None
    for name in order:
        if a.startswith(name):
            toks = _tokens(a[len(name):])
            if toks is not None and len(toks) == len(templates[name]) and name + "".join(toks) == a:
                return name, tuple(toks)
    return None


# ---------------------------------------------------------------------------
# compiled model
# ---------------------------------------------------------------------------


class CompiledCRF:
    """Weight rows and lookup tables of one CRF model + lexicon (picklable; built once)."""

    def __init__(self, model_path: Path | str, lexicon: nm.Lexicon) -> None:
        labels, attrs, feats = read_model(model_path)
        self.labels = labels
        L = len(labels)
        self.outside = labels.index("O")
        rich = lexicon.feature_set == "rich"
        templates = dict(NGRAMS, **(RICH_NGRAMS if rich else {}))
        self.templates = list(templates)
        parsed = []
        order = sorted(templates, key=len, reverse=True)
        for a in attrs:
            p = _parse_attr(a, templates, order)
            if p is None:
                raise ValueError(f"attribute not explained by the feature templates: {a!r}")
            parsed.append(p)
        # weights: row 0 is all zeros (an attribute the model does not know), row 1 + attribute id
        W = np.zeros((len(attrs) + 1, L), dtype=np.float64)
        trans = np.zeros((L, L), dtype=np.float64)
        st = feats["type"] == 0
        W[feats["src"][st].astype(np.int64) + 1, feats["dst"][st].astype(np.int64)] = feats["w"][st]
        tr = feats["type"] == 1
        trans[feats["src"][tr].astype(np.int64), feats["dst"][tr].astype(np.int64)] = feats["w"][tr]
        if np.count_nonzero(st) + np.count_nonzero(tr) != len(feats):
            raise ValueError("unknown feature type")
        self.W = W
        self.trans = trans
        self.exp_trans = np.exp(trans)

        # token codes: model characters 0..V-1, then one code per class for other characters, then pads
        chars = set()
        for _name, toks in parsed:
            chars.update(t for t in toks if t not in PADS)
        chars.update(lexicon.single)
        chars.update(c for w in lexicon.compound_surnames for c in w)
        vocab = sorted(chars)
        V = len(vocab)
        self.code = {c: i for i, c in enumerate(vocab)}
        self.unknown_base = V
        self.pad = {p: V + 7 + k for k, p in enumerate(PADS)}
        K = V + 7 + len(PADS)
        self.K = K
        ttype = np.zeros(K, dtype=np.int64)  # class index (TYPE_LETTERS) of every code
        for c, i in self.code.items():
            ttype[i] = TYPE_LETTERS.index(nm.char_type(c))
        for k in range(7):
            ttype[V + k] = k
        for p, i in self.pad.items():
            ttype[i] = TYPE_LETTERS.index(p[0])
        self.ttype = ttype
        # code of every BMP code point after folding, filled in as characters are met (-1: not yet)
        self.cp_table = np.full(_BMP, -1, dtype=np.int64)

        def key(toks: tuple[str, ...]) -> int:
            k = 0
            for t in toks:
                k = k * K + (self.pad[t] if t in PADS else self.code[t])
            return k

        # per template: key -> row; unigrams as a direct table over codes, n-grams via sorted keys
        self.special = {name: 0 for name in SPECIAL}
        by_arity: dict[int, dict[int, None]] = {2: {}, 3: {}}
        entries: dict[str, list[tuple[int, int]]] = {name: [] for name in templates}
        ytab = np.zeros((9, 9, 9), dtype=np.int64)
        for aid, (name, toks) in enumerate(parsed):
            row = aid + 1
            if name in self.special:
                self.special[name] = row
            elif name == "Y":
                a, b, c = (TYPE_LETTERS.index(x) for x in toks)
                ytab[a, b, c] = row
            else:
                k = key(toks)
                entries[name].append((k, row))
                if len(toks) > 1:
                    by_arity[len(toks)][k] = None
        self.ytab = ytab
        cs_keys = [key(tuple(w)) for w in lexicon.compound_surnames if len(w) == 2 and all(c in self.code for c in w)]
        for k in cs_keys:
            by_arity[2][k] = None
        self.keys = {n: np.array(sorted(by_arity[n]), dtype=np.int64) for n in (2, 3)}
        self.rows: dict[str, np.ndarray] = {}
        for name, ents in entries.items():
            arity = len(templates[name])
            if arity == 1:
                tab = np.zeros(K, dtype=np.int64)
                for k, row in ents:
                    tab[k] = row
            else:
                keys = self.keys[arity]
                tab = np.zeros(len(keys) + 1, dtype=np.int64)  # last: key not in the model
                if ents:
                    ks, rs = zip(*ents, strict=True)
                    tab[np.searchsorted(keys, np.array(ks, dtype=np.int64))] = rs
            self.rows[name] = tab
        sp = self.special
        self.cs_row = np.zeros(len(self.keys[2]) + 1, dtype=np.int64)
        if cs_keys:
            self.cs_row[np.searchsorted(self.keys[2], np.array(cs_keys, dtype=np.int64))] = sp["sn2"]
        self.single_rows = []
        for flag, group in (("sn", lexicon.surnames), ("ls", nm.LOC_SUFFIX_CHARS), ("os", nm.ORG_SUFFIX_CHARS)):
            tab = np.zeros(K, dtype=np.int64)
            for c in set(group):
                if c in self.code:
                    tab[self.code[c]] = sp[flag]
            self.single_rows.append(tab)
        # the lexicon automaton as arrays; per node: length and flags of its word
        auto = lexicon._automaton
        self.trie = aho.ArrayTrie(auto.items()) if auto is not None else None
        if self.trie is not None:
            vals = [v if v is not None else (0, 0) for v in self.trie.values]
            self.seg_len = np.array([v[0] for v in vals], dtype=np.int64)
            self.seg_flags = np.array([v[1] for v in vals], dtype=np.int64)
            self.trie.values = []  # not needed any more
        self.wb = np.array([sp[f] for f in nm._WB_FEATS], dtype=np.int64)
        self.wm = np.array([sp[f] for f in nm._WM_FEATS], dtype=np.int64)
        self.we = np.array([sp[f] for f in nm._WE_FEATS], dtype=np.int64)

    # ---------------------------------------------------------------- features -> emissions

    def _char_code(self, ch: str) -> int:
        f = ch.translate(nm._FOLD)
        code = self.code.get(f)
        return code if code is not None else self.unknown_base + TYPE_LETTERS.index(nm.char_type(f))

    def _codes(self, text: str) -> np.ndarray:
        """Token code of every character of ``text`` (which must not hold lone surrogates)."""
        cps = np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.int64)
        big = cps >= _BMP
        if big.any():
            codes = self.cp_table[np.where(big, 0, cps)]
            for i in np.flatnonzero(big).tolist():
                codes[i] = self._char_code(text[i])  # folding leaves characters outside the BMP alone
        else:
            codes = self.cp_table[cps]
        missing = (codes < 0) & ~big
        if missing.any():
            for cp in np.unique(cps[missing]).tolist():
                self.cp_table[cp] = self._char_code(chr(cp))
            codes[missing] = self.cp_table[cps[missing]]
        return codes

    def _lookup(self, arity: int, k: np.ndarray) -> np.ndarray:
        keys = self.keys[arity]
        if not len(keys):
            return np.zeros(len(k), dtype=np.int64)
        idx = np.searchsorted(keys, k)
        np.minimum(idx, len(keys) - 1, out=idx)
        return np.where(keys[idx] == k, idx, len(keys))

    def attribute_rows(self, lex: nm.Lexicon, text: str,
                       chunks: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """Weight rows (0: none) of the attributes of every character of ``chunks`` (spans of
        ``text``), one slot per template in the order sent_features appends them (slots x chars),
        and the chunk offsets into the characters."""
        K = self.K
        codes = self._codes(text)
        lens = np.array([b - a for a, b in chunks], dtype=np.int64)
        n = int(lens.sum())
        offs = np.zeros(len(chunks) + 1, dtype=np.int64)
        np.cumsum(lens, out=offs[1:])
        # g: every chunk's token codes framed by its pads; Q: index in g of each character
        frame = np.arange(len(chunks), dtype=np.int64) * 6
        Q = np.arange(n, dtype=np.int64) + np.repeat(frame + 3, lens)
        g = np.empty(n + 6 * len(chunks), dtype=np.int64)
        src = np.concatenate([np.arange(a, b) for a, b in chunks]) if chunks else np.zeros(0, np.int64)
        g[Q] = codes[src]
        pad_at = (frame + offs[:-1])[:, None] + np.array([0, 1, 2, 3, 4, 5])
        pad_at[:, 3:] += lens[:, None]
        g[pad_at] = np.array([self.pad[p] for p in PADS], dtype=np.int64)
        rows = self.rows
        slots = len(self.templates) + 10  # templates, Y, w, 4 lexicon extras, 3 char lists, sn2
        R = np.zeros((slots, n), dtype=np.int64)
        for k, name in enumerate(("u-2", "u-1", "u0", "u1", "u2")):
            R[k] = rows[name][g[Q + NGRAMS[name][0]]]
        pair = np.empty(len(g), dtype=np.int64)
        pair[:-1] = g[:-1] * K + g[1:]
        pair[-1] = 0
        bid = self._lookup(2, pair)  # bid[q]: bigram (g[q], g[q+1])
        for k, name in enumerate(("b-2", "b-1", "b0", "b1"), start=5):
            R[k] = rows[name][bid[Q + NGRAMS[name][0]]]
        gm, g0, gp = g[Q - 1], g[Q], g[Q + 1]
        R[9] = rows["t0"][self._lookup(3, (gm * K + g0) * K + gp)]
        tt = self.ttype
        R[10] = self.ytab[tt[gm], tt[g0], tt[gp]]
        k = 12
        if len(self.templates) > len(NGRAMS):  # 'rich' feature set, in sent_features' column order
            R[12] = rows["u-3"][g[Q - 3]]
            R[13] = rows["u3"][g[Q + 3]]
            R[14] = rows["k"][self._lookup(2, gm * K + gp)]
            R[15] = rows["t-1"][self._lookup(3, (g[Q - 2] * K + gm) * K + g0)]
            R[16] = rows["t1"][self._lookup(3, (g0 * K + gp) * K + g[Q + 2])]
            k = 17
        # lexicon segmentation (per chunk, as sent_features): word position and extras. A character
        # gets its extras in the order sent_features appends them: title before (from the word
        # ending just before it), place B/M/E, org-suffix word end, title after (word just after).
        sp = self.special
        wrow = np.full(n, sp["w-"], dtype=np.int64)
        seg = self._segments(text, chunks, offs)
        if seg is not None:
            sj, sl, sf, c0, c1 = seg
            si = sj - sl + 1
            inner = sl - 2
            mid_n = int(inner.sum())
            mid = np.repeat(si + 1, inner) + np.arange(mid_n) - np.repeat(np.cumsum(inner) - inner, inner)
            wrow[si] = self.wb[sl]
            wrow[mid] = np.repeat(self.wm[sl], inner)
            wrow[sj] = self.we[sl]
            title = (sf & nm.F_TITLE) != 0
            sel = title & (sj + 1 < c1)
            R[k, sj[sel] + 1] = sp["tp"]
            loc = (sf & nm.F_LOC) != 0
            R[k + 1, si[loc]] = sp["gB"]
            R[k + 1, mid[np.repeat(loc, inner)]] = sp["gM"]
            R[k + 1, sj[loc]] = sp["gE"]
            R[k + 2, sj[(sf & nm.F_ORGSUF) != 0]] = sp["ow"]
            sel = title & (si > c0)
            R[k + 3, si[sel] - 1] = sp["tn"]
        R[11] = wrow
        for x, tab in enumerate(self.single_rows, start=k + 4):
            R[x] = tab[g0]
        R[k + 7] = self.cs_row[bid[Q]]
        return R, offs

    def _segments(self, text: str, chunks: list[tuple[int, int]], offs: np.ndarray):
        """Lexicon matches of every chunk as ``Lexicon.iter_segments`` finds them in the folded chunk:
        arrays of end, length, flags, chunk start and chunk end (positions in the concatenated chunks);
        None without lexicon or matches."""
        trie = self.trie
        if trie is None or not chunks:
            return None
        ca = np.array([a for a, _ in chunks], dtype=np.int64)
        cb = np.array([b for _, b in chunks], dtype=np.int64)
        j, node, c = trie.iter_long(aho.codepoints(nm.fold(text)), ca, cb)
        if not len(j):
            return None
        o = offs[c]
        return j - ca[c] + o, self.seg_len[node], self.seg_flags[node], o, offs[c + 1]

    def emissions(self, lex: nm.Lexicon, text: str, chunks: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """State scores (chars x labels) of the characters of ``chunks`` (spans of ``text``), in order,
        and the chunk offsets into them: crfsuite's sums over sent_features' attributes, in its order."""
        R, offs = self.attribute_rows(lex, text, chunks)
        E = np.zeros((R.shape[1], self.W.shape[1]), dtype=np.float64)
        kernels()[0](R, self.W, E)
        return E, offs

    # ---------------------------------------------------------------- decoding

    def decode(self, lex: nm.Lexicon, text: str, chunks: list[tuple[int, int]]):
        """Viterbi label ids, the marginal probability of each chosen label and of 'O', per character
        of ``chunks`` (concatenated), and the chunk offsets. Same as crfsuite's tag() + marginal()."""
        E, offs = self.emissions(lex, text, chunks)
        tags = np.empty(len(E), dtype=np.int64)
        mtag = np.empty(len(E), dtype=np.float64)
        mout = np.empty(len(E), dtype=np.float64)
        kernels()[1](E, offs, self.trans, self.exp_trans, self.outside, tags, mtag, mout)
        return tags, mtag, mout, offs


# ---------------------------------------------------------------------------
# kernels (numba)
# ---------------------------------------------------------------------------

_kernel: list = []


def _emit(R, W, E):  # pragma: no cover - jitted
    """E[t] += W[R[s, t]] for every slot s in order (row 0, all zeros, skipped): crfsuite's state
    score loop, which adds each attribute's weights in the order of the item's attributes."""
    S, n = R.shape
    L = W.shape[1]
    for t in range(n):
        for s in range(S):
            r = R[s, t]
            if r != 0:
                for j in range(L):
                    E[t, j] += W[r, j]


def _decode_all(E, offs, trans, exp_trans, outside, tags, mtag, mout):  # pragma: no cover - jitted
    """For each chunk offs[c]:offs[c+1] of E: crfsuite's Viterbi (first maximum wins) and its
    scaled forward-backward marginals (crf1d_context.c), written into tags / mtag / mout."""
    L = trans.shape[0]
    nmax = 0
    for c in range(len(offs) - 1):
        nmax = max(nmax, offs[c + 1] - offs[c])
    score = np.empty((nmax, L))
    back = np.zeros((nmax, L), dtype=np.int64)
    alpha = np.empty((nmax, L))
    beta = np.empty((nmax, L))
    scale = np.empty(nmax)
    es = np.empty((nmax, L))
    row = np.empty(L)
    for c in range(len(offs) - 1):
        o = offs[c]
        T = offs[c + 1] - o
        if T <= 0:
            continue
        # Viterbi
        for j in range(L):
            score[0, j] = E[o, j]
        for t in range(1, T):
            for j in range(L):
                best = -1.7976931348623157e308
                arg = -1
                for i in range(L):
                    s = score[t - 1, i] + trans[i, j]
                    if best < s:
                        best = s
                        arg = i
                if arg >= 0:
                    back[t, j] = arg
                score[t, j] = best + E[o + t, j]
        best = -1.7976931348623157e308
        last = 0
        for i in range(L):
            if best < score[T - 1, i]:
                best = score[T - 1, i]
                last = i
        tags[o + T - 1] = last
        for t in range(T - 1, 0, -1):
            last = back[t, last]
            tags[o + t - 1] = last
        # forward (scaled)
        for t in range(T):
            for j in range(L):
                es[t, j] = np.exp(E[o + t, j])
        total = 0.0
        for j in range(L):
            alpha[0, j] = es[0, j]
            total += alpha[0, j]
        scale[0] = 1.0 / total if total != 0.0 else 1.0
        for j in range(L):
            alpha[0, j] *= scale[0]
        for t in range(1, T):
            for j in range(L):
                alpha[t, j] = 0.0
            for i in range(L):
                p = alpha[t - 1, i]
                for j in range(L):
                    alpha[t, j] += p * exp_trans[i, j]
            total = 0.0
            for j in range(L):
                alpha[t, j] *= es[t, j]
                total += alpha[t, j]
            scale[t] = 1.0 / total if total != 0.0 else 1.0
            for j in range(L):
                alpha[t, j] *= scale[t]
        # backward (scaled)
        for i in range(L):
            beta[T - 1, i] = scale[T - 1]
        for t in range(T - 2, -1, -1):
            for j in range(L):
                row[j] = beta[t + 1, j] * es[t + 1, j]
            for i in range(L):
                s = 0.0
                for j in range(L):
                    s += exp_trans[i, j] * row[j]
                beta[t, i] = s * scale[t]
        for t in range(T):
            y = tags[o + t]
            inv = 1.0 / scale[t]
            mtag[o + t] = alpha[t, y] * beta[t, y] * inv
            mout[o + t] = alpha[t, outside] * beta[t, outside] * inv


def kernels():
    """The jitted kernels (emission sums, decoding): compiled once per process, cached on disk by numba."""
    if not _kernel:
        from numba import njit

        jit = njit(cache=True, nogil=True)
        _kernel.append((jit(_emit), jit(_decode_all)))
    return _kernel[0]


def available() -> bool:
    """numba can be imported (the decoder's kernels need it)."""
    try:
        kernels()
        return aho.available()
    except Exception:  # noqa: BLE001
        return False


def compile_model(model_path: Path | str, lexicon: nm.Lexicon) -> CompiledCRF | None:
    """The compiled decoder of a model, or None when it cannot reproduce crfsuite's scores."""
    try:
        if not available():
            return None
        return CompiledCRF(model_path, lexicon)
    except Exception:  # noqa: BLE001 - an accelerator only: the caller falls back to python-crfsuite
        return None


