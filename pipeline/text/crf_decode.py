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
        # per BMP code point: its folded code point and the token code of the folded character
        # (folding maps BMP characters to BMP characters and leaves the other planes alone)
        self.cp_fold = np.arange(_BMP, dtype=np.int32)
        for cp, ch in nm._FOLD.items():
            self.cp_fold[cp] = ord(ch)
        self.cp_table = np.array([self._char_code(chr(cp)) for cp in self.cp_fold.tolist()], dtype=np.int64)

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
        # the tables as the rows kernel takes them (templates the feature set lacks: all zeros)
        r = self.rows
        self.rich = rich
        z1, z2, z3 = (np.zeros(m, dtype=np.int64) for m in (K, len(self.keys[2]) + 1, len(self.keys[3]) + 1))
        self.k_uni = np.stack([r["u-2"], r["u-1"], r["u0"], r["u1"], r["u2"], r.get("u-3", z1), r.get("u3", z1)])
        self.k_big = np.stack([r["b-2"], r["b-1"], r["b0"], r["b1"], r.get("k", z2)])
        self.k_tri = np.stack([r["t0"], r.get("t-1", z3), r.get("t1", z3)])
        self.k_w = np.stack([self.wb, self.wm, self.we])
        self.k_sp = np.array([sp[f] for f in ("w-", "tp", "gB", "gM", "gE", "ow", "tn")], dtype=np.int64)
        self.k_single = np.stack(self.single_rows)
        self.k_pads = np.array([self.pad[p] for p in PADS], dtype=np.int64)

    # ---------------------------------------------------------------- features -> emissions

    def _char_code(self, ch: str) -> int:
        """Token code of a folded character (surrogates are classed like any other character)."""
        code = self.code.get(ch)
        return code if code is not None else self.unknown_base + TYPE_LETTERS.index(nm.char_type(ch))

    def _codes(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Folded code points and token codes of the characters of ``text`` (no lone surrogates)."""
        cps = aho.codepoints(text)
        if cps.size and int(cps.max()) >= _BMP:
            big = cps >= _BMP
            low = np.where(big, 0, cps)
            folded = np.where(big, cps, self.cp_fold[low])
            codes = self.cp_table[low]
            for i in np.flatnonzero(big).tolist():
                codes[i] = self._char_code(text[i])
            return folded, codes
        return self.cp_fold[cps], self.cp_table[cps]

    def attribute_rows(self, lex: nm.Lexicon, text: str,
                       chunks: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """Weight rows (0: none) of the attributes of every character of ``chunks`` (spans of
        ``text``), one slot per template in the order sent_features appends them (slots x chars),
        and the chunk offsets into the characters. ``lex`` must be the lexicon compiled in."""
        ca = np.array([a for a, _ in chunks], dtype=np.int64)
        cb = np.array([b for _, b in chunks], dtype=np.int64)
        offs = np.zeros(len(chunks) + 1, dtype=np.int64)
        np.cumsum(cb - ca, out=offs[1:])
        folded, codes = self._codes(text)
        if self.trie is not None and chunks:
            seg_j, seg_node, seg_c = self.trie.iter_long(folded, ca, cb)
            seg_len, seg_flags = self.seg_len, self.seg_flags
        else:
            seg_j = seg_node = seg_c = seg_len = seg_flags = np.zeros(0, dtype=np.int64)
        slots = len(self.templates) + 10  # templates, Y, w, 4 lexicon extras, 3 char lists, sn2
        R = np.zeros((slots, int(offs[-1])), dtype=np.int64)
        kernels()[2](codes, ca, cb, offs, self.k_pads, self.K, self.k_uni, self.keys[2], self.k_big,
                     self.keys[3], self.k_tri, self.ytab, self.ttype, self.k_w, self.k_sp, self.k_single,
                     self.cs_row, self.rich, seg_j, seg_node, seg_c, seg_len, seg_flags,
                     nm.F_LOC, nm.F_ORGSUF, nm.F_TITLE, R)
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


def _find(keys, k):  # pragma: no cover - jitted
    """Index of ``k`` in the sorted ``keys``, or len(keys) when absent."""
    lo = 0
    hi = len(keys)
    while lo < hi:
        mid = (lo + hi) >> 1
        if keys[mid] < k:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(keys) and keys[lo] == k:
        return lo
    return len(keys)


def _rows(codes, ca, cb, offs, pads, K, uni, keys2, big, keys3, tri, ytab, ttype, wtab, sp, single, cs_row,
          rich, seg_j, seg_node, seg_c, seg_len, seg_flags, f_loc, f_org, f_title, R):  # pragma: no cover - jitted
    """Fill R (slots x characters) with the weight row of each template's attribute, as
    CompiledCRF.attribute_rows documents: the window's token codes framed by each chunk's pads (g),
    n-gram keys looked up in the sorted key arrays, lexicon matches (seg_*) turned into the word
    position slot and the extras (title before, place B/M/E, org-suffix word end, title after)."""
    nc = len(ca)
    n = offs[nc]
    size = n + 6 * nc
    g = np.empty(size, dtype=np.int64)
    Q = np.empty(n, dtype=np.int64)
    p = 0
    for c in range(nc):
        m = cb[c] - ca[c]
        for x in range(3):
            g[p + x] = pads[x]
            g[p + 3 + m + x] = pads[3 + x]
        for i in range(m):
            g[p + 3 + i] = codes[ca[c] + i]
            Q[offs[c] + i] = p + 3 + i
        p += m + 6
    nb = len(keys2)
    bid = np.empty(size, dtype=np.int64)  # bid[q]: bigram (g[q], g[q+1])
    for q in range(size - 1):
        bid[q] = _find(keys2, g[q] * K + g[q + 1])
    if size:
        bid[size - 1] = nb
    x0 = 17 if rich else 12
    for i in range(n):
        q = Q[i]
        gm = g[q - 1]
        g0 = g[q]
        gp = g[q + 1]
        R[0, i] = uni[0, g[q - 2]]
        R[1, i] = uni[1, gm]
        R[2, i] = uni[2, g0]
        R[3, i] = uni[3, gp]
        R[4, i] = uni[4, g[q + 2]]
        R[5, i] = big[0, bid[q - 2]]
        R[6, i] = big[1, bid[q - 1]]
        R[7, i] = big[2, bid[q]]
        R[8, i] = big[3, bid[q + 1]]
        R[9, i] = tri[0, _find(keys3, (gm * K + g0) * K + gp)]
        R[10, i] = ytab[ttype[gm], ttype[g0], ttype[gp]]
        R[11, i] = sp[0]
        if rich:
            R[12, i] = uni[5, g[q - 3]]
            R[13, i] = uni[6, g[q + 3]]
            R[14, i] = big[4, _find(keys2, gm * K + gp)]
            R[15, i] = tri[1, _find(keys3, (g[q - 2] * K + gm) * K + g0)]
            R[16, i] = tri[2, _find(keys3, (g0 * K + gp) * K + g[q + 2])]
        R[x0 + 4, i] = single[0, g0]
        R[x0 + 5, i] = single[1, g0]
        R[x0 + 6, i] = single[2, g0]
        R[x0 + 7, i] = cs_row[bid[q]]
    for x in range(len(seg_j)):
        c = seg_c[x]
        ln = seg_len[seg_node[x]]
        f = seg_flags[seg_node[x]]
        j = seg_j[x] - ca[c] + offs[c]
        i0 = j - ln + 1
        R[11, i0] = wtab[0, ln]
        for k in range(i0 + 1, j):
            R[11, k] = wtab[1, ln]
        R[11, j] = wtab[2, ln]
        if f & f_title:
            if j + 1 < offs[c + 1]:
                R[x0, j + 1] = sp[1]
            if i0 > offs[c]:
                R[x0 + 3, i0 - 1] = sp[6]
        if f & f_loc:
            R[x0 + 1, i0] = sp[2]
            for k in range(i0 + 1, j):
                R[x0 + 1, k] = sp[3]
            R[x0 + 1, j] = sp[4]
        if f & f_org:
            R[x0 + 2, j] = sp[5]


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
        globals()["_find"] = jit(_find)  # _rows calls the jitted search
        _kernel.append((jit(_emit), jit(_decode_all), jit(_rows)))
    return _kernel[0]


_available: list[bool] = []


def available() -> bool:
    """The decoder's kernels compile and run here (numba importable): checked once, on tiny inputs
    of the dtypes the decoder passes."""
    if not _available:
        try:
            emit, decode_all, rows = kernels()
            i64 = np.int64
            R = np.zeros((22, 1), dtype=i64)
            rows(np.zeros(1, i64), np.array([0]), np.array([1]), np.array([0, 1]), np.zeros(6, i64), 1,
                 np.zeros((7, 1), i64), np.zeros(0, i64), np.zeros((5, 1), i64), np.zeros(0, i64),
                 np.zeros((3, 1), i64), np.zeros((9, 9, 9), i64), np.zeros(1, i64), np.zeros((3, 9), i64),
                 np.zeros(7, i64), np.zeros((3, 1), i64), np.zeros(1, i64), False, np.zeros(0, i64),
                 np.zeros(0, i64), np.zeros(0, i64), np.zeros(0, i64), np.zeros(0, i64), 2, 4, 8, R)
            E = np.zeros((1, 2))
            emit(R, np.zeros((1, 2)), E)
            tags = np.zeros(1, dtype=i64)
            mtag, mout = np.zeros(1), np.zeros(1)
            decode_all(E, np.array([0, 1]), np.zeros((2, 2)), np.ones((2, 2)), 0, tags, mtag, mout)
            ok = aho.available() and abs(mtag[0] - 0.5) < 1e-12
        except Exception:  # noqa: BLE001 - no numba, or it cannot compile here: python-crfsuite stays
            ok = False
        _available.append(ok)
    return _available[0]


def compile_model(model_path: Path | str, lexicon: nm.Lexicon) -> CompiledCRF | None:
    """The compiled decoder of a model, or None when it cannot reproduce crfsuite's scores."""
    try:
        if not available():
            return None
        return CompiledCRF(model_path, lexicon)
    except Exception:  # noqa: BLE001 - an accelerator only: the caller falls back to python-crfsuite
        return None


