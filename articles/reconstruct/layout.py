"""Lines -> blocks (paragraphs and loose lines) -> story segments."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from . import bylines as bl
from .headlines import KICKER_CUE, bigrams, couplet, shared, subtitle_cue
from .text import BODY_PUNCT, Line, ends_sentence, join_text
from .values import Byline

# Page furniture that can stand anywhere on a page.
PROOFREADER = re.compile(r"^校\s?对\s?[/／:：\s]\s*(?P<name>[\u4e00-\u9fff·]{2,6})$")  # 校对/宜爽
EDITOR = re.compile(
    r"^(?:本版|责任|版面|美术|图片|版式)?(?:编辑|责编|美编|编校|版式|制图|设计|组版)\s?[/／:：\s]\s*[\u4e00-\u9fff·\s/／]{2,20}$"
)  # 责任编辑：张三 / 本版编辑/王五 / 版式设计：郭  祥
# A date as a folio prints it, and the weekday after it: 2025年1月24日 星期五
_FOLIO_DATE = r"\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日(?:\s?星期.)?"
SIGNED_DATE = re.compile(r"\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日")  # 2020年4月30日, under 习近平
PAGE_HEADER = re.compile(
    r"^(?:第?\s?\d{1,3}\s?版|[A-Za-z]?\d{1,3}|星期.|"
    # the date, with the paper's name before or after it and the page after it: 人民日报 2020年5月8日 星期五
    rf"(?:[\u4e00-\u9fff]{{2,8}}\s)?{_FOLIO_DATE}(?:\s[\u4e00-\u9fff]{{2,8}})?(?:\s第?\d{{1,3}}版)?|"
    r"\d{1,2}\s[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{2,4}\s\d{1,2}|"  # the page and the section: 3 要闻
    r"(?:E-?mail|电话|邮箱|传真)[:：].*|www\.\S+)$"
)  # 第2版 / 4 (a page number alone) / 2025年1月24日 星期五 / 法治日报 2025年1月24日
# Where a chart's or a table's figures came from, printed under it: 数据来源：国家统计局
SOURCE_NOTE = re.compile(r"^(?:数据|资料|图片|信息)来源\s?[:：]\s*\S.{0,40}$")  # 数据来源：某某公司
FURNITURE = re.compile("|".join(f"(?:{p.pattern})" for p in (PROOFREADER, EDITOR, PAGE_HEADER, SOURCE_NOTE)))
FURNITURE_FIRST = frozenset("校本责版美图编设制组第星E电邮传w数资信0123456789")  # how FURNITURE can begin
LEAD_FIRST = frozenset("据本新中人央光法（(【上接承 ")  # how a dateline or a jump marker can begin
ROLE_FIRST = bl.ROLE_FIRST  # how a role word can begin: 本 记 通 …
# Sidebar labels that belong to a story rather than name one.
LABELS = frozenset(
    "记者手记 采访手记 记者观察 记者札记 编者按 编后 短评 相关链接 新闻链接 链接 延伸阅读 背景链接 "
    "数读 图片新闻 新闻背景 专家点评 专家观点 律师说法 以案说法 法官说法 检察官说法 记者调查".split()
)
# How a line that is not a headline may begin: furniture, a byline block, a role word.
SPECIAL_FIRST = FURNITURE_FIRST | frozenset(bl.BLOCK_MARKS) | ROLE_FIRST
# How far from a line's end a credit's 摄 can stand: 摄影报道（影像中国）.
CREDIT_TAIL = 12
# Who supplied a photo, in brackets after its credit: （影像中国） / （人民视觉）
CREDIT_SOURCE = re.compile(r"^[（(][\u4e00-\u9fff]{2,6}[）)]$")
CREDIT_MAX = 40  # characters: a credit names a few people and perhaps the agency, no more
SUBHEAD_MAX = 16.0  # a subhead line is short; longer loose lines inside a story are headlines of another
CLOSING_PUNCT = frozenset("，。、；：！？”’）》」』…,.;:!?)")  # what never begins a line of its own
WIDER = 1.5  # cells a line may exceed the column by and still be one of its lines
# 摄 of a credit wrapped onto a line of its own: 摄 / 摄（影像中国）
CREDIT_END = re.compile(r"^摄(?:影)?(?:[（(][^（）()]{2,8}[）)])?$")
SECTION_MAX = 6  # cells: 法治动态, 国际, 要闻 — a section's name is short
SECTION_NAME = re.compile(r"^[\u4e00-\u9fff·\s]+$")  # 法治动态: words only, no brackets or punctuation
# A figure set large on a line of its own (51万 / 88.3% / 1.2亿元): the story's text, never a headline
FIGURE = re.compile(r"^\d+(?:\.\d+)?(?:[%％‰]|[万亿]?[\u4e00-\u9fff]?)$")
# A box that opens a story's text: 核心阅读 / 编者的话 / 开栏的话, a paragraph of the story, not a headline.
SIDEBAR_MARKS = "■●◆▲"  # marks a sidebar's label or a subhead within a story bears, never a kicker
BOX_OPENER = re.compile(r"(?:核心阅读|编者的话|编者按|开栏的话)")
INDENTED_PAGE = 3  # this many indented lines: the page marks its paragraphs by indenting them
MAX_CAPTION_PARAS = 3  # a photo's caption runs over at most this many paragraphs
# The detail of a caption, after its first paragraph: 图为毛南族群众表演舞龙狮。
CAPTION_DETAIL = re.compile(r"^(?:图为|上图|下图|左图|右图|图[一二三四五六1-6][：:])")
RUN_ON_LINES = 3  # flush full lines without punctuation looked through for running text
# A paragraph line narrower than this share of the column ends its paragraph (after a sentence's end, the
# wider share): the lines of one justified column vary by a few characters.
SHORT_LINE = 0.6
SHORT_AFTER_SENTENCE = 0.75

T = TypeVar("T")


class _cached(Generic[T]):
    """`functools.cached_property` without its lock: Python 3.11 takes one on every first read, which costs
    more than joining a paragraph's lines. A page's blocks are built and read by one thread."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        value = obj.__dict__[self.name] = self.func(obj)  # read from the instance from then on
        return value


@dataclass
class Block:
    """A paragraph (indented start plus its continuation lines) or one loose line (headline, byline, …)."""

    kind: str  # para | headline | byline | credit | jump | furniture | label
    lines: list[Line]
    bylines: list[Byline] = field(default_factory=list)

    @_cached
    def text(self) -> str:
        # Read only once the block is complete: blocks() appends lines before anything reads the text.
        return join_text([line.text for line in self.lines])

    @property
    def first(self) -> int:
        return self.lines[0].no

    @property
    def last(self) -> int:
        return self.lines[-1].no


def _is_lead_line(line: Line) -> bool:
    text = line.text
    return text[0] in LEAD_FIRST and bool(bl.DATELINE.match(text) or bl.CONTINUED_FROM.match(text))


def _body_like(line: Line, colw: float) -> bool:
    """Does an unindented line read as running text rather than a headline?"""
    text = line.text
    if text[-1] in "，、；：,;:" or ends_sentence(text):
        return True
    # Two marks, or one on a full-width line: stop searching as soon as that is settled.
    first = BODY_PUNCT.search(text)
    if first is None:
        return False
    return line.width >= 0.8 * colw or BODY_PUNCT.search(text, first.end()) is not None


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
        if text[0] in ROLE_FIRST:
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


def blocks(lines: list[Line], *, colw: float, blank_separates: bool) -> list[Block]:
    """Rejoin lines broken at the column width into paragraphs; keep the other lines loose."""
    out: list[Block] = []
    para: Block | None = None
    kinds = [loose_kind(line) for line in lines]
    # On a page whose paragraphs start indented, an unindented line after a finished paragraph is a
    # headline, a subhead or a credit, whatever punctuation it carries (柳州市，累计投入超200亿元).
    indenting = sum(1 for line in lines if line.indented) >= INDENTED_PAGE
    items = _list_items(lines, colw)
    item_nos = {lines[i].no for i in items}
    for i, line in enumerate(lines):
        kind, names = kinds[i]
        if kind == "furniture" and out and SIGNED_DATE.fullmatch(line.text):
            kind = "headline"  # a date alone below the page's first text signs a letter or statement
        if kind == "closing" and para is not None and not line.indented and _bare_dateline(para):
            para.lines.append(line)  # `据新华社澳门10月10日电` / `（记者胡瑶）`: the lead's byline, wrapped
            continue
        if out and out[-1].kind == "credit" and not line.indented and CREDIT_SOURCE.match(line.text):
            # `李明远 丁 一摄影报道` / `（影像中国）`: the credit's source, wrapped
            out[-1].lines.append(line)
            continue
        if kind == "byline" and para is not None and _goes_on(para, line, colw):
            # `书名：许茂和他的女儿们` / `作者：周克芹`: a sentence broken before a role word, read as text
            kind = "headline"
        if kind != "headline":  # furniture, byline blocks, credits, markers and labels stand alone
            para = None
            out.append(Block(kind, [line], names))
            continue
        # The first test of _is_lead_line, inlined: it rules out nearly every line. An item of a list starts
        # a paragraph of its own as a lead does.
        lead = (line.text[0] in LEAD_FIRST and _is_lead_line(line)) or i in items
        if (
            para is not None
            and not line.indented
            and (line.text[0] in CLOSING_PUNCT or CREDIT_END.match(line.text))
        ):
            para.lines.append(line)  # `”` or `。` wrapped onto a line of its own: no line starts with them
            continue
        # A list's item goes on onto a short remainder only (书名：风云初记 作者：孙 / 犁), not onto a headline.
        wrapped_item = para is not None and para.lines[0].no in item_nos and line.width > SHORT_LINE * colw
        # After a finished sentence, a flush line right above `（上接第一版）` on a line of its own is that
        # continuation's jump headline (成都：一带一路产业园区联盟成立), however it reads.
        jump_headline = (
            not line.indented
            and _over_continuation(lines, i)
            and (para is None or ends_sentence(para.lines[-1].text))
        )
        if para is not None and not line.indented and not lead and not wrapped_item:
            last = para.lines[-1]
            closed = (
                ends_sentence(last.text)
                or bl.ends_with_jump(last.text)  # …国家标准。 下转第四版: the story goes on elsewhere
                or ("摄" in last.text[-CREDIT_TAIL:] and _ends_with_credit(para.lines))
                or _bracketed(para)
                or _closes_note(para)
            )
            if not _ended_short(para, colw, closed=closed):
                gap = blank_separates and last.blank_after  # an empty line: the paragraph ended
                closed = closed or gap
                # A line wider than the column spans columns: a headline, not this paragraph's text.
                body = (
                    _body_like(line, colw)
                    and not (gap and indenting)
                    and line.width <= colw + WIDER
                    and not (closed and indenting and _before_wide(lines, i, colw))
                )

                if not jump_headline and (
                    not closed or body or _runs_on(lines, kinds, i, colw, blank_separates)
                ):
                    para.lines.append(line)
                    continue
        if not jump_headline and (
            line.indented
            or lead
            or BOX_OPENER.fullmatch(line.text)
            or FIGURE.match(line.text)
            or _salutation(lines, i, colw)
            or _after_continued_from(out, line, colw)
            or (
                _body_like(line, colw)
                # On a page that indents, a paragraph never starts flush after a headline line.
                and (not indenting or (para is not None and _runs_on(lines, kinds, i, colw, blank_separates)))
            )
        ):
            para = Block("para", [line])
            out.append(para)
            continue
        para = None
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "headline" and _wraps_into(prev, line, colw):
            # A flush subhead broken at the column's width: 重庆永川区萱花中学刘 / 佳——
            prev.lines.append(line)
            note = join_text([x.text for x in prev.lines])
            if note[0] in "（(" and note[-1] in "）)" and bl.AUTHOR_NOTE.match(note):
                closing = bl.parse_closing_byline(note)  # （作者为中国驻法国大使馆 / 一秘）: a closing note
                prev.kind, prev.bylines = "closing", closing[0] if closing else []
            continue
        out.append(Block("headline", [line]))
    _credit_paragraphs(out)
    return out


def _credit_paragraphs(blocks_: list[Block]) -> None:
    """An indented paragraph that is a photo credit and nothing else, broken over lines as any paragraph is
    (`本报记者 王大明文 本` / `报记者 丁 一摄`), is a credit: a line of its own, read whole."""
    for block in blocks_:
        if block.kind != "para" or len(block.lines) < 2 or len(block.text) > CREDIT_MAX:
            continue
        text = block.text
        if "摄" not in text[-CREDIT_TAIL:]:
            continue
        credit = bl.parse_photo_credit(text)
        if credit and credit[1] == 0:
            block.kind, block.bylines = "credit", credit[0]


def _wraps_into(prev: Block, second: Line, colw: float) -> bool:
    """Whether a loose line fills the column exactly and the next goes on from it: one line of flush text
    broken at the column's width. A headline spans columns and is not broken there; in a narrow column
    one may fill it by chance, but then the two lines are longer than a subhead (a note in brackets, which
    closes a story, may be as long as it needs)."""
    first = prev.lines[-1]
    short = sum(line.width for line in prev.lines) + second.width <= SUBHEAD_MAX
    return (
        (short or prev.lines[0].text[0] in "（(")
        and colw - 0.5 <= first.width <= colw
        and not first.blank_after
        and second.width <= colw
        and not _is_lead_line(second)
        and (
            _broken_dash(first.text, second.text)
            or not (KICKER_CUE.search(first.text) or subtitle_cue(second.text))
        )
    )


def _broken_dash(first: str, second: str) -> bool:
    """A dash (——) broken in two at a line's end: one half closes the line, the other opens the next."""
    return (
        first.endswith("—")
        and not first.endswith("——")
        and second.startswith("—")
        and not second.startswith("——")
    )


LIST_LABEL = re.compile(r"^([\u4e00-\u9fff]{1,4})[：:](?=\S)")  # 书名：装台 作者：陈彦
LIST_MIN = 3  # lines opening with one label, at least, to be a list


def _list_items(lines: list[Line], colw: float) -> set[int]:
    """The lines that are items of a list: a run of lines opening with one label (书名：… 作者：… over and
    over), each an item of text, however short and bare, never a headline. An item may wrap onto a short
    remainder (书名：风云初记 作者：孙 / 犁) before the next."""
    # A label is a few characters: a colon further on (most lines have none) opens no item.
    labels = [
        m.group(1)
        if ("：" in line.text[:6] or ":" in line.text[:6]) and (m := LIST_LABEL.match(line.text))
        else None
        for line in lines
    ]
    out: set[int] = set()
    run: list[int] = []
    for i, label in enumerate(labels + [None]):
        if label is not None and run and label == labels[run[-1]]:
            run.append(i)
            continue
        if label is None and i < len(lines) and run and _remainder(lines[i], colw):
            continue
        if len(run) >= LIST_MIN:
            out.update(run)
        run = [i] if label is not None else []
    return out


def _remainder(line: Line, colw: float) -> bool:
    """A flush line too short to be anything but the end of the line above it."""
    return not line.indented and line.width <= SHORT_LINE * colw


def _goes_on(para: Block, line: Line, colw: float) -> bool:
    """A flush line right after a paragraph's full, unfinished line goes on with its text."""
    last = para.lines[-1]
    return (
        not line.indented
        and not last.blank_after
        and last.width > colw * SHORT_AFTER_SENTENCE
        and not ends_sentence(last.text)
        and not _bracketed(para)
    )


def _over_continuation(lines: list[Line], i: int) -> bool:
    """Whether the line after line i is `上接第一版` on a line of its own."""
    after = lines[i + 1].text if i + 1 < len(lines) else ""
    # Every such marker has 接 near its start: most lines need no match.
    return "接" in after[:4] and bl.CONTINUED_FROM.fullmatch(after.strip()) is not None


def _after_continued_from(out: list[Block], line: Line, colw: float) -> bool:
    """A flush line of running text right after `上接第一版` on a line of its own goes on with the story the
    marker continues (控阻击战取得重大战略成果，…: the page cut the sentence); a short bare line there is a
    subhead opening the continuation."""
    prev = out[-1] if out else None
    return (
        prev is not None
        and prev.kind == "jump"
        and bl.continued_from(prev.text) is not None
        and (line.width >= 0.8 * colw or _body_like(line, colw))
    )


def _salutation(lines: list[Line], i: int, colw: float) -> bool:
    """A flush line ending with a colon over an indented paragraph opens a letter or a speech (亲爱的笑笑、果果： /
    郑州圆方集团全体职工：): text, where a kicker's colon would stand over its title."""
    text = lines[i].text
    return text[-1] in "：:" and lines[i].width <= colw and i + 1 < len(lines) and lines[i + 1].indented


def _before_wide(lines: list[Line], i: int, colw: float) -> bool:
    """The line after line i is flush and wider than the column: a headline, so line i is one too (a kicker
    with a comma: `国土绿化提速，去年——` over a title that spans columns)."""
    return i + 1 < len(lines) and not lines[i + 1].indented and lines[i + 1].width > colw + WIDER


def _bracketed(para: Block) -> bool:
    """A paragraph that is one note in brackets, closed: `（作者为伦敦金融城政` / `策与资源委员会主席）`."""
    first, last = para.lines[0].text, para.lines[-1].text
    return first[0] in "（(" and last[-1] in "）)" and _brackets_closed(para)


def _closes_note(para: Block) -> bool:
    """A paragraph ending with a note in brackets that closes every bracket it opened (`…保护名录（见附表）`,
    `…（完）`): its end, as a sentence's end would be. Not a lead's byline: the text goes on after it."""
    return para.lines[-1].text[-1] in "）)" and not _is_lead_line(para.lines[0]) and _brackets_closed(para)


def _brackets_closed(para: Block) -> bool:
    """Every bracket the paragraph opens, it closes."""
    text = join_text([line.text for line in para.lines])
    return text.count("（") + text.count("(") == text.count("）") + text.count(")")


def _bare_dateline(para: Block) -> bool:
    """A paragraph that so far is a dateline and nothing else: `新华社北京5月7日电`."""
    if len(para.lines) != 1:
        return False
    text = para.lines[0].text
    match = bl.DATELINE.match(text) if text[0] in LEAD_FIRST else None
    return match is not None and not text[match.end() :].strip()


def _ended_short(para: Block, colw: float, *, closed: bool) -> bool:
    """A paragraph's last line stops well short of the column: the paragraph ends there.

    Justified PDF lines of one column vary by a few characters (17–20), so only a line clearly short
    counts; one that ends a sentence, a little less clearly. Only the lead of a story may end short and
    go on (`本报南京1月23日电 记者丁国锋` / `江苏省委…`).
    """
    last = para.lines[-1]
    if last.width > colw * (SHORT_AFTER_SENTENCE if closed else SHORT_LINE):
        return False
    # A lead set on a line of its own may itself wrap: `本报北京2月11日电 （记者` / `赵贝佳）`.
    return not (len(para.lines) <= 2 and _is_lead_line(para.lines[0]))


def _ends_with_credit(lines: list[Line]) -> bool:
    """A caption ends at its credit, `…的变化。李明摄`, though no sentence ends there."""
    tail = join_text([line.text for line in lines[-2:]])
    credit = bl.parse_photo_credit(tail)
    return credit is not None and (credit[1] == 0 or tail[: credit[1]].rstrip()[-1:] in "。！？”")


def _runs_on(
    lines: list[Line], kinds: list[tuple[str, list[Byline]]], i: int, colw: float, blank_separates: bool
) -> bool:
    """A line without punctuation is still running text when the lines after it go on as running text (a
    paragraph that happened to end its sentence at a line's end: `…讨回工资。` / `廊下镇依托…` / `薪纠纷，…`;
    or whose next lines carry no comma either: `这位研究者就是现在被称为` / `“深度学习之父”的杰弗里` / `·辛顿。…`).
    Each line up to the first with punctuation fills the column; RUN_ON_LINES lines are looked at, at most."""
    for k in range(i, min(i + RUN_ON_LINES, len(lines) - 1)):
        if kinds[k + 1][0] != "headline" or (blank_separates and lines[k].blank_after):
            return False
        nxt = lines[k + 1]
        # Running text fills the column and no more; a headline may be wider than the column.
        fills = 0.8 * colw <= lines[k].width <= colw + 1 and nxt.width <= colw + 1
        if nxt.indented or _is_lead_line(nxt) or not fills:
            return False
        if _body_like(nxt, colw):
            return True
    return False


@dataclass
class Segment:
    """A run of blocks that forms one story, before headlines are assigned.

    Loose headline blocks inside a segment are candidates: a subhead, or the headline of a story that
    starts there without a lead; the page decides which.
    """

    blocks: list[Block]
    lead: bl.Lead | None = None
    kind: str | None = None  # photo | feature | None
    bylines: list[Byline] = field(default_factory=list)

    @property
    def paras(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "para"]

    @_cached
    def text(self) -> str:
        return "".join(b.text for b in self.blocks if b.kind == "para")

    @property
    def continues(self) -> bool:
        """Whether it opens with `上接第一版`: the continuation of a story from another page."""
        return self.lead is not None and self.lead.kind == "jump"

    @property
    def first(self) -> int:
        return self.blocks[0].first


@dataclass
class HeadlineRun:
    """Consecutive loose headline lines between stories; `before` is the index of the story that follows."""

    blocks: list[Block]
    before: int | None  # None: at the end of the page
    after: int | None  # the story just above, None at the top of the page


@dataclass
class Cut:
    segments: list[Segment]
    runs: list[HeadlineRun]
    furniture: list[Block]


def caption_credit(blocks_: list[Block], i: int) -> list[Byline] | None:
    """The photographers when paragraph `i` is a photo caption (credit on the next line or at its end)."""
    nxt = blocks_[i + 1] if i + 1 < len(blocks_) else None
    if nxt is not None and nxt.kind == "credit":
        return nxt.bylines
    # The credit may be broken over the caption's last two lines: `…变化。林  舟` / `摄（影像中国）`.
    last = blocks_[i].text
    if "摄" not in last[-CREDIT_TAIL:]:
        return None
    credit = bl.parse_photo_credit(last)
    if credit and credit[1] > 0 and last[: credit[1]].rstrip()[-1:] in "。！？”":
        return credit[0]
    return None


def _caption_before(cur: Segment, block: Block, *, headed: bool) -> int | None:
    """Where the caption that `block` ends (with its credit) begins inside the story `cur`, when it began
    earlier: 0 for the whole of `cur`, else the index of the headline lines that head it; None when the
    caption is `block` alone.

    A caption may run over a few paragraphs, `24日，广西…` / `图为毛南族群众表演舞龙狮。` / `高东风摄`: those
    after the photo's headline are its caption, not the end of the story before it.
    """
    blocks_ = cur.blocks
    loose = [k for k, b in enumerate(blocks_) if b.kind in ("headline", "heading")]
    if loose:
        start = loose[-1]
        while start > 0 and blocks_[start - 1].kind in ("headline", "heading"):
            start -= 1
        after = blocks_[loose[-1] + 1 :]
        if start > 0 and after and all(b.kind == "para" for b in after) and len(after) < MAX_CAPTION_PARAS:
            return start
        return _caption_tail(cur, block)
    fresh = cur.lead is None and cur.kind is None and all(b.kind == "para" for b in blocks_)
    if fresh and len(blocks_) < MAX_CAPTION_PARAS and (headed or CAPTION_DETAIL.match(block.text)):
        return 0
    return _caption_tail(cur, block)


def _caption_tail(cur: Segment, block: Block) -> int | None:
    """Where a caption begins among the last paragraphs of the story before it, on a page that gives
    photos no headline of their own nearby: a paragraph goes with the caption when it shares more of
    its words with the caption than with the paragraph before it (湖南郴州…高椅岭景区 / 日前，郴州山地救援队…)."""
    blocks_ = cur.blocks
    caption = bigrams(block.text)
    start = None
    for k in range(len(blocks_) - 1, max(len(blocks_) - MAX_CAPTION_PARAS, 0), -1):
        para, before = blocks_[k], blocks_[k - 1]
        if para.kind != "para" or before.kind != "para" or (k == 1 and cur.lead is not None):
            break
        mine = bigrams(para.text)
        if shared(mine, caption) <= shared(mine, bigrams(before.text)):
            break
        start, caption = k, caption | mine
    return start


def lead_of(block: Block) -> bl.Lead | None:
    """The lead of a paragraph.

    A byline that ends exactly at a line break (`记者丁国锋` / `江苏省委…`) was set apart from the text by
    the break itself: the paragraph keeps a space there, or the name would run into the text.
    """
    if not bl.LEAD_START.match(block.text):
        return None
    joined = bl.parse_lead(block.text)
    found = len(joined.bylines) if joined else 0
    lines = block.lines
    # A byline needs a role word, and one ending at a break in the first two lines has it before the break
    # (the text starts with those lines joined): without one, there is nothing to read again.
    if len(lines) < 2 or not bl.ROLE_SPLIT.search(block.text, 0, len(lines[0].text) + len(lines[1].text) + 1):
        return joined
    for k in range(1, min(len(block.lines), 3)):
        head = join_text([line.text for line in block.lines[:k]])
        spaced_text = head + " " + join_text([line.text for line in block.lines[k:]])
        spaced = bl.parse_lead(spaced_text)
        # Also where the name was read running into the text and ended at the break: 记者吴良艺 / 今天…
        at_break = joined is not None and found > 0 and joined.end == len(head) and head[-1] not in "）)"
        if spaced and (len(spaced.bylines) > found or at_break) and spaced.end == len(head):
            block.text = spaced_text  # type: ignore[misc]  # a cached property: set the text once
            return spaced
    return joined


def _top_furniture(blocks_: list[Block]) -> None:
    """The section name: a short loose line of words at the top of the page, the first after its furniture."""
    for n, block in enumerate(blocks_[:4]):
        after = blocks_[n + 1] if n + 1 < len(blocks_) else None
        if (
            block.kind == "headline"
            and block.lines[0].width <= SECTION_MAX
            and SECTION_NAME.match(block.text)
            and not KICKER_CUE.search(block.text)  # 胡春华强调 introduces the title below it
            # 保护湿地 / 守护候鸟（…）: the first half of a title set as a couplet over two lines
            and not (after is not None and after.kind == "headline" and couplet(block.text, after.text))
        ):
            block.kind = "section"
        if block.kind != "furniture":  # only the first line after the page's furniture may be its section
            return


def cut(blocks_: list[Block]) -> Cut:
    """Cut the page at leads: datelines, bylines, byline blocks, jump fragments and photo captions."""
    _top_furniture(blocks_)
    segments: list[Segment] = []
    runs: list[HeadlineRun] = []
    furniture: list[Block] = []
    pending: list[Block] = []
    cur: Segment | None = None
    closed = True  # the current segment takes no more paragraphs (after a photo caption)

    def start(seg: Segment) -> Segment:
        nonlocal pending
        if pending:
            runs.append(
                HeadlineRun(pending, before=len(segments), after=len(segments) - 1 if segments else None)
            )
            pending = []
        segments.append(seg)
        return seg

    for i, block in enumerate(blocks_):
        if block.kind in ("furniture", "section"):
            furniture.append(block)
        elif block.kind in ("headline", "label"):
            pending.append(block)
        elif block.kind == "jump":
            if cur is None or bl.continued_from(block.text) is not None:
                # `上接第一版` on a line of its own opens the continuation of a story from another page,
                # whatever came before it (a photo caption's segment would otherwise take it).
                cur = start(Segment([block], lead=lead_of(block)))
                closed = False
            else:  # `（下转第二版）`: the story goes on elsewhere, not here
                cur.blocks.extend(pending + [block])
                pending = []
                closed = True
        elif block.kind == "byline":
            if cur is not None and cur.kind == "feature" and not cur.paras and not pending:
                cur.blocks.append(block)
                cur.bylines.extend(block.bylines)
            else:
                cur = start(Segment([block], kind="feature", bylines=list(block.bylines)))
                closed = False
        elif block.kind == "closing":
            if cur is None:
                cur = start(Segment([block]))
            else:
                cur.blocks.extend(pending + [block])
                pending = []
            cur.bylines.extend(block.bylines)
            closed = True
        elif block.kind == "credit":
            if cur is None:
                cur = start(Segment([block], kind="photo"))
            else:
                cur.blocks.extend(pending + [block])
                pending = []
                cur.bylines.extend(block.bylines)
            closed = True
        else:
            lead = lead_of(block)
            closing = bl.parse_closing_byline(block.text) if block.text.endswith(("）", ")")) else None
            if closing and closing[1] == 0 and cur is not None and not closed:
                # `（本报记者王明峰、姚雪青）` as a paragraph of its own signs the story above; it leads nothing.
                lead = None
            credit = caption_credit(blocks_, i)
            if credit is not None:
                # A credit at the caption's end closes it here; one on the next line closes it there.
                own = blocks_[i + 1 : i + 2] == [] or blocks_[i + 1].kind != "credit"
                bylines = list(credit) if own else []
                headed = bool(runs) and runs[-1].before == len(segments) - 1
                caption = (
                    _caption_before(cur, block, headed=headed) if cur is not None and not closed else None
                )
                if caption is None:
                    cur = start(Segment([block], kind="photo", bylines=bylines))
                elif caption == 0:  # the whole story so far is the caption's beginning
                    cur.blocks.extend(pending + [block])
                    pending = []
                    cur.kind, cur.bylines = "photo", cur.bylines + bylines
                else:  # the caption runs back to the headline lines above it, inside the story
                    assert cur is not None
                    head, pending = cur.blocks[:caption], cur.blocks[caption:]
                    cur.blocks = head
                    at = next(k for k, b in enumerate(pending) if b.kind == "para")
                    pending, moved = pending[:at], pending[at:]
                    cur = start(Segment([*moved, block], kind="photo", bylines=bylines))
                closed = own
            elif (
                lead is None
                and cur is not None
                and closed
                and pending
                and pending[0].text[0] in SIDEBAR_MARKS
            ):
                # A sidebar after a story's closing byline, its label marked (■专家观点 / 他们眼里有光芒): the
                # story's box goes on.
                cur.blocks.extend(pending + [block])
                pending = []
                closed = False
            elif lead is not None and cur is not None and not pending and _same_filing(blocks_[i - 1], block):
                # A letter or speech closed by its filing line, then the report on it under the same dateline
                # (（新华社北京4月30日电） / 新华社北京4月30日电 在…): one story.
                cur.blocks.append(block)
                closed = False
            elif lead is not None or cur is None or closed or _opens_box(block, cur):
                cur = start(Segment([block], lead=lead, bylines=list(lead.bylines) if lead else []))
                closed = False
            else:
                cur.blocks.extend(pending + [block])
                pending = []
            if closing and credit is None:
                cur.bylines.extend(closing[0])
                closed = True
            elif bl.ends_with_jump(block.text):  # `…（下转第五版）`: the story goes on elsewhere, not here
                closed = True
    if pending:
        runs.append(HeadlineRun(pending, before=None, after=len(segments) - 1 if segments else None))
    _pull_quotes_down(segments, runs)
    return Cut(segments, runs, furniture)


def _opens_box(block: Block, cur: Segment) -> bool:
    """A summary box's opener (核心阅读 / 编者按) after a continuation's text opens a story of its own: a story
    opens with its box, and a continuation (上接第一版 …) is the end of another."""
    return BOX_OPENER.fullmatch(block.text) is not None and cur.continues and bool(cur.paras)


def _same_filing(closing: Block, lead: Block) -> bool:
    """Whether a closing filing line (（新华社北京4月30日电）) names the dateline the next paragraph opens with."""
    inner = closing.text.strip()[1:-1].strip()
    return closing.kind == "closing" and inner.endswith("电") and lead.text.startswith(inner)


def _pull_quotes_down(segments: list[Segment], runs: list[HeadlineRun]) -> None:
    """A paragraph before a lead that the story after the lead repeats word for word (a summary set in
    larger type above a report: 今年下一阶段，要… before 新华社北京5月15日电 … 会议指出，今年下一阶段，要…)
    opens that story, not the end of the one before. A story left with nothing else is merged into the next,
    its headline with it."""
    k = 0
    while k + 1 < len(segments):
        seg, nxt = segments[k], segments[k + 1]
        if nxt.lead is None or seg.kind is not None or nxt.kind is not None:
            k += 1
            continue
        at = len(seg.blocks)
        while (
            at > 0 and seg.blocks[at - 1].kind == "para" and _repeated_in(seg.blocks[at - 1].text, nxt.text)
        ):
            at -= 1
        if at == len(seg.blocks):
            k += 1
            continue
        moved = seg.blocks[at:]
        # The summary's headline set right above it, inside the story before, heads the story after.
        top = at
        while top > 0 and seg.blocks[top - 1].kind == "headline":
            top -= 1
        if top < at:
            place = next((i for i, r in enumerate(runs) if r.before is None or r.before > k), len(runs))
            runs.insert(place, HeadlineRun(seg.blocks[top:at], before=k + 1, after=k))
        del seg.blocks[top:]
        nxt.blocks[:0] = moved
        nxt.__dict__.pop("text", None)  # the cached text
        seg.__dict__.pop("text", None)
        if not seg.paras:
            nxt.blocks[:0] = seg.blocks
            nxt.bylines[:0] = seg.bylines
            del segments[k]
            for run in runs:
                run.before = _shifted(run.before, k)
                run.after = _shifted(run.after, k, moved_to=k - 1 if k else None)
            continue
        k += 1


PULL_QUOTE_MIN = 20  # characters: a shorter paragraph may repeat a phrase by chance


def _repeated_in(paragraph: str, story: str) -> bool:
    """Whether a paragraph's opening words recur in a story's text."""
    return len(paragraph) >= PULL_QUOTE_MIN and paragraph[:PULL_QUOTE_MIN] in story


def _shifted(index: int | None, removed: int, moved_to: int | None = None) -> int | None:
    """A story index after story `removed` was merged into the one after it."""
    if index is None or index < removed:
        return index
    if index == removed:
        return removed if moved_to is None else moved_to
    return index - 1
