"""Stitching a linked jump back together (tools/evaluate_jumps.py): its two parts read across the page turn
as the article page reads them, and why they do not read as the story printed unbroken.

A jump linked right is stitched right when the two parts, read across the turn (markers off, a paragraph the
cut went through joined again), are the story's text as printed, with the paragraph break at the turn where
print has it. `normalise` is how parts and the gold are compared, here and in finding the gold's parts.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from jump_cuts import Jump

from articles.reconstruct import jumps
from articles.reconstruct.bylines import CONTINUED_FROM, CONTINUED_TO


def normalise(text: str) -> str:
    """Text without whitespace and without jump markers: how parts and the gold are compared.

    >>> normalise("上接第一版 境建设需求 优化（下转第2版）")
    '境建设需求优化'
    """
    text = "".join(text.split())
    return CONTINUED_TO.sub("", CONTINUED_FROM.sub("", text))


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


SLACK = 2  # characters that agree by chance (a quote mark, 的) at the edge of a difference: still the edge
FURNITURE_NOTES = (  # stitch_error's notes that name their cause, and the cause
    ("a marker is left", "a marker left in"),
    ("the jump headline is", "the jump headline left in"),
    ("the folio is", "a folio left in"),
    ("the paragraph cut at the turn", "the cut paragraph not joined at the turn"),
    ("two paragraphs run together", "two paragraphs run together at the turn"),
)


def stitch_cause(jump: Jump, beginning: jumps.Part, fragment: jumps.Part, note: str) -> str:
    """The kind of a stitching error (`note`, from stitch_error), to count them by: furniture left in, or
    which half's text differs and where (its start, the turn, its end, inside), or the break at the turn.

    The text of each half is compared with the printed story's on its own side of the turn, so that
    "continuation runs on" (text after the story's end: the page ran it into the story below) is told from
    "beginning starts early" (text before the story's start: the page ran the story above into it)."""
    for start, kind in FURNITURE_NOTES:
        if note.startswith(start):
            return kind
    head = normalise("".join(p.text for p in jump.beginning))
    tail = normalise("".join(p.text for p in jump.continuation))
    for side, want, got in (
        ("beginning", head, normalise("".join(beginning.paragraphs))),
        ("continuation", tail, normalise("".join(fragment.paragraphs))),
    ):
        if want != got:
            return f"{side} {_where(want, got, side)}"
    return "other"


def _where(want: str, got: str, side: str) -> str:
    """Where and how `got` parts from `want`: `text missing at its end`, `text extra at its start`..."""
    start = next(
        (i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b), min(len(want), len(got))
    )
    end = 0
    while end < min(len(want), len(got)) - start and want[-1 - end] == got[-1 - end]:
        end += 1
    lost, extra = len(want) - start - end, len(got) - start - end
    how = "missing" if extra <= 0 else "extra" if lost <= 0 else "replaced"
    turn = "end" if side == "beginning" else "start"
    start, end = (0 if start <= SLACK else start), (0 if end <= SLACK else end)
    if start == 0 and end == 0:
        at = "whole"
    elif start == 0:
        at = "start" if turn != "start" else "start (the turn)"
    elif end == 0:
        at = "end" if turn != "end" else "end (the turn)"
    else:
        at = "inside"
    return (
        f"text {how} {'inside it' if at == 'inside' else 'throughout' if at == 'whole' else f'at its {at}'}"
    )


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
