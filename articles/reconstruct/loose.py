"""What a line standing alone is: page furniture (folio, proofreader, editors, a source note), a feature's
byline block, a photo credit, a closing note, a jump marker, a sidebar's label, or else a headline's line.
layout.py asks this of every line before it rejoins the rest into paragraphs."""

from __future__ import annotations

import re

from . import bylines as bl
from .text import Line
from .values import Byline

# Page furniture that can stand anywhere on a page.
PROOFREADER = re.compile(r"^校\s?对\s?[/／:：\s]\s*(?P<name>[\u4e00-\u9fff·]{2,6})$")  # 校对/宜爽
_PRODUCTION_CREDIT = (
    r"(?:本版|责任|版面|美术|图片|版式)?(?:编辑|责编|美编|编校|版式|制图|设计|组版|统筹|校对)"
    r"\s?[/／:：\s]\s*[\u4e00-\u9fff·/／]+(?:\s[\u4e00-\u9fff·/／]+)*?"
)
EDITOR = re.compile(
    rf"^{_PRODUCTION_CREDIT}(?:\s+{_PRODUCTION_CREDIT})*$"
)  # 责任编辑：张三 / 本版编辑/王五 / 版式设计：郭  祥 / 本版编辑：张三  美编：李四
# A date as a folio prints it, and the weekday after it: 2025年1月24日 星期五
_FOLIO_DATE = r"\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日(?:\s?星期.)?"
SIGNED_DATE = re.compile(r"\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日")  # 2020年4月30日, under 习近平
PAGE_HEADER = re.compile(
    r"^(?:第?\s?\d{1,3}\s?版|[A-Za-z]?\d{1,3}|星期.|"
    # the date, with the paper's name before or after it and the page after it: 人民日报 2020年5月8日 星期五
    rf"(?:[\u4e00-\u9fff]{{2,8}}\s)?{_FOLIO_DATE}(?:\s[\u4e00-\u9fff]{{2,8}})?(?:\s第?\d{{1,3}}版)?|"
    # the page and the section: 3 要闻 / A2 要闻 / 第3版 要闻
    r"(?:[A-D]?\d{1,2}|第\s?\d{1,3}\s?版)\s[\u4e00-\u9fff]{2,6}|[\u4e00-\u9fff]{2,4}\s\d{1,2}|"
    r"(?:E-?mail|电话|邮箱|传真)[:：].*|www\.\S+)$"
)  # 第2版 / 4 (a page number alone) / 2025年1月24日 星期五 / 法治日报 2025年1月24日
# Where a chart's or a table's figures came from, printed under it: 数据来源：国家统计局
SOURCE_NOTE = re.compile(r"^(?:数据|资料|图片|信息)来源\s?[:：]\s*\S.{0,40}$")  # 数据来源：某某公司
FURNITURE = re.compile("|".join(f"(?:{p.pattern})" for p in (PROOFREADER, EDITOR, PAGE_HEADER, SOURCE_NOTE)))
FURNITURE_FIRST = frozenset(
    "校本责版美图编设制组统第星E电邮传w数资信0123456789ABCD"
)  # how FURNITURE can begin
ROLE_FIRST = bl.ROLE_FIRST  # how a role word can begin: 本 记 通 …
# Sidebar labels that belong to a story rather than name one.
LABELS = frozenset(
    "记者手记 采访手记 记者观察 记者札记 编者按 编后 短评 相关链接 新闻链接 链接 延伸阅读 背景链接 "
    "数读 图片新闻 新闻背景 专家点评 专家观点 律师说法 以案说法 法官说法 检察官说法 记者调查".split()
)
# How a line that is not a headline may begin: furniture, a byline block, a role word.
SPECIAL_FIRST = FURNITURE_FIRST | frozenset(bl.BLOCK_MARKS) | ROLE_FIRST
LEAD_FIRST = frozenset("据本新中人央光法（(【上接紧承 ")  # how a dateline or a jump marker can begin
# A figure set large on a line of its own (51万 / 88.3% / 1.2亿元): the story's text, never a headline
FIGURE = re.compile(r"^\d+(?:\.\d+)?(?:[%％‰]|[万亿]?[\u4e00-\u9fff]?)$")
# Marks a sidebar's label, a subhead or a key point within a story bears (■专家观点 / ●基准价按…确定，), never
# a kicker or a title.
SIDEBAR_MARKS = "■●◆▲"
# How far from a line's end a credit's 摄 can stand: 摄影报道（影像中国）.
CREDIT_TAIL = 12


def loose_kind(line: Line) -> tuple[str, list[Byline]]:
    """What a line that stands alone is: furniture, byline block, photo credit, jump marker, label, headline."""
    text = line.text
    # Most lines are none of these: what every kind below needs of the first or last characters rules
    # them out at once.
    if (
        text[0] not in SPECIAL_FIRST
        and text[-1] not in "）)"
        and "摄" not in text[-4:]
        and "版" not in text[-3:]
        and text not in LABELS
        and "年" not in text
        and not text[-1].isdigit()
        and "记者" not in text  # 经济日报记者 张三: a byline line naming the reporter's paper first
    ):
        return "headline", []
    # A folio may begin with the paper's name (any characters) or end with the page number: 要闻 3.
    if (
        len(text) <= 40
        and (text[0] in FURNITURE_FIRST or "年" in text or text[-1].isdigit())
        and FURNITURE.match(text)
    ):
        return "furniture", []
    if text[0] in bl.BLOCK_MARKS:
        block = bl.parse_byline_block(text)
        if block:
            return "byline", block
    # Before the byline checks: `本报记者 张三摄` is a credit, not a byline heading a feature.
    if "摄" in text[-CREDIT_TAIL:]:
        credit = bl.parse_photo_credit(text)
        if credit and credit[1] == 0:
            return "credit", credit[0]
    if len(text) <= 40:
        if text[-1] in "）)":
            closing = bl.parse_closing_byline(text)
            if closing and closing[1] == 0:
                return "closing", closing[0]
        if text[0] in ROLE_FIRST or "记者" in text:
            heading = bl.parse_byline_line(text)
            if heading:
                return "byline", heading
    if "版" in text[-3:] and (bl.CONTINUED_TO.fullmatch(text) or bl.CONTINUED_FROM.fullmatch(text)):
        return "jump", []
    # `（作者为…）` / `（本报…电）` closes its story like a byline in parentheses, and never heads one.
    if text[-1] in "）)" and text[0] in "（(" and bl.AUTHOR_NOTE.match(text):
        closing = bl.parse_closing_byline(text)  # a long list of reporters: （本报记者张三、李四、…）
        return "closing", closing[0] if closing else []
    if text in LABELS:
        return "label", []
    return "headline", []


def is_lead_line(line: Line) -> bool:
    """A line opening with a dateline or a `上接` marker: it starts a paragraph of its own."""
    text = line.text
    return bool(bl.dateline_match(text) or (text[0] in LEAD_FIRST and bl.CONTINUED_FROM.match(text)))
