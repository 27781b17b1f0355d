"""Stated quantities (metrics) in article bodies: numerals, measure words, bounds, ranges.

Public API: :func:`extract_metrics` and :func:`parse_chinese_number`.

A metric is ``[qualifier] number [多/余/来] [multiplier] unit [qualifier]``, e.g. ``近300万元``,
``1100余户``, ``4000人次以上``, ``2至3次``, ``五六桌``, ``百分之三十``. ``value`` has 万/亿/千
applied (``近300万元`` → 3000000, unit ``元``); ranges give ``value``/``value_high``
(``2至3次``, ``2-3万元``, adjacent Chinese digits ``五六桌``, ``三五个``, ``七八十公里``).
Rules (linguistic signals, no per-page answers):

* A measure word from :data:`UNITS` must follow the number; bare numbers, ``N大`` (``六大街区``),
  ``11000多居民`` (no measure word), list markers and codes are not metrics. ``个`` before a
  time/ratio word is folded into it (``近一个月`` → unit ``月``, ``两个小时`` → ``小时``,
  ``3个百分点`` → ``百分点``, ``三个季度`` → ``季度``); a bare ``月``/``日``/``号``/``时``/``点``/
  ``季度`` after a number is a date, clock time or period name (``三季度`` = Q3), never a unit.
* Dates: a 3–4 digit Arabic integer in 1000–2100 (or Chinese digits read one by one, ``二〇一八``)
  before ``年`` is a year, unless a bound word says otherwise (``近2000年``); year ranges too;
  ``年代``/``年度``/``年级``/``周年`` are not units.
* Ordinals and names: ``第``/``首`` before the number (also ``第九、十位``, ``第\n三方``), numbers
  glued to ``+``, ASCII letters (``3D``, ``G60``), ``.``/``:``/``/``/``-`` between digits (phones,
  versions, dates), a unit followed by a code-like number (``10栋202``), ``N届`` before
  ``中央``/``全国``/another numeral (``十九届四中全会``), a unit + ``级`` (``58公斤级``), short quoted
  names (``“四字诀”``, ``“三年行动计划”``) and ``二`` alone (counts say ``两``; ``二类`` = class II).
* Chinese numerals must start with a digit or ``十`` (``万家``, ``百年``, ``千亿`` are words) unless a
  qualifier comes first (``逾万人次``, ``上千名``, ``近百名``); vague numerals (``几``, ``数``,
  ``若干``, ``十几``) are skipped; so are a lone financial numeral (``队伍``, ``收拾``), a lone
  ``零`` (``零部件``), idioms containing numerals (jionlp's idiom list, read from the installed
  package) and a few lexicalised words (``四处``, ``四周``, ``十字``).
* A bare ``一`` + measure word with no multiplier, bound or range is an article (``一个``, ``一场``,
  ``一名``, ``一批``) and is skipped, except a time word after 为期/历时/用了/整整 … or before
  后/内/时间 (``为期一个月``, ``一周后``); ``近一个月``, ``一万元``, ``一年多``, ``一年半`` are kept.
* Bounds: ``about`` 约/大约/约合/约有/左右/上下/来/许; ``over`` 余/多/逾/超/超过/以上/突破/过/
  有余/开外/至少/上(千); ``under`` 近/将近/不到/不足/以下/以内/不超过/不出. The qualifier is part of the
  surface. ``过`` after a verb (``去过3次``) or before a time (``过两年``) is not a bound, nor is
  ``近`` in ``最近``, ``约`` in ``签约``.
* ``零下5℃``/``-5℃`` give negative temperatures; ``三点五``/``1·9万`` are decimals.
* ``subject`` is a short Han run right after the unit (``1100余户居民`` → ``居民``), or None.
* ``sentence`` is the text between sentence terminators (。！？；!?; and newlines) around the metric.
"""
from __future__ import annotations

import bisect
import contextlib
import dataclasses
import itertools
import math
import re

from pipeline.text.charstats import load, load_words
from pipeline.text.gazetteer import COMMON_SURNAMES
from pipeline.text.jionlp_data import dictionary_lines, dictionary_source, pos_words
from pipeline.text.model import Metric
from pipeline.text.snapshot import snapshot

__all__ = ["UNITS", "extract_metrics", "parse_chinese_number"]

# ---------------------------------------------------------------------------------------------
# numerals

_CN_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_FW_TABLE = str.maketrans("０１２３４５６７８９．，·", "0123456789.,.")
_ARABIC_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_THOUSANDS_RE = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
_MAX_RUN = 24


def _to_float(s: str) -> float | None:
    try:
        v = float(s)
    except (ValueError, OverflowError):
        return None
    return v if math.isfinite(v) else None


def parse_chinese_number(s: str) -> float | None:
    """Value of a numeral written with Chinese and/or Arabic digits, or None if it is not one.

    Handles ``三万``, ``一百零五``, ``两千``, ``一万五`` (=15000), ``300万``, ``1.5亿``,
    ``2亿3000万``, ``二〇一八`` (digit by digit), ``三点五``, full-width ``１２３``, ``1,572``.
    """
    if not isinstance(s, str):
        return None
    s = s.strip().translate(_FW_TABLE)
    if not s or len(s) > 64:
        return None
    if "点" in s:  # Chinese decimal point: 三点五
        head, _, tail = s.partition("点")
        whole = parse_chinese_number(head) if head else None
        if whole is None or not tail or any(c not in _CN_DIGITS and not c.isascii() for c in tail):
            return None
        frac = "".join(str(_CN_DIGITS[c]) if c in _CN_DIGITS else c for c in tail)
        if not frac.isdigit():
            return None
        return _to_float(f"{int(whole)}.{frac}") if whole == int(whole) else None
    s = _THOUSANDS_RE.sub("", s)
    total = 0.0  # 亿 level
    wan = 0.0  # 万 level
    section = 0.0  # below 万
    num: float | None = None
    last_mult = 0
    prev_kind = ""  # "digit", "arabic", "small", "big"
    ndigits_after_mult = 0
    i, n = 0, len(s)
    seen = False
    while i < n:
        c = s[i]
        if c.isascii() and c.isdigit():
            m = _ARABIC_RE.match(s, i)
            if m is None or prev_kind in ("digit", "arabic"):
                return None
            num = _to_float(m.group())
            if num is None:
                return None
            i = m.end()
            prev_kind = "arabic"
            seen = True
            ndigits_after_mult = 2  # never treat as an elided unit
            continue
        if c in _CN_DIGITS:
            d = _CN_DIGITS[c]
            if prev_kind == "digit" and num is not None:
                num = num * 10 + d  # digit-by-digit reading (二〇一八)
            elif prev_kind == "arabic":
                return None
            else:
                num = float(d)
            prev_kind = "digit"
            ndigits_after_mult += 1
            seen = True
        elif c in _CN_SMALL:
            mult = _CN_SMALL[c]
            section += (1.0 if num is None else num) * mult
            num = None
            last_mult = mult
            prev_kind = "small"
            ndigits_after_mult = 0
            seen = True
        elif c in _CN_BIG:
            mult = _CN_BIG[c]
            if num is None and section == 0 and wan == 0 and total == 0 and not seen:
                section = 1.0  # a leading 万/亿 means one of it
            chunk = section + (num or 0.0)
            if mult == 10_000:
                wan = (wan + chunk) * mult if wan and chunk == 0 else wan + chunk * mult
            else:
                total = (total + wan + chunk) * mult
                wan = 0.0
            section = 0.0
            num = None
            last_mult = mult
            prev_kind = "big"
            ndigits_after_mult = 0
            seen = True
        else:
            return None
        i += 1
    if not seen:
        return None
    if num is not None and prev_kind == "digit" and ndigits_after_mult == 1 and last_mult >= 100:
        # elided lower unit: 一万五 = 15000, 两千五 = 2500, 一百五 = 150 (not after 零)
        num *= last_mult / 10
    value = total + wan + section + (num or 0.0)
    return value if math.isfinite(value) else None


# ---------------------------------------------------------------------------------------------
# measure words

_UNIT_GROUPS = {
    "money": "元 美元 欧元 日元 英镑 港元 港币 人民币 块钱 元钱 角",
    "people": "人 人次 名 位 户 户次 口人 家庭 件次 艘次 台次 批次 车辆次 家次 所次",
    "count": (
        "个 家 所 栋 幢 座 间 套 辆 台 部 架 架次 艘 条 项 件 批 次 场 场次 轮 支 只 头 匹 棵 株 朵 本 册"
        " 篇 首 幅 张 份 封 盏 根 块 片 处 对 双 副 组 队 班 桌 袋 箱 瓶 包 盒 罐 桶 杯 碗 餐 顿 趟 遍"
        " 回 起 宗 例 种 类 款 样 节 堂 笔 单 枚 颗 粒 代 辈 届 届次 车次 班次 床 字 页 段 句 章 集 卷"
        " 票 分队 道 层 圈 门 蔸 口"
    ),
    "time": "年 月 天 日 小时 分钟 秒 周 星期 工作日 昼夜 晚 季度 学期 岁 周岁",
    "measure": (
        "公里 千米 米 厘米 毫米 微米 微克 平方米 平方公里 平方千米 平米 亩 公顷 立方米 吨 公斤 千克 克 斤 毫克"
        " 升 毫升 度 摄氏度 ℃ 千瓦 千瓦时 兆瓦 瓦 千伏 伏特 马力 分贝 标箱"
    ),
    "ratio": "% ％ ‰ 倍 成 百分点",
}
# words a measure word must not be read as (longest match wins, then the candidate is dropped)
_NOT_UNITS = ("年代", "年度", "年级", "年份", "周年", "周边", "个别", "个体", "度假", "天然", "场所",
              "月份", "日报", "次日", "方面", "方案", "方式", "方向", "方法", "方便", "条件", "项目", "部门", "单元", "轮车", "轮驱", "升至", "升到", "升为", "升高", "升级", "升值", "升温", "升格",
              "部分", "批评", "批准", "起来", "起步", "起点", "张贴", "本地", "本人", "本部", "人民", "人口",
              "人员", "人才", "人士", "元素", "台阶", "台湾", "道路", "代表", "单位", "处理", "家庭户",
              "门口", "门诊", "门票", "门店", "门户", "门槛", "门面", "门类", "门卫", "门窗", "门牌")
_UNIT_ONLY_AFTER_GE = {"月", "小时", "星期", "工作日", "季度", "百分点", "学期"}  # need 个 before them…
_UNIT_OK_BARE = {"小时", "星期", "工作日", "百分点", "学期"}  # …except these may also stand alone
_TIME_UNITS = {"年", "月", "天", "小时", "分钟", "秒", "周", "星期", "工作日", "昼夜", "晚", "季度", "学期"}
_DROP_UNITS = {"日"}  # N日 is a date
TIME_UNITS = frozenset(_TIME_UNITS | _DROP_UNITS)  # for callers: units that count time or name a date
_DIGITS_ONLY_UNITS = {"门", "口"}  # 48门 (courses), but 五花八门, 一门心思, 三门镇 are no figures; 近3000口山塘, not 老两口
_UNIT_CANON = {"％": "%", "块钱": "元", "元钱": "元", "平米": "平方米", "口人": "人"}

UNITS: frozenset[str] = frozenset(w for g in _UNIT_GROUPS.values() for w in g.split()) - _DROP_UNITS
_MULT_PREFIX_UNITS = frozenset(u for u in UNITS if u[0] in "千百万")  # 千米, 千瓦, 百分点 …


def _build_index(words) -> dict[str, list[str]]:
    idx: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        idx.setdefault(w[0], []).append(w)
    for v in idx.values():
        v.sort(key=lambda w: (-len(w), w))
    return idx


_UNIT_INDEX = _build_index(UNITS)
_NOT_UNIT_INDEX = _build_index(_NOT_UNITS)


def _match_unit(body: str, i: int) -> str | None:
    """Longest measure word at ``i`` (None if none, or if a non-unit word starts there)."""
    if i >= len(body):
        return None
    c = body[i]
    for w in _NOT_UNIT_INDEX.get(c, ()):
        if body.startswith(w, i):
            return None
    for w in _UNIT_INDEX.get(c, ()):
        if body.startswith(w, i):
            return w
    return None


# ---------------------------------------------------------------------------------------------
# idioms (from the installed jionlp package; no download)

_NUMERAL_CHARS = set(_CN_DIGITS) | set(_CN_SMALL) | set(_CN_BIG)


@snapshot("numeral_idioms", lambda: [dictionary_source("chinese_idiom")])
def _idioms() -> dict[int, frozenset[str]]:
    """Idioms containing a Chinese numeral, grouped by length (empty if jionlp is absent)."""
    found: dict[int, set[str]] = {}
    for line in dictionary_lines("chinese_idiom"):
        w = line.split("\t", 1)[0].strip()
        if 3 <= len(w) <= 8 and any(ch in _NUMERAL_CHARS for ch in w):
            found.setdefault(len(w), set()).add(w)
    return {k: frozenset(v) for k, v in found.items()}


def _in_idiom(body: str, start: int, end: int) -> bool:
    for length, words in _idioms().items():
        lo = max(0, end - length)
        hi = min(start, len(body) - length)
        for s in range(lo, hi + 1):
            if body[s:s + length] in words:
                return True
    return False


# ---------------------------------------------------------------------------------------------
# extraction

_CN_NUM_CLASS = "〇零○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億"
_RUN = (rf"(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+(?![0-9０-９])(?:[.．][0-9]+)?|[0-9０-９]+(?:[.．·][0-9０-９]+)?|[{_CN_NUM_CLASS}])+")
_RUN_RE = re.compile(_RUN)
_CAND_RE = re.compile(rf"百分之|千分之|{_RUN}")
_CONNECT_RE = re.compile(r"[ \u3000]?(?:至|到|-|－|—|–|~|～)[ \u3000]?")
_BIG_START = set("百千万亿佰仟萬億")
_SIMPLE_DIGITS = set(_CN_DIGITS) - {"〇", "零", "○"}
_VAGUE = set("几数若")

_PREFIXES: tuple[tuple[str, str], ...] = tuple(sorted([
    ("将近", "under"), ("接近", "under"), ("不到", "under"), ("不足", "under"), ("不超过", "under"),
    ("不出", "under"), ("最多", "under"), ("至多", "under"), ("未满", "under"), ("近", "under"),
    ("约合", "about"), ("大约", "about"), ("大概", "about"), ("约有", "about"), ("大约有", "about"),
    ("约", "about"),
    ("超过", "over"), ("逾", "over"), ("突破", "over"), ("超", "over"), ("过", "over"), ("至少", "over"),
    ("不少于", "over"), ("不低于", "over"), ("多于", "over"), ("高于", "over"),
], key=lambda p: (-len(p[0]), p[0])))
# characters that make the qualifier part of another word (最近, 签约, 通过, 赶超 …)
_PREFIX_BLOCK = {
    "近": set("最附邻靠亲就远贴走逼临将接"),
    "约": set("签制节预相公合违履特邀条婚集守赴毁失践誓契盟和解聘立大简"),
    "过": set("通经不度走看去来到做有用试越跨错闯渡熬听见遇超办当住待穿路闪跳错挺撑说想"),
    "超": set("赶高"),
}
_OVER_AFTER_NOUN = set("收额值量产模资数入元量率")
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("以上", "over"), ("以下", "under"), ("以内", "under"), ("左右", "about"), ("上下", "about"),
    ("有余", "over"), ("开外", "over"), ("之多", "exact"),
)
_QUOTED_TERM_RE = re.compile(r"[“\"]([\u4e00-\u9fff]{2,8})[”\"]")
_AGE_END_RE = re.compile(r"岁(?:开外|以上|左右|上下)?$")  # 32岁的, 五十岁开外的 (a person may follow)
_QUOTES_OPEN = set("“\"「『‘《【")
_QUOTES_CLOSE = set("”\"」』’》】")
_SENT_END_RE = re.compile("[。！？!?；;\n]")
_SUBJECT_STOP = set(
    "的地得在是和与及等参进对从到被把将了着过也都已就还又共为给向中内上下里达以由均每各该其这那有并而或但于"
    "让使啊呢吧吗来去后前时再后成即未尽仍曾正需提强之"
)
_ORDINAL_BEFORE = frozenset("第首+＋")
_CODE_SEP = frozenset(".．:：/／-－_#")
_BAD_AFTER_NUM = frozenset("+＋:：")
_DOTS = frozenset(".．·")
_DASHES = frozenset("-－")
_YEAR_WORD_END = frozenset("代度级")
_POST_APPROX = frozenset("多余半")
_CN_DECIMAL_RE = re.compile("[〇零○一二三四五六七八九]+")
_NOT_AFTER_DECIMAL = frozenset("十百千分刻")
_FINANCIAL = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")
# lexicalised numeral + measure-word words that are not quantities
_FIXED_WORDS = frozenset(["四处", "四周", "十字", "三角", "八角", "六角", "四角", "两头", "三包", "四起"])
_ENUM_SEP = frozenset("、和及至到")
_TERM_NAME_WORDS = ("中央", "全国", "人大", "政协", "代表", "委员", "全会", "中全会", "党代会", "运动会", "亚运",
                    "奥运", "世界", "年会", "论坛", "博览会")
_TEMPERATURE_UNITS = frozenset(["℃", "摄氏度"])
_MINUS = frozenset("-－−")
_DURATION_AFTER = ("后", "之后", "以后", "之内", "以内", "内", "时间", "之久")
_SHANG_BLOCK = frozenset("以之桌身台路线街")
_DURATION_CUES = ("为期", "历时", "持续", "用了", "花了", "耗时", "长达", "仅用", "只用", "整整", "需要", "坚持了")
_HALF_MORE = frozenset("半多")
_BIG_AFTER = frozenset("万亿")
_SUBJECT_SOFT_STOP = frozenset("拖欠闯攥参举获占增减降签捐送卖买投跑拍堪称述办搞辖组所不")
_CODE_CHAR = re.compile(r"[A-Za-z0-9０-９Ａ-Ｚａ-ｚ]")


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def _split_range(run: str) -> tuple[str, str] | None:
    """``五六`` → (``五``, ``六``); ``二三十`` → (``二十``, ``三十``); None if no adjacent-digit range.

    Only one pair of adjacent digits may occur, and no third digit next to it (二〇二三 is a year).
    """
    if _digit_pairs(run) != 1:
        return None
    for k in range(len(run) - 1):
        a, b = run[k], run[k + 1]
        if a in _SIMPLE_DIGITS and b in _SIMPLE_DIGITS:
            da, db = _CN_DIGITS[a], _CN_DIGITS[b]
            if db == da + 1 or (da, db) == (3, 5):
                return run[:k] + a + run[k + 2:], run[:k] + b + run[k + 2:]
            return None
    return None


def _digit_pairs(run: str) -> int:
    """Adjacent Chinese digit pairs, not counting a placeholder 零 after a multiplier (一百零五)."""
    count = 0
    for k, (a, b) in enumerate(itertools.pairwise(run)):
        if a in _CN_DIGITS and b in _CN_DIGITS:
            if _CN_DIGITS[a] == 0 and k > 0 and (run[k - 1] in _CN_SMALL or run[k - 1] in _CN_BIG):
                continue
            count += 1
    return count


def _has_digit_sequence(run: str) -> bool:
    """Chinese digits written one by one (二〇一八, 一一): a code/year, not a quantity."""
    return _digit_pairs(run) > 0


class _Num:
    __slots__ = ("bare_one", "bound", "chinese", "end", "high", "mult", "start", "value", "year_like")

    def __init__(self) -> None:
        self.value = 0.0
        self.high: float | None = None
        self.start = 0
        self.end = 0
        self.bound = "exact"
        self.chinese = False
        self.bare_one = False
        self.mult = 1.0
        self.year_like = False


def _trailing_mult(run: str) -> float:
    """Product of the multipliers closing a numeral (300万 → 1e4, 2千万 → 1e7, 三十 → 1)."""
    mult = 1.0
    for c in reversed(run):
        if c in _CN_BIG:
            mult *= _CN_BIG[c]
        elif c in "千仟":
            mult *= 1000
        elif c in "百佰":
            mult *= 100
        else:
            break
    return mult


def _read_number(body: str, i: int, big_start: bool = False) -> _Num | None:
    """Read one numeral (with 多/余/来 and trailing multipliers) starting at ``i``.

    A numeral may start with 百/千/万/亿 only when ``big_start`` (after 逾/近/上 …: ``逾万人``).
    """
    m = _RUN_RE.match(body, i)
    if m is None:
        return None
    run = m.group()
    end = m.end()
    if len(run) > _MAX_RUN or (run[0] in _BIG_START and not big_start):
        return None
    # a multiplier that belongs to a unit: 五千米, 3千瓦
    if len(run) > 1 and run[-1] in "千百万":
        for u in _MULT_PREFIX_UNITS:
            if body.startswith(u, end - 1):
                run = run[:-1]
                end -= 1
                break
    if len(run) == 1 and (run in _FINANCIAL or run in "二零〇○"):
        return None  # 伍/陆/拾 alone are words (队伍, 收拾); counts say 两, not 二 (二类 = class II)
    norm = run.translate(_FW_TABLE)
    has_arabic = any(c.isascii() and c.isdigit() for c in norm)
    if not has_arabic and end + 1 < len(body) and body[end] == "点":
        d = _CN_DECIMAL_RE.match(body, end + 1)
        if d is not None and (d.end() >= len(body) or body[d.end()] not in _NOT_AFTER_DECIMAL):
            frac = parse_chinese_number(norm + "点" + d.group())
            if frac is not None and parse_chinese_number(norm) is not None:
                num = _Num()
                num.start, num.chinese, num.value, num.end = i, True, frac, d.end()
                if num.end < len(body) and body[num.end] in _CN_BIG:  # 一点二亿
                    num.value *= _CN_BIG[body[num.end]]
                    num.mult = _CN_BIG[body[num.end]]
                    num.end += 1
                return num
    num = _Num()
    num.start, num.chinese = i, not has_arabic
    lo_s = hi_s = norm
    if not has_arabic:
        rng = _split_range(norm)
        if rng is not None:
            lo_s, hi_s = rng
        elif _has_digit_sequence(norm):
            return None
    lo = parse_chinese_number(lo_s)
    hi = parse_chinese_number(hi_s) if hi_s != lo_s else None
    if lo is None:
        return None
    mult = _trailing_mult(norm)
    # 30多万, 500余万, 三万多, 十来个
    if end < len(body) and body[end] in "多余来":
        approx = body[end] == "来"
        if not approx or norm[-1] in "0十拾百千万":
            j = end + 1
            k = j
            while k < len(body) and body[k] in "万亿萬億" and k - j < 2:
                k += 1
            extra = 1.0
            for c in body[j:k]:
                extra *= _CN_BIG[c]
            lo *= extra
            hi = hi * extra if hi is not None else None
            mult *= extra
            num.bound = "about" if approx else "over"
            end = k
    num.value, num.high, num.end, num.mult = lo, hi, end, mult
    num.bare_one = norm in ("一", "壹") and num.bound == "exact"
    num.year_like = has_arabic and norm.isdigit() and 3 <= len(norm) <= 4 and 1000 <= lo <= 2100
    return num


def _prefix(body: str, i: int, has_big_mult: bool) -> tuple[int, str]:
    """Start and bound of a qualifier word right before position ``i``."""
    for word, bound in _PREFIXES:
        s = i - len(word)
        if s < 0 or not body.startswith(word, s):
            continue
        before = body[s - 1] if s > 0 else ""
        block = _PREFIX_BLOCK.get(word)
        if block and before in block:
            continue
        if word == "过" and before and _is_han(before) and before not in _OVER_AFTER_NOUN and not has_big_mult:
            continue
        if before == "第":
            continue
        return s, bound
    return i, "exact"


def _char_before_space(body: str, i: int) -> str:
    """The first non-whitespace character before ``i`` (looking back at most 8 characters)."""
    k = i - 1
    while k >= 0 and i - k <= 8 and body[k].isspace():
        k -= 1
    return body[k] if k >= 0 and not body[k].isspace() else ""


def _enumerated_ordinal(body: str, sep: int) -> bool:
    """True if ``body[sep]`` (、/和) follows ``第`` + numeral: the next number is an ordinal too."""
    k = sep - 1
    while k >= 0 and sep - k <= 8 and body[k] in _NUMERAL_CHARS:
        k -= 1
    return k < sep - 1 and k >= 0 and body[k] == "第"


def _starts_quantity(body: str, i: int) -> bool:
    """True if a number + (多/余) + measure word starts at ``i`` (4组10余个), not a code (10栋202室)."""
    m = _RUN_RE.match(body, i)
    if m is None:
        return False
    j = m.end()
    if j < len(body) and body[j] in _POST_APPROX:
        j += 1
    return _match_unit(body, j) is not None


def _after_duration_cue(body: str, i: int) -> bool:
    """True after 为期/历时/用了 …: 为期一个月 is a duration, not an article."""
    return any(body.startswith(c, i - len(c)) for c in _DURATION_CUES if i >= len(c))


def _big_start_ok(body: str, i: int) -> bool:
    """``万人``/``千名`` count as 10000/1000 only after a qualifier: 逾万人, 上千名, 近万元."""
    if i == 0:
        return False
    if body[i - 1] == "上" and (i < 2 or body[i - 2] not in _SHANG_BLOCK):
        return True
    return _prefix(body, i, True)[0] < i


def _quoted_name(body: str, s: int, e: int) -> bool:
    """True for a number opening a short quoted name: “四字诀”, “三年行动计划”, “15分钟健康服务圈”, 《2049》."""
    if s == 0 or body[s - 1] not in _QUOTES_OPEN or any(w in body[s:e] for w, _ in _SUFFIXES):
        return False  # (“65岁以上老年人体检”: a bound says a quantity, not a name)
    for k in range(e, min(len(body), s + 12)):
        ch = body[k]
        if ch in _QUOTES_CLOSE:
            return True
        if ch in "，,。；;！？!?、\n":
            return False
    return False


# single characters that end a counted noun (污水处理站, 住宅楼, 服务点)
_NOUN_TAILS = frozenset("站楼所点处室场馆院校园厂店户人员工者生民家队组村区街路桥房屋间座台车款费金亭线库池井箱厕班棚桩")


def _takes_aspect(word: str) -> bool:
    """A word the training text often follows with an aspect particle (实施了, 开展了, 完成了): a
    verb, whatever the dictionaries say; nouns almost never take one (队伍, 设施, 岗位)."""
    stats = load()
    if len(word) == 4:
        word = word[:2]  # 开展活动: a verb and its object
    n = stats.bi.get(word, 0) if len(word) == 2 else 0
    return n >= 20 and sum(stats.tri.get(word + p, 0) for p in "了着过") >= 0.03 * n


def _stop_in_word(pair: str, words) -> bool:
    """A stop char that ends a dictionary word with the char before it (公共, 普及, 反对) does not
    stop a subject; particles (加了, 坐在) still do."""
    return pair in words and pair[-1] not in "了着过的得在是有中上下内外"


def _opens_compound(body: str, k: int, words) -> bool:
    """A stop char opening a noun (进球) or a word that modifies the noun after it (就业|岗位, 在校|学生)
    starts a subject."""
    w = body[k:k + 2]
    return w in pos_words(("n",), 0.9) or (
        w in words and w not in pos_words(_NOT_SUBJECT_POS, 0.3) and body[k + 2:k + 4] in pos_words(("n",), 0.9))


def _word_not_numeral(run: list[str], c: str) -> bool:
    """A formal numeral char that ends a word with the char before it (队伍, 入伍) is no numeral."""
    return c in _FINANCIAL and bool(run) and run[-1] + c in load_words()


def _numeral_word(body: str, k: int) -> bool:
    """A digit char opening a noun or a class word (一线, 一等奖, 二级, 一流) rather than a number."""
    return body[k] in "一二三" and (body[k:k + 2] in pos_words(("a", "b"), 0.5)
                                    or any(body[k:k + n] in pos_words(("n",), 0.9) for n in (2, 3)))


def _subject(body: str, i: int) -> str | None:
    """What is counted: up to six Han characters of whole dictionary words right after the unit,
    past one ``的`` (``1100余户居民`` → 居民, ``4万元的慰问资金`` → 慰问资金).

    The run stops at punctuation, particles and numerals; it is cut into words by forward maximum
    matching (jionlp's word list), and never ends inside a word (``社区所辖`` → 社区). After two
    characters it also stops at a word that usually starts a verb (``居民拖欠`` → 居民), and at any
    word that jiojio's dictionary gives as a verb (``支流开展`` → 支流).
    """
    k = k0 = i + 1 if body[i:i + 1] == "的" else i
    quoted = _QUOTED_TERM_RE.match(body, k0)
    if quoted and not _is_han(body[quoted.end():quoted.end() + 1]):
        return quoted.group(1)  # 12名“森林讲解员”: a quoted term is what is counted (not 3支“红马甲”志愿队)
    words = load_words()
    run: list[str] = []
    while k < len(body) and len(run) < 8:
        c = body[k]
        if not _is_han(c) or (c in _SUBJECT_STOP and not (run and (_stop_in_word(run[-1] + c, words)
                                                                   or body[k:k + 2] in pos_words(("n",), 0.9)))
                              and not (not run and _opens_compound(body, k, words))) \
                or (c in _NUMERAL_CHARS and not _word_not_numeral(run, c)
                    and not (not run and c == "零" and body[k:k + 2] in pos_words(("n",), 0.9))
                    and not (not run and _numeral_word(body, k))):
            break  # (公共厕所: 共 ends the word 公共; 零件 is no zero; 2家二级医院)
        run.append(c)
        k += 1
    text = "".join(run)
    if not text:
        return None
    closed = k >= len(body) or not _is_han(body[k]) or body[k] in _SUBJECT_STOP  # not cut at its length cap
    if k0 > i and _AGE_END_RE.search(body, max(0, i - 3), i):
        for p in range(7):  # 32岁的何思敏; 68岁的居民刘建华, 82岁的独居老人罗承胜: the person, past who they are
            if _all_words(text[:p], words) and _three_char_name(text[p:p + 3], after_age=True, body=body):
                return text[p:p + 3]
        stats = load()
        for p in range(2, 7):  # 28岁的技术员邓佳说: a two-char name after who the person is, before a verb of saying
            name, after = text[p:p + 2], text[p + 2:p + 3]
            if len(name) == 2 and name[0] in COMMON_SURNAMES and stats.given_ratio(name[1]) >= 0.03 \
                    and (after in _SAYING or (not after and closed)) and _all_words(text[:p], words):
                return name
    verbs = pos_words(("v", "vi"))
    out = ""
    pos = n_words = 0
    while pos < len(text):
        w = next((text[pos:pos + n] for n in (4, 3, 2) if text[pos:pos + n] in words), text[pos])
        if pos == 0 and len(w) == 1 and _numeral_word(text, 0):
            w = next(text[:n] for n in (3, 2) if text[:n] in pos_words(("n",), 0.9) or n == 2)  # 二级|医院
        if len(w) == 1 and w in "小大新老" and out:
            w += next((text[pos + 1:pos + 1 + n] for n in (4, 3, 2) if text[pos + 1:pos + 1 + n] in words), "")
            w = w if len(w) > 1 else text[pos]  # 休闲小广场: 小 + a noun is one word here
        if len(out) >= 2 and w[0] in _SUBJECT_SOFT_STOP:
            break
        if len(w) >= 2 and (w in verbs or _change_verb(w) or (out and (w in pos_words(("t",), 0.5) or _takes_aspect(w)))):
            break  # 5条支流开展生态修复 → 支流; 18℃降至5℃: 降至, 增至, 达到 are verbs of change
        if out and len(w) >= 2 and (w in pos_words(_AFTER_NOUN_POS, 0.5) or (len(w) == 2 and w[1] == "均")):
            break  # 12款产品全部实现: a quantity word or adverb after the noun; 186户农户户均增收: per household
        if len(out) + len(w) > (8 if len(w) >= 2 and (w[-1] in _NOUN_TAILS or (
                w[-2:] in pos_words(("n",), 0.9) and pos + len(w) == len(text) and closed)) else 6):
            break  # (居家养老服务站: a long name ending in a noun tail may take eight, and one ending in a noun
            # that closes the run: 社区卫生服务中心)
        if len(w) == 1 and out and (w not in _NOUN_TAILS or len(out) < 2) \
                and not (len(out) >= 2 and pos + 1 == len(text) and w not in _SUBJECT_STOP
                         and text[pos - 1:pos + 1] in words and body[k:k + 1] in "，。；、！？,;!?）)"):
            break  # a lone character after a word is the start of something else (所辖, 老百姓; not 高山|茶，
            # 医疗费|用；, where the char makes a word with the one before: 山茶, 费用)
        if n_words >= 2 and w[-1] not in _NOUN_TAILS and w not in pos_words(("n",), 0.9):
            break  # a third word must be or end like a noun (破产企业职工, 应急抢修队伍, not 单身职工建立)
        n_words += 1
        out += w
        pos += len(w)
    e = k0 + len(out)
    if len(out) >= 3 and out[-1] + body[e:e + 1] in verbs and out[-3:-1] in words and body[e:e + 2] not in words:
        out = out[:-1]  # 30余名农技专家组成的: 组 starts the verb 组成 (not 工作组成立, 医疗费用)
    if len(out) == 2 and len(text) >= 3 and _three_char_name(text[:3]):
        out = text[:3]  # 72岁的王桂英笑着说: a person, not the word 王桂
    if len(out) == 1 and (len(text) > 1 or body[k - 1:k + 1] in words or out not in _NOUN_TAILS):
        return None  # a single character cut from a longer word (车跑, 级比赛, 反|对派, 规|上) is not a subject
    if k0 == i and out == text and body[k:k + 1] == "的" and len(out) >= 4 \
            and any(out[p:p + 2] in verbs or _takes_aspect(out[p:p + 2]) for p in range(2, len(out) - 1)):
        after = _subject(body, k)  # 12项急需解决的问题: a clause before 的 describes what is counted, after it
        return after if after else out
    return out or None


def _all_words(text: str, words) -> bool:
    """``text`` is empty or cut into dictionary words of 2-4 chars by forward maximum matching, a
    noun tail allowed after a word (居民, 独居|老人, 志愿|讲解员, 种粮|户)."""
    i = 0
    while i < len(text):
        n = next((n for n in (4, 3, 2) if text[i:i + n] in words), 0)
        if not n and text[i] in "老小" and any(text[i + 1:i + 1 + m] in words for m in (2, 3)):
            n = 1  # 老|党员: an age prefix before a word
        if not n and i > 0 and text[i] in _NOUN_TAILS:
            n = 1  # 种粮|户: a word and a noun tail
        if not n:
            return False
        i += n
    return True


def _aged_person_before(body: str, start: int) -> str | None:
    """The person whose age this is, written before it: 汤国华今年66岁, 王桂英已经72岁, 刘春娥（58岁）."""
    m = re.search(r"([\u4e00-\u9fff]{3})(?:今年|已经|已|都|[（(])?$", body[max(0, start - 5):start])
    if m and _three_char_name(m.group(1), after_age=True, body=body):
        return m.group(1)
    # a two-char name after who the person is: 骑手王磊今年32岁, 村民李娟已经60岁
    m = re.search(r"([\u4e00-\u9fff]{2})([\u4e00-\u9fff]{2})(?:今年|已经|已|都)?$", body[max(0, start - 6):start])
    stats = load()
    if m and m.group(1) in pos_words(("n",), 0.5) and m.group(1)[-1] in _PERSON_NOUN_TAILS \
            and stats.surname_ratio(m.group(2)[0]) >= 0.3 and stats.given_ratio(m.group(2)[1]) >= 0.05:
        return m.group(2)
    return None


_SAYING = frozenset("说笑讲介表告坦感")  # chars opening a verb of saying after a name (说, 介绍, 表示, 告诉)
_PERSON_NOUN_TAILS = frozenset("手民员工师生者户主人长友")  # 骑手, 村民, 队员, 职工, 老师, 学生, 志愿者


def _three_char_name(text: str, after_age: bool = False, body: str = "") -> bool:
    """``text`` reads as a surname and a two-char given name (王桂英, 李建国) by the training text's
    name statistics; after an age (``32岁的``) a common surname will do (何 is mostly "what")."""
    stats = load()
    low = 0.02 if after_age else 0.05  # (after an age a person is expected: 刘建华, 罗承胜)
    if after_age and len(text) == 3 and text[0] in COMMON_SURNAMES and body.count(text) >= 2 \
            and all(_is_han(c) for c in text):
        return True  # 汤国华 named again in the article (国 alone is rarely a name's)
    g1, g2 = (stats.given_ratio(text[1]), stats.given_ratio(text[2])) if len(text) == 3 else (0.0, 0.0)
    return len(text) == 3 and (stats.surname_ratio(text[0]) >= 0.3 or (after_age and text[0] in COMMON_SURNAMES)) \
        and ((g1 >= low and g2 >= low) or (after_age and g1 >= 0.005 and g2 >= 0.1))  # (刘国华: 国 is rare alone)


# words right before a number that are not what it counts (verbs, time words, adverbs)
_NOT_SUBJECT_BEFORE = frozenset((
    "投入", "投资", "共计", "累计", "总计", "合计", "达到", "超过", "突破", "完成", "实现", "增加", "减少", "增长",
    "下降", "提高", "提升", "降低", "收集", "参与", "开展", "举办", "组织", "帮助", "救助", "发放", "筹集", "建成",
    "新建", "改造", "提供", "服务", "惠及", "覆盖", "涉及", "占比", "约有", "共有", "拥有", "只有", "还有", "已有",
    "新增", "设立", "设置", "建设", "打造", "吸引", "带动", "解决", "处理", "办理", "接待", "走访", "慰问", "培训",
    "招聘", "安置", "排查", "整改", "清理", "拆除", "签约", "引进", "捐赠", "捐助", "资助", "补贴", "奖励", "获得",
    "荣获", "相当于", "其中", "分别", "今年", "去年", "明年", "目前", "全年", "每年", "每月", "每天", "如今", "当天",
    "此外", "同时", "期间", "已经", "先后", "连续", "截至", "至今", "预计", "计划", "力争", "争取", "确保", "总共",
    "一共", "大约", "将近", "接近", "高达", "多达", "仅仅", "平均", "人均", "户均", "同比", "环比", "全市", "全区",
    "全省", "全国", "全县", "全镇", "全乡", "全村", "最高", "最低", "最多", "最少", "动员", "发动", "带领", "组建", "成立", "举行", "召开", "形成", "推出", "推动", "建立",
))


# jiojio parts of speech that never name what is counted: verbs, conjunctions, adverbs, prepositions,
# pronouns, numerals, measure words, particles, time and direction words (只要12元, 容纳80人)
_NOT_SUBJECT_POS = ("v", "vi", "c", "d", "ad", "p", "r", "m", "q", "u", "t", "f")
_AFTER_NOUN_POS = ("m", "d", "ad", "r", "p", "c", "u", "f")  # not the second word of a subject (产品|全部)
_MODIFIER_POS = ("n", "ns", "nz", "a", "an", "s")  # first words that make a noun compound (社区食堂, 从业人员)
_LEFT_STOP = frozenset(_SUBJECT_STOP) - frozenset("地得中内上下里成后前时")  # 耕地, 基地, 院内 end nouns


_MEASURE_NOUN_TAILS = frozenset("率量额值数价卡证票券册")  # 办结率, 销售额; items: 积分卡, 优惠券
_TOTAL_NOUNS = frozenset(("投资", "收入", "产值", "面积", "人口", "规模", "造价", "支出", "产量", "营收"))


# two-char verbs of change written before 到/至 and a number (提高到62%, 发展到2.8万亩)
_CHANGE_VERBS = frozenset(("提高", "提升", "发展", "增加", "增长", "扩大", "下降", "减少", "上升", "降低", "缩短",
                           "延长", "缩小", "压缩", "控制", "攀升", "跃升", "回落", "突破"))


_DIRECTIONAL = frozenset(a + b for a in "出进上下过回起" for b in "去来")


def _subject_before(body: str, start: int) -> str | None:
    """What is counted when nothing follows the unit: the word right before the number
    (``收集问题40余条`` → 问题, ``社区保洁员6人`` → 保洁员; the longest word, ``摄像头120余个`` →
    摄像头, but the object of a verb-object phrase, ``解决问题35项`` → 问题),
    unless it is a verb, a time word or an adverb."""
    table = start >= 2 and body[start - 1] == " " and _is_han(body[start - 2])
    if table:
        start -= 1  # a table row: 产业项目 62个 (the row's label, one column before)
    start0 = start
    at = start - 1 if start >= 3 and body[start - 1] == "了" and body[start - 2] in "到至" else start  # 提高到了62%
    changed = False  # a verb of change stands between the noun and the number
    if at >= 4 and body.startswith(("达到", "约为", "共计", "合计", "总计", "累计"), at - 2):
        start = at - 2  # 陶瓷产业总产值达到810亿元
    elif at > 0 and body[at - 1] in "达有共约为计" or (body[at - 1:at] == "在" and _noun_before(body, at - 1)):
        start = at - 1  # 参与群众达300余人, 转移的群众在2000人上下 (not 控制在)
    elif at >= 3 and body[at - 1] in "到至" and (body[at - 3:at - 1] in _CHANGE_VERBS or body[at - 2] in "增降升提减扩"):
        # 首诊率提高到62%, 稻虾共作面积已发展到2.8万亩, 参与人数增至300人
        start, changed = at - (3 if body[at - 3:at - 1] in _CHANGE_VERBS else 2), True
    if changed and re.search(r"[0-9０-９]", body[max(0, start - 5):start]):
        return None  # 人均收入从1万元提高到2万元: the amount it changed from stands there, not a noun
    if start < start0 and start >= 2 and body.startswith(("已经", "逐步"), start - 2):
        start -= 2  # 面积已经发展到
    else:
        for _ in range(2):  # 综合产值可达12亿元, 亩产只有880斤, 年产能将达到2万吨, 覆盖率均已达到100%
            if start < start0 and start > 0 and body[start - 1] in "可将已均只还仅才也再":
                start -= 1
    if start < start0 and start >= 2 and body.startswith(("预计", "有望", "可望", "将会"), start - 2):
        start -= 2  # 平均亩产预计达550公斤, 全年产值有望达到12亿元
    words = load_words()
    k = start
    while k > 0 and start - k < 8 and _is_han(body[k - 1]) \
            and (body[k - 1] not in _LEFT_STOP or _stop_in_word(body[k - 2:k], words)
                 or (k + 1 < start and body[k - 1:k + 1] in words)
                 or (k >= 2 and k + 1 <= start and body[k - 2:k + 1] in words)):
        # (普及率: 及 ends 普及; 参与率: 参 starts 参与 inside the run, not 过去|5年; 保有量: 有 inside it)
        k -= 1
    run = body[k:start]
    if len(run) < 2:
        return None
    if table and (k == 0 or body[k - 1] in " \n") and len(run) <= 8 and run[-1] not in _SUBJECT_SOFT_STOP:
        return run  # 地区生产总值 386.2亿元: the whole label cell of the row
    nouns = pos_words(("n",), 0.5)  # (jiojio's nouns hold words jionlp's list lacks: 民宿)
    word = next((run[-n:] for n in (4, 3, 2) if len(run) >= n and (run[-n:] in words or run[-n:] in nouns)), None)
    if start < start0 and word and len(word) == 2 and len(run) >= 4 and word not in pos_words(("n",), 0.5) \
            and word[-1] not in _NOUN_TAILS and run[-4:-2] in pos_words(("n",), 0.5):
        run = run[:-2]
        word = run[-2:]  # 线路票价统一为1元: the noun before the adverb of 统一为
    if word and len(word) == 4 and word[:2] in words and word[2:] in words \
            and word[:2] not in pos_words(_MODIFIER_POS, 0.5):
        word = word[2:]  # a verb-object phrase counts its object: 解决问题 → 问题 (社区食堂 stays)
    elif word and len(word) == 2 and len(run) >= 4 and run[-4:-2] in words and word in pos_words(("n",), 0.5) \
            and run[-4:-2] in pos_words(_MODIFIER_POS, 0.5) and run[-4:-2] not in _NOT_SUBJECT_BEFORE:
        word = run[-4:]  # a noun compound of two words: 新建社区食堂15家 → 社区食堂
    if (word is None or len(word) < 3) and len(run) >= 3 and run[-1] in _MEASURE_NOUN_TAILS \
            and (run[-3:-1] in words or run[-3:-1] in nouns) and (run[-3:-1] not in _NOT_SUBJECT_BEFORE or run[-1] in "率额量值"):
        word = run[-3:]  # a word and a one-char noun tail: 办结率达92.6% → 办结率, 积分卡1.2万余张, 参与率
    if (word is None or (len(word) == 2 and word not in pos_words(("n",), 0.5))) and len(run) >= 3 \
            and run[-1] in _NOUN_TAILS and run[-3:-1] in words:
        word = run[-3:]  # 暑期托管点152个: a word and a noun tail (托管|点), not the stray word 管点
    if word and len(word) >= 3 and len(run) > len(word) and run[-len(word) - 1] + word[:2] in words:
        word = run[-len(word) - 1:]  # 新建高标准农田2600亩: 高 starts the word 高标准, so the term starts there
    if word and len(word) == 2 and len(run) >= 3 and run[-3:-1] in words and run[-3:-1] in pos_words(("n",), 0.5) \
            and run[-3:-1] not in _NOT_SUBJECT_BEFORE and (len(run) == 3 or run[-4:-2] not in words):
        word = run[-3:]  # 砂石料1.8万立方米: the noun 砂石 ends in the word's first char, the term starts there
    if word in _TOTAL_NOUNS and run.endswith("总" + word):
        word = "总" + word  # 总投资超过300亿元: 投资 is a verb, 总投资 the amount
    if word and len(word) == 3 and len(run) >= 4 and run[-4:-2] in words and word[1:] in words:
        word = word[1:]  # 监|测血压: the word began inside the verb before it (监测), the noun is 血压
    if word and len(word) == 4 and len(run) >= 6 and run[-6:-4] in words \
            and run[-6:-4] in pos_words(("n",), 0.5) and run[-6:-4] not in _NOT_SUBJECT_BEFORE:
        word = run[-6:]  # a noun before such a compound: 基础设施项目 31个 (not 设施项目)
    clause = body[max(0, start - 20):start]
    clause = clause[max(clause.rfind(c) for c in "，。；：！？,;:!?\n") + 1:]
    if "距" in clause:
        return None  # 距淦田镇集镇约15公里: a distance from a place; the place is not what is counted
    if word and len(word) == 3 and word[1:] in _DIRECTIONAL:
        return None  # 卖出去四五百碗: a verb and its direction, not what is counted
    if word is None or word in _NOT_SUBJECT_BEFORE or word[-1] in _SUBJECT_SOFT_STOP \
            or all(ch in _NUMERAL_CHARS for ch in word) or word in pos_words(_NOT_SUBJECT_POS, 0.5) \
            or _change_verb(word):
        return None
    return word


# what a length, height, temperature or speed is of, written right before the number: it is what is
# measured even when a noun follows (海拔800米以上的山区 → 海拔)
_DIMENSIONS = ("海拔", "气温", "水温", "温度", "高度", "深度", "长度", "宽度", "厚度", "身高", "体重", "直径", "半径",
               "全长", "总长", "时速", "水位", "降雨量", "降水量", "坡度", "落差")


_DIMENSION_ENDS = frozenset(d[-1] for d in _DIMENSIONS)


def _dimension_before(body: str, start: int) -> str | None:
    """A dimension word right before the number (``海拔800米``, ``全长16.8公里``), else None."""
    at = start - 1 if start > 0 and body[start - 1] in "约达为近超" else start
    if at < 2 or body[at - 1] not in _DIMENSION_ENDS:
        return None
    d = next((d for d in _DIMENSIONS if body.startswith(d, at - len(d))), None)
    before = body[max(0, at - len(d) - 2):at - len(d)] if d else ""
    if d and (before in ("最高", "最低", "平均", "日均") or (len(before) == 2 and before in pos_words(("n",), 0.5))):
        return before + d  # 最低气温零下2℃, 线路全长21.6公里
    return d


def _noun_before(body: str, at: int) -> bool:
    """The two chars before ``at`` are a noun (群众, 收入) or end in a noun tail (纯收入 … 人员)."""
    return body[at - 2:at] in pos_words(("n",), 0.5) or (at > 0 and body[at - 1] in _NOUN_TAILS)


def _change_verb(word: str) -> bool:
    """A two-character verb of change (降至, 增至, 达到, 提到) or comparison (高出, 多出): it says how
    much, not what."""
    return len(word) == 2 and (word[-1] in "至到" or (word[-1] == "出" and word[0] in "高低多少超"))


def _sentences(body: str, spans: list[tuple[int, int]]) -> list[str]:
    """The sentence around each span (between 。！？；/newline), found in one pass over ``body``."""
    ends = [m.start() for m in _SENT_END_RE.finditer(body)]
    out = []
    for s, e in spans:
        k = bisect.bisect_left(ends, s)  # first terminator at or after s
        a = ends[k - 1] + 1 if k > 0 else 0
        j = bisect.bisect_left(ends, e)  # first terminator at or after e
        if j < len(ends):
            b = ends[j] + (0 if body[ends[j]] == "\n" else 1)
        else:
            b = len(body)
        out.append(body[a:b].strip())
    return out


def _clean(value: float) -> float:
    """The value at 12 significant digits: 2.3 × 10⁸ is 230000000, not 229999999.99999997."""
    return float(f"{value:.12g}")


def _sign_before(body: str, at: int, unit: str) -> int:
    """-1 when the temperature whose number starts at ``at`` is written negative (零下5℃, -5℃), else 1."""
    if unit not in _TEMPERATURE_UNITS:
        return 1
    if body.startswith("零下", at - 2):
        return -1
    if at > 0 and body[at - 1] in _MINUS and (at < 2 or not _CODE_CHAR.match(body[at - 2])):
        return -1
    return 1


_AROUND_THE_CLOCK_OK = frozenset("内以之后前左的起里上")  # 24小时内 / 以上 / 后: a span of time after all


def _try_at(body: str, i: int) -> tuple[Metric | None, int]:
    """Try to read a metric whose number starts at ``i``; returns (metric, position to resume)."""
    n = len(body)
    percent_words = ""
    if body.startswith("百分之", i) or body.startswith("千分之", i):
        percent_words = body[i:i + 3]
        num = _read_number(body, i + 3)
        if num is None:
            return None, i + 3
        unit = "%" if percent_words[0] == "百" else "‰"
        num_start = i
        end = num.end
    else:
        big_start = body[i] in _BIG_START and _big_start_ok(body, i)
        num = _read_number(body, i, big_start)
        if num is None:
            m = _RUN_RE.match(body, i)
            run = m.group() if m else ""
            digit = next((j for j, c in enumerate(run) if c.translate(_FW_TABLE).isdigit()), 0)
            if digit and all(c in _FINANCIAL for c in run[:digit]):
                return None, i + digit  # 队伍198支: 伍 ends the word 队伍, the number starts at 198
            return None, (m.end() if m else i + 1)
        num_start = i
        end = num.end
        unit = ""
    resume = max(num.end, i + 1)
    high_sign = None  # the sign of a range's high end when it is written with its own unit (-3℃至-1℃)
    before = body[num_start - 1] if num_start > 0 else ""
    if before == "点" and num_start >= 2 and body[num_start - 2] in _NUMERAL_CHARS:
        return None, resume  # 三点五十分, a failed 一点二…
    if before in _ENUM_SEP and _enumerated_ordinal(body, num_start - 1):
        return None, resume  # 第九、十位
    if before.isspace() and _char_before_space(body, num_start) == "第":
        return None, resume  # 第\n三方: an ordinal broken across lines
    if before in _VAGUE or before in _ORDINAL_BEFORE:
        return None, resume
    if body[num_start] in "一二三四五六日天" and num.end == num_start + 1 \
            and (before == "周" or body[max(0, num_start - 2):num_start] in ("星期", "礼拜")):
        return None, resume  # 每周六晚: a day of the week
    if before and _CODE_CHAR.match(before):
        return None, resume
    if before in _CODE_SEP and num_start >= 2 and _CODE_CHAR.match(body[num_start - 2]):
        return None, resume
    if not unit:
        nxt = body[end] if end < n else ""
        if nxt in _VAGUE or nxt in _BAD_AFTER_NUM or (nxt.isascii() and nxt.isalpha()):
            return None, resume
        if nxt in _DOTS and end + 1 < n and body[end + 1].isdigit():
            return None, resume
        # a range: 2至3次, 2-3万元, 2万至3万元
        rng = _CONNECT_RE.match(body, end)
        if rng is not None and num.high is None:
            other = _read_number(body, rng.end())
            if other is not None and not (num.chinese ^ other.chinese) and _match_unit(body, other.end):
                lo = num.value
                if num.mult == 1.0 and other.mult != 1.0 and lo * other.mult <= other.value:
                    lo *= other.mult
                if lo <= other.value:
                    num.value, num.high = lo, other.value
                    num.bound = other.bound if other.bound != "exact" else num.bound
                    num.bare_one = False
                    num.year_like = num.year_like and other.year_like
                    end = other.end
        unit = ""
        ge_seen = False
        # 一个半小时 / 两个多月: 个 + 半/多 + time word
        if body.startswith("个", end) and end + 2 < n and body[end + 1] in _HALF_MORE:
            inner = _match_unit(body, end + 2)
            if inner in _UNIT_ONLY_AFTER_GE:
                if body[end + 1] == "半":
                    num.value += 0.5
                else:
                    num.bound = "over"
                num.bare_one = False
                end += 2
                unit = inner
                ge_seen = True
        if not unit:
            unit = _match_unit(body, end) or ""
        if not unit:
            return None, resume
        if unit == "个":
            inner = _match_unit(body, end + 1)
            if inner in _UNIT_ONLY_AFTER_GE:
                end += 1
                unit = inner
        elif unit in _UNIT_ONLY_AFTER_GE and unit not in _UNIT_OK_BARE and not ge_seen:
            return None, resume
        if unit in _DIGITS_ONLY_UNITS and num.chinese:
            return None, resume
        unit_end = end + len(unit)
        unit = _UNIT_CANON.get(unit, unit)
        if num.high is None:  # a range written with its unit on both ends: 5%至5.5%, 2万元到3万元
            rng = _CONNECT_RE.match(body, unit_end)
            at = rng.end() if rng is not None else -1
            hi_sign = 1
            if rng is not None and unit in _TEMPERATURE_UNITS:  # 零下3℃至1℃, -5℃到-1℃
                if body.startswith("零下", at):
                    at, hi_sign = at + 2, -1
                elif body[at:at + 1] in _MINUS and body[at + 1:at + 2].isdigit():
                    at, hi_sign = at + 1, -1
            other = _read_number(body, at) if rng is not None else None
            if other is not None and other.high is None and not (num.chinese ^ other.chinese):
                u2 = _match_unit(body, other.end)
                if u2 and _UNIT_CANON.get(u2, u2) == unit and \
                        _sign_before(body, num_start, unit) * num.value < hi_sign * other.value:
                    num.high = other.value
                    num.bare_one = False
                    high_sign = hi_sign
                    unit_end = other.end + len(u2)
    else:
        unit_end = end
    # after the unit
    k = unit_end
    nxt = body[k] if k < n else ""
    if (nxt.isdigit() and not _starts_quantity(body, k)) or (
            nxt in _DASHES and k + 1 < n and body[k + 1].isdigit()):
        return None, max(resume, k)  # address / code: 10栋202, 3栋-2
    if unit in ("栋", "幢", "单元") and num.high is None and body[max(0, num_start - 2):num_start].endswith(("住在", "家住", "位于", "在")) \
            and nxt in "的号楼":
        return None, max(resume, k)  # 住在5栋的居民: which building, not how many
    if unit == "年" and nxt in _YEAR_WORD_END:
        return None, max(resume, k)
    if unit == "小时" and num.value == 24 and num.high is None and _is_han(nxt) and nxt not in _AROUND_THE_CLOCK_OK:
        return None, max(resume, k)  # 24小时供水服务热线, 24小时营业: round the clock, not a duration
    if unit == "名" and body.startswith(("决赛", "排位赛", "争夺战"), k):
        return None, max(resume, k)  # 三四名决赛, 五六名排位赛: places in a ranking, not people
    if nxt == "级" and unit not in ("个", "年"):
        return None, max(resume, k)  # 58公斤级, 万吨级: a class name
    if unit == "个" and nxt in _BIG_AFTER:
        return None, max(resume, k)  # 5个亿: colloquial amount without a unit
    if unit == "届" and (nxt in _NUMERAL_CHARS or body.startswith(_TERM_NAME_WORDS, k)):
        return None, max(resume, k)  # 十九届四中全会, 十四届全国人大: a term's name, not a count
    bound = num.bound
    if unit in _TIME_UNITS and nxt in _POST_APPROX:
        after = body[k + 1] if k + 1 < n else ""
        if not _match_unit(body, k + 1) and after not in _BIG_AFTER:
            if nxt == "半":
                num.value += 0.5
            else:
                bound = "over"
            num.bare_one = False
            k += 1
    for word, b in _SUFFIXES:
        if body.startswith(word, k):
            if b != "exact":
                bound = b
            k += len(word)
            num.bare_one = False
            break
    else:
        if k < n and body[k] == "许" and num.bound == "exact":
            bound = "about"
            k += 1
    start, pbound = _prefix(body, num_start, num.mult > 1.0)
    if start < num_start and body[start] == "过" and start + 1 == num_start and unit in _TIME_UNITS:
        start, pbound = num_start, "exact"  # 过两年 = in two years' time
    if start == num_start and body[num_start] in _BIG_START and num_start > 0 and body[num_start - 1] == "上":
        start, pbound = num_start - 1, "over"
    if start < num_start:
        if start > 0 and body[start - 1] == "第":
            return None, max(resume, k)
        if bound == "exact" or pbound == "under" and bound == "over":
            bound = pbound
        num.bare_one = False
    if start > 0 and body[start - 1] == "第":
        return None, max(resume, k)
    if num.bare_one and not (unit in _TIME_UNITS and (
            _after_duration_cue(body, start) or body.startswith(_DURATION_AFTER, k))):
        return None, max(resume, k)
    if unit == "年" and num.year_like and start == num_start and bound == "exact":
        return None, max(resume, k)
    if num.year_like and unit_end - len(unit) >= 0 and body[unit_end - 1:unit_end + 1] in pos_words(("ns",)) \
            and len(unit) == 1:
        return None, max(resume, k)  # 2024株洲新年音乐会: a year before a place name, not 2024 株
    if _quoted_name(body, start, k):
        return None, max(resume, k)
    if num.chinese and start == num_start and body[num_start:unit_end] in _FIXED_WORDS:
        return None, max(resume, k)
    if num.chinese and not percent_words and _in_idiom(body, num_start, unit_end):
        return None, max(resume, k)
    if not math.isfinite(num.value) or (num.high is not None and not math.isfinite(num.high)):
        return None, max(resume, k)
    if unit in _TEMPERATURE_UNITS and start == num_start:
        if _sign_before(body, start, unit) < 0:
            below_zero = body.startswith("零下", start - 2)
            start -= 2 if below_zero else 1
            if num.high is not None and high_sign is None and below_zero:
                num.value, num.high = -num.high, -num.value  # 零下3～5℃: both ends below zero, -5…-3
            else:
                num.value = -num.value  # -3～5℃ is -3…5
        if high_sign is not None and num.high is not None:
            num.high = high_sign * num.high
    surface = body[start:k]
    metric = Metric(
        surface=surface,
        value=_clean(num.value),
        value_high=_clean(num.high) if num.high is not None else None,
        unit=unit,
        bound=bound,
        # after a duration the next words are rarely what is counted (八十年|煎熬, 16年|间, 30年|日产)
        subject=_dimension_before(body, start)
        or (None if unit in _TIME_UNITS else _subject(body, k)) or _subject_before(body, start)
        or (_aged_person_before(body, start) if unit in ("岁", "周岁") else None),
        start=start,
        end=k,
        sentence="",  # filled in by extract_metrics, in one pass
    )
    return metric, k


_LIST_SEP = frozenset("、和或及与")
_LIST_ITEM_RE = re.compile(r"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千]+)[万亿]{1,2}[多余]?$")


def _shared_unit_items(body: str, found: list[Metric]) -> list[Metric]:
    """Numbers listed before a metric that carry only a multiplier take its unit: ``30万、50万和80万元``
    gives 30万 and 50万 in 元 too, ``九千二百万和三亿个`` gives 九千二百万 个. Only numbers with 万/亿
    count (``1998和1999年`` lists years, not amounts)."""
    out = list(found)
    taken = [(m.start, m.end) for m in found]
    for met in found:
        p = met.start
        while p >= 2 and body[p - 1] in _LIST_SEP:
            m = _LIST_ITEM_RE.search(body, max(0, p - 14), p - 1)
            if m is None:
                break
            before = body[m.start() - 1] if m.start() > 0 else ""
            if before.isdigit() or (before and before in "零〇一二两三四五六七八九十百千万亿.．第首+＋"):
                break  # part of a longer number, or an ordinal (第3万)
            num = _read_number(body, m.start())
            if num is None or num.end != m.end() or num.mult < 10_000 or num.high is not None:
                break
            if any(a < m.end() and m.start() < b for a, b in taken):
                break
            out.append(Metric(surface=body[m.start():m.end()], value=float(num.value), value_high=None,
                              unit=met.unit, bound=num.bound, subject=met.subject, start=m.start(),
                              end=m.end(), sentence=""))
            taken.append((m.start(), m.end()))
            p = m.start()
    return sorted(out, key=lambda x: x.start)


# a duration in two or three parts: 2小时31分08秒, 1小时5分钟, 3分08秒 (not a clock time: 10时30分)
_DURATION_RE = re.compile(r"(?<![\d.])(?:(\d{1,3})小时(\d{1,2})分(?:钟)?(?:(\d{1,2}(?:\.\d{1,3})?)秒)?"
                          r"|(\d{1,3})分(?:钟)?(\d{1,2}(?:\.\d{1,3})?)秒)")


def _duration_at(body: str, i: int) -> tuple[Metric, int] | None:
    """A duration written in parts, as one figure in its smallest unit (2小时31分08秒 → 9068 秒)."""
    m = _DURATION_RE.match(body, i)
    if m is None:
        return None
    if m.group(1) is not None:
        h, mi, sec = int(m.group(1)), int(m.group(2)), m.group(3)
        value, unit = (h * 3600 + mi * 60 + float(sec), "秒") if sec is not None else (h * 60 + mi, "分钟")
    else:
        value, unit = int(m.group(4)) * 60 + float(m.group(5)), "秒"
    metric = Metric(surface=m.group(), value=_clean(float(value)), value_high=None, unit=unit, bound="exact",
                    subject=None, start=m.start(), end=m.end(), sentence="")
    return metric, m.end()


def extract_metrics(body: str) -> list[Metric]:
    """All stated quantities in ``body``, sorted by start, non-overlapping.

    ``body[m.start:m.end] == m.surface`` for every metric. Never raises.
    """
    if not isinstance(body, str) or not body:
        return []
    out: list[Metric] = []
    pos = 0
    last_end = 0
    n = len(body)
    while pos < n:
        m = _CAND_RE.search(body, pos)
        if m is None:
            break
        i = m.start()
        try:
            metric, resume = _duration_at(body, i) or _try_at(body, i)
        except Exception:  # noqa: BLE001 - extraction must never raise on odd input
            metric, resume = None, m.end()
        if metric is not None and metric.start >= last_end and metric.end > metric.start:
            out.append(metric)
            last_end = metric.end
            resume = max(resume, metric.end)
        pos = max(resume, i + 1)
    if out:
        with contextlib.suppress(Exception):  # never raise; on a failure keep what was found
            out = _shared_unit_items(body, out)
        try:
            sentences = _sentences(body, [(m.start, m.end) for m in out])
        except Exception:  # noqa: BLE001 - never raise; fall back to the surface itself
            sentences = [m.surface for m in out]
        out = [dataclasses.replace(m, sentence=sent) for m, sent in zip(out, sentences, strict=True)]
    return out
