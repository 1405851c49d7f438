"""reconstruct_page(data) -> Page: the one entry point of the engine."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate, pairwise

from . import bylines as bl
from . import cut, layout, places, stories, text
from . import headlines as hl
from .cut import HeadlineRun, Segment
from .layout import Block
from .values import (
    AUTHOR,
    BODY,
    BYLINE,
    COMMENTARY,
    FEATURE,
    HEADING,
    JUMP,
    LABEL,
    NEWS,
    PHOTO,
    REPORTER,
    Article,
    Byline,
    Confidence,
    FurnitureLine,
    HeadlineGroup,
    Page,
    PageError,
    Paragraph,
)

SERIES = 3  # this many runs of loose lines set alike inside a story: its subheads
SPLIT_ROUNDS = 4  # rounds of assigning headlines and cutting stories where other headlines fit
MIN_PARAGRAPH_HIT = 0.15  # a headline covering less of every paragraph of a story is not in it
FIT_BUDGET = 50_000  # headline lines × paragraphs compared when grouping a run of headlines
HEADLINE_BLOCK = 4  # this many headline lines together: the page sets its headlines in a block
GROUP_MAX = 4  # lines of one headline group, at most: a kicker, a title set on two lines, a subtitle
HIT_FLOOR = 0.05  # what a headline covers of a paragraph by chance (common words): not evidence
FREE_MATCH = (
    0.05  # a headline left over naming more than chance of a leadless piece left without one heads it
)
RUBRIC_MAX = 0.05  # a first headline line covering less of its story names none of it: a rubric
COHESION_WINDOW = 4  # paragraphs compared on each side of a loose headline inside a story
LONE_TITLE_TAIL = 2  # paragraphs at a story's end its headline does not name, at least, to be another story
PROSE = 40  # characters a paragraph of running text has on average, at least
SUBHEAD_COHESION = 0.08  # below this the text after a loose headline is about something else: a new story
MIN_SUBTITLE = 0.4  # an unmatched headline line joins a neighbouring group about the same story
ABOVE_BONUS = 0.15  # a headline run right above a story is a little likelier to be its headline…
ABOVE_BONUS_LAYOUT = 0.5  # …and much likelier on a page whose other headlines all stand above their stories
# A dense page holds some 30 stories and 100 headline lines; a page of briefs a few times that. Far beyond
# is no page, and matching headlines to stories (headlines × stories) would cost minutes.
MAX_STORIES = 400
MAX_HEADLINE_LINES = 600


def reconstruct_page(data: bytes | str, *, source: str | None = None) -> Page:
    """Reconstruct one page of raw text into its articles, headlines and furniture."""
    decoded, encoding = text.decode(data)
    text.check_is_page(decoded)
    lines = text.split_lines(decoded)
    if not lines:
        raise PageError("the file is empty")
    if len(lines) > text.MAX_LINES:
        raise PageError(
            f"the file has {len(lines):,} lines of text, too many for one page (limit {text.MAX_LINES:,})"
        )
    blank_separates = text.blank_lines_separate_paragraphs(lines)
    colw = text.column_width(lines)
    blocks = layout.blocks(lines, colw=colw, blank_separates=blank_separates)
    _check_headline_lines(sum(1 for block in blocks if block.kind == "headline"))
    page_cut = cut.page(blocks)
    _check_size(page_cut)
    work = _Work(
        page_cut.segments, page_cut.runs, blank_marks_groups=_has_blank_lines(lines) and blank_separates
    )
    work.resolve_interior_runs()
    work.group_headlines()
    work.assign_headlines()
    articles = work.articles()
    if not articles:
        raise PageError("no story could be read from the text: it holds no paragraph of running text")
    furniture = tuple(_furniture(page_cut.furniture))
    section = next((f.text for f in furniture if f.kind == "section"), None)
    proofreader = next(
        (layout.PROOFREADER.match(f.text).group("name") for f in furniture if f.kind == "proofreader"),  # type: ignore[union-attr]
        None,
    )
    return Page(
        encoding=encoding,
        section=section,
        proofreader=proofreader,
        articles=articles,
        unmatched_headlines=tuple(work.unmatched()),
        furniture=furniture,
        line_count=text.line_count(decoded),
        source=source,
    )


def _check_size(page_cut: cut.Cut) -> None:
    """Refuse what no newspaper prints as one page before matching its headlines to its stories, which
    costs headlines × stories: thousands of stories or headline lines are a list, a dump or an attack."""
    if len(page_cut.segments) > MAX_STORIES:
        raise PageError(
            f"the text cuts into {len(page_cut.segments):,} stories, more than a page holds (limit {MAX_STORIES:,})"
        )
    _check_headline_lines(sum(1 for run in page_cut.runs for block in run.blocks if block.kind == "headline"))


def _check_headline_lines(headlines: int) -> None:
    """Refuse a text of more headline lines than a page holds: checked on the lines first, before the cut
    into stories, which on thousands of stories alike would cost minutes (cut._pull_quotes_down), and
    again on the headlines left between the stories."""
    if headlines > MAX_HEADLINE_LINES:
        raise PageError(
            f"the text has {headlines:,} headline lines, more than a page holds (limit {MAX_HEADLINE_LINES:,})"
        )


def _has_blank_lines(lines: list[text.Line]) -> bool:
    return any(line.blank_after for line in lines[:-1])


def _furniture(blocks: list[Block]) -> list[FurnitureLine]:
    out = []
    for block in blocks:
        line = block.lines[0]
        if layout.PROOFREADER.match(line.text):
            out.append(FurnitureLine("proofreader", line.text, line.no))
        elif block.kind == "section":
            out.append(FurnitureLine("section", line.text, line.no))
        elif layout.EDITOR.match(line.text):
            out.append(FurnitureLine("editor", line.text, line.no))
        elif layout.PAGE_HEADER.match(line.text):
            out.append(FurnitureLine("page_header", line.text, line.no))
        else:
            out.append(FurnitureLine("other", line.text, line.no))
    return out


@dataclass
class _Group:
    blocks: list[Block]
    run: int
    story: int | None = None
    score: float = 0.0
    terms: hl.Terms | None = None
    kicker_first: bool = False  # its first line was merged in as a rubric above the title

    @property
    def texts(self) -> list[str]:
        return [b.text for b in self.blocks]


@dataclass
class _Work:
    """The page's segments and headline runs while headlines are grouped, assigned and stories cut."""

    segments: list[Segment]
    runs: list[HeadlineRun]
    blank_marks_groups: bool  # empty lines stand between some lines, not after every one
    groups: list[_Group] = field(default_factory=list)
    labels: list[tuple[Block, int]] = field(default_factory=list)  # (label line, run index)

    # -- which headline terms each story has ------------------------------------------------------
    _all_terms: frozenset[str] = frozenset()
    _present: dict[int, frozenset[str]] = field(default_factory=dict)
    _vocab: tuple[tuple[int, ...], hl.Vocabulary] | None = None

    def present(self, blocks: list[Block]) -> frozenset[str]:
        """The headline terms found in these paragraphs (each paragraph searched once)."""
        if not self._present:
            # Every story's paragraphs are searched in the end: search them all at once, which is quicker.
            paras = [b for seg in self.segments for b in seg.paras]
            found_each = hl.present_each(self._all_terms, [b.text for b in paras])
            self._present.update(zip(map(id, paras), found_each, strict=True))
        out: set[str] = set()
        for block in blocks:
            found = self._present.get(id(block))
            if found is None:
                found = self._present[id(block)] = hl.present(self._all_terms, block.text)
            out |= found
        return frozenset(out)

    def present_in(self, seg: Segment) -> frozenset[str]:
        """The headline terms found in a story: the union of its paragraphs', which survive a cut."""
        key = -id(seg)
        found = self._present.get(key)
        if found is None:
            found = self._present[key] = self.present(seg.paras)
        return found

    def vocabulary(self) -> hl.Vocabulary:
        """Term weights over the page's stories, fixed once the headlines are grouped: cutting a story in
        two later changes them too little to be worth scoring every pair again."""
        if self._vocab is None:
            self._vocab = ((), hl.Vocabulary([self.present_in(s) for s in self.segments]))
        return self._vocab[1]

    def coverage_row(self, vocab: hl.Vocabulary, group: _Group, segs: list[Segment]) -> list[float]:
        """The group's coverage of each story, remembered: a round of assignment after a cut scores only
        the two new pieces."""
        known = self._coverage.setdefault((id(group), len(group.blocks)), {})
        missing = [seg for seg in segs if id(seg) not in known]
        if missing:
            scores = vocab.coverage_each(group.terms, [self.present_in(seg) for seg in missing])  # type: ignore[arg-type]
            known.update(zip(map(id, missing), scores, strict=True))
        return [known[id(seg)] for seg in segs]

    _coverage: dict[tuple[int, int], dict[int, float]] = field(default_factory=dict)

    # -- subheads or new stories --------------------------------------------------------------------
    def resolve_interior_runs(self) -> None:
        """A loose headline inside a story is a subhead when the text goes on about the same thing.

        On a page that sets its headlines in a block away from the stories, a short loose line inside a
        story is a subhead whatever the text says: the stories' headlines are in the block."""
        self._blocked = any(
            sum(1 for b in run.blocks if b.kind == "headline") >= HEADLINE_BLOCK for run in self.runs
        )
        self._segments_replace([self._resolve(seg, _series(seg.blocks)) for seg in self.segments])

    _blocked: bool = False
    _line_terms: dict[int, hl.Terms] = field(default_factory=dict)  # each headline line's, by block

    def _resolve(self, seg: Segment, series: set[tuple[int, int]]) -> list[Segment]:
        blocks = seg.blocks
        i = 0
        while i < len(blocks):
            if blocks[i].kind not in ("headline", "label"):
                i += 1
                continue
            j = i
            while j < len(blocks) and blocks[j].kind in ("headline", "label"):
                j += 1
            before = [b for b in blocks[:i] if b.kind == "para"]
            after = [b for b in blocks[j:] if b.kind == "para"]
            run = blocks[i:j]
            texts = [b.text for b in run if b.kind == "headline"]
            # A column tag closes a title: the run heads a story of its own. One line introducing
            # something that does not follow (南京市竹山中学周洲——) is a subhead.
            # A title with its subtitle (——携手全球抗疫…) is a headline group too.
            titled = any(hl.COLUMN_TAG.search(t) for t in texts) or any(
                hl.SUBTITLE_CUE.match(t) for t in texts[1:]
            )
            lone_kicker = len(texts) == 1 and hl.KICKER_CUE.search(texts[0]) is not None
            short = not titled and (lone_kicker or _short(run))
            # Local cohesion, as in TextTiling: a few paragraphs either side of the loose lines. It
            # segments both sides, so it is measured only when it decides.
            if (
                not after
                or bool(texts and texts[0][0] in cut.SIDEBAR_MARKS)  # ■专家观点: the story's sidebar
                # Right after 上接第一版 on a line of its own: a subhead opening the continuation.
                or (not before and seg.continues)
                or (short and (lone_kicker or self._blocked or _shape(run) in series))
                # Broken at the column's width like text (see layout._wraps_into): a headline spans columns.
                or (not titled and any(len(b.lines) > 1 for b in run if b.kind == "headline"))
                or (
                    short
                    and hl.cohesion(
                        "".join(b.text for b in before[-COHESION_WINDOW:]),
                        "".join(b.text for b in after[:COHESION_WINDOW]),
                        counts=self._content_words,
                    )
                    >= SUBHEAD_COHESION
                )
            ):
                for b in run:
                    b.kind = "label" if b.kind == "label" else "heading"
                i = j
                continue
            head = Segment(blocks[:i], lead=seg.lead, kind=seg.kind, bylines=seg.bylines)
            # The run stands above the tail's first piece: the tail itself, unless it is cut again.
            slot = len(self._pending_runs)
            self._pending_runs.append((run, Segment(blocks[j:])))
            rest = self._resolve(self._pending_runs[slot][1], series)
            self._pending_runs[slot] = (run, rest[0])
            return [head, *rest]
        return [seg]

    _pending_runs: list[tuple[list[Block], Segment]] = field(default_factory=list)

    def _content_words(self, text: str) -> Counter[str]:
        """`hl.content_words`, remembered for the page: the text after one loose headline is often the text
        before the next, compared again."""
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = hl.content_words(text)
        return found

    _words: dict[str, Counter[str]] = field(default_factory=dict)

    def _segments_replace(self, parts: list[list[Segment]]) -> None:
        """Put each segment's parts (itself, or the pieces it was cut into) in its place, keeping headline
        runs pointing at the right stories: a run above a cut story is above its first piece, a run
        below it below its last. Replaced segments are kept alive: caches are keyed by object id."""
        new = [piece for pieces in parts for piece in pieces]
        index = {id(s): k for k, s in enumerate(new)}
        first = [index[id(pieces[0])] for pieces in parts]
        last = [index[id(pieces[-1])] for pieces in parts]
        for run in self.runs:
            if run.before is not None:
                run.before = first[run.before]
            if run.after is not None:
                run.after = last[run.after]
        for blocks, tail in self._pending_runs:
            k = index[id(tail)]
            self.runs.append(HeadlineRun(blocks, before=k, after=k - 1))
        self._pending_runs.clear()
        self._retired.extend(self.segments)
        self.segments = new

    _retired: list[Segment] = field(default_factory=list)

    # -- grouping -----------------------------------------------------------------------------------
    def group_headlines(self) -> None:
        """Lines of a run form groups (hl.partition): by their cues, the empty lines between them where the
        page marks groups so, and the stories they name; a few lines right above a story are its headline."""
        lines = [b for run in self.runs for b in run.blocks if b.kind != "label"]
        # A column tag names the column, not the story: its words are not looked for in the text.
        texts = [hl.COLUMN_TAG.sub("", b.text) or b.text for b in lines]
        terms = self._line_terms = dict(zip(map(id, lines), hl.Terms.of_each(texts), strict=True))
        self._all_terms = frozenset().union(*(t.all for t in terms.values())) if terms else frozenset()
        paras = [self.present([p]) for seg in self.segments for p in seg.paras]
        seg_of = [k for k, seg in enumerate(self.segments) for _ in seg.paras]  # each paragraph's story
        vocab = hl.Vocabulary(paras)  # terms weighed over paragraphs: what a line names, where
        for r, run in enumerate(self.runs):
            pieces: list[list[Block]] = [[]]
            for block in run.blocks:
                if block.kind == "label":
                    self.labels.append((block, r))
                    pieces.append([])
                else:
                    pieces[-1].append(block)
            for piece in filter(None, pieces):
                # A few lines standing right above a story are its headline, one group, unless two of
                # them close with column tags: two titles.
                tags = sum(1 for b in piece if hl.COLUMN_TAG.search(b.text))
                if run.before is not None and len(piece) <= 3 and len(pieces) == 1 and tags < 2:
                    sizes = [len(piece)]
                else:
                    # What each line names, paragraph by paragraph: on a real page some 20 lines by 100
                    # paragraphs. A page far beyond that (not a page, or a hostile one) is grouped by cues.
                    fits = (
                        [vocab.coverage_each(terms[id(b)], paras) for b in piece]
                        if len(piece) * len(paras) <= FIT_BUDGET
                        else [[] for _ in piece]
                    )
                    together = (
                        [not b.lines[-1].blank_after for b in piece] if self.blank_marks_groups else None
                    )
                    homes = [self._continuation_named(row, seg_of) for row in fits]
                    apart = [a is not None and b is not None and a != b for a, b in pairwise(homes)]
                    sizes = hl.partition([b.text for b in piece], fits, together, apart)
                at = 0
                for size in sizes:
                    group = _Group(piece[at : at + size], run=r)
                    group.terms = hl.Terms.merge([terms[id(b)] for b in group.blocks])
                    self.groups.append(group)
                    at += size

    def _continuation_named(self, fit: list[float], seg_of: list[int]) -> int | None:
        """The continuation of a story from another page (上接第一版 …) a headline line names best of all the
        page's stories, by the paragraph it names best (`fit`, its coverage of each paragraph), if clearly:
        its jump headline. Two lines naming two continuations are two jump headlines, however alike their
        words (统筹发展和安全 / 柔性执法助力企业健康发展)."""
        if not fit:
            return None
        best = max(range(len(fit)), key=fit.__getitem__)
        if fit[best] < MIN_PARAGRAPH_HIT or not self.segments[seg_of[best]].continues:
            return None
        return seg_of[best]

    # -- assignment ---------------------------------------------------------------------------------
    def _candidates(self) -> list[int]:
        """The stories a headline may go to: photos only with a headline right above them (a caption seldom
        shares its title's words, and a story's headline often shares the words of its photo's caption)."""
        above = {run.before for run in self.runs}
        return [k for k, s in enumerate(self.segments) if s.paras and (s.kind != "photo" or k in above)]

    def _scores(self, vocab: hl.Vocabulary, cands: list[int]) -> list[list[float]]:
        segs = [self.segments[k] for k in cands]
        rows = [self.coverage_row(vocab, g, segs) for g in self.groups]
        above = self._right_above(cands)
        bonus = self._above_bonus(rows, cands, above)
        for gi, column in above.items():
            rows[gi][column] += bonus
        return rows

    def _right_above(self, cands: list[int]) -> dict[int, int]:
        """Group index -> candidate column, for each run's last group standing right above a story."""
        last = {g.run: gi for gi, g in enumerate(self.groups)}  # the last group of each run wins
        return {
            gi: cands.index(self.runs[r].before) for r, gi in last.items() if self.runs[r].before in cands
        }

    def _above_bonus(self, rows: list[list[float]], cands: list[int], above: dict[int, int]) -> float:
        """How much standing right above a story counts: much on a page laid out that way, little otherwise."""
        fits = sum(
            rows[gi][column] >= max(rows[gi]) - 1e-9 and max(rows[gi]) >= hl.MIN_MATCH
            for gi, column in above.items()
        )
        return ABOVE_BONUS_LAYOUT if len(above) >= 2 and fits >= 0.6 * len(above) else ABOVE_BONUS

    def assign_headlines(self) -> None:
        for _ in range(SPLIT_ROUNDS):
            vocab = self.vocabulary()
            cands = self._candidates()
            if not self.groups or not cands:
                return
            scores = self._scores(vocab, cands)
            chosen = hl.assign(scores)
            for gi, g in enumerate(self.groups):
                col = chosen.get(gi)
                g.story = cands[col] if col is not None else None
                g.score = scores[gi][col] if col is not None else 0.0
            while self._hand_headline_to_photo():
                pass
            if not (
                self._split_by_headlines(vocab, cands)
                or self._split_after_closers()
                or self._split_for_unmatched(vocab, cands, scores)
                or self._split_for_lone_title(vocab, cands)
            ):
                break
        while self._hand_headline_to_photo():
            pass
        self._openers_under_headlines()
        self._merge_unmatched_lines()
        self._headlines_above_headless_stories()
        self._free_headlines_to_headless()
        self._titles_under_kickers()
        self._mark_rubrics()
        self._rejoin_headless_tails()

    def _openers_under_headlines(self) -> None:
        """A piece with no lead and no headline, standing right under a headline that went to the story just
        after it, opens that story: a summary or pull quote set above the report's dateline (今年下一阶段，要…
        over 新华社北京5月15日电 …) that the report does not repeat on this page (its repeat went on with
        the jump to another page). The headline stands above it, and the story it named has none of its own."""
        heads = {g.story: g for g in self.groups if g.story is not None}
        for r, run in enumerate(self.runs):
            k = run.before
            if k is None or k in heads:
                continue
            seg = self.segments[k]
            after = next((j for j in range(k + 1, len(self.segments)) if self.segments[j].blocks), None)
            group = [g for g in self.groups if g.run == r][-1:]
            if (
                after is None
                or not group
                or group[0].story != after
                or seg.lead is not None
                or seg.kind is not None
                or not seg.paras
            ):
                continue
            nxt = self.segments[after]
            if nxt.lead is None or nxt.continues or nxt.kind is not None:
                continue
            nxt.blocks[:0] = seg.blocks
            seg.blocks = []
            for moved in (seg, nxt):  # what was read of their text no longer holds
                moved.__dict__.pop("text", None)
                self._present.pop(-id(moved), None)

    def _rejoin_headless_tails(self) -> None:
        """A piece with no lead and no headline after a story (a sidebar after the story's closing
        byline: ■专家观点 …) goes back to the story above it: no headline on the page names it. Its blocks
        move; the emptied piece is left out of the articles."""
        headed = self._headed()
        for g in self.groups:  # a roundup's headline went to its second report: it heads the first
            k = g.story
            first = self.segments[k - 1] if k else None
            if (
                k
                and first is not None
                and k - 1 not in headed
                and first.kind is None
                and first.paras
                and (
                    self._heads_roundup(g, k - 1)
                    # On a page of continuations, the first report may be the end of one from another
                    # page, when the headline stands in a block, not right above the second report.
                    or (
                        self.runs[g.run].before != k
                        and self._heads_roundup(g, k)
                        and self._heads_roundup(g, k - 1, continuation=True)
                    )
                )
            ):
                g.story = k - 1
                headed = self._headed()
        tops = {run.before for run in self.runs}
        # On a page whose headlines all stand right above their stories, a piece with none above it goes on
        # from the story before, lead or not: the report after a letter, its second dateline (回信 … /
        # （新华社北京4月30日电） / 新华社北京4月30日电 在…).
        leads_too = len(headed) >= 2 and headed <= tops
        headed |= tops
        heads = {g.story: g for g in self.groups if g.story is not None}
        above: int | None = None
        for k, seg in enumerate(self.segments):
            if (
                above is not None
                and k not in headed
                and (seg.lead is None or self._goes_on_despite_lead(heads.get(above), above, k, leads_too))
                and seg.kind is None
                and seg.paras
                and self.segments[above].kind != "photo"
                and not _jumps_away(self.segments[above])
            ):
                self.segments[above].blocks.extend(seg.blocks)
                seg.blocks = []
                continue
            above = k if seg.blocks else above

    def _goes_on_despite_lead(self, group: _Group | None, above: int, k: int, leads_too: bool) -> bool:
        """Whether piece k, which has a lead, goes on from the story above it all the same: on a page whose
        headlines all stand above their stories, when no headline stands above it (the report after a letter),
        unless the story above is a continuation from another page, which ends where another story begins;
        or when the headline above names both (a roundup)."""
        return (leads_too and not self.segments[above].continues) or self._heads_roundup(group, k)

    def _heads_roundup(self, group: _Group | None, k: int, *, continuation: bool = False) -> bool:
        """Whether a story's headline names the headless report after it, and better than any other
        headline does: reports from several places under one headline (青海完成营造林… 吉林保护恢复湿地…), each
        with its own dateline. A report that jumps to another page needs only to be named at all: a page
        sends no headless brief on, and the few words it prints before the jump say little. A continuation
        (上接第一版) is such a report only where the caller allows it."""
        seg = self.segments[k]
        lead = seg.lead
        kinds = ("dateline", "jump") if continuation else ("dateline",)
        if group is None or group.terms is None or lead is None or lead.kind not in kinds:
            return False
        vocab = self.vocabulary()
        have = self.present_in(seg)
        fit = vocab.coverage(group.terms, have)
        return (
            fit > 0
            and (fit >= hl.MIN_MATCH or _jumps_away(seg))
            and all(
                vocab.coverage(g.terms, have) <= fit
                for g in self.groups
                if g is not group and g.terms is not None
            )
        )

    def _free_headlines_to_headless(self) -> None:
        """Headlines no story took go to the photos left without a title: each to the caption it names best
        (丰收的大白菜 over a caption about cabbages). Then one headline left over and one photo or leadless
        piece left over go together: a photo's title (赏花时节) seldom repeats its caption's words, nor a
        feature's (五洲共欢庆 四海同迎春) its text. The score stays 0, for the review queue; a story with a lead
        may be a brief printed without a headline, and keeps none."""
        free = [g for g in self.groups if g.story is None]
        if not free:
            return
        photos = self._titleless_photos()
        vocab = self.vocabulary()
        scores = [
            [vocab.coverage(g.terms, self.present_in(self.segments[k])) if g.terms else 0.0 for k in photos]
            for g in free
        ]
        for gi, col in hl.assign(scores).items():
            free[gi].story, free[gi].score = photos[col], scores[gi][col]
        # Then to the leadless pieces left without a title that they name, however little (a story cut short
        # by its jump to another page says less of its headline than a whole one), each to the one it names
        # best of those.
        free = [g for g in free if g.story is None and g.terms is not None]
        leadless = [
            k for k in self._headless() if self.segments[k].lead is None and self.segments[k].kind is None
        ]
        scores = [
            [vocab.coverage(g.terms, self.present_in(self.segments[k])) for k in leadless] for g in free
        ]  # type: ignore[arg-type]
        for gi, col in hl.assign(scores, minimum=FREE_MATCH).items():
            free[gi].story, free[gi].score = leadless[col], scores[gi][col]
        free = [g for g in self.groups if g.story is None]
        headless = self._headless()
        if len(free) == 1 and len(headless) == 1:
            lone = self.segments[headless[0]]
            if lone.kind == "photo" or lone.lead is None:
                free[0].story, free[0].score = headless[0], 0.0

    def _hand_headline_to_photo(self) -> bool:
        """A story's headline that names a titleless photo's caption better than the story goes to the photo,
        when a headline left over names the story: photos are no candidates in the assignment (a caption
        seldom shares its title's words), so a headline fitting both went to the story and pushed the
        story's own headline out. Whether one such exchange was made."""
        photos = self._titleless_photos()
        if not photos:
            return False
        vocab = self.vocabulary()
        free = [
            g for g in self.groups if g.story is None and g.terms is not None and not self._names_photo(g)
        ]
        best: tuple[float, _Group, _Group, int] | None = None
        for g in self.groups:
            if g.story is None or g.terms is None or self.segments[g.story].kind == "photo":
                continue
            own = vocab.coverage(g.terms, self.present_in(self.segments[g.story]))
            for k in photos:
                there = vocab.coverage(g.terms, self.present_in(self.segments[k]))
                if there < own:
                    continue
                for f in free:
                    instead = vocab.coverage(f.terms, self.present_in(self.segments[g.story]))
                    gain = there + instead - own
                    if instead >= hl.MIN_MATCH and (best is None or gain > best[0]):
                        best = (gain, g, f, k)
        if best is None:
            return False
        _, g, f, k = best
        f.story, f.score = g.story, vocab.coverage(f.terms, self.present_in(self.segments[g.story]))  # type: ignore[arg-type]
        g.story, g.score = k, vocab.coverage(g.terms, self.present_in(self.segments[k]))  # type: ignore[arg-type]
        return True

    def _titles_under_kickers(self) -> None:
        """A line nobody took, right below a longer lone line that took a story and naming that story more
        than any other, however little, is its title: a kicker spells out who or what (某市湿地保护中心主任某某),
        the title says little in the editor's words (一生守望), too little to take the story alone."""
        vocab = self.vocabulary()
        for g in [g for g in self.groups if g.story is None and g.terms is not None]:
            run = [x for x in self.groups if x.run == g.run]
            pos = run.index(g)
            above = run[pos - 1] if pos else None
            if above is None or above.story is None or not _spells_out(above, g):
                continue
            fit = vocab.coverage(g.terms, self.present_in(self.segments[above.story]))
            if fit > HIT_FLOOR and fit >= self._best_fit(g):
                above.blocks += g.blocks
                above.terms = hl.Terms.merge([above.terms, g.terms]) if above.terms else g.terms
                above.kicker_first = True
                self.groups.remove(g)

    def _best_fit(self, group: _Group) -> float:
        """How well a group names the story it names best."""
        vocab = self.vocabulary()
        return max(
            (
                vocab.coverage(group.terms, self.present_in(s))
                for s in self.segments
                if s.paras and group.terms
            ),
            default=0.0,
        )

    def _titleless_photos(self) -> list[int]:
        return [k for k in self._headless() if self.segments[k].kind == "photo"]

    def _headed(self) -> set[int]:
        return {g.story for g in self.groups if g.story is not None}

    def _headless(self) -> list[int]:
        headed = self._headed()
        return [k for k, s in enumerate(self.segments) if s.paras and k not in headed]

    def _mark_rubrics(self) -> None:
        """A two-line headline whose first line names nothing the story says (a rubric such as 新春走基层)
        and whose second does is a kicker and a title, however long each line is."""
        vocab = self.vocabulary()
        for g in self.groups:
            if g.story is None or len(g.blocks) != 2 or g.kicker_first:
                continue
            have = self.present_in(self.segments[g.story])
            first, second = (vocab.coverage(self._line_terms[id(b)], have) for b in g.blocks)
            g.kicker_first = first < RUBRIC_MAX < hl.MIN_MATCH <= second

    def _headlines_above_headless_stories(self) -> None:
        """A story nobody's headline matched takes the unmatched group standing right above it: its words
        may all be the editor's (让群众感受到公平正义 over a text that never says so). The low score stays
        as its confidence, for the review queue."""
        headed = self._headed()
        candidates = {
            k for k, s in enumerate(self.segments) if s.paras
        }  # photos too: 赏花时节 over a caption
        for r, run in enumerate(self.runs):
            if run.before is None or run.before in headed or run.before not in candidates:
                continue
            last = [g for g in self.groups if g.run == r][-1:]
            if last and last[0].story is None:
                last[0].story = run.before
                headed.add(run.before)

    def _split_by_headlines(self, vocab: hl.Vocabulary, cands: list[int]) -> bool:
        """Cut stories where paragraphs talk of a headline no story took (see stories.labels)."""
        free = [
            g for g in self.groups if g.story is None and g.terms is not None and not self._names_photo(g)
        ]
        if not free:
            return False
        heads = {g.story: g for g in self.groups if g.story is not None}

        def starts(k: int, seg: Segment) -> list[int]:
            paras = seg.paras
            # Beyond a real page's size (see FIT_BUDGET), stories are cut by the coarser rule alone.
            if k not in cands or len(paras) < 2 or len(free) * len(paras) > FIT_BUDGET:
                return []
            haves = [self.present([p]) for p in paras]
            own = heads.get(k)
            # Each headline's coverage of each paragraph, the headlines no paragraph talks of left out.
            hits = [(g, vocab.coverage_each(g.terms, haves)) for g in free if not self._beside(g, own)]  # type: ignore[arg-type]
            hits = [(g, row) for g, row in hits if max(row) >= MIN_PARAGRAPH_HIT]
            if not hits:
                return []
            labels = [own] + [g for g, _ in hits]
            terms = _distinctive(own.terms if own else None, [g.terms for g, _ in hits if g.terms])
            rows = [
                [max(0.0, h - HIT_FLOOR) for h in vocab.coverage_each(t, haves)] if t else [0.0] * len(paras)
                for t in terms
            ]
            edges = self._edges(paras)
            costs = [
                stories.NEW_TITLED_STORY
                if g is not None and g is not own and any(hl.COLUMN_TAG.search(t) for t in g.texts)
                else stories.NEW_STORY
                for g in labels
            ]
            labelled = stories.settle(
                stories.labels(rows, edges, costs), rows, edges, [p.text for p in paras]
            )
            return [i for i in range(1, len(paras)) if labelled[i] != labelled[i - 1]]

        return self._cut_segments(starts)

    def _split_after_closers(self) -> bool:
        """A story's closing note (（本报莫斯科、开罗电 记者…）, （作者为…）) followed by more text, while a headline
        is left over: the text after the note is another story, whatever words its headline uses."""
        if not any(g.story is None for g in self.groups):
            return False
        return self._cut_segments(
            lambda _, seg: [
                i for i in range(1, len(seg.paras)) if stories.STORY_CLOSER.match(seg.paras[i - 1].text)
            ]
        )

    def _cut_segments(self, starts: Callable[[int, Segment], list[int]]) -> bool:
        """Cut each segment k before the paragraphs `starts(k, segment)` gives; whether any was cut."""
        parts = [
            _cut_segment(seg, cut) if (cut := starts(k, seg)) else [seg]
            for k, seg in enumerate(self.segments)
        ]
        if all(len(part) == 1 for part in parts):
            return False
        self._segments_replace(parts)
        return True

    def _edges(self, paras: list[Block], *, words: bool = True) -> list[float]:
        """How clearly a story may begin at each of these paragraphs (stories.edge_strength). What comes
        after a possible edge is read over two paragraphs: one may be a figure alone (99.1%). Without
        `words`, only what the text says outright (openers, closers, a paragraph going on) counts, not how
        little the words of the two sides share."""
        grams = [self._bigrams(p) if words else set() for p in paras]
        return [0.0] + [
            stories.edge_strength(
                paras[i - 1].text,
                paras[i].text,
                grams[i - 1],
                grams[i].union(*grams[i + 1 : i + 2]),
                "".join(p.text for p in paras[max(0, i - stories.CONTEXT) : i - 1]),
                paras[i + 1].text if i + 1 < len(paras) else "",
            )
            for i in range(1, len(paras))
        ]

    def _bigrams(self, block: Block) -> set[str]:
        found = self._grams.get(id(block))
        if found is None:
            found = self._grams[id(block)] = hl.bigrams(block.text)
        return found

    _grams: dict[int, set[str]] = field(default_factory=dict)

    def _beside(self, line: _Group, group: _Group | None) -> bool:
        """Two groups side by side in one run, one of them a single line: likelier one story's kicker or
        subtitle and title than the headlines of two stories inside it."""
        if group is None or min(len(line.blocks), len(group.blocks)) != 1 or line.run != group.run:
            return False
        # Each closed by a column tag: two titles, for a tag closes a title and no kicker or subtitle bears one.
        if all(any(hl.COLUMN_TAG.search(t) for t in g.texts) for g in (line, group)):
            return False
        run = [g for g in self.groups if g.run == line.run]
        return abs(run.index(line) - run.index(group)) == 1

    def _names_photo(self, group: _Group) -> bool:
        """A headline left over that names what a photo without a title shows better than it names any
        story (武汉复工忙 over a caption of works in 武汉 back at work) is the photo's title, not a reason to
        cut a story in two."""
        if group.terms is None:
            return False
        vocab = self.vocabulary()
        fit = {
            k: vocab.coverage(group.terms, self.present_in(s)) for k, s in enumerate(self.segments) if s.paras
        }
        photo = max((fit[k] for k in self._titleless_photos()), default=0.0)
        return photo >= hl.MIN_MATCH and photo >= max(fit.values())

    def _split_for_unmatched(self, vocab: hl.Vocabulary, cands: list[int], scores: list[list[float]]) -> bool:
        """An unmatched headline whose story already has one: cut that story where its halves differ most."""
        best: tuple[float, int, hl.Terms, hl.Terms] | None = None  # gain, segment, the two headlines' terms
        for gi, g in enumerate(self.groups):
            if g.story is not None or self._names_photo(g):
                continue
            col = max(range(len(cands)), key=lambda c: scores[gi][c])
            if scores[gi][col] < hl.MIN_MATCH:
                continue
            k = cands[col]
            owner = next((x for x in self.groups if x.story == k), None)
            if owner is None or owner.terms is None or g.terms is None:
                continue
            gain = self._split_gain(vocab, self.segments[k], owner.terms, g.terms)
            if best is None or gain > best[0]:
                best = (gain, k, owner.terms, g.terms)
        if best is None or best[0] < hl.MIN_SPLIT_GAIN:
            return False
        _, k, owner_terms, terms = best
        seg = self.segments[k]
        at = self._cut_between(vocab, seg.paras, [self.present([p]) for p in seg.paras], owner_terms, terms)
        cut_block = seg.blocks.index(seg.paras[at])
        head = Segment(seg.blocks[:cut_block], lead=seg.lead, kind=seg.kind, bylines=seg.bylines)
        tail = Segment(seg.blocks[cut_block:])
        self._segments_replace([[head, tail] if n == k else [s] for n, s in enumerate(self.segments)])
        return True

    def _split_gain(self, vocab: hl.Vocabulary, seg: Segment, owner: hl.Terms, other: hl.Terms) -> float:
        """How much more exclusive two halves of a story, one for each headline, can be than the whole: the
        best over the cuts before each paragraph, either headline above."""
        found = [self.present([p]) for p in seg.paras]
        if len(found) < 2:
            return 0.0
        # The terms above and below each cut, grown one paragraph at a time rather than joined afresh.
        above = list(accumulate(found, frozenset.union))
        below = list(accumulate(reversed(found), frozenset.union))[::-1]
        lefts, rights = above[:-1], below[1:]  # the halves of the cuts before paragraphs 1, 2, …
        owner_left, owner_right = vocab.coverage_each(owner, lefts), vocab.coverage_each(owner, rights)
        other_left, other_right = vocab.coverage_each(other, lefts), vocab.coverage_each(other, rights)
        return max(
            abs((owner_left[at] - owner_right[at]) + (other_right[at] - other_left[at]))
            for at in range(len(lefts))
        )

    def _split_for_lone_title(self, vocab: hl.Vocabulary, cands: list[int]) -> bool:
        """A title closed by its column tag that no story took and no text names heads a story of its own:
        a feature whose title is all the editor's words (高山新房“长”出来 over a text of 竹房 and 瓦房). It
        is the end of a story that its headline stops naming and whose words the story's first part does
        not share (SUBHEAD_COHESION): cut there, and the title goes to the piece left without one."""
        if not any(
            g.story is None and any(hl.COLUMN_TAG.search(t) for t in g.texts) and not self._names_photo(g)
            for g in self.groups
        ):
            return False
        best: tuple[float, int, int] | None = None  # cohesion, segment, paragraph index
        for g in self.groups:
            if g.story is None or g.story not in cands or g.terms is None:
                continue
            paras = self.segments[g.story].paras
            hits = vocab.coverage_each(g.terms, [self.present([p]) for p in paras])
            at = len(paras)
            while at > 0 and hits[at - 1] < MIN_PARAGRAPH_HIT:
                at -= 1
            tail = paras[at:]
            # Running text, not a list of short items (书名：… 作者：…) closing a story.
            prose = sum(len(p.text) for p in tail) >= PROSE * len(tail)
            if not (0 < at <= len(paras) - LONE_TITLE_TAIL and prose):
                continue
            head = "".join(p.text for p in paras[:at])
            together = hl.cohesion(head, "".join(p.text for p in tail), counts=self._content_words)
            if together < SUBHEAD_COHESION and (best is None or together < best[0]):
                best = (together, g.story, at)
        if best is None:
            return False
        _, k, at = best
        self._segments_replace(
            [_cut_segment(s, [at]) if n == k else [s] for n, s in enumerate(self.segments)]
        )
        return True

    def _cut_between(
        self,
        vocab: hl.Vocabulary,
        paras: list[Block],
        found: list[frozenset[str]],
        a: hl.Terms,
        b: hl.Terms,
    ) -> int:
        """Where to cut paragraphs between two headlines' stories: the paragraph before which the sum of
        what each headline's own words cover of each paragraph on its side is greatest, read both ways up,
        a cut being likelier where the text shows a story's edge (stories.edge_strength)."""
        a_own, b_own = _distinctive(a, [b])
        rows = [[max(0.0, h - HIT_FLOOR) for h in vocab.coverage_each(t, found)] for t in (a_own, b_own)]  # type: ignore[arg-type]
        edges = self._edges(paras, words=False)
        up = [list(accumulate(row, initial=0.0)) for row in rows]
        total = [u[-1] for u in up]

        def fit(at: int, first: int) -> float:
            return up[first][at] + total[1 - first] - up[1 - first][at] + stories.EDGE_BONUS * edges[at]

        at, first = max(
            ((at, first) for at in range(1, len(paras)) for first in (0, 1)), key=lambda c: fit(*c)
        )

        # Paragraphs neither headline names just above the cut open the story below, unless they go on
        # from the text above them.
        def quiet(p: int) -> bool:
            return rows[0][p] <= 0 and rows[1][p] <= 0 and edges[p] >= 0

        while at > 1 and edges[at] < 1.0 and quiet(at - 1):
            at -= 1
        return at

    def _merge_unmatched_lines(self) -> None:
        """A group of a line or two nobody took, next to a group about the same story, is that group's kicker,
        subtitle or title (a kicker that took the story alone, and its title set on two lines)."""
        vocab = self.vocabulary()
        for g in list(self.groups):
            if g.story is not None or len(g.blocks) > GROUP_MAX - 1 or self._names_photo(g):
                continue
            same_run = [x for x in self.groups if x.run == g.run]
            pos = same_run.index(g)
            for nb in (
                same_run[pos - 1] if pos else None,
                same_run[pos + 1] if pos + 1 < len(same_run) else None,
            ):
                if (
                    nb is None
                    or nb.story is None
                    or len(nb.blocks) + len(g.blocks) > GROUP_MAX
                    or g.terms is None
                ):
                    continue
                score = vocab.coverage(g.terms, self.present_in(self.segments[nb.story]))
                # A rubric like 新春走基层 names no story's words, but standing first in a run right above
                # the story its next group heads, it is that group's kicker.
                rubric = pos == 0 and nb is same_run[1] and self.runs[g.run].before == nb.story
                # A title under its kicker may name the story in few words of its own (古村韵味长 under 李宅村),
                # however little, as long as no other story more.
                named = score >= hl.MIN_MATCH or (score > HIT_FLOOR and score >= self._best_fit(g))
                if score >= MIN_SUBTITLE or rubric or (named and _kicker_over_title(nb, g)):
                    nb.kicker_first = nb.kicker_first or (rubric and score < MIN_SUBTITLE)
                    nb.blocks = sorted(nb.blocks + g.blocks, key=lambda b: b.first)
                    nb.terms = hl.Terms.merge([nb.terms, g.terms]) if nb.terms else g.terms
                    self.groups.remove(g)
                    break

    # -- output -------------------------------------------------------------------------------------
    def unmatched(self) -> list[HeadlineGroup]:
        out = []
        for g in self.groups:
            if g.story is None:
                kicker, title, subtitle = hl.roles(g.texts)
                out.append(HeadlineGroup(kicker, title, subtitle, tuple(b.first for b in g.blocks)))
        for block, _ in self.labels:
            if not any(block is b for b, _ in self._placed_labels):
                out.append(HeadlineGroup(None, None, None, (block.first,), label=block.text))
        return out

    _placed_labels: list[tuple[Block, int]] = field(default_factory=list)

    def _place_labels(self) -> dict[int, list[Block]]:
        """A sidebar label belongs to a story headed from the same run, the nearer the likelier;
        a reporter's notes (记者手记) to the story that talks of the reporter."""
        placed: dict[int, list[Block]] = {}
        for block, r in self.labels:
            near = sorted(
                (abs(g.blocks[0].first - block.first), g.story)
                for g in self.groups
                if g.run == r and g.story is not None
            )
            if not near:
                run = self.runs[r]
                near = [(0, s) for s in (run.after, run.before) if s is not None and self.segments[s].blocks]
            if not near:
                continue

            rank = {story: n for n, (_, story) in enumerate(near)}
            reporter_notes = "记者" in block.text
            k = max(
                near,
                key=lambda item, rank=rank, notes=reporter_notes: (
                    (self.segments[item[1]].text.count("记者") if notes else 0) + 1 / (1 + rank[item[1]])
                ),
            )[1]
            placed.setdefault(k, []).append(block)
            self._placed_labels.append((block, k))
        return placed

    def articles(self) -> tuple[Article, ...]:
        labels = self._place_labels()
        heads = {g.story: g for g in self.groups if g.story is not None}
        order = sorted(
            (k for k, seg in enumerate(self.segments) if seg.blocks), key=lambda k: self.segments[k].first
        )
        out = []
        for position, k in enumerate(order, start=1):
            out.append(_article(position, self.segments[k], heads.get(k), labels.get(k, [])))
        return tuple(out)


def _jumps_away(seg: Segment) -> bool:
    """Whether a story ends with its `下转第二版`: it goes on on another page, not with the text below it."""
    last = next((b for b in reversed(seg.blocks) if b.kind in ("para", "jump")), None)
    return last is not None and bl.ends_with_jump(last.text)


def _distinctive(own: hl.Terms | None, free: list[hl.Terms]) -> list[hl.Terms | None]:
    """The story's own headline's terms less those of the headlines left over, and each of those less the
    own headline's: a feature and a commentary on one topic (平台经济 in both headlines) say nothing by their
    shared words of where one ends. A headline all of whose terms the other side has keeps them all."""
    others = hl.Terms.merge(free)
    pairs = [(own, others)] + [(t, own) for t in free]
    return [_less(t, o) if t is not None else None for t, o in pairs]


def _less(terms: hl.Terms, other: hl.Terms | None) -> hl.Terms:
    if other is None:
        return terms
    rest = hl.Terms(terms.words - other.words, terms.grams - other.grams)
    return rest if rest.words or rest.grams else terms


def _spells_out(line: _Group, below: _Group) -> bool:
    """A lone untagged line longer than the lone line below it: a kicker spelling out what the title says
    in few words."""
    return (
        len(line.blocks) == len(below.blocks) == 1
        and not hl.COLUMN_TAG.search(line.texts[0])
        and hl.visible_len(line.texts[0]) > hl.visible_len(below.texts[0])
    )


def _kicker_over_title(line: _Group, group: _Group) -> bool:
    """A lone untagged line right above a group closed by its column tag: a kicker over its title, which
    may name the story in words of its own (你出钱 / 我护林（…）)."""
    return (
        len(line.blocks) == 1
        and line.blocks[0].first < group.blocks[0].first
        and not hl.COLUMN_TAG.search(line.texts[0])
        and hl.COLUMN_TAG.search(group.texts[-1]) is not None
    )


def _runs(blocks: list[Block]) -> list[list[Block]]:
    """The runs of loose headline lines among a segment's blocks, in order."""
    out: list[list[Block]] = []
    for b in blocks:
        if b.kind not in ("headline", "label"):
            if out and out[-1]:
                out.append([])
            continue
        if not out:
            out.append([])
        out[-1].append(b)
    return [r for r in out if r]


def _short(run: list[Block]) -> bool:
    """Every headline line of the run is as short as a subhead."""
    return all(b.lines[0].width <= layout.SUBHEAD_MAX for b in run if b.kind == "headline")


def _shape(run: list[Block]) -> tuple[int, int]:
    """How a run of loose lines is set: how many lines, and how long the last."""
    return len(run), hl.visible_len(run[-1].text)


def _series(blocks: list[Block]) -> set[tuple[int, int]]:
    """The shapes that SERIES or more runs of short loose lines inside one story share: a series of subheads
    (莫斯科 / 联欢贺新年, 曼谷 / 商场办庙会, …; 春蕾绽放, 爱心汇聚, 相伴成长), cut to one pattern by the
    editor, where the headlines of different stories would differ."""
    shapes = Counter(_shape(run) for run in _runs(blocks) if _short(run))
    return {shape for shape, n in shapes.items() if n >= SERIES}


def _cut_segment(seg: Segment, starts: list[int]) -> list[Segment]:
    """The segment cut before each of these paragraphs (indices into its paragraphs); a subhead or a
    headline line standing right before a cut goes with the story below it."""
    cuts = []
    for i in starts:
        at = seg.blocks.index(seg.paras[i])
        while at > 0 and seg.blocks[at - 1].kind in ("heading", "headline", "label"):
            at -= 1
        cuts.append(at)
    bounds = [0, *cuts, len(seg.blocks)]
    pieces = [seg.blocks[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    head = Segment(pieces[0], lead=seg.lead, kind=seg.kind, bylines=seg.bylines)
    return [head, *(Segment(blocks) for blocks in pieces[1:])]


# A block's kind -> its paragraph's kind (the rest are body text).
_PARAGRAPH_KIND = {
    "para": BODY,
    "byline": BYLINE,
    "credit": BYLINE,
    "closing": BYLINE,
    "jump": JUMP,
    "label": LABEL,
}


def _paragraphs(seg: Segment) -> list[Paragraph]:
    out: list[Paragraph] = []
    blocks = seg.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "heading":
            j = i
            while j < len(blocks) and blocks[j].kind == "heading":
                j += 1
            run = blocks[i:j]
            out.append(Paragraph(HEADING, " ".join(b.text for b in run), (run[0].first, run[-1].last)))
            i = j
            continue
        kind = _PARAGRAPH_KIND.get(block.kind, BODY)
        out.append(Paragraph(kind, block.text, (block.first, block.last)))
        i += 1
    return _turn(out, seg.blocks)


def _turn(paragraphs: list[Paragraph], blocks: list[Block]) -> list[Paragraph]:
    """A continuation's opening as the reader meets it: `上接第一版` and the text of the same paragraph, when
    the page cut a paragraph (the text after the marker runs on flush, on its line or the next); the marker
    alone, then a paragraph of its own, when the continuation begins a paragraph (indented after the
    marker: `　　（上接第一版）南通与苏州…`)."""
    if not paragraphs or bl.continued_from(paragraphs[0].text) is None:
        return paragraphs
    first, rest = paragraphs[0], paragraphs[1:]
    paras = [b for b in blocks if b.kind in ("para", "jump")]
    if (
        first.kind == JUMP
        and rest
        and rest[0].kind == BODY
        and len(paras) > 1
        and not paras[1].lines[0].indented
    ):
        joined = f"{first.text} {rest[0].text}"
        return [Paragraph(BODY, joined, (first.lines[0], rest[0].lines[1])), *rest[1:]]
    marker = bl.CONTINUED_FROM.match(first.text)
    after = first.text[marker.end() :].strip() if marker else ""
    if first.kind == BODY and after and paras and paras[0].lines[0].indented:
        opening = (first.lines[0], first.lines[0])  # the marker's line
        return [Paragraph(JUMP, marker.group(), opening), Paragraph(BODY, after, first.lines), *rest]  # type: ignore[union-attr]
    return paragraphs


def _bylines(seg: Segment) -> tuple[Byline, ...]:
    seen: dict[tuple[str, str], Byline] = {}
    for b in seg.bylines:
        seen.setdefault((b.name, b.role), b)
    return tuple(seen.values())


def _kind(seg: Segment, paragraphs: list[Paragraph], bylines: tuple[Byline, ...]) -> str:
    if seg.kind == "photo":
        return PHOTO
    roles = Counter(b.role for b in bylines)
    if roles and set(roles) == {AUTHOR}:  # signed by its author alone: □ 张三 above, or （张三） below
        return COMMENTARY
    if seg.kind == "feature" or any(p.kind == HEADING for p in paragraphs):
        return FEATURE if roles.get(REPORTER) or any(p.kind == HEADING for p in paragraphs) else NEWS
    return NEWS


def _article(position: int, seg: Segment, group: _Group | None, labels: list[Block]) -> Article:
    paragraphs = _paragraphs(seg)
    bylines = _bylines(seg)
    kicker = title = subtitle = None
    headline_lines: tuple[int, ...] = ()
    if group is not None:
        kicker, title, subtitle = hl.roles(group.texts, kicker_first=group.kicker_first)
        headline_lines = tuple(b.first for b in group.blocks)
    headline_lines += tuple(b.first for b in labels)
    dateline = seg.lead.dateline if seg.lead else None
    body_text = "\n".join(p.text for p in paragraphs if p.kind in (BODY, HEADING))
    resolution = places.resolve_places(
        dateline_place=dateline.place if dateline else None,
        text=body_text,
        title=" ".join(filter(None, (kicker, title, subtitle))),
    )
    first_text = paragraphs[0].text if paragraphs else ""
    jump_texts = " ".join(p.text for p in paragraphs[-2:])
    return Article(
        position=position,
        kind=_kind(seg, paragraphs, bylines),
        kicker=kicker,
        title=title,
        subtitle=subtitle,
        dateline=dateline,
        bylines=bylines,
        region=resolution.region,
        places=resolution.places,
        continued_from_page=bl.continued_from(first_text),
        continued_to_page=bl.continued_to(jump_texts),
        paragraphs=tuple(paragraphs),
        labels=tuple(b.text for b in labels),
        headline_lines=headline_lines,
        confidence=Confidence(
            headline=min(1.0, group.score) if group else 0.0,
            lead=seg.lead is not None or seg.kind in ("photo", "feature"),
            places_unresolved=resolution.unresolved,
        ),
    )
