"""Segments -> Article values: sidebar labels placed with their stories, paragraphs and their kinds (a
continuation's opening as the reader meets it), bylines, the article's kind, headline roles, the region; and
the headlines left over."""

from __future__ import annotations

import statistics

from . import bylines as bl
from . import headlines as hl
from . import places
from .columns import first_line_short, short_by_indent
from .cut import Segment
from .layout import Block, marker_over_subhead
from .values import (
    Article,
    ArticleKind,
    Byline,
    BylineRole,
    Confidence,
    HeadlineGroup,
    Paragraph,
    ParagraphKind,
)
from .work import Group, Work


def place_labels(work: Work) -> dict[int, list[Block]]:
    """A sidebar label belongs to a story headed from the same run, the nearer the likelier;
    a reporter's notes (记者手记) to the story that talks of the reporter."""
    placed: dict[int, list[Block]] = {}
    for block, r in work.labels:
        near = sorted(
            (abs(g.blocks[0].first - block.first), g.story)
            for g in work.groups
            if g.run == r and g.story is not None
        )
        if not near:
            run = work.runs[r]
            near = [(0, s) for s in (run.after, run.before) if s is not None and work.segments[s].blocks]
        if not near:
            continue

        rank = {story: n for n, (_, story) in enumerate(near)}
        reporter_notes = "记者" in block.text
        k = max(
            near,
            key=lambda item, rank=rank, notes=reporter_notes: (
                (work.segments[item[1]].text.count("记者") if notes else 0) + 1 / (1 + rank[item[1]])
            ),
        )[1]
        placed.setdefault(k, []).append(block)
    return placed


def articles(work: Work, labels: dict[int, list[Block]]) -> tuple[Article, ...]:
    """The page's articles in reading order, each with its headline and the labels placed with it."""
    heads = {g.story: g for g in work.groups if g.story is not None}
    order = sorted(
        (k for k, seg in enumerate(work.segments) if seg.blocks), key=lambda k: work.segments[k].first
    )
    # How much short a paragraph's first line runs on this page where a PDF tool dropped the indents: what
    # a continuation too short to show it is measured by (_turn).
    page_gap = _first_line_gap([b for seg in work.segments for b in seg.paras if not b.lines[0].indented])
    out = []
    for position, k in enumerate(order, start=1):
        seg = work.segments[k]
        broke_off = work.broke_off_mid_sentence(seg)
        out.append(_article(position, seg, heads.get(k), labels.get(k, []), work.colw, page_gap, broke_off))
    return tuple(out)


def unmatched(work: Work, labels: dict[int, list[Block]]) -> list[HeadlineGroup]:
    """The headlines no story took, and the labels not placed with a story."""
    placed = [b for blocks in labels.values() for b in blocks]
    out = []
    for g in work.groups:
        if g.story is None:
            kicker, title, subtitle = hl.roles(g.texts)
            out.append(HeadlineGroup(kicker, title, subtitle, tuple(b.first for b in g.blocks)))
    for block, _ in work.labels:
        if not any(block is b for b in placed):
            out.append(HeadlineGroup(None, None, None, (block.first,), label=block.text))
    return out


# A block's kind -> its paragraph's kind (the rest are body text).
_PARAGRAPH_KIND = {
    "para": ParagraphKind.BODY,
    "byline": ParagraphKind.BYLINE,
    "credit": ParagraphKind.BYLINE,
    "closing": ParagraphKind.BYLINE,
    "jump": ParagraphKind.JUMP,
    "label": ParagraphKind.LABEL,
}


def _paragraphs(seg: Segment, colw: float, page_gap: float | None, broke_off: bool) -> list[Paragraph]:
    out: list[Paragraph] = []
    blocks = seg.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "heading":
            j = i
            while j < len(blocks) and blocks[j].kind == "heading":
                j += 1
            run = blocks[i:j]
            out.append(
                Paragraph(ParagraphKind.HEADING, " ".join(b.text for b in run), (run[0].first, run[-1].last))
            )
            i = j
            continue
        kind = _PARAGRAPH_KIND.get(block.kind, ParagraphKind.BODY)
        out.append(Paragraph(kind, block.text, (block.first, block.last)))
        i += 1
    return _turn(out, seg.blocks, colw, page_gap, broke_off)


def _turn(
    paragraphs: list[Paragraph], blocks: list[Block], colw: float, page_gap: float | None, broke_off: bool
) -> list[Paragraph]:
    """A continuation's opening as the reader meets it: `上接第一版` and the text of the same paragraph, when
    the page cut a paragraph (the text after the marker runs on flush, on its line or the next); the marker
    alone, then a paragraph of its own, when the continuation begins a paragraph (indented after the
    marker: `　　（上接第一版）南通与苏州…`); the marker, then a subhead, when a flush page sets the subhead on the
    marker's line (layout.marker_over_subhead), unless the beginning the issue shows broke off inside a
    sentence (`broke_off`), which the line then ends (上接第二版 多种需求)."""
    if not paragraphs or bl.continued_from(paragraphs[0].text) is None:
        return paragraphs
    first, rest = paragraphs[0], paragraphs[1:]
    paras = [b for b in blocks if b.kind in ("para", "jump")]
    # Where the story's paragraphs are indented, the indent says; where none is, a first line short by one.
    flush = not any(b.lines[0].indented for b in paras)
    # Measured past the opening, or over the page where the story has too few paragraphs to show it.
    gap = _first_line_gap(paras[2:])
    one_cell = flush and _one_cell(gap if gap is not None else page_gap)
    if (
        first.kind == ParagraphKind.JUMP
        and rest
        and rest[0].kind == ParagraphKind.BODY
        and len(paras) > 1
        and not _opens_paragraph(paras[1], flush=flush, colw=colw, one_cell=one_cell)
    ):
        joined = f"{first.text} {rest[0].text}"
        return [Paragraph(ParagraphKind.BODY, joined, (first.lines[0], rest[0].lines[1])), *rest[1:]]
    marker = bl.CONTINUED_FROM.match(first.text)
    after = first.text[marker.end() :].strip() if marker else ""
    if first.kind != ParagraphKind.BODY or not after or not paras:
        return paragraphs
    if _opens_paragraph(paras[0], flush=flush, colw=colw, one_cell=one_cell):
        kind = ParagraphKind.BODY
    elif flush and not broke_off and marker_over_subhead(paras[0].lines, colw):
        kind = ParagraphKind.HEADING
    else:
        return paragraphs
    opening = (first.lines[0], first.lines[0])  # the marker's line
    return [
        Paragraph(ParagraphKind.JUMP, marker.group(), opening),  # type: ignore[union-attr]
        Paragraph(kind, after, first.lines),
        *rest,
    ]


def _first_line_gap(paras: list[Block]) -> float | None:
    """How much shorter than their full lines these paragraphs' first lines run, the middle of it over those
    of three lines or more; None where there is none."""
    gaps = [short for b in paras if (short := first_line_short(b.lines)) is not None]
    return statistics.median(gaps) if gaps else None


def _one_cell(gap: float | None) -> bool:
    """Whether paragraphs whose indents a PDF tool dropped, their first lines short by `gap`, were indented
    by one cell (two ASCII blanks) rather than two."""
    return gap is not None and 0.75 <= gap < 1.5


def _opens_paragraph(block: Block, *, flush: bool, colw: float, one_cell: bool = False) -> bool:
    """Whether a block's first line is a paragraph's first: indented, or, on a `flush` story where a PDF
    tool dropped the indents, short by the indent of the block's full lines (its lines between the first and
    the last), or of the page's column (`colw`) where it has none (（上接第一版）目前卫星已完 over lines two
    cells wider: the continuation begins a paragraph). On a story indented by `one_cell`, a line a cell
    short begins one too; only just a cell, as a full line may run half a cell short where a Latin letter or
    digit left no room for the next character."""
    first = block.lines[0]
    if first.indented:
        return True
    if not flush or len(block.lines) < 2:  # a line alone: nothing tells
        return False
    short = first_line_short(block.lines)
    return short_by_indent(colw - first.width if short is None else short, one_cell=one_cell)


def _bylines(seg: Segment) -> tuple[Byline, ...]:
    seen: dict[tuple[str, BylineRole], Byline] = {}
    for b in seg.bylines:
        seen.setdefault((b.name, b.role), b)
    return tuple(seen.values())


def _kind(seg: Segment, paragraphs: list[Paragraph], bylines: tuple[Byline, ...]) -> ArticleKind:
    if seg.kind == "photo":
        return ArticleKind.PHOTO
    roles = {b.role for b in bylines}
    if roles == {BylineRole.AUTHOR}:  # signed by its author alone: □ 张三 above, or （张三） below
        return ArticleKind.COMMENTARY
    subheads = any(p.kind == ParagraphKind.HEADING for p in paragraphs)
    if subheads or (seg.kind == "feature" and BylineRole.REPORTER in roles):
        return ArticleKind.FEATURE
    return ArticleKind.NEWS


def _article(
    position: int,
    seg: Segment,
    group: Group | None,
    labels: list[Block],
    colw: float,
    page_gap: float | None,
    broke_off: bool,
) -> Article:
    paragraphs = _paragraphs(seg, colw, page_gap, broke_off)
    bylines = _bylines(seg)
    kicker = title = subtitle = None
    headline_lines: tuple[int, ...] = ()
    if group is not None:
        kicker, title, subtitle = hl.roles(group.texts, kicker_first=group.kicker_first)
        headline_lines = tuple(b.first for b in group.blocks)
    headline_lines += tuple(b.first for b in labels)
    dateline = seg.lead.dateline if seg.lead else None
    body_text = "\n".join(p.text for p in paragraphs if p.kind in (ParagraphKind.BODY, ParagraphKind.HEADING))
    resolution = places.resolve_places(
        dateline_place=dateline.place if dateline else None,
        text=body_text,
        title=" ".join(filter(None, (kicker, title, subtitle))),
    )
    first_text = paragraphs[0].text if paragraphs else ""
    jump_texts = " ".join(p.text for p in paragraphs[-2:])
    return Article(
        position=position,
        kind=_kind(seg, paragraphs, bylines),
        kicker=kicker,
        title=title,
        subtitle=subtitle,
        dateline=dateline,
        bylines=bylines,
        region=resolution.region,
        places=resolution.places,
        continued_from_page=bl.continued_from(first_text),
        continued_to_page=bl.continued_to(jump_texts),
        paragraphs=tuple(paragraphs),
        labels=tuple(b.text for b in labels),
        headline_lines=headline_lines,
        confidence=Confidence(
            headline=min(1.0, group.score) if group else 0.0,
            lead=seg.lead is not None or seg.kind in ("photo", "feature"),
            places_unresolved=resolution.unresolved,
        ),
    )
