"""The two dateline patterns: a line that opens a story lead, and the text after a break."""
from pipeline.text.dateline import BREAK_DATELINE_RE, LEAD_DATELINE_RE


def test_lead_lines_open_with_any_dateline():
    for line in ("本报讯（记者 王娜）近日，", "本报株洲10月28日讯 昨日，", "新华社长沙10月28日电（记者",
                 "株洲日报讯 昨天", "长沙10月28日电 记者从", "中新网北京5月7日电 据"):
        assert LEAD_DATELINE_RE.match(line), line
    assert not LEAD_DATELINE_RE.match("近日，本报讯说")


def test_a_break_inside_a_dateline_is_no_paragraph_start():
    text = "新华社北京5月7日电国务院副总理今天在中南海会见来宾。"
    assert BREAK_DATELINE_RE.match(text)
    assert not any(BREAK_DATELINE_RE.match(text, p) for p in range(1, 12))
    assert LEAD_DATELINE_RE.match(text, 5)  # as a page line, 北京5月7日电 would open a lead
    assert BREAK_DATELINE_RE.match("株洲日报·掌上株洲讯(记者 王娜)")
