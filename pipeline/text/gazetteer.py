"""The administrative gazetteer and person-name statistics, loaded once (lazy, cached).

Data files are built by ``scripts/build_gazetteer.py`` from jionlp's ``china_location.txt`` and
the training split's person names; see that script for the layout. Matching uses one
Aho-Corasick automaton over full names (every level) and short names (provinces, cities, and
districts/towns of the focus province).
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from pipeline.text import aho
from pipeline.text.jionlp_data import dictionary_lines, dictionary_source
from pipeline.text.snapshot import snapshot

DATA = Path(__file__).resolve().parents[1] / "data"
GAZ_FILE = DATA / "gazetteer.tsv.gz"
NAMES_FILE = DATA / "gazetteer_names.tsv.gz"
WORDS_FILE = DATA / "gazetteer_words.txt.gz"
GENERIC_NAMES = frozenset(("街道", "社区", "村", "镇", "乡", "居委会", "村委会", "办事处", "新村", "社区居委会",
                           "开发区", "工业园", "工业区", "高新区", "示范区", "新区", "农场", "林场", "园区", "管理区"))
LEVEL_RANK = {"country": 0, "province": 0, "city": 1, "district": 2, "street": 3, "community": 4}
# county-level statistical codes x71-x79 are development/demonstration zones, not GB/T 2260 divisions
NON_ADMIN_WORDS = ("示范区", "开发区", "高新区", "经开区", "新区", "管理区", "试验区")


class Place(NamedTuple):
    """One gazetteer row (a named tuple: 76k of them load in a fraction of a frozen dataclass's time)."""

    idx: int
    parent: int  # -1 for provinces
    level: str  # province, city, district, street, community
    name: str
    code: str | None  # GB/T 2260 code (county level and above), None for zones and below county
    short: str | None
    province: str


class Gazetteer:
    """Places by index, by name, and an automaton over their names."""

    def __init__(self, places: list[Place], focus: str):
        self.places = places
        self.focus = focus
        self.by_name: dict[str, list[int]] = {}
        for p in places:
            self.by_name.setdefault(p.name, []).append(p.idx)
        self.automaton = ahocorasick.Automaton()
        keys: dict[str, list[int]] = {}
        for p in places:
            if p.name.startswith("\0"):
                continue
            keys.setdefault(p.name, []).append(p.idx)
            if p.short and len(p.short) >= 2 and p.short != p.name and self._short_ok(p):
                keys.setdefault(p.short, []).append(p.idx)
        for key in sorted(keys):
            self.automaton.add_word(key, (key, tuple(keys[key])))
        self.automaton.make_automaton()
        self.trie = aho.ArrayTrie(self.automaton.items())  # the same automaton, searched faster

    def __getstate__(self) -> dict:
        # rows as plain tuples: unpickling 76k class instances one by one is slower
        return {**self.__dict__, "places": [tuple(p) for p in self.places]}

    def __setstate__(self, state: dict) -> None:
        state["places"] = list(map(Place._make, state["places"]))
        self.__dict__.update(state)

    def _short_ok(self, p: Place) -> bool:
        """Short names are matched for provinces, cities and focus-province districts."""
        if p.short in common_words():
            return False
        if p.level in ("province", "city", "country"):
            return True
        return p.level == "district" and p.province == self.focus and not any(
            w[:-1] in p.short for w in NON_ADMIN_WORDS)

    def ancestors(self, idx: int) -> list[int]:
        """Indexes of the enclosing places, nearest first."""
        out = []
        seen = set()
        p = self.places[idx].parent
        while p >= 0 and p not in seen:
            seen.add(p)
            out.append(p)
            p = self.places[p].parent
        return out

    def children(self, idx: int) -> list[int]:
        """Indexes of the places directly under ``idx``."""
        kids = self.__dict__.get("_children")
        if kids is None:
            kids = {}
            for p in self.places:
                kids.setdefault(p.parent, []).append(p.idx)
            self._children = kids
        return kids.get(idx, [])

    def parent_name(self, idx: int) -> str | None:
        """Canonical name of the nearest enclosing place with a different name (直辖市 folding)."""
        me = self.places[idx].name
        for a in self.ancestors(idx):
            if self.places[a].name != me:
                return self.places[a].name
        return None

    def find(self, text: str) -> list[tuple[int, int, str, tuple[int, ...]]]:
        """All matches as (start, end, key, candidate indexes), unfiltered (overlapping), in the
        automaton's order (``aho`` replays it on arrays when it can: same matches, same order)."""
        if aho.available():
            try:
                ends, nodes = self.trie.iter(aho.codepoints(text))
            except Exception:  # noqa: BLE001 - lone surrogates (or anything else): pyahocorasick below
                ends = None
            if ends is not None:
                vals = self.trie.values
                res = []
                for end, node in zip(ends.tolist(), nodes.tolist(), strict=True):
                    key, idxs = vals[node]
                    res.append((end + 1 - len(key), end + 1, key, idxs))
                return res
        out = []
        for end, (key, idxs) in self.automaton.iter(text):
            out.append((end + 1 - len(key), end + 1, key, idxs))
        return out

    def choose(self, idxs: tuple[int, ...] | list[int], context: set[str], key: str | None = None) -> int:
        """Pick one candidate: ancestors named in ``context`` first, then the focus province,
        then the highest level, then file order. ``key``, the name being looked up, is no evidence
        for an ancestor of that name (长沙 is the city 长沙市, not 长沙县 under it)."""
        def named(a: int) -> bool:
            anc = self.places[a]
            return (anc.name in context and anc.name != key) or (
                anc.short is not None and anc.short in context and anc.short != key)

        def score(i: int) -> tuple:
            p = self.places[i]
            hits = sum(1 for a in self.ancestors(i) if named(a))
            return (-hits, p.province != self.focus, LEVEL_RANK.get(p.level, 9), i)
        return min(idxs, key=score)

    def lookup(self, name: str, context: set[str] | None = None) -> Place | None:
        """The best place with this exact full name, or None."""
        idxs = self.by_name.get(name)
        if not idxs:
            return None
        return self.places[self.choose(idxs, context or set(), name)]


def _read_gz_lines(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return f.read().splitlines()


@snapshot("gazetteer", lambda: [GAZ_FILE, dictionary_source("chinese_word_dictionary"), Path(aho.__file__)])
def load() -> Gazetteer:
    """The gazetteer (built once per process)."""
    places: list[Place] = []
    focus = ""
    province = ""
    for line in _read_gz_lines(GAZ_FILE):
        if line.startswith("#"):
            parts = line[1:].strip().split("\t")
            if parts[0] == "focus" and len(parts) > 1:
                focus = parts[1]
            continue
        idx, parent, level, name, code, short = line.split("\t")
        if name in GENERIC_NAMES or any(name.endswith(w) and name[: -len(w)] in GENERIC_NAMES
                                        for w in ("社区", "村", "镇", "乡", "街道")):  # junk rows (a bare suffix) would match every 街道/社区
            name = f"\0{idx}"
        if level in ("province", "country"):
            province = name
        admin = code or None
        if admin and (any(w in name for w in NON_ADMIN_WORDS) or "71" <= admin[4:6] <= "79"):
            admin = None
        places.append(Place(int(idx), int(parent), level, name, admin, short or None, province))
    return Gazetteer(places, focus)


@dataclass(frozen=True)
class NameStats:
    """Person-name character statistics from the training split."""

    surnames: dict[str, int]
    given: dict[str, int]
    chars: dict[str, int]

    def surname_at(self, text: str, i: int) -> int:
        """Length (2 for a compound surname, 1, or 0 if none) of a surname starting at ``text[i]``:
        a common surname, or a character often starting training-data names (count >= 3 and
        at least 1% of its occurrences)."""
        if text[i:i + 2] in COMPOUND_SURNAMES:
            return 2
        ch = text[i:i + 1]
        if not ch:
            return 0
        if ch in COMMON_SURNAMES:
            return 1
        n = self.surnames.get(ch, 0)
        return 1 if n >= 3 and n >= 0.01 * self.chars.get(ch, 0) else 0

    def given_score(self, ch: str) -> float:
        """How typical ``ch`` is as a given-name character (share of its occurrences inside names)."""
        return self.given.get(ch, 0) / (self.chars.get(ch, 0) + 5.0)


# common Chinese surnames (general knowledge, roughly by frequency)
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼满闻厉伊仝郜阚权帅屠朴盖练廉禹"
    "祖漆巴丰支卿狄计索宣晋敬扈晁芮阙浦戈伏鹿薄邸雍辜羊裘亓修邰赫杭况宿逯隆茹诸慕危亢嵇湛宾戎勾茅於"
    "揭尉檀昝幸奉植衡尧言旷傅阎凤")
COMPOUND_SURNAMES = frozenset(("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
                               "夏侯", "长孙", "宇文", "司徒", "端木", "轩辕", "申屠", "澹台", "独孤", "南宫"))


@snapshot("name_stats", lambda: [NAMES_FILE])
def name_stats() -> NameStats:
    """Surname and given-name statistics (built once per process)."""
    tables: dict[str, dict[str, int]] = {"surname": {}, "given": {}, "char": {}}
    for line in _read_gz_lines(NAMES_FILE):
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) == 3 and parts[0] in tables:
            tables[parts[0]][parts[1]] = int(parts[2])
    return NameStats(tables["surname"], tables["given"], tables["char"])


def _jionlp_dict_lines(name: str) -> tuple[str, ...]:
    """Lines of a jionlp dictionary file (``name.txt``, or inside ``name.zip`` if not unpacked)."""
    return dictionary_lines(name)


@snapshot("char_info", lambda: [dictionary_source("chinese_char_dictionary")])
def char_info() -> dict[str, tuple[str, frozenset[str]]]:
    """Per character: (toneless pinyin readings joined by '|', its components incl. radical)."""
    out: dict[str, tuple[str, frozenset[str]]] = {}
    table = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm")
    for line in _jionlp_dict_lines("chinese_char_dictionary"):
        parts = line.split("\t")
        if len(parts) < 8 or len(parts[0]) != 1:
            continue
        ch, radical, comps, gloss = parts[0], parts[1], parts[4], parts[7]
        readings = []
        pos = 0
        while True:
            a = gloss.find("[", pos)
            b = gloss.find("]", a + 1)
            if a < 0 or b < 0:
                break
            readings.append(gloss[a + 1:b].translate(table).strip())
            pos = b + 1
        out[ch] = ("|".join(sorted({r for r in readings if r})),
                   frozenset(c for c in (radical + comps) if c != ch))
    return out


@snapshot("common_words", lambda: [dictionary_source("chinese_word_dictionary")])
def common_words() -> frozenset[str]:
    """jionlp's general word list (a segmentation signal for boundaries)."""
    return frozenset(w for w in (ln.split("\t", 1)[0] for ln in _jionlp_dict_lines("chinese_word_dictionary"))
                     if w)


@snapshot("frequent_words", lambda: [WORDS_FILE])
def frequent_words() -> frozenset[str]:
    """Frequent 2-4 character words (a segmentation signal: a name does not start inside one)."""
    return frozenset(ln for ln in _read_gz_lines(WORDS_FILE) if ln and not ln.startswith("#"))
