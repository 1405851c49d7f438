"""Score the engine's jump linking on synthetic issues (tools/jump_issues.py), against their gold.

python tools/evaluate_jumps.py SOURCE [--issues N] [--seed S] [--verbose] [--json]

SOURCE is a corpus .jsonl file (or a directory holding one). For each issue, every page is reconstructed
(`reconstruct_page`), its parts made (`jumps.page_parts`) in the order the pages are given, and the issue
linked (`jumps.issue_links`). Each gold jump's beginning and continuation are found among the parts by their
first body paragraph (spaces and markers off, the part holding the longest start of it), and the jump is:

- linked right: a certain link pairs the two;
- suggested (right): an uncertain pair of the two, put to the editors;
- linked wrong: a certain link gives the continuation another beginning;
- beginning cut: a certain link gives the continuation the part that holds the beginning's 下转 marker,
  but the beginning page cut the story in two, so another part holds its first paragraph (at a subhead,
  between a kicker and its title, below a summary): the link is right, the page's cut is not, and the
  corpus evaluation (tools/evaluate.py) is where that cut is counted;
- missed: anything else (no pair, a part not found, or only a wrong suggestion).

False links are the certain links the gold does not pair (a linked-wrong jump makes one; so does a whole
story linked as a fragment). A jump linked right is stitched right when the two parts, read across the turn
as the article page reads them (markers off, a paragraph the cut went through joined again), are the story's
text as printed, with the paragraph break at the turn where print has it. Orders identical: the links are the
same, part for part, whichever order the pages' parts come in (every order, at most 24).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from corpus_layout import folio_lines  # noqa: E402
from jump_cuts import Jump  # noqa: E402
from jump_issues import Issue, add_issue_arguments, issues_from_args  # noqa: E402
from jump_pages import Printed  # noqa: E402

from articles.reconstruct import jumps  # noqa: E402
from articles.reconstruct.bylines import CONTINUED_FROM, CONTINUED_TO  # noqa: E402
from articles.reconstruct.page import reconstruct_page  # noqa: E402
from articles.reconstruct.values import Page  # noqa: E402

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

    @property
    def right(self) -> bool:
        return self.outcome == LINKED and bool(self.stitched)


@dataclass(frozen=True)
class IssueScore:
    number: int
    layout: str
    order: tuple[int, ...]
    jumps: tuple[JumpScore, ...]
    false_links: tuple[str, ...]  # each described: `p2#3 '…' linked to p1#1 '…'`
    orders: int  # how many page orders were tried
    orders_identical: bool
    error: str | None = None  # the engine raised on a page: every jump counts as missed

    def count(self, outcome: str) -> int:
        return sum(j.outcome == outcome for j in self.jumps)

    @property
    def stitched(self) -> int:
        return sum(bool(j.stitched) for j in self.jumps)


# Finding the gold's parts


def normalise(text: str) -> str:
    """Text without whitespace and without jump markers: how parts and the gold are compared.

    >>> normalise("上接第一版 境建设需求 优化（下转第2版）")
    '境建设需求优化'
    """
    text = "".join(text.split())
    return CONTINUED_TO.sub("", CONTINUED_FROM.sub("", text))


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
        if outcome == LINKED:
            assert b is not None and f is not None
            note = stitch_error(jump, stitch(parts[b], parts[f]), _furniture(issue))
            stitched = note is None
        elif explain:
            printed = (issue.beginnings[n], issue.continuations[n])
            note = _what_the_engine_did(jump, printed, b, f, parts, by_fragment, by_beginning, pages or {})
        scores.append(_jump_score(jump, outcome, b, f, stitched, note or ""))
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
    pages = {p.page for p in parts}
    beginnings, fragments = jumps.candidates(parts, pages)
    if b not in beginnings or f not in fragments:
        return ""
    fits = jumps.fits([parts[i].beginning() for i in beginnings], [parts[i].fragment() for i in fragments])
    fit = fits.get((beginnings.index(b), fragments.index(f)))
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


# Stitching


def stitch(beginning: jumps.Part, fragment: jumps.Part) -> list[str]:
    """The paragraphs of the two parts read across the page turn, as the article page reads them
    (articles/reading.py): the markers off, and a fragment whose first paragraph runs on from its marker
    (`上接第一版 境建设…`) joined to the beginning's last paragraph."""
    head = [*beginning.paragraphs]
    if head:
        head[-1] = jumps.jump_to_strip(head[-1])
    tail = [*fragment.paragraphs]
    runs_on = False
    if tail and jumps.JUMP_FROM_START.match(tail[0]):
        tail[0] = jumps.jump_from_strip(tail[0])
        runs_on = bool(tail[0].strip())
    head = [p for p in head if p.strip()]
    tail = [p for p in tail if p.strip()]
    if runs_on and head:
        head[-1] += tail.pop(0)
    return head + tail


def stitch_error(jump: Jump, stitched: Sequence[str], furniture: Iterable[str]) -> str | None:
    """Why the stitched paragraphs do not read as the story printed unbroken; None when they do."""
    want = "".join("".join(p.text.split()) for p in jump.story.paragraphs)
    got_paragraphs = ["".join(p.split()) for p in stitched]
    got = "".join(got_paragraphs)
    if got != want and normalise(got) == normalise(want):
        marker = CONTINUED_TO.search(got) or CONTINUED_FROM.search(got)
        return f"a marker is left in the text: {marker.group() if marker else '?'}"
    text = normalise(got)  # markers off: 第4版 in （下转第4版） is no folio
    headline = normalise(" ".join(jump.headline))
    if headline and headline in text and headline not in want:
        return f"the jump headline is in the text: {headline}"
    for line in furniture:
        folio = normalise(line)
        if folio in text and folio not in want:
            return f"the folio is in the text: {folio}"
    if got != want:
        return _difference(want, text)
    turn = len("".join("".join(p.text.split()) for p in jump.beginning))
    breaks = set(itertools.accumulate(len(p) for p in got_paragraphs))
    if jump.runs_on and turn in breaks:
        return (
            f"the paragraph cut at the turn is not joined: …{want[turn - 8 : turn]}|{want[turn : turn + 8]}…"
        )
    if not jump.runs_on and turn not in breaks:
        return f"two paragraphs run together at the turn: …{want[turn - 8 : turn]}|{want[turn : turn + 8]}…"
    return None


def _difference(want: str, got: str) -> str:
    """Where the stitched text first parts from the story's: `lost 12, extra 0, from …以高水平|法治…`."""
    at = next(
        (i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b), min(len(want), len(got))
    )
    stitched = f"|{got[at : at + 12]}…" if at < len(got) else "ends there"
    return (
        f"the text differs ({len(want)} characters printed, {len(got)} stitched, markers aside) from"
        f" …{want[max(0, at - 8) : at]}|{want[at : at + 8]}… (stitched: {stitched})"
    )


# Running


PageParts = dict[int, list[jumps.Part]]
Linker = Callable[[Sequence[jumps.Part], set[int]], Sequence[Link]]


def evaluate_issue(issue: Issue, *, linker: Linker = jumps.issue_links, explain: bool = True) -> IssueScore:
    """Reconstruct the issue's pages, link them in the order given and in every other order, score."""
    try:
        pages = {n: reconstruct_page(issue.pages[n]) for n in issue.order}
    except Exception as exc:  # an engine failure is a result to report, not a crash
        return _failed(issue, f"{type(exc).__name__}: {exc}")
    by_page = {n: jumps.page_parts(n, page) for n, page in pages.items()}
    parts = [p for n in issue.order for p in by_page[n]]
    links = linker(parts, set(issue.order))
    scores, false = score_links(issue, parts, links, explain=explain, pages=pages)
    given = _mapped(by_page, issue.order, links)
    orders = list(itertools.permutations(sorted(by_page)))
    identical = all(
        _mapped(by_page, order, linker([p for n in order for p in by_page[n]], set(order))) == given
        for order in orders
        if order != issue.order
    )
    return IssueScore(
        number=issue.number,
        layout=f"{issue.style.layout.name} w{issue.style.layout.width}",
        order=issue.order,
        jumps=scores,
        false_links=false,
        orders=len(orders),
        orders_identical=identical,
    )


def _mapped(by_page: PageParts, order: Sequence[int], links: Sequence[Link]) -> frozenset[tuple[Any, ...]]:
    """Links over the pages' parts concatenated in `order`, each part named by (page, place on its page)."""
    names = [(n, k) for n in order for k in range(len(by_page[n]))]
    return frozenset((names[f], names[b], m.certain) for f, b, m in links)


def _jump_score(
    jump: Jump, outcome: str, b: int | None, f: int | None, stitched: bool | None, note: str
) -> JumpScore:
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
    )


def _failed(issue: Issue, error: str) -> IssueScore:
    scores = tuple(_jump_score(j, MISSED, None, None, None, error) for j in issue.jumps)
    layout = f"{issue.style.layout.name} w{issue.style.layout.width}"
    return IssueScore(issue.number, layout, issue.order, scores, (), 0, False, error)


# Reporting


@dataclass(frozen=True)
class Tally:
    jumps: int
    linked_right: int
    suggested: int
    missed: int
    linked_wrong: int
    beginning_cut: int
    stitched_right: int
    false_links: int | None  # None: not counted for this row (false links belong to an issue, not a jump)
    orders_identical: tuple[int, int] | None  # issues whose links are the same in every order, of issues


def tally(scores: Iterable[JumpScore], issues: Sequence[IssueScore] | None = None) -> Tally:
    scores = list(scores)
    return Tally(
        jumps=len(scores),
        linked_right=sum(s.outcome == LINKED for s in scores),
        suggested=sum(s.outcome == SUGGESTED for s in scores),
        missed=sum(s.outcome == MISSED for s in scores),
        linked_wrong=sum(s.outcome == WRONG for s in scores),
        beginning_cut=sum(s.outcome == CUT for s in scores),
        stitched_right=sum(bool(s.stitched) for s in scores),
        false_links=None if issues is None else sum(len(i.false_links) for i in issues),
        orders_identical=None if issues is None else (sum(i.orders_identical for i in issues), len(issues)),
    )


BREAKDOWNS: tuple[tuple[str, Callable[[JumpScore], str]], ...] = (
    ("cut", lambda s: s.cut),
    ("下转", lambda s: s.to_placement),
    ("上接", lambda s: s.from_placement),
    ("jump headline", lambda s: s.headline_kind),
)
COLUMNS = (
    "jumps",
    "linked right",
    "suggested",
    "missed",
    "linked wrong",
    "beginning cut",
    "false links",
    "stitched right",
    "orders identical",
)


def rows(issues: Sequence[IssueScore]) -> list[tuple[str, Tally]]:
    """The total, then the jumps by cut, by marker placement and by jump headline kind."""
    every = [j for i in issues for j in i.jumps]
    out = [("total", tally(every, issues))]
    for name, key in BREAKDOWNS:
        for value in sorted({key(j) for j in every}):
            out.append((f"{name}: {value}", tally(j for j in every if key(j) == value)))
    return out


def _table(named: list[tuple[str, Tally]]) -> list[str]:
    body = [[name, *_cells(t)] for name, t in named]
    headers = ["", *COLUMNS]
    widths = [max(_columns(r[i]) for r in [headers, *body]) for i in range(len(headers))]
    return [
        "  ".join(cell + " " * (w - _columns(cell)) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [headers, *body]
    ]


def _columns(text: str) -> int:
    """Terminal columns: a CJK character takes two."""
    return len(text) + sum(1 for ch in text if not ch.isascii())


def _cells(t: Tally) -> list[str]:
    def share(n: int) -> str:
        return f"{n} {100 * n / t.jumps:.0f}%" if t.jumps else str(n)

    orders = "-" if t.orders_identical is None else f"{t.orders_identical[0]}/{t.orders_identical[1]}"
    return [
        str(t.jumps),
        share(t.linked_right),
        share(t.suggested),
        share(t.missed),
        share(t.linked_wrong),
        share(t.beginning_cut),
        "-" if t.false_links is None else str(t.false_links),
        share(t.stitched_right),
        orders,
    ]


def _issue_line(score: IssueScore) -> str:
    order = ",".join(map(str, score.order))
    line = (
        f"issue {score.number:02d}  {len(score.order)} pages ({order})  {score.layout:<24}"
        f" jumps {len(score.jumps)}  linked {score.count(LINKED)}  suggested {score.count(SUGGESTED)}"
        f"  missed {score.count(MISSED)}  wrong {score.count(WRONG)}  cut {score.count(CUT)}  false {len(score.false_links)}"
        f"  stitched {score.stitched}  {score.orders} orders {'identical' if score.orders_identical else 'DIFFER'}"
    )
    return line + (f"  ENGINE ERROR {score.error}" if score.error else "")


def _details(score: IssueScore, issue: Issue) -> list[str]:
    out = []
    for n, (s, jump) in enumerate(zip(score.jumps, issue.jumps, strict=True), 1):
        if s.right:
            continue
        route = f"p{jump.from_page}->p{jump.to_page}"
        how = f"{s.cut}, 下转 {s.to_placement}, 上接 {s.from_placement}, headline {s.headline_kind}"
        what = "stitched wrong" if s.outcome == LINKED else s.outcome
        out.append(f"    jump {n} {s.title!r} {route} ({how}): {what}: {s.note}")
    out += [f"    false link: {f}" for f in score.false_links]
    return out


def _json(issues: Sequence[IssueScore]) -> dict[str, Any]:
    return {
        "issues": [
            {
                "issue": i.number,
                "layout": i.layout,
                "order": list(i.order),
                "error": i.error,
                "orders": i.orders,
                "orders_identical": i.orders_identical,
                "false_links": list(i.false_links),
                "jumps": [asdict(j) for j in i.jumps],
            }
            for i in issues
        ],
        "rows": {name: asdict(t) for name, t in rows(issues)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the engine's jump linking on synthetic issues.")
    add_issue_arguments(parser)
    parser.add_argument("--verbose", action="store_true", help="name each jump not right and what happened")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    issues = issues_from_args(parser, args)
    scores = [evaluate_issue(issue, explain=args.verbose) for issue in issues]
    if args.json:
        print(json.dumps(_json(scores), ensure_ascii=False, indent=1))
        return 0
    for score, issue in zip(scores, issues, strict=True):
        print(_issue_line(score))
        if args.verbose:
            print("\n".join(_details(score, issue)) or "    all right")
    print()
    print("\n".join(_table(rows(scores))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
