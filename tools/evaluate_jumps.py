"""Score the engine's jump linking on synthetic issues (tools/jump_issues.py), against their gold.

python tools/evaluate_jumps.py SOURCE [--issues N] [--seed S] [--verbose] [--json]

SOURCE is a corpus .jsonl file (or a directory holding one). For each issue, every page is reconstructed
(`reconstruct_page`), its parts made (`jumps.page_parts`) in the order the pages are given, and the issue
linked (`jumps.issue_links`); the pages on which the links show jump headlines are read again with them
(`issue.reread`, as ingest does) and the issue linked again. Each gold jump is then judged (jump_judging.py: linked right, suggested,
linked wrong, beginning cut or missed; and the false links), and a jump linked right is stitched
(jump_stitching.py: whether its two parts read as the story printed unbroken). Orders identical: the links
are the same, part for part, whichever order the pages' parts come in (every order, at most 24). This module
runs the issues and reports the table, each issue's line and, with --verbose, each jump not right.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from jump_issues import Issue, add_issue_arguments, issues_from_args  # noqa: E402
from jump_judging import (  # noqa: E402
    CUT,
    LINKED,
    MISSED,
    SUGGESTED,
    WRONG,
    JumpScore,
    Link,
    jump_score,
    score_links,
)

from articles.reconstruct import jumps  # noqa: E402
from articles.reconstruct.issue import issue_read  # noqa: E402


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


# Running


PageParts = dict[int, list[jumps.Part]]
Linker = Callable[[Sequence[jumps.Part], set[int]], Sequence[Link]]


def evaluate_issue(issue: Issue, *, linker: Linker = jumps.issue_links, explain: bool = True) -> IssueScore:
    """Reconstruct the issue's pages, link them in the order given and in every other order, score."""
    try:
        pages = issue_read(issue.pages, linker)
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


def _failed(issue: Issue, error: str) -> IssueScore:
    scores = tuple(jump_score(j, MISSED, None, None, None, error) for j in issue.jumps)
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
        what = f"stitched wrong ({s.cause})" if s.outcome == LINKED else s.outcome
        out.append(f"    jump {n} {s.title!r} {route} ({how}): {what}: {s.note}")
    out += [f"    false link: {f}" for f in score.false_links]
    return out


def causes(issues: Sequence[IssueScore]) -> Counter[str]:
    """The jumps linked right but not stitched right, counted by the kind of error (stitch_cause)."""
    return Counter(j.cause for i in issues for j in i.jumps if j.outcome == LINKED and not j.stitched)


def _causes(issues: Sequence[IssueScore]) -> list[str]:
    counted = causes(issues)
    lines = [f"{n:5}  {cause}" for cause, n in counted.most_common()]
    return ["linked right, not stitched right, by cause:", *lines] if lines else []


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
        "stitching_causes": dict(causes(issues)),
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
    print()
    print("\n".join(_causes(scores)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
