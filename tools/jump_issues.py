"""Synthetic issues of 2-4 pages in which stories jump pages, laid out as raw page text, with the gold.

A story that jumps ends on one page with a marker (`下转第二版`) and goes on on another after `上接第一版`,
under a jump headline. Each issue here takes real stories (the corpus' and the seed page's), cuts a few of
them in two and lays every page out as tools/corpus_layout.py lays out one: columns of a width, one of its
layouts' blank-line, indent and headline styles, a folio on top. Around the jumping stories each page has
whole stories that do not jump. The gold says where every jump begins and goes on, and what the story reads
as printed unbroken, so that an evaluation (tools/evaluate_jumps.py) can check the links and the stitching.

python tools/jump_issues.py SOURCE OUT_DIR [--issues N] [--seed S]

SOURCE is a corpus .jsonl file (or a directory holding one); the seed page's reviewed stories
(fixtures/pages/fazhi_2025-01-24_02.expected.json) are always added. Writes issueNN_pPP.txt and
issueNN.gold.json. `make_issues(source, count=, seed=)` gives the same issues in memory.
Deterministic: issue n of seed s is the same bytes, however many issues are asked for.

This module draws an issue and writes it out (its gold, its files, the command line); the stories are
jump_stories.py's, where and how one is cut jump_cuts.py's, and laying a page's lines out jump_pages.py's.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from corpus_layout import LAYOUTS, load_pages  # noqa: E402
from jump_cuts import Jump, choose_cut, jump_headline  # noqa: E402
from jump_pages import Printed, Style, lay_out_page, run_in_line  # noqa: E402
from jump_stories import SEED_PAGE, Story, Whole, can_jump, corpus_stories, seed_stories  # noqa: E402

WIDTHS = (14, 24)  # column widths an issue may have, in CJK cells
# The layouts an issue's pages are set in: the corpus' six that jump_pages.py lays out (not `between`,
# whose block it does not place), in their order, so that a seed draws the same issues as before.
JUMP_LAYOUTS = ("seed", "narrow_above", "gaps_above", "ascii_before", "dense_after", "spaced_ascii_before")
PAGE_TWO_SHARE = 0.3  # how often a jump begins on page 2 (to page 3 or 4), in issues that have those


# One issue


@dataclass(frozen=True)
class Issue:
    number: int
    paper: str
    date: str
    style: Style
    pages: dict[int, str]  # page number -> its raw text
    order: tuple[int, ...]  # the order the pages are given in
    jumps: tuple[Jump, ...]
    wholes: tuple[Whole, ...]
    beginnings: tuple[Printed, ...]  # where jumps[i]'s beginning stands
    continuations: tuple[Printed, ...]  # and its continuation
    placed_wholes: tuple[Printed, ...]  # where wholes[i] stands

    def to_json(self) -> dict[str, Any]:
        return {
            "issue": self.number,
            "paper": self.paper,
            "date": self.date,
            "style": self.style.to_json(),
            "order": list(self.order),
            "pages": {str(n): page_file(self.number, n) for n in sorted(self.pages)},
            "jumps": [
                _jump_json(j, b, c)
                for j, b, c in zip(self.jumps, self.beginnings, self.continuations, strict=True)
            ],
            "whole": [
                {**w.story.to_json(), **p.to_json()}
                for w, p in zip(self.wholes, self.placed_wholes, strict=True)
            ],
        }


def _jump_json(jump: Jump, beginning: Printed, continuation: Printed) -> dict[str, Any]:
    return {
        **jump.story.to_json(),
        "cut": jump.cut.to_json(),
        "beginning": {
            **beginning.to_json(),
            "title": jump.story.title,
            "first_paragraph": jump.beginning_first,
            "marker": jump.to_marker,
            "marker_placement": jump.to_placement,
        },
        "continuation": {
            **continuation.to_json(),
            "headline": list(jump.headline),
            "headline_kind": jump.headline_kind,
            "first_paragraph": jump.continuation_first,
            "opens_with_subhead": jump.opens_with_subhead,
            "marker": jump.from_marker,
            "marker_placement": jump.from_placement,
        },
    }


def page_file(issue: int, page: int) -> str:
    return f"issue{issue:02d}_p{page:02d}.txt"


def gold_file(issue: int) -> str:
    return f"issue{issue:02d}.gold.json"


def make_issue(
    number: int, seed: int, stories: list[Story], folio: dict[str, str], *, strip_indents: bool = False
) -> Issue:
    """Issue `number` of `seed`: its own random draws, so it is the same whatever other issues are made;
    `strip_indents` drops every line's leading blanks after the layout (a tool that loses the indents)."""
    rng = random.Random(f"jump issue {seed} {number}")
    page_count = rng.randint(2, 4)
    jumpers = [s for s in stories if can_jump(s)]
    chosen = rng.sample(jumpers, rng.randint(2, min(8, 3 * page_count - 2)))
    routes = [_route(page_count, rng, first=i == 0) for i in range(len(chosen))]
    others = [s for s in stories if s not in chosen]
    rng.shuffle(others)
    wholes = [
        Whole(others.pop(), page) for page in range(1, page_count + 1) for _ in range(rng.randint(1, 3))
    ]
    layout = replace(
        LAYOUTS[rng.choice(JUMP_LAYOUTS)], width=rng.randint(*WIDTHS), strip_indents=strip_indents
    )
    style = Style(
        layout, arabic=rng.random() < 0.5, to_brackets=rng.random() < 0.5, from_brackets=rng.random() < 0.5
    )
    jumps = tuple(_make_jump(story, route, style, rng) for story, route in zip(chosen, routes, strict=True))
    items: dict[int, list[tuple[str, int]]] = {page: [] for page in range(1, page_count + 1)}
    for i, jump in enumerate(jumps):
        items[jump.from_page].append(("begin", i))
        items[jump.to_page].append(("continue", i))
    for i, whole in enumerate(wholes):
        items[whole.page].append(("whole", i))
    pages: dict[int, str] = {}
    placed: dict[tuple[str, int], Printed] = {}
    for page, page_items in items.items():
        rng.shuffle(page_items)
        pages[page], where = lay_out_page(page, page_items, jumps, wholes, style, {**folio, "page": page})
        placed.update(where)
    order = list(pages)
    rng.shuffle(order)
    return Issue(
        number=number,
        paper=folio["paper"],
        date=folio["date"],
        style=style,
        pages=pages,
        order=tuple(order),
        jumps=jumps,
        wholes=tuple(wholes),
        beginnings=tuple(placed["begin", i] for i in range(len(jumps))),
        continuations=tuple(placed["continue", i] for i in range(len(jumps))),
        placed_wholes=tuple(placed["whole", i] for i in range(len(wholes))),
    )


def _route(page_count: int, rng: random.Random, *, first: bool) -> tuple[int, int]:
    """(from page, to page): mostly from page 1 to any later page; sometimes from page 2 to page 3 or 4."""
    if page_count >= 3 and not first and rng.random() < PAGE_TWO_SHARE:
        return 2, rng.randint(3, page_count)
    return 1, rng.randint(2, page_count)


def _make_jump(story: Story, route: tuple[int, int], style: Style, rng: random.Random) -> Jump:
    cut = choose_cut(story, rng)
    to_placement = rng.choice(("own line", "run-in"))
    from_placement = rng.choice(("own line", "run-in"))
    if cut.at is None and story.paragraphs[cut.paragraph + 1].kind == "heading":
        from_placement = "own line"  # a subhead opening the continuation stands under its marker
    headline, headline_kind = jump_headline(story, style.layout, rng)
    jump = Jump(
        story=story,
        cut=cut,
        from_page=route[0],
        to_page=route[1],
        to_marker=style.marker("下转", route[1], style.to_brackets),
        to_placement=to_placement,
        from_marker=style.marker("上接", route[0], style.from_brackets),
        from_placement=from_placement,
        headline=headline,
        headline_kind=headline_kind,
    )
    if to_placement == "run-in" and run_in_line(jump, style) is None:
        return replace(jump, to_placement="own line")  # what the page prints, as the gold says it
    return jump


# Running


def make_issues(
    source: Path, *, count: int, seed: int, seed_page: Path = SEED_PAGE, strip_indents: bool = False
) -> list[Issue]:
    """`count` issues from the corpus at `source` and the seed page's stories; issue n of `seed` is always
    the same."""
    stories = corpus_stories(source) + seed_stories(seed_page)
    pages = load_pages(source)
    out = []
    for number in range(1, count + 1):
        pick = random.Random(f"jump issue folio {seed} {number}").choice(pages)
        folio = {"paper": pick["paper"], "date": pick["date"]}
        out.append(make_issue(number, seed, stories, folio, strip_indents=strip_indents))
    return out


def issue_files(issue: Issue) -> dict[str, bytes]:
    """The issue's page files and its gold, by file name."""
    out = {page_file(issue.number, n): text.encode("utf-8") for n, text in sorted(issue.pages.items())}
    gold = json.dumps(issue.to_json(), ensure_ascii=False, indent=1) + "\n"
    out[gold_file(issue.number)] = gold.encode("utf-8")
    return out


def add_issue_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments every tool that makes issues takes: the source, how many, the seed."""
    parser.add_argument("source", type=Path, help="a corpus .jsonl file, or a directory holding one")
    parser.add_argument("--issues", type=int, default=10, help="how many issues (default 10)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
    parser.add_argument(
        "--stripped-indents",
        action="store_true",
        help="every page's leading blanks dropped after the layout, as a tool that loses the indents gives it",
    )


def issues_from_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[Issue]:
    """The issues those arguments ask for; a bad count or an unreadable source is the parser's error."""
    if args.issues < 1:
        parser.error("--issues must be at least 1")
    try:
        return make_issues(
            args.source, count=args.issues, seed=args.seed, strip_indents=args.stripped_indents
        )
    except (OSError, ValueError) as exc:
        parser.error(f"cannot read the source: {exc}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write synthetic issues with jumping stories, and their gold."
    )
    add_issue_arguments(parser)
    parser.add_argument("out", type=Path, help="where to write issueNN_pPP.txt and issueNN.gold.json")
    args = parser.parse_args(argv)
    issues = issues_from_args(parser, args)
    args.out.mkdir(parents=True, exist_ok=True)
    for issue in issues:
        for name, data in issue_files(issue).items():
            (args.out / name).write_bytes(data)
    pages = sum(len(i.pages) for i in issues)
    jumps = sum(len(i.jumps) for i in issues)
    print(f"{len(issues)} issues, {pages} pages, {jumps} jumps written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
