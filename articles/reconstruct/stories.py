"""Where leadless stories begin: each run of paragraphs labelled with the headlines it talks about.

A page of features, commentaries and agency reports has stories with no dateline or byline before them;
what tells where one ends is the headlines the page carries (how many stories it holds, and what each is
about) and the text itself. Each paragraph of a story is scored against each headline that may head a
piece of it (the share of the headline's weighted words and bigrams the paragraph has), and the story is
labelled, paragraph by paragraph, with one headline per piece, by dynamic programming (Viterbi): a new
piece costs `NEW_STORY`, less where the text gives a story's edge (the paragraph before ends with a
closing byline or an author's note, the paragraph opens a summary box such as 核心阅读, or the words on
the two sides have little in common). Where a cut falls among paragraphs neither headline names, it is
settled by the words those paragraphs share with each side's text. Pure: numbers in, labels out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate

from .bylines import is_name
from .similarity import bigrams, shared

NEW_STORY = 0.9  # what a cut without a lead costs, in paragraphs fully covered by a headline
# …and one for a headline that can only be a story's title (a column tag closes it: （生活漫步）), which a
# page prints for a story of its own, wherever it begins.
NEW_TITLED_STORY = 0.4
EDGE_BONUS = 0.5  # how much cheaper a cut is where a story visibly ends or begins (dearer where it goes on)
COHESION_BONUS = 0.3  # how much cheaper where the words on the two sides have nothing in common
# A paragraph that opens a story's summary box or an editor's note: 核心阅读 / 编者的话 / 开栏的话
STORY_OPENER = re.compile(r"^(?:核心阅读|编者的话|编者按|开栏的话|引子|题记)")
# A letter's or a speech's salutation, a paragraph of its own: 郑州圆方集团全体职工： / 亲爱的同学们：
SALUTATION = re.compile(r"^[^，。；！？：:]{2,30}[：:]$")
LABEL_MAX = 6  # characters of a label set over a letter (回 信 / 贺信), at most
# The last paragraph of a story: an author's note, a filing line, a closing byline, a photo credit.
STORY_CLOSER = re.compile(
    r"^[（(](?:作者|本报|新华社|记者|通讯员|本系列|本栏)[^（）()]*[）)]$"  # （作者为…） / （本报金边2月19日电）
    r"|[（(](?:本报)?记者[^（）()]{2,40}[）)]$"  # …（本报记者王明峰）
    r"|摄(?:影)?[）)]?$|摄[（(][^（）()]{2,8}[）)]$"  # 新华社记者 张三摄 / 高东风摄（人民视觉）
    r"|^(?:会议|会上|会议期间)还(?:研究|讨论|审议)了其他事项。$"  # a meeting's report ends with this sentence
)

# Who else took part, a list of names closing a meeting's report (领导小组成员丁薛祥、黄坤明…参加会议。): no
# story opens with it. Not a story's edge everywhere: a report may set it before its last paragraph too.
ATTENDANCE = re.compile(
    r"^[^。]+、[^。]+(?:参加|出席)了?(?:会议|会见|会谈|座谈会?|上述活动|有关活动|活动|仪式)。$"
)

# A paragraph that goes on from the one before: it opens with a pronoun or a connective (他说… / 此外，…)…
CONTINUATION = re.compile(
    r"^(?:他们|她们|他|她|此外|另外|与此同时|同时|但是|但|不过|然而|因此|对此|随后|其中|此前|而且|据介绍|据了解)"
)
# …or with someone named just above saying something: 德索萨表示，… after 同葡萄牙总统德索萨通电话.
SPEAKER = re.compile(
    r"^(?P<who>[\u4e00-\u9fff·]{2,12}?)(?:对记者|还|也)?(?:表示|指出|强调|说|认为|介绍|称|坦言|告诉记者)"
)
SPEAKER_NAME = 3  # the speaker's last characters (a name after a title: 江西省省长易炼红) looked for above
# …or with someone named just above, with others or saying who they are: 金明哲和外务省副相… / 金明哲是…
# after …总理金明哲19日晚….
PERSON_FIRST = re.compile(r"^(?P<who>[\u4e00-\u9fff]{2,3}?)(?:和|与|同|一行|等人|是)")


def continues(after: str, earlier: str) -> bool:
    """Whether a paragraph `after` reads as going on from the text `earlier` just above it, so that no
    story begins with it: a story's first paragraph introduces who speaks and does not open with 此外."""
    if CONTINUATION.match(after):
        return True
    speaker = SPEAKER.match(after)
    if speaker is not None and speaker.group("who")[-SPEAKER_NAME:] in earlier:
        return True
    person = PERSON_FIRST.match(after)
    return person is not None and is_name(person.group("who")) and person.group("who") in earlier


def opens_letter(before: str, after: str, following: str) -> bool:
    """Whether `after` opens a letter: its salutation, or a short label over it (回 信 / 郑州圆方集团全体职工：)."""
    if len(after) <= LABEL_MAX:
        return SALUTATION.match(following) is not None
    return SALUTATION.match(after) is not None and len(before) > LABEL_MAX


def letter_label(line: str, following: str) -> bool:
    """Whether a line standing alone is the label set over a letter (回 信, 贺 电): a word or two, right above
    the letter's salutation (郑州圆方集团全体职工：)."""
    return 2 <= len("".join(line.split())) <= LABEL_MAX and SALUTATION.match(following) is not None


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
# Paragraphs of each story, next to a stretch no headline names, that the stretch's paragraphs are compared with.
CONTEXT = 3


def settle(
    labelled: list[int], hits: Sequence[Sequence[float]], edges: Sequence[float], texts: Sequence[str]
) -> list[int]:
    """`labelled` with each cut moved inside the stretch of paragraphs neither story's headline names, where
    the edge was chosen by little: the stretch is cut where its paragraphs share most bigrams with the text
    of the story above on one side and of the story below on the other, as a story's last paragraph goes on
    with what it said and a new story's first with what follows. A cut at a visible edge (a closer, an
    opener) stays."""
    out = list(labelled)
    for b in range(1, len(out)):
        if out[b - 1] != out[b] and edges[b] < 1.0:
            lo, hi = _quiet_stretch(out, hits, b)
            if lo < hi:
                cut = _cohesive_cut(texts, lo, hi, b)
                out[lo:hi] = [out[lo - 1]] * (cut - lo) + [out[hi]] * (hi - cut)
    return out


def _quiet_stretch(labelled: list[int], hits: Sequence[Sequence[float]], b: int) -> tuple[int, int]:
    """The paragraphs lo..hi-1 around the cut before paragraph b that neither side's headline names; each
    side keeps at least one paragraph outside it."""
    up, down = labelled[b - 1], labelled[b]

    def quiet(p: int) -> bool:
        return hits[up][p] <= 0 and hits[down][p] <= 0

    lo, hi = b, b
    while lo > 1 and labelled[lo - 2] == up and quiet(lo - 1):
        lo -= 1
    while hi + 1 < len(labelled) and labelled[hi + 1] == down and quiet(hi):
        hi += 1
    return lo, hi


def _cohesive_cut(texts: Sequence[str], lo: int, hi: int, b: int) -> int:
    """Where in lo..hi the stretch divides best between the text above it and the text below it (b on a
    tie): each paragraph leans to the side whose nearby text shares more of its bigrams. Both sides are read
    to the same length: a longer text shares more with anything, and the story cut short by a jump to
    another page is often the shorter."""
    above = "".join(texts[max(0, lo - CONTEXT) : lo])
    below = "".join(texts[hi : hi + CONTEXT])
    n = min(len(above), len(below))
    above_grams, below_grams = bigrams(above[len(above) - n :]), bigrams(below[:n])
    grams = [bigrams(texts[p]) for p in range(lo, hi)]
    lean = list(accumulate((shared(g, above_grams) - shared(g, below_grams) for g in grams), initial=0.0))
    return max(range(lo, hi + 1), key=lambda j: (lean[j - lo], j == b))


def edge_strength(
    before: str,
    after: str,
    grams_before: set[str],
    grams_after: set[str],
    earlier: str = "",
    following: str = "",
) -> float:
    """How clearly a story may begin with the text `after` following paragraph `before` (and followed by
    `following`), -1..1: an opener or a closer says so, a letter's salutation or the label over it does, a
    paragraph going on from the text above (`earlier` and `before`) says not (-1), otherwise how little the
    two sides' character bigrams share."""
    if STORY_OPENER.match(after) or STORY_CLOSER.search(before) or opens_letter(before, after, following):
        return 1.0
    if continues(after, earlier + before):
        return -1.0
    if not grams_before or not grams_after:
        return 0.0
    return (COHESION_BONUS / EDGE_BONUS) * max(0.0, 1.0 - 4 * shared(grams_before, grams_after))
