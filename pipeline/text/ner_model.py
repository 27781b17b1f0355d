"""Character-level CRF named-entity tagger (PER / LOC / ORG) for Chinese news text.

Pure Python over python-crfsuite: feature extraction, BIOES encoding/decoding,
training, model loading and tagging (tagging runs on the compiled decoder of
:mod:`pipeline.text.crf_decode` when it can be built).  No Dagster / pandas imports.

The model is two files under ``models/``:

* ``ner_crf.crfsuite`` - the CRF weights (python-crfsuite format);
* ``ner_crf.lexicon.json`` - the lexicon the features look up (dictionary words, place
  names, surnames, title and organisation-suffix words), built by :func:`build_lexicon`
  from the training data and from dictionaries shipped in the installed ``jionlp``
  package, with each source file's sha256.

``ner_crf.json`` holds the training metadata (data path + sha256, hyperparameters,
feature version, scores).
"""
from __future__ import annotations

import json
import re
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import pairwise
from pathlib import Path

from pipeline.hashing import sha256_file, sha256_text
from pipeline.text.jionlp_data import dictionary_lines

FEATURE_VERSION = "v3-bioes-w2-bi-tri0-fmm-lex"
FEATURE_DOC = (
    "Input folded per char (full-width->half-width, lower-case, digits->0). BIOES tags. Per char: "
    "unigrams at -2..+2, bigrams (-2,-1) (-1,0) (0,+1) (+1,+2), trigram (-1,0,+1), char-class triple "
    "(hanzi/numeral/digit/latin/punct/space), position+length of the char in a greedy longest-match "
    "segmentation against a lexicon (jionlp idf + word dictionary, China place names to town level, "
    "world places, title and org-suffix words), place-name B/M/E flags, org-suffix-word end, title word "
    "just before/after, surname (first chars of >=3 training PER names, plus compound surnames), "
    "place/org suffix chars. Feature set 'rich' adds unigrams at -3/+3, skip bigram (-1,+1) and "
    "trigrams (-2..0) (0..+2)."
)
ENTITY_TYPES = ("PER", "LOC", "ORG")
MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
DEFAULT_MODEL_PATH = MODELS_DIR / "ner_crf.crfsuite"

# Longest chunk (characters) handed to the CRF in one go; longer sentences are cut at
# commas / spaces / hard limits.  Training units are <= ~150 chars.
MAX_CHUNK = 300

# ---------------------------------------------------------------------------
# character normalisation and classes
# ---------------------------------------------------------------------------


def _build_fold_table() -> dict[int, str]:
    """Length-preserving fold: full-width ASCII -> half-width, upper -> lower, digits -> 0."""
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "
    for ch in "\t\r\n\x0b\x0c\xa0\u2002\u2003\u2009\u200b":
        table[ord(ch)] = " "
    out: dict[int, str] = {}
    for cp in set(table) | set(range(0x21, 0x7F)):
        ch = table.get(cp, chr(cp))
        if "0" <= ch <= "9":
            ch = "0"
        elif "A" <= ch <= "Z":
            ch = ch.lower()
        if ch != chr(cp):
            out[cp] = ch
    return out


_FOLD = _build_fold_table()
_CN_NUM = set("零〇一二三四五六七八九十百千万亿两廿卅")
_PUNCT_EXTRA = set("。，、；：？！“”‘’（）《》〈〉【】「」『』—…·～－•")
_type_cache: dict[str, str] = {}


def fold(text: str) -> str:
    """Normalise ``text`` character by character (same length as the input)."""
    return text.translate(_FOLD)


def char_type(ch: str) -> str:
    """One-letter class of a (folded) character: h hanzi, n numeral, d digit, l latin, p punct, s space, o."""
    t = _type_cache.get(ch)
    if t is not None:
        return t
    if ch in _CN_NUM:
        t = "n"
    elif ch == "0":
        t = "d"
    elif "a" <= ch <= "z":
        t = "l"
    elif ch == " ":
        t = "s"
    elif "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        t = "h"
    elif ch in _PUNCT_EXTRA:
        t = "p"
    else:
        cat = unicodedata.category(ch)
        t = "p" if cat[0] in "PS" else ("s" if cat[0] == "Z" else ("l" if cat[0] == "L" else "o"))
    if len(_type_cache) < 100_000:
        _type_cache[ch] = t
    return t


# ---------------------------------------------------------------------------
# lexicon
# ---------------------------------------------------------------------------

F_WORD, F_LOC, F_ORGSUF, F_TITLE = 1, 2, 4, 8
WORD_MAX = 6
LEX_MAX = 8

# General vocabulary (not page-specific): titles / roles that precede or follow a person name.
TITLE_WORDS = ["书记", "副书记", "主任", "副主任", "市长", "副市长", "县长", "副县长", "省长", "副省长", "区长", "副区长", "镇长", "乡长", "村长", "部长", "副部长", "局长", "副局长", "厅长", "处长", "科长", "所长", "院长", "副院长", "校长", "副校长", "主席", "副主席", "总理", "副总理", "总统", "副总统", "首相", "大使", "参赞", "领事", "外长", "国务卿", "议长", "委员", "委员长", "常委", "代表", "理事长", "秘书长", "会长", "董事长", "总经理", "经理", "总裁", "厂长", "站长", "队长", "组长", "班长", "主编", "编辑", "记者", "通讯员", "摄影", "教授", "副教授", "博士", "研究员", "工程师", "医生", "院士", "老师", "先生", "女士", "小姐", "同志", "师傅", "将军", "司令", "司令员", "政委", "主持人", "教练", "球员", "选手", "律师", "法官", "检察官", "警官", "民警", "总书记", "国家主席", "村民", "居民", "网友", "讲师", "专家", "作家", "画家", "负责人", "指导员", "说", "表示", "指出", "强调", "认为", "介绍", "告诉"]
ORG_SUFFIX_WORDS = ["公司", "集团", "银行", "大学", "学院", "学校", "中学", "小学", "幼儿园", "医院", "卫生院", "委员会", "政府", "法院", "检察院", "研究所", "研究院", "研究会", "研究中心", "协会", "学会", "基金会", "联合会", "工会", "党委", "党支部", "支部", "总局", "分局", "管理局", "办公室", "办公厅", "报社", "日报", "电视台", "电台", "出版社", "中心", "俱乐部", "组织", "联盟", "议会", "国会", "政协", "人大", "军区", "部队", "支队", "大队", "中队", "派出所", "公安局", "合作社", "事务所", "工作室", "酒店", "饭店", "商场", "超市", "工厂", "车间", "代表团", "代表队", "国家队", "球队", "乐团", "剧团", "艺术团", "通讯社", "杂志社", "联合国", "委员", "总部", "总署", "常委会", "人民政府", "街道办事处", "居委会", "村委会", "管委会"]
COMPOUND_SURNAMES = ["欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "夏侯", "令狐", "端木", "申屠", "西门", "独孤", "南宫", "呼延", "轩辕", "万俟", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于", "太叔", "赫连", "闻人", "东郭", "百里"]
LOC_SUFFIX_CHARS = "省市区县镇乡村街道路巷州洲国岛湖江河山港湾峰岭桥"
ORG_SUFFIX_CHARS = "司局院委部会校厂社团队党所处厅办行署军营站台馆"


def _jionlp_source(name: str, sources: dict[str, str]) -> tuple[str, ...]:
    """Lines of a jionlp dictionary (txt or zip, see jionlp_data), recording their sha256 in ``sources``."""
    lines = dictionary_lines(name)
    if lines:
        sources[f"jionlp/dictionary/{name}.txt"] = sha256_text("\n".join(lines) + "\n")
    return lines


def _is_hanzi_word(w: str) -> bool:
    return bool(w) and all("\u4e00" <= c <= "\u9fff" for c in w)


def build_lexicon(train_path: Path | str, min_surname: int = 3, feature_set: str = "base") -> dict:
    """Build the feature lexicon from the training JSONL and jionlp's shipped dictionaries."""
    train_path = Path(train_path)
    sources: dict[str, str] = {str(train_path): sha256_file(train_path)}
    words: set[str] = set()
    locs: set[str] = set()
    for name in ("idf", "chinese_word_dictionary"):
        for line in _jionlp_source(name, sources):
            w = line.split("\t", 1)[0].strip()
            if 2 <= len(w) <= WORD_MAX and _is_hanzi_word(w):
                words.add(w)
    for line in _jionlp_source("china_location", sources):
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 3:
            continue
        parts = [p.strip() for p in line.strip().split("\t")]
        for i, p in enumerate(parts):
            if i != 1 and 2 <= len(p) <= LEX_MAX and _is_hanzi_word(p):  # field 1 is the admin code
                locs.add(p)
    for line in _jionlp_source("world_location", sources):
        if not line.strip() or line.strip().endswith(":"):
            continue
        for field in line.strip().split("\t"):
            for p in field.split("/"):
                p = p.strip()
                if 2 <= len(p) <= LEX_MAX and _is_hanzi_word(p):
                    locs.add(p)
    surname_counts: Counter[str] = Counter()
    for rec in iter_jsonl(train_path):
        for e in rec["entities"]:
            if e["type"] == "PER" and 2 <= len(e["text"]) <= 4 and _is_hanzi_word(e["text"][:1]):
                surname_counts[e["text"][0]] += 1
    surnames = sorted(c for c, n in surname_counts.items() if n >= min_surname)
    return {
        "feature_version": FEATURE_VERSION,
        "feature_set": feature_set,
        "sources": sources,
        "words": sorted(words),
        "locations": sorted(locs),
        "titles": sorted(set(TITLE_WORDS)),
        "org_suffixes": sorted(set(ORG_SUFFIX_WORDS)),
        "surnames": surnames,
        "compound_surnames": sorted(set(COMPOUND_SURNAMES)),
    }


class Lexicon:
    """Compiled lexicon: one prefix dict mapping strings -> flag bits (0 = only a prefix)."""

    def __init__(self, data: dict | None = None) -> None:
        data = data or {}
        table: dict[str, int] = {}

        def add(items: Iterable[str], flag: int, maxlen: int) -> None:
            for w in items:
                if 2 <= len(w) <= maxlen:
                    table[w] = table.get(w, 0) | flag

        add(data.get("words", ()), F_WORD, WORD_MAX)
        add(data.get("locations", ()), F_LOC, LEX_MAX)
        add(data.get("org_suffixes", ()), F_ORGSUF, LEX_MAX)
        add(data.get("titles", ()), F_TITLE, LEX_MAX)
        self.n_entries = len(table)
        self.feature_set = data.get("feature_set", "base")
        self._automaton = None
        if table:
            import ahocorasick

            auto = ahocorasick.Automaton()
            for w in sorted(table):
                auto.add_word(w, (len(w), table[w]))
            auto.make_automaton()
            self._automaton = auto
        self.surnames = frozenset(data.get("surnames", ()))
        self.compound_surnames = frozenset(data.get("compound_surnames", ()))
        single: dict[str, tuple[str, ...]] = {}
        for ch in set(self.surnames) | set(LOC_SUFFIX_CHARS) | set(ORG_SUFFIX_CHARS):
            single[ch] = tuple(name for name, group in (("sn", self.surnames), ("ls", LOC_SUFFIX_CHARS),
                                                        ("os", ORG_SUFFIX_CHARS)) if ch in group)
        self.single = single

    def iter_segments(self, s: str) -> Iterable[tuple[int, tuple[int, int]]]:
        """Greedy leftmost-longest lexicon matches in ``s``: (end index inclusive, (length, flags))."""
        if self._automaton is None:
            return ()
        return self._automaton.iter_long(s)


# ---------------------------------------------------------------------------
# features
# ---------------------------------------------------------------------------

_PAD = 3


class _TypeMap(dict):
    """char -> class letter, filled lazily (bounded by the character repertoire)."""

    def __missing__(self, ch: str) -> str:
        t = char_type(ch)
        if len(self) < 200_000:
            self[ch] = t
        return t


_TYPES = _TypeMap()
_WB_FEATS = [f"wB{a}" for a in range(LEX_MAX + 1)]
_WM_FEATS = [f"wM{a}" for a in range(LEX_MAX + 1)]
_WE_FEATS = [f"wE{a}" for a in range(LEX_MAX + 1)]


def sent_features(text: str, lex: Lexicon) -> list[list[str]]:
    """Feature strings for every character of one (short) sentence. Deterministic."""
    s = fold(text)
    n = len(s)
    if n == 0:
        return []
    wfeat = ["w-"] * n
    extra: list[tuple[int, str]] = []
    for j, (L, f) in lex.iter_segments(s):
        i = j - L + 1
        wfeat[i] = _WB_FEATS[L]
        wfeat[j] = _WE_FEATS[L]
        for k in range(i + 1, j):
            wfeat[k] = _WM_FEATS[L]
        if f & F_LOC:
            extra.append((i, "gB"))
            extra.append((j, "gE"))
            for k in range(i + 1, j):
                extra.append((k, "gM"))
        if f & F_ORGSUF:
            extra.append((j, "ow"))
        if f & F_TITLE:
            if j + 1 < n:
                extra.append((j + 1, "tp"))
            if i > 0:
                extra.append((i - 1, "tn"))
    types = list(map(_TYPES.__getitem__, s))
    P = ["^3", "^2", "^1", *s, "$1", "$2", "$3"]
    tp = ["^", "^", "^", *types, "$", "$", "$"]
    bg = [x + y for x, y in pairwise(P)]  # bg[k] = P[k] P[k+1]
    cols = [
        ["u-2" + x for x in P[1:n + 1]],
        ["u-1" + x for x in P[2:n + 2]],
        ["u0" + x for x in s],
        ["u1" + x for x in P[4:n + 4]],
        ["u2" + x for x in P[5:n + 5]],
        ["b-2" + x for x in bg[1:n + 1]],
        ["b-1" + x for x in bg[2:n + 2]],
        ["b0" + x for x in bg[3:n + 3]],
        ["b1" + x for x in bg[4:n + 4]],
        ["t0" + x + y for x, y in zip(bg[2:n + 2], P[4:n + 4])],
        ["Y" + x + y + z for x, y, z in zip(tp[2:n + 2], types, tp[4:n + 4])],
        wfeat,
    ]
    if lex.feature_set == "rich":
        cols += [
            ["u-3" + x for x in P[0:n]],
            ["u3" + x for x in P[6:n + 6]],
            ["k" + x + y for x, y in zip(P[2:n + 2], P[4:n + 4])],
            ["t-1" + x + y for x, y in zip(bg[1:n + 1], s)],
            ["t1" + x + y for x, y in zip(s, bg[4:n + 4])],
        ]
    out: list[list[str]] = list(map(list, zip(*cols)))
    for i, feat in extra:
        out[i].append(feat)
    single = lex.single
    for i, fs in [(i, single[ch]) for i, ch in enumerate(s) if ch in single]:
        out[i].extend(fs)
    csurn = lex.compound_surnames
    if csurn:
        for i in [i for i, x in enumerate(bg[3:n + 2]) if x in csurn]:
            out[i].append("sn2")
    return out


# ---------------------------------------------------------------------------
# tags <-> spans
# ---------------------------------------------------------------------------


def spans_to_bioes(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIOES tags for a text of length ``n`` from (start, end, type) spans."""
    tags = ["O"] * n
    for start, end, typ in spans:
        if not (0 <= start < end <= n):
            continue
        if end - start == 1:
            tags[start] = "S-" + typ
        else:
            tags[start] = "B-" + typ
            for k in range(start + 1, end - 1):
                tags[k] = "I-" + typ
            tags[end - 1] = "E-" + typ
    return tags


def bioes_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Decode BIOES (leniently: stray I/E start a new entity) into sorted spans."""
    spans: list[tuple[int, int, str]] = []
    start = -1
    cur = ""
    for i, tag in enumerate(tags):
        if tag == "O" or len(tag) < 3:
            if cur:
                spans.append((start, i, cur))
            cur = ""
            continue
        pre, typ = tag[0], tag[2:]
        if pre == "S":
            if cur:
                spans.append((start, i, cur))
            spans.append((i, i + 1, typ))
            cur = ""
        elif pre == "B" or typ != cur:
            if cur:
                spans.append((start, i, cur))
            start, cur = i, typ
            if pre == "E":
                spans.append((start, i + 1, cur))
                cur = ""
        elif pre == "E":
            spans.append((start, i + 1, cur))
            cur = ""
        # "I" continuing the open entity: nothing to do
    if cur:
        spans.append((start, len(tags), cur))
    return [sp for sp in spans if sp[2] in ENTITY_TYPES]


# ---------------------------------------------------------------------------
# sentence chunking
# ---------------------------------------------------------------------------

_SENT_END = re.compile(r"[^\n。！？；!?;]*[。！？；!?;]+[”’」』）)]*|[^\n]+")
_SOFT_BREAK = re.compile(r"[，,、：:\s]")


def chunk_spans(text: str, max_len: int = MAX_CHUNK) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of ``text``: lines, then sentences, then soft/hard cuts if too long."""
    for m in _SENT_END.finditer(text):
        start, end = m.start(), m.end()
        while end - start > max_len:
            cut = -1
            for sm in _SOFT_BREAK.finditer(text, start + max_len // 2, start + max_len):
                cut = sm.end()
            if cut <= start:
                cut = start + max_len
            yield start, cut
            start = cut
        if end > start:
            yield start, end


# ---------------------------------------------------------------------------
# tagger
# ---------------------------------------------------------------------------


def _lexicon_path(model_path: Path) -> Path:
    return model_path.with_name(model_path.name.split(".")[0] + ".lexicon.json")


_UNSET = object()


class Tagger:
    """CRF entity tagger: ``tag(text)`` -> sorted, non-overlapping (start, end, type) spans.

    Tagging runs on the compiled decoder of :mod:`pipeline.text.crf_decode` (the same Viterbi path
    and marginals as python-crfsuite, without feature strings) when it can be built for the model,
    else on python-crfsuite itself."""

    def __init__(self, model_path: Path | str, lexicon: Lexicon | None = None, decoder=_UNSET) -> None:
        import pycrfsuite

        self.model_path = Path(model_path)
        if lexicon is None:
            lp = _lexicon_path(self.model_path)
            data = json.loads(lp.read_text(encoding="utf-8")) if lp.exists() else {}
            lexicon = Lexicon(data)
        self.lexicon = lexicon
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(self.model_path))
        self._lock = threading.Lock()
        self._decoder = decoder

    @property
    def decoder(self):
        """The compiled decoder (``crf_decode.CompiledCRF``), built on first use; None if unavailable."""
        if self._decoder is _UNSET:
            from pipeline.text import crf_decode

            dec = crf_decode.compile_model(self.model_path, self.lexicon)
            with self._lock:
                if self._decoder is _UNSET:
                    self._decoder = dec
        return self._decoder

    def _tag_chunks(self, src: str, chunks: list[tuple[int, int]]) -> list[tuple[list[str], list[float]]]:
        """Viterbi tags and the marginal probability of each tag, for each (start, end) chunk of ``src``."""
        if not chunks:
            return []
        dec = self.decoder
        if dec is not None:
            try:
                ids, mtag, _, offs = dec.decode(self.lexicon, src, chunks)
            except Exception:  # noqa: BLE001 - python-crfsuite below gives the same answer
                ids = None
            if ids is not None:
                labels = dec.labels
                tags = [labels[i] for i in ids.tolist()]
                margs = mtag.tolist()
                bounds = offs.tolist()
                return [(tags[a:b], margs[a:b]) for a, b in pairwise(bounds)]
        out = []
        for start, end in chunks:
            feats = sent_features(src[start:end], self.lexicon)
            with self._lock:
                self._crf.set(feats)
                tags = self._crf.tag()
                out.append((tags, [self._crf.marginal(t, i) for i, t in enumerate(tags)]))
        return out

    def tag_chunk(self, text: str) -> list[tuple[int, int, str]]:
        """Tag one short sentence (no splitting)."""
        if not text or text.isspace():
            return []
        text.encode("utf-8")  # lone surrogates: an error, as python-crfsuite raises
        return bioes_to_spans(self._tag_chunks(text, [(0, len(text))])[0][0])

    def tag_scored(self, text: str) -> list[tuple[int, int, str, float]]:
        """Like :meth:`tag`, with a confidence per span: the lowest marginal probability of its tags."""
        try:
            if not isinstance(text, str) or not text:
                return []
            src = _safe_text(text)
            out: list[tuple[int, int, str, float]] = []
            chunks = [(a, b) for a, b in chunk_spans(src) if not src[a:b].isspace()]
            for (start, _), (tags, margs) in zip(chunks, self._tag_chunks(src, chunks), strict=True):
                for s, e, t in bioes_to_spans(tags):
                    out.append((start + s, start + e, t, min(margs[s:e])))
            conf = {(s, e): c for s, e, _, c in out}
            spans = _strip_spans(text, [(s, e, t) for s, e, t, _ in out])
            res = []
            for s, e, t in spans:
                c = conf.get((s, e))
                if c is None:  # trimmed span: take the confidence of the span that contains it
                    c = min((c2 for s2, e2, _, c2 in out if s2 <= s and e <= e2), default=0.0)
                res.append((s, e, t, c))
            return res
        except Exception:  # noqa: BLE001 - the public contract is "never raises"
            return []

    def tag(self, text: str) -> list[tuple[int, int, str]]:
        """Entity spans of ``text``; never raises (returns [] on internal failure)."""
        try:
            if not isinstance(text, str) or not text:
                return []
            src = _safe_text(text)
            out: list[tuple[int, int, str]] = []
            chunks = [(a, b) for a, b in chunk_spans(src) if not src[a:b].isspace()]
            for (start, _), (tags, _m) in zip(chunks, self._tag_chunks(src, chunks), strict=True):
                for s, e, t in bioes_to_spans(tags):
                    if text[start + s:start + e].strip():
                        out.append((start + s, start + e, t))
            return _strip_spans(text, out)
        except Exception:  # noqa: BLE001 - the public contract is "never raises"
            return []


def _safe_text(text: str) -> str:
    """``text`` with lone surrogates (which crfsuite cannot take) replaced by '?'; same length."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join("?" if "\ud800" <= c <= "\udfff" else c for c in text)


def _strip_spans(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Trim whitespace from span edges; keep sorted and non-overlapping."""
    res: list[tuple[int, int, str]] = []
    last = 0
    for s, e, t in sorted(spans):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s >= last:
            res.append((s, e, t))
            last = e
    return res


_default_lock = threading.Lock()
_default: dict[str, Tagger | None] = {}


def _default_lexicon() -> Lexicon:
    """The packaged model's compiled lexicon (a snapshot: compiling the automaton takes seconds)."""
    from pipeline.text.snapshot import load_or_build

    lp = _lexicon_path(DEFAULT_MODEL_PATH)

    def build() -> Lexicon:
        return Lexicon(json.loads(lp.read_text(encoding="utf-8")) if lp.exists() else {})

    return load_or_build("ner_lexicon", [Path(__file__), lp], build)


def _default_decoder(lexicon: Lexicon):
    """The packaged model's compiled decoder (a snapshot), or None when it cannot be built."""
    from pipeline.text import crf_decode
    from pipeline.text.snapshot import load_or_build

    if not crf_decode.available():
        return None
    from pipeline.text import aho

    sources = [Path(crf_decode.__file__), Path(aho.__file__), Path(__file__), DEFAULT_MODEL_PATH,
               _lexicon_path(DEFAULT_MODEL_PATH)]
    return load_or_build("ner_decoder", sources, lambda: crf_decode.compile_model(DEFAULT_MODEL_PATH, lexicon))


def load_default() -> Tagger | None:
    """The packaged model (``models/ner_crf.crfsuite``), loaded once; None if missing/unloadable."""
    with _default_lock:
        if "t" not in _default:
            tagger: Tagger | None = None
            if DEFAULT_MODEL_PATH.exists():
                try:
                    lexicon = _default_lexicon()
                    tagger = Tagger(DEFAULT_MODEL_PATH, lexicon, _default_decoder(lexicon))
                except Exception:  # noqa: BLE001
                    tagger = None
            _default["t"] = tagger
        return _default["t"]


# ---------------------------------------------------------------------------
# training
# ---------------------------------------------------------------------------


def iter_jsonl(path: Path | str) -> Iterator[dict]:
    """Records of a JSONL file (format of /work/shared/eval/README.md)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                yield json.loads(line)


def record_spans(rec: dict) -> list[tuple[int, int, str]]:
    """PER/LOC/ORG spans of one JSONL record."""
    return [(e["start"], e["end"], e["type"]) for e in rec.get("entities", []) if e["type"] in ENTITY_TYPES]


def _train_data_entries(paths: list[Path]) -> list[dict]:
    """One entry per distinct training file, in first-use order: path, sha256, copies (repetitions)."""
    copies = Counter(str(p) for p in paths)
    out = []
    for key in dict.fromkeys(str(p) for p in paths):
        out.append({"path": key, "sha256": sha256_file(key), "copies": copies[key]})
    return out


DEFAULT_HYPERPARAMS: dict = {
    "algorithm": "lbfgs",
    "c1": 0.1,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


def train(train_path: Path | str, model_path: Path | str, **hyperparams) -> dict:
    """Train a CRF on a JSONL file, write model + lexicon + metadata; return the metadata dict.

    Keyword arguments override :data:`DEFAULT_HYPERPARAMS` (crfsuite parameter names; the
    ``algorithm`` key picks the trainer, ``extra_train`` is an optional list of more JSONL paths,
    ``lexicon_data`` replaces the lexicon built by :func:`build_lexicon` - used by tests).
    """
    import pycrfsuite

    train_path = Path(train_path)
    model_path = Path(model_path)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    params = dict(DEFAULT_HYPERPARAMS)
    params.update(hyperparams)
    extra = [Path(p) for p in params.pop("extra_train", []) or []]
    lex_data = params.pop("lexicon_data", None)
    algorithm = params.pop("algorithm")
    verbose = bool(params.pop("verbose", False))
    t0 = time.time()
    feature_set = params.pop("feature_set", "base")
    if lex_data is None:
        lex_data = build_lexicon(train_path, feature_set=feature_set)
    lex = Lexicon(lex_data)
    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=verbose)
    trainer.set_params(params)
    n_sent = n_char = 0
    for path in [train_path, *extra]:
        for rec in iter_jsonl(path):
            text = rec["text"]
            if not text:
                continue
            trainer.append(sent_features(text, lex), spans_to_bioes(len(text), record_spans(rec)))
            n_sent += 1
            n_char += len(text)
    t1 = time.time()
    tmp_model = model_path.with_name(model_path.name + ".tmp")
    trainer.train(str(tmp_model))
    t2 = time.time()
    lex_path = _lexicon_path(model_path)
    tmp_lex = lex_path.with_name(lex_path.name + ".tmp")
    tmp_lex.write_text(json.dumps(lex_data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    tmp_model.replace(model_path)
    tmp_lex.replace(lex_path)
    last = trainer.logparser.last_iteration or {}
    meta = {
        "model_file": model_path.name,
        "model_sha256": sha256_file(model_path),
        "model_bytes": model_path.stat().st_size,
        "lexicon_file": lex_path.name,
        "lexicon_sha256": sha256_file(lex_path),
        "lexicon_sources": lex_data.get("sources", {}),
        "feature_version": FEATURE_VERSION,
        "feature_set": lex.feature_set,
        "features": FEATURE_DOC,
        "tag_scheme": "BIOES",
        "train_data": _train_data_entries([train_path, *extra]),
        "train_sentences": n_sent,
        "train_chars": n_char,
        "algorithm": algorithm,
        "hyperparameters": params,
        "active_features": last.get("active_features"),
        "final_loss": last.get("loss"),
        "iterations": len(trainer.logparser.iterations),
        "feature_extraction_seconds": round(t1 - t0, 1),
        "training_seconds": round(t2 - t1, 1),
    }
    return meta
