"""Judging one synthetic issue's links against its gold (tools/evaluate_jumps.py): which parts hold each
jump's beginning and continuation, what became of the jump, the false links, and why a jump went wrong.

Each gold jump's beginning and continuation are found among the parts by their first body paragraph (spaces
and markers off, the part holding the longest start of it), and the jump is:

- linked right: a certain link pairs the two;
- suggested (right): an uncertain pair of the two, put to the editors;
- linked wrong: a certain link gives the continuation another beginning;
- beginning cut: a certain link gives the continuation the part that holds the beginning's 下转 marker,
  but the beginning page cut the story in two, so another part holds its first paragraph (at a subhead,
  between a kicker and its title, below a summary): the link is right, the page's cut is not, and the
  corpus evaluation (tools/evaluate.py) is where that cut is counted;
- missed: anything else (no pair, a part not found, or only a wrong suggestion).

False links are the certain links the gold does not pair (a linked-wrong jump makes one; so does a whole
story linked as a fragment). A jump linked right is also stitched (jump_stitching.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from corpus_layout import folio_lines
from jump_cuts import Jump
from jump_issues import Issue
from jump_pages import Printed
from jump_stitching import normalise, stitch, stitch_cause, stitch_error

from articles.reconstruct import jumps
from articles.reconstruct.values import Page

LINKED = "linked right"
SUGGESTED = "suggested"
MISSED = "missed"
WRONG = "linked wrong"
CUT = "beginning cut"
PROBE_MIN = 6  # characters of a paragraph's start a part must hold to be taken for it
WINDOW = 12  # characters from further on in the paragraph that do, when no part holds its start


class Linked(Protocol):
    """What the scoring reads of a link's match (jumps.Match): whether the engine links or only suggests."""

    @property
    def certain(self) -> bool: ...


Link = tuple[int, int, Linked]  # (fragment, beginning, match), indexes into the parts: issue_links' answer


@dataclass(frozen=True)
class JumpScore:
    title: str
    cut: str  # the gold cut: paragraph, sentence, mid-sentence
    to_placement: str  # the 下转 marker: own line or run-in
    from_placement: str  # the 上接 marker
    headline_kind: str  # full, title, part, place
    outcome: str  # LINKED, SUGGESTED, MISSED, WRONG or CUT
    beginning: int | None  # the part taken for the gold beginning; None: none holds its first paragraph
    fragment: int | None  # and for the continuation
    stitched: bool | None  # None: not linked right, so not stitched
    note: str  # what the engine did, when it is not right
    cause: str = ""  # a jump linked right but not stitched right: the kind of error (stitch_cause)

    @property
    def right(self) -> bool:
        return self.outcome == LINKED and bool(self.stitched)


def jump_score(
    jump: Jump, outcome: str, b: int | None, f: int | None, stitched: bool | None, note: str, cause: str = ""
) -> JumpScore:
    """A jump's score: the kinds its gold was drawn with, its outcome, the parts found, stitched or not."""
    return JumpScore(
        title=jump.story.title or "",
        cut=jump.cut.kind,
        to_placement=jump.to_placement,
        from_placement=jump.from_placement,
        headline_kind=jump.headline_kind,
        outcome=outcome,
        beginning=b,
        fragment=f,
        stitched=stitched,
        note=note,
        cause=cause,
    )


# Finding the gold's parts


def locate(parts: Sequence[jumps.Part], page: int, paragraph: str) -> int | None:
    """The part on `page` holding the longest start of `paragraph` (at least PROBE_MIN characters of it, or
    all of a shorter one), the first such part on a tie; else, when the engine put the paragraph's first
    words elsewhere (a headline, say), the part holding the earliest WINDOW characters of it; else None."""
    key = normalise(paragraph)
    texts = {i: normalise("".join(p.paragraphs)) for i, p in enumerate(parts) if p.page == page}
    best, best_length = None, min(PROBE_MIN, len(key)) - 1
    for i, text in texts.items():
        length = _held_prefix(key, text)
        if length > best_length:
            best, best_length = i, length
    if best is not None:
        return best
    for start in range(0, len(key) - WINDOW + 1, WINDOW // 2):
        for i, text in texts.items():
            if key[start : start + WINDOW] in text:
                return i
    return None


def _held_prefix(key: str, text: str) -> int:
    """How long a start of `key` `text` holds (a start held means every shorter start is held too)."""
    low, high = 0, len(key)
    while low < high:
        mid = (low + high + 1) // 2
        if key[:mid] in text:
            low = mid
        else:
            high = mid - 1
    return low


# Scoring one issue's links


def score_links(
    issue: Issue,
    parts: Sequence[jumps.Part],
    links: Sequence[Link],
    *,
    explain: bool = True,
    pages: Mapping[int, Page] | None = None,
) -> tuple[tuple[JumpScore, ...], tuple[str, ...]]:
    """Each gold jump scored against the engine's links, and the false links. With `explain`, each jump not
    linked right says what the engine did (the reconstructed `pages` say where lost text went)."""
    found = [
        (locate(parts, j.from_page, j.beginning_first), locate(parts, j.to_page, j.continuation_first))
        for j in issue.jumps
    ]
    ends = [
        _part_at_line(parts, (pages or {}).get(j.from_page), j.from_page, printed.last_line)
        for j, printed in zip(issue.jumps, issue.beginnings, strict=True)
    ]
    gold_pairs = {(f, b) for b, f in found if b is not None and f is not None}
    gold_pairs |= {(f, e) for (_, f), e in zip(found, ends, strict=True) if f is not None and e is not None}
    by_fragment = {f: (b, m) for f, b, m in links}
    by_beginning = {b: (f, m) for f, b, m in links}
    scores = []
    for n, (jump, (b, f)) in enumerate(zip(issue.jumps, found, strict=True)):
        outcome = judge(b, f, by_fragment, ends[n])
        stitched = note = None
        cause = ""
        if outcome == LINKED:
            assert b is not None and f is not None
            note = stitch_error(jump, stitch(parts[b], parts[f]), _furniture(issue))
            stitched = note is None
            cause = "" if note is None else stitch_cause(jump, parts[b], parts[f], note)
        elif explain:
            printed = (issue.beginnings[n], issue.continuations[n])
            note = _what_the_engine_did(jump, printed, b, f, parts, by_fragment, by_beginning, pages or {})
        scores.append(jump_score(jump, outcome, b, f, stitched, note or "", cause))
    false = tuple(
        f"{_name(parts, f)} linked to {_name(parts, b)}"
        for f, b, m in links
        if m.certain and (f, b) not in gold_pairs
    )
    return tuple(scores), false


def judge(
    b: int | None, f: int | None, by_fragment: dict[int, tuple[int, Linked]], end: int | None = None
) -> str:
    """How the continuation `f` was linked, given the part `b` holding the beginning's first paragraph and
    the part `end` holding its 下转 marker (None when unknown)."""
    if b is None or f is None or f not in by_fragment:
        return MISSED
    linked_to, match = by_fragment[f]
    if linked_to == b:
        return LINKED if match.certain else SUGGESTED
    if not match.certain:
        return MISSED
    return CUT if linked_to == end else WRONG


def _what_the_engine_did(
    jump: Jump,
    printed: tuple[Printed, Printed],
    b: int | None,
    f: int | None,
    parts: Sequence[jumps.Part],
    by_fragment: dict[int, tuple[int, Linked]],
    by_beginning: dict[int, tuple[int, Linked]],
    pages: Mapping[int, Page],
) -> str:
    """Why a jump is not linked right, in the parts' terms: text not found, markers not read, other pairs
    chosen, the pair's own fit."""
    if b is None:
        where = _lost(parts, pages.get(jump.from_page), jump.beginning_first)
        return f"no part on p{jump.from_page} holds the beginning's first paragraph{where}"
    if f is None:
        where = _lost(parts, pages.get(jump.to_page), jump.continuation_first)
        return f"no part on p{jump.to_page} holds the continuation's first paragraph{where}"
    out = [f"beginning {_name(parts, b)}", f"continuation {_name(parts, f)}"]
    opening = normalise(jump.continuation_first)
    if _held_prefix(opening, normalise("".join(parts[f].paragraphs))) < PROBE_MIN:
        where = _lost(parts, pages.get(jump.to_page), jump.continuation_first)
        out.append(f"the continuation's first words are in no part's text{where}")
    moved = set()
    for word, page, line, part in (
        ("下转", jump.from_page, printed[0].last_line, b),
        ("上接", jump.to_page, printed[1].first_line, f),
    ):
        holder = _part_at_line(parts, pages.get(page), page, line)
        if holder != part:
            where = "no part" if holder is None else _described(parts, holder, by_fragment)
            out.append(f"its {word} marker went to {where}")
            moved.add(word)
    out += _marker_notes(jump, parts[b], parts[f], moved)
    if f in by_fragment:
        other, match = by_fragment[f]
        kind = "linked" if match.certain else "suggested"
        out.append(f"the continuation was {kind} to {_name(parts, other)} ({_fit(match)})")
    if b in by_beginning and by_beginning[b][0] != f:
        other, match = by_beginning[b]
        kind = "linked" if match.certain else "suggested"
        out.append(f"the beginning was {kind} with {_name(parts, other)} ({_fit(match)})")
    fit = _pair_fit(parts, b, f)
    if fit:
        out.append(f"the pair's own fit: {fit}")
    return "; ".join(out)


def _marker_notes(jump: Jump, beginning: jumps.Part, fragment: jumps.Part, moved: set[str]) -> list[str]:
    """The markers the engine did not read, or read as naming another page (`moved`: those it put in
    another part, said already)."""
    out = []
    if beginning.continued_to is None and "下转" not in moved:
        out.append("the beginning's 下转 marker was not read")
    elif beginning.continued_to != jump.to_page:
        out.append(f"the beginning was read as 下转 p{beginning.continued_to}")
    if fragment.continued_from is None and "上接" not in moved:
        why = " and it has a lead or a byline: no candidate" if fragment.lead or fragment.signed else ""
        out.append(f"the continuation's 上接 marker was not read{why}")
    elif fragment.continued_from != jump.from_page:
        out.append(f"the continuation was read as 上接 p{fragment.continued_from}")
    return out


def _lost(parts: Sequence[jumps.Part], page: Page | None, paragraph: str) -> str:
    """Where the engine put a paragraph's first words, when no part's text holds them: a part's headline,
    a headline it matched to no story, the page's furniture, or nowhere."""
    start = normalise(paragraph)[:PROBE_MIN]
    for i, part in enumerate(parts):
        if start in normalise(part.headline):
            return f" (they are in the headline of {_name(parts, i)})"
    if page is None:
        return ""
    if any(start in normalise(group.text) for group in page.unmatched_headlines):
        return " (they are in a headline matched to no story)"
    if any(start in normalise(line.text) for line in page.furniture):
        return " (they are in the page's furniture)"
    return " (they are nowhere in the engine's output)"


def _part_at_line(parts: Sequence[jumps.Part], page: Page | None, number: int, line: int) -> int | None:
    """The part whose paragraphs hold input line `line` of page `number` (a page's parts are its articles,
    in order, one after another)."""
    if page is None:
        return None
    first = next(i for i, p in enumerate(parts) if p.page == number)
    for k, article in enumerate(page.articles):
        if any(a <= line <= z for a, z in (p.lines for p in article.paragraphs)):
            return first + k
    return None


def _described(parts: Sequence[jumps.Part], i: int, by_fragment: dict[int, tuple[int, Linked]]) -> str:
    """`p3#2 '' (the marker alone, suggested to p1#1 '…')`: a part, and what became of it as a fragment."""
    said = []
    if not normalise("".join(parts[i].paragraphs)):
        said.append("the marker alone")
    if i in by_fragment:
        other, match = by_fragment[i]
        said.append(f"{'linked' if match.certain else 'suggested'} to {_name(parts, other)}")
    return _name(parts, i) + (f" ({', '.join(said)})" if said else "")


def _pair_fit(parts: Sequence[jumps.Part], b: int, f: int) -> str:
    """The fit the engine gives the gold pair among the issue's candidates, when it may pair them at all."""
    given = jumps.issue_inputs(parts, {p.page for p in parts})
    if b not in given.beginning_parts or f not in given.fragment_parts:
        return ""
    fits = jumps.fits(given.beginnings, given.fragments, given.loose)
    fit = fits.get((given.beginning_parts.index(b), given.fragment_parts.index(f)))
    return _fit_text(fit) if fit else "not allowed (the pages the markers name disagree)"


def _fit(match: Linked) -> str:
    fit = getattr(match, "fit", None)
    return _fit_text(fit) if fit else "no fit"


def _fit_text(fit: jumps.Fit) -> str:
    headline = "-" if fit.headline is None else f"{fit.headline:.2f}"
    return f"score {fit.score:.2f}: headline {headline}, words {fit.words:.2f}, join {fit.join:.2f}"


def _name(parts: Sequence[jumps.Part], i: int) -> str:
    """`p2#3 '统筹发展和安全'`: the part's page, its place among that page's parts, its headline."""
    part = parts[i]
    position = sum(1 for p in parts[:i] if p.page == part.page) + 1
    return f"p{part.page}#{position} {part.headline[:30]!r}"


def _furniture(issue: Issue) -> list[str]:
    """The folio lines of the issue's pages: text no story holds."""
    if not issue.style.layout.folio:
        return []
    return [
        line
        for n in issue.pages
        for line in folio_lines({"paper": issue.paper, "date": issue.date, "page": n})
    ]
