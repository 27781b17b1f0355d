"""Datelines that open a news lead (本报讯, 本报株洲10月28日讯, 新华社长沙10月28日电, 株洲日报·掌上株洲讯(记者…).

Two uses, two patterns:

* :data:`LEAD_DATELINE_RE` — a *line* of a page that opens with a dateline starts a story lead
  (segmentation may start a new story at the headline above it). It may begin with a place
  (``长沙10月28日电``), because a line starts where the page puts it.
* :data:`BREAK_DATELINE_RE` — the text after a line break opens with a dateline, so the break is a
  paragraph break, never joined (repair). It must begin with the news outlet: a damaged break can
  fall inside a dateline (``新华社北|京5月7日电``), and the rest of it is then no dateline.
"""
from __future__ import annotations

import re

LEAD_DATELINE_RE = re.compile(
    r"(?:(?:本报|本刊)[^\s，,。]{0,12}?讯|[^\s，,。]{0,10}?(?:日报|晚报|时报|新闻网|在线)(?:[·•][^\s，,。]{1,8})?讯"
    r"|据?(?:新华社|中新社|中新网)[^\s，,。]{0,14}?电"
    r"|[^\s，,。]{0,8}?\d{1,2}月\d{1,2}日(?:电|讯))(?=[\s\u3000（(：:]|[\u4e00-\u9fff])")
BREAK_DATELINE_RE = re.compile(
    r"(?:本报讯|新华社[^，,。]{0,12}电|[\u4e00-\u9fff·]{0,10}(?:日报|晚报|报社|通讯社|电视台|网)"
    r"[\u4e00-\u9fff·]{0,8}(?:讯|电)(?:[（(]|记者|\s))")
