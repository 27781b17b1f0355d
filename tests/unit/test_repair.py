"""Tests for pipeline.text.repair (cleanup and OCR repair)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.model import REPAIR_KINDS
from pipeline.text.repair import column_score, column_width, repair_article


def make(parts: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Raw text and piece spans: strings starting with '@' are raw filler (gaps, captions)."""
    raw = ""
    spans = []
    for p in parts:
        if p.startswith("@"):
            raw += p[1:]
        else:
            spans.append((len(raw), len(raw) + len(p)))
            raw += p
    return raw, spans


def check_invariants(raw: str, res) -> None:
    body = res.body
    assert body == body.strip()
    assert "\n\n" not in body
    assert res.steps and res.steps[-1].text_after == body
    for rep in res.repairs:
        assert rep.kind in REPAIR_KINDS
        assert 0.0 <= rep.confidence <= 1.0
        assert raw[rep.raw_start:rep.raw_end] == rep.before
    # pieces tile the body exactly, in order
    pos = 0
    for p in res.offsets.pieces:
        assert p.body_start == pos
        assert p.body_end >= p.body_start
        if p.copy:
            assert raw[p.raw_start:p.raw_end] == body[p.body_start:p.body_end]
        pos = p.body_end
    assert pos == len(body)


def applied(res, kind: str) -> list:
    return [r for r in res.repairs if r.applied and r.kind == kind]


# ------------------------------------------------------------------ joining


def test_caption_block_between_halves_is_joined():
    raw, spans = make(["将拖欠的物业管理费交由第", "@\n\n\n\n小区板凳会议,拉近党员、群众的距离。\n通讯员供图\n\n",
                       "三方监督机构收缴,用于完善小区消防设施。"])
    res = repair_article(raw, spans)
    assert res.body == "将拖欠的物业管理费交由第三方监督机构收缴，用于完善小区消防设施。"
    joins = applied(res, "line_join")
    assert len(joins) == 1 and joins[0].after == "" and joins[0].before.startswith("\n\n\n\n小区")
    check_invariants(raw, res)


def test_long_line_broken_mid_word_is_joined():
    left = "为了让这两户尽快签字，社区干部多次上门，耐心细致地做工作，言小牛更是多次到法院起诉政府部门征"
    raw, spans = make([left, "@\n\n", "拆程序不合法，想以此来获取更大的利益补偿。"])
    res = repair_article(raw, spans)
    assert "\n" not in res.body and "部门征拆程序" in res.body
    left = "湖南化工职业技术学院等三所高职院校的四位老师来社区任兼职副书记，协助社区开展工"
    raw, spans = make([left, "@\n\n", "作尤其是联络党建工作。"])
    assert "开展工作尤其是" in repair_article(raw, spans).body
    left = "几个科学实验活动在孩子们连连的惊叹声和掌声中落下了帷幕，不仅帮助孩子们在动手动脑研究实践的过程中"
    raw, spans = make([left, "@\n\n", "激发探索科学的兴趣。"])
    assert "过程中激发探索" in repair_article(raw, spans).body


def test_break_after_comma_is_joined():
    raw, spans = make(["今年春天，这座小城新修了三条道路，", "@\n", "市民出行更方便了。"])
    res = repair_article(raw, spans)
    assert res.body == "今年春天，这座小城新修了三条道路，市民出行更方便了。"


def test_heading_stays_its_own_paragraph():
    raw, spans = make(["面对这一僵局，街道党工委展开了一场行动。", "@\n\n", "深入调研,形成共识促方案", "@\n\n",
                       "今年8月上旬，街道党工委在详细了解案情后，迅速行动。"])
    res = repair_article(raw, spans)
    assert res.body.split("\n") == ["面对这一僵局，街道党工委展开了一场行动。", "深入调研，形成共识促方案",
                                    "今年8月上旬，街道党工委在详细了解案情后，迅速行动。"]
    assert not applied(res, "line_join")
    check_invariants(raw, res)


def test_paragraph_end_after_final_punctuation():
    raw, spans = make(["他说：“我们一定办好。”", "@\n", "河边的新公园下月开放。"])
    res = repair_article(raw, spans)
    assert res.body == "他说：“我们一定办好。”\n河边的新公园下月开放。"
    assert res.repairs == []


# ------------------------------------------------------------------ in-line fixes


def test_punctuation_width_in_chinese_context_only():
    raw, spans = make([("联系电话:0731-82217063,开发APP,让3D打印走进课堂(试点)?上午10:30开始,增长3.5%,"
                       "共1,200人。Hello, world! 邮箱:abc@163.com")])
    res = repair_article(raw, spans)
    assert res.body == ("联系电话：0731-82217063，开发APP，让3D打印走进课堂（试点）？上午10:30开始，增长3.5%，"
                        "共1,200人。Hello, world!邮箱：abc@163.com")
    assert {r.kind for r in res.repairs if r.applied} == {"punctuation_width", "whitespace"}
    check_invariants(raw, res)


def test_ascii_double_quotes_in_chinese_text_become_full_width_pairs():
    raw, spans = make(['"终于不用爬楼了!"陈桂英说,她用的是"iPhone"手机。'])
    res = repair_article(raw, spans)
    assert res.body == "“终于不用爬楼了！”陈桂英说，她用的是“iPhone”手机。"
    check_invariants(raw, res)
    for text in ['他说"好吧,就这样。', 'Reply "yes" or "no".']:  # an odd count; Latin text only
        raw, spans = make([text])
        assert '"' in repair_article(raw, spans).body


def test_half_width_full_stop_after_chinese_text():
    raw, spans = make(["推动项目早投产.详情请访问www.zhuzhou.gov.cn或拨打12345热线.增长3.5%,达到1.2万元."])
    res = repair_article(raw, spans)
    assert res.body == "推动项目早投产。详情请访问www.zhuzhou.gov.cn或拨打12345热线。增长3.5%，达到1.2万元。"
    check_invariants(raw, res)


def test_whitespace_between_cjk_removed_latin_space_kept():
    raw, spans = make(["株洲\u00a0日报\u3000记者 报道 New York 和 Open Source"])
    res = repair_article(raw, spans)
    assert res.body == "株洲日报记者报道New York和Open Source"
    assert {r.kind for r in res.repairs} == {"whitespace"}
    check_invariants(raw, res)


def test_duplicate_chars_fixed():
    raw, spans = make(["要加强工作作作风建设，针对少数民族主要聚集在在职教城这一特点，妥善处理有毒废废弃物。"])
    res = repair_article(raw, spans)
    assert res.body == "要加强工作作风建设，针对少数民族主要聚集在职教城这一特点，妥善处理有毒废弃物。"
    assert len(applied(res, "duplicate_char")) == 3
    check_invariants(raw, res)


def test_new_duplicate_chars_fixed():
    raw, spans = make(["市政府高度度重视这项工作，我们们的目标是进一步扩大开放。"])
    res = repair_article(raw, spans)
    assert res.body == "市政府高度重视这项工作，我们的目标是进一步扩大开放。"


def test_correct_doubles_untouched():
    text = ("学林街道党工委书记刘立峰、主任张海海多次上门。“许多小朋友已到课堂。”由街道办事处主任任组长，"
            "石峰区区长邓元连在指导时提出要求，居民对小区的环境连连点赞，孩子们都想试一试，"
            "桥梁厂街区石峰山山韵文化建设项目，老人常常来，人人有责，几乎天天人气爆棚。")
    raw, spans = make([text])
    res = repair_article(raw, spans)
    assert res.body == text
    assert not [r for r in res.repairs if r.applied]
    check_invariants(raw, res)


def test_a_token_seen_alone_guards_a_double_only_before_a_word():
    # 志愿者 occurs on its own in the article, but 者。 starts no word: the second copy is noise;
    # 石峰山 occurs on its own and 山韵 is a word: the double is correct (石峰山|山韵)
    text = "志愿者老师来了。她也是第一批志愿者者。石峰山下，石峰山山韵文化项目开工。"
    raw, spans = make([text])
    res = repair_article(raw, spans)
    assert res.body == "志愿者老师来了。她也是第一批志愿者。石峰山下，石峰山山韵文化项目开工。"
    check_invariants(raw, res)


def test_lineage_steps():
    raw, spans = make(["今天 上午,工作作作风", "@\n\n", "建设大会召开。"])
    res = repair_article(raw, spans)
    names = [s.step for s in res.steps]
    assert names == ["select", "line_join", "whitespace", "punctuation_width", "duplicate_char"]
    assert res.steps[0].text_after == "今天 上午,工作作作风\n建设大会召开。"
    assert res.steps[1].text_after == "今天 上午,工作作作风建设大会召开。"
    assert res.body == "今天上午，工作作风建设大会召开。"
    assert [s.n_changes for s in res.steps] == [0, 1, 1, 1, 1]


def test_offsets_map_back_to_raw():
    raw, spans = make(["@\n  ", "株洲日报 记者,工作作作风", "@\n\n图片说明\n\n", "建设(试点)开始。", "@\n", "第二段。"])
    res = repair_article(raw, spans)
    body = res.body
    i = body.index("建设")
    s, e = res.offsets.to_raw(i, i + 2)
    assert raw[s:e] == "建设"
    j = body.index("第二段")
    s, e = res.offsets.to_raw(j, j + 3)
    assert raw[s:e] == "第二段"
    assert res.offsets.to_body(*res.offsets.to_raw(j, j + 3)) == (j, j + 3)
    check_invariants(raw, res)


def test_empty_and_bad_spans():
    assert repair_article("", []).body == ""
    assert repair_article("abc", [(5, 9), (2, 1), (-3, 1)]).body == "a"
    res = repair_article("  \n ", [(0, 4)])
    assert res.body == "" and res.steps[-1].text_after == ""


# ------------------------------------------------------------------ properties

CHARS = st.sampled_from(list("的工作作在在职教城，。,:;()?!　 \u00a0\n\r\t“”abcAB12.中华人民共和国区区长"
                             "、、局局长社区村墈磡勘塘糖荷石峰山委助") + ["\x00", "\ufeff"])


@st.composite
def raw_and_spans(draw):
    raw = draw(st.one_of(st.text(CHARS, max_size=80), st.text(max_size=60)))
    n = len(raw)
    k = draw(st.integers(0, 5))
    spans = []
    for _ in range(k):
        a = draw(st.integers(-2, n + 2))
        b = draw(st.integers(-2, n + 2))
        spans.append((a, b))
    return raw, spans


@settings(max_examples=300, deadline=None)
@given(raw_and_spans())
def test_never_raises_and_offsets_exact(data):
    raw, spans = data
    res = repair_article(raw, spans)
    check_invariants(raw, res)
    body = res.body
    if body:
        assert len(res.steps) == 5  # the full path ran (the last-resort fallback has one step)
    for s in range(len(body) + 1):
        for e in range(s, min(len(body), s + 4) + 1):
            rs, re_ = res.offsets.to_raw(s, e)
            assert 0 <= rs <= re_ <= len(raw)
            pieces = [p for p in res.offsets.pieces if p.body_start <= s and e <= p.body_end and p.copy]
            if pieces and e > s:
                assert raw[rs:re_] == body[s:e]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(CHARS, min_size=1, max_size=30), min_size=1, max_size=6))
def test_sorted_pieces_verbatim_runs(parts):
    raw = ""
    spans = []
    for p in parts:
        spans.append((len(raw), len(raw) + len(p)))
        raw += p + "\n\n"
    res = repair_article(raw, spans)
    check_invariants(raw, res)
    # without any applied repair the body is the stripped pieces joined by newlines
    if not [r for r in res.repairs if r.applied]:
        assert res.body == res.steps[0].text_after


def test_new_correct_reduplications_untouched():
    # new wording: AA reduplication, verb + object reduplication, title + 任, place + office
    text = ("傍晚大家在广场上遛个弯、健健身，群众的诉求事事有回音。周末不妨去公园看看，大家都来试一试，"
            "人人动手，常常交流，天天向上，观众连连叫好。会议由社区居委会主任任组长，荷塘区区长到场指导，"
            "金鸡山山韵悠长，金鸡山下的步道也已完工。")
    raw, spans = make([text])
    res = repair_article(raw, spans)
    assert res.body == text
    assert not [r for r in res.repairs if r.applied]
    check_invariants(raw, res)


def test_heading_pair_and_spaced_heading_stay_separate():
    raw, spans = make(["社区召开居民议事会，听取大家对改造方案的意见。", "@\n\n", "精准施策,老旧小区焕新颜", "@\n\n",
                       "去年以来，社区先后完成了管网改造和外墙翻新，居民拍手称赞。", "@\n\n",
                       "聚焦民生实事 托起幸福家园", "@\n\n", "在推进过程中，街道坚持问需于民。"])
    res = repair_article(raw, spans)
    assert res.body.split("\n") == ["社区召开居民议事会，听取大家对改造方案的意见。", "精准施策，老旧小区焕新颜",
                                    "去年以来，社区先后完成了管网改造和外墙翻新，居民拍手称赞。",
                                    "聚焦民生实事 托起幸福家园", "在推进过程中，街道坚持问需于民。"]
    assert not applied(res, "line_join") and not applied(res, "whitespace")
    check_invariants(raw, res)


def test_short_piece_broken_mid_sentence_is_joined():
    raw, spans = make(["社区干部多次上门做", "@\n", "工作，终于赢得了居民的理解。"])
    assert repair_article(raw, spans).body == "社区干部多次上门做工作，终于赢得了居民的理解。"


def proposals(res, kind: str) -> list:
    return [r for r in res.repairs if not r.applied and r.kind == kind]


def test_variant_place_spelling_proposed():
    text = ("荷花塘社区位于城东。今年以来，荷花塘社区新建了文化广场，荷花糖社区的居民纷纷点赞。"
            "荷花塘社区书记表示，将继续完善配套设施。")
    raw, spans = make([text])
    res = repair_article(raw, spans)
    assert res.body == text  # proposals only
    props = proposals(res, "variant_char")
    assert len(props) == 1
    rep = props[0]
    assert (rep.before, rep.after) == ("糖", "塘") and raw[rep.raw_start:rep.raw_end] == "糖"
    assert 0.5 <= rep.confidence <= 0.9
    check_invariants(raw, res)


def test_different_places_not_variants():
    text = "东湖社区和西湖社区联合开展活动，新华路与新民路同步完成改造，一村和二村也参加了。"
    raw, spans = make([text])
    assert not proposals(repair_article(raw, spans), "variant_char")


def test_repeated_word_and_truncated_place_proposed():
    text = ("荷塘区召开动员会。会上，副局长、副局长张明分别发言。塘区区委书记李强在会上强调，"
            "区长、区长助理要靠前指挥。")
    raw, spans = make([text])
    res = repair_article(raw, spans)
    assert res.body == text
    rep = proposals(res, "other")
    assert [(r.before, r.after) for r in rep] == [("、副局长", "")]
    miss = proposals(res, "missing_char")
    assert [(r.before, r.after) for r in miss] == [("塘", "荷塘")]
    assert text[miss[0].raw_start:miss[0].raw_start + 4] == "塘区区委"
    check_invariants(raw, res)


def test_section_headings_from_segmentation_stand_alone():
    raw = "征地拆迁，久久为功啃下硬骨头\n\n株洲职教园位于学林街道辖区内，没有一所小学。\n"
    a = raw.index("征")
    b = raw.index("\n")
    c = raw.index("株")
    d = raw.index("。") + 1
    joined = repair_article(raw, [(a, b), (c, d)])
    kept = repair_article(raw, [(a, b), (c, d)], headings=[0])
    assert kept.body.split("\n")[0] == raw[a:b]
    assert "\n" in kept.body
    assert not any(r.kind == "line_join" for r in kept.repairs)
    assert joined.body.replace("\n", "") == kept.body.replace("\n", "")


# ------------------------------------------------------------------ join model v3 features


def test_semicolon_list_item_not_glued_to_dateline():
    raw, spans = make(["三是开通二十四小时服务热线，及时回应群众诉求；", "@\n\n",
                       "本报讯记者从市交通局获悉，新修的环城公路下月通车。"])
    res = repair_article(raw, spans)
    assert not applied(res, "line_join")
    assert len(res.body.split("\n")) == 2


def test_semicolon_mid_sentence_break_still_joined():
    raw, spans = make(["村里修好了水渠；", "@\n", "又硬化了通组公路，村民出行方便多了。"])
    assert repair_article(raw, spans).body == "村里修好了水渠；又硬化了通组公路，村民出行方便多了。"


def test_unclosed_quote_in_numbered_piece_is_joined():
    raw, spans = make(["第三章“城市更新中的", "@\n", "社区治理”讨论了老旧小区改造的资金来源。"])
    res = repair_article(raw, spans)
    assert res.body == "第三章“城市更新中的社区治理”讨论了老旧小区改造的资金来源。"


def test_short_sentence_tail_is_joined():
    raw, spans = make(["这些年来，农机合作社的收割机逐渐被", "@\n\n", "无人机所取代。"])
    assert repair_article(raw, spans).body == "这些年来，农机合作社的收割机逐渐被无人机所取代。"


def test_long_title_line_before_dateline_stays_separate():
    raw, spans = make(["春风吹绿湘江岸，产业兴旺百姓富——记醴陵市一位返乡创业的陶瓷企业家", "@\n\n",
                       "本报醴陵5月12日讯记者走进这家陶瓷厂时，工人们正在忙着装窑。"])
    res = repair_article(raw, spans)
    assert not applied(res, "line_join")


def test_join_features_never_raise_on_odd_pieces():
    from pipeline.text.charstats import load
    from pipeline.text.repair import join_score

    stats = load()
    for left, right in [("（", "）"), ("“", "。"), ("a", "b"), ("；", "\x00"), ("第一章《", "》"), ("说：", "“")]:
        assert isinstance(join_score(stats, left, right), float)


def test_numbered_subhead_with_colon_stays_separate():
    raw, spans = make(["2、荷塘片区：产城融合类新型城市美丽社区", "@\n\n",
                       "依托老工业基地的厂房资源，片区改造了三处文创街区，吸引了大批年轻人。"])
    res = repair_article(raw, spans)
    assert not applied(res, "line_join")


def test_very_long_line_without_final_mark_is_joined():
    first = ("活动当天，来自各乡镇的五十多名志愿者带着村里的孩子们参观了农业科技园，观看了无人机喷洒农药、"
             "智能温室调节温度和水肥一体化灌溉的演示，讲解员还邀请孩子们亲手操作，让他们在一次次动手尝试的过程中")
    raw, spans = make([first, "@\n", "体会现代农业的魅力，也更加热爱自己的家乡。"])
    assert repair_article(raw, spans).body == first + "体会现代农业的魅力，也更加热爱自己的家乡。"


# ------------------------------------------------------------------ join model v4 features


def test_phrase_pair_subhead_before_subjectless_paragraph_stays_separate():
    raw, spans = make(["提质改造，老旧小区换新颜", "@\n\n",
                       "拐进红旗北路辅路，走进一条有着年代感的小巷子，面前却出现了一个历史感与现代感交融的职工小区。"])
    assert not applied(repair_article(raw, spans), "line_join")


def test_dateline_opens_a_paragraph():
    raw, spans = make(["包括所有安置小区和商业住宅小区", "@\n\n",
                       "株洲日报·掌上株洲讯(记者/李逸峰 通讯员/张三)近日，记者从云龙示范区获悉。"])
    assert not applied(repair_article(raw, spans), "line_join")


def test_title_like_next_piece_is_not_glued():
    raw, spans = make(["社区组织党员志愿者为老人理发、量血压；", "@\n\n", "党建引领，老街区喜展“新姿”", "@\n\n",
                       "百花齐放的老街区里，居民们正在排练节目。"])
    assert not applied(repair_article(raw, spans), "line_join")


def test_pmi_of_unseen_rare_pair_is_not_evidence():
    from pipeline.text.charstats import load
    from pipeline.text.repair import join_features

    feats = join_features(load(), "老旧小区换新颜", "拐进红旗北路辅路", 7, 60)
    assert abs(feats["pmi"]) < 1.0


def test_join_features_read_the_break_without_noise_spaces():
    from pipeline.text.charstats import load
    from pipeline.text.repair import join_features, join_view

    # a stray NBSP / ideographic space inside a word goes, the piece lengths shrink with it
    assert join_view("球队要\xa0求", "球迷全力支持。", 5, 7) == ("球队要求", "球迷全力支持。", 4, 7)
    assert join_view("很\u3000遗憾", "那个乌龙球帮了他们。", 3, 10)[0] == "很遗憾"
    # a heading's phrase space, a space between Latin words and a table row's gaps stay
    assert join_view("务实笃行守初心 凝心聚力担使命", "今年以来", 15, 4)[0] == "务实笃行守初心 凝心聚力担使命"
    assert join_view("在New York举行", "会议。", 11, 3)[0] == "在New York举行"
    assert join_view("产业项目  62个  完成投资98.7亿元", "全年", 21, 2)[0] == "产业项目  62个  完成投资98.7亿元"
    stats = load()
    assert join_features(stats, "很\u3000遗憾", "那个乌龙球帮了他们。", 3, 10) == \
        join_features(stats, "很遗憾", "那个乌龙球帮了他们。", 2, 10)


def test_a_piece_cut_again_after_a_comma_is_no_title():
    from pipeline.text.charstats import load
    from pipeline.text.repair import join_features, join_score

    stats = load()
    left = "于27日落下帷幕。据统计，本届瓷博会共吸引国内外客商和市民20余万人次观展，现场签约项目"
    right = "18个，签约金额达126.8亿元，"  # a caption follows: the piece ends in a comma, not like a title
    assert join_features(stats, left[-40:], right, len(left), len(right))["r_nofinal"] == 0.0
    assert join_features(stats, left[-40:], "北京图书大厦开业", len(left), 8)["r_nofinal"] == 1.0
    assert join_score(stats, left[-40:], right, len(left), len(right)) > 0.1


def test_a_long_line_closing_a_quoted_term_is_not_a_paragraph_end_by_shape():
    from pipeline.text.repair import join_hard

    left = "近日，荷塘区宋家桥街道、月塘街道、茨菇塘街道的3个“15分钟生活圈”"
    assert join_hard(left, "建成投用，惠及居民4.3万人。", len(left), 14) is None  # the model decides
    assert join_hard("电商助力 “小黄桃”走向“全国”", "在炎陵县电商产业园，", 16, 20) == -10.0  # a heading
    assert join_hard("他笑着说：“日子越过越好。”", "据了解，", 14, 4) == -10.0  # a quoted sentence ends
    raw, spans = make([left, "@\n", "建成投用，惠及居民4.3万人。"])
    assert repair_article(raw, spans).body == left + "建成投用，惠及居民4.3万人。"


def test_list_lines_with_wide_gaps_stay_apart_and_keep_one_space_per_gap():
    from pipeline.text.repair import field_line

    assert field_line("芦淞区：刘 芳家庭  张国华家庭") and field_line("荷塘区    8    16%")
    assert not field_line("据悉，今年全市共推荐候选家庭326户  经过初评")  # a clause mark: running text
    assert not field_line("让世 界少一点纷争")  # one space is no field gap
    raw, spans = make(["荷塘区：李建军家庭  王秀英家庭", "@\n", "芦淞区：刘 芳家庭  张国华家庭", "@\n",
                       "石峰区：周红梅家庭  罗 平家庭"])
    assert repair_article(raw, spans).body.split("\n") == [
        "荷塘区：李建军家庭 王秀英家庭", "芦淞区：刘芳家庭 张国华家庭", "石峰区：周红梅家庭 罗平家庭"]


def test_half_width_marks_after_a_url_a_number_or_a_percent_sign():
    raw, spans = make(["详情可访问www.zhuzhou.gov.cn/app?id=12,或拨打热线12345."])
    assert repair_article(raw, spans).body == "详情可访问www.zhuzhou.gov.cn/app?id=12，或拨打热线12345。"
    raw, spans = make(["用户满意度达98.5%!市数据资源局表示"])
    assert repair_article(raw, spans).body == "用户满意度达98.5%！市数据资源局表示"
    # a list number and a decimal cut by a line break keep their dot
    raw, spans = make(["1.加强管理"])
    assert repair_article(raw, spans).body == "1.加强管理"
    raw, spans = make(["全年共投入资金3.", "@\n", "5亿元，同比增长。"])
    assert "3.5亿元" in repair_article(raw, spans).body


def line_spans(raw: str) -> list[tuple[int, int]]:
    """Spans of the lines of ``raw`` (ending in a newline) without their indent, as segment gives them."""
    spans, pos = [], 0
    for line in raw.split("\n")[:-1]:
        spans.append((pos + len(line) - len(line.lstrip("\u3000")), pos + len(line)))
        pos += len(line) + 1
    return spans


def test_a_body_that_indents_its_paragraphs_joins_flush_lines_and_keeps_indented_ones():
    from pipeline.text.repair import indent_style, line_indent

    raw = ("\u3000\u3000《措施》明确：\n"
           "\u3000\u30001.放宽市场准入，一律向民营企业开放；\n"
           "\u3000\u30003.工业用地出让起始价可按不低于所在地\n"
           "土地等级相对应工业用地最低价标准的70%执行。\n"
           "\u3000\u3000据介绍，市场主体达到560.3万户。\n")
    spans = line_spans(raw)
    assert [line_indent(raw, a) for a, _ in spans] == [True, True, True, False, True]
    assert repair_article(raw, spans).body.split("\n") == [
        "《措施》明确：", "1.放宽市场准入，一律向民营企业开放；",
        "3.工业用地出让起始价可按不低于所在地土地等级相对应工业用地最低价标准的70%执行。",
        "据介绍，市场主体达到560.3万户。"]
    # a flush line goes on even after a full stop; a flush subhead stays apart
    raw = ("\u3000\u3000本届市运会共设23个大项，3800余名运动员参赛。\n"
           "比赛期间，气温在12℃至18℃之间。\n"
           "（一）公益托管  减轻家长负担\n"
           "\u3000\u3000托管班坚持公益性质。\n")
    spans = line_spans(raw)
    assert repair_article(raw, spans).body.split("\n") == [
        "本届市运会共设23个大项，3800余名运动员参赛。比赛期间，气温在12℃至18℃之间。",
        "（一）公益托管 减轻家长负担", "托管班坚持公益性质。"]
    # flush bulleted items in an indented body stay one per line, and so do they anywhere else
    raw = ("\u3000\u3000主要内容包括：\n■ 对吸纳就业困难人员的企业给予补贴；\n● 开展专场招聘会20场以上。\n"
           "\u3000\u3000据悉，今年已新增城镇就业4600人。\n")
    assert repair_article(raw, line_spans(raw)).body.split("\n") == [
        "主要内容包括：", "■对吸纳就业困难人员的企业给予补贴；", "●开展专场招聘会20场以上。", "据悉，今年已新增城镇就业4600人。"]
    raw = "主要内容包括：\n■ 对吸纳就业困难人员的企业给予补贴；\n● 开展专场招聘会20场以上。\n"
    assert repair_article(raw, line_spans(raw)).body.count("\n") == 2
    # every line indented, wrapped ones too: indentation says nothing
    assert not indent_style([True, True, True, True], [False, False, True, True])
    # a body after a byline on its line has no indent of its own
    assert line_indent("本报讯（记者 唐婷）5月8日起", 10) is None


def test_speaker_turns_table_rows_and_rare_terms_eighth_session():
    # 问：/答： turns in an indented body start their own lines (flush, after a finished sentence)
    raw = ("\u3000\u3000发布会上，有关负责人回答了记者提问。\n问：水质如何保障？\n"
           "答：我们配备了在线监测设备，每季度抽检。\n问：水费会不会上涨？\n\u3000\u3000据悉，管护经费纳入预算。\n")
    assert repair_article(raw, line_spans(raw)).body.split("\n") == [
        "发布会上，有关负责人回答了记者提问。", "问：水质如何保障？", "答：我们配备了在线监测设备，每季度抽检。",
        "问：水费会不会上涨？", "据悉，管护经费纳入预算。"]
    # table rows longer than the join window stay one per line, and the text after the table starts afresh
    raw = ("各街道情况如下：\n街道        新增就业（人）   开展培训（人次）   帮扶困难人员（人）\n"
           "清水塘街道      412             780               41\n田心街道        331             603               33\n\n"
           "文志刚表示，接下来将每月开展一次活动。\n")
    assert repair_article(raw, line_spans(raw)).body.split("\n")[2:] == [
        "清水塘街道 412 780 41", "田心街道 331 603 33", "文志刚表示，接下来将每月开展一次活动。"]
    # 卒中|中心: the char before the double is too rare in the training text to rule out a word: proposed only
    raw = "全市已建成胸痛中心11家、卒中中心9家。"
    out = repair_article(raw, [(0, len(raw))])
    assert out.body == raw
    assert [(r.rule, r.applied) for r in out.repairs if r.kind == "duplicate_char"] == [("char_stats_logit:rare_left", False)]


def test_speaker_labels_centred_subheads_closing_quotes_and_names_version_17():
    # a speaker's label alone on its line joins the words below it; a list's lead-in does not
    raw = "记者：\n今年长势如何？\n谭海平：\n今年春季光照充足，长势良好。\n"
    assert repair_article(raw, line_spans(raw)).body.split("\n") == [
        "记者：今年长势如何？", "谭海平：今年春季光照充足，长势良好。"]
    raw = "分领域看：\n产业项目  62个  完成投资98.7亿元\n"
    assert repair_article(raw, line_spans(raw)).body.split("\n")[0] == "分领域看："
    # a centred subhead stands alone, even under a paragraph cut off without a mark
    raw = "为延长产业链，今年村里又投入资金新建了\n            人才归 村子活\n产业有了起色，年轻人也陆续回来了。\n"
    assert repair_article(raw, line_spans(raw)).body.split("\n") == [
        "为延长产业链，今年村里又投入资金新建了", "人才归 村子活", "产业有了起色，年轻人也陆续回来了。"]
    # a line opening with the closing quote of an open quote goes on
    raw = "“价格比商场低三成，今天下单还包邮！\n”95后主播易梦瑶语速飞快。\n"
    assert repair_article(raw, line_spans(raw)).body == "“价格比商场低三成，今天下单还包邮！”95后主播易梦瑶语速飞快。"
    # half-width marks ending a Chinese paragraph after a quote or a percent sign
    raw = "\u3000\u3000到了直接停车入场，“省心多了”.\n\u3000\u3000收费标准平均下调了3.5%.\n\u3000\u3000日均使用量增长了18%!\n"
    assert repair_article(raw, line_spans(raw)).body.split("\n") == [
        "到了直接停车入场，“省心多了”。", "收费标准平均下调了3.5%。", "日均使用量增长了18%！"]
    raw = "为车主推荐最近的停车场.\n停车难怎么破?这是不少市民的烦心事.\n"
    assert repair_article(raw, line_spans(raw)).body.split("\n") == ["为车主推荐最近的停车场。", "停车难怎么破？这是不少市民的烦心事。"]
    # a double after a strong surname is a name: proposed, never applied
    raw = "10岁的彭可可是班上的“小领舞”。"
    out = repair_article(raw, [(0, len(raw))])
    assert out.body == raw and not any(r.applied for r in out.repairs if r.kind == "duplicate_char")


def test_joinlex_scores_breaks_and_tolerates_a_missing_file(tmp_path):
    from pipeline.text import joinlex

    inside = joinlex.lex_score("社区干部多次上门，耐心细致地做", "工作，言小牛更是多次到法院起诉。")
    between = joinlex.lex_score("农村人居环境大变样", "近日，记者从云龙示范区获悉。")
    assert inside > between
    assert joinlex.load(str(tmp_path / "missing.tsv.gz")) == (0.0, {})


def test_space_inside_a_word_of_a_standalone_piece_is_removed():
    raw, spans = make(["让世 界少一点纷争", "@\n\n", "务实笃行守初心 凝心聚力担使命", "@\n\n",
                       "敢为天下先 为全国性的治水命题探索出“株洲经验”"])
    body = repair_article(raw, spans, headings=[0, 1, 2]).body
    assert body.split("\n") == ["让世界少一点纷争", "务实笃行守初心 凝心聚力担使命",
                                 "敢为天下先 为全国性的治水命题探索出“株洲经验”"]


def test_numbered_line_cut_inside_a_phrase_is_no_heading():
    from pipeline.text.repair import join_hard

    # a number cut between digits, a numeral + classifier, 以下 before its noun, a preposition
    for left, right in [("2、24岁的徐倩雯是上海市电话局11", "4查号台话务员。"),
                        ("三、自愿提前领域自由化应体现茂物两个", "时间表，即发达成员先行。"),
                        ("第六条全体会议讨论、决定以下", "事项：")]:
        assert join_hard(left, right, len(left), len(right)) is None, left
    right = "新建了街区图书馆、社区文化广场，打造国企生活区的样板。"
    assert join_hard("3、桥梁厂街区：校地共享类", right, 13, len(right)) == -5.0
    # a dateline after a preposition is part of the sentence: 据|新华社…电
    assert join_hard("农民欲哭无泪。据", "新华社香港5月3日电针对美国", 8, 30) is None
    assert join_hard("农民看着种子干死在田间", "新华社香港5月3日电针对美国", 11, 30) == -5.0


def test_name_list_lines_keep_their_field_space_and_lose_the_name_pad():
    raw, spans = make(["王建国 荷塘区月塘街道志愿者协会会长", "@\n", "赵 强 株洲市中心医院护士长", "@\n",
                       "陈晓燕（女） 石峰区响石岭街道湘天桥社区党委书记"])
    res = repair_article(raw, spans)
    assert res.body == ("王建国 荷塘区月塘街道志愿者协会会长\n赵强 株洲市中心医院护士长\n"
                        "陈晓燕（女） 石峰区响石岭街道湘天桥社区党委书记")
    check_invariants(raw, res)


def test_table_rows_keep_one_space_between_columns():
    raw = "分领域看：\n产业项目  62个  完成投资98.7亿元\n基础设施项目\t31个\t完成投资52.4亿元\n"
    body = repair_article(raw, [(0, len(raw))], []).body
    assert "产业项目 62个 完成投资98.7亿元" in body and "基础设施项目 31个 完成投资52.4亿元" in body
    # one wide gap is no table; a sentence keeps no space
    raw = "全市新建  社区食堂12个。\n"
    assert "新建社区食堂12个" in repair_article(raw, [(0, len(raw))], []).body


# ------------------------------------------------------------------ printed columns

COLUMN = ["“积分标准是村民代表", "大会一条一条讨论出来", "的。”黄龙村党总支书", "记王建军介绍，村里还",
          "设立了“积分超市”。", "@\n\n", "积分怎么用？", "村里说了算", "@\n\n", "据统计，全区累计发放",
          "积分卡1.2万余张，兑换", "物品价值达36万元。"]


def column_page(parts: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Lines of a page set in a column: a newline between pieces, '@' parts are raw filler."""
    out, fixed = "", []
    for p in parts:
        if p.startswith("@"):
            out += p[1:]
            continue
        if out and not out.endswith("\n"):
            out += "\n"
        fixed.append((len(out), len(out) + len(p)))
        out += p
    return out, fixed


def test_a_printed_column_joins_full_lines_and_keeps_short_ones():
    raw, spans = column_page(COLUMN)
    res = repair_article(raw, spans)
    assert res.body.split("\n") == [
        "“积分标准是村民代表大会一条一条讨论出来的。”黄龙村党总支书记王建军介绍，村里还设立了“积分超市”。",
        "积分怎么用？", "村里说了算", "据统计，全区累计发放积分卡1.2万余张，兑换物品价值达36万元。"]
    check_invariants(raw, res)


def test_column_width_needs_many_lines_at_one_width():
    assert column_width([20, 20, 20, 21, 20, 12, 8]) == 21  # half-width digits make a line one unit wider
    assert column_width([20, 20, 20, 12]) is None  # too few lines
    assert column_width([44, 120, 96, 30, 250, 18, 60]) is None  # a line per paragraph (web page)
    assert column_width([20, 20, 20, 20, 60, 70, 80, 90, 100]) is None  # many lines wider than the "column"
    assert column_width([6, 6, 6, 6, 6]) is None  # a list of short items is no column


def test_column_score_keeps_sentence_ends_and_datelines_to_the_model():
    assert column_score(-3.0, "黄龙村党总支", "书记王建军", 20, 20) == 5.0
    assert column_score(-3.0, "讨论出来的。", "黄龙村", 20, 20) == -3.0  # a full line that ends a sentence
    assert column_score(-3.0, "全区累计发放", "本报讯 4月18日", 20, 20) == -3.0  # a dateline starts a story
    assert column_score(2.0, "积分怎么用", "村里说了算", 10, 20) == -5.0  # a short line ends its paragraph
    assert column_score(2.0, "村里还设立了", "“积分超市”", 12, 20) == -5.0
    assert column_score(10.0, "全区累计，", "发放", 10, 20) == 10.0  # a comma at the end: the sentence goes on


# ------------------------------------------------------------------ join model v6: whole pieces, list items


def test_list_item_ending_in_a_semicolon_is_the_models_call():
    from pipeline.text.repair import join_hard

    # a list item ends with "；" before a new paragraph: no hard join (the model weighs the break)
    item, nxt = "4·提供填写表格所需桌椅和笔墨；", "各级领导干部都要做学习和宣传邓小平党建理论的表率。"
    assert join_hard(item, nxt, len(item), len(nxt)) is None
    assert join_hard("（三）完善服务设施；", nxt, 10, len(nxt)) is None
    # a semicolon that is not the end of a list item still goes on
    assert join_hard("村里修好了水渠；", "又硬化了通组公路，村民出行方便多了。", 8, 18) == 10.0


def test_a_legal_article_number_or_a_list_of_examples_is_no_heading():
    from pipeline.text.repair import join_hard

    right = "申请经审查许可的，由对外贸易经济合作部颁发出口许可证。"
    assert join_hard("第十三条核两用品及相关技术出口", right, 15, len(right)) is None
    right = "母细胞瘤、视网膜母细胞瘤等，多见于儿童。"
    assert join_hard("1．由遗传基因所决定的遗传性癌症：如肾", right, 19, len(right)) is None
    right = "近年来，我市加快推进老工业区搬迁改造，清水塘旧貌换新颜。"
    assert join_hard("第三部分 乡村振兴", right, 9, len(right)) == -5.0


def test_piecelex_tells_a_cut_paragraph_start_from_a_subhead(tmp_path):
    from pipeline.text import piecelex

    cut = piecelex.piece_score("办事处不能搞经营，因而这些机构", "从事旅行社业务活动明显构成违法行为。", 15)
    head = piecelex.piece_score("提质改造，老旧小区换新颜", "拐进红旗北路辅路，走进一条有着年代感的小巷子。", 12)
    assert cut > head
    # only a piece seen whole is scored, and a missing file scores nothing
    assert piecelex.piece_score("这些机构", "从事旅行社业务活动", 60) == 0.0
    assert piecelex.load(str(tmp_path / "missing.tsv.gz")) == (0.0, {})
    keys = piecelex.piece_keys("提质改造，老旧小区换新颜", "拐进红旗北路", 12)
    assert {"c2", "Af提", "B小区", "B2老旧|小区", "Be颜", "Rf拐进"} <= set(keys)


def test_rows_of_one_width_without_running_text_are_no_column():
    rows = ["分区县看：", "荷塘区  12个  完成投资18.7亿元", "芦淞区  11个  完成投资17.4亿元",
            "石峰区  13个  完成投资19.2亿元", "天元区  15个  完成投资21.6亿元", "渌口区  10个  完成投资12.3亿元"]
    raw, spans = column_page(rows)
    assert repair_article(raw, spans).body.split("\n")[1:3] == ["荷塘区 12个 完成投资18.7亿元", "芦淞区 11个 完成投资17.4亿元"]
    names = ["王建国荷塘区月塘街道志愿者", "李小红芦淞区建宁街道志愿者", "张海涛石峰区清水塘街道干部",
             "刘建军天元区嵩山路街道居民", "陈晓燕渌口区南洲镇黄龙村民"]
    raw, spans = column_page(names)
    assert repair_article(raw, spans).body.split("\n") == names  # no punctuation: a list, not a column
    assert column_width([26] * 5, names) is None and column_width([26] * 5) == 26


def wrap(text: str, width: int) -> list[str]:
    """``text`` set in a column ``width`` units wide (the units of ``line_width``)."""
    from pipeline.text.repair import line_width

    lines, cur = [], ""
    for ch in text:
        if line_width(cur + ch, 0, len(cur) + 1) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return lines + [cur]


def test_ocr_ascii_marks_count_as_wide_in_a_printed_column():
    from pipeline.text.repair import line_width

    assert line_width("现在种黄桃,一亩能卖", 0, 10) == line_width("现在种黄桃，一亩能卖", 0, 10) == 20
    assert line_width("产值12.5亿元", 0, 8) == 12  # digits and the decimal point are narrow in print
    first = "7月的炎陵,漫山遍野的黄桃挂满枝头,果农们正忙着采摘、分拣、装箱,一辆辆满载黄桃的货车驶出山村。"
    second = ("“以前种水稻,一亩地一年收入不到2000元;现在种黄桃,一亩能卖到1.5万元左右。”村民邓冬梅说,"
              "她家今年种了5亩黄桃,收入有望突破7万元。")
    raw, spans = column_page(wrap(first, 36) + ["@\n"] + wrap(second, 36))
    body = repair_article(raw, spans).body
    assert body.split("\n") == [first.replace(",", "，"), second.replace(",", "，").replace(";", "；")]


def test_a_short_column_line_cut_inside_a_word_or_quantity_is_no_paragraph_end():
    from pipeline.text.repair import _cut_inside_word
    assert _cut_inside_word("用于购买水管、农", "具和有机肥。")
    assert _cut_inside_word("跑到街道、派出", "所甚至法院才能解决。")
    assert _cut_inside_word("送去蔬菜1800多", "斤。")
    assert _cut_inside_word("总投资约680", "万元，惠及周边。")
    assert not _cut_inside_word("■小事不出社区", "菜园只是一个开始。")


def test_an_indented_column_wraps_a_full_line_ending_a_sentence_onto_a_flush_line():
    lines = ["\u3000\u3000连日来，龙潭镇的田间地头一派", "忙碌景象，农户们抢抓晴好天气开展", "油菜直播，“一天能种八十多亩。”",
             "何建平说，他今年种了油菜三百五十", "亩，镇农技站全程跟踪指导。", "\u3000\u3000据统计，全区今年冬油菜种植面",
             "积预计达到八万五千亩。"]
    raw = "\n".join(lines) + "\n"
    assert repair_article(raw, line_spans(raw)).body.split("\n") == [
        ("连日来，龙潭镇的田间地头一派忙碌景象，农户们抢抓晴好天气开展油菜直播，“一天能种八十多亩。”"
         "何建平说，他今年种了油菜三百五十亩，镇农技站全程跟踪指导。"),
        "据统计，全区今年冬油菜种植面积预计达到八万五千亩。"]
    # a flush subhead after a full line that ends a sentence still stands alone
    lines[3:5] = ["提质改造，老旧小区换新颜"]
    raw = "\n".join(lines) + "\n"
    assert "提质改造，老旧小区换新颜" in repair_article(raw, line_spans(raw)).body.split("\n")


def test_an_indented_column_wraps_a_nearly_full_line_onto_a_short_flush_line_that_runs_on():
    lines = ["\u3000\u3000栗雨街道地处天元区中心", "城区，辖区有12个社区，60岁", "以上老年人约1.1万人，其中",
             "独居、空巢老人1100余人。", "“吃饭难”是不少老人的心头", "事。", "\u3000\u30002023年，街道在湘芸社区",
             "试点建设首个“长者食堂”，", "由专业餐饮企业运营。"]
    raw = "\n".join(lines) + "\n"
    assert repair_article(raw, line_spans(raw)).body.split("\n") == [
        ("栗雨街道地处天元区中心城区，辖区有12个社区，60岁以上老年人约1.1万人，其中独居、空巢老人1100余人。"
         "“吃饭难”是不少老人的心头事。"), "2023年，街道在湘芸社区试点建设首个“长者食堂”，由专业餐饮企业运营。"]


def test_a_column_that_sets_paragraphs_apart_with_blank_lines_wraps_a_full_line_ending_a_sentence():
    lines = ["11月25日，在攸县网岭镇的湖南香里香食品有限公司生产车间，一", "块块豆腐坯经过压榨、卤制、烘烤等工序，变成色泽金黄的香干。",
             "“旺季一天要做8万片，订单排到了春节前。”公司负责人刘建军", "说。", "", "今年以来，全县豆制品加工企业新增订单3200余万元，",
             "带动周边农户种植大豆1.2万亩，户均增收4000元以上。", "", "据了解，攸县将继续支持豆制品企业开展技术改造，打造",
             "县域特色食品产业集群，让“攸县香干”走向全国各地的餐桌。"]
    raw = "\n".join(lines) + "\n"
    assert repair_article(raw, line_spans(raw)).body.split("\n")[0] == (
        "11月25日，在攸县网岭镇的湖南香里香食品有限公司生产车间，一块块豆腐坯经过压榨、卤制、烘烤等工序，变成色泽金黄的香干。"
        "“旺季一天要做8万片，订单排到了春节前。”公司负责人刘建军说。")


def test_a_one_paragraph_column_story_wraps_its_flush_lines_after_a_full_stop():
    lines = ["\u3000\u3000记者获悉，清明假期全县各景区共接", "待游客八万六千人次，营收三千二百万", "元，同比分别增长近两成，增幅居全市",
             "前列。记者从县文旅局了解到详细情况。", "假期期间，景区推出祭祖大典、非遗展", "演等活动，周边农家乐、民宿一房难求。"]
    raw = "\n".join(lines) + "\n"
    assert repair_article(raw, line_spans(raw)).body == (
        "记者获悉，清明假期全县各景区共接待游客八万六千人次，营收三千二百万元，同比分别增长近两成，增幅居全市前列。"
        "记者从县文旅局了解到详细情况。假期期间，景区推出祭祖大典、非遗展演等活动，周边农家乐、民宿一房难求。")


def test_a_ragged_post_joins_a_speaker_line_and_keeps_its_section_bars():
    raw, spans = make(["夜里十点，雨还在下。", "@\n\n", "社区党委书记龙海波", "@\n\n", "一边查看水位，", "@\n\n",
                       "一边叮嘱队员。", "@\n\n", "▌一条堤，日夜有人守", "@\n\n", "队员大多是附近的居民。"])
    assert repair_article(raw, spans).body.split("\n") == [
        "夜里十点，雨还在下。", "社区党委书记龙海波一边查看水位，一边叮嘱队员。", "▌一条堤，日夜有人守",
        "队员大多是附近的居民。"]


def test_a_quotes_attribution_alone_on_its_line_goes_with_the_quote():
    raw, spans = make(["“巡堤就像看病，", "@\n\n", "要勤看、勤摸、勤听。”", "@\n\n", "刘春生说，", "@\n\n",
                       "发现苗头要第一时间上报。", "@\n\n", "“这条路修好了！”", "@\n\n", "市民们说，今年出行方便多了。"])
    assert repair_article(raw, spans).body.split("\n") == [
        "“巡堤就像看病，要勤看、勤摸、勤听。”刘春生说，发现苗头要第一时间上报。", "“这条路修好了！”",
        "市民们说，今年出行方便多了。"]  # (a whole sentence after the quote is a paragraph of its own)


def test_a_titled_attribution_line_and_the_items_of_one_enumeration_go_on():
    raw, spans = make(["“我们分成3个小组，", "@\n\n", "每组负责约2公里河段。”", "@\n\n", "志愿队队长谭春梅说，", "@\n\n",
                       "大家轮流巡河。", "@\n\n", "答：一是新装了18个视频监控点；", "@\n\n", "二是开展专项行动；", "@\n\n",
                       "三是推动河长制进校园。"])
    assert repair_article(raw, spans).body.split("\n") == [
        "“我们分成3个小组，每组负责约2公里河段。”志愿队队长谭春梅说，大家轮流巡河。",
        "答：一是新装了18个视频监控点；二是开展专项行动；三是推动河长制进校园。"]


def test_a_sentence_mark_char_in_the_text_does_not_break_the_models():
    res = repair_article("\x03\n0", [(0, 1), (2, 3)])
    assert len(res.steps) == 5 and res.body.replace("\n", "") == "\x030"


def test_a_decimal_or_a_particle_after_a_quote_continues_the_line():
    raw, spans = make(["老人就餐满意度达到98.", "@\n", "6%。今年继续推广。"])
    assert repair_article(raw, spans).body == "老人就餐满意度达到98.6%。今年继续推广。"
    raw, spans = make(["建立了“社区吹哨、部门报到”", "@\n", "的联动机制。"])
    assert repair_article(raw, spans).body == "建立了“社区吹哨、部门报到”的联动机制。"


def test_a_roster_keeps_its_lines_and_loses_the_pads_inside_names():
    raw, spans = make(["醴陵市第一中学：易春华、刘  静、彭远航", "@\n", "醴陵市第四中学：丁雪梅、凌志刚", "@\n",
                       "三、优秀教育工作者", "@\n", "林  芳 醴陵市孙家湾镇中心学校校长"])
    res = repair_article(raw, spans)
    assert res.body == ("醴陵市第一中学：易春华、刘静、彭远航\n醴陵市第四中学：丁雪梅、凌志刚\n三、优秀教育工作者\n"
                        "林芳 醴陵市孙家湾镇中心学校校长")
    check_invariants(raw, res)


def test_yi_before_a_non_classifier_double_and_a_stop_after_a_quote():
    raw, spans = make(["如果胸痛持续15分钟以上，一定定要立即拨打120。她说这里“很热闹”.醴陵陶瓷博物馆也人气很旺。"])
    res = repair_article(raw, spans)
    assert res.body == "如果胸痛持续15分钟以上，一定要立即拨打120。她说这里“很热闹”。醴陵陶瓷博物馆也人气很旺。"
    raw, spans = make(["一场场比赛看下来，一排排房子整整齐齐。"])
    assert repair_article(raw, spans).body == "一场场比赛看下来，一排排房子整整齐齐。"  # measure words after 一


def test_title_cut_from_the_name_that_speaks_is_joined():
    raw, spans = make(["孵化了1100余名本地主播。", "@\n\n", "芦淞区商务局局长", "@\n\n",
                       "何建平介绍，今年1至11月，全区服饰直播电商交易额达38.6亿元。"])
    res = repair_article(raw, spans)
    assert res.body == "孵化了1100余名本地主播。\n芦淞区商务局局长何建平介绍，今年1至11月，全区服饰直播电商交易额达38.6亿元。"
    check_invariants(raw, res)


def test_count_cut_from_its_noun_is_a_cut_inside_a_phrase():
    from pipeline.text.repair import _cut_inside_word

    assert _cut_inside_word("全区共发生电动自行车火灾", "7起，同比下降近五成")
    assert _cut_inside_word("累计投入资金", "680万元，用于")
    assert not _cut_inside_word("产业发展提速", "2023年，全市规模以上工业增加值")  # a paragraph may open with a year
    assert not _cut_inside_word("产业发展提速", "近日，记者从市工信局获悉")


def test_a_narrow_line_continuing_the_one_above_is_no_standalone_piece():
    raw, spans = make(["7月31日上午,醴陵市沩山镇沩山村的古窑址", "@\n", "旁,30多名小学生围坐在拉坯机前,跟着老", "@\n",
                       "师傅学习拉坯。湿软的瓷泥在转盘上慢慢", "@\n", "“长”高,不一会儿,一只只形状各异的小碗", "@\n",
                       "就成型了。"])
    res = repair_article(raw, spans)
    assert "\n" not in res.body and "转盘上慢慢“长”高" in res.body
    check_invariants(raw, res)


def assert_double_only_proposed(raw: str, rule: str) -> None:
    """The text keeps its one doubled char, proposed for removal by ``rule``."""
    res = repair_article(raw, [(0, len(raw))])
    assert res.body == raw
    (dup,) = [r for r in res.repairs if r.kind == "duplicate_char"]
    assert not dup.applied and dup.rule.endswith(rule)


def test_a_double_the_training_text_writes_after_its_word_is_only_proposed():
    assert_double_only_proposed("来回100多公里，现在在茶陵就能办，太方便了！", "attested")
    raw = "我们正在在茶陵开会。"  # (正在在 is never written so: noise)
    assert repair_article(raw, [(0, len(raw))]).body == "我们正在茶陵开会。"


def test_two_words_meeting_on_a_double_and_parallel_reduplication_are_only_proposed():
    assert_double_only_proposed("游客同比增长。假期期间，景区推出祭祖大典。", "word_pair")
    raw = "暑假期期间，景区推出活动。"  # (暑假 + 期间: the single reading is the clean one)
    assert repair_article(raw, [(0, len(raw))]).body == "暑假期间，景区推出活动。"
    raw = "一些活动仍停留在“发发传单、扫扫马路”的层面。"
    res = repair_article(raw, [(0, len(raw))])
    assert res.body == raw
    assert [r.rule for r in res.repairs if r.kind == "duplicate_char"] == ["parallel_reduplication"] * 2
    raw = "他在在职教城工作、学学习。"  # (no list of reduplicated items: noise)
    assert repair_article(raw, [(0, len(raw))]).body == "他在职教城工作、学习。"


def test_an_aa_word_opening_a_clause_stays_and_a_token_seen_only_before_its_word_is_no_token():
    assert_double_only_proposed("“荤素搭配，天天不重样，比自己在家做还省事。”", "aa_word")
    raw = "会上，大大家都很高兴。"  # (大家 after the single copy: the double is noise)
    assert repair_article(raw, [(0, len(raw))]).body == "会上，大家都很高兴。"
    raw = "全市中小学开展课后服服务。课后服务分为两个时段，课后服务免费。"
    assert repair_article(raw, [(0, len(raw))]).body == "全市中小学开展课后服务。课后服务分为两个时段，课后服务免费。"


def test_a_table_after_its_colon_keeps_its_rows():
    raw, spans = make(["攸县计划实施农田水利项目四大类，总投资2.3亿元。具体任务如下：", "@\n\n",
                       "类别        数量          投资          内容", "@\n",
                       "山塘        1260口        4800万元      清淤扩容", "@\n",
                       "渠道        186公里       6500万元      防渗硬化"])
    res = repair_article(raw, spans)
    assert res.body.split("\n") == ["攸县计划实施农田水利项目四大类，总投资2.3亿元。具体任务如下：", "类别 数量 投资 内容",
                                     "山塘 1260口 4800万元 清淤扩容", "渠道 186公里 6500万元 防渗硬化"]
    check_invariants(raw, res)
