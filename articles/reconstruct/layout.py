"""Lines -> blocks: lines broken at the column's width rejoined into paragraphs, the other lines kept loose
(headlines, bylines, credits, jump markers, labels, furniture). cut.py cuts the blocks into stories."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from . import bylines as bl
from .headlines import KICKER_CUE, subtitle_cue
from .loose import CREDIT_TAIL, SIGNED_DATE, loose_kind
from .text import BODY_PUNCT, CLAUSE_END, Line, ends_sentence, join_text
from .values import Byline

LEAD_FIRST = frozenset("据本新中人央光法（(【上接紧承 ")  # how a dateline or a jump marker can begin
# Who supplied a photo, in brackets after its credit: （影像中国） / （人民视觉）
CREDIT_SOURCE = re.compile(r"^[（(][\u4e00-\u9fff]{2,6}[）)]$")
CREDIT_MAX = 40  # characters: a credit names a few people and perhaps the agency, no more
SUBHEAD_MAX = 16.0  # a subhead line is short; longer loose lines inside a story are headlines of another
CLOSING_PUNCT = frozenset("，。、；：！？”’）》」』…,.;:!?)")  # what never begins a line of its own
RUN_ACROSS_LINES = 4  # a paragraph's last lines read for an open bracket or running text over an empty line
RUN_ACROSS = 0.8  # a line this full, mid-sentence, goes on across an empty line under it
WIDER = 1.5  # cells a line may exceed the column by and still be one of its lines
# 摄 of a credit wrapped onto a line of its own: 摄 / 摄（影像中国）
CREDIT_END = re.compile(r"^摄(?:影)?(?:[（(][^（）()]{2,8}[）)])?$")
# A figure set large on a line of its own (51万 / 88.3% / 1.2亿元): the story's text, never a headline
FIGURE = re.compile(r"^\d+(?:\.\d+)?(?:[%％‰]|[万亿]?[\u4e00-\u9fff]?)$")
# A box that opens a story's text: 核心阅读 / 编者的话 / 开栏的话, a paragraph of the story, not a headline.
# A title and its column's tag, no sentence in it: 拥抱风潮，更需脚踏实地（新语）
COLUMN_TITLE = re.compile(r"^[^。！？（(]{2,}[（(][^（）()。！？]{2,20}[）)]$")
BOX_OPENER = re.compile(r"(?:核心阅读|编者的话|编者按|开栏的话)")
INDENTED_PAGE = 3  # this many indented lines: the page marks its paragraphs by indenting them
RUN_ON_LINES = 3  # flush full lines without punctuation looked through for running text
# A paragraph line narrower than this share of the column ends its paragraph (after a sentence's end, the
# wider share): the lines of one justified column vary by a few characters.
SHORT_LINE = 0.6
SHORT_AFTER_SENTENCE = 0.75
# On a page without indents, a line fills the column when it is at most this many cells short of it: a
# line may give its last character to the next when that one opens with what no line opens with (。 / ”).
# A line ending a sentence does not give one: a character short, it is the paragraph's last.
FULL_SLACK = 1.0
# A line's column is measured over the running text this many lines either side of it, from this many lines
# at least (else the page's): stories on one page may be set in columns of different widths.
LOCAL_LINES = 8
LOCAL_MIN = 4
INDENT_CELLS = 2.0  # an indent: two full-width blanks (or four ASCII ones)

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


def _is_lead_line(line: Line) -> bool:
    text = line.text
    return bool(bl.dateline_match(text) or (text[0] in LEAD_FIRST and bl.CONTINUED_FROM.match(text)))


def _indent_cells(line: Line) -> int:
    """How wide the blanks before a line are, in half-width cells (a full-width space is two)."""
    lead = line.raw[: len(line.raw) - len(line.raw.lstrip(" \u3000"))]
    return len(lead) + lead.count("\u3000")


def _uncentred(lines: list[Line], colw: float) -> list[Line]:
    """Indented lines that are headlines or subheads a PDF tool centred with leading blanks, made flush: those
    set in further or less far than the page indents its paragraphs, reading as no running text and no lead,
    and those beside them set in as far as a paragraph but reading the same (a kicker over a centred title)."""
    indents = Counter(_indent_cells(line) for line in lines if line.indented)
    if not indents:
        return lines
    usual = indents.most_common(1)[0][0]
    titles = [
        line.indented
        and not _body_like(line, colw)
        and not _is_lead_line(line)
        # a line well short of the column ends whatever it is; a fuller one must not run on into the next
        and (line.width + _indent_cells(line) / 2 < RUN_ACROSS * colw or not _runs_into_next(lines, i, colw))
        for i, line in enumerate(lines)
    ]
    out = list(lines)
    i = 0
    while i < len(lines):  # each run of such lines, made flush when one of them is set off
        j = i
        while j < len(lines) and titles[j]:
            j += 1
        if any(_indent_cells(lines[k]) != usual for k in range(i, j)):
            out[i:j] = [line._replace(indented=False) for line in lines[i:j]]
        i = max(j, i + 1)
    return out


def _runs_into_next(lines: list[Line], i: int, colw: float) -> bool:
    """Whether the flush line after line i goes on as its paragraph's next line: running text, or a line
    filling the column (移民管理警察在三埠港口岸开展登船赠春联 under 1月22日，珠海边检总站开平边检站)."""
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is None or nxt.indented or subtitle_cue(nxt.text):  # ——写在…之际: a subtitle, not running text
        return False
    return _body_like(nxt, colw) or nxt.width >= RUN_ACROSS * colw


def _body_like(line: Line, colw: float) -> bool:
    """Does an unindented line read as running text rather than a headline?"""
    text = line.text
    if text[-1] in "，、；：,;:" or ends_sentence(text):
        return True
    if text[-1] in "版）)】" and bl.ends_with_jump(text):
        return True  # …的决心和诚意无可置疑。 下转第二版: a story's last words, never a headline
    # Two marks, or one on a full-width line: stop searching as soon as that is settled.
    first = BODY_PUNCT.search(text)
    if first is None:
        return False
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
    # Without indents, a paragraph is read by the column its lines fill (see `_opens_paragraph`); a few lines
    # of a damaged page do not show one, and there a line with running text's punctuation is taken for text.
    by_column = not indenting and sum(1 for line in lines if _fills(line, colw)) >= INDENTED_PAGE
    cols = _local_columns(lines, colw) if by_column else []
    lost, slack = _lost_indent(lines, cols) if by_column else (0.0, FULL_SLACK)
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
        # An item of a list starts a paragraph of its own as a lead does.
        lead = _is_lead_line(line) or i in items
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
            and not lead  # 本报北京10月28日电 （记者寇江泽） reads as a title and its column's tag
            and (_over_continuation(lines, i) or _column_title(lines, i, colw))
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
            if not _ended_short(para, cols[i] if by_column else colw, closed=closed, by_column=by_column):
                gap = blank_separates and last.blank_after and not _runs_across(para, line, closed, colw)
                closed = closed or gap
                # A line wider than the column spans columns: a headline, not this paragraph's text.
                body = (
                    _body_like(line, colw)
                    and not (gap and indenting)
                    and line.width <= colw + WIDER
                    and not (closed and indenting and _before_wide(lines, i, colw))
                    # On a page read by its column, a line of the paragraph's text reads as one.
                    and (
                        not by_column
                        or _opens_paragraph(
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
                first = closed and by_column and _first_line(line, cols[i], lost, slack)
                if (
                    not jump_headline
                    and not first
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
            or _after_continued_from(out, line, colw)
            or (
                _opens_paragraph(
                    lines,
                    kinds,
                    i,
                    cols[i],
                    blank_separates,
                    after_headline=after_headline,
                    lost=lost,
                    slack=slack,
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


# Pages without indents. A PDF tool that drops leading blanks leaves a page whose paragraphs all start flush,
# like its headlines; blocks() then reads a flush line by the column (`by_column`, once three lines or more
# fill it), in four rules. The column is measured around each line (`_local_columns`: a page may set its
# stories in columns of different widths), and a paragraph's first line may run short of it by the indent
# the tool dropped (`_lost_indent`, measured on the page: none where the page was set flush), give or take the
# page's slack (`_short_by_indent`: none where the tool breaks lines at the column exactly; there, right under
# a headline, a bare line wider than a first line is a headline's).
# 1. A paragraph's lines fill the column (`_fills`), but its last, which ends a sentence: a line ending a
#    sentence a character short of the column ends its paragraph (`_ended_short`).
# 2. So a flush line opens a paragraph when it stands in the column and either ends a sentence itself (a
#    paragraph of one line) or fills the column and the text goes on below it (`_opens_paragraph`,
#    `_goes_on_below`); a line broken right at the column's width goes on whatever comes below, and so does
#    a first line with a comma broken right at the column less the dropped indent (`_broken_short`).
# 3. Any other flush line is a headline's: shorter and ending no sentence (comma or not), or wider than the
#    column; so is a sentence standing between headline lines (`_headline_like`).
# 4. After a paragraph whose sentence ended right at the column's end, a line goes on with it only when it
#    reads as a paragraph's line by rule 2 and not as the next one's first (`_first_line`); a line ending with
#    a colon opens a letter only over such a line (`_salutation`).
# Where a sentence ends right at the column's end and no indent was lost, nothing tells whether the paragraph
# ends there: a line with running text's punctuation goes on with it, as on any page.


def _local_columns(lines: list[Line], colw: float) -> list[float]:
    """The column's width around each line, measured as text.column_width measures the page's, over the lines
    of running text within LOCAL_LINES of it: a page may set its stories in columns of different widths (18
    and 20 characters). Only lines nearly as wide as the page's column count, and it is never wider than that:
    headline lines with commas nearby, shorter or wider, would move it."""
    least = SHORT_AFTER_SENTENCE * colw  # shorter lines with a comma are headlines' or last lines
    widths = [line.width if line.width >= least and BODY_PUNCT.search(line.text) else None for line in lines]
    out = []
    for i in range(len(lines)):
        near = sorted(w for w in widths[max(0, i - LOCAL_LINES) : i + LOCAL_LINES + 1] if w is not None)
        out.append(
            min(colw, near[min(len(near) - 1, int(len(near) * 0.75))]) if len(near) >= LOCAL_MIN else colw
        )
    return out


def _opens_paragraph(
    lines: list[Line],
    kinds: list[tuple[str, list[Byline]]],
    i: int,
    colw: float,
    blank_separates: bool,
    *,
    after_headline: bool,
    lost: float,
    slack: float = FULL_SLACK,
) -> bool:
    """On a page read by its column, whether a flush line after a finished paragraph or a loose line opens a
    paragraph (rule 2 above); a shorter line ending no sentence is a headline's (柳州市，累计投入超200亿元 /
    发言人：)."""
    line = lines[i]
    if line.width > colw + WIDER:
        return False  # wider than the column: a headline spanning columns
    if CLAUSE_END.search(line.text):
        # A sentence standing between headline lines is one of them: “看，无人机！” in a block of headlines.
        return not (
            after_headline and i + 1 < len(lines) and _headline_like(lines[i + 1], kinds[i + 1], colw)
        )
    # The first line runs short of the column by the indent a PDF tool dropped (`_short_by_indent`). Right under
    # a headline, one as short with a comma may be a subtitle set that wide by chance: it goes on only as rule 2
    # says, not for being broken there (`_broken_short`).
    fills = _fills(line, colw) or _short_by_indent(line, colw, lost, slack)
    # Under a headline a paragraph begins, its first line short by the indent: where first lines run right to
    # it (the page's slack under a cell), a bare line wider is a headline's (“关键的一次输血就是续命 / ”).
    wider = line.width > colw - lost + 0.25 and not BODY_PUNCT.search(line.text)
    if after_headline and lost > 0 and slack < FULL_SLACK and wider:
        return False
    broken_at = 0.0 if after_headline else lost
    return fills and _goes_on_below(lines, kinds, i, colw, blank_separates, lost=broken_at)


def _short_by_indent(line: Line, colw: float, lost: float, slack: float) -> bool:
    """A line as wide as a paragraph's first line where a PDF tool dropped the indent (`_lost_indent`): the
    column less the indent, less the page's slack at most, or up to FULL_SLACK shorter with running text's
    punctuation. Where first lines run right to the indent, a bare line a cell shorter is a headline's
    (习近平同匈牙利总理欧尔班通电话 in a block of headlines over a wider one)."""
    if lost <= 0 or line.width > colw:
        return False
    if line.width >= colw - lost - slack:
        return True
    return line.width >= colw - lost - FULL_SLACK and BODY_PUNCT.search(line.text) is not None


def _first_line(line: Line, colw: float, lost: float, slack: float) -> bool:
    """After a paragraph whose sentence ended right at the column's end (rule 4), a line that can only be the
    next paragraph's first: as short as one where a PDF tool dropped the indent (`_short_by_indent`), neither
    filling the column nor ending a sentence, as the paragraph's own last line would. Not a line with ASCII
    characters: a tool breaking lines by characters leaves it short of the column by half a cell for each."""
    return (
        not _fills(line, colw)
        and not CLAUSE_END.search(line.text)
        and not any(c.isascii() for c in line.text)
        and _short_by_indent(line, colw, lost, slack)
    )


def _lost_indent(lines: list[Line], cols: list[float]) -> tuple[float, float]:
    """How far short of its column a paragraph's first line runs on this page: by the indent (two cells) where
    a PDF tool dropped the indent's blanks, not at all on a page set flush. Measured as the median over the
    lines of running text right after a paragraph's short last line; with it the slack, how much shorter
    still a quarter of them run (none where a tool breaks lines at the column exactly: half a cell for an
    ASCII character; a cell at most, on a justified page whose lines vary)."""
    gaps = sorted(
        cols[k + 1] - lines[k + 1].width
        for k in range(len(lines) - 1)
        if ends_sentence(lines[k].text)
        and lines[k].width <= SHORT_AFTER_SENTENCE * cols[k]
        and BODY_PUNCT.search(lines[k + 1].text)
        and not CLAUSE_END.search(lines[k + 1].text)
        and lines[k + 1].width <= cols[k + 1] + WIDER
    )
    if len(gaps) < INDENTED_PAGE:
        return 0.0, FULL_SLACK
    median = gaps[len(gaps) // 2]
    slack = min(max(gaps[len(gaps) * 3 // 4] - median, 0.5), FULL_SLACK)
    return min(max(median, 0.0), INDENT_CELLS), slack


def _headline_like(line: Line, kind: tuple[str, list[Byline]], colw: float) -> bool:
    """A flush line that can be no paragraph's: loose, and neither filling the column nor ending a sentence."""
    return (
        kind[0] == "headline"
        and not line.indented
        and not _is_lead_line(line)
        and not _fills(line, colw)
        and not CLAUSE_END.search(line.text)
    )


def _fills(line: Line, colw: float) -> bool:
    """A line as wide as the column (FULL_SLACK short of it at most): a paragraph's line, not its last."""
    return colw - FULL_SLACK <= line.width <= colw + WIDER


def _goes_on_below(
    lines: list[Line],
    kinds: list[tuple[str, list[Byline]]],
    i: int,
    colw: float,
    blank_separates: bool,
    *,
    lost: float = 0.0,
) -> bool:
    """The line below line i is the next line of the same paragraph: flush, right below it, and a paragraph's
    line itself (it fills the column, or ends the paragraph where a sentence or clause ends)."""
    if i + 1 >= len(lines) or kinds[i + 1][0] != "headline" or (blank_separates and lines[i].blank_after):
        return False
    nxt = lines[i + 1]
    if nxt.indented or _is_lead_line(nxt) or nxt.width > colw + WIDER:
        return False
    # A line broken right at the column's width goes on below, whatever the next line is (…居民、农业用户电价
    # 水平 / 不变, 跨江联动 全力构建区域交 / 通体系新格局): a headline is set to its own width, not the column's.
    # So does a first line broken right at the column less the indent a PDF tool dropped (`_broken_short`).
    broken = colw - 0.5 <= lines[i].width <= colw or (
        _broken_short(lines[i], colw, lost) and _last_line(lines, kinds, i + 1, colw, blank_separates, lost)
    )
    # The line below filling the column goes on in turn, unless an empty line ends the paragraph there:
    # then it is the paragraph's last line, and that ends a sentence.
    last = i + 2 >= len(lines) or (blank_separates and nxt.blank_after)
    return broken or (_fills(nxt, colw) and not last) or _ends_paragraph(nxt.text)


def _broken_short(line: Line, colw: float, lost: float) -> bool:
    """A paragraph's first line broken right at the column less the indent a PDF tool dropped (`lost`), in
    running text (a comma inside, no kicker's dash or colon at its end: 一座城市与湿地的约定，守护着 / 候鸟迁徙的
    家园) or in a note it opened a bracket for (（作者为伦敦金融城政策与资源委员 / 会主席）). Its text goes on
    below, however short the next line and whatever it ends with."""
    if lost <= 0 or not colw - lost - 0.5 <= line.width <= colw - lost:
        return False
    text = line.text
    if text[0] in "（(" and not any(c in text for c in "）)"):
        return True
    return BODY_PUNCT.search(text[:-1]) is not None and not KICKER_CUE.search(text)


def _last_line(
    lines: list[Line],
    kinds: list[tuple[str, list[Byline]]],
    k: int,
    colw: float,
    blank_separates: bool,
    lost: float,
) -> bool:
    """Line k ends its paragraph by what follows it: the page's end, an empty line where empty lines part
    paragraphs, or a line that is no headline's: a paragraph's first or full line, one ending a sentence, a
    lead, a figure (99.1%), furniture."""
    if k + 1 >= len(lines) or (blank_separates and lines[k].blank_after):
        return True
    nxt = lines[k + 1]
    return (
        kinds[k + 1][0] != "headline"
        or _is_lead_line(nxt)
        or nxt.width >= colw - FULL_SLACK - lost
        or FIGURE.match(nxt.text) is not None
        or CLAUSE_END.search(nxt.text) is not None
    )


def _ends_paragraph(text: str) -> bool:
    """A line a paragraph may end at: a sentence's or a clause's end, a colon before a quotation, a sentence
    signed in brackets (担当作为。（张 伟）), or what a wrapped line can never begin with (`。` alone)."""
    if CLAUSE_END.search(text) or text[-1] in "：:" or text[0] in CLOSING_PUNCT:
        return True
    signed = bl.parse_closing_byline(text) if text[-1] in "）)" else None
    return signed is not None and ends_sentence(text[: signed[1]])


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


def _column_title(lines: list[Line], i: int, colw: float, *, kicker: bool = True) -> bool:
    """A flush line naming its column at its end (拥抱风潮，更需脚踏实地（新语）), the last of its run (what
    follows is no running text), is a story's title, however wide: a paragraph ends at a sentence's end.
    So is a flush line ending no sentence right above such a title: its kicker."""
    below = i + 1 < len(lines) and not lines[i + 1].indented and not ends_sentence(lines[i].text)
    if kicker and below and _column_title(lines, i + 1, colw, kicker=False):
        return True
    if not COLUMN_TITLE.match(lines[i].text) or bl.ends_with_jump(lines[i].text):
        return False  # …建立健全各类学校（下转第2版）: a story's words and its jump marker
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is None or nxt.indented or not _body_like(nxt, colw)


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
    # The paragraph's first line may run short by the indent a PDF tool dropped (`_lost_indent`).
    below = lines[i + 1].width
    return (
        by_column
        and colw - FULL_SLACK - lost <= below <= colw + WIDER
        and _goes_on_below(lines, kinds, i + 1, colw, blank_separates, lost=lost)
    )


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
    match = bl.dateline_match(text)
    return match is not None and not text[match.end() :].strip()


def _runs_across(para: Block, line: Line, closed: bool, colw: float) -> bool:
    """A sentence of running text going on across an empty line from a line filling the column to a line of
    running text: a column or a page broken there, not the paragraph's end."""
    if closed:
        return False
    # The paragraph's last lines tell: a note in brackets runs a few lines, no more.
    text = join_text([x.text for x in para.lines[-RUN_ACROSS_LINES:]])
    if text.count("（") > text.count("）"):
        return True  # （本报…电 记者…郑美辰 / 参与采写）: a bracket goes on to its close
    if para.lines[-1].width < RUN_ACROSS * colw or not _body_like(line, colw):
        return False
    return bool(BODY_PUNCT.search(text))


def _ended_short(para: Block, colw: float, *, closed: bool, by_column: bool) -> bool:
    """A paragraph's last line stops well short of the column: the paragraph ends there.

    Justified PDF lines of one column vary by a few characters (17–20), so only a line clearly short
    counts; one that ends a sentence, a little less clearly. On a page read by its column (no indents to
    tell), a line ending a sentence a character short of the column: inside a paragraph, the line ending a
    sentence is full. Only the lead of a story may end short and go on (`本报南京1月23日电 记者丁国锋` /
    `江苏省委…`).
    """
    last = para.lines[-1]
    if closed and by_column:
        short = last.width <= colw - FULL_SLACK
    else:
        short = last.width <= colw * (SHORT_AFTER_SENTENCE if closed else SHORT_LINE)
    if not short:
        return False
    # A lead set on a line of its own may itself wrap: `本报北京2月11日电 （记者` / `赵贝佳）`.
    return not (len(para.lines) <= 2 and _is_lead_line(para.lines[0]))


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
        fills = 0.8 * colw <= lines[k].width <= colw + 1 and nxt.width <= colw + 1
        if nxt.indented or _is_lead_line(nxt) or not fills:
            return False
        if _body_like(nxt, colw):
            return True
    return False
