"""Where leadless stories begin: each run of paragraphs labelled with the headlines it talks about.

A page of features, commentaries and agency reports has stories with no dateline or byline before them;
what tells where one ends is the headlines the page carries (how many stories it holds, and what each is
about) and the text itself. Each paragraph of a story is scored against each headline that may head a
piece of it (the share of the headline's weighted words and bigrams the paragraph has), and the story is
labelled, paragraph by paragraph, with one headline per piece, by dynamic programming (Viterbi): a new
piece costs `NEW_STORY`, less where the text gives a story's edge (the paragraph before ends with a
closing byline or an author's note, the paragraph opens a summary box such as 核心阅读, or the words on
the two sides have little in common). Pure: numbers in, labels out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .headlines import shared

NEW_STORY = 0.9  # what a cut without a lead costs, in paragraphs fully covered by a headline
# …and one for a headline that can only be a story's title (a column tag closes it: （生活漫步）), which a
# page prints for a story of its own, wherever it begins.
NEW_TITLED_STORY = 0.4
EDGE_BONUS = 0.5  # how much cheaper a cut is where a story visibly ends or begins
COHESION_BONUS = 0.3  # how much cheaper where the words on the two sides have nothing in common
# A paragraph that opens a story's summary box or an editor's note: 核心阅读 / 编者的话 / 开栏的话
STORY_OPENER = re.compile(r"^(?:核心阅读|编者的话|编者按|开栏的话|引子|题记)")
# The last paragraph of a story: an author's note, a filing line, a closing byline, a photo credit.
STORY_CLOSER = re.compile(
    r"^[（(](?:作者|本报|新华社|记者|通讯员|本系列|本栏)[^（）()]*[）)]$"  # （作者为…） / （本报金边2月19日电）
    r"|[（(](?:本报)?记者[^（）()]{2,40}[）)]$"  # …（本报记者王明峰）
    r"|摄(?:影)?[）)]?$|摄[（(][^（）()]{2,8}[）)]$"  # 新华社记者 张三摄 / 高东风摄（人民视觉）
)


def labels(
    hits: Sequence[Sequence[float]], edges: Sequence[float], costs: Sequence[float] | None = None
) -> list[int]:
    """The label of each paragraph: which headline (row of `hits`) heads the piece it belongs to.

    `hits[g][i]` is how well headline g covers paragraph i; `edges[i]` (0..1) how clearly a story may
    begin at paragraph i (edges[0] is unused). Labels form runs, two neighbours never the same; the labels
    maximise the hits summed over the paragraphs less what each new run costs: `costs[g]` for a run of g
    (NEW_STORY unless given), less
    EDGE_BONUS·edges[i] (Viterbi).

    >>> labels([[1, 1, 0, 0], [0, 0, 1, 1]], [0, 0, 0, 0])
    [0, 0, 1, 1]
    >>> labels([[1, 0.2, 0, 0], [0, 0, 0.2, 0]], [0, 0, 0, 0])
    [0, 0, 0, 0]
    """
    n_labels, n = len(hits), len(edges)
    if n_labels == 0 or n == 0:
        return [0] * n
    score = [hits[g][0] for g in range(n_labels)]
    back: list[list[int]] = []
    for i in range(1, n):
        edge = EDGE_BONUS * edges[i]
        ranked = sorted(range(n_labels), key=lambda g: -score[g])[:2]
        row, new = [], []
        for g in range(n_labels):
            source = next((h for h in ranked if h != g), g)
            cost = (costs[g] if costs is not None else NEW_STORY) - edge
            switch = score[source] - cost if source != g else NEG
            if switch > score[g] + 1e-12:
                row.append(source)
                new.append(switch + hits[g][i])
            else:
                row.append(g)
                new.append(score[g] + hits[g][i])
        back.append(row)
        score = new
    g = max(range(n_labels), key=lambda k: score[k])
    out = [g]
    for row in reversed(back):
        g = row[g]
        out.append(g)
    return out[::-1]


NEG = float("-inf")


def edge_strength(before: str, after: str, grams_before: set[str], grams_after: set[str]) -> float:
    """How clearly a story may begin with the text `after` following paragraph `before`, 0..1: an opener
    or a closer says so, otherwise how little the two sides' character bigrams share."""
    if STORY_OPENER.match(after) or STORY_CLOSER.search(before):
        return 1.0
    if not grams_before or not grams_after:
        return 0.0
    return (COHESION_BONUS / EDGE_BONUS) * max(0.0, 1.0 - 4 * shared(grams_before, grams_after))
