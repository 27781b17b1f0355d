"""Tests for page segmentation (pipeline.text.segment)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.text.model import SEGMENT_KINDS, PageLayout
from pipeline.text.segment import segment

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seed(prefix: str) -> str:
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def check_invariants(raw: str, page: PageLayout) -> None:
    """Everything the contract and the repair stage rely on."""
    segs = page.segments
    assert [s.seq for s in segs] == list(range(len(segs)))
    pos = 0
    for s in segs:
        assert s.raw_start == pos, (s, pos)
        assert s.raw_end > s.raw_start
        assert s.text == raw[s.raw_start:s.raw_end]
        assert s.kind in SEGMENT_KINDS
        if s.kind in ("blank", "boilerplate"):
            assert s.article is None
        if s.kind == "blank":
            assert all(c.isspace() or c in "\u200b\u200c\u200d\u2060\ufeff" for c in s.text)
        if s.article is not None:
            assert 0 <= s.article < len(page.articles)
        pos = s.raw_end
    assert pos == len(raw)
    caption_spans = [(s.raw_start, s.raw_end) for s in segs if s.kind == "caption"]
    for k, art in enumerate(page.articles):
        mine = [s for s in segs if s.article == k]
        assert mine, "every article owns at least one segment"
        assert art.raw_start == mine[0].raw_start and art.raw_end == mine[-1].raw_end
        prev_end = -1
        for a, b in art.paragraphs:
            assert art.raw_start <= a < b <= art.raw_end
            assert a >= prev_end, "paragraphs in reading order, disjoint"
            prev_end = b
            text = raw[a:b]
            assert text == text.strip() and text.strip("\u200b\ufeff") == text
            assert not re.match(r"#{1,6}\s", text), "markdown heading markers are stripped"
            assert "\n" not in text and "\r" not in text
            for ca, cb in caption_spans:
                assert b <= ca or a >= cb, "captions never enter paragraphs"
            # a paragraph lies inside one body segment of this article
            assert any(s.kind == "body" and s.article == k and s.raw_start <= a and b <= s.raw_end
                       for s in mine)


def kinds_of(page: PageLayout, kind: str) -> list[str]:
    return [s.text.strip() for s in page.segments if s.kind == kind]


def para_texts(raw: str, page: PageLayout, k: int) -> list[str]:
    return [raw[a:b] for a, b in page.articles[k].paragraphs]


# ---------------------------------------------------------------- property tests

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_tiling_arbitrary_text(raw: str) -> None:
    check_invariants(raw, segment(raw))


_LINE_PARTS = st.sampled_from([
    "# 标题", "## ——副标题纪实", "记者 张三 通讯员 李四", "株洲日报(记者/王五)今天,天气不错。",
    "(来源:株洲日报记者 赵六)", "▲图片说明", "供图", "通讯员供图", "扫码看视频", "上一篇:某某",
    "主办", "【专栏】", "# 1", "1、", "奋斗百年路 启航新征程", "正文第一段,内容很长很长。", "", " ",
    "\u3000", "小标题没有句号", "发表时间:2020-02-30 来源: 某网", "责任编辑:张三 校对:李四", "(",
    ")", "记者", "通讯员/", "——", "\r", "\u2028", "\x00", "株洲日报·掌上株洲讯(", "图片来源:网络",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE_PARTS, max_size=30), st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n\n\n\n"]))
def test_tiling_page_like_text(parts: list[str], eol: str) -> None:
    raw = eol.join(parts)
    check_invariants(raw, segment(raw))


@pytest.mark.parametrize("raw", ["", "\n", "\r\n\r\n", "。", "#", "(", "记者", "\ufeff", "a" * 5000,
                                 "记者 " + "张三 " * 2000, "(" * 3000 + ")" * 3000,
                                 "株洲日报(记者/" + "张" * 5000 + ")", "\u3000\xa0\n\u3000"])
def test_edge_inputs(raw: str) -> None:
    check_invariants(raw, segment(raw))


# ---------------------------------------------------------------- sample pages

@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_invariants(prefix: str) -> None:
    raw = _seed(prefix)
    check_invariants(raw, segment(raw))


def test_seed_000_single_feature_with_captions() -> None:
    raw = _seed("000")
    page = segment(raw)
    assert len(page.articles) == 1
    art = page.articles[0]
    assert art.headline == "务实笃行守初心 凝心聚力担使命"
    assert art.subheadline == "株洲云龙示范区学林街道推进主题教育工作纪实"
    assert art.reporters == ["胡乐"] and art.correspondents == ["刘玲"]
    assert page.publication == "株洲日报"
    paras = para_texts(raw, page, 0)
    assert "征地拆迁，久久为功啃下“硬骨头”" in paras  # section heading without "### "
    caps = kinds_of(page, "caption")
    assert "校地联盟开展主题教育，高校教授讲党课" in caps
    assert "村民在门口挂上了“最美庭院”的牌子" in caps
    assert "(本版图片均由学林街道办事处提供)" in caps
    assert caps[-1] == "学林街道全景"
    assert all(s.article == 0 for s in page.segments if s.kind == "caption")


def test_seed_001_parts_belong_to_mid_page_headline() -> None:
    raw = _seed("001")
    page = segment(raw)
    assert len(page.articles) == 1
    art = page.articles[0]
    assert art.headline == "党建引领网格化改革有了鲜活样本 清水塘街道基层治理让居民收获新幸福"
    assert art.reporters == ["李卉"]
    assert art.correspondents == ["江泓", "谭洪汀", "徐麟"]
    paras = para_texts(raw, page, 0)
    assert paras[0] == "网格吹哨,部门报到 小网格里写出党建大文章,居民更有幸福感"
    assert "党建引领乡村振兴 普通村庄蝶变为内外兼修绿富美" in paras
    assert {"# 1", "# 2", "# 3"} <= set(kinds_of(page, "boilerplate"))
    caps = kinds_of(page, "caption")
    assert len(caps) == 3 and all(c.startswith("▲") for c in caps)
    # the caption at the very top of the page belongs to the story
    assert page.segments[[s.kind for s in page.segments].index("caption")].article == 0


def test_seed_002_five_stories() -> None:
    raw = _seed("002")
    page = segment(raw)
    heads = [a.headline for a in page.articles]
    assert heads == [
        "芦淞区 庆云街道“枫桥经验”新实践 “党建引领+多元联动”解基层治理难题",
        "天元区 “医康养”服务包 温暖困难老人心",
        "石峰区 开展特色活动 推动民族团结进步",
        "天元区总工会 全年开展婚恋活动 12对单身职工“脱单”",
        "发挥选调生力量 助推“四育”进小区",
    ]
    a0, a1, a2 = page.articles[:3]
    assert a0.reporters == ["杨凌凌"] and a0.correspondents == ["周仁仁"]
    assert a1.reporters == ["杨如"] and a1.correspondents == ["肖谭莉"]
    assert a2.correspondents == ["周勃", "张红梅"]
    assert page.articles[3].reporters == ["谭昕吾"] and page.articles[4].reporters == ["旷昆红"]
    assert page.publication == "株洲日报"
    # in-body subheads stay in the story body
    p0 = para_texts(raw, page, 0)
    assert "深入调研,形成共识促方案" in p0 and "凝心聚力,提升人民幸福感" in p0
    # the caption interrupting a sentence: both halves stay, in order, caption excluded
    i = next(k for k, p in enumerate(p0) if p.endswith("交由第"))
    assert p0[i + 1].startswith("三方监督机构收缴")
    caps = kinds_of(page, "caption")
    assert caps == ["小区板凳会议,有效拉近党员、群众的距离。", "通讯员供图"]
    # lead byline split from the body on the same line
    bylines = kinds_of(page, "byline")
    assert "株洲日报(全媒体记者/杨如 通讯员/肖谭莉)" in bylines
    assert para_texts(raw, page, 1)[0].startswith("近日,天元区三门镇")
    # the video promo block at the end is furniture
    furn = kinds_of(page, "boilerplate")
    assert {"株洲日报新IP", "无视频不传播", "扫码看视频", "《与株洲同奔跑》"} <= set(furn)
    assert not any("扫码" in p or "短视频" in p for k in range(5) for p in para_texts(raw, page, k))


def test_seed_003_web_page_metadata_and_trailing_source() -> None:
    raw = _seed("003")
    page = segment(raw)
    assert len(page.articles) == 1
    art = page.articles[0]
    assert art.headline == "株洲:打造“俏模样” 石峰区推进美丽社区建设纪实"
    assert page.publication == "湖南文明网"
    assert page.published_date == date(2018, 10, 29)
    assert art.editors == ["何佳玲"]
    assert art.reporters == ["邓金星", "邹怡敏", "曹东东"]
    paras = para_texts(raw, page, 0)
    assert paras[-1].endswith("铁地共创类新型城市美丽社区。")  # source split off
    assert "(来源:株洲日报记者 邓金星 邹怡敏 曹东东)" in kinds_of(page, "byline")
    assert "党建引领,美丽社区建设“落地生根”" in paras
    assert not any("图片来源" in p for p in paras)
    furn = kinds_of(page, "boilerplate")
    for piece in ("您的位置:首页->要 闻", "【老区新颜】", "文明播报", "图片新闻", "相关阅读:"):
        assert piece in furn
    assert any(f.startswith("联系电话") for f in furn)
    assert len(kinds_of(page, "caption")) == 5


def test_seed_004_kicker_banners_and_five_stories() -> None:
    raw = _seed("004")
    page = segment(raw)
    heads = [a.headline for a in page.articles]
    assert heads == [
        "牢记为民初心,为群众解决“急难愁盼”",
        "社区“夜话家常”解民忧",
        "修好泥泞路 居民好出行",
        "今年,云龙要实现城乡生活垃圾分类全覆盖",
        "接连斩获两个“全国先进”,株洲河长制何以做到?",
    ]
    a = page.articles
    assert a[0].subheadline == "城市各区镇街深入开展“学党史,走基层,听民声,办实事”活动"
    assert a[0].reporters == ["周嵩", "李逸峰", "杨凌凌", "肖捷"]
    assert a[1].reporters == ["王娜"] and a[1].correspondents == ["刘敏"]
    assert a[3].subheadline == "包括所有安置小区和商业住宅小区"
    assert a[3].correspondents == ["易旭", "宋飘"]
    assert a[4].reporters == ["俞强年"] and a[4].correspondents == ["漆小丽"]
    assert all(x.editors == ["赵云超", "黄洞庭", "张武"] for x in a)
    furn = kinds_of(page, "boilerplate")
    assert {"奋斗百年路 启航新征程", "学党史 悟思想 办实事 开新局", "河长在线"} <= set(furn)
    assert "从百年党史中汲取智慧力量" in para_texts(raw, page, 0)
    caps = kinds_of(page, "caption")
    assert len(caps) == 2 and caps[1].endswith("资料图")
    # the caption interrupting story 0 stays with story 0
    cap_seg = next(s for s in page.segments if s.kind == "caption")
    assert cap_seg.article == 0


# ---------------------------------------------------------------- hand-made pages

PAGE_A = """\r
当前位置：首页 > 本地新闻\r
\r
荷塘区 老旧小区加装电梯破冰\r
——居民协商一致 政府补贴到位\r
\r
本报记者 王小明、陈大伟\r
实习生 刘洋\r
\r
“终于不用爬楼了！”家住七楼的张奶奶笑着说。今年以来，荷塘区共有12台电梯投入使用。\r
\r
协商先行 破解“一楼难题”\r
\r
加装电梯最大的难点是低楼层住户的意见。社区干部多次上门沟通，\r
\r
\r
\r
▲新装的电梯投入使用\r
\r
最终达成了补偿方案。(本报记者 王小明)\r
\r
湘江 风光带 再添新景\r
\r
本报讯（记者 孙丽 通讯员 周强）日前，湘江风光带新增两处亲水平台，市民纷纷前来打卡。\r
\r
新平台面积约2000平方米。\r
\r
市民在亲水平台散步\r
记者 孙丽 摄\r
\r
扫一扫 看更多\r
版权所有：某某日报社\r
"""


def test_handmade_two_stories_crlf() -> None:
    raw = PAGE_A
    page = segment(raw)
    check_invariants(raw, page)
    assert [a.headline for a in page.articles] == ["荷塘区 老旧小区加装电梯破冰", "湘江 风光带 再添新景"]
    a0, a1 = page.articles
    assert a0.subheadline == "居民协商一致 政府补贴到位"
    assert a0.reporters == ["王小明", "陈大伟", "刘洋"]
    assert a1.reporters == ["孙丽"] and a1.correspondents == ["周强"]
    p0 = para_texts(raw, page, 0)
    assert "协商先行 破解“一楼难题”" in p0
    assert p0[-1] == "最终达成了补偿方案。"
    assert para_texts(raw, page, 1)[0].startswith("日前，湘江风光带")
    caps = kinds_of(page, "caption")
    assert caps == ["▲新装的电梯投入使用", "市民在亲水平台散步", "记者 孙丽 摄"]
    furn = kinds_of(page, "boilerplate")
    assert "当前位置：首页 > 本地新闻" in furn and "扫一扫 看更多" in furn
    assert any(f.startswith("版权所有") for f in furn)
    # "湘江 风光带 再添新景" looks like a slogan but it is the only line above a byline
    assert "湘江 风光带 再添新景" in kinds_of(page, "headline")


PAGE_B = """发布时间：2021年3月5日  作者：李明  来源：醴陵新闻网

醴陵瓷谷迎来新项目

醴陵讯 3月4日，醴陵瓷谷新引进3个项目集中签约，总投资约15亿元。

据介绍，项目涵盖日用瓷、艺术瓷等领域。

图片来源：醴陵新闻网

编辑：周红 审核：钱进
"""


def test_handmade_web_page_metadata() -> None:
    raw = PAGE_B
    page = segment(raw)
    check_invariants(raw, page)
    assert page.published_date == date(2021, 3, 5)
    assert page.publication == "醴陵新闻网"
    assert len(page.articles) == 1
    art = page.articles[0]
    assert art.headline == "醴陵瓷谷迎来新项目"
    assert art.reporters == ["李明"]
    assert art.editors == ["周红", "钱进"]
    assert "图片来源：醴陵新闻网" in kinds_of(page, "caption")
    assert len(art.paragraphs) == 2


def test_handmade_no_headline_and_plain_text() -> None:
    raw = "这是一段没有标题的正文，讲述了一个故事。\n\n第二段继续讲述。\n"
    page = segment(raw)
    check_invariants(raw, page)
    assert len(page.articles) == 1
    assert page.articles[0].headline == ""
    assert para_texts(raw, page, 0) == ["这是一段没有标题的正文，讲述了一个故事。", "第二段继续讲述。"]
    assert page.publication is None and page.published_date is None


def test_handmade_numbered_parts_and_markdown() -> None:
    raw = ("# 一\n\n## 夜市烟火气回来了\n\n傍晚时分，夜市摊位陆续亮灯，\n\n"
           "# 小城夜经济 点亮新生活\n\n记者 黄晓 通讯员 林一\n\n# 二\n\n## 老街焕新\n\n老街改造完成。\n\n---\n")
    page = segment(raw)
    check_invariants(raw, page)
    assert [a.headline for a in page.articles] == ["小城夜经济 点亮新生活"]
    paras = para_texts(raw, page, 0)
    assert paras == ["夜市烟火气回来了", "傍晚时分，夜市摊位陆续亮灯，", "老街焕新", "老街改造完成。"]
    assert {"# 一", "# 二", "---"} <= set(kinds_of(page, "boilerplate"))


def test_handmade_byline_forms() -> None:
    raw = ("城区 新增三处口袋公园\n\n文/图 全媒体记者 何雨 特约通讯员 唐小军、邓芳\n\n"
           "正文内容在这里。\n\n"
           "乡村公路 通到家门口\n\n攸县讯（记者/罗伟）近日，攸县新修公路20公里。\n\n"
           "公路两旁种上了树。\n\n(来源:攸县融媒体中心)\n")
    page = segment(raw)
    check_invariants(raw, page)
    assert [a.headline for a in page.articles] == ["城区 新增三处口袋公园", "乡村公路 通到家门口"]
    a0, a1 = page.articles
    assert a0.reporters == ["何雨"] and a0.correspondents == ["唐小军", "邓芳"]
    assert a1.reporters == ["罗伟"]
    assert para_texts(raw, page, 1)[0] == "近日，攸县新修公路20公里。"


def test_handmade_column_label_and_slogan_in_body() -> None:
    raw = ("社区食堂 暖了老人胃\n\n记者 方圆\n\n【民生关注】\n\n第一段正文。\n\n"
           "不忘初心 牢记使命\n\n第二段正文。\n\n扫码看视频\n\n第三段正文。\n")
    page = segment(raw)
    check_invariants(raw, page)
    assert len(page.articles) == 1
    furn = kinds_of(page, "boilerplate")
    assert {"【民生关注】", "不忘初心 牢记使命", "扫码看视频"} <= set(furn)
    # a QR prompt does not end the story
    assert para_texts(raw, page, 0) == ["第一段正文。", "第二段正文。", "第三段正文。"]


def test_byline_like_body_sentence_is_body() -> None:
    raw = "标题在此\n\n记者 王刚\n\n记者了解到，该项目已经开工。\n\n通讯员小李说，这很好。\n"
    page = segment(raw)
    check_invariants(raw, page)
    assert kinds_of(page, "byline") == ["记者 王刚"]
    assert para_texts(raw, page, 0) == ["记者了解到，该项目已经开工。", "通讯员小李说，这很好。"]


def test_fullwidth_and_nbsp_indent_stripped() -> None:
    raw = "标题\n\n记者 王刚\n\n\u3000\u3000第一段。\xa0\n\u00a0 第二段。\u3000\n"
    page = segment(raw)
    check_invariants(raw, page)
    assert para_texts(raw, page, 0) == ["第一段。", "第二段。"]


def test_handmade_web_page_site_furniture_and_share_line() -> None:
    raw = ("湖南红网\n首页 > 株洲频道 > 要闻\n\n炎陵黄桃喜获丰收\n"
           "发布时间：2022-08-01 10:20 来源：红网\n分享到：\n\n"
           "炎陵县黄桃进入采摘季，果农忙着采摘装箱。\n\n今年全县黄桃产量预计达8万吨。"
           "(责任编辑：刘青)\n\n相关新闻\n黄桃节开幕\n桃农增收\n")
    page = segment(raw)
    check_invariants(raw, page)
    assert [a.headline for a in page.articles] == ["炎陵黄桃喜获丰收"]
    assert page.published_date == date(2022, 8, 1) and page.publication == "红网"
    art = page.articles[0]
    assert art.editors == ["刘青"]
    # a share line under the headline does not close the story; "相关新闻" after the body does
    assert para_texts(raw, page, 0) == ["炎陵县黄桃进入采摘季，果农忙着采摘装箱。", "今年全县黄桃产量预计达8万吨。"]
    furn = kinds_of(page, "boilerplate")
    assert {"湖南红网", "首页 > 株洲频道 > 要闻", "分享到：", "相关新闻", "黄桃节开幕", "桃农增收"} <= set(furn)


def test_handmade_print_header_date_and_dated_dateline() -> None:
    raw = ("2021年4月8日 星期四\nA3版\n\n【责任编辑：唐敏】\n\n茶陵 油茶林里春意浓\n\n"
           "株洲日报4月7日讯(记者 谭静 通讯员 龙飞)眼下，茶陵县油茶林迎来春管高峰。\n")
    page = segment(raw)
    check_invariants(raw, page)
    assert page.published_date == date(2021, 4, 8)
    assert page.publication == "株洲日报"
    art = page.articles[0]
    assert art.headline == "茶陵 油茶林里春意浓"
    assert art.reporters == ["谭静"] and art.correspondents == ["龙飞"]
    assert art.editors == ["唐敏"]
    assert para_texts(raw, page, 0) == ["眼下，茶陵县油茶林迎来春管高峰。"]


def test_caption_gap_line_before_next_headline_is_not_the_headline() -> None:
    raw = ("第一篇 标题\n\n记者 甲乙\n\n第一篇正文。\n\n\n\n雨后的公园\n\n\n"
           "第二篇 标题\n\n记者 丙丁\n\n第二篇正文。\n")
    page = segment(raw)
    check_invariants(raw, page)
    assert [a.headline for a in page.articles] == ["第一篇 标题", "第二篇 标题"]
    assert kinds_of(page, "caption") == ["雨后的公园"]


def test_video_promo_and_list_items() -> None:
    raw = ("神农城 灯会开幕\n\n记者 吴迪\n\n灯会共设三个展区：\n\n1、非遗灯组\n\n2、科技灯组\n\n"
           "游客可免费入园。\n\n《灯火里的株洲》\n\n扫码看视频\n")
    page = segment(raw)
    check_invariants(raw, page)
    assert len(page.articles) == 1
    assert para_texts(raw, page, 0) == ["灯会共设三个展区：", "1、非遗灯组", "2、科技灯组", "游客可免费入园。"]
    assert {"《灯火里的株洲》", "扫码看视频"} <= set(kinds_of(page, "boilerplate"))


def test_page_top_picture_caption_is_not_a_story() -> None:
    raw = "\n\n\n雪后的炎帝陵\n\n\n\n# 炎陵 冰雪旅游升温\n\n记者 冯晨\n\n景区游客增多。\n"
    page = segment(raw)
    check_invariants(raw, page)
    assert [a.headline for a in page.articles] == ["炎陵 冰雪旅游升温"]
    assert kinds_of(page, "caption") == ["雪后的炎帝陵"]


def test_short_headline_with_subtitle_is_not_a_column_label() -> None:
    raw = "春耕正当时\n\n——醴陵农民抢抓农时备耕忙\n\n记者 贺明\n\n田间地头一片繁忙。\n"
    page = segment(raw)
    check_invariants(raw, page)
    art = page.articles[0]
    assert art.headline == "春耕正当时" and art.subheadline == "醴陵农民抢抓农时备耕忙"


def test_source_word_inside_body_is_not_metadata() -> None:
    raw = ("渌口 新建污水处理厂\n\n记者 邹洁\n\n资金来源：中央预算内投资\n\n项目预计年底完工。"
           "（来源：株洲新闻网）\n")
    page = segment(raw)
    check_invariants(raw, page)
    assert para_texts(raw, page, 0) == ["资金来源：中央预算内投资", "项目预计年底完工。"]
    assert page.publication == "株洲新闻网"  # inferred from the trailing source, no metadata
    assert kinds_of(page, "byline") == ["记者 邹洁", "（来源：株洲新闻网）"]


def test_name_first_and_reported_by_credits() -> None:
    raw = "标题一行\n\n株洲日报记者张三 通讯员李四摄影报道\n\n正文。\n\n标题二行\n\n王五/文 赵六/图\n\n正文二。\n"
    page = segment(raw)
    check_invariants(raw, page)
    assert [(a.headline, a.reporters, a.correspondents) for a in page.articles] == [
        ("标题一行", ["张三"], ["李四"]), ("标题二行", ["王五", "赵六"], [])]


def test_dateline_with_colon_and_bullet_byline() -> None:
    raw = ("茶陵 举办农民丰收节\n\n本报讯 记者张三 通讯员李四 报道：近日，茶陵县举办农民丰收节。\n\n"
           "会场人头攒动。\n\n石峰 新添社区书屋\n\n■记者 王芳\n\n记者：书屋有多少藏书？\n\n管理员：三千余册。\n")
    page = segment(raw)
    check_invariants(raw, page)
    assert [(a.headline, a.reporters, a.correspondents) for a in page.articles] == [
        ("茶陵 举办农民丰收节", ["张三"], ["李四"]), ("石峰 新添社区书屋", ["王芳"], [])]
    assert para_texts(raw, page, 0) == ["近日，茶陵县举办农民丰收节。", "会场人头攒动。"]
    # interview turns starting with 记者： are body, not bylines
    assert para_texts(raw, page, 1) == ["记者：书屋有多少藏书？", "管理员：三千余册。"]


def test_markdown_section_headings_are_marked_for_repair():
    raw = "# 标题一则新闻\n\n记者 王娜\n\n第一段正文内容很长很长。\n\n### 征地拆迁，久久为功\n\n第二段正文。\n"
    layout = segment(raw)
    art = layout.articles[0]
    texts = [raw[a:b] for a, b in art.paragraphs]
    assert "征地拆迁，久久为功" in texts
    assert [texts[i] for i in art.headings] == ["征地拆迁，久久为功"]


_DATELINE_PAGE = (
    "垃圾分类进社区 居民参与热情高\n\n株洲日报记者 王娜 通讯员 刘敏\n\n"
    "10月28日，荷塘区月塘街道举行垃圾分类宣传活动，200余名居民参加。\n\n"
    "据介绍，今年以来，该街道已建成分类收集点30个。\n\n"
    "{headline}\n\n{lead}近日，芦淞区组织有关部门对辖区商场开展消防安全大检查，共排查隐患56处。\n\n"
    "检查组要求，各单位要落实主体责任。\n"
)


@pytest.mark.parametrize("lead", ["本报讯 ", "本报株洲10月28日讯 ", "新华社长沙10月28日电 ", "株洲日报讯　"])
def test_handmade_mid_page_story_without_byline_starts_at_its_dateline(lead: str) -> None:
    raw = _DATELINE_PAGE.format(headline="芦淞区开展消防安全大检查", lead=lead)
    layout = segment(raw)
    assert [a.headline for a in layout.articles] == ["垃圾分类进社区 居民参与热情高", "芦淞区开展消防安全大检查"]
    second = layout.articles[1]
    assert second.reporters == []
    assert raw[second.paragraphs[0][0]:second.paragraphs[0][1]].startswith(lead.strip())
    assert "消防" not in "".join(raw[a:b] for a, b in layout.articles[0].paragraphs)


def test_handmade_line_above_a_dateline_after_an_unfinished_paragraph_is_not_a_headline() -> None:
    raw = _DATELINE_PAGE.replace("已建成分类收集点30个。", "已建成分类收集点30个，").format(
        headline="并在各小区设置宣传栏", lead="本报讯 ")
    assert len(segment(raw).articles) == 1


@pytest.mark.parametrize("byline, reporters, correspondents", [
    ("文/图 株洲日报记者 王娜", ["王娜"], []),
    ("通讯员 李明 株洲日报记者 王娜", ["王娜"], ["李明"]),
    ("株洲日报记者/王娜 通讯员/李明 摄影/张红", ["王娜", "张红"], ["李明"]),
    ("本报记者 王娜 见习记者 李明", ["王娜", "李明"], []),
    ("株洲日报全媒体记者 王娜 通讯员 李明 张红", ["王娜"], ["李明", "张红"]),
    ("株洲日报全媒体记者/ 邹怡敏 通讯员/ 谭 伟", ["邹怡敏"], ["谭伟"]),  # OCR spaces
    ("记者 王娜 李 明", ["王娜", "李明"], []),
    ("记者｜王娜 通讯员｜李明", ["王娜"], ["李明"]),
])
def test_handmade_byline_variants(byline: str, reporters: list[str], correspondents: list[str]) -> None:
    raw = f"社区开展垃圾分类宣传活动\n\n{byline}\n\n10月28日，荷塘区月塘街道举行垃圾分类宣传活动，200余名居民参加。\n"
    layout = segment(raw)
    (article,) = layout.articles
    assert article.reporters == reporters and article.correspondents == correspondents
    assert [s.kind for s in layout.segments if s.kind != "blank"] == ["headline", "byline", "body"]


_DENSE_FURNITURE_PAGE = """您的位置：首页 > 新闻 > 株洲新闻
社区开展垃圾分类宣传活动
株洲日报记者 王娜
10月28日，荷塘区月塘街道举行垃圾分类宣传活动，200余名居民参加。活动现场，志愿者向居民讲解垃圾分类知识，

▲志愿者向居民讲解垃圾分类知识。株洲日报记者 王娜 摄

居民们纷纷表示受益匪浅。
资料图
据介绍，今年以来，该街道已建成分类收集点30个。
图片来源：月塘街道
（本版图片均由月塘街道提供）
扫码看视频
相关阅读
上一篇：我市召开安全生产会议
下一篇：石峰区开展消防演练
主办：株洲日报社 联系电话：0731-28888888 投稿邮箱：zzrb@163.com
A03
"""


def test_handmade_dense_page_furniture_captions_and_body() -> None:
    """Paragraphs without blank lines between them: credits and captions are lifted out, the
    finished sentences next to them stay body, site furniture is boilerplate."""
    layout = segment(_DENSE_FURNITURE_PAGE)
    raw = _DENSE_FURNITURE_PAGE
    kinds = {raw[s.raw_start:s.raw_end].strip(): s.kind for s in layout.segments if s.kind != "blank"}
    assert kinds["居民们纷纷表示受益匪浅。"] == "body"
    assert kinds["据介绍，今年以来，该街道已建成分类收集点30个。"] == "body"
    for caption in ("▲志愿者向居民讲解垃圾分类知识。株洲日报记者 王娜 摄", "资料图", "图片来源：月塘街道",
                    "（本版图片均由月塘街道提供）"):
        assert kinds[caption] == "caption"
    for furniture in ("您的位置：首页 > 新闻 > 株洲新闻", "扫码看视频", "相关阅读", "上一篇：我市召开安全生产会议", "A03"):
        assert kinds[furniture] == "boilerplate"
    assert layout.articles[0].reporters == ["王娜"]


_UNMARKED_PAGE = (
    "垃圾分类进社区 居民参与热情高\n\n株洲日报记者 王娜 通讯员 刘敏\n\n"
    "10月28日，荷塘区月塘街道举行垃圾分类宣传活动，200余名居民参加。\n\n"
    "据介绍，今年以来，该街道已建成分类收集点30个。{close}\n\n"
    "{head}"
    "近日，芦淞区组织有关部门对辖区商场开展消防安全大检查，共排查隐患56处。\n\n"
    "检查组要求，各单位要落实主体责任。\n"
)


@pytest.mark.parametrize("close, head, headline, sub", [
    ("（来源：株洲日报）", "芦淞区开展消防安全大检查\n\n", "芦淞区开展消防安全大检查", None),
    ("\n（完）", "芦淞区开展消防安全大检查\n\n", "芦淞区开展消防安全大检查", None),
    ("\n\n（记者 王娜）", "芦淞区开展消防安全大检查\n\n", "芦淞区开展消防安全大检查", None),
    ("", "芦淞区开展消防安全大检查\n——商场隐患当场整改\n\n", "芦淞区开展消防安全大检查", "商场隐患当场整改"),
    ("", "安全生产月活动——\n芦淞区开展消防安全大检查\n\n", "芦淞区开展消防安全大检查", "安全生产月活动"),
])
def test_handmade_mid_page_story_without_byline_or_dateline(close: str, head: str, headline: str,
                                                            sub: str | None) -> None:
    raw = _UNMARKED_PAGE.format(close=close, head=head)
    layout = segment(raw)
    check_invariants(raw, layout)
    assert [a.headline for a in layout.articles] == ["垃圾分类进社区 居民参与热情高", headline]
    assert layout.articles[1].subheadline == sub
    assert para_texts(raw, layout, 1)[0].startswith("近日，芦淞区")
    assert not any("消防" in t for t in para_texts(raw, layout, 0))


@pytest.mark.parametrize("head", [
    "芦淞区开展消防安全大检查\n\n",  # an in-body subhead: no evidence of a new story
    "1、芦淞区开展消防安全大检查\n——商场隐患当场整改\n\n",  # a list item, not a headline
])
def test_handmade_in_body_subhead_stays_in_its_story(head: str) -> None:
    raw = _UNMARKED_PAGE.format(close="", head=head)
    layout = segment(raw)
    check_invariants(raw, layout)
    assert [a.headline for a in layout.articles] == ["垃圾分类进社区 居民参与热情高"]
    assert any("芦淞区开展消防安全大检查" in t for t in para_texts(raw, layout, 0))


def test_handmade_dash_line_after_an_unfinished_paragraph_is_not_a_new_story() -> None:
    raw = _UNMARKED_PAGE.replace("分类收集点30个。", "分类收集点30个，").format(
        close="", head="芦淞区开展消防安全大检查\n——商场隐患当场整改\n\n")
    assert len(segment(raw).articles) == 1


def test_handmade_markdown_headline_level_starts_a_story() -> None:
    body = "# 社区书屋开放\n\n本月起，石峰区社区书屋每天开放十小时。\n\n### 藏书三千册\n\n书屋现有藏书三千余册。\n\n"
    raw = body + "# 湘江风光带新增亲水平台\n\n日前，湘江风光带新增两处亲水平台。\n"
    layout = segment(raw)
    check_invariants(raw, layout)
    assert [a.headline for a in layout.articles] == ["社区书屋开放", "湘江风光带新增亲水平台"]
    assert para_texts(raw, layout, 0)[1] == "藏书三千册"
    # the same headings all at one level say nothing about stories
    flat = raw.replace("### ", "# ")
    assert [a.headline for a in segment(flat).articles] == ["社区书屋开放"]


_BRIEF_PAGE = (
    "渌口区“智慧河长”守护一江碧水\n\n株洲日报记者 谭琦 通讯员 彭亮\n\n"
    "6月10日，渌口区召开河长制工作调度会，今年以来全区共巡河1.2万余次。\n\n"
    "下一步，该区将对5条支流开展生态修复。\n\n"
    "荷塘区举办夏季招聘会\n\n"
    "6月11日，荷塘区人社局在月塘街道举办夏季专场招聘会，提供岗位1300余个。{tail}\n"
)


def test_handmade_brief_with_its_own_source_below_a_reported_story() -> None:
    raw = _BRIEF_PAGE.format(tail="（来源：荷塘区融媒体中心）")
    layout = segment(raw)
    check_invariants(raw, layout)
    assert [a.headline for a in layout.articles] == ["渌口区“智慧河长”守护一江碧水", "荷塘区举办夏季招聘会"]
    assert layout.articles[1].reporters == []
    # the story's own source (same publication, or its reporter) keeps the subhead in the story
    for tail in ("（来源：株洲日报）", "（记者 谭琦）", ""):
        raw = _BRIEF_PAGE.format(tail=tail)
        assert [a.headline for a in segment(raw).articles] == ["渌口区“智慧河长”守护一江碧水"], tail


def test_handmade_web_metadata_with_author_and_editor_keys() -> None:
    raw = ("您的位置：首页 > 株洲新闻\n\n天元区：家门口的“幸福食堂”开张了\n"
           "发布时间：2022-09-15 08:30:12 来源：掌上株洲 作者：易蓉 编辑：陈晓\n\n"
           "9月14日中午，天元区泰山社区的“幸福食堂”开张了。\n\n上一篇：芦淞区开展检查\n")
    layout = segment(raw)
    check_invariants(raw, layout)
    (art,) = layout.articles
    assert (art.headline, art.reporters, art.editors) == ("天元区：家门口的“幸福食堂”开张了", ["易蓉"], ["陈晓"])
    assert (layout.publication, str(layout.published_date)) == ("掌上株洲", "2022-09-15")


@pytest.mark.parametrize("code", ["A3 民生", "05版 要闻", "第3版·综合", "民生 A3"])
def test_handmade_page_code_with_column_label_is_boilerplate(code: str) -> None:
    raw = f"株洲日报\n\n{code}\n\n芦淞区老旧小区加装电梯\n\n株洲日报记者 李静\n\n3月4日，芦淞区首台加装电梯投用。\n"
    layout = segment(raw)
    check_invariants(raw, layout)
    assert [a.headline for a in layout.articles] == ["芦淞区老旧小区加装电梯"]
    assert [s.kind for s in layout.segments if s.text.strip() == code] == ["boilerplate"]


_BRIEFS_PAGE = (
    "{label}\n\n荷塘区开展消防应急演练\n{gap}"
    "6月11日，荷塘区在月塘街道开展高层建筑消防应急演练，200余名居民参加。（通讯员 李明）\n\n"
    "芦淞区新增3个城市书房\n{gap}近日，芦淞区新建的3个城市书房正式对外开放，共有藏书1.5万册。（王娜）\n\n"
    "天元区举办职业技能大赛\n{gap}6月10日，天元区第三届职业技能大赛开幕，120名选手参加6个项目的比拼。\n"
)


@pytest.mark.parametrize("label, gap", [("■简讯", ""), ("【区县快讯】", "\n"), ("新闻速递", "")])
def test_handmade_briefs_column_every_headline_is_a_story(label: str, gap: str) -> None:
    raw = _BRIEFS_PAGE.format(label=label, gap=gap)
    layout = segment(raw)
    check_invariants(raw, layout)
    assert [(a.headline, a.reporters, a.correspondents) for a in layout.articles] == [
        ("荷塘区开展消防应急演练", [], ["李明"]), ("芦淞区新增3个城市书房", ["王娜"], []),
        ("天元区举办职业技能大赛", [], [])]
    assert [s.kind for s in layout.segments if s.text.strip() == label] == ["boilerplate"]
    # without the label the same headlines read as in-body subheads of one story
    assert len(segment(raw.replace(label, "")).articles) < 3


def test_handmade_jump_lines_and_column_words_are_no_credits() -> None:
    raw = ("（上接A1版）\n在推进过程中，石峰区先后出台了12项配套政策。\n\n株洲高新区跑出“加速度”\n\n"
           "株洲日报全媒体记者 王军\n\n今年一季度，高新区工业增加值同比增长9.8%。\n（下转A3版）\n\n"
           "记者手记\n\n采访中，记者深切感受到企业对创新的渴望。\n")
    layout = segment(raw)
    check_invariants(raw, layout)
    assert [(a.headline, a.reporters) for a in layout.articles] == [("", []), ("株洲高新区跑出“加速度”", ["王军"])]
    assert [s.kind for s in layout.segments if "转" in s.text or "上接" in s.text] == ["boilerplate", "boilerplate"]


def test_handmade_fact_box_label_is_furniture_and_the_box_stays_in_the_story() -> None:
    raw = ("前三季度全市GDP同比增长5.2%\n\n株洲日报全媒体记者 曾鹏\n\n10月25日，市统计局发布数据。\n\n"
           "■链接\n2022年全市GDP为3616.8亿元。\n")
    layout = segment(raw)
    check_invariants(raw, layout)
    assert [s.kind for s in layout.segments if s.text.strip() == "■链接"] == ["boilerplate"]
    assert para_texts(raw, layout, 0)[-1] == "2022年全市GDP为3616.8亿元。"


def test_judge_is_no_footer_and_spaced_web_author():
    page = ("荷塘区法院审结一起纠纷案\n\n株洲日报记者 许 文\n\n法院判决张某偿还借款。\n"
            "承办法官王丽华提醒，出借资金时应签订书面借条。\n")
    lay = segment(page)
    assert [s.kind for s in lay.segments if "承办法官" in s.text] == ["body"]
    web = "株洲新增5G基站1200个\n\n来源：株洲新闻网 | 发布时间：2024-03-01 09:12:33 | 作者：李 想\n\n记者获悉，全市新建基站。\n"
    lay = segment(web)
    assert lay.articles[0].reporters == ["李想"] and lay.publication == "株洲新闻网"
    assert str(lay.published_date) == "2024-03-01"


def test_masthead_date_line_is_furniture_and_dates_the_page():
    page = "株洲日报 2024年1月22日 第A2版\n\n寒潮来袭 我市气温将跌至零下3℃\n\n株洲日报记者 邹 娟\n\n本报讯 本周我市将降温。\n"
    lay = segment(page)
    assert lay.articles[0].headline == "寒潮来袭 我市气温将跌至零下3℃"
    assert str(lay.published_date) == "2024-01-22"
    assert any(s.kind == "boilerplate" and s.text.startswith("株洲日报 2024年") for s in lay.segments)


def test_an_editors_note_and_a_lone_separator_are_furniture():
    page = ("编者按：乡村振兴，人才是关键。本报推出系列报道。\n\n养蜂小伙的甜蜜事业\n\n株洲日报记者 谭 静\n\n"
            "谢文斌养了300箱蜜蜂。\n\n■\n茶陵姑娘直播卖茶油\n\n株洲日报记者 谭 静\n\n谭小燕回乡做起了直播。\n")
    lay = segment(page)
    assert [a.headline for a in lay.articles] == ["养蜂小伙的甜蜜事业", "茶陵姑娘直播卖茶油"]
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    assert kinds["■"] == "boilerplate" and kinds["编者按：乡村振兴，人才是关键。本报推出系列报道。"] == "boilerplate"


def test_breadcrumb_and_original_title_are_furniture_not_the_headline():
    page = ("株洲新闻网 > 新闻中心 > 株洲要闻\n\n原标题：石峰区清水塘老工业区焕发新生机\n\n清水塘变身“生态新城”\n\n"
            "文/图 株洲日报记者 李 想\n\n5月15日，记者走进清水塘。\n")
    lay = segment(page)
    assert [a.headline for a in lay.articles] == ["清水塘变身“生态新城”"]
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    assert kinds["株洲新闻网 > 新闻中心 > 株洲要闻"] == "boilerplate"
    assert kinds["原标题：石峰区清水塘老工业区焕发新生机"] == "boilerplate"
    # one arrow in a body sentence is no breadcrumb
    body = segment("标题\n\n株洲日报记者 李 想\n\n温度 > 30℃时停止作业。\n")
    assert [s.kind for s in body.segments if "温度" in s.text] == ["body"]


def test_a_bulleted_column_label_above_the_headline_is_furniture():
    page = ("■民生关注\n\n老旧电梯“换新”  居民上下楼不再犯愁\n——荷塘区加装电梯工作见闻\n\n株洲日报记者 谭琪\n\n"
            "3月4日上午，居民走进新换的电梯。\n")
    lay = segment(page)
    assert [a.headline for a in lay.articles] == ["老旧电梯“换新” 居民上下楼不再犯愁"]
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    assert kinds["■民生关注"] == "boilerplate"
    check_invariants(page, lay)
    # a bulleted line that is a headline in its own right stays one (without its bullet)
    lay = segment("■石峰区老旧小区改造全面启动\n\n株洲日报记者 谭琪\n\n3月4日上午，改造工程开工。\n")
    assert [a.headline for a in lay.articles] == ["石峰区老旧小区改造全面启动"]


def test_a_body_line_cut_mid_phrase_above_a_credit_stays_body():
    page = ("小龙虾“游”出致富路\n眼下正是小龙虾上市旺季。在石门村的基地，村民们\n"
            "正忙着收虾。基地负责人告诉记者，今年基地养殖面积达\n图片来源：渌口区融媒体中心\n"
            "1200亩，亩均增收3000元以上。\n")
    lay = segment(page)
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    assert kinds["图片来源：渌口区融媒体中心"] == "caption"
    assert kinds["正忙着收虾。基地负责人告诉记者，今年基地养殖面积达"] == "body"
    check_invariants(page, lay)
    # a real caption above a credit is still one
    lay = segment("标题\n\n株洲日报记者 李想\n\n村民们正在收虾。\n\n\n石门村的稻虾基地\n图片来源：渌口区融媒体中心\n\n"
                  "据了解，基地养殖面积达1200亩。\n")
    assert {s.text.strip(): s.kind for s in lay.segments}["石门村的稻虾基地"] == "caption"


def test_a_byline_below_the_last_story_closes_it_and_an_end_mark_is_furniture():
    page = ("渌口区：小龙虾“游”出致富路\n　　眼下正是小龙虾上市旺季。（记者 刘洋）\n\n"
            "炎陵：“黄桃贷”解了果农燃眉之急\n　　炎陵县已累计发放“黄桃贷”1.2亿元，惠及果农3600余户。（完）\n"
            "（株洲晚报记者 陈 功）\n")
    lay = segment(page)
    assert [(a.headline, a.reporters) for a in lay.articles] == [
        ("渌口区：小龙虾“游”出致富路", ["刘洋"]), ("炎陵：“黄桃贷”解了果农燃眉之急", ["陈功"])]
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    assert kinds["（完）"] == "boilerplate"
    assert kinds["（株洲晚报记者 陈 功）"] == "byline"
    check_invariants(page, lay)


def test_a_time_and_view_count_line_is_metadata_and_a_video_label_is_a_promo():
    page = ("攸县：乡村夜校点亮农民致富梦\n时间：2023-04-12 09:30:15  来源：攸县融媒体中心  浏览次数：1523\n\n"
            "　　村民刘春生说，去年亩产只有\n\n【视频】乡村夜校开课啦\n扫一扫 看视频\n\n880斤左右。\n")
    lay = segment(page)
    assert lay.published_date is not None and lay.published_date.isoformat() == "2023-04-12"
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    assert kinds["时间：2023-04-12 09:30:15  来源：攸县融媒体中心  浏览次数：1523"] == "boilerplate"
    assert kinds["【视频】乡村夜校开课啦"] == "boilerplate"
    check_invariants(page, lay)
    # a notice's time line alone is body text, and does not date the page
    lay = segment("标题\n\n株洲日报记者 李想\n\n时间：2023-05-01 上午9时\n地点：市民中心\n")
    assert lay.published_date is None
    assert {s.text.strip(): s.kind for s in lay.segments}["时间：2023-05-01 上午9时"] == "body"


def test_editor_credits_on_the_page_date_line_and_a_figures_box_label():
    page = ("2024年1月22日  星期一  责任编辑：龙 琴  版式设计：周 洋\n\n“一老一小”有了温暖的家\n\n"
            "株洲日报记者/胡 乐\n\n问：今年有哪些新举措？\n\n■数说\n6个 新建养老服务中心\n")
    lay = segment(page)
    assert lay.published_date is not None and lay.published_date.isoformat() == "2024-01-22"
    assert lay.articles[0].editors == ["龙琴", "周洋"]
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    assert kinds["■数说"] == "boilerplate"
    assert kinds["6个 新建养老服务中心"] == "body"
    check_invariants(page, lay)
    lay = segment("标题\n\n株洲日报记者 李想\n\n全省市场主体达到560万户。\n\n更正：本报5月8日A2版一文中，“2.3万家”应为“2.6万家”。\n")
    assert [s.kind for s in lay.segments if s.text.startswith("更正")] == ["boilerplate"]  # a correction notice


def test_a_related_label_over_running_text_heads_a_box_in_the_story():
    page = ("暑期托管班开班\n\n株洲日报记者 刘敏\n\n今年暑假，全区开设托管班23个。\n\n相关链接\n"
            "　　据市教育局统计，今年全市共开设暑期托管点152个，服务学生1.1万余人次。\n")
    lay = segment(page)
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    assert kinds["相关链接"] == "boilerplate"
    assert kinds["据市教育局统计，今年全市共开设暑期托管点152个，服务学生1.1万余人次。"] == "body"
    check_invariants(page, lay)
    # over a list of headlines it is site navigation, and what follows is no body
    lay = segment("暑期托管班开班\n\n株洲日报记者 刘敏\n\n今年暑假，全区开设托管班23个。\n\n相关链接\n"
                  "攸县：春耕备耕正当时\n茶陵：稻鱼模式助农增收\n")
    assert {s.text.strip(): s.kind for s in lay.segments}["攸县：春耕备耕正当时"] == "boilerplate"


def test_a_spaced_title_over_a_dash_subtitle_is_the_headline_and_page_credits_are_furniture():
    page = ("株洲日报 2024年3月8日 A4 专题\n\n巾帼建新功 奋斗新征程\n——2023年度“三八红旗手”风采\n\n"
            "编者按 在妇女节到来之际，本报推出专题。\n\n谭红梅：扎根山区的“乡村医生”\n"
            "　　在炎陵县策源乡，村民们都会竖起大拇指。\n\n（本版文字由市妇联提供）\n")
    lay = segment(page)
    assert [(a.headline, a.subheadline) for a in lay.articles] == [("巾帼建新功 奋斗新征程", "2023年度“三八红旗手”风采")]
    assert lay.publication == "株洲日报"  # from the masthead, with no byline on the page
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    assert kinds["编者按 在妇女节到来之际，本报推出专题。"] == "boilerplate"
    assert kinds["（本版文字由市妇联提供）"] == "boilerplate"
    check_invariants(page, lay)
    # a slogan banner with no subtitle under it is still a banner
    lay = segment("奋斗百年路 启航新征程\n\n清水塘变身生态新城\n\n株洲日报记者 李想\n\n5月15日，记者走进清水塘。\n")
    assert [a.headline for a in lay.articles] == ["清水塘变身生态新城"]


def test_numbered_picture_lines_are_captions_but_a_figure_in_a_sentence_is_not():
    page = ("神农城灯会点亮夜株洲\n株洲日报记者 王军 摄影报道\n\n　　2月9日晚，灯会开幕。\n\n"
            "图①：市民在灯会现场拍照留念。\n图③ 航拍灯会全景。\n\n　　据了解，灯会将持续至3月10日。\n"
            "　　图书馆延长开放时间，如图2所示。\n")
    lay = segment(page)
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    assert kinds["图①：市民在灯会现场拍照留念。"] == kinds["图③ 航拍灯会全景。"] == "caption"
    assert kinds["图书馆延长开放时间，如图2所示。"] == "body"
    check_invariants(page, lay)


def test_a_name_pad_at_the_end_of_a_headline_goes_and_speaker_labels_stay_body():
    page = ("让老百姓吃上放心菜——专访市农业农村局局长周 明\n株洲日报记者 谭 敏\n\n"
            "记者：今年有哪些新举措？\n周明：我们将建设追溯点200个。\n")
    lay = segment(page)
    assert [(a.headline, a.reporters) for a in lay.articles] == [("让老百姓吃上放心菜——专访市农业农村局局长周明", ["谭敏"])]
    assert [s.kind for s in lay.segments if s.text.startswith("记者：")] == ["body"]
    assert segment("巾帼建新功 奋斗新征程\n\n株洲日报记者 谭敏\n\n正文。\n").articles[0].headline == "巾帼建新功 奋斗新征程"


def test_photo_credit_with_a_spaced_name_is_a_caption_and_a_trailing_jump_is_furniture():
    page = ("石峰区小区改造惠及万户居民\n\n株洲日报记者 李 想\n\n改造后的小区将物业费交由第\n\n"
            "小区居民在新建的休闲广场散步。 记者 李 想 摄\n\n三方监督机构收缴。\n\n"
            "据了解，总投资约2.6亿元。（下转A4版）\n")
    lay = segment(page)
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    assert kinds["小区居民在新建的休闲广场散步。 记者 李 想 摄"] == "caption"
    assert kinds["（下转A4版）"] == "boilerplate"
    assert kinds["据了解，总投资约2.6亿元。"] == "body"
    check_invariants(page, lay)


# ---------------------------------------------------------------- eighth session: app, portal and print variants

def test_app_pages_source_time_lines_and_furniture() -> None:
    raw = ("打开掌上株洲APP，阅读体验更佳\n\n渌口区农村供水保障工程交出“成绩单”\n掌上株洲　2024-07-16 10:42\n阅读量：2365\n\n"
           "　　掌上株洲7月15日讯（记者 蒋 薇 通讯员 肖文）7月15日，渌口区召开新闻发布会。\n\n"
           "视频加载中...\n00:00 / 02:36\n\n一审：彭 蕾　二审：贺 军　三审：谭 勇\n责任编辑：欧阳 倩\n\n下载掌上株洲APP 看更多株洲新闻\n")
    page = segment(raw)
    check_invariants(raw, page)
    (art,) = page.articles
    assert art.headline == "渌口区农村供水保障工程交出“成绩单”"
    assert (art.reporters, art.correspondents) == (["蒋薇"], ["肖文"])
    assert art.editors == ["彭蕾", "贺军", "谭勇", "欧阳倩"]  # 一审/二审/三审, a compound surname split by OCR
    assert (page.publication, page.published_date) == ("掌上株洲", date(2024, 7, 16))
    assert {"打开掌上株洲APP，阅读体验更佳", "掌上株洲　2024-07-16 10:42", "阅读量：2365", "视频加载中...",
            "00:00 / 02:36", "下载掌上株洲APP 看更多株洲新闻"} <= set(kinds_of(page, "boilerplate"))
    # a time, a source and the credits on one line
    raw = "茶陵：古城老街夜市点亮“烟火气”\n2024-08-03 21:16　掌上株洲　记者 陈 默　通讯员 谭 晓\n\n　　8月2日晚，老街华灯初上。\n"
    page = segment(raw)
    assert (page.articles[0].reporters, page.articles[0].correspondents) == (["陈默"], ["谭晓"])
    assert (page.publication, page.published_date) == ("掌上株洲", date(2024, 8, 3))


def test_portal_header_menu_notice_signature_and_repeated_title() -> None:
    raw = ("株洲市天元区人民政府\n首页 > 信息公开 > 通知公告\n索引号：430211000/2024-00396　　发布机构：株洲市天元区住建局\n\n"
           "关于金龙路封闭施工期间实施交通管制的通告\n\n　　决定对金龙路实施封闭施工。\n　　特此通告。\n\n"
           "株洲市天元区住房和城乡建设局\n2024年5月20日\n\n打印本页 关闭窗口\n")
    page = segment(raw)
    check_invariants(raw, page)
    assert [a.headline for a in page.articles] == ["关于金龙路封闭施工期间实施交通管制的通告"]
    assert kinds_of(page, "boilerplate")[:3] == [
        "株洲市天元区人民政府", "首页 > 信息公开 > 通知公告", "索引号：430211000/2024-00396　　发布机构：株洲市天元区住建局"]
    assert "2024年5月20日" not in kinds_of(page, "boilerplate")  # a notice's signing date stays with it
    raw = ("株洲新闻网\n株洲要闻 | 区县 | 民生 | 视频\n\n石峰区：老厂房“变身”文创园\n\n石峰区：老厂房“变身”文创园\n"
           "2024-04-22 09:05　来源：株洲日报　作者：曾 琳　通讯员：贺 敏\n图片\n\n　　4月20日，文创园里人头攒动。\n\n"
           "株洲新闻网版权所有，未经授权禁止复制\n")
    page = segment(raw)
    (art,) = page.articles
    assert (art.headline, art.subheadline) == ("石峰区：老厂房“变身”文创园", None)
    assert (art.reporters, art.correspondents, page.publication) == (["曾琳"], ["贺敏"], "株洲日报")
    assert {"株洲要闻 | 区县 | 民生 | 视频", "石峰区：老厂房“变身”文创园", "图片",
            "株洲新闻网版权所有，未经授权禁止复制"} <= set(kinds_of(page, "boilerplate"))


def test_print_headers_bracket_bylines_and_spaced_briefs_label() -> None:
    raw = ("株洲晚报\n2024年5月8日 星期三 第A03版 要闻\n\n芦淞服饰商圈“夜经济”持续升温\n\n【记者 钟雅琪】\n\n"
           "　　5月6日晚8时许，记者来到商圈。\n\n（下转第4版）\n")
    page = segment(raw)
    assert page.articles[0].reporters == ["钟雅琪"] and page.publication == "株洲晚报"
    raw = ("株洲日报·要闻  A02  2024.10.15  星期二\nA03 要闻 责编/汪 静 美编/邓 超\n\n简　讯\n\n"
           "马家河街道“爱心托管班”开班\n■记者 聂思远 通讯员 龙小雨\n7月10日，托管班正式开班。\n\n"
           "神农谷暑期游持续火热\n进入7月以来，景区迎来客流高峰。（记者 谢天明）\n")
    page = segment(raw)
    check_invariants(raw, page)
    assert (page.publication, page.published_date) == ("株洲日报", date(2024, 10, 15))
    assert [a.headline for a in page.articles] == ["马家河街道“爱心托管班”开班", "神农谷暑期游持续火热"]
    assert page.articles[0].editors == ["汪静", "邓超"]
    assert "简　讯" in kinds_of(page, "boilerplate")


def test_a_weather_box_after_a_story_is_its_own_item() -> None:
    raw = ("攸县：早稻机插进度过七成\n\n本报讯（记者 龙 婧）4月15日，插秧机来回穿梭。\n　　全县已完成机插秧27万亩。\n\n"
           "天气预报\n\n　　据市气象台预报，未来三天我市以阴雨天气为主。\n　　16日：小雨转阴，12℃～18℃。\n")
    page = segment(raw)
    check_invariants(raw, page)
    assert [a.headline for a in page.articles] == ["攸县：早稻机插进度过七成", "天气预报"]
    assert para_texts(raw, page, 1) == ["据市气象台预报，未来三天我市以阴雨天气为主。", "16日：小雨转阴，12℃～18℃。"]


def test_a_brief_title_run_in_before_its_dateline_is_its_headline():
    page = ("新闻速递\n\n■荷塘区开展秋季征兵体检　本报讯（通讯员 邹可欣）9月5日，荷塘区征兵体检工作启动，"
            "320余名应征青年参加体检。\n\n■芦淞区新增一批“爱心驿站”　近日，芦淞区新建“爱心驿站”12个，"
            "为户外劳动者提供饮水、休息等服务。（谭 琳）\n")
    lay = segment(page)
    assert [a.headline for a in lay.articles] == ["荷塘区开展秋季征兵体检", "芦淞区新增一批“爱心驿站”"]
    assert [(a.reporters, a.correspondents) for a in lay.articles] == [([], ["邹可欣"]), (["谭琳"], [])]
    check_invariants(page, lay)
    # a bulleted list item with a date is no title: no wide gap before the date
    lay = segment("标题在这里\n\n株洲日报记者 谭琪\n\n■9月5日，荷塘区征兵体检工作启动，320余名应征青年参加体检，体检站开通绿色通道。\n")
    assert [a.headline for a in lay.articles] == ["标题在这里"]


def test_a_story_in_a_narrow_column_below_another_starts_at_its_title():
    page = ("调解室化解邻里事\n\n本报记者 苏婉清\n\n8月20日上午，两户居民因为漏水的事争得面红耳\n赤。"
            "调解员汤国华耐心听双方诉说。\n\n浦口镇3座危桥改造完工\n\n近日，醴陵市浦口镇3座农村公路危\n"
            "桥改造工程全部完工通车。\n（本报记者 陈 曦 通讯员 肖 勇）\n")
    lay = segment(page)
    assert [a.headline for a in lay.articles] == ["调解室化解邻里事", "浦口镇3座危桥改造完工"]
    assert (lay.articles[1].reporters, lay.articles[1].correspondents) == (["陈曦"], ["肖勇"])
    check_invariants(page, lay)


def test_a_wrapped_caption_and_its_bracketed_photo_credit_stay_captions():
    page = ("春风十里 株洲处处是花海\n\n本报记者 贺婉清\n\n　　连日来，城区各大公园的樱花次第开放，市民纷纷踏青赏花。\n\n"
            "图①：石峰公园内，30余万株郁金香进入盛花期，市民在花海中\n拍照留念，乐享春光。\n\n"
            "图② 在株洲植物园的樱花大道上，一名小朋友踮起脚尖闻花香。\n（摄影 谢 阳）\n\n"
            "　　据了解，今年的赏花季将持续到4月中旬。\n")
    lay = segment(page)
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    assert kinds["拍照留念，乐享春光。"] == "caption" and kinds["（摄影 谢 阳）"] == "caption"
    assert lay.articles[0].reporters == ["贺婉清"]
    check_invariants(page, lay)


def test_furniture_and_story_starts_from_an_eleventh_batch_of_pages():
    page = ("潇湘晚报 XIAOXIANG EVENING\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u30002025.03.12\u3000星期三\u3000第A05版\n"
            "城事·民生\n\n乡村振兴系列报道③\n湘江边的小渔村变了样\n\n记者 曹 敏\n\n"
            "\u3000\u30003月10日，记者来到江边村，村道干净整洁。\n"
            "（下转A06版）\n\n稻田里的“新农人”\n——记返乡青年唐 磊\n\n"
            "\u3000\u3000今年30岁的唐磊辞去城里的工作回到家乡。（记者 曹 敏）\n\n时评\n\n"
            "垃圾分类贵在坚持\n\n□ 易 安\n\n\u3000\u3000垃圾分类是一场持久战。\n\n"
            "新闻热线：0731-22223333\u3000\u3000投稿邮箱：news@example.com\n"
            "潇湘晚报社出版\u3000\u3000国内统一连续出版物号：CN43-0099\n"
            "A05\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u30002025年3月12日\n")
    lay = segment(page)
    assert lay.published_date == date(2025, 3, 12)
    heads = [(a.headline, a.subheadline, a.reporters) for a in lay.articles]
    assert heads == [("湘江边的小渔村变了样", "乡村振兴系列报道③", ["曹敏"]),
                     ("稻田里的“新农人”", "记返乡青年唐磊", ["曹敏"]),
                     ("垃圾分类贵在坚持", None, ["易安"])]
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    for furniture in ("城事·民生", "（下转A06版）", "时评", "新闻热线：0731-22223333\u3000\u3000投稿邮箱：news@example.com",
                      "潇湘晚报社出版\u3000\u3000国内统一连续出版物号：CN43-0099"):
        assert kinds[furniture] == "boilerplate", furniture
    assert kinds["A05" + "\u3000" * 15 + "2025年3月12日"] == "boilerplate"
    check_invariants(page, lay)


def test_a_promo_line_or_a_caption_between_headline_and_byline_is_passed_over():
    page = ("株洲晚报\n2024年3月15日　星期五\n\n反诈课搬进菜市场　大爷大妈“现学现用”\n\n扫码看视频\n\n"
            "株洲晚报全媒体记者 谭 琳　通讯员 宋洁\n\n　　3月14日上午，农贸市场里人头攒动。民警向居民发放资料。\n\n"
            "“平安积分”能换米面油　居民参与巡逻热情高\n\n▲巡逻队在小区夜巡。资料图\n\n"
            "　　本报讯（通讯员 胡 艳　记者 谢 敏）巡逻一次积2分，积分可以兑换生活用品。\n")
    lay = segment(page)
    assert [a.headline for a in lay.articles] == ["反诈课搬进菜市场 大爷大妈“现学现用”",
                                                  "“平安积分”能换米面油 居民参与巡逻热情高"]
    assert [(a.reporters, a.correspondents) for a in lay.articles] == [(["谭琳"], ["宋洁"]), (["谢敏"], ["胡艳"])]
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    assert kinds["扫码看视频"] == "boilerplate" and kinds["▲巡逻队在小区夜巡。资料图"] == "caption"
    check_invariants(page, lay)


def test_a_lead_byline_wrapped_onto_the_next_line_is_read_whole():
    page = ("嵩山路街道旧厂房变身“邻里中心”\n\n　　本报讯（记者 周 航　通\n讯员 谭小琴）9月11日，天元\n"
            "区枫林社区“邻里中心”正式投用。\n")
    lay = segment(page)
    (art,) = lay.articles
    assert (art.reporters, art.correspondents) == (["周航"], ["谭小琴"])
    by = [s for s in lay.segments if s.kind == "byline"]
    assert [page[s.raw_start:s.raw_end] for s in by] == ["　　本报讯（记者 周 航　通\n讯员 谭小琴）"]
    check_invariants(page, lay)


def test_a_bulleted_section_heading_keeps_its_paragraph_without_the_bullet():
    page = ("栗雨街道助餐服务全覆盖\n\n株洲日报记者 谭琪\n\n　　老人们在食堂聊天。\n\n■从“一张桌”到“一张网”\n\n"
            "　　栗雨街道辖区有12个社区。\n■对首次创业的高校毕业生，给予一次性创业补贴1万元；\n")
    lay = segment(page)
    (art,) = lay.articles
    paras = [page[a:b] for a, b in art.paragraphs]
    assert "从“一张桌”到“一张网”" in paras and paras.index("从“一张桌”到“一张网”") in art.headings
    assert "■对首次创业的高校毕业生，给予一次性创业补贴1万元；" in paras  # a list item keeps its bullet
    check_invariants(page, lay)


def test_a_wechat_post_header_numbered_sections_and_recommended_links():
    page = ("一条河，他守了十二年\n\n茶陵县融媒体中心　2024年05月21日 18:30　湖南\n\n听全文约6分钟\n\n"
            "清晨5点半，\n\n洣水河面还笼着一层薄雾。\n\n01｜一个人，守一段河\n\n段文武是土生土长的太和村人，\n\n"
            "对这段河有很深的感情。\n\n扫码看视频\n\n▼\n\n记者：谭 丽　通讯员：龙小英\n\n推荐阅读\n\n"
            "茶陵县召开2024年河长制工作会议\n")
    lay = segment(page)
    (art,) = lay.articles
    assert lay.published_date == date(2024, 5, 21)
    kinds = {s.text.strip(): s.kind for s in lay.segments}
    assert all(kinds[t] == "boilerplate" for t in ("听全文约6分钟", "▼", "推荐阅读", "茶陵县召开2024年河长制工作会议"))
    paras = [page[a:b] for a, b in art.paragraphs]
    assert paras.index("一个人，守一段河") in art.headings
    check_invariants(page, lay)
