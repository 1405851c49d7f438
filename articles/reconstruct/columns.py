"""Reading a page that does not indent its paragraphs by the column their lines fill.

A PDF tool that drops leading blanks leaves a page whose paragraphs all start flush, like its headlines;
layout.blocks() then reads a flush line by the column (`by_column`, once three lines or more
fill it), in four rules. The column is measured around each line (`local_columns`: a page may set its
stories in columns of different widths), and a paragraph's first line may run short of it by the indent
the tool dropped (`lost_indent`, measured on the page: none where the page was set flush), give or take the
page's slack (`_short_by_indent`: none where the tool breaks lines at the column exactly; there, right under
a headline, a bare line wider than a first line is a headline's).
1. A paragraph's lines fill the column (`fills`), but its last, which ends a sentence: a line ending a
   sentence a character short of the column ends its paragraph (`layout._ended_short`).
2. So a flush line opens a paragraph when it stands in the column and either ends a sentence itself (a
   paragraph of one line) or fills the column and the text goes on below it (`opens_paragraph`,
   `goes_on_below`); a line broken right at the column's width goes on whatever comes below, and so does
   a first line with a comma broken right at the column less the dropped indent (`_broken_short`).
3. Any other flush line is a headline's: shorter and ending no sentence (comma or not), or wider than the
   column; so is a sentence standing between headline lines (`_headline_like`).
4. After a paragraph whose sentence ended right at the column's end, a line goes on with it only when it
   reads as a paragraph's line by rule 2 and not as the next one's first (`first_line`); a line ending with
   a colon opens a letter only over such a line (`layout._salutation`).
Where a sentence ends right at the column's end and no indent was lost, nothing tells whether the paragraph
ends there: a line with running text's punctuation goes on with it, as on any page.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from . import bylines as bl
from .headlines import KICKER_CUE, subtitle_cue
from .loose import FIGURE, SIDEBAR_MARKS, is_lead_line
from .text import BODY_PUNCT, CJK_CHAR, CLAUSE_END, CLOSING_PUNCT, Line, ends_sentence
from .values import Byline

WIDER = 1.5  # cells a line may exceed the column by and still be one of its lines
# Marks a compositor may set half a cell wide to fit one more character on a line (see _past_the_column).
SQUEEZABLE = frozenset("，。、；：！？“”‘’（）《》")
HALF_CELL = 0.5
INDENTED_PAGE = 3  # this many indented lines: the page marks its paragraphs by indenting them
# First lines short of the column by one width that measure a dropped indent on a short page (lost_indent).
AGREEING_FIRSTS = 2
# A paragraph line narrower than this share of the column ends its paragraph (after a sentence's end, the
# wider share): the lines of one justified column vary by a few characters.
SHORT_LINE = 0.6
SHORT_AFTER_SENTENCE = 0.75
# On a page without indents, a line fills the column when it is at most this many cells short of it: a
# line may give its last character to the next when that one opens with what no line opens with (。 / ”).
# A line ending a sentence does not give one: a character short, it is the paragraph's last.
FULL_SLACK = 1.0
# A title and its column's tag, no sentence in it: 拥抱风潮，更需脚踏实地（新语）
COLUMN_TITLE = re.compile(r"^[^。（(]{2,}[（(][^（）()。！？]{2,20}[）)]$")
# A note in brackets closing a sentence, not a column's tag: （见图） / （见附表） / （详见第五版） / （完）.
NOTE_TAG = re.compile(r"[（(](?:见|详见|完)[^（）()]*[）)]$")
# An attachment's label opens the note closing an official text (附件：省（自治区、直辖市）…考核指标（见图）):
# no headline opens so.
ATTACHMENT = re.compile(r"^附件\s*[0-9一二三四五六七八九十]*\s*[：:]")
# A line's column is measured over the running text this many lines either side of it, from this many lines
# at least (else the page's): stories on one page may be set in columns of different widths.
LOCAL_LINES = 8
LOCAL_MIN = 4
INDENT_CELLS = 2.0  # an indent: two full-width blanks (or four ASCII ones)


def local_columns(lines: list[Line], colw: float) -> list[float]:
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


def opens_paragraph(
    lines: list[Line],
    kinds: list[tuple[str, list[Byline]]],
    i: int,
    colw: float,
    blank_separates: bool,
    *,
    after_headline: bool,
    lost: float,
    slack: float = FULL_SLACK,
    after_end: bool = False,
) -> bool:
    """On a page read by its column, whether a flush line after a finished paragraph (`after_end`) or a loose
    line opens a paragraph (rule 2 above); a shorter line ending no sentence is a headline's (柳州市，累计投入
    超200亿元 / 发言人：)."""
    line = lines[i]
    if line.width > colw + WIDER or _past_the_column(line, colw):
        return False  # wider than the column: a headline spanning columns
    if bl.ends_with_jump(line.text):
        return True  # 褚变红从小没怎么（下转第3版）: a story's last words before its jump, however short
    if after_headline and subtitle_cue(line.text) and not ends_sentence(line.text):
        return False  # ——瞩目新时代的中国与世界⑤ under its title: the subtitle, not a paragraph's first line
    if CLAUSE_END.search(line.text):
        # A sentence standing between headline lines is one of them: “看，无人机！” in a block of headlines.
        return not (
            after_headline and i + 1 < len(lines) and _headline_like(lines[i + 1], kinds[i + 1], colw)
        )
    # The first line runs short of the column by the indent a PDF tool dropped (`_short_by_indent`). Right under
    # a headline, one as short with a comma may be a subtitle set that wide by chance: it goes on only as rule 2
    # says, not for being broken there (`_broken_short`).
    full = fills(line, colw) or _short_by_indent(line, colw, lost, slack)
    if full and line.text[0] in SIDEBAR_MARKS:
        return True  # ●基准价按当地现行燃煤发电标杆上网电价确定，: a key point of the story going on below
    # Under a headline or after a paragraph's end a paragraph begins, its first line short by the indent:
    # where first lines run right to it (the page's slack under a cell), a bare line wider is a headline's
    # (“关键的一次输血就是续命 / ”; 以高水平法治保障首都高质量发展 in a block of headlines after the text), and so
    # is a title closed by its column's tag, whatever punctuation it has, over a paragraph's first line
    # (吴哥行，拥抱变永恒（旅人心语） / 相遇有缘分，…; not 附件：省（自治区、直辖市） / 污染防治攻坚战成效考核指标（).
    titled = (
        is_column_title(line.text)
        and i + 1 < len(lines)
        and _short_by_indent(lines[i + 1], colw, lost, slack)
    )
    wider = line.width > colw - lost + 0.25 and (not BODY_PUNCT.search(line.text) or titled)
    if (after_headline or after_end) and lost > 0 and slack < FULL_SLACK and wider:
        return False
    broken_at = 0.0 if after_headline else lost
    return full and goes_on_below(lines, kinds, i, colw, blank_separates, lost=broken_at)


def _past_the_column(line: Line, colw: float) -> bool:
    """A line ending with a character that runs past the column by more than a line of it can: half a cell
    for each mark a compositor may set half wide, and half a cell more (…就业形势总体平稳, a cell past a column
    of 22 with one comma, over a title and the text; not 当、攻坚克难，自觉强政治铸忠诚，深入学, a cell past 18
    with three marks)."""
    marks = sum(1 for c in line.text if c in SQUEEZABLE)
    return bool(CJK_CHAR.match(line.text[-1])) and line.width >= colw + HALF_CELL * (marks + 1)


def is_column_title(text: str) -> bool:
    """A line naming its column at its end (拥抱风潮，更需脚踏实地（新语）): not a story's words and its jump
    marker (…建立健全各类学校（下转第2版）) nor a note closing a sentence (…考核指标（见图）) or opening an
    attachment (附件：省（自治区、直辖市）)."""
    return (
        COLUMN_TITLE.match(text) is not None
        and not bl.ends_with_jump(text)
        and not NOTE_TAG.search(text)
        and not ATTACHMENT.match(text)
    )


def _short_by_indent(line: Line, colw: float, lost: float, slack: float) -> bool:
    """A line as wide as a paragraph's first line where a PDF tool dropped the indent (`lost_indent`): the
    column less the indent, less the page's slack at most, or up to FULL_SLACK shorter with running text's
    punctuation. Where first lines run right to the indent, a bare line a cell shorter is a headline's
    (习近平同匈牙利总理欧尔班通电话 in a block of headlines over a wider one)."""
    if lost <= 0 or line.width > colw:
        return False
    if line.width >= colw - lost - slack:
        return True
    return line.width >= colw - lost - FULL_SLACK and BODY_PUNCT.search(line.text) is not None


def first_line_short(lines: Sequence[Line]) -> float | None:
    """How much shorter than a paragraph's full lines (those between its first and its last; a letter-spaced
    line may run wider than the column, so the middle of their widths) its first line runs; None for a
    paragraph of fewer than three lines, which has no full line to tell."""
    if len(lines) < 3:
        return None
    return statistics.median(line.width for line in lines[1:-1]) - lines[0].width


def short_by_indent(short: float, *, one_cell: bool = False) -> bool:
    """Whether a paragraph's first line `short` cells shorter than its full lines was indented before a PDF
    tool dropped the blanks: by two cells, half a cell either way; or by one (two ASCII blanks) on a story
    whose paragraphs show one-cell indents (`one_cell`), only just, as a full line may run half a cell short
    where a Latin letter or digit left no room for the next character."""
    return abs(short - INDENT_CELLS) <= 0.5 or (one_cell and abs(short - 1.0) <= 0.25)


def first_line(line: Line, colw: float, lost: float, slack: float, *, next_fills: bool = False) -> bool:
    """After a paragraph whose sentence ended right at the column's end (rule 4), a line that can only be the
    next paragraph's first: as short as one where a PDF tool dropped the indent (`_short_by_indent`), neither
    filling the column nor ending a sentence, as the paragraph's own last line would; or ending a clause (；)
    over a line filling the column (`next_fills`), where a paragraph's last line would have the next one's
    first below it, short by the indent (“读书，起家之本；循理，保家之本； / 和顺，齐家之本；…). Not a line with ASCII
    characters: a tool breaking lines by characters leaves it short of the column by half a cell for each."""
    return (
        not fills(line, colw)
        and not (CLAUSE_END.search(line.text) and not (next_fills and line.text.endswith(("；", ";"))))
        and not any(c.isascii() for c in line.text)
        and _short_by_indent(line, colw, lost, slack)
    )


def lost_indent(lines: list[Line], cols: list[float]) -> tuple[float, float]:
    """How far short of its column a paragraph's first line runs on this page: by the indent (two cells) where
    a PDF tool dropped the indent's blanks, not at all on a page set flush. Measured as the median over the
    lines of running text right after a paragraph's last line, one ending a sentence two cells short of the
    column or more (inside a paragraph, a line fills the column); with it the slack, how much shorter
    still a quarter of them run (none where a tool breaks lines at the column exactly: half a cell for an
    ASCII character; a cell at most, on a justified page whose lines vary). Running text is read by its
    punctuation; on a page of short paragraphs, where too few first lines carry a comma to tell, by the
    line below filling the column (保护区的工作人员在湿地边上搭 / 起了观鸟台，…). A short page may show only two
    first lines: short by one width, they measure it (AGREEING_FIRSTS)."""
    after_ends = [
        k + 1
        for k in range(len(lines) - 1)
        if ends_sentence(lines[k].text)
        and lines[k].width <= cols[k] - INDENT_CELLS
        and not CLAUSE_END.search(lines[k + 1].text)
        and lines[k + 1].width <= cols[k + 1] + WIDER
    ]
    firsts = [k for k in after_ends if BODY_PUNCT.search(lines[k].text)]
    if len(firsts) < INDENTED_PAGE:
        firsts = [k for k in after_ends if BODY_PUNCT.search(lines[k].text) or _filled_below(lines, cols, k)]
    gaps = sorted(cols[k] - lines[k].width for k in firsts)
    # Two first lines measure it only where they agree, half a cell apart at most.
    if len(gaps) < INDENTED_PAGE and not (len(gaps) == AGREEING_FIRSTS and gaps[-1] - gaps[0] <= 0.5):
        return 0.0, FULL_SLACK
    median = gaps[len(gaps) // 2]
    slack = min(max(gaps[len(gaps) * 3 // 4] - median, 0.5), FULL_SLACK)
    return min(max(median, 0.0), INDENT_CELLS), slack


def _filled_below(lines: list[Line], cols: list[float], k: int) -> bool:
    return k + 1 < len(lines) and fills(lines[k + 1], cols[k + 1])


def _headline_like(line: Line, kind: tuple[str, list[Byline]], colw: float) -> bool:
    """A flush line that can be no paragraph's: loose, and neither filling the column nor ending a sentence."""
    return (
        kind[0] == "headline"
        and not line.indented
        and not is_lead_line(line)
        and not fills(line, colw)
        and not CLAUSE_END.search(line.text)
    )


def fills(line: Line, colw: float) -> bool:
    """A line as wide as the column (FULL_SLACK short of it at most): a paragraph's line, not its last."""
    return colw - FULL_SLACK <= line.width <= colw + WIDER


def goes_on_below(
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
    if nxt.indented or is_lead_line(nxt) or nxt.width > colw + WIDER:
        return False
    # A line broken right at the column's width goes on below, whatever the next line is (…居民、农业用户电价
    # 水平 / 不变, 跨江联动 全力构建区域交 / 通体系新格局): a headline is set to its own width, not the column's.
    # So does a first line broken right at the column less the indent a PDF tool dropped (`_broken_short`).
    # Not a kicker closing with its dash over a short title (守护冬眠的蝮蛇，高山夫妇—— / 在蛇岛过年): running text
    # broken after a dash goes on to fill the column or to end a sentence.
    kicker = lines[i].text.endswith("——") and not fills(nxt, colw) and not ends_sentence(nxt.text)
    broken = (colw - 0.5 <= lines[i].width <= colw and not kicker) or (
        _broken_short(lines[i], colw, lost) and _last_line(lines, kinds, i + 1, colw, blank_separates, lost)
    )
    # The line below filling the column goes on in turn, unless an empty line ends the paragraph there:
    # then it is the paragraph's last line, and that ends a sentence.
    last = i + 2 >= len(lines) or (blank_separates and nxt.blank_after)
    return broken or (fills(nxt, colw) and not last) or ends_paragraph(nxt.text)


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
        or is_lead_line(nxt)
        or nxt.width >= colw - FULL_SLACK - lost
        or FIGURE.match(nxt.text) is not None
        or CLAUSE_END.search(nxt.text) is not None
    )


def ends_paragraph(text: str) -> bool:
    """A line a paragraph may end at: a sentence's or a clause's end, a colon before a quotation, a sentence
    signed in brackets (担当作为。（张 伟）), what a wrapped line can never begin with (`。` alone), or the
    story's jump to another page run in after its last words (高新区——北京市新技术（下转第3版）)."""
    if CLAUSE_END.search(text) or text[-1] in "：:" or text[0] in CLOSING_PUNCT:
        return True
    if bl.ends_with_jump(text):
        return True
    signed = bl.parse_closing_byline(text) if text[-1] in "）)" else None
    return signed is not None and ends_sentence(text[: signed[1]])
