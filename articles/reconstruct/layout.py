"""Lines -> blocks: lines broken at the column's width rejoined into paragraphs, the other lines kept loose
(headlines, bylines, credits, jump markers, labels, furniture: what each is, loose.py says). A page that does
not indent is read by the column its lines fill (columns.py). cut.py cuts the blocks into stories."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from . import bylines as bl
from .columns import (
    ATTACHMENT,
    FULL_SLACK,
    INDENT_CELLS,
    INDENTED_PAGE,
    NOTE_TAG,
    SHORT_AFTER_SENTENCE,
    SHORT_LINE,
    WIDER,
    ends_paragraph,
    fills,
    first_line,
    goes_on_below,
    is_column_title,
    local_columns,
    lost_indent,
    opens_paragraph,
)
from .headlines import KICKER_CUE, PLACE_FIRST, subtitle_cue, unclosed
from .loose import CREDIT_TAIL, FIGURE, SIDEBAR_MARKS, SIGNED_DATE, is_lead_line, loose_kind
from .text import BODY_PUNCT, CLAUSE_END, CLOSING_PUNCT, Line, ends_sentence, join_text
from .values import Byline

# Who supplied a photo, in brackets after its credit: （影像中国） / （人民视觉）
CREDIT_SOURCE = re.compile(r"^[（(][\u4e00-\u9fff]{2,6}[）)]$")
CREDIT_MAX = 40  # characters: a credit names a few people and perhaps the agency, no more
SUBHEAD_MAX = 16.0  # a subhead line is short; longer loose lines inside a story are headlines of another
RUN_ACROSS_LINES = 4  # a paragraph's last lines read for an open bracket or running text over an empty line
RUN_ACROSS = 0.8  # a line this full, mid-sentence, goes on across an empty line under it
# 摄 of a credit wrapped onto a line of its own: 摄 / 摄（影像中国）
CREDIT_END = re.compile(r"^摄(?:影)?(?:[（(][^（）()]{2,8}[）)])?$")
# A box that opens a story's text: 核心阅读 / 编者的话 / 开栏的话, a paragraph of the story, not a headline.
BOX_OPENER = re.compile(r"(?:核心阅读|编者的话|编者按|开栏的话)")
RUN_ON_LINES = 3  # flush full lines without punctuation looked through for running text
HEADLINE_LINES = 3  # lines of a headline read as one paragraph above a dateline, at most
UNMARKED_TEXT = 30  # characters of running text, at most, that go without a comma or a full stop

T = TypeVar("T")


class cached(Generic[T]):
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

    @cached
    def text(self) -> str:
        # Read only once the block is complete: blocks() appends lines before anything reads the text.
        return join_text([line.text for line in self.lines])

    @property
    def first(self) -> int:
        return self.lines[0].no

    @property
    def last(self) -> int:
        return self.lines[-1].no


def _indent(line: Line) -> tuple[int, bool]:
    """The blanks before a line: how wide, in half-width cells (a full-width space is two), and whether
    they are full-width spaces."""
    lead = line.raw[: len(line.raw) - len(line.raw.lstrip(" \u3000"))]
    return len(lead) + lead.count("\u3000"), "\u3000" in lead


def _uncentred(lines: list[Line], colw: float) -> list[Line]:
    """Indented lines that are headlines or subheads a PDF tool centred with leading blanks, made flush: those
    set in further or less far than the page indents its paragraphs, reading as no running text and no lead,
    and those beside them set in as far as a paragraph but reading the same (a kicker over a centred title)."""
    # How the page sets in its paragraphs: so far and with such blanks (a page indenting with full-width
    # spaces and a title a tool centred with ASCII ones, set in as far: ····五洲共欢庆 under 　　写春联…).
    cells = [_indent(line) for line in lines]
    indents = Counter(c for c, line in zip(cells, lines, strict=True) if line.indented)
    if not indents:
        return lines
    usual = indents.most_common(1)[0][0]

    def set_off(i: int) -> bool:
        return i < len(lines) and lines[i].indented and cells[i] != usual

    titles = [
        line.indented
        and (
            not _body_like(line, colw)
            or _quoted(line.text)
            # Set off, ending no sentence, and over a line set off too, closing with its column's tag or
            # ending with a kicker's cue: a centred kicker or title with a comma or a colon
            # (湖南常德湿地保护率超过70%，累计投入超200亿元 over 这儿的湿地，有人管有人爱（美丽中国）).
            or (
                set_off(i)
                and not ends_sentence(line.text)
                and (
                    set_off(i + 1)
                    or is_column_title(line.text)
                    or KICKER_CUE.search(line.text) is not None  # 国务院港澳办发言人： over its title
                )
            )
        )
        and not is_lead_line(line)
        # a line well short of the column ends whatever it is; a fuller one must not run on into the next
        and (line.width + cells[i][0] / 2 < RUN_ACROSS * colw or not _runs_into_next(lines, i, colw))
        for i, line in enumerate(lines)
    ]
    out = list(lines)
    i = 0
    while i < len(lines):  # each run of such lines, made flush when one of them is set off
        j = i
        while j < len(lines) and titles[j]:
            j += 1
        if any(set_off(k) for k in range(i, j)):
            out[i:j] = [line._replace(indented=False) for line in lines[i:j]]
        i = max(j, i + 1)
    return out


def _quoted(text: str) -> bool:
    """A line that is one quotation, closed at its end: a title that quotes someone (“要脱贫，就得鼓起精气神”),
    whatever punctuation the quotation holds."""
    return text.startswith("“") and text.endswith("”") and text.count("“") == 1


def _runs_into_next(lines: list[Line], i: int, colw: float) -> bool:
    """Whether the flush line after line i goes on as its paragraph's next line: running text, or a line
    filling the column (移民管理警察在三埠港口岸开展登船赠春联 under 1月22日，珠海边检总站开平边检站)."""
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is None or nxt.indented or subtitle_cue(nxt.text):  # ——写在…之际: a subtitle, not running text
        return False
    if nxt.width > colw + WIDER:
        return False  # a line wider than the column spans columns: a headline, not this one's text
    if is_column_title(nxt.text):
        return False  # 拥抱风潮，更需脚踏实地（新语）: a title closed by its column's tag, not running text
    if BODY_PUNCT.search(nxt.text) is None:
        # Running text reaches a mark within a few lines, each filling the column; a block of headlines
        # does not (习近平同匈牙利总理欧尔班通电话 over 《求是》杂志发表… and a title wider than the column).
        for line in lines[i + 1 : i + 1 + RUN_ON_LINES]:
            if line.indented or not RUN_ACROSS * colw <= line.width <= colw + 1:
                return False
            if BODY_PUNCT.search(line.text):
                return True
        return False
    return _body_like(nxt, colw) or nxt.width >= RUN_ACROSS * colw


def _body_like(line: Line, colw: float) -> bool:
    """Does an unindented line read as running text rather than a headline?"""
    text = line.text
    if text[-1] in "，、；：,;:" or ends_sentence(text):
        return True
    if text[-1] in "（(“《":
        return True  # 污染防治攻坚战成效考核指标（ / 见图）: a bracket opened at a line's end goes on, as no title does
    if bl.ends_with_jump(text):
        return True  # …的决心和诚意无可置疑。 下转第二版: a story's last words, never a headline
    # Two marks, or one on a full-width line: stop searching as soon as that is settled.
    first = BODY_PUNCT.search(text)
    if first is None:
        return False
    place = PLACE_FIRST.match(text)
    if place is not None and first.end() == place.end() and not BODY_PUNCT.search(text, first.end()):
        return False  # 北京：为高质量发展注入内生动力, a jump headline with its place first
    return line.width >= 0.8 * colw or BODY_PUNCT.search(text, first.end()) is not None


def blocks(lines: list[Line], *, colw: float, blank_separates: bool) -> list[Block]:
    """Rejoin lines broken at the column width into paragraphs; keep the other lines loose."""
    out: list[Block] = []
    para: Block | None = None
    lines = _uncentred(lines, colw)
    kinds = [loose_kind(line) for line in lines]
    # On a page whose paragraphs start indented, an unindented line after a finished paragraph is a
    # headline, a subhead or a credit, whatever punctuation it carries (柳州市，累计投入超200亿元).
    indenting = sum(1 for line in lines if line.indented) >= INDENTED_PAGE
    # Without indents, a paragraph is read by the column its lines fill (see `opens_paragraph`); a few lines
    # of a damaged page do not show one, and there a line with running text's punctuation is taken for text.
    by_column = not indenting and sum(1 for line in lines if fills(line, colw)) >= INDENTED_PAGE
    cols = local_columns(lines, colw) if by_column else []
    # There an empty line after a finished sentence ends its paragraph, where the page sets one after most.
    ends_marked = by_column and blank_separates and _blank_after_most_ends(lines)
    lost, slack = lost_indent(lines, cols) if by_column else (0.0, FULL_SLACK)
    items = _list_items(lines, colw)
    fields = _field_labels(lines)
    item_nos = {lines[i].no for i in items}
    noted = 0  # lines up to here are a closing note's, gathered with its first (_wrapped_note)
    for i, line in enumerate(lines):
        if i < noted:
            continue
        kind, names = kinds[i]
        if not line.indented and (end := _wrapped_note(lines, i)):
            para, noted = None, end
            out.append(Block("para", lines[i:end]))
            continue
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
        # An item of a list starts a paragraph of its own as a lead does.
        lead = (
            is_lead_line(line)
            or _next_point(para, line)
            or i in items
            or _next_field(para, line, colw, fields)
            or _record_field(lines, i, fields)
        )
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
        # continuation's jump headline (成都：一带一路产业园区联盟成立), however it reads, but for a full stop
        # (会议还研究了其他事项。 closes the story above; no headline ends so); so are two such lines ending no
        # paragraph (全国人大常委会法工委发言人 / 就全国人大通过涉港决定发表谈话): the story above ended with its
        # sentence.
        jump_headline = (
            not line.indented
            and not lead  # 本报北京10月28日电 （记者寇江泽） reads as a title and its column's tag
            and (
                (_over_continuation(lines, i) and not line.text.endswith("。"))
                or _kicker_over_continuation(lines, i)
                or _column_title(lines, i, colw)
                # Where no paragraph runs above it (the page's top, under a kicker), such a title heads the
                # text right under it, though that text runs flush.
                or (para is None and (is_column_title(line.text) or _over_subtitle(lines, i)))
            )
            # The paragraph above ended: with its sentence, or with a note closing it (…考核指标（见图）).
            and (para is None or ends_sentence(para.lines[-1].text) or _closes_note(para))
        )
        if para is not None and not line.indented and not lead and not wrapped_item:
            last = para.lines[-1]
            closed = (
                ends_sentence(last.text)
                or bl.ends_with_jump(last.text)  # …国家标准。 下转第四版: the story goes on elsewhere
                or ("摄" in last.text[-CREDIT_TAIL:] and _ends_with_credit(para.lines))
                or _bracketed(para)
                or _closes_note(para)
                or (by_column and marker_over_subhead(para.lines, cols[i]))
                # An item of a list closed by its clause's stop two cells or more short of the column (of a
                # first line's, where the indent was dropped): inside a paragraph a line fills it
                # (全年实现42万贫困人口脱贫…，脱贫攻坚步伐坚定有力；).
                or (
                    by_column
                    and last.text.endswith(("；", ";"))
                    and last.width <= _full_width(para, cols[i], lost) - INDENT_CELLS
                )
            )
            if not _ended_short(
                para, cols[i] if by_column else colw, closed=closed, by_column=by_column, lost=lost
            ):
                gap = blank_separates and last.blank_after and not _runs_across(para, line, closed, colw)
                # Where empty lines mark paragraphs' ends, one after a finished sentence ends it, on a page
                # read by its column too (…卫星应用需求。 / (empty) / 无接触、效率高、…).
                ends = gap and ends_marked and closed
                closed = closed or gap
                # A line wider than the column spans columns: a headline, not this paragraph's text.
                body = (
                    _body_like(line, colw)
                    and not (gap and indenting)
                    and line.width <= colw + WIDER
                    and not (
                        closed
                        and indenting
                        and (_before_wide(lines, i, colw) or _kicker_over_title(lines, i, colw))
                    )
                    # On a page read by its column, a line of the paragraph's text reads as one.
                    and (
                        not by_column
                        or opens_paragraph(
                            lines,
                            kinds,
                            i,
                            cols[i],
                            blank_separates,
                            after_headline=False,
                            lost=lost,
                            slack=slack,
                        )
                    )
                )
                first = (
                    closed
                    and by_column
                    and first_line(
                        line,
                        cols[i],
                        lost,
                        slack,
                        next_fills=i + 1 < len(lines) and fills(lines[i + 1], cols[i + 1]),
                    )
                )
                if (
                    not jump_headline
                    and not first
                    and not ends
                    and (not closed or body or _runs_on(lines, kinds, i, colw, blank_separates))
                ):
                    para.lines.append(line)
                    continue
        after_headline = bool(out) and out[-1].kind == "headline"
        if not jump_headline and (
            line.indented
            or lead
            or BOX_OPENER.fullmatch(line.text)
            or FIGURE.match(line.text)
            or _salutation(
                lines,
                kinds,
                i,
                cols[i] if by_column else colw,
                blank_separates,
                by_column=by_column,
                lost=lost,
            )
            or _after_continued_from(out, line, colw, by_column=(cols[i], lost, slack) if by_column else None)
            or (
                opens_paragraph(
                    lines,
                    kinds,
                    i,
                    cols[i],
                    blank_separates,
                    after_headline=after_headline,
                    lost=lost,
                    slack=slack,
                    after_end=para is not None,
                )
                if by_column
                # On a page that indents, a paragraph never starts flush after a headline line.
                else _body_like(line, colw)
                and (not indenting or (para is not None and _runs_on(lines, kinds, i, colw, blank_separates)))
            )
        ):
            para = Block("para", [line])
            out.append(para)
            continue
        para = None
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "headline"
            and _wraps_into(prev, line, colw, lost=lost, blank_separates=blank_separates)
        ):
            # A flush subhead broken at the column's width: 重庆永川区萱花中学刘 / 佳——
            prev.lines.append(line)
            note = join_text([x.text for x in prev.lines])
            if note[0] in "（(" and note[-1] in "）)" and bl.AUTHOR_NOTE.match(note):
                closing = bl.parse_closing_byline(note)  # （作者为中国驻法国大使馆 / 一秘）: a closing note
                prev.kind, prev.bylines = "closing", closing[0] if closing else []
            continue
        out.append(Block("headline", [line]))
    _credit_paragraphs(out)
    return _headlines_over_leads(out)


# A closing note opened on a flush line and wrapped onto the next (（本报莫斯科、曼谷、开罗电 / 记者殷新宇、林芮…）).
NOTE_OPEN = re.compile(r"^[（(](?:本报|新华社|记者)[^（）()]*$")
NOTE_LINES = 3  # lines a closing note runs over, at most


def _wrapped_note(lines: list[Line], i: int) -> int | None:
    """A closing note in brackets wrapped over a few flush lines, a line of reporters' names among them that
    reads alone as a byline (（本报莫斯科、曼谷、墨西哥城、罗马、开罗电 / 记者殷新宇、林芮、刘旭霞… / ，郭雨祺、
    郑美辰参与采写）): the index after its last line; None for any other line."""
    if not NOTE_OPEN.match(lines[i].text):
        return None
    for j in range(i + 1, min(i + NOTE_LINES, len(lines))):
        text = lines[j].text
        if lines[j].indented or "（" in text or "(" in text:
            return None
        if text.endswith(("）", ")")):
            return j + 1
        if "）" in text or ")" in text:
            return None
    return None


def _headlines_over_leads(blocks_: list[Block]) -> list[Block]:
    """A paragraph of a line or a few with no mark at all, right above a story's dateline, is that story's
    headline read as text on a page with no indents to tell (4月主要经济指标继续改善 / 转型升级态势持续 over
    本报北京5月15日电): running text has its marks, and a dateline opens a story, not the middle of one. So is
    one of a few flush lines ending no paragraph right above a continuation's marker, its jump headline; and
    a paragraph's last lines ending no sentence right above a headline line, that headline's first
    (_kicker_run_in)."""
    out: list[Block] = []
    for block, nxt in zip(blocks_, [*blocks_[1:], None], strict=True):
        over_lead = (
            nxt is not None
            and nxt.kind == "para"
            and is_lead_line(nxt.lines[0])
            and len(block.lines) <= HEADLINE_LINES
        )
        # A flush paragraph of a few lines ending no paragraph right above a continuation's marker is its jump
        # headline, whatever marks it has (上下游、产供销、…协同复工 / 产业链协同加速“齐步走”（破解难点堵点 /
        # 推动复工复产） over （上接第2版）一箱箱…): the story above ended its last paragraph before the marker.
        over_marker = (
            nxt is not None
            and bl.CONTINUED_FROM.match(nxt.lines[0].text) is not None
            and len(block.lines) <= HEADLINE_LINES
            and not block.lines[0].indented
            and not _may_close_story(block.lines[-1].text)
        )
        if (
            block.kind == "para"
            and not is_lead_line(block.lines[0])
            and block.text[0] not in "（(["  # （作者为…主席）: the closing note of the story above
            and (
                over_marker
                # Or longer than any running text goes without a mark: a block of headlines each as wide as
                # the column (东方红五号卫星公用平台首飞成功 / 重拾“蔚蓝之舟”的文化身份 / …).
                or ((over_lead or _unmarked_run(block, nxt)) and BODY_PUNCT.search(block.text) is None)
            )
        ):
            out += [Block("headline", [line]) for line in block.lines]
        elif (
            block.kind == "para"
            and nxt is not None
            and nxt.kind == "headline"
            and (n := _kicker_run_in(block))
        ):
            out += [
                Block("para", block.lines[:-n]),
                *(Block("headline", [line]) for line in block.lines[-n:]),
            ]
        else:
            out.append(block)
    return out


KICKER_RUN_IN = 2  # a paragraph's last lines that may be the first lines of the headline below it


def _kicker_run_in(para: Block) -> int:
    """How many of a paragraph's last lines, over a headline line, are no text of it but the first lines of
    that headline: a line above them ended the paragraph's sentence, and they end none, as no paragraph's
    last line does (…负责人作了互动交流。 / 山西阳泉城区建立“三社联动”、社区协商制度 / 议事不出社区 over
    服务上门入户（倾听·关注基层治理））."""
    for n in range(1, min(KICKER_RUN_IN, len(para.lines) - 1) + 1):
        line = para.lines[-n].text
        if _may_close_story(line) or line[0] in "（(" or line[-1] in "，、；,;":
            return 0  # （本报伊斯兰堡2月19日电）: a note closing the story; a comma: its sentence goes on
        if ends_sentence(para.lines[-n - 1].text):
            return n
    return 0


def _unmarked_run(block: Block, nxt: Block | None) -> bool:
    """Flush lines longer together than running text goes without a mark (UNMARKED_TEXT), that no `下转`
    marker ends or follows: a sentence the page broke off at its marker (…候鸟迁徙越冬地和繁殖（下转第二版）)
    has none either."""
    return (
        len(block.text) >= UNMARKED_TEXT
        and not block.lines[0].indented
        and bl.CONTINUED_TO.search(block.text) is None
        and not (nxt is not None and nxt.kind == "jump" and bl.CONTINUED_TO.search(nxt.text) is not None)
    )


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


def _wraps_into(
    prev: Block, second: Line, colw: float, *, lost: float = 0.0, blank_separates: bool = True
) -> bool:
    """Whether a loose line fills the column exactly and the next goes on from it: one line of flush text
    broken at the column's width. A headline spans columns and is not broken there; in a narrow column
    one may fill it by chance, but then the two lines are longer than a subhead (a note in brackets, which
    closes a story, may be as long as it needs). Where a PDF tool dropped the indents (`lost`, see
    columns.lost_indent), a paragraph's first line stops short of the column by the indent: filling the
    column less the indent, it is broken there too (北体大中国足球运动学院罗 / 逸涵——). An empty line between
    the two ends the first only where empty lines mark paragraphs' ends (`blank_separates`), not where one
    follows every line."""
    first = prev.lines[-1]
    short = sum(line.width for line in prev.lines) + second.width <= SUBHEAD_MAX
    first_line = lost > 0 and len(prev.lines) == 1 and abs(first.width - (colw - lost)) <= 0.5
    return (
        (short or prev.lines[0].text[0] in "（(")
        and (colw - 0.5 <= first.width <= colw or first_line)
        and not (first.blank_after and blank_separates)
        and second.width <= colw
        and not is_lead_line(second)
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
FIELD_REPEAT = 2  # lines opening with one label, at least, for it to name a field of items set out alike


def _next_point(para: Block | None, line: Line) -> bool:
    """A line opening with the mark the paragraph above opened with: the next of the story's key points
    (●基准价按…确定， … / ●此次改革为尚未进入市场的50%的燃煤发电上网)."""
    return para is not None and line.text[0] in SIDEBAR_MARKS and para.lines[0].text[0] == line.text[0]


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


def _field_labels(lines: list[Line]) -> set[str]:
    """The labels that open FIELD_REPEAT lines of the page or more: the fields of items set out alike
    (提案人：… 案由：… 建议：… over and over), not a headline's place (北京：… 山西：…)."""
    counts = Counter(m.group(1) for line in lines if (m := LIST_LABEL.match(line.text)))
    return {label for label, n in counts.items() if n >= FIELD_REPEAT}


def _record_field(lines: list[Line], i: int, fields: set[str]) -> bool:
    """A line opening with a field's label over a line opening with another's, the field maybe wrapped onto
    a line between (提案人：九三学社中央 / 案由：背街小巷…; 提案人：全国政协委员林绍 / 彬 / 案由：…): a field of
    an item, text however short, never a headline."""
    here = LIST_LABEL.match(lines[i].text)
    if here is None or here.group(1) not in fields:
        return False
    below = (LIST_LABEL.match(line.text) for line in lines[i + 1 : i + 3])
    return any(m is not None and m.group(1) != here.group(1) and m.group(1) in fields for m in below)


def _next_field(para: Block | None, line: Line, colw: float, fields: set[str]) -> bool:
    """A line opening with a field's label after a paragraph opened with another's, its last line finished
    or short (案由：…不足等。 / 建议：…): the next field of an item, a paragraph of its own."""
    if para is None or not (label := LIST_LABEL.match(line.text)) or label.group(1) not in fields:
        return False
    first = LIST_LABEL.match(para.lines[0].text)
    last = para.lines[-1]
    return (
        first is not None
        and first.group(1) != label.group(1)
        # A short field may fill the column by chance (提案人：全国政协委员林绍彬 over 案由：…).
        and (ends_sentence(last.text) or not fills(last, colw) or len(para.lines) == 1)
    )


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


def _over_subtitle(lines: list[Line], i: int) -> bool:
    """Line i, ending no sentence, stands right over a flush subtitle (——携手全球抗疫 彰显中国担当①): a title.
    Not a line broken inside a dash (“木色华光— / —中国木版年画展”)."""
    below = lines[i + 1] if i + 1 < len(lines) else None
    return (
        below is not None
        and not below.indented
        and below.text.startswith("——")
        and not lines[i].text.endswith(("—", "-"))
        and not ends_sentence(lines[i].text)
        and not ends_sentence(below.text)
    )


def _column_title(lines: list[Line], i: int, colw: float, *, kicker: bool = True) -> bool:
    """A flush line naming its column at its end (拥抱风潮，更需脚踏实地（新语）), the last of its run (what
    follows is no running text), is a story's title, however wide: a paragraph ends at a sentence's end.
    So is a flush line ending no sentence right above such a title: its kicker."""
    below = i + 1 < len(lines) and not lines[i + 1].indented and not ends_sentence(lines[i].text)
    if kicker and below and _column_title(lines, i + 1, colw, kicker=False):
        return True
    text = lines[i].text
    if not is_column_title(text):
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is None or nxt.indented or not _body_like(nxt, colw)


def _over_continuation(lines: list[Line], i: int) -> bool:
    """Whether the line after line i is `上接第一版` on a line of its own."""
    after = lines[i + 1].text if i + 1 < len(lines) else ""
    # Every such marker has 接 near its start: most lines need no match.
    return "接" in after[:4] and bl.CONTINUED_FROM.fullmatch(after.strip()) is not None


def _kicker_over_continuation(lines: list[Line], i: int) -> bool:
    """Whether line i and the next, neither indented nor ending a paragraph, stand right above `上接第一版` on a
    line of its own: a jump headline set on two lines. Not a note closing the story above (附件：… /
    …考核指标（见图）)."""
    return (
        i + 1 < len(lines)
        and _over_continuation(lines, i + 1)
        and not lines[i + 1].indented
        and not any(_may_close_story(lines[k].text) for k in (i, i + 1))
    )


def _may_close_story(text: str) -> bool:
    """A line a story may end at: a paragraph's end (columns.ends_paragraph), or a note in brackets closing it
    (附件：…考核指标（见图）)."""
    return ends_paragraph(text) or NOTE_TAG.search(text) is not None


def marker_over_subhead(lines: list[Line], colw: float) -> bool:
    """A paragraph's only line that runs its text in after `上接第1版` and, short of the column, ends no clause
    (上接第1版 聚焦供给侧，擦亮现代农业招牌): on a page read by its column, where running text fills the line or ends
    a clause there, the continuation's subhead, set on the marker's line."""
    if len(lines) != 1:
        return False
    text = lines[0].text
    marker = bl.CONTINUED_FROM.match(text)
    rest = text[marker.end() :].strip() if marker else ""
    return bool(rest) and not fills(lines[0], colw) and not CLAUSE_END.search(rest)


def _after_continued_from(
    out: list[Block], line: Line, colw: float, *, by_column: tuple[float, float, float] | None = None
) -> bool:
    """A flush line of running text right after `上接第一版` on a line of its own goes on with the story the
    marker continues (控阻击战取得重大战略成果，…: the page cut the sentence); a short bare line there is a
    subhead opening the continuation. On a page read by its column (`by_column`: the line's column, the indent
    a PDF tool dropped and the page's slack), running text fills the column, ends a clause, or is a
    paragraph's first line, short by the dropped indent: a line shorter, ending none, is a subhead whatever
    its punctuation (青年群体注重提升居住品质 over 《蓝皮书》显示，…)."""
    prev = out[-1] if out else None
    if prev is None or prev.kind != "jump" or bl.continued_from(prev.text) is None:
        return False
    if by_column is not None:
        col, lost, slack = by_column
        if not (fills(line, col) or CLAUSE_END.search(line.text) or first_line(line, col, lost, slack)):
            return False
    return line.width >= 0.8 * colw or _body_like(line, colw)


def _salutation(
    lines: list[Line],
    kinds: list[tuple[str, list[Byline]]],
    i: int,
    colw: float,
    blank_separates: bool,
    *,
    by_column: bool,
    lost: float = 0.0,
) -> bool:
    """A flush line ending with a colon over a paragraph opens a letter or a speech (亲爱的笑笑、果果： /
    郑州圆方集团全体职工：): text, where a kicker's colon would stand over its title. The paragraph below is
    indented, or, on a page that does not indent, fills the column and goes on."""
    text = lines[i].text
    if text[-1] not in "：:" or lines[i].width > colw or i + 1 >= len(lines):
        return False
    if lines[i + 1].indented:
        return True
    # The paragraph's first line may run short by the indent a PDF tool dropped (`lost_indent`).
    below = lines[i + 1].width
    return (
        by_column
        and colw - FULL_SLACK - lost <= below <= colw + WIDER
        and goes_on_below(lines, kinds, i + 1, colw, blank_separates, lost=lost)
    )


def _before_wide(lines: list[Line], i: int, colw: float) -> bool:
    """The line after line i is flush and wider than the column: a headline, so line i is one too (a kicker
    with a comma: `国土绿化提速，去年——` over a title that spans columns)."""
    return i + 1 < len(lines) and not lines[i + 1].indented and lines[i + 1].width > colw + WIDER


def _kicker_over_title(lines: list[Line], i: int, colw: float) -> bool:
    """Line i ends with a colon and the line after it is flush and reads as no running text: a kicker over
    its title (香港中联办发言人： / 坚决拥护全国人大决定), not a sentence opening a quotation below."""
    if lines[i].text[-1] not in "：:" or i + 1 >= len(lines):
        return False
    below = lines[i + 1]
    return not below.indented and not _body_like(below, colw)


def _bracketed(para: Block) -> bool:
    """A paragraph that is one note in brackets, closed: `（作者为伦敦金融城政` / `策与资源委员会主席）`."""
    first, last = para.lines[0].text, para.lines[-1].text
    return first[0] in "（(" and last[-1] in "）)" and _brackets_closed(para)


def _closes_note(para: Block) -> bool:
    """A paragraph ending with a note in brackets that closes every bracket it opened (`…保护名录（见附表）`,
    `…（完）`): its end, as a sentence's end would be. Not a lead's byline: the text goes on after it. Nor an
    attachment's name before its note: a bracket inside it closes nothing (附件：省（自治区、直辖市） /
    污染防治攻坚战成效考核指标（见 / 图）)."""
    if para.lines[-1].text[-1] not in "）)" or is_lead_line(para.lines[0]) or not _brackets_closed(para):
        return False
    if not ATTACHMENT.match(para.lines[0].text):
        return True
    return NOTE_TAG.search(join_text([line.text for line in para.lines])) is not None


def _brackets_closed(para: Block) -> bool:
    """Every bracket the paragraph opens, it closes."""
    text = join_text([line.text for line in para.lines])
    return text.count("（") + text.count("(") == text.count("）") + text.count(")")


def _bare_dateline(para: Block) -> bool:
    """A paragraph that so far is a dateline and nothing else: `新华社北京5月7日电`."""
    if len(para.lines) != 1:
        return False
    text = para.lines[0].text
    match = bl.dateline_match(text)
    return match is not None and not text[match.end() :].strip()


def _blank_after_most_ends(lines: list[Line]) -> bool:
    """Whether an empty line follows most lines ending a sentence, as where empty lines set paragraphs apart;
    not a few stray ones (a page break), which may fall after a sentence inside a paragraph as well."""
    ends = [line for line in lines[:-1] if ends_sentence(line.text)]
    return 2 * sum(1 for line in ends if line.blank_after) > len(ends)


def _runs_across(para: Block, line: Line, closed: bool, colw: float) -> bool:
    """A sentence of running text going on across an empty line from a line filling the column to a line of
    running text: a column or a page broken there, not the paragraph's end."""
    if closed:
        return False
    # The paragraph's last lines tell: a note in brackets runs a few lines, no more.
    text = join_text([x.text for x in para.lines[-RUN_ACROSS_LINES:]])
    if unclosed(text):
        return True  # （本报…电 记者…郑美辰 / 参与采写）: a bracket goes on to its close
    if para.lines[-1].width < RUN_ACROSS * colw or not _body_like(line, colw):
        return False
    return bool(BODY_PUNCT.search(text))


def _full_width(para: Block, colw: float, lost: float) -> float:
    """How wide the paragraph's last line runs when full: the column, less the indent a PDF tool dropped
    (`lost`) when that line is the paragraph's first."""
    return colw - (lost if len(para.lines) == 1 else 0.0)


def _ended_short(para: Block, colw: float, *, closed: bool, by_column: bool, lost: float = 0.0) -> bool:
    """A paragraph's last line stops well short of the column: the paragraph ends there.

    Justified PDF lines of one column vary by a few characters (17–20), so only a line clearly short
    counts; one that ends a sentence, a little less clearly. On a page read by its column (no indents to
    tell), a line ending a sentence a character short of the column: inside a paragraph, the line ending a
    sentence is full; where a PDF tool dropped the indents (`lost`), a paragraph's first line is full short
    of the column by the indent (`文章指出，要全面打好脱贫攻坚战。` over `要按照党中央…`). Only the lead of a story may
    end short and go on (`本报南京1月23日电 记者丁国锋` / `江苏省委…`).
    """
    last = para.lines[-1]
    if closed and by_column:
        short = last.width <= _full_width(para, colw, lost) - FULL_SLACK
    else:
        short = last.width <= colw * (SHORT_AFTER_SENTENCE if closed else SHORT_LINE)
    if not short:
        return False
    # A lead set on a line of its own may itself wrap: `本报北京2月11日电 （记者` / `赵贝佳）`; not a paragraph
    # opening with its run-in jump marker (`上接第2版 全年实现…` / `…脱贫攻坚步伐坚定有力；`).
    return not (len(para.lines) <= 2 and bl.dateline_match(para.lines[0].text))


def _ends_with_credit(lines: list[Line]) -> bool:
    """A caption ends at its credit, `…的变化。李明摄`, though no sentence ends there."""
    tail = join_text([line.text for line in lines[-2:]])
    credit = bl.parse_photo_credit(tail)
    if credit is None:
        return False
    before = tail[: credit[1]].rstrip()
    return before == "" or ends_sentence(before)


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
        full = 0.8 * colw <= lines[k].width <= colw + 1 and nxt.width <= colw + 1
        if nxt.indented or is_lead_line(nxt) or not full:
            return False
        if _body_like(nxt, colw) and not _quoted(nxt.text):  # “要脱贫，就得鼓起精气神”: a title quoting
            return True
    return False
