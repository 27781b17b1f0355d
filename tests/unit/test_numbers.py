"""Tests for metric extraction (pipeline.text.numbers)."""
from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.text.model import BOUNDS, Metric
from pipeline.text.numbers import extract_metrics, parse_chinese_number

GOLD = Path(__file__).resolve().parents[1] / "data" / "metrics_gold.jsonl"


def one(text: str) -> Metric:
    ms = extract_metrics(text)
    assert len(ms) == 1, [m.surface for m in ms]
    return ms[0]


def surfaces(text: str) -> list[str]:
    return [m.surface for m in extract_metrics(text)]


# --------------------------------------------------------------------------- parse_chinese_number

@pytest.mark.parametrize(("s", "v"), [
    ("三", 3), ("十", 10), ("十五", 15), ("二十", 20), ("三十五", 35), ("一百零五", 105), ("三千零五十", 3050),
    ("两千", 2000), ("两千五百", 2500), ("一千二百", 1200), ("一万五", 15000), ("两千五", 2500),
    ("三万", 30000), ("十万八千", 108000), ("三十五万", 350000), ("一亿两千万", 120_000_000),
    ("300万", 3_000_000), ("1.5亿", 150_000_000), ("2亿3000万", 230_000_000), ("1,572", 1572),
    ("1,250万", 12_500_000), ("１２３", 123), ("４．５", 4.5), ("二〇一八", 2018), ("一九九五", 1995),
    ("三点五", 3.5), ("八十五点五", 85.5), ("零", 0), ("〇", 0), ("壹仟伍佰", 1500), ("万", 10000), ("亿", 1e8),
])
def test_parse_chinese_number(s: str, v: float) -> None:
    assert parse_chinese_number(s) == pytest.approx(v)


@pytest.mark.parametrize("s", ["", "abc", "三a", "万万万x", "1.2.3", "点", "三点", "5点半", " "])
def test_parse_chinese_number_rejects(s: str) -> None:
    assert parse_chinese_number(s) is None


def test_parse_chinese_number_non_str() -> None:
    assert parse_chinese_number(None) is None  # type: ignore[arg-type]


# --------------------------------------------------------------------------- basic metrics

@pytest.mark.parametrize(("text", "surface", "value", "high", "unit", "bound"), [
    # money with multipliers
    ("将拖欠的近300万元物业费收缴", "近300万元", 3e6, None, "元", "under"),
    ("投入资金198万元,建成站点", "198万元", 1.98e6, None, "元", "exact"),
    ("投资50多亿元助力治理", "50多亿元", 5e9, None, "元", "over"),
    ("花费了30多万元的医疗费用", "30多万元", 3e5, None, "元", "over"),
    ("累计投入500余万元", "500余万元", 5e6, None, "元", "over"),
    ("出口额达1,250万美元", "1,250万美元", 1.25e7, None, "美元", "exact"),
    ("共筹款2．7亿日元", "2．7亿日元", 2.7e8, None, "日元", "exact"),
    ("每户两千五百元", "两千五百元", 2500, None, "元", "exact"),
    ("总费用约合2300万元人民币", "约合2300万元", 2.3e7, None, "元", "about"),
    ("收入４５６７８元", "４５６７８元", 45678, None, "元", "exact"),
    # bounds
    ("1100余户居民受到威胁", "1100余户", 1100, None, "户", "over"),
    ("三万多字的报告", "三万多字", 30000, None, "字", "over"),
    ("200多次提到人民", "200多次", 200, None, "次", "over"),
    ("听众逾4000人。", "逾4000人", 4000, None, "人", "over"),
    ("帮扶学生达4000人次以上。", "4000人次以上", 4000, None, "人次", "over"),
    ("利税突破2000万元,", "突破2000万元", 2e7, None, "元", "over"),
    ("企业年营收过600亿元,", "过600亿元", 6e10, None, "元", "over"),
    ("超过95%的职工满意", "超过95%", 95, None, "%", "over"),
    ("贷款超50亿元,", "超50亿元", 5e9, None, "元", "over"),
    ("近20天以来,", "近20天", 20, None, "天", "under"),
    ("经过近一个月的努力", "近一个月", 1, None, "月", "under"),
    ("停工近十年的工程", "近十年", 10, None, "年", "under"),
    ("人均年收入不足8000元。", "不足8000元", 8000, None, "元", "under"),
    ("在不到20分钟内赶到", "不到20分钟", 20, None, "分钟", "under"),
    ("脱贫户将近60户,", "将近60户", 60, None, "户", "under"),
    ("约有56对单身职工", "约有56对", 56, None, "对", "about"),
    ("生产化肥5万吨左右,", "5万吨左右", 50000, None, "吨", "about"),
    ("日均客流量1500人左右,", "1500人左右", 1500, None, "人", "about"),
    ("员工30来人。", "30来人", 30, None, "人", "about"),
    ("全村只有二百来口人。", "二百来口人", 200, None, "人", "about"),
    ("年龄在50岁上下。", "50岁上下", 50, None, "岁", "about"),
    ("培训农民工逾万人次。", "逾万人次", 10000, None, "人次", "over"),
    ("吸引了上千名市民驻足。", "上千名", 1000, None, "名", "over"),
    ("近百名代表参会", "近百名", 100, None, "名", "under"),
    ("年产杉木良种超亿株,", "超亿株", 1e8, None, "株", "over"),
    ("他一年多没回家", "一年多", 1, None, "年", "over"),
    ("整整三个多月时间", "三个多月", 3, None, "月", "over"),
    ("65岁以上老年人", "65岁以上", 65, None, "岁", "over"),
    ("整改率达98%以上。", "98%以上", 98, None, "%", "over"),
    ("不出三天就清理完毕", "不出三天", 3, None, "天", "under"),
    # ranges
    ("康复训练2至3次。", "2至3次", 2, 3, "次", "exact"),
    ("每次2-3次为宜", "2-3次", 2, 3, "次", "exact"),
    ("高出4—5倍。", "4—5倍", 4, 5, "倍", "exact"),
    ("每周跑步3到4次,", "3到4次", 3, 4, "次", "exact"),
    ("简简单单操办五六桌,", "五六桌", 5, 6, "桌", "exact"),
    ("来了三五个人", "三五个", 3, 5, "个", "exact"),
    ("另有两三家医院", "两三家", 2, 3, "家", "exact"),
    ("十五六所学校", "十五六所", 15, 16, "所", "exact"),
    ("距离县城有七八十公里", "七八十公里", 70, 80, "公里", "exact"),
    ("包子三四千个", "三四千个", 3000, 4000, "个", "exact"),
    ("要打一百四五十场球", "一百四五十场", 140, 150, "场", "exact"),
    ("收入2-3万元", "2-3万元", 2e4, 3e4, "元", "exact"),
    ("收入2万至3万元", "2万至3万元", 2e4, 3e4, "元", "exact"),
    ("投资约2亿至3亿元。", "约2亿至3亿元", 2e8, 3e8, "元", "about"),
    ("每支队伍全年收入六七万元。", "六七万元", 6e4, 7e4, "元", "exact"),
    # percentages
    ("入群率高达71.22%。", "71.22%", 71.22, None, "%", "exact"),
    ("同比增长６．５％", "６．５％", 6.5, None, "%", "exact"),
    ("百分之三十的居民", "百分之三十", 30, None, "%", "exact"),
    ("投票率达百分之八十五点五。", "百分之八十五点五", 85.5, None, "%", "exact"),
    ("增长了10.3个百分点", "10.3个百分点", 10.3, None, "百分点", "exact"),
    ("约七成受访者", "约七成", 7, None, "成", "about"),
    ("千分之五的误差", "千分之五", 5, None, "‰", "exact"),
    # durations and other units
    ("拟用三年时间实现", "三年", 3, None, "年", "exact"),
    ("花费两个小时时间", "两个小时", 2, None, "小时", "exact"),
    ("预计需要一年半时间", "一年半", 1.5, None, "年", "exact"),
    ("持续约两个半小时。", "约两个半小时", 2.5, None, "小时", "about"),
    ("开展为期一个月的整治", "一个月", 1, None, "月", "exact"),
    ("住院治疗一周后出院", "一周", 1, None, "周", "exact"),
    ("建筑面积2.8万平方米,", "2.8万平方米", 28000, None, "平方米", "exact"),
    ("铺设管网12千米,", "12千米", 12, None, "千米", "exact"),
    ("全长约3.5公里。", "约3.5公里", 3.5, None, "公里", "about"),
    ("气温骤降至零下5℃。", "零下5℃", -5, None, "℃", "exact"),
    ("当天最低气温-3℃", "-3℃", -3, None, "℃", "exact"),
    # temperature ranges: each end's own sign; 零下 before a shared unit puts both ends below zero
    ("最低气温零下3℃至1℃，", "零下3℃至1℃", -3, 1, "℃", "exact"),
    ("气温-8℃至-2℃之间", "-8℃至-2℃", -8, -2, "℃", "exact"),
    ("从零下5℃到零下1℃不等", "零下5℃到零下1℃", -5, -1, "℃", "exact"),
    ("夜间最低气温零下3～5℃，", "零下3～5℃", -5, -3, "℃", "exact"),
    ("气温-3～5℃，", "-3～5℃", -3, 5, "℃", "exact"),
    ("体重3.2公斤,", "3.2公斤", 3.2, None, "公斤", "exact"),
    ("总产量达60万斤。", "60万斤", 6e5, None, "斤", "exact"),
    ("机防面积1·9万亩,", "1·9万亩", 19000, None, "亩", "exact"),
    ("这栋楼一共六层,", "六层", 6, None, "层", "exact"),
    ("他连续三届当选代表", "三届", 3, None, "届", "exact"),
    ("距今一点二亿年的化石", "一点二亿年", 1.2e8, None, "年", "exact"),
    ("近万件次材料", "近万件次", 10000, None, "件次", "under"),
    ("壹仟伍佰元整", "壹仟伍佰元", 1500, None, "元", "exact"),
])
def test_single_metric(text: str, surface: str, value: float, high: float | None, unit: str,
                       bound: str) -> None:
    m = one(text)
    assert m.surface == surface
    assert text[m.start:m.end] == surface
    assert m.value == pytest.approx(value)
    if high is None:
        assert m.value_high is None
    else:
        assert m.value_high == pytest.approx(high)
    assert m.unit == unit
    assert m.bound == bound


# --------------------------------------------------------------------------- not metrics

@pytest.mark.parametrize("text", [
    # dates and times
    "2018年石峰区政府工作报告", "10月12日的深夜12点", "11月初,成功推动", "2020年1月至12月渌水水质",
    "3月30日,石峰区召开", "今年1至9月,全区", "二〇二三年十月一日", "一九九八年夏天", "2019年至2022年",
    "10:30开会", "下午3点半开始", "早上8时出发", "10月22日15时", "2020年度", "80年代", "九十年代",
    "发表时间:2018-10-29", "今年前三季度",
    # ordinals and names with numbers
    "第三方监督机构", "第82位", "第一网格", "第二个“三年行动计划”", "首个社区博物馆", "第\n三方机构",
    "十九大报告", "“4+1”机制", "“3+5+2+N”体系", "“1+15”系列文件", "三改三化", "Ⅱ类水",
    "3D打印", "5G基站", "G60高速", "4S店", "K1234次列车", "V2.0版", "PM2.5浓度",
    "一户一表", "“四育”进小区", "“八港”沿线", "“四新经济”", "“四字诀”", "“三步法”",
    "十九届四中全会", "十四届全国人大", "二类新药", "二级医院",
    # phone numbers, codes, addresses
    "联系电话:0731-82217063", "新城壹号小区10栋202业主", "1栋2单元301室", "编号2829237",
    # idioms and fixed words
    "一心一意", "五颜六色", "三番五次", "三天两头", "一体化", "一线", "唯一", "一批荒地", "统一",
    "一些", "一起", "万家灯火", "千山万水", "百年党史", "千亿产业", "四处游说", "四周都是", "红十字会",
    "三伏天", "零部件", "零距离", "队伍本报讯", "收拾餐具",
    # bare 一 as an article, vague numbers, no measure word
    "一个拳头", "一场活动", "一名党员", "一所小学", "有一天", "几个项目", "数十对青年", "十几个人",
    "几十名孩子", "若干个", "11000多居民", "六大街区", "500强", "1、井墈街区",
    # more names / classes
    "需要5个亿", "骑三轮车", "第九、十位", "女子58公斤级比赛", "第三至五名", "一九九五",
])

def test_not_metrics(text: str) -> None:
    assert surfaces(text) == []


def test_guo_before_time_is_not_a_bound() -> None:
    m = one("过两年形势就很难说")
    assert (m.surface, m.bound) == ("两年", "exact")


def test_range_does_not_cross_lines() -> None:
    assert surfaces("2\n至3次") == ["3次"]
    assert surfaces("2 至 3次") == ["2 至 3次"]


def test_address_rule_keeps_following_count() -> None:
    assert surfaces("每个投放点设置4组10余个投放桶") == ["4组", "10余个"]


# --------------------------------------------------------------------------- subject, sentence, spans

@pytest.mark.parametrize(("text", "subject"), [
    ("1100余户居民的生命财产", "居民"),
    ("将社区划分为43个网格,办点领导", "网格"),
    ("设置了3个投放点。", "投放点"),
    ("入群2253户,入群率", None),
    ("75名机关干部及社区", "机关干部"),
    ("261家企业", "企业"),
    ("截至目前，办结率达92.6%。", "办结率"),
    ("新城总投资超过300亿元。", "总投资"),
    ("全区累计发放积分卡1.2万余张", "积分卡"),
    ("计划投资5亿元", None),
    ("综合产值可达12亿元以上。", "产值"),
    ("组建了由30余名农技专家组成的服务团。", "农技专家"),
    ("5个工作组成立后", "工作组"),
    ("家里还花费了30多万元的医疗费用；", "医疗费用"),  # (the last char before the clause ends is part of the noun)
])
def test_subject(text: str, subject: str | None) -> None:
    assert one(text).subject == subject


def test_sentence_is_the_enclosing_sentence() -> None:
    body = "第一句话。共有400余人次参与。\n下一段有3次。"
    ms = extract_metrics(body)
    assert [m.sentence for m in ms] == ["共有400余人次参与。", "下一段有3次。"]


def test_many_metrics_sorted_non_overlapping() -> None:
    body = ("150亿元、1002个重点项目,第一个“三年行动计划”2015年告捷;176亿元、423个重点项目。"
            "区域内总投资将达500亿元,企业年营收过600亿元,年GDP过200亿元,年税收过20亿元。")
    ms = extract_metrics(body)
    assert [m.surface for m in ms] == ["150亿元", "1002个", "176亿元", "423个", "500亿元", "过600亿元",
                                        "过200亿元", "过20亿元"]
    for a, b in itertools.pairwise(ms):
        assert a.end <= b.start


def test_guo_after_verb_is_not_a_bound() -> None:
    # 过 after a verb is the experiential aspect marker, not "more than"
    m = one("他去过3次北京")
    assert (m.surface, m.bound) == ("3次", "exact")


def test_yue_inside_word_is_not_a_bound() -> None:
    m = one("签约3家企业")
    assert (m.surface, m.bound) == ("3家", "exact")


def test_zuijin_is_not_under() -> None:
    m = one("最近3天气温升高")
    assert (m.surface, m.bound) == ("3天", "exact")


def test_range_of_years_is_a_date() -> None:
    assert surfaces("2018-2020年") == []


def test_year_with_bound_is_a_duration() -> None:
    m = one("已有近2000年历史")
    assert (m.surface, m.value, m.unit, m.bound) == ("近2000年", 2000, "年", "under")


# --------------------------------------------------------------------------- robustness

@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "。。。", "%%%", "万万万万", "十" * 500, "9" * 5000 + "元", "1" * 30 + "万元",
    "\x00\x01\x02", "百分之", "千分之万", "近", "逾", "约有", "2至", "2至万元", "点五", "一点", "零下",
    "1,", ",000元", "１·", "·5元", "3-", "-3", "——3次", "个", "五六", "一二三四五六七八九十百千万亿",
    "\ud800", "🙂3个🙂", "3个" * 1000,
])
def test_never_raises_edge_cases(text: str) -> None:
    ms = extract_metrics(text)
    _check_invariants(text, ms)


def _check_invariants(text: str, ms: list[Metric]) -> None:
    last = 0
    for m in ms:
        assert isinstance(m, Metric)
        assert text[m.start:m.end] == m.surface
        assert m.start >= last and m.end > m.start
        last = m.end
        assert m.bound in BOUNDS
        assert isinstance(m.value, float) and math.isfinite(m.value)
        assert m.value_high is None or (isinstance(m.value_high, float) and math.isfinite(m.value_high))
        assert isinstance(m.unit, str) and m.unit
        assert m.surface in m.sentence or "\n" in m.surface


_ALPHABET = st.sampled_from(list("0123456789０１２３４５６７８９.．·,，-—~至到第余多近约逾过超左右以上下"
                                 "一二两三四五六七八九十百千万亿零〇壹拾个人户元年月日天次名家%％℃分之点半来许有"
                                 "“”《》+:/ \n。,的在和居民企业学校ABCxyz"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(_ALPHABET, max_size=80))
def test_property_numeric_soup(text: str) -> None:
    _check_invariants(text, extract_metrics(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_property_arbitrary_unicode(text: str) -> None:
    _check_invariants(text, extract_metrics(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_property_parse_never_raises(text: str) -> None:
    v = parse_chinese_number(text)
    assert v is None or (isinstance(v, float) and math.isfinite(v))


def test_deterministic() -> None:
    body = GOLD.read_text(encoding="utf-8")
    assert extract_metrics(body) == extract_metrics(body)


# --------------------------------------------------------------------------- gold set

def _gold() -> list[dict]:
    with open(GOLD, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_gold_file_is_consistent() -> None:
    recs = _gold()
    assert len(recs) >= 150
    for r in recs:
        for m in r["metrics"]:
            assert r["text"][m["start"]:m["end"]] == m["surface"]
            assert m["bound"] in BOUNDS


def test_gold_f1() -> None:
    tp = fp = fn = 0
    for r in _gold():
        gold = {(m["start"], m["end"], round(m["value"], 6), None if m["value_high"] is None
                 else round(m["value_high"], 6), m["unit"], m["bound"]) for m in r["metrics"]}
        pred = {(m.start, m.end, round(m.value, 6), None if m.value_high is None else round(m.value_high, 6),
                 m.unit, m.bound) for m in extract_metrics(r["text"])}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp)
    r_ = tp / (tp + fn)
    f1 = 2 * p * r_ / (p + r_)
    assert f1 >= 0.95, (p, r_, f1)


@pytest.mark.parametrize("text, surface, subject", [
    ("共设立12个污水处理站，农村污水不再直排。", "12个", "污水处理站"),
    ("将全区5个街道、33个社区所辖范围划成6大街区。", "33个", "社区"),
    ("捐助共计4万元的慰问资金。", "4万元", "慰问资金"),
    ("约有56对单身职工建立了微信联系", "约有56对", "单身职工"),
    ("居住着216户破产企业职工的轴承厂小区", "216户", "破产企业职工"),
    # nothing after the unit: the word before the number, unless it is a verb or a time word
    ("已解决问题35项。", "35项", "问题"),
    ("流转耕地近500亩，林地5000余亩。", "近500亩", "耕地"),
    ("动员老百姓200余人一起清理。", "200余人", "老百姓"),
    ("安装高清摄像头120余个。", "120余个", "摄像头"),
    ("一荤两素一汤，只要12元。", "12元", None),
    ("并开通3条夜间公交专线。", "3条", "夜间公交专线"),
    ("全市1580家规上工业企业中，有1120家实现增长。", "1580家", None),  # 规|上: no single char
    ("全年GDP增速预计在5%至5.5%之间。", "5%至5.5%", None),
    ("今年计划新建社区食堂15家。", "15家", "社区食堂"),  # noun + noun
    ("到校地党建联盟讲课10次。", "10次", "讲课"),  # 讲课 is no noun: no 联盟讲课
    ("可同时容纳80人就餐。", "80人", None),
    ("对5条支流开展生态修复。", "5条", "支流"),
    ("参与群众达300余人。", "300余人", "群众"),
    ("累计投入500余万元。", "500余万元", None),
    ("今年1200人。", "1200人", None),
    # fifth session: verbs of change, 最高…, a table row's label, a noun before a compound, a word
    # that began inside the verb before it
    ("全市最高气温将从18℃降至5℃左右。", "5℃左右", None),
    ("全市最高气温将从18℃降至5℃左右。", "18℃", None),
    ("贷款额度提高到最高80万元。", "80万元", None),
    ("产业项目 62个 完成投资98.7亿元", "62个", "产业项目"),
    ("基础设施项目 31个 完成投资52.4亿元", "31个", "基础设施项目"),
    ("老年人每天应监测血压1至2次。", "1至2次", "血压"),
    # seventh session: a person after 的 is named whole, not cut at a dictionary word (王桂)
    ("今年72岁的王桂英笑着说。", "72岁", "王桂英"),
    ("今年62岁的李建国说。", "62岁", "李建国"),
    ("共有300名学生参加。", "300名", "学生"),
    ("去年亩产只有880斤左右。", "880斤左右", "亩产"),
    ("全村还有300户。", "300户", None),
    ("开设书法、科普等课程48门。", "48门", "课程"),
    ("建设农产品质量安全追溯点200个。", "200个", "追溯点"),
    # eighth session: a formal numeral char ending a word is part of the subject (队伍, not 队)
    ("我们组建了128支监管队伍，每月抽检。", "128支", "监管队伍"),
    ("共有50支队伍参赛。", "50支", "队伍"),
    # ninth session: a person after an age with a common surname that is also a word (何), a quantity
    # word or 户均 after the noun, a stop char opening a modifier of a noun (就业|岗位, 中华|蜜蜂)
    ("32岁的何思敏去年辞去工作回乡。", "32岁", "何思敏"),
    ("公司新开发的12款产品全部实现本地配套。", "12款", "产品"),
    ("带动全村186户农户户均增收。", "186户", "农户"),
    ("今年新增300个就业岗位。", "300个", "就业岗位"),
    ("他养了300箱中华蜜蜂。", "300箱", "中华蜜蜂"),
    ("这500元就是一笔大钱。", "500元", None),
    # tenth session: a noun jionlp's word list lacks (民宿), a stop char inside the word before the number
    # (保有量), a noun tail (充电棚), a two-char name after who the person is, a dimension word before
    # the number outranks the noun after it
    ("全镇发展民宿63家。", "63家", "民宿"),
    ("电动自行车保有量约1500辆。", "约1500辆", "保有量"),
    ("计划再新建充电棚20处。", "20处", "充电棚"),
    ("骑手王磊今年32岁，是一名外卖骑手。", "32岁", "王磊"),
    ("散落在海拔800米以上的山区。", "800米以上", "海拔"),
    ("比赛期间，最低气温零下2℃出现在炎陵赛区。", "零下2℃", "最低气温"),
    ("线路全长21.6公里。", "21.6公里", "线路全长"),
    # twelfth session: a verb of change between the noun and the number (and an adverb before it), a
    # number after a word ending in a formal numeral (队伍), a digit opening a class word (二级, 一线), a
    # long name closed by a noun (中心); not the amount changed from
    ("基层首诊率提高到62%。", "62%", "首诊率"),
    ("全县稻虾共生面积已发展到3.5万亩。", "3.5万亩", "面积"),
    ("该企业年产能将达到2万吨。", "2万吨", "产能"),
    ("参与人数增至300人。", "300人", "人数"),
    ("人均收入从1万元提高到2万元。", "2万元", None),
    ("全市组建防汛抢险队伍198支。", "198支", "队伍"),
    ("包括2家二级医院和13家社区卫生服务中心。", "2家", "二级医院"),
    ("包括2家二级医院和13家社区卫生服务中心。", "13家", "社区卫生服务中心"),
    ("派出3名一线医生。", "3名", "一线医生"),
    ("设立2亿元的民营企业转贷应急资金，", "2亿元", "民营企业转贷"),
    ("基层首诊率提高到了62%。", "62%", "首诊率"),
    ("食堂覆盖率均已达到100%。", "100%", "覆盖率"),
    ("72岁的老党员尹志华说。", "72岁", "尹志华"),
    ("28岁的技术员邓佳是本地人。", "28岁", "邓佳"),
    ("环卫工人刘春娥(58岁)一边搓手一边说。", "58岁", "刘春娥"),
    ("共检查食堂156家次，", "156家次", "食堂"),
    ("梳理出12项急需解决的问题。", "12项", "问题"),
    ("有30余名农技专家组成的服务队。", "30余名", "农技专家"),
    ("储备编织袋12万条、砂石料1.8万立方米。", "1.8万立方米", "砂石料"),
])
def test_subject_is_whole_words_after_the_unit(text, surface, subject):
    (m,) = [x for x in extract_metrics(text) if x.surface == surface]
    assert m.subject == subject


def test_subject_is_not_taken_after_a_duration_or_cut_from_a_word():
    got = [(m.surface, m.value, m.unit) for m in extract_metrics("李强以2小时31分08秒夺冠，用时1小时5分钟，上午10时30分开幕。")]
    assert got == [("2小时31分08秒", 9068.0, "秒"), ("1小时5分钟", 65.0, "分钟")]  # durations in parts; not a clock time
    assert not extract_metrics("天元区三门镇李伏初老人因病无法行走。")  # 三门镇 is a town, not three courses
    by = {m.surface: m for m in extract_metrics("他在厂里工作16年间，培训了约500名反对派士兵，卖了两张门票不可退。")}
    assert by["16年"].subject != "间"
    assert by["约500名"].subject == "反对派士兵"  # 对 (a stop char) ends the word 反对: read on, not cut to 反
    assert by["两张"].subject == "门票"
    assert {m.surface: m.subject for m in extract_metrics("65岁以上老年人体检。")}["65岁以上"] == "老年人体检"  # ages keep theirs


def test_listed_amounts_take_the_unit_of_the_last_one():
    got = [(m.surface, m.value, m.unit, m.bound) for m in extract_metrics("三地投资分别为30万、50万和80万元，共有1万多和2.5万余人次参加。")]
    assert got == [("30万", 300000.0, "元", "exact"), ("50万", 500000.0, "元", "exact"),
                   ("80万元", 800000.0, "元", "exact"), ("1万多", 10000.0, "人次", "over"),
                   ("2.5万余人次", 25000.0, "人次", "over")]
    assert [m.surface for m in extract_metrics("可增加九千二百万和三亿个就业岗位")] == ["九千二百万", "三亿个"]
    # years and bare numbers are not amounts; an ordinal stays out
    assert [m.surface for m in extract_metrics("1998和1999年，第3万和5万元，3和5个")] == ["5万元", "5个"]


@pytest.mark.parametrize("text, surface, value, high, unit", [
    ("全年GDP增速预计在5%至5.5%之间。", "5%至5.5%", 5.0, 5.5, "%"),
    ("投资2万元到3万元不等。", "2万元到3万元", 20000.0, 30000.0, "元"),
    ("气温18℃至25℃。", "18℃至25℃", 18.0, 25.0, "℃"),
    ("增长5%-8%。", "5%-8%", 5.0, 8.0, "%"),
])
def test_range_with_the_unit_on_both_ends(text, surface, value, high, unit):
    (m,) = extract_metrics(text)
    assert (m.surface, m.value, m.value_high, m.unit) == (surface, value, high, unit)


def test_a_year_before_a_place_name_is_no_metric():
    assert [m.surface for m in extract_metrics("“2024株洲新年音乐会”上演，300余名师生演出，种下2024株树苗。")] == [
        "300余名", "2024株"]


def test_values_are_clean_decimals():
    by = {m.surface: m.value for m in extract_metrics("合同金额约2.3亿元，投入18.6亿元，每斤1.35元。")}
    assert by == {"约2.3亿元": 230000000.0, "18.6亿元": 1860000000.0, "1.35元": 1.35}


def test_ranks_quoted_names_and_ages_of_people_ninth_session():
    assert not extract_metrics("荷塘区代表队在三四名决赛中以2:1击败天元区队。")  # places in a ranking
    assert [m.surface for m in extract_metrics("打造“15分钟健康服务圈”。")] == []  # a quoted name
    assert [m.surface for m in extract_metrics("“65岁以上老年人体检”……")] == ["65岁以上"]  # a bound: a quantity
    by = {m.surface: m.subject for m in extract_metrics(
        "汤国华今年66岁，退休前是民警。汤国华说。82岁的独居老人罗承胜边吃边说。他凭借9粒进球当选最佳射手。")}
    assert by == {"66岁": "汤国华", "82岁": "罗承胜", "9粒": "进球"}


def test_a_building_number_after_where_someone_lives_is_no_count():
    assert [m.surface for m in extract_metrics("住在5栋的居民黄德明说，位于3单元的住户也来了。")] == []
    assert [m.surface for m in extract_metrics("新建5栋住宅楼。")] == ["5栋"]


def test_wells_and_ponds_are_counted_in_digits_a_couple_is_not():
    assert [(m.surface, m.subject) for m in extract_metrics("全县近3000口山塘逐一建档。")] == [("近3000口", "山塘")]
    assert extract_metrics("老两口身体还硬朗，一家三口之家其乐融融。") == []
