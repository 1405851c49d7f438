"""A quality gate for linking stories that jump pages: issues made from the project's own corpus sample.

Made by tools/jump_issues.py from the eight pages of fixtures/corpus/rmrb_sample.jsonl and the seed page's
stories, linked by the engine and scored by tools/evaluate_jumps.py. A change that links fewer jumps right,
links any wrong, stitches fewer back into the printed story, or links differently in another page order fails
here; one that does better raises the floors by hand.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import evaluate_jumps as ev  # noqa: E402
import jump_issues as gen  # noqa: E402

SAMPLE = ROOT / "fixtures" / "corpus" / "rmrb_sample.jsonl"
# Per seed: (jumps made, linked right at least, stitched right at least, false links at most), as measured
# when set (.venv/bin/python tools/evaluate_jumps.py fixtures/corpus/rmrb_sample.jsonl --issues 12 --seed S).
# Seed 7 since 2026-12-07: the pages read again with what their issue shows stitch two more (49 before).
# Seed 7 raised again (fifth session): a line over text on what a continuation's beginning talked of is its
# subhead.
# All three raised the same session when a story whose headline names its last paragraphs only faintly was cut
# after them from the leadless beginning below it.
# Twelfth session: a pair the issue explains all but as well without, or that a story of one series could
# take as well, is suggested, not linked (seed 1's two false links); a lone 上接 marker opens the dated text
# after it, and a summary run on from the story above opens the jumping report its continuation repeats.
FLOORS = {1: (54, 52, 52, 0), 5: (41, 40, 38, 0), 7: (55, 55, 54, 0)}
# The same issues with every line's leading blanks dropped, as a PDF tool that loses the indents gives them
# (--stripped-indents), set 2026-12-07 when a continuation short of its column by the indent began a
# paragraph again; raised the same day when a story indented by one cell (two ASCII blanks) showed it, and
# again (fifth session) when a continuation too short to show it was measured by its page. Seeds 1 and 7 raised
# (sixth session) when flush lines longer together than running text goes without a mark became headlines.
# Seed 7 again the same session, when a feature's first subhead set as its others are left its subtitle.
# Seeds 1 and 7 raised (seventh session) with the dropped indent measured on pages of short paragraphs, a
# column's title over a first line read as a title, and a subhead under an own-line marker kept apart.
# Seeds 5 and 7 raised (eighth session) with an empty line after a finished sentence ending its paragraph on a
# page read by its column, and a line closed by its run-in jump marker opening one.
# Seed 5 raised and seed 1's false links gone (twelfth session), as above.
STRIPPED_FLOORS = {1: (54, 52, 50, 0), 5: (41, 40, 36, 0), 7: (55, 53, 52, 0)}


@cache
def _tally(seed: int, *, strip_indents: bool = False) -> ev.Tally:
    issues = gen.make_issues(SAMPLE, count=12, seed=seed, strip_indents=strip_indents)
    scores = [ev.evaluate_issue(issue, explain=False) for issue in issues]
    return ev.tally([jump for score in scores for jump in score.jumps], scores)


@pytest.mark.parametrize("seed", sorted(FLOORS))
def test_jumps_are_linked_and_stitched_at_least_as_well_as_before(seed: int) -> None:
    jumps, linked, stitched, false_links = FLOORS[seed]
    got = _tally(seed)
    assert got.jumps == jumps  # the generator makes the same issues
    assert got.linked_right >= linked, f"{got.linked_right} of {got.jumps} linked right"
    assert got.stitched_right >= stitched, f"{got.stitched_right} stitched right"
    assert got.false_links is not None and got.false_links <= false_links, f"{got.false_links} false links"
    assert got.linked_wrong == 0, f"{got.linked_wrong} linked wrong"


@pytest.mark.parametrize("seed", sorted(STRIPPED_FLOORS))
def test_jumps_on_pages_that_lost_their_indents_are_linked_and_stitched_at_least_as_well_as_before(
    seed: int,
) -> None:
    jumps, linked, stitched, false_links = STRIPPED_FLOORS[seed]
    got = _tally(seed, strip_indents=True)
    assert got.jumps == jumps
    assert got.linked_right >= linked, f"{got.linked_right} of {got.jumps} linked right"
    assert got.stitched_right >= stitched, f"{got.stitched_right} stitched right"
    assert got.false_links is not None and got.false_links <= false_links, f"{got.false_links} false links"
    assert got.linked_wrong == 0, f"{got.linked_wrong} linked wrong"


@pytest.mark.parametrize("seed", sorted(FLOORS))
def test_links_do_not_depend_on_the_order_the_pages_arrive_in(seed: int) -> None:
    assert _tally(seed).orders_identical == (12, 12)


def test_a_beginning_opening_with_its_first_subhead_at_a_page_s_top_is_linked_and_stitched() -> None:
    # Issue 5 of seed 4, indents dropped: the sample's feature whose subheads are two phrases and a space
    # (跨江联动 全力构建区域交通体系新格局 …) begins page 1 with the first of them, its headline in the page's block
    # after the stories. The line is the feature's subhead, not its title: the beginning is read whole and
    # linked to its continuation.
    issue = gen.make_issues(SAMPLE, count=5, seed=4, strip_indents=True)[-1]
    score = ev.evaluate_issue(issue, explain=False)
    assert len(score.jumps) == 2
    assert score.count(ev.LINKED) == 2
    assert all(j.stitched for j in score.jumps)


def test_a_title_over_its_flush_subtitle_at_a_page_s_top_is_no_text_of_the_stitched_story() -> None:
    # Issue 2 of seed 6, indents dropped: page 1 opens with the commentary's title and its subtitle
    # (疫情阻击战交出“中国答卷” / ——携手全球抗疫…), then its text, all flush. Read as its first paragraph, the title
    # was inside the story stitched across the jump.
    issue = gen.make_issues(SAMPLE, count=2, seed=6, strip_indents=True)[-1]
    [jump] = [j for j in ev.evaluate_issue(issue, explain=False).jumps if j.title.startswith("疫情阻击战")]
    assert jump.right, jump.note


@pytest.mark.parametrize(
    ("seed", "number", "title"),
    [(5, 25, "习近平同葡萄牙总统通电话"), (2, 30, "在蛇岛过年")],
)
def test_a_continuation_keeps_its_last_paragraphs_on_what_it_talks_of_before_a_leadless_story(
    seed: int, number: int, title: str
) -> None:
    # The continuation runs on into a story with no lead; its last paragraphs (德索萨表示，葡方… after the call's
    # first half; 蛇岛耸立海上… on the island) talk of what it and its beginning talk of, more than of the story
    # after them, whatever word of that story's headline they hold: they close the continuation.
    issue = gen.make_issues(SAMPLE, count=number, seed=seed)[-1]
    [jump] = [j for j in ev.evaluate_issue(issue, explain=False).jumps if j.title == title]
    assert jump.right, jump.note
