"""Page segmentation: raw page text -> segments that tile it, and the stories on the page.

The unit of segmentation is the line (terminated by ``\\n``, ``\\r\\n`` or ``\\r``; other
Unicode separators such as U+2028 stay inside a line).  Each non-blank line becomes one
segment that includes its line terminator, except two kinds of lines that are split in two:

* a lead byline followed by body text on the same line,
  ``株洲日报(全媒体记者/杨如 通讯员/肖谭莉)近日,...`` -> ``byline`` + ``body``;
* a body paragraph ending with a source/byline in brackets,
  ``...美丽社区。(来源:株洲日报记者 邓金星 邹怡敏)`` -> ``body`` + ``byline``.

A run of consecutive blank (whitespace-only) lines is one ``blank`` segment.

Stories are found by evidence:

* a *byline* (a line made of reporter/correspondent credits) starts a story; the story's
  headline area is the run of short, headline-like lines right above it (markdown headings,
  lines without a full stop).  In that area the first line that is not a lead-in kicker,
  a column label or a slogan banner is the headline; kicker lines above the headline
  (``…活动——``) and lines between headline and byline are ``subheadline`` segments, and
  their text (dashes stripped) forms ``ArticleLayout.subheadline``, joined by a space;
  slogan banners (``奋斗百年路 启航新征程``) and column labels there are boilerplate;
* a web-page metadata line (``发表时间:… 来源:…``) is evidence like a byline: the headline-like
  line right above it starts a story (site furniture above that is boilerplate);
* the first headline-like line of a page starts a story even without byline; when it is
  only a numbered part (``# 1`` then ``## …``) and a later headline has a byline, the part is
  the beginning of that later story (its heading stays in the body as a paragraph) -- the
  printed layout put the real headline mid-page.  A lone headline-like line with no body
  before the first real story is a picture caption (if an image gap follows) or furniture;
* body text before any headline forms a story with an empty headline ``""``.

In-body subheads (short lines without a byline after them) and markdown section headings
stay body paragraphs (markup excluded from the span); lone section numbers are boilerplate.
Captions: ``▲…``/``图为…``/``图①：…`` lines, lines ending in ``供图``/``摄``/``资料图``, ``图片来源``,
credit-only lines (``通讯员供图``) and the line right above them, short lines isolated by an
image-slot gap (two or more blank lines before, and after or next to another caption), and
short lines closing the page right after a caption.

Everything from a story's start up to the next story's start belongs to it, except page
furniture (``boilerplate``, article None) and blank runs (article None).  Captions are
attached to the story whose range they fall in (captions above the first story go to it).
Editor credits (``责任编辑:…``, ``编辑:…`` in page metadata) are page-level: every story of
the page lists them.  After navigation, footer or promotion blocks (``上一篇``, ``主办``,
``无视频不传播``) the current story is closed: further text up to the next story is
boilerplate, unless a related-reading label heads running text (a fact box). A byline below a
story's text closes that story; end marks (``（完）``), jump markers, correction notices and a page's
text credit are boilerplate.
"""
from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from pipeline.text.dateline import LEAD_DATELINE_RE
from pipeline.text.gazetteer import COMMON_SURNAMES, COMPOUND_SURNAMES
from pipeline.text.model import ArticleLayout, PageLayout, Segment

__all__ = ["segment"]

_ZW = "\u200b\u200c\u200d\u2060\ufeff"

# ---------------------------------------------------------------------------- patterns

_CJK = "\u4e00-\u9fff\u3400-\u4dbf"
_ROLE_PAT = (
    r"(?:(?:全媒体|融媒体|本报|特约|见习|实习|首席|摄影|驻[" + _CJK + r"]{1,4})?记者"
    r"|(?:特约)?通讯员|实习生|见习生|(?:责任|美术|值班|文字|图片)编辑|编辑|责编|美编|版式设计|版式|排版|美工"
    r"|校对|审核|审校|终审|[一二三]审|初审|复审|摄影|文/图|图/文|文字[/:：]|图片[/:：]|文[/:：]|图[/:：]|文 ?[|｜]|图 ?[|｜])"
)
_ROLE_RE = re.compile(_ROLE_PAT)
_NAME_CH = rf"(?:(?!{_ROLE_PAT}|报道|供图|摄|手记|观察|调查|评论|现场|札记|随笔|专访|快评|视点|追踪|直击|连线)[{_CJK}])"
_NAME_RE = re.compile(
    rf"{_NAME_CH}{{2,4}}(?:[·•]{_NAME_CH}{{1,6}})?(?={_ROLE_PAT}|报道|摄|[^{_CJK}·•]|$)"
)
_NAME_SEP = " \t\u3000\xa0、,，;；"
_COMPOUND_SURNAMES = "|".join(sorted(COMPOUND_SURNAMES))  # (the gazetteer's list: 欧阳, 司马, …)
_COMPOUND_SPACED_RE = re.compile(  # 欧阳 倩: a compound surname split from the given name by OCR
    rf"(?:{_COMPOUND_SURNAMES})(?:[\u3000\xa0]| {{1,2}}){_NAME_CH}{{1,2}}(?=[ \t\u3000\xa0、,，;；)）]|{_ROLE_PAT}|$)"
)
_SPACED_NAME_RE = re.compile(  # a surname, one space, one or two given characters, then a break
    rf"(?:{_COMPOUND_SURNAMES}|{_NAME_CH})(?:[\u3000\xa0]| {{1,2}}){_NAME_CH}{{1,2}}(?=[ \t\u3000\xa0、,，;；)）]|{_ROLE_PAT}|$)"
)
_ROLE_SEP = " \t\u3000\xa0/:：|｜"
_PUB_RE = re.compile(rf"^[{_CJK}A-Za-z0-9·•\s]{{0,20}}$")
_TAIL_WORDS = ("摄影报道", "报道", "采写", "整理", "摄")
_EDITOR_ROLES = ("编辑", "责编", "美编", "校对", "审核", "审校", "终审", "一审", "二审", "三审", "初审", "复审", "版式", "排版",
                 "美工")

_BULLET_NAME_RE = re.compile(rf"^[□■◇◆●○]\s*((?:{_COMPOUND_SURNAMES})\s?[{_CJK}]{{1,2}}|[{_CJK}]\s?[{_CJK}]{{1,2}})$")
_AUTHOR_BIO_RE = re.compile(r"^[（(]\s*(?:作者|笔者)(?:系|为|是|单位)[^（）()]{2,40}[)）]$")


_CONTACT_RE = re.compile(r"^(?:联系电话|联系方式|咨询电话|传真|电子邮箱|地址)\s*[:：]")


def _indented_contact(ln: _Line) -> bool:
    """``　　联系电话：…`` indented like the paragraphs around it: a notice's own contact line, not the
    site's footer."""
    pad = ln.raw_pad
    return bool(_CONTACT_RE.match(ln.s)) and ("\u3000" in pad or pad.count(" ") >= 2)


def _name_like(name: str) -> bool:
    """A two- to four-char person name by the training text's surname statistics (谭立群, not 城事)."""
    from pipeline.text.charstats import load  # (the char statistics load only when a bullet line asks)

    if name[:2] in COMPOUND_SURNAMES:
        return True
    return 2 <= len(name) <= 3 and load().surname_ratio(name[0]) >= 0.2


_NAME_ROLE_ITEM_RE = re.compile(rf"([{_CJK}]{{2,4}})\s*/\s*(?:文图|图文|文|图|摄)")
_NAME_ROLE_RE = re.compile(rf"^(?:[{_CJK}]{{2,4}}\s*/\s*(?:文图|图文|文|图|摄)[\s、,，]*)+$")
_NAV_RE = re.compile(
    r"^[【\[［]?\s*(?:您的位置|您现在的位置|当前位置|所在位置|首页\s*(?:[>＞›»/]|->)|返回首页|返回顶部|打印本页|我要纠错|收藏本页|加入收藏"
    r"|关闭窗口|【打印】|【关闭】|【字体|字号[:：]|字号\s*[大中小]|分享到|网站地图|友情链接|文明播报|图片新闻"
    r"|[<＜‹]\s*返回|(?:阅读|浏览)\s*[0-9.]+万?\s*(?:[＋+]\s*关注)?$|[＋+]\s*关注$"
    r"|浏览次数|阅读次数|点击数|(?:阅读|浏览|点击)量?\s*[:：]?\s*[0-9]+$|阅读原文$|[-—–]*\s*(?:END|End|完)\s*[-—–]*$)"
)
# a breadcrumb trail: 株洲新闻网 > 新闻中心 > 株洲要闻 (two or more separators between short items)
_BREADCRUMB_RE = re.compile(r"^[^。，,；;！？!?>＞›»→]{1,16}(?:\s*(?:->|[>＞›»→])\s*[^。，,；;！？!?>＞›»→]{1,16}){2,}$")
# a repost's original title (原标题：…): page metadata, not the story's headline
_ORIGINAL_TITLE_RE = re.compile(r"^[【\[(（]?\s*原(?:标题|题)\s*[:：]")
# navigation that only follows the end of an article: it closes the current story
_END_NAV_RE = re.compile(
    r"^[【\[［]?\s*(?:上一篇|下一篇|上一条|下一条|相关阅读|相关推荐|相关新闻|相关文章|相关链接|延伸阅读|推荐阅读|热点推荐"
    r"|热门推荐|往期推荐|往期回顾|精彩回顾|(?:今日|本期|本版|要闻)?导读\s*$)"  # 今日导读: a front page's contents box
)
_FOOTER_RE = re.compile(
    r"^(?:(?:主办|承办|协办)(?:单位)?\s*[:：\s]|联系电话|联系方式|投稿邮箱|投稿信箱|电子邮箱|传真|技术支持|版权所有"
    r"|Copyright|copyright|COPYRIGHT|©|备案号)|ICP备|\s(?:主办|承办)\s*$|版权所有|未经(?:书面)?授权"
    r"|连续出版物号|国内统一刊号|邮发代号|转载请注明|原创稿件[，,]"
)
# a footer of hotlines: 广告热线：0731-28829000　发行热线：…　株洲日报社出版 (the whole line, nothing else)
_HOTLINE_RE = re.compile(
    r"^(?:[^\s。，,；;]{0,12}(?:热线\s*[:：]?\s*[0-9０-９][0-9０-９\-－—– ]{5,}(?:[（(][^）)]{1,10}[）)])?"
    r"|(?:邮箱|信箱|E-?mail|email)\s*[:：]\s*[\w.\-]+@[\w.\-]+)[\s\u3000]*)+"
    r"(?:[^\s。，,；;]{2,12}(?:出版|印刷|发行))?\s*$"
)
_PROMO_HEAD_RE = re.compile(r"新IP$|无视频不传播|更多精彩|精彩推荐|欢迎关注|敬请关注|关注我们|^点个?(?:在看|赞)")
_PROMO_RE = re.compile(r"^\s*[【\[［]\s*(?:视频|微视频|短视频|图集|组图|直播|音频|H5|VR)\s*[】\]］]|^听全文|扫码|扫一扫|长按识别|长按二维码|二维码|下载.{0,8}(?:客户端|APP|App)|点击观看|观看视频|阅读体验更佳"
                       r"|视频加载中|点击播放|^\s*\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}\s*$")  # a video player's time: 00:00 / 02:36
_LABEL_RE = re.compile(r"^[【\[〖［](?:[^】\]〗］\s]{1,14}|[^】\]〗］]{1,6})[】\]〗］]$")  # (not 【课后服务 放学后有了好去处】, a subhead)
_BRACKET_CREDIT_RE = re.compile(r"^[【〖][^】〗]{1,40}[】〗]$")  # 【记者 钟雅琪 通讯员 李想】
_JUMP_WORD = r"(?:上接|下转|转自|接上|转下|转第|接第|下接|上转)\s*"
_JUMP_PAGE = r"(?:第?\s*[A-Za-z]?\s*\d{1,3}\s*版|[A-Za-z]\d{1,2})"
_JUMP_RE = re.compile(  # a story continued on or from another page: （下转A3版）, (上接第1版)
    rf"^[（(【\[]?\s*{_JUMP_WORD}(?:{_JUMP_PAGE}|[^）)】\]]{{1,10}})\s*[）)】\]]?$"
)
_CONTINUED_ON_RE = re.compile(r"下转|转下|转第|下接")  # the jump words of a story going on elsewhere
# the same marker, bracketed, at the end of a paragraph's last line
_TRAILING_JUMP_RE = re.compile(rf"\s*[（(【\[]\s*{_JUMP_WORD}{_JUMP_PAGE}\s*[）)】\]]\s*$")
_PAGE_NO = r"(?:[A-Za-z]?\d{1,3}\s*版|第\s*\d{1,3}\s*版|[A-Z]\d{1,2})"
_SECTION = rf"[{_CJK}]{{2,6}}(?:[·•][{_CJK}]{{2,4}})?"  # 民生, 体育·文化
# a newspaper's section names: after a bare page number only these make a page code (not 01　古窑焕新颜)
_SECTION_NAME = ("(?:要闻|城事|民生|综合|时政|经济|财经|社会|法治|文化|文体|体育|教育|健康|旅游|副刊|专题|评论|理论|国内"
                 "|国际|县域|区县|视点|对话|关注|聚焦|深读|焦点|特刊|城市|乡村|产经|科教|天下|观察|声音|周刊)")
_PAGE_CODE_RE = re.compile(  # 001, A3, 05版, and with a column label: A3 民生, 民生 A3, 05　城事·对话
    rf"^(?:\d{{3,}}|{_PAGE_NO})$|^{_PAGE_NO}\s*[·•|｜:：\s]\s*{_SECTION}$|^{_SECTION}\s*[·•|｜:：\s]\s*{_PAGE_NO}$"
    rf"|^\d{{1,3}}[\s\u3000]+{_SECTION_NAME}(?:[·•][{_CJK}]{{2,4}})?$"
)
_PAGE_HEAD_CREDITS_RE = re.compile(  # (a bare page number only with its section: 06　城事　责任编辑：…)
    rf"^(?:{_PAGE_NO}(?:\s*[·•|｜:：\s]\s*{_SECTION})?|\d{{1,3}}\s*[·•|｜:：\s]\s*{_SECTION})\s+(?={_ROLE_PAT})")
_PAGE_DATE_RE = re.compile(  # 2024年3月5日 星期二, also after the masthead: 株洲日报 2024年1月22日 第A2版
    rf"^(?:[{_CJK}·]{{1,10}}(?:报|刊|网)\s*|{_PAGE_NO}\s+)?"
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(?:星期|周|礼拜)[一二三四五六日天])?"
    r"(?:\s+\S{1,12}){0,3}$"
)
# an app or account page's source and time line: 掌上株洲　2024-07-16 10:42, 原创 株洲发布 2024-05-08 18:30 湖南
_SOURCE_DATE_RE = re.compile(
    rf"^(?:原创\s*)?([{_CJK}A-Za-z·]{{2,12}})\s+(\d{{4}})(?:[-/.]|年)(\d{{1,2}})(?:[-/.]|月)(\d{{1,2}})日?"
    rf"(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?(?:\s+[{_CJK}]{{2,4}}|\s+(?:来源|稿源)\s*[:：]\s*([{_CJK}A-Za-z·]{{2,16}}))?$"
)
# a site's menu: 株洲要闻 | 区县 | 民生 | 视频 | 专题
_MENU_RE = re.compile(r"^[^\s|｜。，,]{1,8}(?:\s*[|｜]\s*[^\s|｜。，,]{1,8}){2,}$")
_DATE_LEAD_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+(\S.*)$")
_SOURCE_NAME_RE = re.compile(rf"^[{_CJK}A-Za-z·]{{2,12}}$")
_PAPER = "(?:日报|晚报|早报|时报|商报|都市报|周报)"  # what a newspaper's name ends in
_MASTHEAD_ONLY_RE = re.compile(rf"^[{_CJK}]{{2,6}}{_PAPER}$")
_MASTHEAD_RE = re.compile(rf"^([{_CJK}·]{{2,10}}(?:日报|晚报|早报|时报|商报|报|周刊|网))\s*\d{{4}}\s*[年\-/.]")
_PAGE_DATE2_RE = re.compile(
    r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[.\-/](\d{1,2})[.\-/](\d{1,2})(?!\d))[^，。,]{0,4}"
    r"(?:星期|周|礼拜)[一二三四五六日天]"  # 2024年3月5日 星期二, 株洲日报·要闻 A02 2024.10.15 星期二
)
_PAPER_BEFORE_DATE_RE = re.compile(rf"(?<![{_CJK}])([{_CJK}]{{2,8}}{_PAPER})[\s\u3000]*\d{{4}}\s*年")
_LEAD_PUB_RE = re.compile(rf"^([{_CJK}]{{2,8}}{_PAPER})[·•\s]")
_SECTION_NO_RE = re.compile(
    r"^(?:第?[0-9０-９一二三四五六七八九十百]{1,3}(?:[、.．:：)）]|部分|章|节)?"
    r"|[(（][0-9０-９一二三四五六七八九十]{1,3}[)）]|[①-⑳]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,4})$"
)
_LIST_ITEM_RE = re.compile(r"^(?:[0-9０-９]{1,2}[、.．]|[(（][0-9一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、)")
_LABEL_BULLETS = "■□●◆◇★☆▪◎▌▍"


def _column_label_re(words: str) -> re.Pattern:
    """A line that is only a column label, with its bullet or brackets: ■简讯, 【链接】."""
    return re.compile(rf"^[■□●◆◇★☆▲▶►【\[〖［(（]?\s*(?:{words})\s*[】\]〗］)）]?$")


# a briefs column: every headline below it starts a brief
_BRIEFS_RE = _column_label_re(
    r"(?:本报|本地|株洲|城事|区县|县市区|新闻|要闻|综合|民生|经济|社会)?"
    r"(?:简讯|短讯|快讯|简讯速递|新闻速递|资讯速递|速递|一句话新闻|新闻集锦|新闻简报|要闻简报|简报|动态)"
    rf"|[{_CJK}]{{2,4}}(?:简讯|短讯|快讯)")  # 法治快讯, 教育简讯: a topic's briefs
# the label of a fact box or sidebar inside a story
_BOX_LABEL_RE = _column_label_re(r"链接|新闻链接|背景链接|知识链接|资料链接|相关链接|延伸阅读|小贴士|温馨提示|记者手记|编者按|短评|点评"
                                  r"|数说|数读|数据|看点")
_BRIEF_CREDIT_RE = re.compile(rf"[(（]\s*((?:(?:[{_CJK}]{{2,4}}|[{_CJK}](?:[\u3000\xa0]| {{1,2}})[{_CJK}]{{1,2}})(?:[\s、,，]+|(?=\s*[)）])))+)"
                              rf"\s*[)）]\s*$")  # （王娜）, （谭 琳）: a name padded by OCR
_NOT_CREDIT_RE = re.compile(r"化名|左|右|中间|前排|后排|图|摄|完|下同|见|记者|通讯员|来源|供|注")
_VIDEO_TITLE_RE = re.compile(r"^《[^》]{1,40}》$")
_QUOTE_MARK_RE = re.compile(r"(?:>[ \t\u3000]*)+")
_IMAGE_RE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$|^[\[【]?(?:图片|图像|image|img)[\]】]?$")  # ![](image_01.jpg), [图片]
_MARKUP_ONLY_RE = re.compile(r"^[#*\-=_>|`~+\s■□●○◆◇★☆※•—━─═┄┅┈┉▼↓]+$")  # markup, rules and lone separators (■)
_EDITOR_NOTE_RE = re.compile(r"^(?:(?:编者按|编者的话|编后(?:语|记)?|更正|勘误|导读)\s*[:：]|编者按\s)")  # the editors' word, a correction
_HEADING_RE = re.compile(r"^(#{1,6})\s+(\S)")
_CAPTION_START_RE = re.compile(r"^(?:[▲△▼▽►▶◆◇↑]|图为|图[:：]|[上下左右]图[:：为]|图片[:：]"
                               r"|图\s*(?:[①-⑳]|[0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*(?:[:：]|\s))")  # 图①：, 图2 
_SPACED_NAME = r"[" + _CJK + r"](?:(?:[\u3000\xa0]| {1,2})?[" + _CJK + r"]){1,3}"  # 李想, 李 想 (a name padded by OCR)
_CAPTION_END_RE = re.compile(
    r"(?:供图|资料图片?|(?:记者|通讯员|摄影)\s*[/:：]?\s*" + _SPACED_NAME + r"\s*摄"
    r"|[\s。.!！]" + _SPACED_NAME + r"\s+摄|(?:图片|照片)(?:均)?由[^，。]{1,30}提供)\s*[)）]?\s*$"
)
_PIC_SOURCE_RE = re.compile(r"^[（(]?\s*(?:图片来源|图片来自)\s*[:：]")  # 图片来源：芦淞区市场监督管理局
_CAPTION_ANY_RE = re.compile(r"图片来源|图片来自|(?:本版|本文|文中)(?:图片|照片)")
# the source of a page's text: （本版文字由市妇联提供）, (本版稿件由荷塘区委宣传部供稿)
_TEXT_CREDIT_RE = re.compile(r"^[（(]\s*(?:本版|本文|本期|以上)[^()（）]{0,24}(?:提供|供稿)\s*[)）]$")
_CREDIT_RE = re.compile(
    r"^(?:(?:本报|特约)?(?:记者|通讯员|摄影记者|摄影)?\s*[/:：]?\s*"
    r"(?:[" + _CJK + r"]{2,4}(?:[\s、]+[" + _CJK + r"]{2,4}){0,3})?\s*)(?:供图|/?摄|提供)$"
    r"|^资料图片?$|^图片来源\s*[:：]"
)
_META_KEY_RE = re.compile(
    rf"(?<![{_CJK}])(?:发表时间|发布时间|发稿时间|更新时间|发布日期|日期|(?:信息|文章|稿件|新闻)?来源|作者|稿源|索引号|发布机构"
    rf"|发文机关|发文字号|文号"
    rf"|主题分类|公开方式|公开范围)\s*[:：]|^(?:来源|作者) ?[|｜] ?"  # (来源 | 株洲晚报: an account's key | value)
)
# keys that make a metadata line only beside another key: 时间：… 来源：…, 时间：… 浏览次数：…
# (a notice's "时间：4月15日" alone is body text)
_META_WEAK_KEY_RE = re.compile(rf"(?<![{_CJK}])(?:时间|浏览次数|浏览量|阅读量|阅读数|点击量|点击数|字号)\s*[:：]")
_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_SOURCE_RE = re.compile(rf"(?<![{_CJK}])(?:(?:信息|文章|稿件|新闻)?来源|稿源)(?:\s*[:：]|^来源 ?[|｜])\s*([^\s|｜,，;；)）]{{1,30}})")
_META_NAME = rf"(?:(?:{_COMPOUND_SURNAMES}|[{_CJK}])(?:[\u3000\xa0]| {{1,2}})[{_CJK}]{{1,2}}|[{_CJK}]{{2,4}})"  # 易蓉, or split by OCR: 李 想
_META_NAMES_RE = re.compile(  # names up to the next key (作者：易蓉 编辑：陈晓)
    rf"(责任编辑|编辑|责编|作者|记者|通讯员)\s*[:：]\s*({_META_NAME}(?![{_CJK}]*\s*[:：])"
    rf"(?:[ 、,，](?![{_CJK}]+\s*[:：]){_META_NAME}(?![{_CJK}]))*)"
)
_TRAIL_SOURCE_RE = re.compile(r"[(（]\s*(?:(?:来源|稿源|转自)\s*[:：]|原载|摘自|转载自)\s*([^()（）:：]{1,30})\s*[)）]\s*$")
_SENT_END = "。！？!?…；;"
_FINISHED = "。！？!?”’」』）)"  # how a finished paragraph ends
_GAP_RE = re.compile(r"\S(?:[ \xa0\u3000]{2,}|\t)\S")  # fields set apart by a wide gap
_BANNER_TOKEN_RE = re.compile(rf"^[{_CJK}]{{2,5}}$")
# a short section heading after a bullet or bar, with no sentence or clause end (■从“一张桌”到“一张网”,
# ▌一张网，险情早发现早处置, 01｜一个人，守一段河); a bulleted list item (■对吸纳就业困难人员的企业，…；) runs longer or ends in a mark
_BULLET_SUBHEAD_RE = re.compile(r"(?:[■▌▍◆]|0?\d{1,2}\s*[｜|丨])\s*([^\s■▌▍◆。！？!?；;：:][^。！？!?；;：:]{1,22})(?<![，,、])$")
_CJK_ONLY_RE = re.compile(rf"^[{_CJK}]+$")
_DOTTED_LABEL_RE = re.compile(rf"^[{_CJK}]{{2,4}}[·•][{_CJK}]{{2,4}}$")  # a section label: 教育·民生, 民生·关注
_LEAD_DASH = "—–-－~～ \t\u3000"


# ---------------------------------------------------------------------------- helpers

def _is_ws(c: str) -> bool:
    return c.isspace() or c in _ZW


def _strip_span(raw: str, a: int, b: int) -> tuple[int, int]:
    """Shrink [a, b) past leading/trailing whitespace (incl. U+3000, NBSP, zero-width)."""
    while a < b and _is_ws(raw[a]):
        a += 1
    while b > a and _is_ws(raw[b - 1]):
        b -= 1
    return a, b


def _split_lines(raw: str) -> list[tuple[int, int, int]]:
    """Lines as (start, content_end, end_including_terminator)."""
    out: list[tuple[int, int, int]] = []
    n = len(raw)
    pos = 0
    eol = re.compile(r"[\r\n]")
    while pos < n:
        m = eol.search(raw, pos)
        if m is None:
            out.append((pos, n, n))
            break
        ce = m.start()
        end = ce + 2 if raw[ce] == "\r" and ce + 1 < n and raw[ce + 1] == "\n" else ce + 1
        out.append((pos, ce, end))
        pos = end
    return out


# a brief whose title runs on its line before the text: ■荷塘区开展秋季征兵体检　本报讯（通讯员 …）9月5日，…
_INLINE_TITLE_RE = re.compile(
    r"[ \t\u3000]*[■□●◆]\s*[^\s。，,；;！？!?：:（(]{4,30}?([ \t\u3000]{1,4})"
    r"(?=(?:本报|本刊)[^\s，,。]{0,12}?讯|近日|日前|记者|\d{1,2}月\d{1,2}日|[^\s，,。]{0,10}?(?:日报|晚报)[^\s，,。]{0,8}?讯)"
)


# a lead byline whose bracket a narrow column wraps onto the next line: 本报讯（记者 周 航　通|讯员 谭小琴）9月…
_OPEN_LEAD_RE = re.compile(r"[ \t\u3000]*" + LEAD_DATELINE_RE.pattern + r"\s*[（(][^（()）\n]{1,30}$")
_CLOSE_NEXT_RE = re.compile(r"[^（()）。\n]{1,24}[)）]")


def _wrapped_bylines(raw: str, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Two lines read as one where a lead byline's bracket is opened on the first and closed early on
    the next (a narrow column wraps it)."""
    out: list[tuple[int, int, int]] = []
    k = 0
    while k < len(spans):
        a, c, e = spans[k]
        if k + 1 < len(spans) and _OPEN_LEAD_RE.match(raw, a, c) and _CLOSE_NEXT_RE.match(raw, *spans[k + 1][:2]):
            out.append((a, spans[k + 1][1], spans[k + 1][2]))
            k += 2
            continue
        out.append((a, c, e))
        k += 1
    return out


def _inline_titles(raw: str, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Lines with a brief's title run in before its text (a bullet, a title, a gap, a dateline and at
    least 20 more chars) split in two at the gap: the title's line keeps the gap as its end."""
    out = []
    for a, c, e in spans:
        m = _INLINE_TITLE_RE.match(raw, a, c)
        if m and c - m.end() >= 20:
            out.append((a, m.start(1), m.end(1)))
            out.append((m.end(1), c, e))
        else:
            out.append((a, c, e))
    return out


def _clean_title(s: str) -> str:
    """Headline text: markdown markers and surrounding blanks removed."""
    s = s.strip().strip(_ZW)
    m = _HEADING_RE.match(s)
    if m:
        s = s[len(m.group(1)):].strip()
        s = s.rstrip("#").strip()
    s = s.lstrip("■□●◆").strip()  # ■荷塘区开展秋季征兵体检: a brief's bullet is no part of its title
    return re.sub(r"\s+", " ", _END_PAD_RE.sub("", s))  # (two phrases set apart by a wide gap: one space)


# OCR's pad inside a two-char name that ends a title: 专访市农业农村局局长周 明
_END_PAD_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?:[\u3000\xa0]| {1,2})(?=[\u4e00-\u9fff]$)")


def _clean_sub(s: str) -> str:
    """Subheadline text: like a headline, with leading/trailing dash runs and colons removed."""
    s = _clean_title(s)
    s = s.strip(_LEAD_DASH)
    s = s.rstrip(":：").strip(_LEAD_DASH)
    return re.sub(r"\s+", " ", s)  # (parts are joined by a space: 小菜园　大治理 -> 小菜园 大治理)


def _skip(s: str, i: int, chars: str) -> int:
    n = len(s)
    while i < n and s[i] in chars:
        i += 1
    return i


def _parse_credits(s: str, i: int) -> tuple[list[tuple[str, list[str]]], int] | None:
    """Parse ``role names role names ...`` starting at s[i] (a role); return groups and end."""
    groups: list[tuple[str, list[str]]] = []
    pending: list[str] = []
    end = i
    n = len(s)
    while i < n:
        if groups and s.startswith(_TAIL_WORDS, i):
            m_try = _ROLE_RE.match(s, i)
            j_try = _skip(s, m_try.end(), _ROLE_SEP) if m_try else i
            if not (m_try and j_try > m_try.end() and _NAME_RE.match(s, j_try)):
                break  # 王娜 摄 / 摄影报道 end the credits; 摄影/张红 is one more credit
        i = _skip_pub(s, i)  # 通讯员 李明 株洲日报记者 王娜
        m = _ROLE_RE.match(s, i)
        if m is None:
            break
        role = m.group().rstrip("/:：")
        j = _skip(s, m.end(), _ROLE_SEP)
        names: list[str] = []
        k = j
        while True:
            nm = _COMPOUND_SPACED_RE.match(s, k) or _NAME_RE.match(s, k) or _SPACED_NAME_RE.match(s, k)
            if nm is None or _skip_pub(s, k) > k:
                break  # 株洲日报记者: a publication before the next role, not a name
            names.append(re.sub(r"[ \u3000\xa0]", "", nm.group()))  # 谭 伟: a space the OCR put in a name
            k = nm.end()
            k2 = _skip(s, k, _NAME_SEP)
            if k2 == k or k2 >= n or _ROLE_RE.match(s, k2) or s[k2] in ")）":
                break
            if (_NAME_RE.match(s, k2) or _SPACED_NAME_RE.match(s, k2)) is None or _skip_pub(s, k2) > k2:
                break  # the next group starts with its publication (李明 株洲日报记者 王娜)
            k = k2
        if not names:
            j2 = _skip_pub(s, j)
            if _ROLE_RE.match(s, j2) and j2 > m.start():
                pending.append(role)  # 文/图 株洲日报记者 王娜
                i = j2
                continue
            return None
        for r in pending:
            groups.append((r, []))
        pending = []
        groups.append((role, names))
        end = k
        i = _skip(s, k, _NAME_SEP)
    if not groups or pending:
        return None
    return groups, end


_PUB_BEFORE_ROLE_RE = re.compile(rf"[{_CJK}·•]{{2,12}}?(?={_ROLE_PAT})")


def _skip_pub(s: str, i: int) -> int:
    """Index after a publication name that is glued to the role after it (``株洲日报记者``), else i."""
    m = _PUB_BEFORE_ROLE_RE.match(s, i)
    if m and _pub_of(m.group()) is not None:
        return m.end()
    return i


_NEWS_OF_RE = re.compile(rf"^(?!本报|本刊|本台|记者)([{_CJK}]{{3,8}})(?:\d{{1,2}}月\d{{1,2}}日)?讯$")


def _pub_of(prefix: str) -> str | None:
    """Publication name from a byline prefix like ``株洲日报·掌上株洲讯``."""
    for part in re.split(r"[·•\s]+", prefix.strip()):
        part = re.sub(r"\d{1,2}月\d{1,2}日.*$", "", part).rstrip("讯电")
        if len(part) >= 3 and (part.endswith(("报", "网", "社", "台", "刊")) or "日报" in part):
            return part
    m = _NEWS_OF_RE.match(prefix.strip())
    return m.group(1) if m else None  # 掌上株洲7月15日讯: the name before 讯 is the publication


class _Byline:
    __slots__ = ("groups", "lead", "pub", "source", "split", "trail")

    def __init__(self, groups: list[tuple[str, list[str]]], pub: str | None, split: int,
                 lead: bool = False, trail: bool = False, source: str | None = None):
        self.groups = groups
        self.pub = pub
        self.source = source or pub  # the credited source as written (来源：荷塘区融媒体中心)
        self.split = split  # raw offset: end of byline part (lead) or start of it (trail)
        self.lead = lead
        self.trail = trail


def _parse_byline(s: str, allow_rest: bool) -> tuple[list[tuple[str, list[str]]], str, int, bool] | None:
    """Parse a byline at the start of ``s`` (already stripped).

    Returns (groups, publication prefix, end index in s, may_have_rest) or None; body text
    may follow a bracketed byline or one ending ``报道：``.  Without ``allow_rest`` the byline
    must cover the whole string.
    """
    i = _skip(s, 0, "■□●★☆▪ \t\u3000")
    if i >= len(s):
        return None
    paren = False
    if s[i] in "(（":
        paren = True
        i = _skip(s, i + 1, " \t\u3000")
        m0 = re.match(r"(?:来源|稿源|作者)\s*[:：]\s*", s[i:i + 10])
        if m0:
            i += m0.end()
    m = _ROLE_RE.search(s, i, min(len(s), i + 24))
    if m is None:
        return None
    prefix = s[i:m.start()]
    if prefix.rstrip().endswith(("(", "（")):
        if paren:
            return None
        paren = True
        prefix = prefix.rstrip()[:-1]
    if len(prefix) > 18 or not _PUB_RE.match(prefix):
        return None
    parsed = _parse_credits(s, m.start())
    if parsed is None:
        return None
    groups, j = parsed
    j = _skip(s, j, " \t\u3000\xa0")
    tail = False
    for w in _TAIL_WORDS:
        if s.startswith(w, j):
            j = _skip(s, j + len(w), " \t\u3000\xa0")
            tail = True
            break
    if paren:
        if j >= len(s) or s[j] not in ")）":
            return None
        j += 1
    elif tail and allow_rest and j < len(s) and s[j] in ":：":
        return groups, prefix, j + 1, True
    elif j < len(s):
        return None
    return groups, prefix, j, paren


def _is_headline_like(s: str) -> bool:
    if not 2 <= len(s) <= 64 or "。" in s:
        return False
    return not (s[-1] in "，,、；;" or s.endswith("……"))


def _shares_bigram(a: str, b: str) -> bool:
    """Whether the two texts share a pair of adjacent CJK chars (a word, roughly)."""
    grams = {a[i:i + 2] for i in range(len(a) - 1) if _CJK_ONLY_RE.match(a[i:i + 2])}
    return any(b[i:i + 2] in grams for i in range(len(b) - 1))


_SERIES_END_RE = re.compile(r"(?:[①-⑳]|之[一二三四五六七八九十]{1,3})$")  # 县域行⑤, 蹲点日记之三: a series label


def _is_kicker(s: str) -> bool:
    return s.endswith(("——", "—", "：", ":", "--", "－－")) or _SERIES_END_RE.search(s) is not None


def _is_banner(s: str) -> bool:
    toks = s.split()
    return len(toks) >= 2 and all(_BANNER_TOKEN_RE.match(t) for t in toks)


def _is_subtitle(head: _Line, ln: _Line, after_kicker: bool, n_cands: int) -> bool:
    """Whether ``ln`` continues the headline area that starts with ``head`` (no byline)."""
    if not _is_headline_like(ln.s):
        return False
    if after_kicker or ln.s.startswith(("——", "—", "－－")):
        return True
    return head.cls == "heading" and ln.cls == "heading" and ln.level > head.level and n_cands == 1


def _safe_date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except (ValueError, OverflowError):
        return None


# ---------------------------------------------------------------------------- line model

class _Line:
    __slots__ = ("a", "authors", "b", "banner", "body_a", "briefs", "byline", "cend", "cls", "corrs", "date", "editors",
                 "end", "level", "pub", "raw_pad", "role", "s", "section", "site", "start", "story", "strong")

    def __init__(self, start: int, cend: int, end: int, raw: str):
        self.start, self.cend, self.end = start, cend, end
        self.a, self.b = _strip_span(raw, start, cend)
        if self.a < self.b and raw[self.a] in ">*_":  # markdown around the whole line
            q = _QUOTE_MARK_RE.match(raw, self.a, self.b)
            if q and q.end() < self.b:  # "> 编者按：…": a markdown quote marker is markup
                self.a, self.b = _strip_span(raw, q.end(), self.b)
            for mark in ("**", "__"):  # "**株洲日报记者/刘琼**": a line set in bold
                if self.b - self.a > 4 and raw.startswith(mark, self.a) and raw.endswith(mark, self.a, self.b) \
                        and mark not in raw[self.a + 2:self.b - 2]:
                    self.a, self.b = _strip_span(raw, self.a + 2, self.b - 2)
        self.s = raw[self.a:self.b]
        self.raw_pad = raw[start:self.a]  # the line's indentation
        self.cls = "blank" if self.a >= self.b else "text"
        self.strong = False
        self.section = False
        self.banner = False
        self.briefs = False  # a column label announcing briefs (简讯): every headline below starts a story
        self.level = 0
        self.body_a = self.a  # where the paragraph text starts (after markdown markers)
        self.byline: _Byline | None = None
        self.editors: list[str] = []
        self.authors: list[str] = []
        self.corrs: list[str] = []  # 通讯员 named on a metadata line
        self.pub: str | None = None
        self.site: str | None = None  # an app or account's own name on its source/time line
        self.date: date | None = None
        self.role: str | None = None  # assigned kind for head-area lines
        self.story = -1


def _classify(ln: _Line) -> None:
    """Context-free classification of one non-blank line."""
    s = ln.s
    if _MARKUP_ONLY_RE.match(s) or _EDITOR_NOTE_RE.match(s) or _IMAGE_RE.match(s) \
            or (_TEXT_CREDIT_RE.match(s) and not _CAPTION_ANY_RE.search(s)):
        ln.cls = "furn"
        return
    hm = _HEADING_RE.match(s)
    if hm:
        ln.level = len(hm.group(1))
        ln.body_a = ln.a + hm.start(2)
        inner = s[hm.start(2):].rstrip("#").strip()
        if _SECTION_NO_RE.match(inner):
            ln.cls, ln.section = "furn", True
        else:
            ln.cls = "heading"
        return
    if _SECTION_NO_RE.match(s):
        ln.cls, ln.section = "furn", True
        return
    short = len(s) <= 80
    if short and (_END_NAV_RE.match(s) or _FOOTER_RE.search(s) or _HOTLINE_RE.match(s)) and not _indented_contact(ln):
        ln.cls, ln.strong = "furn", True
        return
    if short and (_NAV_RE.match(s) or _BREADCRUMB_RE.match(s) or _ORIGINAL_TITLE_RE.match(s) or _MENU_RE.match(s)):
        ln.cls = "furn"
        return
    if len(s) <= 30 and _PROMO_HEAD_RE.search(s):
        ln.cls, ln.strong = "furn", True
        return
    if len(s) <= 30 and _PROMO_RE.search(s):
        ln.cls = "furn"
        return
    label = re.sub(r"[ \u3000\xa0]+", "", s) if len(s) <= 16 else s  # 简　讯: a label set with spaces
    if _BRIEFS_RE.match(label):
        ln.cls, ln.briefs = "furn", True
        return
    if _BOX_LABEL_RE.match(label):
        ln.cls = "furn"  # ■链接: the label of a fact box; the box's text stays in the story
        return
    if _MASTHEAD_ONLY_RE.match(s):
        ln.cls, ln.pub = "furn", s  # the paper's name alone on a line: 株洲晚报
        return
    pb = _parse_byline(s[1:-1].strip(), allow_rest=False) if _BRACKET_CREDIT_RE.match(s) else None
    if _LABEL_RE.match(s) or pb is not None:
        ln.cls = "furn"
        if pb is not None and all(any(e in r for e in _EDITOR_ROLES) for r, _ in pb[0]):
            ln.cls = "editor"  # 【责任编辑：张三】
            ln.editors = [n for _, ns in pb[0] for n in ns]
        elif pb is not None:
            ln.cls = "byline"  # 【记者 钟雅琪】
            ln.byline = _Byline(pb[0], _pub_of(pb[1]), ln.cend)
        return
    if _PAGE_CODE_RE.match(s) or _JUMP_RE.match(s):
        ln.cls = "furn"
        return
    hc = _PAGE_HEAD_CREDITS_RE.match(s)
    if hc:  # A03 要闻 责编/汪 静 美编/邓 超: the page's header, with its editors
        pb = _parse_byline(s[hc.end():], allow_rest=False)
        if pb is not None and all(any(e in r for e in _EDITOR_ROLES) for r, _ in pb[0]):
            ln.cls, ln.editors = "furn", [n for _, ns in pb[0] for n in ns]
            return
    if len(" ".join(s.split())) <= 40:  # (a header's wide gaps count as one space)
        pd = _PAGE_DATE_RE.match(s) or _PAGE_DATE2_RE.search(s)
        if pd:
            ln.cls = "furn"
            y, m, d = (g for g in pd.groups()[:5] if g is not None)
            ln.date = _safe_date(y, m, d)
            mast = _MASTHEAD_RE.match(s) or _LEAD_PUB_RE.match(s) or _PAPER_BEFORE_DATE_RE.search(s)
            if mast:
                ln.pub = mast.group(1)  # 株洲日报 2024年3月8日 A4 专题; A06　法治　…　株洲日报　2024年12月3日
            ed = _ROLE_RE.search(s, pd.start(3) if pd.group(3) is not None else pd.end())  # 2024年1月22日 星期一 责任编辑：龙 琴 版式设计：周 洋
            pb = _parse_byline(s[ed.start():], allow_rest=False) if ed else None
            if pb is not None and all(any(e in r for e in _EDITOR_ROLES) for r, _ in pb[0]):
                ln.editors = [n for _, ns in pb[0] for n in ns]
            return
    dl = _DATE_LEAD_RE.match(s) if len(s) <= 80 and not _META_KEY_RE.search(s) else None
    if dl:  # 2024-08-03 21:16　掌上株洲　记者 陈 默　通讯员 谭 晓: an app page's time, source and credits
        rest = dl.group(4).strip()
        pb = _parse_byline(rest, allow_rest=False)
        src = (pb[1] if pb is not None else rest).strip()
        pub = _pub_of(src) or (src if _SOURCE_NAME_RE.match(src) else None)
        if pb is not None or pub is not None:
            ln.date = _safe_date(*dl.groups()[:3])
            if pb is not None:
                ln.cls, ln.byline = "byline", _Byline(pb[0], pub, ln.cend)
            else:
                ln.cls, ln.site = "meta", pub
            return
    sd = _SOURCE_DATE_RE.match(s) if len(s) <= 60 else None
    if sd:
        ln.cls, ln.pub, ln.site = "meta", sd.group(5), sd.group(1)  # 掌上株洲　2024-07-16 10:42: an app's source and time
        ln.date = _safe_date(*sd.groups()[1:4])
        return
    if len(s) <= 40 and _CREDIT_RE.match(s):
        ln.cls = "credit"
        return
    if len(s) <= 200 and (_CAPTION_START_RE.match(s) or _CAPTION_END_RE.search(s)
                          or (len(s) <= 80 and _CAPTION_ANY_RE.search(s))):
        ln.cls = "caption"
        return
    keys = [m.start() for m in _META_KEY_RE.finditer(s[:160])] if len(s) <= 160 and "。" not in s else []
    weak = len(_META_WEAK_KEY_RE.findall(s[:160])) if len(s) <= 160 and "。" not in s else 0
    if (keys and (keys[0] == 0 or len(keys) >= 2 or _DATE_LEAD_RE.match(s))) or len(keys) + weak >= 2:
        ln.cls = "meta"
        dm = _DATE_RE.search(s)
        if dm:
            ln.date = _safe_date(*dm.groups())
        sm = _SOURCE_RE.search(s)
        if sm:
            ln.pub = sm.group(1)
        for role, names in _META_NAMES_RE.findall(s):
            target = ln.authors if role in ("作者", "记者") else ln.corrs if role == "通讯员" else ln.editors
            target.extend(_meta_names(names))
        return
    wrap = re.search(r"[ \t\u3000]*\r?\n[ \t\u3000]*", s)  # a byline wrapped onto the next line
    pb = _parse_byline((s[:wrap.start()] + s[wrap.end():] if wrap else s)[:120], allow_rest=True)
    if pb is not None and wrap and pb[2] > wrap.start():
        pb = (pb[0], pb[1], pb[2] + wrap.end() - wrap.start(), pb[3])  # (back to the line's own offsets)
    if pb is not None and (pb[3] or len(s) <= 120):
        groups, prefix, j, paren = pb
        roles = [r for r, _ in groups]
        if all(any(e in r for e in _EDITOR_ROLES) for r in roles):
            if j == len(s):
                ln.cls = "editor"
                ln.editors = [n for _, ns in groups for n in ns]
                return
        elif j == len(s) or paren:
            ln.cls = "byline"
            split = ln.a + j if j < len(s) else ln.cend
            ln.byline = _Byline(groups, _pub_of(prefix), split, lead=j < len(s))
            return
    bn = _BULLET_NAME_RE.match(s)
    if bn and (_name_like(bn.group(1).replace(" ", "").replace("\u3000", ""))
               or (_SPACED_NAME_RE.fullmatch(bn.group(1)) and bn.group(1)[0] in COMMON_SURNAMES)):
        # (□ 易 凡: a two-char name padded to three cells, a surname the news text seldom shows)
        ln.cls = "byline"  # □ 谭立群: a commentary's author under its title
        ln.byline = _Byline([("文", [re.sub(r"[ \u3000\xa0]", "", bn.group(1))])], None, ln.cend)
        return
    if _AUTHOR_BIO_RE.match(s):  # （作者系市委党校教授）: the author's note closes the piece, not its text
        ln.byline = _Byline([], None, ln.a, trail=True)
        return
    if len(s) <= 60 and _NAME_ROLE_RE.match(s):
        # name-first credits: 张三/文 李四/图
        names = [m.group(1) for m in _NAME_ROLE_ITEM_RE.finditer(s)]
        ln.cls = "byline"
        ln.byline = _Byline([("文", names)], None, ln.cend)
        return
    # body text: look for a bracketed source/byline at the end
    if s[-1] in ")）" and len(s) >= 4:
        k = max(s.rfind("("), s.rfind("（"))
        if 0 <= k and len(s) - k <= 90:  # (k == 0: a line of its own, （来源：掌上株洲）)
            tail = s[k:]
            pb = _parse_byline(tail, allow_rest=False)
            if pb is not None:
                ln.byline = _Byline(pb[0], _pub_of(pb[1]), ln.a + k, trail=True)
            else:
                tm = _TRAIL_SOURCE_RE.search(tail)
                if tm and tm.start() == 0:
                    src = tm.group(1).strip().strip("《》")
                    reprint = re.match(r"[(（]\s*(?:原载|摘自|转载自)", tail) is not None
                    ln.byline = _Byline([], None if reprint else _pub_of(src), ln.a + k, trail=True,
                                        source=src)  # (原载《湖南日报》: where it first ran, not this page's paper)
    if ln.byline is None and _is_banner(s):
        ln.banner = True


# ---------------------------------------------------------------------------- stories

class _Story:
    __slots__ = ("byline_lines", "headline", "no_byline", "part_led", "start", "subs")

    def __init__(self, start: int):
        self.start = start
        self.headline: int | None = None
        self.subs: list[int] = []
        self.part_led = False
        self.byline_lines: list[int] = []
        self.no_byline = True


def _assign_head(lines: list[_Line], cands: list[int], st: _Story) -> None:
    """Give headline/subheadline/boilerplate roles to the lines of a headline area."""
    texts = [lines[i].s for i in cands]
    label = set()
    # leading short CJK-only lines above other candidates are column labels (a bulleted one may be
    # longer: ■民生关注)
    for pos, i in enumerate(cands[:-1]):
        bare = texts[pos].lstrip(_LABEL_BULLETS).strip()
        if ((len(bare) <= (8 if len(bare) < len(texts[pos]) else 6) and _CJK_ONLY_RE.match(bare))
                or _DOTTED_LABEL_RE.match(bare)) and not texts[pos + 1].startswith(("——", "—", "－－")):
            label.add(i)
        else:
            break
    rest = [i for i in cands if i not in label]
    # a spaced two-phrase line over a dash subtitle is the headline, not a slogan banner
    # (巾帼建新功 奋斗新征程 / ——2023年度“三八红旗手”风采)
    titled = {i for i, j in pairwise(rest) if lines[i].banner and lines[j].s.startswith(("——", "—", "－－"))}
    # a spaced line right above the headline that shares a word with it or its subtitle is the
    # story's kicker, not a slogan banner (小菜园　大治理 / 月塘街道：…种出“共享菜园” / ——…微治理见闻)
    kicker = {i for n, (i, j) in enumerate(pairwise(rest)) if lines[i].banner and not lines[j].banner
              and _shares_bigram(lines[i].s, "".join(lines[k].s for k in rest[n + 1:n + 3]))}
    non_banner = [i for i in rest if not lines[i].banner or i in titled or i in kicker]
    banner = set(rest) - set(non_banner) if non_banner else set()
    eligible = [i for i in rest if i not in banner]
    head = None
    lvl1 = [i for i in eligible if lines[i].cls == "heading" and lines[i].level == 1]
    dash = next((n for n, i in enumerate(eligible) if lines[i].s.startswith(("——", "—", "－－"))), -1)
    if lvl1:
        head = lvl1[0]
    elif dash >= 2:
        head = eligible[dash - 1]  # 守护一江碧水 | 渌口区…工程完工 | ——沿江…: a kicker, the title, its dash subtitle
    else:
        for i in eligible:
            if not _is_kicker(lines[i].s) and i not in kicker:
                head = i
                break
        if head is None and eligible:
            head = eligible[-1]
    for i in cands:
        if i in label or i in banner or (head is not None and i != head and lines[i].s == lines[head].s):
            lines[i].role = "boilerplate"  # (a headline printed twice by a scraper: the copy is furniture)
        elif i == head:
            lines[i].role = "headline"
        else:
            lines[i].role = "subheadline"
    st.headline = head
    st.subs = [i for i in cands if lines[i].role == "subheadline"]


def _prev_content(lines: list[_Line], i: int) -> tuple[int, int]:
    """Index of the previous non-blank line before i (or -1) and the number of blank lines between."""
    gap = 0
    j = i - 1
    while j >= 0 and lines[j].cls == "blank":
        gap += 1
        j -= 1
    return j, gap


def _next_content(lines: list[_Line], i: int) -> tuple[int, int]:
    gap = 0
    j = i + 1
    while j < len(lines) and lines[j].cls == "blank":
        gap += 1
        j += 1
    return (j if j < len(lines) else -1), gap


def _meta_names(names: str) -> list[str]:
    """Names listed after a web metadata key or in a brief's bracketed credit; a lone surname (or a
    compound one) and the one or two characters after it are one name the OCR split (李 想, 欧阳 倩)."""
    parts = [n for n in re.split(r"[ \u3000\xa0、,，]+", names) if n]
    out: list[str] = []
    i = 0
    while i < len(parts):
        if (len(parts[i]) == 1 or parts[i] in COMPOUND_SURNAMES) and i + 1 < len(parts) and len(parts[i + 1]) <= 2:
            out.append(parts[i] + parts[i + 1])
            i += 2
        else:
            out.append(parts[i])
            i += 1
    return out


def _meta_headline(lines: list[_Line], first: int, limit: int) -> tuple[list[int], int]:
    """On web pages the headline is the line right above the metadata line (发表时间/来源).

    Returns the short lines above that headline (site furniture) and the headline index;
    without such evidence, ``([], first)``.
    """
    seen: list[int] = []
    j = first
    while 0 <= j < limit and len(seen) < 6:
        lj = lines[j]
        if lj.cls in ("text", "heading"):
            if lj.byline is not None or not _is_headline_like(lj.s):
                break
            seen.append(j)
            nx, _ = _next_content(lines, j)
            if nx >= 0 and lines[nx].cls == "meta":
                return seen[:-1], j
        elif lj.cls not in ("furn", "caption"):
            break
        j, _ = _next_content(lines, j)
    return [], first


def _find_stories(lines: list[_Line]) -> list[_Story]:
    stories: list[_Story] = []
    claimed: set[int] = set()
    after_body: list[int] = []  # byline lines right below body text, with no headline of their own
    n = len(lines)
    for i in range(n):
        ln = lines[i]
        is_meta = ln.cls == "meta" and (ln.date is not None or ln.pub is not None)
        if ln.cls != "byline" and not is_meta:
            continue
        p, _ = _prev_content(lines, i)
        if not is_meta and p >= 0 and lines[p].cls == "byline" and not lines[p].byline.lead:
            # continuation line of a byline block (通讯员/… on its own line)
            if stories and p in stories[-1].byline_lines:
                stories[-1].byline_lines.append(i)
            continue
        cands: list[int] = []
        n_plain = 0  # candidates that are not slogan banners
        j, gap = p, 0
        _, gap = _prev_content(lines, i)
        while j >= 0 and n_plain < 3 and len(cands) < 6 and j not in claimed:
            lj = lines[j]
            if cands and gap >= 2:
                break
            if lj.cls == "heading" or (lj.cls == "text" and lj.byline is None and _is_headline_like(lj.s)
                                       and not _LIST_ITEM_RE.match(lj.s)):
                cands.append(j)
                n_plain += 0 if lj.banner else 1
            elif not ((lj.cls == "furn" and _PROMO_RE.search(lj.s) and len(lj.s) <= 12)
                      or (lj.cls == "caption" and not cands)):
                break  # (a promo line between the headline and its byline, 扫码看视频, or a picture's
                # caption, ▲…资料图, is passed over)
            j, gap = _prev_content(lines, j)
        if not cands:
            if is_meta:
                continue
            if p >= 0 and lines[p].cls == "text" and lines[p].byline is None:
                after_body.append(i)  # "…（完）" then "（株洲晚报记者 陈功）": whose story is known at the end
                continue
            if stories:
                stories[-1].byline_lines.append(i)
                stories[-1].no_byline = False
            else:
                st = _Story(i)
                st.byline_lines.append(i)
                st.no_byline = False
                st.headline = None
                stories.append(st)
            continue
        cands.reverse()
        st = _Story(cands[0])
        _assign_head(lines, cands, st)
        st.byline_lines.append(i)
        st.no_byline = False
        claimed.update(cands)
        claimed.add(i)
        stories.append(st)

    # a story without byline in the middle of a page: a headline-like line above a dateline lead
    # (芦淞区开展消防安全大检查 | 本报讯 近日，…) after a finished paragraph
    for i, ln in enumerate(lines):
        if ln.cls != "text" or ln.byline is not None or i in claimed or not LEAD_DATELINE_RE.match(ln.s):
            continue
        p, _ = _prev_content(lines, i)
        if p < 0 or p in claimed or lines[p].cls not in ("text", "heading") or lines[p].byline is not None \
                or not _is_headline_like(lines[p].s) or _LIST_ITEM_RE.match(lines[p].s):
            continue
        pp, gap = _prev_content(lines, p)
        if pp >= 0 and (gap == 0 or lines[pp].s[-1:] not in _FINISHED):
            continue  # a wrapped or unfinished paragraph above: not a new story's headline
        if any(st.start <= p and p in st.byline_lines for st in stories):
            continue
        st = _Story(p)
        _assign_head(lines, [p], st)
        claimed.update((p, i))
        stories.append(st)
    stories.sort(key=lambda st: st.start)

    # a story at the top of the page without byline
    first = -1
    for i, ln in enumerate(lines):
        if ln.cls in ("text", "heading", "byline"):
            first = i
            break
    if first >= 0 and (not stories or stories[0].start > first):
        lead = _Story(first)
        pre, head_i = _meta_headline(lines, first, stories[0].start if stories else len(lines))
        for q in pre:
            lines[q].role = "boilerplate"  # site furniture above a web page's headline
        f = lines[head_i]
        if f.cls == "heading" or (f.cls == "text" and f.byline is None and _is_headline_like(f.s)):
            cands = [head_i]
            j, _ = _next_content(lines, head_i)
            k_first = _is_kicker(f.s)
            while j >= 0 and len(cands) < 4:
                lj = lines[j]
                if lj.cls in ("meta", "editor", "furn"):
                    j, _ = _next_content(lines, j)
                    continue
                if lj.cls not in ("text", "heading") or lj.byline is not None:
                    break
                if not (lj.banner or _is_subtitle(f, lj, k_first and len(cands) == 1, len(cands))):
                    break
                cands.append(j)
                j, _ = _next_content(lines, j)
            # drop trailing banners/furniture from the area end
            _assign_head(lines, cands, lead)
            pj, _ = _prev_content(lines, first)
            lead.part_led = pj >= 0 and lines[pj].section
        end = stories[0].start if stories else len(lines)
        has_body = any(lines[q].role is None and (lines[q].cls in ("text", "heading", "byline"))
                       for q in range(first, end))
        if lead.part_led and stories and stories[0].headline is not None:
            for i in range(first, stories[0].start):
                if lines[i].role is not None:
                    lines[i].role = None
            stories[0].start = first
        elif not has_body and stories:
            # only a headline-like line above the first real story: a picture caption or a page label
            for q in range(first, end):
                if lines[q].role is not None:
                    lines[q].role = None
                    lines[q].cls = "caption" if _next_content(lines, q)[1] >= 2 else "furn"
        else:
            stories.insert(0, lead)
    _find_unmarked_stories(lines, stories)
    for i in after_body:  # a byline below a story's text closes that story
        st = max((st for st in stories if st.start <= i), key=lambda st: st.start, default=None)
        if st is None:
            st = _Story(i)
            st.headline = None
            stories.append(st)
            stories.sort(key=lambda x: x.start)
        st.byline_lines.append(i)
        st.no_byline = False
    return stories


_END_MARK_RE = re.compile(r"[(（【\[]\s*(?:完|全文完|结束|终)\s*[)）】\]]$")


def _ends_story(ln: _Line) -> bool:
    """A line that closes a story: a trailing source/byline, an end mark, or a byline after the body."""
    if ln.byline is not None and (ln.byline.trail or (ln.cls == "byline" and not ln.byline.lead)):
        return True
    return ln.cls == "text" and bool(_END_MARK_RE.search(ln.s))


def _credit_of(bl: _Byline) -> tuple[str | None, set[str]]:
    return bl.source, {n for _, ns in bl.groups for n in ns}


def _wrapped_clause(lines: list[_Line], j: int) -> bool:
    """Line j holds a clause break and runs on into the next line with no blank between: the first
    line of a paragraph set in a narrow column (近日，醴陵市浦口镇3座农村公路危|桥改造…), not a title."""
    k, gap = _next_content(lines, j)
    return len(lines[j].s) >= 8 and bool(re.search(r"[，,、；;：:]", lines[j].s[:-1])) \
        and lines[j].s[-1] not in _SENT_END + _FINISHED \
        and k >= 0 and gap == 0 and lines[k].cls == "text"


def _other_source_below(lines: list[_Line], stories: list[_Story], i: int) -> bool:
    """Whether the section that line i heads ends with a trailing source or byline that differs
    from the lead byline of the story it is in (another publication, or other reporters)."""
    st = max((s for s in stories if s.start <= i), key=lambda s: s.start, default=None)
    if st is None:
        return False
    leads = [lines[k].byline for k in st.byline_lines if k < i and lines[k].byline is not None
             and not lines[k].byline.trail]
    continued = any(re.match(r"\s*[（(]\s*(?:上接|接上|转自|接第)", lines[k].s) for k in range(st.start, i))
    if not leads and not continued:
        return False
    end = min((s.start for s in stories if s.start > i), default=len(lines))
    last = next((k for k in range(end - 1, i, -1) if lines[k].cls in ("text", "heading", "byline")), -1)
    if last < 0 or not _ends_story(lines[last]) or lines[last].byline is None:
        return False
    if not leads:
        return True  # a story continued from another page has its byline there: a credit below is another story's
    pub, names = _credit_of(lines[last].byline)
    lead_pubs = {p for p, _ in map(_credit_of, leads) if p}
    lead_names = set().union(*(n for _, n in map(_credit_of, leads)))
    if pub and lead_pubs and not any(pub in q or q in pub for q in lead_pubs):
        return True
    return bool(names) and bool(lead_names) and not names & lead_names


_RELATED_LABEL_RE = _column_label_re(r"(?:相关链接|延伸阅读|相关阅读|相关新闻)\s*[:：]?")


def _mark_box_heads(lines: list[_Line]) -> None:
    """A related-reading label over running text (a long line with a full stop) heads a fact box in
    the story (``相关链接`` then ``据市教育局统计，…。``), not a list of links that ends it."""
    for i, ln in enumerate(lines):
        if ln.cls == "furn" and ln.strong and _RELATED_LABEL_RE.match(ln.s):
            j, _ = _next_content(lines, i)
            if j >= 0 and lines[j].cls == "text" and len(lines[j].s) > 30 and "。" in lines[j].s:
                ln.strong = False


def _mark_brief_credits(lines: list[_Line]) -> None:
    """Below a briefs label (简讯), a bracketed name ending a paragraph is the brief's credit: ``（王娜）``."""
    start = next((i for i, ln in enumerate(lines) if ln.briefs), -1)
    if start < 0:
        return
    for ln in lines[start + 1:]:
        if ln.cls != "text" or ln.byline is not None:
            continue
        m = _BRIEF_CREDIT_RE.search(ln.s)
        if m is None or m.start() == 0 or _NOT_CREDIT_RE.search(m.group(1)):
            continue
        ln.byline = _Byline([("", _meta_names(m.group(1)))], None, ln.a + m.start(), trail=True)


_SERVICE_BOX_RE = re.compile(r"^[■□●◆【\[]?\s*(?:天气预报|今日天气|明日天气|天气|气象信息|天气情况)\s*[】\]]?$")


def _find_unmarked_stories(lines: list[_Line], stories: list[_Story]) -> None:
    """Mid-page stories with neither byline nor dateline, from other evidence of a new headline.

    A headline-like line (not a list item) after a finished paragraph and a blank line, with body
    text after it, starts a story when (a) the line above closes the previous story (trailing
    ``(来源:…)``/byline, ``(完)``), (b) it comes with a dash subtitle or kicker, the shape of a
    headline area, never of an in-body subhead, (c) it is a markdown heading at the level of
    the page's first story headline while in-body headings use deeper levels, (d) the text
    under it ends with a source or byline other than its story's lead byline (a brief set
    below a reported story: ``…（来源：荷塘区融媒体中心）``), (e) it stands below a briefs
    column label (``■简讯``), where every headline starts a brief, or (f) it is a weather box's
    label (``天气预报``): the forecast is no part of the story above.
    """
    if not stories:
        return
    briefs_at = next((i for i, ln in enumerate(lines) if ln.briefs), len(lines))
    heads = [lines[st.headline] for st in stories if st.headline is not None]
    head_level = heads[0].level if heads and heads[0].cls == "heading" else 0
    deeper = head_level > 0 and any(ln.cls == "heading" and ln.role is None and ln.level > head_level
                                    for ln in lines)
    added = False
    for i, ln in enumerate(lines):
        if ln.role is not None or ln.cls not in ("text", "heading") or ln.byline is not None \
                or ln.banner or i < stories[0].start or not _is_headline_like(ln.s) \
                or _LIST_ITEM_RE.match(ln.s) or _LIST_ITEM_RE.match(_clean_title(ln.s)):
            continue
        p, gap = _prev_content(lines, i)
        # (a "continued on" line, （下转A03版）, closes the story above it on this page)
        jump_end = p >= 0 and lines[p].cls == "furn" and _JUMP_RE.match(lines[p].s) is not None \
            and _CONTINUED_ON_RE.search(lines[p].s) is not None
        if p < 0 or (not jump_end and (lines[p].role is not None or lines[p].cls not in ("text", "heading", "byline"))):
            continue
        closing = jump_end or _ends_story(lines[p])
        if closing and lines[p].cls == "byline":
            q, _ = _prev_content(lines, p)  # a byline line closes a story only below its body
            closing = q >= 0 and lines[q].cls == "text" and lines[q].role is None \
                and lines[q].s[-1:] in _FINISHED
        if not closing and (gap == 0 or lines[p].s[-1:] not in _FINISHED):
            continue  # a wrapped or unfinished paragraph above
        cands = [i]
        j, _ = _next_content(lines, i)
        if j >= 0 and lines[j].role is None and lines[j].cls in ("text", "heading") \
                and lines[j].byline is None and _is_headline_like(lines[j].s) \
                and (_is_kicker(ln.s) or _clean_title(lines[j].s).startswith(("——", "—", "－－"))):
            cands.append(j)
            j, _ = _next_content(lines, j)
        if j < 0 or lines[j].role is not None or lines[j].cls != "text" \
                or (_is_headline_like(lines[j].s) and not _wrapped_clause(lines, j)):
            continue  # no body text right after it
        level_head = deeper and ln.cls == "heading" and ln.level == head_level
        if not (closing or len(cands) > 1 or level_head or i > briefs_at or _SERVICE_BOX_RE.match(ln.s)
                or _other_source_below(lines, stories, i)):
            continue
        st = _Story(i)
        _assign_head(lines, cands, st)
        stories.append(st)
        added = True
    if added:
        stories.sort(key=lambda st: st.start)


# ---------------------------------------------------------------------------- captions

# a line ending in a clause mark or a word that wants what follows (a preposition, a particle, a
# verb before its number: "面积达") is cut mid-sentence: no caption ends that way
_OPEN_LINE_END = frozenset("，,、；;：:（(“《的地得在和与及对把将从向被让使为以于是有并或而但则就也都又还要会能可所之其这那每各该此由经当达至到约近")

_PHOTO_CREDIT_RE = re.compile(rf"^[（(]\s*(?:摄影|摄|图)\s*[/:：]?\s*{_SPACED_NAME}\s*[）)]$")


def _mark_captions(lines: list[_Line]) -> None:
    """Context rules for captions: credit lines, image-slot gaps, the page-end caption block."""
    n = len(lines)
    # a page whose paragraphs follow each other without blank lines: adjacency to a credit line
    # says nothing, so a finished sentence above it stays body text
    gaps = [_prev_content(lines, i)[1] for i, ln in enumerate(lines)
            if ln.cls != "blank" and _prev_content(lines, i)[0] >= 0]
    dense = sum(g == 0 for g in gaps) > len(gaps) / 2
    for i, ln in enumerate(lines):
        if ln.cls == "credit" or (ln.cls == "caption" and _PIC_SOURCE_RE.match(ln.s)):
            ln.cls = "caption"
            # the caption text right above a credit: adjacent, or itself in an image-slot gap
            p, gap = _prev_content(lines, i)
            # (blank lines above it, one where paragraphs follow each other without: an image slot;
            # for a picture's source line, 图片来源：…, also above a finished sentence)
            pp, pgap = _prev_content(lines, p) if p >= 0 else (-1, 0)
            slot = p >= 0 and pgap >= (1 if dense else 2)
            source_slot = slot and _PIC_SOURCE_RE.match(ln.s) is not None and pp >= 0 and lines[pp].cls == "text"
            if p >= 0 and gap <= 1 and lines[p].cls == "text" and lines[p].role is None \
                    and lines[p].byline is None and len(lines[p].s) <= 150 \
                    and (gap == 0 or slot) \
                    and not (dense and lines[p].s[-1] in _SENT_END and not (gap == 0 and source_slot)) \
                    and lines[p].s[-1] not in _OPEN_LINE_END:
                lines[p].cls = "caption"  # (not a body line cut mid-phrase: "今年养殖面积达")
    for i, ln in enumerate(lines):
        if ln.cls != "text" or ln.role is not None or ln.byline is not None:
            continue
        s = ln.s
        if len(s) > 50 or s[-1] in _SENT_END or s[-1] in "，,、：:":
            continue
        p, gap_b = _prev_content(lines, i)
        if p < 0 or gap_b < 2:
            continue
        nx, gap_a = _next_content(lines, i)
        if nx >= 0 and lines[nx].cls == "byline":
            continue
        if gap_a >= 2 or lines[p].cls == "caption" or (nx >= 0 and lines[nx].cls == "caption"):
            ln.cls = "caption"
    for i, ln in enumerate(lines):  # a caption's wrapped last line, closing the caption's block
        if ln.cls != "caption" or not ("\u4e00" <= ln.s[-1] <= "\u9fff") or _CAPTION_END_RE.search(ln.s):
            continue  # (a caption ending in its credit, …摄, is whole)
        nx, gap = _next_content(lines, i)
        after, gap2 = _next_content(lines, nx) if nx >= 0 else (-1, 0)
        if nx >= 0 and gap == 0 and lines[nx].role is None and lines[nx].cls in ("text", "byline") \
                and len(lines[nx].s) <= 40 and lines[nx].s[-1] in _FINISHED \
                and (after < 0 or gap2 > 0 or lines[after].cls == "caption"):
            lines[nx].cls, lines[nx].byline = "caption", None  # 图①：…市民在花海中|拍照留念，乐享春光。
    for i, ln in enumerate(lines):
        if _PHOTO_CREDIT_RE.match(ln.s) and ln.cls in ("text", "byline"):
            p, gap = _prev_content(lines, i)
            if p >= 0 and gap == 0 and lines[p].cls == "caption":
                ln.cls, ln.byline = "caption", None  # 图② …闻花香。|（摄影 谢 阳）: the picture's credit
    # short non-sentence lines at the very end of the page right after a caption
    tail: list[int] = []
    i = n - 1
    while i >= 0:
        ln = lines[i]
        if ln.cls in ("blank", "furn"):
            i -= 1
            continue
        if ln.cls == "text" and ln.role is None and ln.byline is None and len(ln.s) <= 30 \
                and not any(c in ln.s for c in "。！？!?"):
            tail.append(i)
            i -= 1
            continue
        if ln.cls == "caption":
            for t in tail:
                lines[t].cls = "caption"
        break


def _mark_labels(lines: list[_Line]) -> None:
    """Short CJK-only lines right above furniture/credits are column labels."""
    for i, ln in enumerate(lines):
        if ln.cls == "text" and ln.role is None and len(ln.s) <= 6 and _CJK_ONLY_RE.match(ln.s):
            nx, _ = _next_content(lines, i)
            if nx >= 0 and lines[nx].cls in ("editor", "meta", "furn"):
                ln.cls = "furn"
        elif ln.cls == "text" and _VIDEO_TITLE_RE.match(ln.s):
            # a 《video title》 announced right above a QR-code prompt
            nx, _ = _next_content(lines, i)
            if nx >= 0 and lines[nx].cls == "furn" and _PROMO_RE.search(lines[nx].s):
                ln.cls = "furn"


# ---------------------------------------------------------------------------- main

def _mark_site_header(lines: list[_Line]) -> None:
    """Short lines above a page's navigation trail at its top are the site's name or logo
    (株洲市天元区人民政府 / 首页 > 信息公开 > 通知公告), not a headline."""
    content = [i for i, ln in enumerate(lines) if ln.cls != "blank"][:4]
    nav = next((k for k, i in enumerate(content) if lines[i].cls == "furn"
                and (_NAV_RE.match(lines[i].s) or _BREADCRUMB_RE.match(lines[i].s))), None)
    if not nav:
        return
    above = [lines[i] for i in content[:nav]]
    if all(ln.cls == "text" and len(ln.s) <= 24 and not any(ch in ln.s for ch in "，。！？,") for ln in above):
        for ln in above:
            ln.cls = "furn"


_BARE_DATE_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")


def _mark_signing_dates(lines: list[_Line]) -> None:
    """A bare date right under a text line, below a finished sentence, signs a notice or a letter
    (株洲市天元区住房和城乡建设局 / 2024年5月20日): it stays with the text, not the page furniture."""
    seen_sentence = False
    for i, ln in enumerate(lines):
        if ln.cls == "text" and any(ch in ln.s for ch in "。！？"):
            seen_sentence = True
        if seen_sentence and ln.cls == "furn" and ln.date is not None and _BARE_DATE_RE.match(ln.s) \
                and i > 0 and lines[i - 1].cls == "text":
            ln.cls = "text"  # (its date still dates the page when nothing above does)


def _subhead_between(lines: list[_Line], i: int) -> bool:
    """A two-phrase line centred between running text of one story (``            产业兴 乡村旺``):
    the story's section heading, not a slogan banner (those stand flush: 不忘初心 牢记使命)."""
    p, _ = _prev_content(lines, i)
    n, _ = _next_content(lines, i)
    pad = sum(2 if ch == "\u3000" else 1 for ch in lines[i].raw_pad.lstrip("\r\n"))
    return pad >= 6 and p >= 0 and n >= 0 and lines[p].cls == "text" and lines[n].cls == "text" \
        and lines[p].story == lines[i].story == lines[n].story and lines[p].role is None and lines[n].role is None \
        and len(lines[p].s) > 4 and len(lines[n].s) > 4


def _add_unique(dst: list[str], names: list[str]) -> None:
    for n in names:
        if n and n not in dst:
            dst.append(n)


def segment(raw: str) -> PageLayout:
    """Split a raw page into segments tiling it and group them into stories."""
    if not isinstance(raw, str):
        raw = "" if raw is None else str(raw)
    lines = [_Line(a, c, e, raw) for a, c, e in _inline_titles(raw, _wrapped_bylines(raw, _split_lines(raw)))]
    for ln in lines:
        if ln.cls != "blank":
            _classify(ln)
    _mark_labels(lines)
    _mark_site_header(lines)
    _mark_signing_dates(lines)
    _mark_box_heads(lines)
    _mark_brief_credits(lines)
    stories = _find_stories(lines)
    _mark_captions(lines)

    # story index of every line (ranges between story starts)
    starts = [st.start for st in stories]
    cur = -1
    nxt = 0
    closed = seen_body = False
    for i, ln in enumerate(lines):
        while nxt < len(starts) and starts[nxt] <= i:
            cur = nxt
            nxt += 1
            closed = seen_body = False
        if ln.strong and seen_body:
            closed = True
        if ln.cls in ("text", "heading") and ln.role is None and not closed:
            seen_body = True
        if cur < 0:
            ln.story = 0 if stories and ln.cls in ("caption", "meta", "editor") else -1
        elif closed and ln.cls in ("text", "heading", "caption") and ln.role is None:
            ln.cls = "furn"
            ln.story = -1
        else:
            ln.story = cur

    articles = [ArticleLayout(headline="") for _ in stories]
    for k, st in enumerate(stories):
        if st.headline is not None:
            articles[k].headline = _clean_title(lines[st.headline].s)
        subs = [_clean_sub(lines[i].s) for i in st.subs]
        subs = [s for s in subs if s]
        articles[k].subheadline = " ".join(subs) if subs else None

    publication: str | None = None
    masthead: str | None = None  # the paper named on the page's date line
    byline_pub: str | None = None
    published: date | None = None
    editors: list[str] = []
    segs: list[tuple[str, int, int, int | None]] = []

    def add(kind: str, a: int, b: int, art: int | None) -> None:
        if b > a:
            segs.append((kind, a, b, art))

    blank_start = -1
    for i, ln in enumerate(lines):
        if ln.cls == "blank":
            if blank_start < 0:
                blank_start = ln.start
            if i + 1 == len(lines) or lines[i + 1].cls != "blank":
                add("blank", blank_start, ln.end, None)
                blank_start = -1
            continue
        k = ln.story if 0 <= ln.story < len(articles) else None
        art = articles[k] if k is not None else None
        if ln.date is not None and published is None:
            published = ln.date
        if ln.cls == "furn":
            _add_unique(editors, ln.editors)  # editor credits on the page's date line
            if ln.pub and masthead is None:
                masthead = ln.pub
        if ln.cls == "meta":
            if ln.pub and publication is None:
                publication = ln.pub
            if ln.site and masthead is None:
                masthead = ln.site  # an app or account's name: the publication when nothing names another
            _add_unique(editors, ln.editors)
            if art is not None:
                _add_unique(art.reporters, ln.authors)
                _add_unique(art.correspondents, ln.corrs)
            has_credit = bool(ln.editors or ln.authors) and art is not None
            add("byline" if has_credit else "boilerplate", ln.start, ln.end, k if has_credit else None)
            continue
        if ln.cls == "editor":
            _add_unique(editors, ln.editors)
            add("byline" if art is not None else "boilerplate", ln.start, ln.end, k)
            continue
        if ln.role is not None and art is not None:
            kind = ln.role
            add(kind, ln.start, ln.end, None if kind == "boilerplate" else k)
            continue
        if ln.cls == "furn" or art is None:
            add("boilerplate", ln.start, ln.end, None)
            continue
        if ln.cls == "caption":
            add("caption", ln.start, ln.end, k)
            continue
        if ln.byline is not None:
            bl = ln.byline
            for role, names in bl.groups:
                if "通讯员" in role:
                    _add_unique(art.correspondents, names)
                elif any(e in role for e in _EDITOR_ROLES):
                    _add_unique(editors, names)
                else:
                    _add_unique(art.reporters, names)
            if bl.pub and byline_pub is None:
                byline_pub = bl.pub
            if ln.cls == "byline" and not bl.lead:
                add("byline", ln.start, ln.end, k)
            elif bl.lead:
                add("byline", ln.start, bl.split, k)
                add("body", bl.split, ln.end, k)
                pa, pb = _strip_span(raw, bl.split, ln.cend)
                if pb > pa:
                    art.paragraphs.append((pa, pb))
            else:  # trailing byline
                add("body", ln.start, bl.split, k)
                add("byline", bl.split, ln.end, k)
                pa, pb = _strip_span(raw, ln.a, bl.split)
                if pb > pa:
                    art.paragraphs.append((pa, pb))
            continue
        if ln.banner and not (k is not None and _GAP_RE.search(ln.s) and any(
                0 <= j < len(lines) and lines[j].cls == "text" and lines[j].story == ln.story for j in (i - 1, i + 1))) \
                and not _subhead_between(lines, i):
            add("boilerplate", ln.start, ln.end, None)  # (a two-name row right under a list row is the list's)
            continue
        # body text or an in-story section heading
        jump = (_TRAILING_JUMP_RE.search(ln.s) or _END_MARK_RE.search(ln.s)) if ln.cls == "text" else None
        if jump is not None and jump.start() == 0:  # a lone end mark: "（完）"
            add("boilerplate", ln.start, ln.end, None)
            continue
        if jump is not None:  # "…总投资约2.6亿元。（下转A4版）", "…3600余户。（完）": the marker is furniture
            cut = ln.a + jump.start()
            add("body", ln.start, cut, k)
            add("boilerplate", cut, ln.end, None)
            pa, pb = _strip_span(raw, ln.body_a, cut)
            if pb > pa:
                art.paragraphs.append((pa, pb))
            continue
        add("body", ln.start, ln.end, k)
        pa, pb = ln.body_a, ln.b
        sub = _BULLET_SUBHEAD_RE.match(ln.s) if ln.cls == "text" else None
        if sub:  # "■从“一张桌”到“一张网”": a section heading set with a bullet; the bullet is markup
            pa = ln.a + sub.start(1)
            art.headings.append(len(art.paragraphs))
        if ln.cls == "heading":
            pb = ln.a + len(ln.s.rstrip("#").rstrip())
            pa, pb = _strip_span(raw, pa, pb)
            if pb > pa:
                art.headings.append(len(art.paragraphs))
        if pb > pa:
            art.paragraphs.append((pa, pb))

    segments = [Segment(seq=q, kind=kd, raw_start=a, raw_end=b, text=raw[a:b], article=ar)
                for q, (kd, a, b, ar) in enumerate(segs)]

    # article spans; drop articles that ended up without any segment
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for sg in segments:
        if sg.article is not None:
            first.setdefault(sg.article, sg.raw_start)
            last[sg.article] = sg.raw_end
    keep = [k for k in range(len(articles)) if k in first]
    remap = {old: new for new, old in enumerate(keep)}
    if len(keep) != len(articles):
        segments = [Segment(seq=sg.seq, kind=sg.kind, raw_start=sg.raw_start, raw_end=sg.raw_end,
                            text=sg.text,
                            article=None if sg.article is None else remap[sg.article])
                    for sg in segments]
    out_articles = []
    for k in keep:
        a = articles[k]
        a.raw_start, a.raw_end = first[k], last[k]
        _add_unique(a.editors, editors)
        out_articles.append(a)
    if publication is None:
        publication = byline_pub or masthead
    return PageLayout(segments=segments, articles=out_articles, publication=publication,
                      published_date=published)
