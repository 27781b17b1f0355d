"""People, places and organizations in an article body → mentions (rules + gazetteer [+ CRF]).

Sources, combined greedily by priority then length (non-overlapping output):

* places: the administrative gazetteer (full names at every level, short names of provinces,
  cities and focus-province districts), then suffix rules for names the gazetteer lacks
  (街道/镇/乡, 社区/村, 小区/生活区/街区/…组, water bodies, squares, former residences, roads);
  a rule name's left edge stops at punctuation, function characters, common verbs and at the end
  of an adjacent place, so ``在学林街道`` gives ``学林街道``;
* organizations: suffix rules (公司, 学院, 学校, 党工委, 统战部, 局, 办, 中心, …) whose name may
  start with a place (``湖南化工职业技术学院``, ``石峰区委统战部``); generic suffixes (局/办/中心…)
  need a place or a level prefix (``市河长办``); ``…(以下简称X)`` defines X as a short form;
* people: a surname (training-data list) plus a given name sized by character statistics, found
  after a job title (``区委书记张建勇``, ``副市长、市河长办主任顾峰``), a byline cue (``记者/王娜``), a
  resident cue (``居民傅永``) or before a speech verb; then every other occurrence of a found name.
  Surname + honorific (``张先生``, ``老卢``) and pseudonyms (``小鱼(化名)``) are never people;
* the optional character CRF (``pipeline.text.ner_model``) adds what the rules miss in news text:
  people (Chinese or transliterated names, 2+ characters, never a surname + honorific), places the
  gazetteer or the world-region list knows (any length, one-character country abbreviations in
  news context: 中美, 访华) or that look like places, organizations with news endings (联合国,
  中共中央, 国务院, 新华社). Each CRF span carries a confidence (its lowest tag marginal); confident
  spans skip the shape filters. A CRF span never crosses a rule span; it replaces rule spans it
  contains only when it extends them (中国共产党 over 中国, 科菲·安南 over 科菲, 中共中央统战部 over
  中央统战部), and a confident CRF organization inside a rule organization with the same end fixes a
  bad left edge (经海口市中级人民法院 → 海口市中级人民法院). Rule organizations that are not named
  after a place or a level (市…, 区…, 街道…) are dropped where the CRF is sure nothing is named.

``Mention.role`` is the title phrase between the employer (a leading organization or place) and
the name, as written: ``石峰区委书记张建勇`` → ``区委书记`` (a level character glued to the title is
kept), ``副市长、市河长办主任顾峰`` → ``副市长、市河长办主任``, ``学林街道党工委书记刘立峰`` → ``书记``.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise

import numpy as np

from pipeline.text import gazetteer as gz
from pipeline.text.charstats import load as load_char_stats
from pipeline.text.charstats import load_words
from pipeline.text.jionlp_data import pos_words
from pipeline.text.model import Mention
from pipeline.text.numbers import parse_chinese_number

# ---------------------------------------------------------------- character classes and word lists

STOP_CHARS = frozenset(
    "在和与及的到从是为对将把由向于等了让给被也都就又还所该这那其各每此本我你他她它们个"
    "而并或且但如若即因以之着过得地很最更再才已曾正均共同跟比像至往入进出去来全些第位名次年月日时分号"
    "条项件户说讲问答讯轮批届种类份台辆看听想要能会可应需使令请叫称有无没不非据")
# characters that may start a name although they are in STOP_CHARS (names of places/orgs)
STOP_WORDS = ("依托", "通过", "联合", "组织", "邀请", "协调", "来到", "走进", "位于", "参加", "成立", "企业",
              "单位", "部门", "爱心", "前往", "进入", "加入", "获评", "作为", "以及", "还有", "包括", "其中",
              "同时", "开展", "举行", "召开", "推进", "推动", "打造", "建设", "启动", "完成", "实施", "发布",
              "积极", "深入", "带领", "指导", "支持", "帮助", "覆盖", "辖区", "目前", "近日", "今年", "去年",
              "记者", "通讯员", "负责人", "工作人员", "居民", "村民", "群众", "业主", "党员", "干部", "领导",
              "关于", "根据", "按照", "针对", "围绕", "面向", "对接", "联系", "成为", "属于", "设立", "设在",
              "拥有", "没有", "还有", "所有", "具有", "有着", "享有", "已有", "有关", "有的", "有效", "兼任", "担任", "出任", "当选", "许多", "不少", "选聘", "聘请", "委托", "携手", "结对", "共建", "拉开", "建起", "建成", "唯一", "落户", "打造", "看到", "了解", "发现", "表示", "介绍", "认为", "指出", "强调")
LEVEL_CHARS = frozenset("省市区县镇乡村")
HONORIFICS = ("先生", "女士", "小姐", "师傅", "大姐", "大哥", "大爷", "大妈", "爷爷", "奶奶", "阿姨", "叔叔",
              "伯伯", "老爹", "老汉", "同学", "老师", "医生", "总", "某", "家", "氏", "姐", "哥", "嫂", "婆",
              "伯", "叔", "姨", "爹", "妈", "工", "局", "书记", "主任", "处", "科", "所", "队", "老", "们")
SPEECH = ("说", "表示", "介绍", "指出", "强调", "认为", "告诉", "坦言", "直言", "透露", "称", "提出", "谈到")
# cues after which a person name follows; (cue, is_job_title)
TITLE_WORDS = (
    "书记", "副书记", "主任", "副主任", "局长", "副局长", "处长", "科长", "区长", "副区长", "市长", "副市长",
    "县长", "副县长", "省长", "副省长", "镇长", "乡长", "村长", "校长", "副校长", "院长", "副院长", "所长",
    "站长", "部长", "副部长", "厅长", "主席", "副主席", "委员", "常委", "董事长", "总经理", "副总经理", "经理",
    "总裁", "行长", "社长", "总编", "主编", "村支书", "支书", "负责人", "组长", "队长", "会长", "副会长",
    "秘书长", "理事长", "教授", "副教授", "导师", "专家", "院士", "总工程师", "工程师", "民警", "警官", "法官",
    "检察官", "律师", "主管", "领导", "馆长", "园长", "总监", "厂长", "政委", "司令员", "指导员", "网格员",
    "护理员", "代表", "总指挥", "调研员", "巡视员", "干事", "助理", "讲师", "研究员", "医师", "护士长",
    "班主任", "老师", "教练", "运动员", "选手", "作家", "画家", "书法家", "艺术家", "创始人", "主持人",
    "党委书记", "总支书记", "支部书记", "常务副主任", "常务副市长", "常务副区长", "常务副校长",
    "技师", "高级技师", "高级工程师", "技术员", "专干", "承办法官", "首席执行官", "执行官", "药师", "主任药师",
    "副主任药师", "副主任医师", "主管护师", "护师", "庭长", "副庭长", "审判长", "班长", "店长", "店主", "场长",
)
JOB_SUFFIXES = ("员", "师")  # 首席预报员, 主攻手 is not: 手 and 官 end too many words that are no job


@lru_cache(maxsize=1)
def title_words() -> tuple[str, ...]:
    """TITLE_WORDS and the job nouns of jiojio's noun list (3-4 characters ending in 员 or 师:
    预报员, 技术员, 设计师, 营养师), longest first."""
    jobs = (w for w in pos_words(("n",)) if 3 <= len(w) <= 4 and w.endswith(JOB_SUFFIXES) and "之" not in w)
    return tuple(sorted(set(TITLE_WORDS) | set(jobs), key=lambda w: (-len(w), w)))


BYLINE_WORDS = ("全媒体记者", "记者", "通讯员", "实习生", "责任编辑", "美术编辑", "编辑", "校对", "摄影",
                "摄影记者", "见习记者", "特约记者", "撰稿", "作者")
RESIDENT_WORDS = ("居民", "村民", "市民", "业主", "老人", "志愿者", "党员", "群众", "患者", "学生", "家长",
                  "职工", "员工", "游客", "乘客", "司机", "农户", "村医", "老党员", "网友", "儿子", "女儿",
                  "妻子", "丈夫", "母亲", "父亲", "摊主", "商户", "摊贩", "车主", "户主", "住户", "租户", "房东",
                  "求职者", "创业者", "消费者", "农民", "工人", "环卫工人", "骑手", "快递员", "种植户", "养殖户",
                  "果农", "菜农", "渔民", "村干部", "退役军人", "老兵", "教师", "医生", "护士")

PLACE_SUFFIXES: list[tuple[str, str, int, int]] = [  # suffix, level, min core, max core
    ("示范区", "district", 2, 3), ("开发区", "district", 2, 4), ("高新区", "district", 2, 3),
    ("经开区", "district", 2, 3), ("新区", "district", 2, 3),
    ("街道", "street", 2, 4), ("镇", "street", 2, 3), ("乡", "street", 2, 3),
    ("社区", "community", 2, 4), ("村", "community", 2, 3),
    ("小区", "residential", 2, 6), ("生活区", "residential", 2, 5), ("新村", "residential", 2, 4),
    ("街区", "residential", 2, 6), ("花园", "residential", 2, 3), ("苑", "residential", 2, 3),
    ("组", "residential", 2, 2),
    ("水库", "water", 2, 3), ("湖", "water", 2, 3), ("江", "water", 2, 3), ("河", "water", 2, 3),
    ("港", "water", 2, 3), ("溪", "water", 2, 3), ("干渠", "water", 2, 4), ("湿地", "water", 2, 4),
    ("广场", "other", 2, 4), ("故居", "other", 2, 3), ("公园", "other", 2, 4), ("大道", "other", 2, 4),
    ("路", "other", 2, 3), ("新街", "other", 2, 4), ("老街", "other", 2, 4), ("大街", "other", 2, 4),
    ("街", "other", 2, 3), ("塔", "other", 2, 2), ("大桥", "other", 2, 3), ("景区", "other", 2, 4),
    ("火车站", "other", 2, 4), ("高铁站", "other", 2, 4), ("汽车站", "other", 2, 4), ("客运站", "other", 2, 4),
    ("东站", "other", 2, 3), ("西站", "other", 2, 3), ("南站", "other", 2, 3), ("北站", "other", 2, 3),
]
# stations are places named after their city: 株洲西站, 长沙南站, 株洲火车站
_STATIONS = tuple(sorted(s for s, *_ in PLACE_SUFFIXES if s.endswith("站")))
_STATION_TAILS = frozenset(s[-2:] for s in _STATIONS)  # 车站, 西站 … (the two chars ending a station)
# well-known water bodies whose name core is one character (a general gazetteer, not page answers)
KNOWN_WATERS = ("长江", "黄河", "珠江", "淮河", "汉江", "湘江", "资江", "沅江", "澧水", "渌水", "洣水", "涟水",
                "耒水", "潇水", "蒸水", "沩水", "浏阳河", "捞刀河", "洞庭湖", "东江湖", "鄱阳湖", "太湖", "赣江",
                "闽江", "漓江", "嘉陵江", "乌江", "松花江", "黑龙江", "钱塘江", "黄浦江", "海河", "辽河", "渭河")
PLACE_BAD_TAILS = frozenset((
    "乡村", "农村", "山村", "渔村", "城乡", "家乡", "故乡", "老乡", "下乡", "回乡", "城镇", "乡镇", "村镇", "集镇",
    "小镇", "重镇", "古镇", "道路", "马路", "公路", "铁路", "线路", "思路", "出路", "网路", "电路", "水路", "门路",
    "套路", "弯路", "新路", "老路", "小路", "大路", "进路", "陆路", "航路", "管路", "山路", "河湖", "江湖", "湖泊",
    "远路", "近路", "后路", "岔路", "半路", "上路", "走路", "让路", "带路", "修路", "迷路", "母亲河",
    "运河", "江河", "冰河", "银河", "山河", "内河", "护城河", "渡江", "过江", "沿江", "大江", "沿河", "跨河",
    "岸", "小组", "班组", "机组", "工作组", "调研组", "检查组", "指导组", "专班组", "巡回组", "党小组", "课题组",
    "专家组", "领导组", "督导组", "评审组", "编组", "分组", "重组", "改组", "新区", "城区", "老区", "片区",
    "社区", "园区", "小区", "厂区", "景区", "辖区", "全区", "该区", "本区", "灾区", "山区", "矿区", "街道",
    "走路", "跑路", "让路", "带路", "修路", "铺路", "引路", "上路", "赶路", "迷路", "问路", "开路", "探路",
    "归乡", "思乡", "还乡", "返乡", "入乡", "离乡", "异乡", "他乡", "梦乡", "水乡", "一路", "沿路", "半路", "两路", "康庄大道",
    "阳关大道", "拦路", "上街", "逛街", "沿街", "临街", "满街", "扫街", "当街", "跨街", "一条街", "商业街",
    "美食街", "步行街", "小吃街", "风情街", "文化街", "特色街", "主街", "后街", "前街", "横街", "领路", "改路", "筑路", "养路", "巡河", "护河", "治河", "过河", "渡河", "跨河", "巡江", "港口", "海港", "军港", "渔港", "商港", "香港", "宝塔", "灯塔", "水塔", "金字塔", "铁塔", "高塔",
))
PLACE_BAD_CORES = frozenset((
    "老旧", "商业", "住宅", "安置", "新建", "居民", "整个", "这个", "那个", "一个", "城市", "美丽", "文明", "示范",
    "幸福", "和谐", "平安", "智慧", "绿色", "生态", "农村", "城中", "试点", "全国", "全省", "全市", "全区",
    "各个", "多个", "周边", "附近", "所在", "街道", "社区", "小区", "楼盘", "业主", "自治", "物业", "管理",
    "城乡", "乡村", "基层", "特色", "品牌", "公益", "相关", "其他", "其它", "主要", "重点", "首个", "企业",
    "治理", "改造", "提质", "建设", "规划", "开放式", "封闭式", "无物业", "电子", "信息", "服务", "乡镇",
    "厂居型", "泥巴", "水泥", "柏油", "砂石", "沥青", "村级", "种植", "产业", "农业", "工业", "村部", "镇部",
))

ORG_SUFFIXES: list[tuple[str, int, bool]] = [  # suffix, min core, generic (needs a place/level prefix)
    ("有限责任公司", 2, False), ("股份有限公司", 2, False), ("有限公司", 2, False), ("公司", 2, False),
    ("集团", 2, False), ("党工委", 0, False), ("纪工委", 0, False), ("工委", 2, False), ("党委", 2, False),
("党支部", 2, False), ("党总支", 2, False), ("委员会", 2, False), ("统战部", 0, False),
    ("组织部", 1, False), ("宣传部", 1, False), ("管委会", 0, False), ("办事处", 2, False), ("派出所", 0, False),
    ("政府", 1, True), ("政府办", 0, False), ("人民法院", 1, False), ("人民法庭", 1, False), ("法院", 1, True), ("检察院", 1, False), ("公安局", 1, False),
    ("大学", 2, False), ("学院", 2, False), ("职院", 2, False), ("学校", 2, False), ("中学", 2, False),
    ("小学", 2, False), ("幼儿园", 2, False), ("医院", 2, False), ("卫生院", 2, False), ("协会", 2, False),
    ("联合会", 2, False), ("商会", 2, False), ("学会", 2, False), ("总工会", 0, False), ("工会", 2, False),
    ("日报", 2, False), ("晚报", 2, False), ("电视台", 2, False), ("报社", 2, False), ("银行", 2, False),
    ("研究所", 2, False), ("研究院", 2, False), ("博物馆", 2, False), ("图书馆", 2, True), ("合作社", 2, False),
    ("居委会", 2, True), ("村委会", 2, True), ("基金会", 2, False), ("事务所", 2, False), ("办公室", 2, True), ("指挥部", 2, True), ("人大常委会", 0, False),
    ("政协", 1, False), ("军分区", 2, False), ("警备区", 2, False), ("武装部", 2, False), ("新华社", 0, False), ("通讯社", 2, False), ("出版社", 2, False), ("旅行社", 2, False),
    ("网", 2, True), ("局", 2, True), ("厅", 2, True), ("办", 2, True), ("中心", 2, True), ("部", 2, True),
    ("委", 2, True), ("站", 2, True), ("所", 2, True), ("队", 2, True), ("院", 2, True), ("厂", 1, True),
]
ORG_STANDALONE = frozenset(("新华社", "派出所", "管委会", "总工会", "党工委", "纪工委", "统战部", "政府办"))
ORG_BAD_NEXT = {"部": "门分位长署件队落", "局": "面势长限部", "办": "法理公事好学成点实", "委": "员托屈婉会", "所": "有以长在谓",
                "队": "伍员长", "站": "长在起点", "科": "长学技普研", "院": "长士子落校", "中心": "城区点",
                "厅": "长", "网": "络点格友民上站页购店格", "公司": "章", "学校": "长", "政府": "主", "中学": "习生", "小学": "习生",
                "大学": "习生者", "学会": "议", "银行": "界业家卡", "厂": "长房区家商矿里内外"}
ORG_BAD_PREV = {"网": tuple("路管水河林光")}
ORG_BAD_CORES = frozenset(("物业", "开发", "建筑", "保险", "投资", "科技", "中小", "高职", "各级", "相关", "有关",
                           "职能", "主管", "业务", "基层", "党建", "工作", "活动", "服务", "居委", "村委", "新物业",
                           "小区活动", "社区活动", "一体", "国家", "地方", "民营", "国有", "上级", "下级"))
ABBREV_RE = re.compile(r"[（(]\s*(?:以下)?简称\s*[“\"「『]?([^）)”\"」』\s]{2,16})[”\"」』]?\s*[）)]")
HAN_RE = re.compile(r"[\u4e00-\u9fff〇]")


def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or c == "〇"


@dataclass
class _Cand:
    start: int
    end: int
    type: str
    prio: int
    level: str | None = None
    code: str | None = None
    parent: str | None = None
    canonical: str | None = None
    role: str | None = None
    title_end: int | None = None  # for people: where the cue phrase ends (role scan starts here)
    prefix: int = 0  # organizations: length of a leading place name
    extra: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def _regexes() -> dict[str, re.Pattern]:
    def alt(words):
        return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    return {
        "place": re.compile(alt(s for s, *_ in PLACE_SUFFIXES)),
        "org": re.compile(alt(s for s, *_ in ORG_SUFFIXES)),
        "title": re.compile(alt(title_words())),
        "byline": re.compile(alt(BYLINE_WORDS)),
        "resident": re.compile(alt(RESIDENT_WORDS)),
        "speech": re.compile(alt(SPEECH)),
        "stopword": re.compile(alt(STOP_WORDS)),
    }


_PLACE_SUF = {s: (lvl, lo, hi) for s, lvl, lo, hi in PLACE_SUFFIXES}
_PLACE_SUFFIXES_LONG_FIRST = sorted(PLACE_SUFFIXES, key=lambda t: -len(t[0]))
# a zone named only by its kind: 高新技术产业开发区, 经济开发区, 工业园区 (the gazetteer lists such names under
# many counties; in text they go with the place before them, 攸县高新技术产业开发区)
GENERIC_ZONE_RE = re.compile(r"(?:国家级?)?(?:高新技术|高新|经济技术|经济|工业|产业|科技|技术|农业|现代|综合|保税)*"
                             r"(?:开发区|园区|工业园|工业区|新区|科技园|产业园|示范区|集中区)(?:街道)?")
_BAD_CORE_TAILS = tuple(b for b in PLACE_BAD_CORES if len(b) >= 2)  # for str.endswith
_BAD_CORE_HEADS = tuple(PLACE_BAD_CORES)  # for str.startswith
_ORG_SUF = {s: (lo, gen) for s, lo, gen in ORG_SUFFIXES}


_ORG_TAILS = tuple(suf for suf, *_ in ORG_SUFFIXES)
OFFICE_SUFFIXES = frozenset(("局", "厅", "委", "办", "中心"))


def _portfolio_and(text: str, at: int) -> bool:
    """``text[at]`` is the 和/与 inside an office's name that joins two portfolios after a level
    character or a country: 市住房和城乡建设局, 区人力资源和社会保障局, 中国物流与采购联合会 (not
    区人社局和区总工会, 社区和物业公司, 市委和市政府)."""
    k = at
    while k > 0 and at - k < 6 and _han(text[k - 1]) and text[k - 1] not in STOP_CHARS:
        k -= 1
    left = text[k:at]
    cut = max(left.rfind(ch) for ch in "省市区县国")
    rest = left[cut + 1:] if cut >= 0 else ""
    return 2 <= len(rest) <= 5 and not rest.endswith(_ORG_TAILS) and rest[-1] not in LEVEL_CHARS


def _in_noun(text: str, at: int) -> bool:
    """``text[at]`` is part of a two-character noun with the character before or after it (社会, 时代)."""
    nouns = pos_words(("n",))
    return (at >= 1 and _han(text[at - 1]) and text[at - 1:at + 1] in nouns) or text[at:at + 2] in nouns


def _scan_left(text: str, end: int, barrier: int, max_len: int, org: bool = False,
               office: bool = False) -> tuple[int, bool]:
    """Leftmost start of a name core ending at ``end``: Han characters, no stop characters (for an
    organization, a stop character ending a noun stays: 社会|保障局, 株洲时代|新材料), not before
    ``barrier``; cut after the last stop word (for an office, not after one that ends right before
    its suffix: 城乡建设|局). Returns (start, overflowed max_len)."""
    i = end
    while i > barrier and end - i < max_len:
        c = text[i - 1]
        if not _han(c) or (c in STOP_CHARS and not (c == "等" and i >= 2 and text[i - 2] in "高中初")
                           and not (c == "有" and text[i:i + 1] in "色限")
                           and not (c == "全" and text[i:i + 1] == "国")
                           and not (c in "和与" and _portfolio_and(text, i - 1))
                           and not (org and _in_noun(text, i - 1))):
            break
        i -= 1
    overflow = end - i >= max_len and i > barrier and _han(text[i - 1]) and text[i - 1] not in STOP_CHARS
    core = text[i:end]
    last = None
    for m in _regexes()["stopword"].finditer(core):
        if not office or m.end() < len(core):
            last = m
    if last is not None:
        i += last.end()
        overflow = False
    return i, overflow


# ---------------------------------------------------------------- places

def _gazetteer_places(text: str) -> tuple[list[_Cand], set[str]]:
    g = gz.load()
    raw = g.find(text)
    context = {key for _, _, key, _ in raw}
    out = []
    for s, e, key, idxs in raw:
        i = g.choose(idxs, context, key)
        p = g.places[i]
        nxt = text[e:e + 1]
        if key != p.name and nxt and nxt in "山路街港江河湖塘桥村" and text[e:e + 2] not in _BAD_NEXT_WORDS:
            continue  # a short name must not be the head of a longer name (石峰山 is not 石峰区)
        if key[-1:] in "村镇乡" and nxt and (key[-1] + nxt) in _BAD_NEXT_WORDS:
            continue
        core = key
        for suf in ("社区", "街道", "村", "镇", "乡"):
            if core.endswith(suf):
                core = core[: -len(suf)]
                break
        if len(key) <= 3 and p.level in ("street", "community") and s > 0 and _han(text[s - 1]) \
                and text[s - 1] not in STOP_CHARS and len(key.rstrip("社区村镇乡街道")) <= 1:
            continue  # 印象村落 is not 象村
        if p.level == "city" and p.code is None and key in gz.frequent_words():
            continue  # a foreign city name that is also a common word (万象)
        parent = g.parent_name(i)
        if p.level == "district" and key in gz.frequent_words():
            anc = [g.places[a] for a in g.ancestors(i) if g.places[a].level != "province"]
            if not any(a.name in context or (a.short or "\0") in context for a in anc):
                continue  # 老城区, 城区, 矿区: a common word unless its city is named
        if p.level == "country":
            out.append(_Cand(s, e, "PLACE", 3, level="other", canonical=p.name, extra={"gaz": True}))
            continue
        if p.level in ("street", "community"):
            # community/street names repeat across China: trust the gazetteer's parent only when an
            # enclosing place below province level is named in the text (or the name is unique there)
            anc = [g.places[a] for a in g.ancestors(i) if g.places[a].level != "province"]
            hit = any(a.name in context or (a.short or "\0") in context for a in anc)
            focus_only = [j for j in idxs if g.places[j].province == g.focus]
            if not hit and (core in PLACE_BAD_CORES or GENERIC_ZONE_RE.fullmatch(key)):
                continue  # (高新技术产业开发区, 工业园区: a kind of zone, named by the place before it)
            words = gz.frequent_words()
            if not hit and (core in words or text[max(s - 1, 0):s + 1] in words
                            or text[max(s - 2, 0):s + 1] in words):
                continue  # 负责人和街道 is not 人和街道
            if not hit and not (p.level == "street" and len(focus_only) == 1 and len(idxs) <= 3):
                parent = None
                code = None
                out.append(_Cand(s, e, "PLACE", 3, level=p.level, code=code, parent=parent,
                                 canonical=p.name, extra={"gaz": True}))
                continue
        out.append(_Cand(s, e, "PLACE", 3, level=p.level, code=p.code, parent=parent,
                         canonical=p.name, extra={"gaz": True}))
    return out, context


def _word_crosses(text: str, i: int, words: frozenset[str]) -> bool:
    """Whether a dictionary word of 2-4 characters runs across position ``i`` (价值|观 at 观|元素)."""
    return any(text[k:k + n] in words for n in (2, 3, 4) for k in range(max(0, i - n + 1), i))


def _refine_start(text: str, start: int, end: int, lo: int) -> int:
    """Move a rule name's start off a word boundary: not inside a frequent word that begins before
    it (了解轴承厂 → 轴承厂), and past frequent words at its head (漫步井墈 → 井墈) while ``lo``
    characters remain."""
    words = gz.frequent_words()
    if start > 0 and end - start > lo and text[start - 1:start + 1] in words:
        start += 1
    changed = True
    while changed:
        changed = False
        for ln in (4, 3, 2):
            if end - start - ln >= lo and text[start:start + ln] in words:
                start += ln
                changed = True
                break
    return start


def _rule_places(text: str, barriers: list[tuple[int, int]],
                 places_before: list[tuple[int, int, str | None, str | None]] = ()) -> list[_Cand]:
    """Suffix-rule places; ``barriers`` are gazetteer spans (a rule name never starts inside one)."""
    ends_at = {e for s, e in barriers}
    waters = _water_matches(text)
    water_ends = {e for _, e, _ in waters}
    out = []
    bar_ends = sorted(e for _, e in barriers)
    bar_start = {}
    for s0, e0 in barriers:
        bar_start[e0] = min(s0, bar_start.get(e0, s0))
    bar_level = {e0: lv for _, e0, _, lv in places_before}
    for m in _regexes()["place"].finditer(text):
        suf = m.group()
        level, lo, hi = _PLACE_SUF[suf]
        ss, se = m.start(), m.end()
        if se in ends_at or se in water_ends:
            continue
        if any(bs == ss and be > se for bs, be in barriers):
            continue  # 距离|江西省界: the suffix char starts a known place (江西), no name ends with it
        k = bisect.bisect_right(bar_ends, ss) - 1
        barrier = bar_ends[k] if k >= 0 else 0
        start, overflow = _scan_left(text, ss, barrier, hi)
        before = max((c for c in out if start < c.end < ss and c.level != "water"), key=lambda c: c.end, default=None)
        if before is not None and ss - before.end >= lo:  # 龙头铺街道|枫溪社区: a place the rules just found bounds the name
            start, overflow, barrier, k = before.end, False, before.end, max(k, 0)
            bar_level.setdefault(barrier, before.level)
            bar_start.setdefault(barrier, before.start)
        core = text[start:ss]
        adjacent = start == barrier and k >= 0
        if suf == "组" and not (adjacent and len(core) == 2):
            village = next((c for c in out if c.end == ss - 2 and c.level == "community"), None)
            if village is None or not all(_han(ch) for ch in text[ss - 2:ss]):
                continue  # 白关铺社区|双洲组: a group right after a community or village the rules found
            out.append(_Cand(ss - 2, se, "PLACE", 3, level=level, canonical=text[ss - 2:se]))
            continue
        words = gz.frequent_words()
        if overflow and not adjacent and len(suf) >= 2 and start > 0 and text[start - 1:start + 1] in words \
                and ss - start > max(lo, 2) and not _word_crosses(text, start + 1, words):
            start, overflow = start + 1, False  # 家住|泰山路社区: the window began inside a word
            core = text[start:ss]
        if overflow and start > 0 and text[start - 1] in _WATER_PREP and any(ws == start for ws, _, _ in waters):
            overflow = False  # 经|长江北路: a preposition before a road named after a river bounds the name
        if overflow and not adjacent and core[:2] in words and core[:2] in pos_words(("f", "s", "d", "p"), 0.5) \
                and len(core) - 2 >= lo:
            start, overflow = start + 2, False  # 管制路段沿线|湘芸社区: a common word heads the window
            core = text[start:ss]
        if overflow and not adjacent:
            continue
        if not adjacent and core:
            start = _refine_start(text, start, ss, lo)
            core = text[start:ss]
        verb_bound = len(core) - 2 >= 1 and core[:2] in pos_words(("v",), 0.5) \
            and (len(core) - 2 >= lo or (level == "water" and _han(core[2]) and core[2] not in STOP_CHARS))
        if verb_bound:
            start, adjacent = start + 2, False  # (寨下村)紧邻|渌江: a verb heads the window, the name follows it
            core = text[start:ss]
        if adjacent and len(core) > lo and core[0] in "段片":
            start += 1  # 石峰段|金桂小区: the section of the place before, then the name
            core = text[start:ss]
        for ws, we, _w in waters:
            if start < ws < ss and ws - start == 1 and text[start] in _WATER_PREP:
                start = ws  # 沿湘江大道 → 湘江大道
            if ws == start and ss - we >= 2 and suf in _SPLIT_AFTER_WATER:
                start = we  # 白石港|下河街: a street beside the water, not part of its name
            core = text[start:ss]
        higher = adjacent and _LEVEL_RANK.get(bar_level.get(barrier, ""), 9) < _LEVEL_RANK.get(level, 9)
        if core and all(c in LEVEL_CHARS for c in core):
            continue  # 各区镇街: level characters, not a name
        soft = len(core) == 2 and core in words and level != "water" and (not higher or suf == "组") \
            and core not in pos_words(("ns", "nz"))  # 泰山社区: a place name is no common word
        # (召集社区, 动员社区: a common word glued to a generic suffix; kept only inside a list of places)
        if level in ("community", "residential") and any(w in core for w in ("街道", "社区", "小区")):
            continue  # 街道驻社区: a generic word inside the name
        if adjacent and suf in _AREA_ON_PLACE and (len(core) < lo or core in PLACE_BAD_CORES) and len(core) <= 3:
            pl = bar_start[barrier]  # 湘天桥|老街区: a block named after the place before it
            out.append(_Cand(pl, se, "PLACE", 3, level=level, canonical=text[pl:se]))
            continue
        if len(core) == 0 and level == "district" and adjacent:
            pl = bar_start[barrier]
            par = next((c for c in places_before if c[0] == pl and c[1] == barrier), None)
            out.append(_Cand(pl, se, "PLACE", 3, level=level, canonical=text[pl:se],
                             parent=par[2] if par else None))
            continue
        if len(core) < lo:
            whole = text[ss - 1:se] if ss > 0 else ""
            if (whole in KNOWN_WATERS and ss - 1 >= barrier) or (verb_bound and len(core) == 1):
                out.append(_Cand(ss - 1, se, "PLACE", 3, level="water", canonical=whole))
            continue
        if core in PLACE_BAD_CORES or core.endswith(_BAD_CORE_TAILS):
            continue
        if len(suf) == 1 and (text[ss - 1:se] in PLACE_BAD_TAILS or text[ss - 2:se] in PLACE_BAD_TAILS):
            continue
        if text[start:se] in PLACE_BAD_TAILS:
            continue
        nxt = text[se:se + 1]
        if len(suf) == 1 and nxt and _han(nxt) and (suf + nxt) in _BAD_NEXT_WORDS \
                and not (suf == "组" and text[se:se + 2] in words) \
                and not (suf + nxt in ("路段", "路口") and text.count(core + suf) > text.count(core + suf + nxt)):
            continue  # (湘芸路|段 where 湘芸路 also stands alone: a section of a named road, not 路段)
        name = text[start:se]
        out.append(_Cand(start, se, "PLACE", 3, level=level, canonical=name, extra={"soft": True} if soft else {}))
    out = _enumerated(text, out) + _counted_list_places(text)
    for s, e, w in waters:
        out.append(_Cand(s, e, "PLACE", 3, level="water", canonical=w))
    return out


def _water_matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every known water body in ``text``: name by name, left to right,
    non-overlapping (as ``re.finditer`` of each name)."""
    out = []
    for w in KNOWN_WATERS:
        i = text.find(w)
        while i >= 0:
            out.append((i, i + len(w), w))
            i = text.find(w, i + len(w))
    return out


_AREA_ON_PLACE = frozenset(("街区", *_STATIONS))
_WATER_PREP = frozenset("沿在到向往从经至于跨")
_LOC_JUNK_HEAD = _WATER_PREP | frozenset("段片和与及")
_SPLIT_AFTER_WATER = frozenset(("街", "路", "巷", "村", "社区", "小区"))
_COUNTED_LIST_RE = re.compile(
    r"((?:[\u4e00-\u9fff]{1,12}、)+[\u4e00-\u9fff]{2,8}?)(?:等|共|这|此)?"
    r"([0-9一二两三四五六七八九十]{1,3})个(街区|社区|小区|村|镇|乡|街道|片区)")
_COUNTED_LEVELS = {"街区": "residential", "小区": "residential", "片区": "residential", "社区": "community",
                   "村": "community", "镇": "street", "乡": "street", "街道": "street"}


def _counted_list_places(text: str) -> list[_Cand]:
    """The items of a list that the text counts as places: ``田心、井墈、湘天桥、桥梁厂共4个街区`` (as many
    items as the count, each 2–6 characters; the first starts where a word before it ends)."""
    out = []
    words = gz.frequent_words()
    for m in _COUNTED_LIST_RE.finditer(text):
        n = int(m.group(2)) if m.group(2).isdigit() else parse_chinese_number(m.group(2))
        items = m.group(1).split("、")
        if n is None or n != len(items):
            continue
        pos = m.start(1)
        first = items[0]
        cut = 0
        for ln in range(2, min(6, len(first) - 1) + 1):  # 先行启动田心 → 田心: a word ends right before it
            c = len(first) - ln
            if first[max(c - 2, 0):c] in words and first[c - 1:c + 1] not in words:
                cut = c
                break
        spans = []
        for k, item in enumerate(items):
            a = pos + (cut if k == 0 else 0)
            name = item[cut:] if k == 0 else item
            spans.append((a, pos + len(item), name))
            pos += len(item) + 1
        if all(2 <= len(name) <= 6 and not any(ch in STOP_CHARS for ch in name) for _, _, name in spans):
            level = _COUNTED_LEVELS[m.group(3)]
            out.extend(_Cand(a, e, "PLACE", 5, level=level, canonical=name) for a, e, name in spans)
    return out


def _enumerated(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Keep a doubtful (``soft``) rule place only when it is an item of a ``、`` list next to a sure
    place of the same level: 恒丰小区、煤气生活区、选矿生活区, 海青路、荷花路."""
    sure = [c for c in cands if not c.extra.get("soft")]
    soft = [c for c in cands if c.extra.get("soft")]
    changed = True
    while soft and changed:
        changed = False
        ends = {(c.end, c.level) for c in sure}
        starts = {(c.start, c.level) for c in sure}
        for c in list(soft):
            if (text[c.start - 1:c.start] == "、" and (c.start - 1, c.level) in ends) or \
                    (text[c.end:c.end + 1] == "、" and (c.end + 1, c.level) in starts):
                soft.remove(c)
                sure.append(c)
                changed = True
    return sorted(sure, key=lambda c: (c.start, c.end))


_BAD_NEXT_WORDS = frozenset((
    "江西", "江苏",  # (办好|江西那边的事: the province, not a river ending in 江)
    "村民", "村庄", "村级", "村里", "村委", "村干", "村落", "村组", "村口", "村头", "村务", "镇政", "镇长", "镇村",
    "乡镇", "乡村", "乡亲", "乡土", "乡愁", "路线", "路子", "路面", "路段", "路灯", "路口", "路边", "路径", "路况",
    "路基", "路网", "江湖", "河道", "河流", "河长", "河湖", "湖泊", "港口", "组长", "组织", "组成", "组建", "组合",
    "组员", "组团", "街头", "街巷", "街坊", "街面", "街边", "街景", "街角", "街上", "街市", "街舞", "街心",
    "街区", "塔吊", "溪流", "江山", "河堤", "湖区", "江段", "河段",
))


# ---------------------------------------------------------------- organizations

def _orgs(text: str, places: list[_Cand]) -> list[_Cand]:
    place_at_start: dict[int, _Cand] = {}
    place_at_end: dict[int, _Cand] = {}
    for c in sorted(places, key=lambda c: (c.end - c.start, c.start)):
        place_at_start[c.start] = c  # the longest place at each start (石峰区, not 石峰)
        place_at_end[c.end] = c
    spans = sorted((c.start, c.end) for c in places)
    starts = [s0 for s0, _ in spans]

    def inside(lo_: int, hi_: int, strict: bool) -> list[int]:
        k = bisect.bisect_left(starts, lo_ + (1 if strict else 0))
        res = []
        while k < len(spans) and spans[k][0] < hi_:
            if spans[k][1] <= hi_ or not strict:
                res.append(spans[k][0])
            k += 1
        return res

    out = []
    for m in _regexes()["org"].finditer(text):
        suf = m.group()
        lo, generic = _ORG_SUF[suf]
        ss, se = m.start(), m.end()
        nxt = text[se:se + 1]
        if nxt and nxt in ORG_BAD_NEXT.get(suf, ""):
            continue
        if text[ss - 1:ss] in ORG_BAD_PREV.get(suf, ()):
            continue  # 城市路网, 供水管网: a network of roads or pipes, not a website
        if suf == "委" and _title_at(text, se):
            continue  # 岳麓区委书记: the title is the role, not an organization
        if suf == "小学" and text[ss - 1:ss] == "中":
            continue  # 石峰区中小学: primary and secondary schools, a category, not one school
        # an office's portfolio may end in a verb-like word (城乡建设局, 政务服务中心); not 目前|所, 建起|博物馆
        start, overflow = _scan_left(text, ss, 0, 16, org=True, office=suf in OFFICE_SUFFIXES)
        k = bisect.bisect_left(starts, start) - 1
        while k >= 0 and spans[k][0] < start < spans[k][1]:
            start, overflow = spans[k][0], False  # a stop character inside a place name (会龙山街道)
            k -= 1
        tm = None
        for tm in _regexes()["title"].finditer(text, start, ss):
            pass
        if tm is not None:  # a job title inside the core ends the phrase before the name
            start, overflow = tm.end(), False
        lk = None
        for lk in _ORG_LINK_RE.finditer(text, start, ss):
            pass
        if lk is not None:  # 荷塘区人社局联合区总工会: two bodies acting together
            start, overflow = lk.end(), False
        # a place right before the core (stopped by a stop char inside it, e.g. 大丰社区) joins
        while start in place_at_end and place_at_end[start].start < start:
            start = place_at_end[start].start
        if overflow:
            inner = inside(start, ss, False)
            if not inner:
                continue
            start = min(inner)
        if start > 0 and ss - start > max(lo, 2) and text[start - 1:start + 1] in gz.frequent_words() \
                and start not in place_at_start and text[start] not in LEVEL_CHARS:
            start += 1  # 了解X → X
        while ss - start > max(lo, 2) and text[start] in "家座所个位名栋" and text[start - 1:start] \
                and text[start - 1] in "一两几每各该这那多数0123456789０１２３４５６７８９":  # 35家航空公司
            start += 1
        # start at the first place inside the core when the text before it is not name-like
        inner = inside(start, ss, True)
        if inner and start not in place_at_start:
            junk = text[start:inner[0]]
            if len(junk) >= 3 or junk in gz.common_words():
                start = inner[0]
        elif inner:  # 湘江|一级饮用水源保护区|株洲电厂: a place, a phrase, then the body's own place
            pos = start
            while pos in place_at_start and place_at_start[pos].end > pos:
                pos = place_at_start[pos].end  # a chain of places names the body (石峰区清水塘街道党工委)
            later = [a for a in inner if a >= pos]
            if later and later[0] - pos >= 3:
                start = later[0]
        m2 = re.match(r"[一二三四五六七八九十两几多数每各该][家座所个位名栋批]", text[start:ss])
        if m2:
            start += m2.end()  # 两家公司, 多家医院
        words = gz.frequent_words()
        if start not in place_at_start:
            for ln in (4, 3, 2):
                w = text[start:start + ln]
                if ss - start - ln < 2:
                    continue
                nxt_word = text[start + ln:start + ln + 2] in words or (start + ln) in place_at_start
                if w in _ORG_LEAD_VERBS or (w in words and w not in _ORG_HEAD_WORDS and nxt_word
                                            and w[-1] not in LEVEL_CHARS and w[0] not in LEVEL_CHARS
                                            and w not in ("街道", "社区")):
                    start += ln  # 批准劳拉公司 → 劳拉公司, 求学东南大学 → 东南大学
                    break
        core = text[start:ss]
        if suf in ORG_STANDALONE and (not core or (suf == "新华社" and start not in place_at_start)):
            out.append(_Cand(ss, se, "ORG", 4, canonical=text[ss:se]))  # 致电新华社 → 新华社
            continue
        # the core must contain at least lo characters that are not a leading place
        pl = place_at_start.get(start)
        while pl is not None and pl.end < ss and place_at_start.get(pl.end) is not None \
                and place_at_start[pl.end].end <= ss:
            pl = place_at_start[pl.end]  # the innermost place of a chain (湘潭市雨湖区 → 雨湖区)
        prefix = (pl.end - start) if pl and pl.end <= ss else 0
        if len(core) < lo:
            continue
        if suf == "站" and text[max(0, ss - 1):se] in _STATION_TAILS:
            continue  # 株洲西站, 株洲火车站: a station is a place
        if suf == "厂" and pl is not None and pl.level in ("community", "residential"):
            continue  # 栗雨社区立付组污水处理厂: a facility where it stands, not a named body
        own = core[prefix:]
        bare = own.lstrip("省市区县镇乡村")
        if own in ORG_BAD_CORES or core in ORG_BAD_CORES or bare in ORG_BAD_CORES or own in _AREA_WORDS:
            continue
        if re.search("[两各多数]国", core):
            continue  # 巴基斯坦和印度两国政府: the governments of several countries, not a name
        if not prefix and len(own) == 2 and own in words and own not in _ORG_HEAD_WORDS \
                and suf in _ORG_NAMED_SUFFIXES:
            continue  # 上市公司, 保险公司, 卫生学院: a generic word, not a name
        if generic and not prefix and text[start - 1:start + 1] in _AREA_WORDS:
            continue
        if len(suf) == 1 and core and (core[-1] + suf) in _ORG_BAD_TAILS:
            continue
        if generic:
            level_prefix = bool(prefix) or (core[:1] in LEVEL_CHARS) or core.startswith("街道")
            if not level_prefix or (len(own.lstrip("省市区县镇乡村")) < 1 and len(suf) < 3):
                continue  # 石峰区图书馆 is a name; 石峰区局 is not
        if len(core) == 0 or re.search(r"[省市区县]委[省市区县镇乡]政府$", text[start:se]):
            continue  # 石峰区委区政府: two organizations (added below)
        out.append(_Cand(start, se, "ORG", 4, canonical=text[start:se], prefix=prefix,
                         parent=pl.canonical if prefix and pl.level in _ADMIN_LEVELS else None))
    # party committee / government of a place: 株洲市委, 区委, 市政府 (not when a title follows)
    for m in re.finditer(r"[省市区县]委(?!员|托|屈|婉|会|书记|副书记|常委|办)|[省市区县镇乡]政府", text):
        s = m.start()
        start = place_at_end[s + 1].start if (s + 1) in place_at_end else s
        words_end_here = text[max(s - 2, 0):s] in gz.frequent_words() or text[max(s - 2, 0):s] in gz.common_words()
        glued = text[s - 1:s + 1] in gz.frequent_words() or text[s - 1:s + 1] in gz.common_words()
        if start == s and s > 0 and _han(text[s - 1]) and text[s - 1] not in STOP_CHARS and text[s - 1] not in "、" \
                and not (text[s - 1] == "委" and text[s - 2:s - 1] in LEVEL_CHARS and m.group().endswith("政府")) \
                and not (words_end_here and not glued):
            continue  # 城市政府 is not 市政府; 荣膺|省政府 is
        pl = place_at_start.get(start)
        out.append(_Cand(start, m.end(), "ORG", 4, canonical=text[start:m.end()],
                         prefix=(pl.end - start - 1) if pl and start < s else 0,
                         parent=pl.canonical if pl and start < s else None))
    # a media brand after its paper in a dateline: 株洲日报·掌上株洲讯, 株洲日报·掌上株洲记者
    for m in _MEDIA_BRAND_RE.finditer(text):
        out.append(_Cand(m.start(2), m.end(2), "ORG", 4, canonical=m.group(2)))
    # a unit of an organization written right after it: 市住建局消防科, 市自规局不动产登记中心
    for c in list(out):
        if text[c.end - 1:c.end] not in _UNIT_PARENT_ENDS:
            continue
        m = _SUBUNIT_RE.match(text, c.end)
        if m and not _regexes()["title"].search(m.group()) and not any(ch in _SUBUNIT_STOP for ch in m.group(1)):
            out.append(_Cand(c.start, m.end(), "ORG", 4, canonical=text[c.start:m.end()], prefix=c.prefix,
                             parent=c.parent))
    return out


# a verb joining one named body to the next (人社局联合区总工会, 市城管局会同市公安局)
_ORG_LINK_RE = re.compile(r"(?:(?<=[厂司局院校会部委办所队行台报馆站团处室区村镇乡])|(?<=社区)|(?<=街道)|(?<=政府))"
                          r"(?:联合(?![会国体])|会同|携手|联手|协同|配合|邀请|组织|指导|牵头|委托|协助|召集|督促|要求|依托)")
_MEDIA_BRAND_RE = re.compile(r"(日报|晚报|时报|电视台|广播电台|新闻网)[·•]([\u4e00-\u9fff]{2,6}?)(?=讯|全媒体|记者|通讯员|[（(])")
_UNIT_PARENT_ENDS = frozenset("局委办厅院部")
_SUBUNIT_STOP = frozenset("的是在和与及对把被向为了将从到给让使由并或而但也都已又就还")
_SUBUNIT_RE = re.compile(r"([\u4e00-\u9fff]{1,6}?)(科|处|室|股|中心|大队|支队|中队)(?=[、，,。；;：:和与及等\s）)“”]|$)")


_LEVEL_RANK = {"province": 0, "city": 1, "district": 2, "street": 3, "community": 4, "residential": 5}
_ORG_HEAD_WORDS = frozenset(("中国", "中华", "人民", "国家", "国际", "全国", "中央", "中共", "共青", "第一", "第二",
                             "第三", "国务", "北京", "上海", "天津", "重庆", "香港", "澳门", "台湾", "南方", "北方",
                             "东方", "西部", "东部", "华北", "华东", "华南", "华中", "西北", "西南", "东北"))
_ORG_LEAD_VERBS = frozenset(("批准", "求学", "当兵", "经过", "否则", "直达", "成立", "组建", "收购", "并购",
                             "入股", "控股", "委托", "授权", "考入", "考上", "就读", "毕业"))
_ORG_NAMED_SUFFIXES = frozenset(("公司", "有限公司", "集团", "协会", "学会", "学院", "大学", "中学", "小学",
                                 "医院", "银行", "研究所", "研究院", "联合会", "商会", "中心", "学校", "基金会",
                                 "日报", "晚报", "电视台"))
_ADMIN_LEVELS = frozenset(("province", "city", "district", "street", "community"))
_AREA_WORDS = frozenset(("小区", "社区", "街区", "园区", "城区", "景区", "片区", "辖区", "山区", "校区", "矿区",
                        "厂区", "营区", "郊区", "市区", "灾区", "老区", "新区", "城市", "都市", "超市", "门市"))


_ORG_BAD_TAILS = frozenset((
    "干部", "全部", "内部", "外部", "局部", "头部", "底部", "东部", "西部", "南部", "北部", "中部", "腹部", "背部",
    "大局", "格局", "布局", "结局", "当局", "开局", "开办", "举办", "主办", "承办", "创办", "协办", "督办", "交办",
    "代办", "包办", "申办", "合办", "联办", "试办", "筹办", "兴办", "查办", "领办", "帮办", "快办", "好办", "怎么办", "中心", "重心", "核心",
    "爱心", "初心", "信心", "决心", "民心", "人心", "用心", "耐心", "细心", "安心", "放心", "关心", "热心",
    "团队", "部队", "军队", "排队", "插队", "车队", "站队", "梯队", "球队", "乐队", "舰队", "连队", "列队",
    "车站", "网站", "驿站", "岗站", "场所", "住所", "处所", "厕所", "诊所", "哨所", "寓所", "学院", "法院",
    "医院", "庭院", "剧院", "影院", "宅院", "书院", "大院", "小院", "本科", "学科", "专科", "外科", "内科",
    "政委", "编委", "常委", "党委", "纪委", "村委", "居委",
))


def _abbreviations(text: str, orgs: list[_Cand]) -> tuple[list[_Cand], dict[str, str]]:
    """``FULL(以下简称X)`` → (candidates for X, {X: FULL})."""
    by_end = {}
    for c in orgs:
        if c.end not in by_end or c.start < by_end[c.end].start:
            by_end[c.end] = c
    out, defs = [], {}
    for m in ABBREV_RE.finditer(text):
        full = by_end.get(m.start())
        short = m.group(1)
        if not all(_han(ch) for ch in short):
            continue
        if full is None:
            full = _defined_full_name(text, m.start(), short)
            if full is None:
                continue
            out.append(full)
        defs[short] = text[full.start:full.end]
        full.prio = 5
    for short, full in sorted(defs.items()):
        for m in re.finditer(re.escape(short), text):
            out.append(_Cand(m.start(), m.end(), "ORG", 5, canonical=full))
    return out, defs


def _defined_full_name(text: str, end: int, short: str) -> _Cand | None:
    """The full name before ``（以下简称SHORT）`` that no suffix rule found (天元区社会福利和居家养老服务
    中心): from where the short form's head starts, over Han characters and in-name conjunctions,
    when the short form's characters appear in it in order."""
    i = end
    while i > 0 and end - i < 30 and (_han(text[i - 1]) or text[i - 1] in "、·"):
        i -= 1
    window = text[i:end]
    head = window.rfind(short[:2])
    if head < 0 or len(window) - head <= len(short):
        return None
    full = window[head:]
    k = 0
    for ch in full:
        if k < len(short) and ch == short[k]:
            k += 1
    if k < len(short) or not full.endswith(tuple(s for s, *_ in ORG_SUFFIXES)):
        return None
    return _Cand(i + head, end, "ORG", 5, canonical=full)


# ---------------------------------------------------------------- people

_NAME_END = frozenset("说的是在到和与对等也就都又还同跟带率一亲多了着过将把被让向从为于以及、")


def _read_name(text: str, p: int, bounded_only: bool = False) -> int | None:
    """End of a person name starting at ``p`` (surname + 1-2 given characters), or None."""
    ns = gz.name_stats()
    n = len(text)
    if p >= n or not _han(text[p]):
        return None
    ls = ns.surname_at(text, p)
    if ls == 0:
        return None
    g = p + ls
    run = 0
    while g + run < n and _han(text[g + run]) and run < 3:
        run += 1
    if run == 0:
        return None
    for h in HONORIFICS:
        if text.startswith(h, g):
            return None
    if text.startswith("某", g) or text[g] in "氏":
        return None
    if _title_at(text, g):
        return None
    end = _name_len(text, p, ls, g, run, bounded_only)
    if end is None or text[p:end] in _NOT_NAMES or (text[p:end] in gz.common_words() and not _name_shaped(text[p:end])):
        return None
    return end


def _name_shaped(word: str) -> bool:
    """A dictionary word that is a person's name all the same (谢芳, 谭军: word lists hold famous
    names): a common surname, given chars typical of names, no noun, verb or adjective reading, and
    (almost) never written as a word in the training text (not 幸福, 黄河, 高峰)."""
    ns = gz.name_stats()
    return word[0] in gz.COMMON_SURNAMES and all(ns.given_score(c) >= 0.1 for c in word[1:]) \
        and word not in pos_words(("n", "v", "vi", "a", "d", "nz", "ns", "t", "m", "q", "r"), 0.3) \
        and load_char_stats().bi.get(word, 0) < 5


_NOT_NAMES = frozenset(("党员", "干部", "群众", "居民", "业主", "志愿", "社区", "街道", "政府", "领导"))


def _name_len(text: str, p: int, ls: int, g: int, run: int, bounded_only: bool) -> int | None:
    ns = gz.name_stats()
    n = len(text)
    bounded = g + run >= n or not _han(text[g + run])
    while run > 1 and (text[g + run - 1] in _NAME_END or text[g + run - 1] in "称"):
        run -= 1  # 周骥说。
        bounded = False
    if bounded and run <= 2:
        return g + run
    if bounded_only:
        return None
    c1 = text[g]
    if run >= 2 and ls == 1 and text[g + 1] == c1 and not (g + 2 < n and text[g + 2] == c1):
        return g + 2  # a doubled given name after a cue: 区委书记许多多, 记者张海海
    if c1 in _NAME_END and ns.given_score(c1) < 0.05:
        return None
    if run == 1:
        return g + 1
    c2 = text[g + 1]
    s2 = ns.given_score(c2)
    if c2 in _NAME_END or _title_at(text, g + 1) or text.startswith(SPEECH, g + 1):
        return g + 1
    if ls == 2:  # compound surname: 欧阳X or 欧阳XY
        return g + 2 if s2 >= 0.01 else g + 1
    if _adverb_after_name(text, g + 1, s2):
        return g + 1  # 傅永正忙着采摘: an adverb before the verb
    after = text[g + 2:g + 3]
    if not after or not _han(after) or after in STOP_CHARS or text.startswith(SPEECH, g + 2) \
            or _title_at(text, g + 2):
        return g + 2 if s2 >= (0.001 if text.startswith(SPEECH, g + 2) else 0.002) else g + 1
        # 罗春风更是…: the run ends at a function word (李秋月说: a speech verb after it, 月 will do)
    words = gz.common_words()
    nxt2 = text[g + 1:g + 3]
    if nxt2 in words and s2 < 0.15:
        return g + 1
    if 0.01 <= s2 < 0.02 and nxt2 not in load_words() \
            and (text[g + 2:g + 4] in load_words() or text[g + 2] in pos_words(("v", "vi"))):
        return g + 2  # 李桂花拿着: the char after the name opens the predicate (a verb), 花拿 is no word
    return g + 2 if s2 >= 0.02 else g + 1


_ADVERB_AFTER_NAME = frozenset("正已曾将便却仍再亦总")


def _adverb_after_name(text: str, i: int, score: float) -> bool:
    """Whether ``text[i]`` (after surname + one given character) is an adverb opening the predicate
    rather than a given-name character: 傅永正忙着, 李艳正在为…, 李明已到 (not 李国正说, 张守正主持)."""
    c = text[i:i + 1]
    if not c or c not in _ADVERB_AFTER_NAME or score >= 0.05:
        return False
    return c != "正" or "着" in text[i + 2:i + 4] or text[i + 1:i + 2] == "在"


def _title_at(text: str, i: int) -> str | None:
    m = _regexes()["title"].match(text, i)
    return m.group() if m else None


def _people(text: str) -> list[_Cand]:
    rx = _regexes()
    out: list[_Cand] = []
    n = len(text)

    def add_list(p: int, end: int, sep_ok: str, title_end: int | None, byline: bool) -> None:
        out.append(_Cand(p, end, "PERSON", 4, title_end=title_end, extra={"byline": byline}))
        q = end
        while q < n:
            r = q
            while r < n and text[r] in sep_ok:
                r += 1
            if r == q:
                break
            e2 = _read_name(text, r, bounded_only=byline)
            if e2 is None or e2 - r > 4:
                break
            out.append(_Cand(r, e2, "PERSON", 4, title_end=title_end, extra={"byline": byline}))
            q = e2

    for m in rx["byline"].finditer(text):
        p = m.end()
        while p < n and text[p] in " \u3000/：:·":
            p += 1
        e = _read_name(text, p, bounded_only=True)
        if e is not None:
            add_list(p, e, " \u3000、", m.end(), True)
    for m in rx["title"].finditer(text):
        p = m.end()
        e = _read_name(text, p)
        if e is not None:
            add_list(p, e, "、", m.end(), False)
    ns = gz.name_stats()
    for m in rx["resident"].finditer(text):
        p = m.end()
        e = _read_name(text, p)
        if e is not None and text[p] in gz.COMMON_SURNAMES and e - p >= 2 \
                and all(ns.given_score(c) >= 0.02 for c in text[p + 1:e]):
            out.append(_Cand(p, e, "PERSON", 4, title_end=None))
    for m in _AGE_CUE_RE.finditer(text):  # 64岁的段文武: a person right after an age and 的
        p = m.end()
        e = _read_name(text, p)
        if e is not None and e - p == 3 and text[p] in gz.COMMON_SURNAMES \
                and all(ns.given_score(c) >= 0.02 for c in text[p + 1:e]) and text[p:e] not in gz.frequent_words():
            out.append(_Cand(p, e, "PERSON", 4, title_end=None))
    for m in rx["speech"].finditer(text):
        # boundary + name + speech verb: only for bounded 2-3 char runs with typical given chars
        s = m.start()
        for ln in (3, 2):
            p = s - ln
            if p < 0 or (p > 0 and _han(text[p - 1]) and text[p - 1] not in "、"):
                continue
            e = _read_name(text, p)
            if e == s and text[p] in gz.COMMON_SURNAMES \
                    and all(ns.given_score(c) >= 0.03 for c in text[p + 1:s]):
                out.append(_Cand(p, e, "PERSON", 2, title_end=None))
                break
    return [c for c in out if not _pseudonym(text, c.start, c.end)]


_AGE_CUE_RE = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})(?:周)?岁的")
POST_CUES = ("老人", "一行", "同志", "等人", "夫妇", "老两口", "一家")


def _post_cue_people(text: str, ends: set[int]) -> list[_Cand]:
    """``三门镇李伏初老人``, ``指导组朱建钢一行``: a bounded surname+given run before a cue word."""
    ns = gz.name_stats()
    out = []
    for m in re.finditer("|".join(POST_CUES), text):
        s = m.start()
        for ln in (3, 2):
            p = s - ln
            if p < 0 or text[p] not in gz.COMMON_SURNAMES:
                continue
            left_ok = p == 0 or not _han(text[p - 1]) or text[p - 1] in STOP_CHARS or p in ends
            given = text[p + 1:s]
            if not left_ok or not all(_han(c) for c in given):
                continue
            if any(ns.given_score(c) < (0.02 if ln == 3 else 0.05) for c in given):
                continue
            name = text[p:s]
            if name in gz.frequent_words() or name in gz.common_words() or _pseudonym(text, p, s):
                continue
            out.append(_Cand(p, s, "PERSON", 2))
            break
    return out


def _pseudonym(text: str, s: int, e: int) -> bool:
    """``小鱼(化名)``, surname + honorific, 老X/小X familiar forms."""
    after = text[e:e + 5]
    if re.match(r"\s*[（(]\s*化名", after):
        return True
    surf = text[s:e]
    if len(surf) <= 2 and surf[:1] in "老小阿":
        return True
    return any(surf.endswith(h) for h in HONORIFICS if len(h) >= 2)


# ---------------------------------------------------------------- CRF (optional)

@lru_cache(maxsize=1)
def _tagger():
    try:
        from pipeline.text import ner_model

        return ner_model.load_default()
    except Exception:  # noqa: BLE001
        return None


_ORG_END_CHARS = frozenset("厂司局院校会部委办所队行台报馆站团处室")
# characters an organization name may end with when the CRF proposes it (news: 联合国, 国务院, 中共中央,
# 新华社, 解放军, 社民党, 欧盟, 国家新闻出版署, 内阁, 十五大 …)
_CRF_ORG_END = _ORG_END_CHARS | frozenset("盟社组心园国党军署联府阁央协科厅营网店场学宫刊所大织")
_PLACE_END_CHARS = frozenset("省市县区镇乡村路街道山河江湖港岛州洲渠桥湾塘坪岭坡园场洋海峡谷原亚坝寨屯庄堡营关口岗林沟滩"
                             "巷弄里城府郡邦国")
_CRF_BAD_CHARS = frozenset(" \t\u3000、，。；：！？“”‘’《》（）()#*,.;:!?\"'【】[]/|▲●■◆★")
# continents, oceans and world regions (general knowledge; the gazetteer holds countries and cities)
WORLD_REGIONS = frozenset((
    "亚洲", "欧洲", "非洲", "美洲", "大洋洲", "南极洲", "北美", "南美", "拉美", "中美洲", "北美洲", "南美洲",
    "东亚", "南亚", "西亚", "中亚", "东南亚", "东北亚", "中东", "近东", "远东", "北欧", "西欧", "东欧", "南欧",
    "中欧", "北非", "东非", "西非", "南非", "中非", "太平洋", "大西洋", "印度洋", "北冰洋", "地中海", "加勒比",
    "亚太", "海湾", "巴尔干", "中南海", "长城", "内地", "大陆", "华北", "华东", "华南", "华中", "西北", "西南",
    "东北", "江南", "江北", "岭南", "中原", "关中", "青藏高原", "珠三角", "长三角",
))
# one-character country/province abbreviations (PD tags 中美关系, 访华, 对韩 as places)
_ABBR_PLACES = frozenset("中美日俄英法德韩朝华京沪津渝港澳台苏越印巴欧非亚藏青川粤湘鄂豫冀晋鲁皖赣闽浙黔滇桂琼陕甘"
                         "辽吉黑蒙意荷葡加墨埃叙泰菲缅柬伊以")
_GENERIC_ORGS = frozenset(("党委", "纪委", "支部", "政府", "单位", "部门", "公司", "集团", "学校", "医院", "总部",
                           "党组", "工会", "协会", "学会", "社团", "组织", "国家", "中央", "委员会"))
# bodies every town has: named this way, they identify nothing (业委会 of which compound?)
_GENERIC_BODIES = frozenset(("业委会", "业主委员会", "业主大会", "派出所", "消防队", "办事处", "街道办事处", "居委会",
                             "村委会", "物业公司", "物业", "博物馆", "图书馆", "医院", "学校", "法院"))


def _joined_fields(surf: str) -> bool:
    """Whether each 和/与 inside an organization's name joins two fields of one body
    (`中国物流与采购联合会`, `市住房和城乡建设局`), not two bodies or places (`区总工会与区妇联`)."""
    for i, c in enumerate(surf[1:-1], 1):
        if c in "和与" and (surf[i - 1] in _CRF_ORG_END or surf[i - 1] in _PLACE_END_CHARS
                           or len(surf) - i - 1 < 3 or surf[-1] not in _CRF_ORG_END):
            return False
    return True


def _bare_type_word(surf: str, kind: str) -> bool:
    """A place or organization named only by its type word (博物馆, 派出所, 小区, 中心: a back-reference
    such as 该中心 or 中心已完成…): no name part; a
    day of the week read as a person (周六晚)."""
    if kind == "ORG":
        return surf in _GENERIC_BODIES or surf in _GENERIC_ORGS or _ORG_SUF.get(surf, (0, False))[1] \
            or bool(_LEVEL_BRANCH_RE.match(surf)) or surf in _ACTIVITY_ORGS
    if kind == "PLACE":
        return surf in _GENERIC_BODIES or surf in _PLACE_SUF or surf in _ORG_SUF
    if kind == "PERSON":
        return bool(_WEEKDAY_RE.match(surf))  # 周六晚: a day of the week, not 周 + a given name
    return False


# an activity word and a generic suffix (服务队, 工作站): a back-reference; not 国家队, a body of its own
_ACTIVITY_ORGS = frozenset(core + suf for core in ("服务", "工作", "活动", "业务") for suf, (_, gen) in _ORG_SUF.items() if gen)
# the party branch or committee of a village or town named by no name (村党支部, 镇党委): part of a title
_LEVEL_BRANCH_RE = re.compile(r"^[村镇乡](?:党支部|党总支|党委|党工委|支部|总支|居委会|村委会|委员会)$")
_WEEKDAY_RE = re.compile(r"(?:周|星期|礼拜)[一二三四五六日天末](?:[晚早夜午上下中]|$)")


_NEWS_TITLES = ("总理", "副总理", "总统", "副总统", "首相", "外长", "大使", "国务卿", "议长", "总书记", "将军",
                "同志", "主席", "委员长")


def _word_ahead(text: str, s: int, e: int, words: frozenset[str]) -> bool:
    """``text[s:e]`` plus the next one or two Han characters (whitespace skipped) is a word: 中华|民族."""
    nxt = []
    i = e
    while i < len(text) and len(nxt) < 2 and i - e < 8:
        if _han(text[i]):
            nxt.append(text[i])
        elif not text[i].isspace():
            break
        i += 1
    head = text[s:e]
    return any(head + "".join(nxt[:k]) in words for k in (1, 2) if len(nxt) >= k)


def _after_preposition(text: str, c: _Cand, words: frozenset[str]) -> bool:
    """A full street/town name whose only crossing word is a preposition glued to its first char
    (在|建宁街道 against 在建): the place reads whole after the preposition."""
    name = text[c.start:c.end]
    return c.start > 0 and text[c.start - 1] in "在从到向于往赴" and name.endswith(("街道", "社区", "镇", "乡")) \
        and len(name) >= 4 and not _cuts_word(text, c.start - 1, c.end, words)


def _cuts_word(text: str, s: int, e: int, words: frozenset[str]) -> bool:
    """A dictionary word of 2-3 characters crosses an edge of ``text[s:e]``: it starts before ``s``
    and ends inside the span (沿海|地区 for 海地), or starts inside it and ends after ``e`` (发展中国家)."""
    for k in (2, 3):
        if any(text[a:a + k] in words for a in range(max(0, s - k + 1), s) if a + k < e):
            return True
        if any(text[a:a + k] in words for a in range(max(s + 1, e - k + 1), e) if a + k <= len(text)):
            return True
    return False


def _gaz_known(name: str) -> bool:
    """``name`` is a gazetteer full name, a matched short name (province, city, country) or a world
    region."""
    if name in WORLD_REGIONS or name in _gaz_names():
        return True
    return name in _gaz_names(other_districts=True) and name not in gz.frequent_words() \
        and name not in gz.common_words()


@lru_cache(maxsize=2)
def _gaz_names(other_districts: bool = False) -> frozenset[str]:
    """Full names of every gazetteer place; short names of countries, provinces, cities and the focus
    province's districts (short district names elsewhere are too often words: 天桥, 城中); with
    ``other_districts`` only the short names of districts outside the focus province."""
    g = gz.load()
    names = set()
    for p in g.places:
        if p.level not in ("country", "province", "city", "district"):
            continue  # street and community names go through the gazetteer rules (城中村 is a word)
        if other_districts:
            if p.short and len(p.short) >= 2 and p.level == "district" and p.province != g.focus:
                names.add(p.short)
            continue
        if not p.name.startswith("\0"):
            names.add(p.name)
        if p.short and len(p.short) >= 2 and (p.level in ("country", "province", "city")
                                              or (p.level == "district" and p.province == g.focus)):
            names.add(p.short)
    return frozenset(names)


def _foreign_like(surf: str) -> bool:
    """A transliterated or surname-less name: its characters are typical inside training names."""
    ns = gz.name_stats()
    parts = [c for c in surf[1:] if c != "·"]
    if not parts:
        return False
    return sum(ns.given_score(c) for c in parts) / len(parts) >= 0.04


CRF_SURE = 0.9  # marginal probability above which a CRF span skips the soft (shape) filters
CRF_VETO = 0.95  # mean outside-probability above which a rule organization is dropped
CRF_NAME_SURE = 0.995  # a CRF name this sure may follow a character that is not a word break (学好|邓小平)
CRF_WORD_PLACE = 0.95  # a two-character CRF place that is also a common word needs this confidence


def _tag_line(tagger, line: str) -> tuple[list[tuple[int, int, str, float | None]], list[float] | None]:
    """CRF spans of one line with a confidence (the lowest marginal probability of the span's tags),
    and per character the marginal probability of being outside every entity (None if unknown).

    Uses the tagger's compiled decoder when it has one (see :func:`_decode_lines`), else its
    pycrfsuite model directly (same chunks, features and Viterbi path as ``Tagger.tag``); falls back
    to ``Tagger.tag`` without confidences. Never raises."""
    if not line.strip():
        return [], None
    res = _try_decode(tagger, [line])
    if res is not None:
        return res[0]
    try:
        from pipeline.text import ner_model as nm

        line.encode("utf-8")
        crf, lex, lock = tagger._crf, tagger.lexicon, tagger._lock
        out = []
        outside = [1.0] * len(line)
        for a, b in nm.chunk_spans(line):
            chunk = line[a:b]
            if not chunk.strip():
                continue
            feats = nm.sent_features(chunk, lex)
            with lock:
                tags = crf.tag(feats)  # also sets the sequence for the marginals
                margs = [crf.marginal(tg, i) for i, tg in enumerate(tags)]
                for i in range(len(tags)):
                    outside[a + i] = crf.marginal("O", i)
            for s, e, t in nm.bioes_to_spans(tags):
                while s < e and chunk[s].isspace():
                    s += 1
                while e > s and chunk[e - 1].isspace():
                    e -= 1
                if e > s:
                    out.append((a + s, a + e, t, min(margs[s:e])))
        return out, outside
    except Exception:  # noqa: BLE001
        return _tag_line_plain(tagger, line), None


def _tag_lines(tagger, lines: list[str]) -> list[tuple[list[tuple[int, int, str, float | None]], list[float] | None]]:
    """:func:`_tag_line` of every line, decoded in one batch when the tagger has a compiled decoder."""
    res = _try_decode(tagger, lines)
    return res if res is not None else [_tag_line(tagger, line) for line in lines]


def _try_decode(tagger, lines: list[str]):
    """:func:`_decode_lines` with the tagger's compiled decoder; None when it has none, a line holds a
    lone surrogate or anything fails (the callers then take the python-crfsuite path: same answer)."""
    dec = getattr(tagger, "decoder", None)
    if dec is None:
        return None
    try:
        "\n".join(lines).encode("utf-8")
        return _decode_lines(dec, tagger.lexicon, lines)
    except Exception:  # noqa: BLE001
        return None


def _decode_lines(dec, lex, lines: list[str]) -> list[tuple[list[tuple[int, int, str, float]], list[float] | None]]:
    """CRF spans with confidences and per-character outside probabilities of each line (as
    :func:`_tag_line`), all chunks of all lines decoded at once by the compiled decoder."""
    from pipeline.text import ner_model as nm

    text = "\n".join(lines)
    chunks: list[tuple[int, int]] = []
    line_of: list[int] = []
    pos = 0
    for k, line in enumerate(lines):
        if line.strip():
            for a, b in nm.chunk_spans(line):
                if line[a:b].strip():
                    chunks.append((pos + a, pos + b))
                    line_of.append(k)
        pos += len(line) + 1
    res: list[tuple[list, list[float] | None]] = [([], None) for _ in lines]
    if not chunks:
        return res
    ids, mtag, mout, offs = dec.decode(lex, text, chunks)
    n = int(offs[-1])
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    # outside probability of every character of the text (1.0 outside the decoded chunks)
    chunk_a = np.array([a for a, _ in chunks], dtype=np.int64)
    shift = chunk_a - offs[:-1]  # text position = decoded position + shift of its chunk
    full = np.ones(len(text))
    full[np.arange(n) + np.repeat(shift, offs[1:] - offs[:-1])] = mout
    for k, line in enumerate(lines):
        if line.strip():
            res[k] = ([], full[starts[k]:starts[k] + len(line)].tolist())
    # runs of entity tags (cut at chunk edges) decode on their own: an O closes every open entity
    ent = ids != dec.outside
    first = np.zeros(n, dtype=bool)
    first[offs[:-1]] = True
    last = np.zeros(n, dtype=bool)
    last[offs[1:] - 1] = True
    prev = np.concatenate(([False], ent[:-1]))
    nxt = np.concatenate((ent[1:], [False]))
    run_a = np.flatnonzero(ent & (~prev | first))
    run_b = np.flatnonzero(ent & (~nxt | last)) + 1
    if not len(run_a):
        return res
    run_c = np.searchsorted(offs, run_a, side="right") - 1
    labels = dec.labels
    margs = mtag.tolist()
    ids_l = ids.tolist()
    shift_l = shift.tolist()
    for r0, r1, c in zip(run_a.tolist(), run_b.tolist(), run_c.tolist(), strict=True):
        k = line_of[c]
        d = shift_l[c]
        out = res[k][0]
        for s, e, t in nm.bioes_to_spans([labels[i] for i in ids_l[r0:r1]]):
            s += r0
            e += r0
            while s < e and text[s + d].isspace():
                s += 1
            while e > s and text[e - 1 + d].isspace():
                e -= 1
            if e > s:
                out.append((s + d - starts[k], e + d - starts[k], t, min(margs[s:e])))
    return res


def _tag_line_plain(tagger, line: str) -> list[tuple[int, int, str, float | None]]:
    """``Tagger.tag`` spans without confidences (never raises)."""
    try:
        res = []
        for s, e, t in tagger.tag(line):
            if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(line) and t in ("PER", "LOC", "ORG"):
                res.append((s, e, t, None))
        return res
    except Exception:  # noqa: BLE001
        return []


def _crf(text: str, rule_cands: list[_Cand] = ()) -> list[_Cand]:
    """CRF spans, filtered so that rules and the gazetteer keep their boundaries.

    A span crossing a rule candidate's edge is dropped. People: 2+ characters, a surname or a
    transliteration-like name, no honorific/pseudonym, not glued into a word; a CRF name that extends
    a rule name with a foreign part (科菲·安南) replaces it. Organizations end like an organization
    (a broad set of ending characters), hold no verb and no rule organization or person, and
    outrank the places they contain (中国共产党, 山西省残联). Places: any length when the gazetteer or
    the world-region list knows the name, a place-like ending for unknown 3+ character names,
    country abbreviations for one character (中美, 访华); one that extends a single rule place
    (邢台县, 内蒙古) replaces it, one spanning several rule places leaves them (街道 + 社区).
    """
    tagger = _tagger()
    if tagger is None:
        return []
    out = []
    ns = gz.name_stats()
    words = gz.frequent_words()
    cwords = gz.common_words()
    rule_spans = sorted({(c.start, c.end) for c in rule_cands})
    by_span: dict[tuple[int, int], set[str]] = {}
    for c in rule_cands:
        by_span.setdefault((c.start, c.end), set()).add(c.type)
    rule_ends = {e for _, e in rule_spans}
    # rule organizations the CRF may veto: not named after a place or an administrative level
    # (区征拆办, 街道人居办, 市政府 stay; 经海口市中级人民法院, 当兵上大学 may go)
    places_at = {c.start for c in rule_cands if c.type == "PLACE"}
    rule_orgs = [c for c in rule_cands if c.type == "ORG" and c.prio == 4 and c.start not in places_at
                 and text[c.start] not in LEVEL_CHARS and not text.startswith(("街道", "社区"), c.start)
                 and text[c.start:c.end] not in ORG_STANDALONE]  # 政府办, 新华社: a body by its own name
    # gazetteer places that cut into a word around them (发展中|国家, 沿|海地|区) may be vetoed too
    gaz_places = [c for c in rule_cands if c.type == "PLACE" and c.extra.get("gaz") and _cuts_word(text, c.start, c.end, words)
                  and not _after_preposition(text, c, words)]
    max_len = max((b - a for a, b in rule_spans), default=0)
    cue_ends = {m.end() for key in ("title", "byline", "resident") for m in _regexes()[key].finditer(text)}
    pos = 0
    lines = text.split("\n")
    for line, (spans, outside) in zip(lines, _tag_lines(tagger, lines), strict=True):
        vetoed: set[tuple[int, int]] = set()
        if outside is not None:
            for c in rule_orgs + gaz_places:
                if pos <= c.start and c.end <= pos + len(line):
                    probs = outside[c.start - pos:c.end - pos]
                    if sum(probs) / len(probs) >= CRF_VETO:
                        out.append(_Cand(c.start, c.end, "VETO", 0))  # the CRF is sure nothing is named here
                        if c.type == "PLACE":
                            vetoed.add((c.start, c.end))
        for s, e, t, conf in spans:  # a sure CRF place beats such a match (拉美|国家, 日本|国内)
            if t == "LOC" and conf is not None and conf >= CRF_SURE and isinstance(s, int) and isinstance(e, int):
                for c in gaz_places:
                    if c.start < e + pos and s + pos < c.end and (c.start, c.end) != (s + pos, e + pos) \
                            and (c.start, c.end) not in vetoed:
                        out.append(_Cand(c.start, c.end, "VETO", 0))
                        vetoed.add((c.start, c.end))
        loc1 = {(s + pos) for s, e, t, _ in spans if t == "LOC" and e - s == 1}
        for s, e, t, conf in spans:
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(line)):
                continue
            s2, e2 = s + pos, e + pos
            surf = text[s2:e2]
            if any(ch in _CRF_BAD_CHARS for ch in surf) or len(surf) > 24:
                continue
            near = rule_spans[bisect.bisect_left(rule_spans, (s2 - max_len, -1)):
                              bisect.bisect_left(rule_spans, (e2, -1))]
            if vetoed:
                near = [x for x in near if x not in vetoed or by_span[x] != {"PLACE"}]
            if any(a < e2 and s2 < b and not (s2 <= a and b <= e2) and not (a <= s2 and e2 <= b)
                   for a, b in near):
                continue  # crosses a rule/gazetteer boundary
            inner = [(a, b) for a, b in near if s2 <= a and b <= e2 and (a, b) != (s2, e2)]
            inner_types = set().union(*(by_span[x] for x in inner)) if inner else set()
            sure = conf is not None and conf >= CRF_SURE
            if t == "PER":
                while len(surf) > 2 and surf[-1] in "及和与说等":
                    e2 -= 1  # 叶挺及 → 叶挺
                    surf = text[s2:e2]
                if len(surf) == 3 and ns.surname_at(surf, 0) == 1 and _han(text[e2:e2 + 1]) \
                        and text[e2:e2 + 1] not in STOP_CHARS and _adverb_after_name(text, e2 - 1, ns.given_score(surf[2])):
                    e2 -= 1  # 傅永正忙着: an adverb before the verb
                    surf = text[s2:e2]
                if len(surf) < 2 or not all(_han(c) or c == "·" for c in surf) or surf[0] == "·" \
                        or surf[-1] == "·" or len(surf) > 12:
                    continue
                if _pseudonym(text, s2, e2) or surf in _NOT_NAMES:
                    continue
                has_surname = ns.surname_at(surf, 0) > 0
                if not has_surname and not _foreign_like(surf) and not sure:
                    continue  # 供图, 绿富美: neither a Chinese nor a transliterated name
                prev = text[s2 - 1:s2]
                glued = prev and _han(prev) and prev not in STOP_CHARS and s2 not in rule_ends \
                    and s2 not in cue_ends
                if glued and (text[s2 - 1:s2 + 1] in words or (
                        surf[1:] in words and text[s2 - 2:s2] not in words and text[s2 - 3:s2] not in words
                        and (conf is None or conf < CRF_NAME_SURE))):
                    continue  # 学史崇德: the name would split a word (学习邓小平 is fine)
                prio = 3
                if inner_types - {"PERSON"} and not (sure and has_surname and inner_types == {"PLACE"}
                                                     and all(a > s2 for a, _ in inner)):
                    continue  # (许银川 holds the city 银川: a confident name whose places start inside it)
                if "PERSON" in inner_types:
                    foreign = "·" in surf or not has_surname or len(surf) >= 4
                    if not (foreign and any(a == s2 for a, _ in inner)):
                        continue
                    prio = 5  # 科菲 → 科菲·安南
                out.append(_Cand(s2, e2, "PERSON", prio))
            elif t == "ORG":
                prio = 3
                if _ORG_LINK_RE.search(surf) or surf.endswith(_STATIONS):
                    continue  # 荷塘区人社局联合区总工会: two bodies acting together; 株洲火车站: a place
                if "ORG" in inner_types and "PERSON" not in inner_types and sure and \
                        any(b == e2 and "ORG" in by_span[(a, b)] for a, b in inner):
                    prio = 5  # 中共中央统战部 over the rule's 中央统战部: the CRF extends the name leftwards
                elif "ORG" in inner_types and "PERSON" not in inner_types and sure and surf[-1] in _CRF_ORG_END \
                        and any(a == s2 and b < e2 and "ORG" in by_span[(a, b)] for a, b in inner):
                    prio = 5  # 人民日报社华闻影视中心 over the rule's 人民日报: a unit named after its parent
                elif inner_types & {"ORG", "PERSON"} or len(surf) < 2:
                    continue  # a rule organization or person inside: the rules keep their boundaries
                if not sure and (text[e2 - 1:e2 + 1] in words or surf[-1] not in _CRF_ORG_END) \
                        or surf.endswith(("简报", "通报", "快报")):
                    continue  # 国家教育部|门, 山韵文化: not an organization's name
                if surf[-1] == "委" and _title_at(text, e2):
                    continue  # 峰区区委|书记: the title is the role
                if len(surf) == 2 and (surf in _GENERIC_ORGS or _title_at(text, e2)):
                    continue
                if any(v in surf[1:] and not (sure and surf.endswith(tuple(v + w for w in _VERB_NAMED_BODIES)))
                       for v in _CLAUSE_VERBS) or any(c in "的到在把被了着从向" for c in surf[1:-1]) \
                        or not _joined_fields(surf):
                    continue  # 香樟社区依托职教园校地党建联盟: a clause, not a name (…协调委员会 is one)
                inner_places = [(a, b) for a, b in inner if by_span[(a, b)] == {"PLACE"}]
                if any(b == e2 for _a, b in inner_places):
                    continue  # 五星社区汤家组: the name ends with a place
                if inner_places:
                    a = min(inner_places)[0]
                    junk = text[s2:a]
                    if a > s2 and (len(junk) >= 4 or ((junk in words or junk in cwords)
                                                      and junk not in _ORG_HEAD_WORDS)):
                        s2, surf = a, text[a:e2]  # 省属国企株洲化工厂 → 株洲化工厂
                if sure and any(c.end == e2 and c.start < s2 for c in rule_orgs):
                    prio = 5  # 经海口市中级人民法院: the rule's left edge took a verb along
                out.append(_Cand(s2, e2, "ORG", prio, canonical=surf))
            elif t == "LOC":
                if inner_types - {"PLACE"} or len(inner) >= 2:
                    continue
                if surf[-1] in "园区场馆站港街路村城镇乡" and surf in pos_words(("n",)):
                    continue  # 产业园, 景区: a common noun of a place type, not a place's name
                if surf[0] in _LOC_JUNK_HEAD and (s2 + 1, e2) in inner:
                    continue  # 石峰段|金桂小区, 沿|湘江大道: the rule's name without the char before it
                if inner and not any(a == s2 or b == e2 for a, b in inner):
                    continue
                # the CRF's context is the evidence the gazetteer-only match lacks for county short
                # names that are also words elsewhere (监利, 宜兴, 瑞金)
                before = text[s2 - 1:s2]
                known = _gaz_known(surf) or (len(surf) >= 2 and surf in _gaz_names(other_districts=True) and (
                    not before or not _han(before) or before in STOP_CHARS
                    or any(_gaz_known(text[s2 - k:s2]) for k in (2, 3)))  # not 湘|天桥; 江苏|宜兴
                    and (sure or conf is None or not (surf in words or surf in cwords)))  # not 金山银山
                if known and len(surf) <= 3 and text[e2:e2 + 1] and text[e2] in "山路街港江河湖塘桥村" \
                        and surf not in gz.load().by_name and text[e2:e2 + 2] not in _BAD_NEXT_WORDS:
                    continue  # 石峰|山 is a mountain, not the district 石峰区
                if len(surf) == 1:
                    if text[e2:e2 + 1].isascii() and text[e2:e2 + 1].isalnum():
                        continue  # 湘0202民初1234号, 湘B12345: the province letter of a code or a plate
                    if surf not in _ABBR_PLACES and not (
                            sure and any(q in loc1 and text[q] in _ABBR_PLACES for q in (s2 - 1, s2 + 1))
                            and text.startswith(_PAIR_NEXT, s2 + 1 + ((s2 + 1) in loc1))):
                        continue  # (布中两国, 中奥关系: a sure pair with a known abbreviation)
                    bad = False
                    for w, other in ((text[s2 - 1:s2 + 1], s2 - 1), (text[s2:s2 + 2], s2 + 1)):
                        if len(w) == 2 and (w in words or w in cwords) and other not in loc1:
                            bad = True  # 美丽, 中华: the character is part of a word
                    pair = (s2 - 1) in loc1 or (s2 + 1) in loc1  # 中美, 日俄
                    cue = text.startswith(_NEWS_VERBS_ABBR, max(0, s2 - 1)) or text.startswith(_NEWS_VERBS_ABBR, s2) \
                        or text[s2 + 1:s2 + 2] in _ABBR_NEXT
                    listed = (text[s2 - 1:s2] == "、" and (s2 - 2) in loc1) or \
                        (text[s2 + 1:s2 + 2] == "、" and (s2 + 2) in loc1)
                    before, after = text[s2 - 1:s2], text[s2 + 1:s2 + 2]
                    lonely = bool(before and before in "、“‘" + _NUMERALS) or bool(after and after in "、”’")
                    left_word = text[s2 - 1:s2 + 1]
                    glued = len(left_word) == 2 and (left_word in words or left_word in cwords) and (s2 - 1) not in loc1
                    if (bad and not cue and not pair and not sure) or (lonely and not listed and not pair and not cue) \
                            or (glued and not pair and not text.startswith(_NEWS_VERBS_ABBR, max(0, s2 - 1))):
                        continue  # 水、路、港、岸 and 八港 are not Hong Kong; 其中|外籍 is no China
                elif not known:
                    if surf.startswith(_BAD_CORE_HEADS) or ((not sure or (len(surf) <= 2 and conf < CRF_WORD_PLACE)) and (surf in words or surf in cwords)) \
                            or _word_ahead(text, s2, e2, words) \
                            or _word_ahead(text, s2, e2, cwords):  # 中华|民族
                        continue
                    if len(surf) >= 3 and surf[-1] not in _PLACE_END_CHARS and not _foreign_like(surf) and not sure:
                        continue  # 不来梅, 加的夫: a transliterated name
                level = next((lv for suf, lv, *_ in _PLACE_SUFFIXES_LONG_FIRST if surf.endswith(suf)), "other")
                code = parent = None
                if known:
                    p = gz.load().lookup(surf)
                    if p is not None and p.level != "country":
                        level, code = p.level, p.code
                out.append(_Cand(s2, e2, "PLACE", 3 if inner else 1, level=level, code=code, parent=parent,
                                 canonical=surf))
        pos += len(line) + 1
    return out


_CLAUSE_VERBS = ("依托", "通过", "邀请", "协调", "来到", "走进", "位于", "参加", "前往", "进入", "加入", "获评", "作为",
                 "以及", "还有", "包括", "其中", "同时", "开展", "举行", "召开", "推进", "推动", "打造", "启动", "完成",
                 "实施", "积极", "深入", "带领", "携手", "结对", "表示", "介绍", "认为", "建设一", "组建")
# bodies whose name may end in a verb (残疾人工作协调委员会, 推进办公室) when the CRF is sure of the span
_VERB_NAMED_BODIES = ("委员会", "领导小组", "小组", "办公室", "中心")
_PAIR_NEXT = ("两国", "关系", "双边", "建交", "合作", "友好", "贸易", "边境", "首脑", "会谈", "联合")
_NUMERALS = "一二三四五六七八九十两几0123456789０１２３４５６７８９"
# characters after a one-character country abbreviation: 美方, 俄军, 日籍, 英国内, 中总理 …
_ABBR_NEXT = frozenset("方军籍总政外驻两双")
_NEWS_VERBS_ABBR = ("访华", "来华", "在华", "驻华", "对华", "赴华", "离华", "访美", "访日", "访俄", "对美", "对日",
                    "在京", "来京", "进京", "抵京", "离京", "在沪", "抵沪", "赴港", "来港", "在港", "访港", "访台", "对台")

# ---------------------------------------------------------------- assembly

def _select(cands: list[_Cand]) -> list[_Cand]:
    """Greedy non-overlapping choice: priority, then length, then position."""
    if not cands:
        return []
    used = bytearray(max(c.end for c in cands) + 1)
    chosen = []
    for c in sorted(cands, key=lambda c: (-c.prio, -(c.end - c.start), c.start, c.type)):
        if c.end <= c.start or any(used[c.start:c.end]):
            continue
        used[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _role(text: str, c: _Cand, by_end: dict[int, _Cand]) -> str | None:
    """Title phrase between the employer and the name (see module docstring)."""
    if c.title_end is None:
        return None
    if c.extra.get("byline"):
        m = _regexes()["byline"].search(text, max(0, c.title_end - 6), c.title_end)
        while m and m.end() != c.title_end:
            m = _regexes()["byline"].search(text, m.start() + 1, c.title_end)
        return m.group() if m else None
    end = c.title_end
    i = end
    while i > 0 and end - i < 24:
        prev = by_end.get(i)
        if prev is not None:
            if prev.type == "ORG" and prev.start < i:
                # an organization inside a chain (after 、) stays; a leading one is the employer
                j = prev.start
                if j > 0 and text[j - 1] == "、" and _title_end_before(text, j - 1):
                    i = j
                    continue
                break
            if prev.type == "PLACE":
                if text[i - 1] in LEVEL_CHARS and text[i:i + 1] in "委长政":
                    i -= 1
                break
            break
        ch = text[i - 1]
        if ch == "、":
            if _title_end_before(text, i - 1):
                i -= 1
                continue
            break
        if not _han(ch) or ch in _ROLE_STOP:
            break
        i -= 1
    role = text[i:end].strip("、")
    if len(role) > 2 and text[i - 1:i] in "该本此" and role[0] in "局院委所校部厅办处科" and _title_at(role, 1):
        role = role[1:]  # 该局副局长: the body named by 该 is the employer
    if not role:
        return None
    if _regexes()["title"].search(role) is None:
        return None
    # a phrase that ran left into an unrecognized name (OCR: 峰区区委书记) restarts at the
    # level character of a party-committee or head title (区委书记, 区长)
    if not role.startswith(("副", "常务", "党", "总", "首席", "执行")) and role[0] not in LEVEL_CHARS \
            and _title_at(role, 0) is None:
        m = re.search(r"[省市区县镇乡村](?:委|长|政府)", role)
        if m and m.start() > 0 and _title_at(role, 0) is None and \
                not any(c.type == "ORG" and c.start <= i < c.end for c in by_end.values()):
            role = role[m.start():]
    return role


_BRACKET_RE = re.compile(r"\s*[（(]([^（()）\n]{2,24})[)）]")
_LIST_ROLE_RE = re.compile(r"(?:[（(][^（()）\n]{1,4}[)）])?[ \u3000]+([^\s，。；,;：:、]{2,30})[ \u3000]*(?=\n|$)")


def _role_after_name(text: str, end: int) -> str | None:
    """A title right after the name: in brackets, ``李卫东(栗雨街道党工委书记)`` (not ``(左一)``), or
    after a space closing a list line, ``王建国 荷塘区月塘街道志愿者协会会长``."""
    m = _BRACKET_RE.match(text, end)
    if m is None or _regexes()["title"].search(m.group(1)) is None:
        m = _LIST_ROLE_RE.match(text, end)
    if m is None:
        return None
    inner = m.group(1).strip()
    last = None
    for last in _regexes()["title"].finditer(inner):
        pass
    return inner if last is not None and last.end() == len(inner) else None


_ROLE_STOP = frozenset("在和与及的到从是为对将把由向于了让给被也都就又还该这那其各每此我你他她它们说据请跟同")


def _title_end_before(text: str, i: int) -> bool:
    return any(text.endswith(t, 0, i) for t in title_words())


def _propagate(text: str, chosen: list[_Cand]) -> list[_Cand]:
    """Add every other occurrence of a found person name."""
    names = sorted({text[c.start:c.end] for c in chosen
                    if c.type == "PERSON" and c.end - c.start >= 2 and c.prio >= 2})
    ns = gz.name_stats()
    extra = []
    for name in names:
        for m in re.finditer(re.escape(name), text):
            nxt = text[m.end():m.end() + 1]
            if len(name) == 2 and nxt and _han(nxt) and nxt not in STOP_CHARS and ns.given_score(nxt) >= 0.1:
                continue  # 王光 inside 王光荣
            extra.append(_Cand(m.start(), m.end(), "PERSON", 2))
    return extra


def _parents(text: str, chosen: list[_Cand], places: list[_Cand] = ()) -> None:
    """Each place's parent: the place written right before it (醴陵市孙家湾镇), else the one parent
    the text writes before the same name elsewhere, inside an organization's name too
    (渌口区淦田镇石塘村电商服务站 … 石塘村地处: 淦田镇)."""
    rank = {"province": 0, "city": 1, "district": 2, "street": 3, "community": 4, "residential": 5}
    written: dict[str | None, set[str | None]] = {}  # name -> the parents written right before it
    textual: set[int] = set()  # the candidates whose parent is written right before them
    for org in (c for c in chosen if c.type == "ORG"):
        inner = sorted((p for p in places if org.start <= p.start and p.end <= org.end), key=lambda p: (p.start, -p.end))
        for a, b in pairwise(inner):
            if a.end == b.start and rank.get(a.level or "", 9) < rank.get(b.level or "", 9) and b.level != "water":
                written.setdefault(b.canonical or text[b.start:b.end], set()).add(a.canonical or text[a.start:a.end])
    prev = None
    for c in chosen:
        if c.type == "PLACE" and prev is not None and prev.type == "PLACE" and prev.end == c.start \
                and rank.get(prev.level or "", 9) < rank.get(c.level or "", 9) and c.level != "water":
            c.parent = prev.canonical
            written.setdefault(c.canonical, set()).add(c.parent)
            textual.add(id(c))
        prev = c
    for c in chosen:  # 醴陵市孙家湾镇新阳村 … 新阳村推广: the parent the text gave, not another 新阳村
        parents = written.get(c.canonical) if c.type == "PLACE" and id(c) not in textual else None
        if parents and len(parents) == 1:
            c.parent = next(iter(parents))
    places_in = [c for c in chosen if c.type == "PLACE"]
    for prev, c in pairwise(places_in):  # 石峰区在井墈街道、田心街道等地: the district names where
        if c.parent is not None or c.level not in ("street", "community", "residential"):
            continue
        gap = text[prev.end:c.start]
        if gap in ("在", "的") and rank.get(prev.level or "", 9) < rank[c.level] and prev.level != "water":
            c.parent = prev.canonical
        elif gap == "、" and prev.level == c.level and prev.parent is not None:
            c.parent = prev.parent  # the next place of the same list


def _cut_code(text: str, c: _Cand) -> bool:
    """A name that ends inside a code: its last character is a Latin letter or digit glued to the
    digits after it (沪昆高速株洲段K|1032+500)."""
    last, nxt = text[c.end - 1:c.end], text[c.end:c.end + 1]
    return last.isascii() and last.isalnum() and nxt.isascii() and nxt.isdigit()


def extract_mentions(body: str, name_pads: Mapping[int, bool] | None = None) -> list[Mention]:
    """People, places and organizations in ``body``, sorted by start, non-overlapping.

    ``name_pads``: body offsets of a char that the OCR had set apart from the surname before it
    (``刘 昆正和`` → 刘昆正和, pad at 昆), True for a whole cell (``谭　军``): a name padded to three cells
    has two chars, so a person found there ends after it (刘昆, not 刘昆正)."""
    try:
        return _extract(body, name_pads or {})
    except Exception:  # noqa: BLE001  (never raise on any input; an empty list is the safe answer)
        return []


_LIST_LINE_PERSON_RE = re.compile(r"^([\u4e00-\u9fff]{2,4})[ \u3000]+[^\s，。；,;]{2,30}$", re.MULTILINE)


def _list_line_people(text: str) -> list[_Cand]:
    """A roster line, a name then a space and the person's post ending in a title
    (``欧阳志强 醴陵市第二中学校长``): the name is a person."""
    if " " not in text and "\u3000" not in text:
        return []
    ns = gz.name_stats()
    out = []
    for m in _LIST_LINE_PERSON_RE.finditer(text):
        name, ls = m.group(1), ns.surname_at(m.group(1), 0)
        if ls and 2 <= len(name) - ls + 1 <= 3 and m.group().endswith(title_words()):
            out.append(_Cand(m.start(1), m.end(1), "PERSON", 3))
    return out


def _padded_people(text: str, name_pads: Mapping[int, bool]) -> list[_Cand]:
    """Two-char names the OCR set in three cells (社区就业专干谭　军根据…): a common surname, a whole-cell
    pad, one char, and no word made across either edge."""
    if not name_pads:
        return []
    words = load_words()
    out = []
    for p in sorted(name_pads):
        if not name_pads[p] or p < 1 or p + 1 in name_pads or text[p - 1] not in gz.COMMON_SURNAMES or not _han(text[p]) \
                or text[p - 2:p] in words or text[p:p + 2] in words:
            continue
        out.append(_Cand(p - 1, p + 1, "PERSON", 2))
    return out


def _cut_at_pad(text: str, c: _Cand, name_pads: Mapping[int, bool]) -> _Cand:
    """A person candidate running past the char that follows a padded surname ends at that char when
    the next char reads as an adverb or almost never ends a name (刘 昆正和 → 刘昆; not 王 振宇 or 周 建军, where
    the space is a stray one, nor 易 小 军, spaced out char by char)."""
    if c.type != "PERSON" or not name_pads:
        return c
    ns = gz.name_stats()
    p = c.start + ns.surname_at(text, c.start)
    if p > c.start and p in name_pads and p + 1 not in name_pads and c.end > p + 1 \
            and (text[p + 1] in _ADVERB_AFTER_NAME or ns.given_score(text[p + 1]) < (0.05 if name_pads[p] else 0.01)):
        return replace(c, end=p + 1)
    return c


def _extract(text: str, name_pads: Mapping[int, bool] | None = None) -> list[Mention]:
    name_pads = name_pads or {}
    if not text or not HAN_RE.search(text):
        return []
    gplaces, _ = _gazetteer_places(text)
    rplaces = _rule_places(text, [(c.start, c.end) for c in gplaces],
                           [(c.start, c.end, c.canonical, c.level) for c in gplaces])
    places = gplaces + rplaces
    orgs = _orgs(text, places)
    abbr, _defs = _abbreviations(text, orgs)
    people = _people(text) + _post_cue_people(text, {c.end for c in places + orgs}) + _padded_people(text, name_pads) \
        + _list_line_people(text)
    crf = _crf(text, places + orgs + abbr + people)
    vetoed = {(c.start, c.end) for c in crf if c.type == "VETO"}
    if vetoed:
        orgs = [c for c in orgs if (c.start, c.end) not in vetoed or c.prio != 4]
        places = [c for c in places if (c.start, c.end) not in vetoed or not c.extra.get("gaz")]
        crf = [c for c in crf if c.type != "VETO"]
    cands = [_cut_at_pad(text, c, name_pads) for c in places + orgs + abbr + people + crf]
    cands = [c for c in cands if not _bare_type_word(text[c.start:c.end], c.type) and not _cut_code(text, c)]
    chosen = _select(cands)
    extra = _propagate(text, chosen)
    if extra:
        chosen = _select(cands + extra)
    _parents(text, chosen, places)
    by_end = {c.end: c for c in chosen}
    out = []
    for c in chosen:
        surf = text[c.start:c.end]
        if c.type == "PERSON":
            out.append(Mention("PERSON", surf, c.start, c.end,
                               role=_role(text, c, by_end) or _role_after_name(text, c.end)))
        elif c.type == "PLACE":
            out.append(Mention("PLACE", surf, c.start, c.end, level=c.level, admin_code=c.code,
                               parent=c.parent, canonical=c.canonical or surf))
        else:
            out.append(Mention("ORG", surf, c.start, c.end, parent=c.parent, canonical=c.canonical or surf))
    out = _foreign_short_forms(out)
    out.extend(_familiar_forms(text, out))
    return sorted(out, key=lambda m: (m.start, m.end))


def _foreign_short_forms(found: list[Mention]) -> list[Mention]:
    """``贝克尔`` where the body names exactly one ``…·贝克尔`` (``托马斯·贝克尔``): the same person."""
    full = defaultdict(set)
    for m in found:
        if m.type == "PERSON" and "·" in m.surface:
            full[m.surface.rsplit("·", 1)[1]].add(m.surface)
    if not full:
        return found
    return [replace(m, canonical=next(iter(full[m.surface])))
            if m.type == "PERSON" and "·" not in m.surface and len(full.get(m.surface, ())) == 1 else m
            for m in found]


_FAMILIAR_RE = re.compile(r"[老小阿]([\u4e00-\u9fff])")


def _familiar_forms(text: str, found: list[Mention]) -> list[Mention]:
    """``老傅`` where the body names exactly one person surnamed 傅 (``傅永``): a mention of that
    person (canonical = the full name). Familiar forms nobody in the body is tied to stay out."""
    if not _FAMILIAR_RE.search(text):
        return []
    people = sorted({m.surface for m in found if m.type == "PERSON" and 2 <= len(m.surface) <= 4})
    by_surname: dict[str, set[str]] = defaultdict(set)
    for name in people:
        by_surname[name[:2] if name[:2] in gz.COMPOUND_SURNAMES else name[:1]].add(name)
    taken = sorted((m.start, m.end) for m in found)
    frequent, common = gz.frequent_words(), gz.common_words()
    out = []
    for m in _FAMILIAR_RE.finditer(text):
        s, e = m.start(), m.end()
        names = by_surname.get(m.group(1), set())
        if len(names) != 1 or m.group(1) not in gz.COMMON_SURNAMES or m.group() in frequent \
                or m.group() in common:
            continue
        nxt = text[e:e + 1]
        pair = m.group(1) + nxt
        if nxt and _han(nxt) and (pair in names or pair in frequent or pair in common):
            continue  # 小傅永 is 傅永; 老王家 is not a form of address we can tie
        if any(a < e and s < b for a, b in taken):
            continue
        out.append(Mention("PERSON", m.group(), s, e, canonical=next(iter(names))))
    return out
