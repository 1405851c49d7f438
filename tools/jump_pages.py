"""Laying out one page of a synthetic issue (tools/jump_issues.py) as raw page text: the issue's style, the
printed lines of its whole stories, beginnings and continuations with their markers, and where each stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from corpus_layout import (
    BREAK,
    Layout,
    LineRole,
    block_order,
    cells,
    folio_lines,
    letter_space,
    paragraph_lines,
    render_lines,
    wrap,
)
from jump_cuts import Jump
from jump_stories import Paragraph, Whole

CHINESE_NUMERALS = "〇一二三四"  # 第二版: page 2


@dataclass(frozen=True)
class Style:
    """How an issue is printed: its layout (width, blank lines, indents, headline places, folio) and how its
    markers are written: 第二版 or 第2版, bare or in brackets."""

    layout: Layout
    arabic: bool
    to_brackets: bool
    from_brackets: bool

    def marker(self, word: str, page: int, brackets: bool) -> str:
        number = str(page) if self.arabic else CHINESE_NUMERALS[page]
        text = f"{word}第{number}版"
        return f"（{text}）" if brackets else text

    def to_json(self) -> dict[str, Any]:
        return {
            "layout": vars(self.layout),
            "arabic": self.arabic,
            "to_brackets": self.to_brackets,
            "from_brackets": self.from_brackets,
        }


@dataclass(frozen=True)
class Printed:
    """Where a part stands on its page: its headline's lines and its text's first and last line (1-based)."""

    page: int
    headline_lines: tuple[int, ...]
    first_line: int
    last_line: int

    def to_json(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "headline_lines": list(self.headline_lines),
            "lines": [self.first_line, self.last_line],
        }


Plan = list[
    tuple[str, LineRole] | None
]  # lines and their roles, BREAK where the layout may put an empty line


def lay_out_page(
    page: int,
    items: list[tuple[str, int]],
    jumps: tuple[Jump, ...],
    wholes: list[Whole],
    style: Style,
    folio: dict[str, Any],
) -> tuple[str, dict[tuple[str, int], Printed]]:
    """The page's raw text, and where each of its items (("begin" | "continue" | "whole", index)) stands.

    As tools/corpus_layout.py lays a page out: headlines above their text, or all in a block before or after
    the page's text (rotated, so the block is not in the text's order); a jump headline goes where the page
    puts headlines."""
    layout = style.layout
    plan: Plan = []
    if layout.folio:
        plan += [(line, ("folio",)) for line in folio_lines(folio)] + [BREAK]
    groups = [
        [(line, ("headline", n)) for line in _item_headline(item, jumps, wholes, layout)]
        for n, item in enumerate(items)
    ]
    block = [line for group in block_order(groups) for line in [*group, BREAK]]
    if layout.headlines == "before":
        plan += block
    for n, (what, i) in enumerate(items):
        if layout.headlines == "above":
            plan += groups[n] + ([BREAK] if layout.blank_between_paragraphs else [])
        if what == "whole":
            plan += _paragraphs_plan(n, wholes[i].story.paragraphs, layout, first=True)
        elif what == "begin":
            plan += _beginning_plan(n, jumps[i], style)
        else:
            plan += _continuation_plan(n, jumps[i], style)
    if layout.headlines == "after":
        plan += [BREAK, *block]
    if layout.letter_spacing:
        plan = letter_space(plan, layout)
    lines, roles = render_lines(plan, layout)
    return "\n".join(lines) + "\n", _where(page, items, roles)


def _item_headline(
    item: tuple[str, int], jumps: tuple[Jump, ...], wholes: list[Whole], layout: Layout
) -> list[str]:
    what, i = item
    if what == "whole":
        return wholes[i].story.headline_lines(layout)
    if what == "begin":
        return jumps[i].story.headline_lines(layout)
    return list(jumps[i].headline)


def _paragraphs_plan(n: int, paragraphs: tuple[Paragraph, ...], layout: Layout, *, first: bool) -> Plan:
    """Body lines of item n: each paragraph wrapped and indented as the layout sets it."""
    out: Plan = []
    for k, paragraph in enumerate(paragraphs):
        out += [(line, ("body", n)) for line in printed_lines(paragraph, layout, first=first and k == 0)]
        if layout.blank_between_paragraphs:
            out.append(BREAK)
    return out


def printed_lines(paragraph: Paragraph, layout: Layout, *, first: bool) -> list[str]:
    """A byline block's line stands flush (□ 本报记者 张国强 韩宇); other paragraphs as corpus_layout sets them."""
    if paragraph.kind == "byline":
        return wrap(paragraph.text, layout.width)
    return paragraph_lines(paragraph.text, layout, first=first, subhead=paragraph.kind == "heading")


def _beginning_plan(n: int, jump: Jump, style: Style) -> Plan:
    """The beginning's paragraphs and its marker, on a line of its own or run in at the end of the last."""
    layout = style.layout
    out = _paragraphs_plan(n, jump.beginning, layout, first=True)
    line = run_in_line(jump, style) if jump.to_placement == "run-in" else None
    if line is not None:
        out[max(i for i, item in enumerate(out) if item is not BREAK)] = (line, ("marker", n))
        return out
    return [*out, (jump.to_marker, ("marker", n)), *([BREAK] if layout.blank_between_paragraphs else [])]


def _continuation_plan(n: int, jump: Jump, style: Style) -> Plan:
    """The marker and the rest of the story. A paragraph the cut went through goes on unindented; a new one
    keeps its indent, so a reader (and a PDF's text) still sees where it starts:

        上接第一版 境建设需求优化行政执法方     （the cut paragraph runs on）
        上接第一版 会议强调，广西政法机     （a new paragraph, the marker run in after its indent）
    """
    layout = style.layout
    first, *rest = jump.continuation
    gap = "" if style.from_brackets else " "
    out: Plan = []
    if jump.from_placement == "own line":
        out += [(jump.from_marker, ("marker", n)), *([BREAK] if layout.blank_between_paragraphs else [])]
        if jump.runs_on:
            out += [(line, ("body", n)) for line in wrap(first.text, layout.width)]
            out += [BREAK] if layout.blank_between_paragraphs else []
        else:
            out += _paragraphs_plan(n, (first,), layout, first=False)
    else:
        indent = "" if jump.runs_on else layout.indent_text
        lines = wrap(indent + jump.from_marker + gap + first.text, layout.width)
        out += [(lines[0], ("marker", n)), *((line, ("body", n)) for line in lines[1:])]
        out += [BREAK] if layout.blank_between_paragraphs else []
    return out + _paragraphs_plan(n, tuple(rest), layout, first=False)


def _where(
    page: int, items: list[tuple[str, int]], roles: list[LineRole | None]
) -> dict[tuple[str, int], Printed]:
    out = {}
    for n, item in enumerate(items):
        heads = tuple(k for k, role in enumerate(roles, 1) if role == ("headline", n))
        text = [k for k, role in enumerate(roles, 1) if role in (("body", n), ("marker", n))]
        out[item] = Printed(page, heads, text[0], text[-1])
    return out


def run_in_line(jump: Jump, style: Style) -> str | None:
    """The beginning's last line with its marker run in; None when the marker does not fit there whole (a
    column does not break a marker: it goes to a line of its own)."""
    last = printed_lines(jump.beginning[-1], style.layout, first=len(jump.beginning) == 1)[-1]
    line = last + ("" if style.to_brackets else " ") + jump.to_marker
    return line if cells(line) <= style.layout.width else None
