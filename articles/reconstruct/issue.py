"""An issue read as a whole: its pages read again with what the links between them show.

A page read alone, where headlines stand in a block away from their stories, may run a continuation into
the leadless story below it, set a jump headline with another story's title, or run the story above into a
leadless beginning. The links of the issue (jumps.issue_links) say which headline lines are jump headlines
and which story each heads (jump_headlines); the page read again with them (reread) keeps each such line
apart, gives it to its story though it names nothing there, and cuts that story from the one it ran into.
A continuation that ran into a story whose title names none of its words is cut where its text stops talking
of what its beginning, on the other page, talked of; a summary set above a beginning's dateline that its
continuation repeats opens the beginning (jump_texts: each half's text, for the other).
issue_read is the whole reading, in pure form; ingest does the same over its rows (articles/ingest/writer.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from . import fitting
from .jumps import LOOSE_MIN, Match, Part, issue_links, page_parts
from .page import reconstruct_page
from .values import Page

# An issue's pages are read again at most this often with the jump headlines its links show (issue_read);
# twice settles every generated issue: the second reading shows the headlines the first was given.
READ_ROUNDS = 3


def jump_headlines(
    parts: Sequence[Part], links: Sequence[tuple[int, int, Match]]
) -> dict[int, dict[str, int]]:
    """Each page's headline lines that the issue shows to be the headlines of stories jumping to or from it,
    each (spaces out) with a page line of that story's text: of each pair linked for certain, the headlines
    on the fragment's page, and the pieces of them, that name the beginning's headline (LOOSE_MIN; whole,
    where one of them does), with the line the fragment's text starts on; and where the beginning's page
    gave it a headline that is not that jump headline (or none), the headlines there that the jump headline
    names, with the line the beginning's text ends on. A page read alone may have set such a line with
    another story's title, or given it no story and its story another's headline; read again with them
    (reread), it keeps each apart from the lines beside it and gives it to its story, though it names
    nothing there."""
    out: dict[int, dict[str, int | None]] = {}

    def show(page: int, line: str, at: int) -> None:
        shown, key = out.setdefault(page, {}), "".join(line.split())
        # A line two pairs show with two stories is neither's for certain.
        shown[key] = at if shown.get(key, at) == at else None

    for f, b, match in links:
        fragment, beginning = parts[f], parts[b]
        if not match.strong or fragment.text_starts is None or beginning.text_ends is None:
            continue
        fits = {x: _fit(beginning.headline, x) for x in _headline_lines(parts, fragment.page)}
        # Where the page prints the jump headline whole, a line sharing a few of its words is not one
        # (平台经济崛起, a subhead, beside 平台经济破解“成长烦恼”).
        bar = 1.0 if max(fits.values(), default=0.0) >= 1.0 else LOOSE_MIN
        jump = [x for x, fit in fits.items() if fit >= bar]
        for line in jump:
            show(fragment.page, line, fragment.text_starts)
        jump = jump or [*fragment.headline_parts]
        if jump and not any(_names(beginning.headline, x) for x in jump):
            for line in _headline_lines(parts, beginning.page):
                if any(_names(line, x) for x in jump):
                    show(beginning.page, line, beginning.text_ends)
    certain = {page: {k: at for k, at in shown.items() if at is not None} for page, shown in out.items()}
    return {page: shown for page, shown in certain.items() if shown}


def jump_texts(parts: Sequence[Part], links: Sequence[tuple[int, int, Match]]) -> dict[int, dict[int, str]]:
    """Of each pair linked for certain, the text of each half for the other's page, a paragraph a line: the
    beginning's by the line the fragment's text starts on (what the story talked of before it jumped), the
    fragment's by the line the beginning's text ends on (what it goes on to say)."""
    out: dict[int, dict[int, str]] = {}
    for f, b, match in links:
        fragment, beginning = parts[f], parts[b]
        if not match.strong:
            continue
        if fragment.text_starts is not None:
            out.setdefault(fragment.page, {})[fragment.text_starts] = "\n".join(beginning.paragraphs)
        if beginning.text_ends is not None:
            out.setdefault(beginning.page, {})[beginning.text_ends] = "\n".join(fragment.paragraphs)
    return out


def _headline_lines(parts: Sequence[Part], page: int) -> set[str]:
    """The headlines of a page, and each piece of one: the page may have read two lines as one title."""
    return {
        x
        for p in parts
        if p.page == page and p.kind != "photo"
        for x in (*p.headline_parts, *p.headline.split())
    }


def _names(headline: str, jump: str) -> bool:
    """Whether a jump headline names a story's headline (LOOSE_MIN)."""
    return _fit(headline, jump) >= LOOSE_MIN


def _fit(headline: str, jump: str) -> float:
    """How much of a jump headline a story's headline holds (fitting.headline_fit), 0 where either has none."""
    return (fitting.headline_fit(headline, jump) or 0.0) if headline else 0.0


def reread(
    data: bytes | str, jump_headlines: Mapping[str, int], texts: Mapping[int, str] | None = None
) -> Page | None:
    """The page read again with the jump headlines the issue shows (jump_headlines), if that reading gives
    each to the story whose text holds its line; None where it does not: the page as read alone stands."""
    page = reconstruct_page(data, jump_headlines=jump_headlines, jump_texts=texts)
    heads = [
        (
            a.paragraphs[0].lines[0],
            a.paragraphs[-1].lines[1],
            "".join(x for x in (a.kicker, a.title, a.subtitle) if x).replace(" ", ""),
        )
        for a in page.articles
        if a.paragraphs
    ]
    held = all(
        any(first <= at <= last and line in head for first, last, head in heads)
        for line, at in jump_headlines.items()
    )
    return page if held else None


def issue_read(
    raw: Mapping[int, bytes | str],
    linker: Callable[[Sequence[Part], set[int]], Sequence[tuple[int, int, Match]]] = issue_links,
) -> dict[int, Page]:
    """An issue's pages (page number -> raw text) as ingest leaves them, whatever order they come in: each
    read alone, then those on which the issue's links show jump headlines or the other halves of jumping
    stories read again with them (reread) until the links show nothing new, READ_ROUNDS times at most."""
    order = sorted(raw)
    alone = {n: reconstruct_page(raw[n]) for n in order}
    pages = dict(alone)
    used: dict[int, tuple[Mapping[str, int], Mapping[int, str]]] = {n: ({}, {}) for n in order}
    for _ in range(READ_ROUNDS):
        parts = [p for n in order for p in page_parts(n, pages[n])]
        links = linker(parts, set(order))
        shown, texts = jump_headlines(parts, links), jump_texts(parts, links)
        again = [n for n in order if (shown.get(n, {}), texts.get(n, {})) != used[n]]
        if not again:
            break
        for n in again:
            used[n] = (shown.get(n, {}), texts.get(n, {}))
            pages[n] = (reread(raw[n], *used[n]) if used[n][0] or used[n][1] else None) or alone[n]
    return pages
