"""reconstruct_page(data) -> Page: the one entry point of the engine. It runs the steps in order (text.py,
layout.py, cut.py, work.py, assign.py, assemble.py), refuses what is larger than a page, and reads the page's
furniture."""

from __future__ import annotations

from collections.abc import Mapping

from . import assemble, assign, cut, layout, loose, text
from .layout import Block
from .values import FurnitureLine, Page, PageError
from .work import Work

# A dense page holds some 30 stories and 100 headline lines; a page of briefs a few times that. Far beyond
# is no page, and matching headlines to stories (headlines × stories) would cost minutes.
MAX_STORIES = 400
MAX_HEADLINE_LINES = 600


def reconstruct_page(
    data: bytes | str,
    *,
    source: str | None = None,
    jump_headlines: Mapping[str, int] | None = None,
    jump_texts: Mapping[int, str] | None = None,
) -> Page:
    """Reconstruct one page of raw text into its articles, headlines and furniture. `jump_headlines`: the
    headline lines (spaces out) the issue's other pages show to head stories jumping to or from here, each
    with the page line its story's text starts or ends on (issue.jump_headlines); `jump_texts`: the text on
    another page of each jumping story's other half, by the page line this half's text starts on (a
    continuation: its beginning's) or ends on (a beginning: its continuation's; issue.jump_texts). Without
    them the page is read on its own."""
    decoded, encoding = text.decode(data)
    text.check_is_page(decoded)
    lines = text.split_lines(decoded)
    if not lines:
        raise PageError("文件是空的")
    if len(lines) > text.MAX_LINES:
        raise PageError(f"文件有 {len(lines):,} 行文字，行数太多，不像一个版面（上限 {text.MAX_LINES:,} 行）")
    blank_separates = text.blank_lines_separate_paragraphs(lines)
    colw = text.column_width(lines)
    blocks = layout.blocks(lines, colw=colw, blank_separates=blank_separates)
    _check_headline_lines(sum(1 for block in blocks if block.kind == "headline"))
    page_cut = cut.page(blocks)
    _check_size(page_cut)
    work = Work(
        page_cut.segments,
        page_cut.runs,
        blank_marks_groups=blank_separates,
        colw=colw,
        jump_headlines=jump_headlines or {},
        jump_texts=jump_texts or {},
    )
    work.resolve_interior_runs()
    work.group_headlines()
    assign.headlines(work)
    labels = assemble.place_labels(work)
    articles = assemble.articles(work, labels)
    if not articles:
        raise PageError("读不出任何稿件：文中没有一段正文")
    furniture = tuple(_furniture(page_cut.furniture))
    section = next((f.text for f in furniture if f.kind == "section"), None)
    proofreader = next(
        (loose.PROOFREADER.match(f.text).group("name") for f in furniture if f.kind == "proofreader"),  # type: ignore[union-attr]
        None,
    )
    return Page(
        encoding=encoding,
        section=section,
        proofreader=proofreader,
        articles=articles,
        unmatched_headlines=tuple(assemble.unmatched(work, labels)),
        furniture=furniture,
        line_count=text.line_count(decoded),
        source=source,
    )


def _check_size(page_cut: cut.Cut) -> None:
    """Refuse what no newspaper prints as one page before matching its headlines to its stories, which
    costs headlines × stories: thousands of stories or headline lines are a list, a dump or an attack."""
    if len(page_cut.segments) > MAX_STORIES:
        raise PageError(
            f"文字切出 {len(page_cut.segments):,} 篇稿件，一个版面容纳不下（上限 {MAX_STORIES:,} 篇）"
        )
    _check_headline_lines(sum(1 for run in page_cut.runs for block in run.blocks if block.kind == "headline"))


def _check_headline_lines(headlines: int) -> None:
    """Refuse a text of more headline lines than a page holds: checked on the lines first, before the cut
    into stories, which on thousands of stories alike would cost minutes (cut._pull_quotes_down), and
    again on the headlines left between the stories."""
    if headlines > MAX_HEADLINE_LINES:
        raise PageError(f"文字有 {headlines:,} 行标题，一个版面容纳不下（上限 {MAX_HEADLINE_LINES:,} 行）")


def _furniture(blocks: list[Block]) -> list[FurnitureLine]:
    out = []
    for block in blocks:
        line = block.lines[0]
        if loose.PROOFREADER.match(line.text):
            out.append(FurnitureLine("proofreader", line.text, line.no))
        elif block.kind == "section":
            out.append(FurnitureLine("section", line.text, line.no))
        elif loose.EDITOR.match(line.text):
            out.append(FurnitureLine("editor", line.text, line.no))
        elif loose.PAGE_HEADER.match(line.text):
            out.append(FurnitureLine("page_header", line.text, line.no))
        else:
            out.append(FurnitureLine("other", line.text, line.no))
    return out
