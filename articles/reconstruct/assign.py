"""Headline groups -> stories: rounds of one assignment over the page (each group scored against each story
by the share of its terms the story has, plus a bonus for standing right above it), each followed by a cut
where a headline left over fits inside a story (splits.py), then the steps for what is left over
(leftovers.py)."""

from __future__ import annotations

from collections import Counter

from . import headlines as hl
from . import leftovers, splits
from . import similarity as sim
from .work import HEADLINE_BLOCK, Work

SPLIT_ROUNDS = 4  # rounds of assigning headlines and cutting stories where other headlines fit
ABOVE_BONUS = 0.15  # a headline run right above a story is a little likelier to be its headline…
ABOVE_BONUS_LAYOUT = 0.5  # …and much likelier on a page whose other headlines all stand above their stories
JUMP_FIT = hl.MIN_MATCH  # a headline the issue shows to be a jump headline fits its story at least this well


def headlines(work: Work) -> None:
    """Assign the page's headline groups to its stories: rounds of one assignment over the page, each
    followed by the first cut that a headline left over calls for; then what is left over is placed."""
    for _ in range(SPLIT_ROUNDS):
        vocab = work.vocabulary()
        lone = _lone_runs(work)
        cands = _candidates(work, lone)
        if not work.groups or not cands:
            return
        scores = _scores(work, vocab, cands, lone)
        chosen = hl.assign(scores)
        for gi, g in enumerate(work.groups):
            col = chosen.get(gi)
            g.story = cands[col] if col is not None else None
            g.score = scores[gi][col] if col is not None else 0.0
        while leftovers.hand_headline_to_photo(work):
            pass
        if not (
            splits.for_series(work)
            or splits.by_headlines(work, vocab, cands)
            or splits.after_closers(work)
            or splits.for_unmatched(work, vocab, cands, scores)
            or splits.for_lone_title(work, vocab, cands)
            or splits.for_continuation_tail(work, vocab, cands)
            or splits.for_beginning_head(work, vocab, cands)
            or splits.for_story_after_continuation(work, vocab, cands)
            or splits.for_roundup_report(work, vocab, cands)
        ):
            break
    while leftovers.hand_headline_to_photo(work):
        pass
    leftovers.openers_under_headlines(work)
    leftovers.summaries_of_jumping_reports(work)
    leftovers.merge_unmatched_lines(work)
    leftovers.headlines_above_headless_stories(work)
    leftovers.free_headlines_to_headless(work)
    leftovers.labels_over_headlined(work)
    leftovers.titles_under_kickers(work)
    leftovers.mark_rubrics(work)
    leftovers.rejoin_headless_tails(work)


def _candidates(work: Work, lone: set[int]) -> list[int]:
    """The stories a headline may go to: photos only with a headline right above them (a caption seldom
    shares its title's words, and a story's headline often shares the words of its photo's caption); `lone`:
    the runs that are one story's headline (_lone_runs)."""
    above = {work.runs[r].before for r in lone}
    return [k for k, s in enumerate(work.segments) if s.paras and (s.kind != "photo" or k in above)]


def _lone_runs(work: Work) -> set[int]:
    """The runs of headline lines that are one story's headline: one group, or fewer lines than a block
    has. Those standing above a story head it; a block of several stories' headlines set together
    (between two stories, say) says nothing of the story below it."""
    groups = Counter(g.run for g in work.groups)
    return {r for r, n in groups.items() if n == 1 or len(work.runs[r].blocks) < HEADLINE_BLOCK}


def _scores(work: Work, vocab: sim.Vocabulary, cands: list[int], lone: set[int]) -> list[list[float]]:
    segs = [work.segments[k] for k in cands]
    rows = [work.coverage_row(vocab, g, segs) for g in work.groups]
    above = _right_above(work, cands, lone)
    bonus = _above_bonus(rows, above)
    for gi, column in above.items():
        rows[gi][column] += bonus
    # A jump headline heads the story going on from another page that the issue shows it to be (上接第一版
    # …), though it name nothing there.
    for gi, g in enumerate(work.groups):
        k = work.jump_story(g)
        if k in cands:
            column = cands.index(k)
            rows[gi][column] = max(rows[gi][column], JUMP_FIT)
    return rows


def _right_above(work: Work, cands: list[int], lone: set[int]) -> dict[int, int]:
    """Group index -> candidate column, for each lone run's last group standing right above a story."""
    last = {g.run: gi for gi, g in enumerate(work.groups)}  # the last group of each run wins
    return {
        gi: cands.index(work.runs[r].before)
        for r, gi in last.items()
        if work.runs[r].before in cands and r in lone
    }


def _above_bonus(rows: list[list[float]], above: dict[int, int]) -> float:
    """How much standing right above a story counts: much on a page laid out that way, little otherwise."""
    fits = sum(
        rows[gi][column] >= max(rows[gi]) - 1e-9 and max(rows[gi]) >= hl.MIN_MATCH
        for gi, column in above.items()
    )
    return ABOVE_BONUS_LAYOUT if len(above) >= 2 and fits >= 0.6 * len(above) else ABOVE_BONUS
