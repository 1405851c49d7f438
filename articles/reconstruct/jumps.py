"""Which fragment continues which beginning, across the pages of an issue.

A story that jumps ends on one page with `下转第二版` and goes on elsewhere after `上接第一版`, under a short jump
headline. Several stories jump between the same pages, so each pair is scored on three things and the pairs
are chosen as one assignment over the issue:

- the jump headline against the beginning's full headline (its words and character bigrams),
- the words both halves share, weighted by how rare they are among all the candidates,
- the join: a beginning cut mid-sentence must go on mid-paragraph (`上接第一版 反映出…`, no indent).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from . import fitting, pairing, segment
from .bylines import CONTINUED_FROM, CONTINUED_TO
from .text import CLAUSE_END
from .values import Page

# A colon opens a list or a quote, in a paragraph of its own or not: 贷款投向呈现以下特点：
OPENS_WHAT_FOLLOWS = ("：", ":")
# A marker with its surrounding spaces, at the end / the start of a paragraph.
JUMP_TO_END = re.compile(rf"\s*(?:{CONTINUED_TO.pattern})\s*$")  # …管理（下转第二版）
JUMP_FROM_START = re.compile(rf"^\s*(?:{CONTINUED_FROM.pattern})\s*")  # 上接第一版 反映出…

HEADLINE_WEIGHT = 0.4
LOOSE = "loose"  # a Part that is a headline its page left over, no article
LOOSE_MIN = 0.6  # a left-over headline fitting a beginning this well is its jump headline
LINE_MIN = (
    8  # Chinese characters a line of a fragment's headline group needs to be read as its jump headline alone
)
SUBHEAD_MAX = 16  # Chinese characters a subhead has at most, read as the last text before a marker
INSIDE_STOP = re.compile(r"[，,、。；;：:！!？?]")  # punctuation a subhead does without
PIECE_MIN = fitting.PIECE_MIN  # Chinese characters a piece of a block's headline needs to be read alone
BESIDE = 2  # page lines apart, at most, for two headlines to have stood as one (a kicker over its title; an
# empty line after every printed line, as some extractions give, puts them two apart)
POOLED = 0.85  # a block's headline that the page gave another fragment counts this much of its fit
TEXT_NAMES = 0.8  # a jump headline's words all in the beginning's text count this much of a headline match
WORDS_WEIGHT = 0.35
JOIN_WEIGHT = 0.25
LINK_MIN = 0.45  # a pair scoring this much is linked; below, down to SUGGEST_MIN, it is put to the editors
# …unless the issue's best pairing is this much worse without it (by elimination, the markers agreeing)…
LINK_MARGIN = 0.15
HEADLINE_AGAINST = 0.3  # …and its jump headline is not another story's (a fit this low says it is)
# A pair whose issue is explained all but as well without it (two stories of one kind swapped, say) is put
# to the editors however well it scores: so close, the scores cannot tell the pairs apart. (Set between the
# margins measured on the sample's issues of the pairs linked wrong, 0.022 at most, and of those linked right
# nearest them, 0.030.)
SURE_MARGIN = 0.025
# Two beginnings sharing this much of their words (weighted, as a pair's words are) are of one series: two
# meetings of one group, reported alike, whose continuations their words do not tell apart.
ALIKE = 0.25
SUGGEST_MIN = 0.2
MARKED_BONUS = 0.1  # what a fragment's `上接` marker adds to its pair in the assignment (not to its score)


def jump_to_strip(text: str) -> str:
    """A beginning's last paragraph without its `（下转第二版）`."""
    return JUMP_TO_END.sub("", text)


def jump_from_strip(text: str) -> str:
    """A fragment's first paragraph without its `上接第一版`."""
    return JUMP_FROM_START.sub("", text, count=1)


def ends_mid_sentence(text: str) -> bool:
    """Whether the text stops inside a sentence (the page cut it), not at a sentence end.

    >>> ends_mid_sentence("反映出最高检本级办案管理"), ends_mid_sentence("确保万无一失。")
    (True, False)
    """
    text = text.rstrip()
    return bool(text) and not CLAUSE_END.search(text)


@dataclass(frozen=True)
class Beginning:
    """The part of a story that a `下转` marker sends on to `to_page`."""

    page: int
    to_page: int
    headline: str  # kicker, title and subtitle
    paragraphs: tuple[str, ...]  # body text in order, the last one still with its marker
    beside: tuple[str, ...] = ()  # headlines its page left over right beside its own: its title, maybe
    # Headlines its page set in a block and gave to other stories, when its own stood in that block too: the
    # page gave them by what they name, and may have given its own to a neighbour.
    swapped: tuple[str, ...] = ()

    @property
    def endings(self) -> tuple[str, ...]:
        """The last text before the marker, and, where that is a short paragraph stopping nowhere inside it
        after a paragraph that ends a sentence, that paragraph's too: the short one may be a subhead the
        story set right before its marker (3750万元买了1.5万亩森林面积指标 / （下转第2版）), not a sentence cut
        in two."""
        texts = self._texts()
        if len(texts) > 1 and _subhead_like(texts[0]) and not ends_mid_sentence(texts[1]):
            return (texts[0], texts[1])
        return tuple(texts[:1])

    def _texts(self) -> list[str]:
        """The paragraphs' texts, last first, the marker off and those left empty out."""
        return [t for text in reversed(self.paragraphs) if (t := jump_to_strip(text).strip())]


def _subhead_like(text: str) -> bool:
    """Short, and stopping nowhere inside (no comma, no full stop): a subhead, maybe."""
    return fitting.cjk_count(text) <= SUBHEAD_MAX and not INSIDE_STOP.search(text)


@dataclass(frozen=True)
class Fragment:
    """A part on `page` that goes on from `from_page`; from_page is None for one with no `上接` marker
    (a story with no lead that may continue one): such a fragment is only ever suggested, never linked."""

    page: int
    from_page: int | None
    headline: str  # the jump headline, often a shortened title
    paragraphs: tuple[str, ...]  # body text in order, the first one still with its marker
    headline_above: bool = True  # the headline stood right above the text, not in a block of headlines
    headline_lines: tuple[
        str, ...
    ] = ()  # its kicker, title, subtitle: the page may have grouped jump headlines

    @property
    def opening(self) -> str:
        return jump_from_strip(self.paragraphs[0]).strip() if self.paragraphs else ""

    @property
    def runs_on(self) -> bool:
        """Whether the first paragraph goes on from the marker (`上接第一版 反映出…`): the jump cut a
        paragraph. A marker alone, or an unmarked story, starts a paragraph of its own."""
        return self.from_page is not None and bool(self.opening)


@dataclass(frozen=True)
class Part:
    """An article of an issue as the linking sees it: where it stands, what it says, where it jumps."""

    page: int
    kind: str
    headline: str  # kicker, title and subtitle
    paragraphs: tuple[str, ...]
    continued_from: int | None  # the page its `上接` marker names
    continued_to: int | None  # the page its `下转` marker names
    lead: bool  # it opens with a dateline, byline or jump marker
    signed: bool  # it has bylines
    headline_above: bool = True  # its headline stood right above its text (not in a block of headlines)
    headline_parts: tuple[str, ...] = ()  # kicker, title, subtitle: a group may hold two stories' headlines
    headline_lines: tuple[int, ...] = ()  # the page lines its headline stood on
    text_starts: int | None = None  # the page line its text starts on
    text_ends: int | None = None  # the page line its text ends on
    taken: bool = False  # an editor linked a part to it: as a beginning it is spoken for
    manual: bool = False  # an editor linked or unlinked it: as a fragment the engine leaves it be

    @classmethod
    def loose(cls, page: int, lines: tuple[str, ...], at: tuple[int, ...] = ()) -> Part:
        """A headline its page left over (kicker, title, subtitle) on page lines `at`: no article, a jump
        headline maybe."""
        return cls(
            page,
            LOOSE,
            " ".join(lines),
            (),
            None,
            None,
            lead=False,
            signed=False,
            headline_parts=lines,
            headline_lines=at,
        )

    def beginning(self, beside: tuple[str, ...] = (), swapped: tuple[str, ...] = ()) -> Beginning:
        return Beginning(self.page, self.continued_to or 0, self.headline, self.paragraphs, beside, swapped)

    def beside(self, other: Part) -> bool:
        """Whether `other`'s headline stood right next to this part's on their page (BESIDE lines apart)."""
        return self.page == other.page and any(
            abs(a - b) <= BESIDE for a in self.headline_lines for b in other.headline_lines
        )

    def fragment(self) -> Fragment:
        return Fragment(
            self.page,
            self.continued_from,
            self.headline,
            self.paragraphs,
            self.headline_above,
            self.headline_parts if len(self.headline_parts) > 1 else (),
        )


def page_parts(number: int, page: Page) -> list[Part]:
    """The parts a reconstructed page gives the linking, in the page's order: what ingest stores of it."""
    return [
        Part(
            page=number,
            kind=a.kind,
            headline=" ".join(x for x in (a.kicker, a.title, a.subtitle) if x),
            paragraphs=tuple(p.text for p in a.paragraphs),
            continued_from=a.continued_from_page,
            continued_to=a.continued_to_page,
            lead=a.confidence.lead,
            signed=bool(a.bylines),
            headline_above=headline_above(
                a.headline_lines, a.paragraphs[0].lines[0] if a.paragraphs else None
            ),
            headline_parts=tuple(x for x in (a.kicker, a.title, a.subtitle) if x),
            headline_lines=a.headline_lines,
            text_starts=a.paragraphs[0].lines[0] if a.paragraphs else None,
            text_ends=a.paragraphs[-1].lines[1] if a.paragraphs else None,
        )
        for a in page.articles
    ] + [
        Part.loose(number, tuple(t for t in (h.kicker, h.title, h.subtitle, h.label) if t), h.lines)
        for h in page.unmatched_headlines
    ]


ABOVE_GAP = (
    4  # lines (empty ones too) between a headline's last line and its text, at most, to stand above it
)


def headline_above(headline_lines: Sequence[int], first_line: int | None) -> bool:
    """Whether a headline stood right above its text: a headline the page set in a block of headlines away
    from the stories was given to its story by what it names, and on a page of continuations, where a jump
    headline names little of its text, that may be the wrong one."""
    if not headline_lines or first_line is None:
        return False
    last = max(headline_lines)
    return last < first_line <= last + ABOVE_GAP


def candidates(parts: Sequence[Part], pages: set[int]) -> tuple[list[int], list[int]]:
    """The parts the engine may pair, as indexes into `parts`: the beginnings that jump to one of `pages`
    (the issue's pages stored so far), and the fragments on the pages they jump to, with their `上接` marker
    or with no lead and no byline (a jump whose marker the extraction lost), photos aside."""
    beginnings = [
        i
        for i, p in enumerate(parts)
        if p.kind != LOOSE and p.continued_to in pages and p.continued_to != p.page and not p.taken
    ]
    targets = {parts[i].continued_to for i in beginnings}
    unmarked = {
        i
        for i, p in enumerate(parts)
        if p.continued_from is None and not p.lead and not p.signed and p.kind not in ("photo", LOOSE)
    } - set(beginnings)
    # A part in the middle of a story (上接…, 下转…) is a fragment and a beginning both.
    fragments = [
        i
        for i, p in enumerate(parts)
        if p.page in targets and not p.manual and (p.continued_from is not None or i in unmarked)
    ]
    return beginnings, fragments


class Inputs(NamedTuple):
    """What the linking weighs over an issue: the candidate parts (indexes into the issue's parts), each read
    as a Beginning or a Fragment, and each continuation page's block and left-over headlines."""

    beginning_parts: list[int]
    fragment_parts: list[int]
    beginnings: list[Beginning]
    fragments: list[Fragment]
    loose: dict[int, list[str]]


def issue_links(parts: Sequence[Part], pages: set[int]) -> list[tuple[int, int, Match]]:
    """The links the engine makes or suggests over an issue: (fragment, beginning, match), indexes into
    `parts`. The same parts give the same links, whatever order their pages were stored in."""
    given = issue_inputs(parts, pages)
    matches = jumps_match(given.beginnings, given.fragments, given.loose)
    return [(given.fragment_parts[m.fragment], given.beginning_parts[m.beginning], m) for m in matches]


def issue_inputs(parts: Sequence[Part], pages: set[int]) -> Inputs:
    """The candidates of an issue and the headlines they are read with (see Inputs)."""
    beginnings, fragments = candidates(parts, pages)
    # The headlines a continuation page left over, and those it gave by what they name: a jump headline
    # among them says the story goes on there, not on which fragment.
    # Every headline set in a block on those pages counts, whichever part the page gave it to: a page that
    # splits a continuation in two (at a second dateline, a roundup's next place) gives the jump headline to
    # the second piece, which names it, and leaves the marked one without.
    targets = {parts[i].page for i in fragments}
    loose: dict[int, list[str]] = {}
    for p in parts:
        if p.kind == LOOSE or (p.page in targets and p.headline and not p.headline_above):
            # Each line of a group too: the page may have grouped two jump headlines as one.
            pool = loose.setdefault(p.page, [])
            pool += [p.headline, *(p.headline_parts if len(p.headline_parts) > 1 else ())]
            # And each of its pieces: two lines set as one title may be two jump headlines.
            pool += [x for x in p.headline.split() if fitting.cjk_count(x) >= PIECE_MIN and x not in pool]
        elif p.page in targets and p.kind != LOOSE and len(p.headline_parts) > 1:
            # A group standing above a story may have taken the jump headline set over the fragment before
            # it as its kicker (北京：听取对政府工作报告的意见建议 / 为实现新时代党的历史使命不懈奋斗): each line.
            pool = loose.setdefault(p.page, [])
            pool += [x for x in p.headline_parts if x not in pool]
    left = [p for p in parts if p.kind == LOOSE]
    return Inputs(
        beginnings,
        fragments,
        [
            parts[i].beginning(
                tuple(x.headline for x in left if parts[i].beside(x)), swapped_headlines(parts, parts[i])
            )
            for i in beginnings
        ],
        [parts[i].fragment() for i in fragments],
        loose,
    )


def swapped_headlines(parts: Sequence[Part], beginning: Part) -> tuple[str, ...]:
    """The headlines the beginning's page set in a block and gave its other stories, if its own stood there
    or it has none (the page gave its own to another story); not those of stories that jump to the same
    page: their own continuations are there to claim them. A
    beginning with no lead under a headline right above it may be a story its page cut at a subhead: it is
    read with the headline of the story whose text ends right above that subhead."""
    # A headline its page left over names a story there, maybe one the page merged into the story above it.
    left = tuple(p.headline for p in parts if p.page == beginning.page and p.kind == LOOSE)
    if beginning.headline_above:
        return _above_subhead(parts, beginning) + left
    return left + tuple(
        p.headline
        for p in parts
        if p.page == beginning.page
        and p is not beginning
        and p.kind != LOOSE
        and p.headline
        and not p.headline_above
        and p.continued_to != beginning.continued_to
    )


def _above_subhead(parts: Sequence[Part], beginning: Part) -> tuple[str, ...]:
    if beginning.lead or not beginning.headline_lines:
        return ()
    top = min(beginning.headline_lines)
    above = [
        p
        for p in parts
        if p.page == beginning.page
        and p.kind != LOOSE
        and p.headline
        and p.continued_to is None
        and p.text_ends is not None
        and top - ABOVE_GAP <= p.text_ends < top
    ]
    return (max(above, key=lambda p: p.text_ends or 0).headline,) if above else ()


@dataclass(frozen=True)
class Fit:
    """How well a fragment continues a beginning, each part 0..1; headline is None without a jump headline."""

    headline: float | None
    words: float
    join: float

    @property
    def score(self) -> float:
        if self.headline is None:
            total = WORDS_WEIGHT + JOIN_WEIGHT
            return (WORDS_WEIGHT * self.words + JOIN_WEIGHT * self.join) / total
        return HEADLINE_WEIGHT * self.headline + WORDS_WEIGHT * self.words + JOIN_WEIGHT * self.join


@dataclass(frozen=True)
class Match:
    beginning: int  # index into the beginnings given
    fragment: int  # index into the fragments given
    fit: Fit
    marked: bool  # the fragment has its `上接` marker
    margin: float = 0.0  # how much worse the issue's best explanation is without this pair
    contested: bool = False  # a story of one series with it could take its fragment as well (_contested)

    @property
    def score(self) -> float:
        return self.fit.score

    @property
    def strong(self) -> bool:
        """The pair's evidence is enough: a marked fragment scoring at least LINK_MIN, or one the issue has no
        other good explanation for (the markers on both sides name each other's pages and no other pairing
        comes close), unless its jump headline or the join speaks against it. The issue's pages are read
        again with such pairs (issue.py)."""
        if not self.marked:
            return False
        against = (
            self.fit.headline is not None and self.fit.headline < HEADLINE_AGAINST
        ) or self.fit.join == 0.0
        return self.score >= LINK_MIN or (self.margin >= LINK_MARGIN and not against)

    @property
    def certain(self) -> bool:
        """Sure enough to link without an editor: strong, no other pairing explains the issue all but as well
        (SURE_MARGIN), and no story of one series with it could take its fragment as well (contested)."""
        return self.strong and self.margin >= SURE_MARGIN and not self.contested


def _jump_headline_fit(beginning: Beginning, fragment: Fragment) -> float | None:
    """How well the fragment's jump headline names the beginning: by the beginning's headline, or, a little
    less surely, by its text (the page the story begins on may have given its headline to a neighbour, and a
    jump headline may name what the text says in other words than the title: 江苏：融入长三角一体化)."""
    by_title = fitting.headline_fit(beginning.headline, fragment.headline)
    # A group over a continuation may be several jump headlines the page set as one (在打好…讲话 / 秋粮收购… /
    # 北京：华北黄淮等地将有降雪): a line long enough to be a headline of its own is read alone too.
    for line in fragment.headline_lines:
        if fitting.cjk_count(fitting.PLACE_FIRST.sub("", line)) >= LINE_MIN:
            by_title = max(by_title or 0.0, fitting.headline_fit(beginning.headline, line) or 0.0)
    by_text = fitting.named_share(fragment.headline, "".join(beginning.paragraphs))
    return max(by_title or 0.0, TEXT_NAMES * by_text)


def _loose_fit(beginning: Beginning, headlines: Sequence[str], own: Sequence[str] = ()) -> float | None:
    """The fit of the beginning's jump headline among headlines a page left over, when one is clearly it. A
    beginning is read with the headlines its page left over right beside its own (its title, when the page
    gave it only the kicker), and one its page gave no headline with all those its page left over (`own`)."""
    readings = [beginning] + [
        replace(beginning, headline=f"{beginning.headline} {h}") for h in beginning.beside
    ]
    readings += [replace(beginning, headline=h) for h in own if not beginning.headline]
    best = max(
        (_jump_headline_fit(b, Fragment(0, None, h, ())) or 0.0 for b in readings for h in headlines),
        default=0.0,
    )
    return best if best >= LOOSE_MIN else None


def join_fit(beginning: Beginning, fragment: Fragment) -> float:
    """Whether the text reads on across the page turn.

    A sentence cut in two must go on in the same paragraph; a beginning that ends a sentence fits either
    a paragraph that runs on or a new one, a little less well, and so does one that ends on a colon (`呈现以下
    特点：` opens a list of paragraphs as often as a quote). A word the segmenter reads across the cut
    (`李` / `耀光`) is the strongest sign.
    """
    return max(_join_fit(ending, fragment) for ending in beginning.endings)


def _join_fit(ending: str, fragment: Fragment) -> float:
    cut_mid = ends_mid_sentence(ending) and not ending.endswith(OPENS_WHAT_FOLLOWS)
    if fragment.from_page is None:
        return 0.2 if cut_mid else 0.5
    if not fragment.runs_on:
        return 0.0 if cut_mid else 0.6
    if not cut_mid:
        return 0.6
    return 1.0 if fitting.word_across(ending, fragment.opening) else 0.8


def fits(
    beginnings: Sequence[Beginning],
    fragments: Sequence[Fragment],
    loose: Mapping[int, Sequence[str]] | None = None,
) -> dict[tuple[int, int], Fit]:
    """Every allowed (beginning, fragment) pair with its fit: the beginning jumps to the fragment's page, and
    the fragment's marker (if any) names the beginning's page. A fragment its page gave no headline is read
    with the headlines the page left over: the beginning's jump headline among them says the story goes on
    there, on a fragment with no headline of its own."""
    return _fits(beginnings, fragments, loose or {}, _word_sets(beginnings, fragments))


class _Words(NamedTuple):
    """The words of each beginning and each fragment (headline and text), and their weights over the issue."""

    beginnings: list[frozenset[str]]
    fragments: list[frozenset[str]]
    weight: fitting.Weights


def _word_sets(beginnings: Sequence[Beginning], fragments: Sequence[Fragment]) -> _Words:
    b_words = [frozenset(segment.words(b.headline + "\n" + "\n".join(b.paragraphs))) for b in beginnings]
    f_words = [frozenset(segment.words(f.headline + "\n" + "\n".join(f.paragraphs))) for f in fragments]
    return _Words(b_words, f_words, fitting.Weights([*b_words, *f_words]))


def _fits(
    beginnings: Sequence[Beginning],
    fragments: Sequence[Fragment],
    loose: Mapping[int, Sequence[str]],
    words: _Words,
) -> dict[tuple[int, int], Fit]:
    b_words, f_words, weight = words
    named = _named_best(fragments, loose)
    named_by = [_named_by(named, fi) for fi in range(len(fragments))]
    out: dict[tuple[int, int], Fit] = {}
    for bi, b in enumerate(beginnings):
        for fi, f in enumerate(fragments):
            if b.to_page != f.page or f.from_page not in (None, b.page):
                continue
            out[bi, fi] = Fit(
                headline=_headline(b, f, loose, *named_by[fi]),
                words=fitting.words_fit(b_words[bi], f_words[fi], weight),
                join=join_fit(b, f),
            )
    return out


def _named_best(
    fragments: Sequence[Fragment], loose: Mapping[int, Sequence[str]]
) -> dict[str, frozenset[int]]:
    """Each headline a continuation page set in a block, with the fragments there whose text names it best
    (uses the largest share of its words). A jump headline repeats its story's title, whose words the story
    uses; the page gave each of its block's headlines to one story, and one it bent to another fragment
    (its own fragment merged with the story below took that story's headline) still names its own best."""
    pages: dict[int, list[int]] = {}
    for fi, f in enumerate(fragments):
        pages.setdefault(f.page, []).append(fi)
    out: dict[str, frozenset[int]] = {}
    for page, at in pages.items():
        texts = {fi: "".join(fragments[fi].paragraphs) for fi in at}
        block = {
            *loose.get(page, ()),
            *(fragments[fi].headline for fi in at if not fragments[fi].headline_above),
        }
        for h in block - {""}:
            shares = dict(zip(texts, fitting.named_shares(h, list(texts.values())), strict=True))
            top = max(shares.values())
            if top > 0:
                out[h] = out.get(h, frozenset()) | {fi for fi, share in shares.items() if share == top}
    return out


def _named_by(named: Mapping[str, frozenset[int]], fi: int) -> tuple[frozenset[str], frozenset[str]]:
    """The block headlines fragment `fi` names best, and those another fragment names better."""
    ours = frozenset(h for h, by in named.items() if fi in by)
    return ours, frozenset(named) - ours


def _headline(
    b: Beginning,
    f: Fragment,
    loose: Mapping[int, Sequence[str]],
    named: frozenset[str] = frozenset(),
    theirs: frozenset[str] = frozenset(),
) -> float | None:
    """The jump headline's fit: the one standing above the fragment, or else the best among the headlines
    its page set in a block: fully for those the fragment's text names best (`named`) and for the one the
    page gave it unless another fragment names that one better (`theirs`), a little less surely for the
    others (a block says the story goes on on that page, not on which of its fragments: the page gave each
    headline to one story by what it names, and a headline it bent to a neighbour names its own best)."""
    if f.headline and f.headline_above:
        return max(_jump_headline_fit(b, f) or 0.0, _swapped_fit(b, (f.headline,)))
    pool = loose.get(f.page, ())
    pooled = _loose_fit(b, pool, loose.get(b.page, ()))
    swapped = POOLED * _swapped_fit(b, (*pool, *((f.headline,) if f.headline else ())))
    if pooled is None and not swapped:
        return None
    own = 0.0
    if f.headline:
        own = (_jump_headline_fit(b, f) or 0.0) * (POOLED if f.headline in theirs else 1.0)
    # The beginning read by its own headline only: read with a headline its page left over, it is less sure.
    ours = max(
        (_jump_headline_fit(b, Fragment(0, None, h, ())) or 0.0 for h in pool if h in named), default=0.0
    )
    return max(own, ours if ours >= LOOSE_MIN else 0.0, POOLED * (pooled or 0.0), swapped)


def _swapped_fit(b: Beginning, jump_headlines: Sequence[str]) -> float:
    """The best fit of a jump headline to a headline the beginning's page gave another story from the same
    block (see Beginning.swapped), counting less than its own; 0 unless one is clearly it (LOOSE_MIN)."""
    best = max(
        (
            _jump_headline_fit(replace(b, headline=h), Fragment(0, None, j, ())) or 0.0
            for h in b.swapped
            for j in jump_headlines
        ),
        default=0.0,
    )
    return POOLED * best if best >= LOOSE_MIN else 0.0


def jumps_match(
    beginnings: Sequence[Beginning],
    fragments: Sequence[Fragment],
    loose: Mapping[int, Sequence[str]] | None = None,
) -> list[Match]:
    """The pairs that best explain the issue's jumps, each beginning and fragment used at most once,
    scoring at least SUGGEST_MIN; the highest total wins (see pairing.best). `loose`
    holds each page's headlines no story took there (a jump headline among them, maybe)."""
    words = _word_sets(beginnings, fragments)
    # A jump headline naming not a word of a beginning's headline or text says the fragment goes on another
    # story: such a pair is not even put to the editors, and cannot outweigh the fragment's own beginning
    # by its join and its marker.
    pairs = {
        key: fit
        for key, fit in _fits(beginnings, fragments, loose or {}, words).items()
        if fit.score >= SUGGEST_MIN and fit.headline != 0.0
    }
    # The `上接` marker is evidence the fit does not weigh: a beginning's `下转` names a page whose marked
    # fragments come first, an unmarked one (its marker lost) only when no marked one fits nearly as well.
    weighed = {
        (b, f): _Weighed(fit.score + (MARKED_BONUS if fragments[f].from_page is not None else 0.0))
        for (b, f), fit in pairs.items()
    }
    chosen = pairing.best(weighed)
    total = math.fsum(weighed[c].score for c in chosen)
    contested = _contested(chosen, pairs, words)
    matches = [
        Match(
            beginning=b,
            fragment=f,
            fit=pairs[b, f],
            marked=fragments[f].from_page is not None,
            margin=total - pairing.total({k: v for k, v in weighed.items() if k != (b, f)}),
            contested=(b, f) in contested,
        )
        for b, f in chosen
    ]
    return sorted(matches, key=lambda m: (m.fragment, m.beginning))


def _contested(
    chosen: Sequence[tuple[int, int]], pairs: Mapping[tuple[int, int], Fit], words: _Words
) -> set[tuple[int, int]]:
    """The chosen pairs whose beginning is of one series with another chosen pair's (ALIKE: two meetings of
    one group, reported alike), where the two swapped would fit as well by their jump headlines and joins:
    the words two such stories share with each other's continuation say nothing of which is whose."""
    out: set[tuple[int, int]] = set()
    for (b1, f1), (b2, f2) in itertools.combinations(chosen, 2):
        if (b1, f2) not in pairs or (b2, f1) not in pairs:
            continue
        if fitting.words_fit(words.beginnings[b1], words.beginnings[b2], words.weight) < ALIKE:
            continue
        if _told(pairs[b1, f2]) + _told(pairs[b2, f1]) >= _told(pairs[b1, f1]) + _told(pairs[b2, f2]) - 1e-9:
            out |= {(b1, f1), (b2, f2)}
    return out


def _told(fit: Fit) -> float:
    """What a pair's jump headline and join say of it, its words aside."""
    return HEADLINE_WEIGHT * (fit.headline or 0.0) + JOIN_WEIGHT * fit.join


class _Weighed(NamedTuple):
    score: float  # a pair's fit, and what the assignment adds for its marker
