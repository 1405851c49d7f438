"""The page's stories and headline groups while headlines are read: `Work` holds them with the caches every
step shares (the headline terms found in each paragraph and story, the terms' weights, each group's coverage
of each story), decides which loose headlines inside a story are subheads and which open a story, and groups
the headline lines. Then assign.py assigns the groups to stories, splits.py cuts stories where another
headline fits, and leftovers.py places what is left over."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise

from . import bylines as bl
from . import columns, cut, layout, stories
from . import headlines as hl
from . import similarity as sim
from .cut import HeadlineRun, Segment
from .layout import Block
from .text import ends_sentence, join_text

SERIES = 3  # this many runs of loose lines set alike inside a story: its subheads
# A subhead set as two phrases and a space (跨江联动 全力构建区域交通体系新格局), as a feature sets its series.
COUPLET_SUBHEAD = re.compile(r"^[\u4e00-\u9fff“”]{2,10} [\u4e00-\u9fff“”]{2,16}$")
# Subheads so set in a story, at least, the one above its text among them, to be its series.
SUBHEAD_SERIES = 2
SERIES_SLACK = 2  # characters by which the last lines of runs set alike may differ
MIN_PARAGRAPH_HIT = 0.15  # a headline covering less of every paragraph of a story is not in it
FIT_BUDGET = 50_000  # headline lines × paragraphs compared when grouping a run of headlines
ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])"
)  # 二、 / （二）
HEADLINE_BLOCK = 4  # this many headline lines together: the page sets its headlines in a block
GROUP_MAX = 4  # lines of one headline group, at most: a kicker, a title set on two lines, a subtitle
HIT_FLOOR = 0.05  # what a headline covers of a paragraph by chance (common words): not evidence
COHESION_WINDOW = 4  # paragraphs compared on each side of a loose headline inside a story
SUBHEAD_COHESION = 0.08  # below this the text after a loose headline is about something else: a new story
SUBHEADS_SET = 2  # subheads a story has set already, at least, for the text after its next to turn further
INTRODUCING = ("——", "：", ":")  # how a subhead introducing what follows it closes (南京市竹山中学周洲——)
SERIES_OF_PARTS = 2  # parts so introduced, at least, to be a series of profiles


@dataclass
class Group:
    """Headline lines read as one story's headline: kicker, title, subtitle; `story` once assigned."""

    blocks: list[Block]
    run: int
    story: int | None = None
    score: float = 0.0
    terms: sim.Terms | None = None
    kicker_first: bool = False  # its first line was merged in as a rubric above the title

    @property
    def texts(self) -> list[str]:
        return [b.text for b in self.blocks]


@dataclass
class Work:
    """The page's segments and headline runs while headlines are grouped, assigned and stories cut."""

    segments: list[Segment]
    runs: list[HeadlineRun]
    blank_marks_groups: bool  # empty lines stand between some lines, not after every one
    # The page's column width (text.column_width): a loose line no wider may be a subhead set in the column.
    colw: float
    # Headline lines the other pages show to be jump headlines (spaces out), each with the page line
    # its story's text starts or ends on (see issue.jump_headlines).
    jump_headlines: Mapping[str, int] = field(default_factory=dict)
    # The text on another page of each jumping story's other half, by the page line this half's text starts
    # on (a continuation: its beginning's) or ends on (a beginning: its continuation's; see issue.jump_texts).
    jump_texts: Mapping[int, str] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)
    labels: list[tuple[Block, int]] = field(default_factory=list)  # (label line, run index)
    line_terms: dict[int, sim.Terms] = field(default_factory=dict)  # each headline line's, by block

    # Caches, keyed by object id (replaced segments are kept alive in _retired, so no id is reused).
    _all_terms: frozenset[str] = frozenset()
    _present: dict[int, frozenset[str]] = field(default_factory=dict)
    _vocab: tuple[tuple[int, ...], sim.Vocabulary] | None = None
    _coverage: dict[tuple[int, int], dict[int, float]] = field(default_factory=dict)
    _words: dict[str, Counter[str]] = field(default_factory=dict)
    _grams: dict[int, set[str]] = field(default_factory=dict)
    # While interior runs are resolved.
    _blocked: bool = False
    _pending_runs: list[tuple[list[Block], Segment]] = field(default_factory=list)
    _retired: list[Segment] = field(default_factory=list)
    _jump_lines: dict[int, int] | None = None  # block id -> its story's line (jump_headline_of)

    # -- what the steps read, remembered ------------------------------------------------------------
    def present(self, blocks: list[Block]) -> frozenset[str]:
        """The headline terms found in these paragraphs (each paragraph searched once)."""
        if not self._present:
            # Every story's paragraphs are searched in the end: search them all at once, which is quicker.
            paras = [b for seg in self.segments for b in seg.paras]
            found_each = sim.present_each(self._all_terms, [b.text for b in paras])
            self._present.update(zip(map(id, paras), found_each, strict=True))
        out: set[str] = set()
        for block in blocks:
            found = self._present.get(id(block))
            if found is None:
                found = self._present[id(block)] = sim.present(self._all_terms, block.text)
            out |= found
        return frozenset(out)

    def present_in(self, seg: Segment) -> frozenset[str]:
        """The headline terms found in a story: the union of its paragraphs', which survive a cut."""
        key = -id(seg)
        found = self._present.get(key)
        if found is None:
            found = self._present[key] = self.present(seg.paras)
        return found

    def vocabulary(self) -> sim.Vocabulary:
        """Term weights over the page's stories, fixed once the headlines are grouped: cutting a story in
        two later changes them too little to be worth scoring every pair again."""
        if self._vocab is None:
            self._vocab = ((), sim.Vocabulary([self.present_in(s) for s in self.segments]))
        return self._vocab[1]

    def coverage_row(self, vocab: sim.Vocabulary, group: Group, segs: list[Segment]) -> list[float]:
        """The group's coverage of each story, remembered: a round of assignment after a cut scores only
        the two new pieces."""
        known = self._coverage.setdefault((id(group), len(group.blocks)), {})
        missing = [seg for seg in segs if id(seg) not in known]
        if missing:
            scores = vocab.coverage_each(group.terms, [self.present_in(seg) for seg in missing])  # type: ignore[arg-type]
            known.update(zip(map(id, missing), scores, strict=True))
        return [known[id(seg)] for seg in segs]

    def content_words(self, text: str) -> Counter[str]:
        """`sim.content_words`, remembered for the page: the text after one loose headline is often the text
        before the next, compared again."""
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = sim.content_words(text)
        return found

    def segments_replace(self, parts: list[list[Segment]]) -> None:
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

    def forget_text(self, seg: Segment) -> None:
        """Drop what was read of a story's text (its joined text, its headline terms): blocks moved in or out."""
        seg.__dict__.pop("text", None)
        self._present.pop(-id(seg), None)

    def bigrams(self, block: Block) -> set[str]:
        found = self._grams.get(id(block))
        if found is None:
            found = self._grams[id(block)] = sim.bigrams(block.text)
        return found

    def headed(self) -> set[int]:
        return {g.story for g in self.groups if g.story is not None}

    def headless(self) -> list[int]:
        headed = self.headed()
        return [k for k, s in enumerate(self.segments) if s.paras and k not in headed]

    def titleless_photos(self) -> list[int]:
        return [k for k in self.headless() if self.segments[k].kind == "photo"]

    def free_headlines(self) -> list[Group]:
        """The headlines no story took, with words to look for, that name no photo left without a title."""
        return [g for g in self.groups if g.story is None and g.terms is not None and not self.names_photo(g)]

    def names_photo(self, group: Group) -> bool:
        """A headline left over that names what a photo without a title shows better than it names any
        story (武汉复工忙 over a caption of works in 武汉 back at work) is the photo's title, not a reason to
        cut a story in two."""
        if group.terms is None:
            return False
        vocab = self.vocabulary()
        fit = {
            k: vocab.coverage(group.terms, self.present_in(s)) for k, s in enumerate(self.segments) if s.paras
        }
        photo = max((fit[k] for k in self.titleless_photos()), default=0.0)
        return photo >= hl.MIN_MATCH and photo >= max(fit.values())

    # -- subheads or new stories, then groups of headline lines --------------------------------------
    def resolve_interior_runs(self) -> None:
        """A loose headline inside a story is a subhead when the text goes on about the same thing.

        On a page that sets its headlines in a block away from the stories, a short loose line inside a
        story is a subhead whatever the text says: the stories' headlines are in the block."""
        # Four lines over one story (kicker, a title of two lines, subtitle) are no block: where every story
        # has its own headline right above it, the page sets none away from its stories.
        headed = {run.before for run in self.runs if run.before is not None}
        self._blocked = len(headed) < len(self.segments) and any(
            sum(1 for b in run.blocks if b.kind == "headline") >= HEADLINE_BLOCK for run in self.runs
        )
        # A story whose headline, standing right above it, the issue shows to head a story ending lower down
        # (its 下转 marker's line, issue.jump_headlines) runs on to that line: a loose line before it is a
        # subhead (五洲共欢庆 四海同迎春 … 莫斯科 / 联欢贺新年 … （下转第二版）).
        ends = {
            run.before: at
            for run in self.runs
            if run.before is not None
            for b in run.blocks
            if (at := self.jump_headline_of(b)) is not None
        }
        for seg in self.segments:
            self._opening_subhead(seg)
        for run in self.runs:
            if run.before is not None:
                self._subhead_down(run, self.segments[run.before])
        self.segments_replace(
            [
                self._resolve(seg, _series(seg.blocks, self.colw), ends.get(k))
                for k, seg in enumerate(self.segments)
            ]
        )

    def _resolve(self, seg: Segment, series: set[tuple[int, int]], ends: int | None = None) -> list[Segment]:
        blocks = seg.blocks
        i = 0
        subheads = 0  # short runs read as subheads so far in this story
        # The cues closing a line of those subheads (周洲——), each's count.
        introduced: Counter[str] = Counter()
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
            # 二、守护湖区生态 / （三）…: a numbered part of the story; no title opens with its number.
            numbered = len(texts) == 1 and ORDINAL.match(texts[0]) is not None
            short = not titled and (lone_kicker or _short(run, self.colw))
            if not before and seg.continues and self.broke_off_mid_sentence(seg):
                # 减轻企业（下转第三版） … 上接第一版 / 用电负担约300亿元: the rest of the sentence the page broke
                for b in run:
                    b.kind = "para"
                i = j
                continue
            # Local cohesion, as in TextTiling: a few paragraphs either side of the loose lines, and
            # above them a continuation's beginning on another page, what its story talked of before it
            # jumped (jump_texts). It segments both sides, so it is measured only when it decides.
            if (
                not after
                or (ends is not None and run[-1].last < ends and not any(map(self.jump_headline_of, run)))
                or bool(texts and texts[0][0] in cut.SIDEBAR_MARKS)  # ■专家观点: the story's sidebar
                # Right after 上接第一版 on a line of its own: a subhead opening the continuation.
                or (not before and seg.continues)
                or (short and (lone_kicker or numbered or self._blocked or _shape(run) in series))
                # A series of profiles (南京市竹山中学周洲—— / “我喜爱小发明…” …): one more part of it.
                or (short and any(introduced[cue] >= SERIES_OF_PARTS for cue in introducing_cues(texts)))
                # Broken at the column's width like text (see layout._wraps_into): a headline spans columns.
                or (not titled and any(len(b.lines) > 1 for b in run if b.kind == "headline"))
                or (
                    short
                    and sim.cohesion(
                        self.beginning_of(seg) + "".join(b.text for b in before[-COHESION_WINDOW:]),
                        "".join(b.text for b in after[:COHESION_WINDOW]),
                        counts=self.content_words,
                    )
                    # A story that has set subheads sets more: the text after one may turn further away.
                    >= (SUBHEAD_COHESION / 2 if subheads >= SUBHEADS_SET else SUBHEAD_COHESION)
                )
            ):
                for b in run:
                    b.kind = "label" if b.kind == "label" else "heading"
                subheads += short
                introduced.update(introducing_cues(texts))
                i = j
                continue
            head = Segment(blocks[:i], lead=seg.lead, kind=seg.kind, bylines=seg.bylines)
            tail = blocks[j:]
            moved = _first_subhead(run, tail)
            if moved:
                run, tail = run[:-moved], [_heading(run[-moved:]), *tail]
            # The run stands above the tail's first piece: the tail itself, unless it is cut again.
            slot = len(self._pending_runs)
            self._pending_runs.append((run, Segment(tail)))
            # A run the issue shows to head a story ending lower down starts that story: down to that line.
            shown = [at for b in run if (at := self.jump_headline_of(b)) is not None and at > b.last]
            rest = self._resolve(self._pending_runs[slot][1], series, max(shown, default=ends))
            self._pending_runs[slot] = (run, rest[0])
            return [head, *rest]
        return [seg]

    def group_headlines(self) -> None:
        """Lines of a run form groups (hl.partition): by their cues, the empty lines between them where the
        page marks groups so, and the stories they name; a few lines right above a story are its headline."""
        self._letter_labels()
        lines = [b for run in self.runs for b in run.blocks if b.kind != "label"]
        # A column tag names the column, not the story: its words are not looked for in the text.
        texts = [hl.COLUMN_TAG.sub("", b.text) or b.text for b in lines]
        terms = self.line_terms = dict(zip(map(id, lines), sim.Terms.of_each(texts), strict=True))
        self._all_terms = frozenset().union(*(t.all for t in terms.values())) if terms else frozenset()
        paras = [self.present([p]) for seg in self.segments for p in seg.paras]
        seg_of = [k for k, seg in enumerate(self.segments) for _ in seg.paras]  # each paragraph's story
        vocab = sim.Vocabulary(paras)  # terms weighed over paragraphs: what a line names, where
        for r, run in enumerate(self.runs):
            pieces: list[list[Block]] = [[]]
            for block in run.blocks:
                if block.kind == "label":
                    self.labels.append((block, r))
                    pieces.append([])
                else:
                    pieces[-1].append(block)
            for piece in filter(None, pieces):
                # What each line names, paragraph by paragraph: on a real page some 20 lines by 100
                # paragraphs. A page far beyond that (not a page, or a hostile one) is grouped by cues.
                fits = (
                    [vocab.coverage_each(terms[id(b)], paras) for b in piece]
                    if len(piece) * len(paras) <= FIT_BUDGET
                    else [[] for _ in piece]
                )
                # Lines the issue shows to be one story's jump headline stand apart from the others.
                apart = [
                    (not hl.kicker_cue(a.text) and self._named_apart(fa, fb, seg_of))
                    or self.jump_headline_of(a) != self.jump_headline_of(b)
                    for (a, fa), (b, fb) in pairwise(zip(piece, fits, strict=True))
                ]
                # A few lines standing right above a story are its headline, one group, unless two of
                # them close with column tags (two titles) or name two stories, one a continuation.
                tags = sum(1 for b in piece if hl.COLUMN_TAG.search(b.text))
                if (
                    run.before is not None
                    and len(piece) <= 3
                    and len(pieces) == 1
                    and tags < 2
                    and not any(apart)
                    # The first and the last of three naming two stories: a title over each (清华大学…李学勤 /
                    # 一生探源中华文明 / 海南排污将实施一证式管理 over a report of 海南 and then one of 李学勤).
                    and not (len(piece) == 3 and hl.name_apart(fits[0], fits[2]))
                ):
                    sizes = [len(piece)]
                else:
                    together = [not b.lines[-1].blank_after for b in piece]
                    # Empty lines mark the groups of a run only if the run has one inside: a stray empty
                    # line elsewhere on the page (after a byline, at a page break) says nothing of these.
                    if not self.blank_marks_groups or all(together[:-1]):
                        together = None
                    shown = [self.jump_headline_of(b) for b in piece]
                    joined = [a is not None and a == b for a, b in pairwise(shown)]
                    sizes = hl.partition([b.text for b in piece], fits, together, apart, joined)
                at = 0
                for size in sizes:
                    group = Group(piece[at : at + size], run=r)
                    group.terms = sim.Terms.merge([terms[id(b)] for b in group.blocks])
                    self.groups.append(group)
                    at += size

    def _letter_labels(self) -> None:
        """The last line of a run of headlines, when it is the label over the letter right below it (回 信
        over 郑州圆方集团全体职工：), opens the letter's text as its first subhead: it names no story."""
        for run in self.runs:
            if run.before is None or len(run.blocks) < 2:
                continue
            label, seg = run.blocks[-1], self.segments[run.before]
            first = seg.paras[0].lines[0].text if seg.paras else ""  # the salutation, whether or not indented
            if label.kind == "headline" and stories.letter_label(label.text, first):
                label.kind = "heading"
                run.blocks.remove(label)
                seg.blocks.insert(0, label)
                self.forget_text(seg)

    def jump_headline_of(self, block: Block) -> int | None:
        """The page line of the story's text that a headline line the issue shows to be its jump headline
        gives (jump_headlines): the line's own, or that of the headline it is set on lines with
        (南通 融入长三角一体化 / 奏响高质量发展乐章 for 南通融入长三角一体化奏响高质量发展乐章)."""
        if not self.jump_headlines:
            return None
        if self._jump_lines is None:
            self._jump_lines = self._jump_lines_find()
        return self._jump_lines.get(id(block))

    def _jump_lines_find(self) -> dict[int, int]:
        """Each headline line the jump headlines name, alone or with the lines next to it (GROUP_MAX)."""
        found: dict[int, int] = {}
        for blocks in [run.blocks for run in self.runs] + [seg.blocks for seg in self.segments]:
            for i in range(len(blocks)):
                for j in range(i + 1, min(i + GROUP_MAX, len(blocks)) + 1):
                    window = blocks[i:j]
                    if window[-1].kind != "headline":
                        break
                    at = self.jump_headlines.get("".join("".join(b.text.split()) for b in window))
                    if at is not None:
                        found.update((id(b), at) for b in window)
        return found

    def jump_apart(self, a: Group, b: Group) -> bool:
        """Whether the issue shows two groups to head different stories: one holds a line it shows to be a
        jump headline that the other's lines are not (jump_headlines)."""
        if not self.jump_headlines:
            return False
        return {self.jump_headline_of(x) for x in a.blocks} != {self.jump_headline_of(x) for x in b.blocks}

    def beginning_of(self, seg: Segment) -> str:
        """The text of the beginning on another page of a continuation the issue shows (jump_texts),
        "" for any other story."""
        if not seg.continues or not seg.blocks or not self.jump_texts:
            return ""
        starts = (seg.blocks[0].first, seg.paras[0].first if seg.paras else None)
        return next((self.jump_texts[n] for n in starts if n in self.jump_texts), "")

    def continuation_of(self, seg: Segment) -> str:
        """The text of the continuation on another page of a beginning the issue shows (jump_texts), "" for
        any other story: by the line its text ends on, its marker's (（下转第3版）) or its last paragraph's."""
        if not seg.paras or not self.jump_texts:
            return ""
        ends = (seg.blocks[-1].last, seg.paras[-1].last)
        return next((self.jump_texts[n] for n in ends if n in self.jump_texts), "")

    def _opening_subhead(self, seg: Segment) -> None:
        """上接第1版 / 为保护湿地立规矩、画红线、探新路 / 　　西洞庭湖…: a line of its own right after a continuation's
        marker, ending no sentence, over a paragraph that opens indented (or short of its full lines by the
        indent, where a PDF tool dropped it), is the continuation's first
        subhead, however long; unless the beginning the issue shows broke off inside a sentence, which the
        line then ends (减轻企业 … 用电负担约300亿元)."""
        marker, line, below = (seg.blocks + [None, None, None])[:3]
        if (
            marker is not None
            and marker.kind == "jump"
            and seg.continues
            and line is not None
            and line.kind == "para"
            and len(line.lines) == 1
            and not line.lines[0].indented
            and not ends_sentence(line.text)
            and below is not None
            and below.kind == "para"
            and _opens_indented(below)
            and not self.broke_off_mid_sentence(seg)
        ):
            line.kind = "heading"

    def _subhead_down(self, run: HeadlineRun, seg: Segment) -> None:
        """The last lines of the headline lines right above a story that are its first subhead
        (_first_subhead) open its text. A beginning cut by its jump may show its other subheads only on the
        page it goes on on: its continuation's there count too (continuation_of), under a few lines that are
        one story's headline, not a block of several (吉林、安徽…—— / 倾听群众呼声…（…） over a couplet title,
        五洲共欢庆 四海同迎春, whose story sets its subheads so)."""
        further = 0
        if sum(1 for b in run.blocks if b.kind == "headline") < HEADLINE_BLOCK:
            going_on = self.continuation_of(seg).split("\n")
            further = sum(1 for paragraph in going_on if COUPLET_SUBHEAD.match(paragraph))
        moved = _first_subhead(run.blocks, seg.blocks, whole=self._blocked, further=further)
        if moved:
            seg.blocks.insert(0, _heading(run.blocks[-moved:]))
            del run.blocks[-moved:]
            self.forget_text(seg)

    def broke_off_mid_sentence(self, seg: Segment) -> bool:
        """Whether the beginning the issue shows of a continuation (beginning_of) breaks off at its marker
        inside a sentence: the continuation's first line goes on with that sentence, whatever its length."""
        begun = bl.CONTINUED_TO.sub("", self.beginning_of(seg)).rstrip()
        return bool(begun) and not ends_sentence(begun)

    def jump_story(self, group: Group) -> int | None:
        """The segment a group the issue shows to be a jump headline heads (every line one), if any: the one
        whose text starts or ends on the line the issue gives (a continuation's first line, a beginning's
        last). A segment that holds the line inside is not yet that story."""
        starts = {self.jump_headline_of(b) for b in group.blocks}
        if len(starts) != 1 or None in starts:
            return None
        line = starts.pop()
        for k, seg in enumerate(self.segments):
            edges = {seg.blocks[0].first, seg.blocks[-1].last} if seg.blocks else set()
            if seg.paras:
                edges |= {seg.paras[0].first, seg.paras[-1].last}
            if line in edges:
                return k
        return None

    def _named_apart(self, a: list[float], b: list[float], seg_of: list[int]) -> bool:
        """Whether two neighbouring headline lines head two stories for certain: one names a continuation
        (its jump headline) and the other names another story, a continuation too or clearly another
        (南水北调工程综合效益凸显 over the jump headline 把专门协商机构作用发挥好 in a block of headlines).
        A kicker's cue (胡春华强调) says the line heads the title below it, whatever each names."""
        home_a, home_b = self._continuation_named(a, seg_of), self._continuation_named(b, seg_of)
        if home_a is None and home_b is None:
            return False
        other_a, other_b = self._clearly_named(a, seg_of), self._clearly_named(b, seg_of)
        if home_a is not None and home_b is not None:
            return home_a != home_b
        # A line naming a continuation only in passing is no jump headline for certain.
        if home_a is not None:
            return other_a == home_a and other_b is not None and other_b != home_a
        return other_b == home_b and other_a is not None and other_a != home_b

    @staticmethod
    def _clearly_named(fit: list[float], seg_of: list[int]) -> int | None:
        """The story a headline line clearly names (hl.CLEAR_FIT), by the paragraph it names best."""
        if not fit:
            return None
        best = max(range(len(fit)), key=fit.__getitem__)
        return seg_of[best] if fit[best] >= hl.CLEAR_FIT else None

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


def introducing_cues(texts: list[str]) -> set[str]:
    """The cues introducing what follows (INTRODUCING) that close lines of a run: 周洲—— gives ——."""
    return {cue for t in texts for cue in INTRODUCING if t.endswith(cue)}


def _opens_indented(block: Block) -> bool:
    """A paragraph whose first line is indented, or runs short of its full lines (those between its first and
    its last) by the indent a PDF tool dropped."""
    if block.lines[0].indented:
        return True
    short = columns.first_line_short(block.lines)
    return short is not None and columns.short_by_indent(short)


def _first_subhead(run: list[Block], below: list[Block], *, whole: bool = False, further: int = 0) -> int:
    """How many of the last lines of the headline lines above a story (one or two) are its first subhead, set
    as two phrases and a space as its subheads further down are (跨江联动 全力构建区 / 域交通体系新格局 over its
    text, then 推进三个全方位 重塑区域经济地理 …), SUBHEAD_SERIES of them with it at least, `further` of them
    set on another page: 0 for none. The title stays, unless `whole`: on a page that sets its headlines in a
    block, the lines above a story may be its subhead alone."""
    inside = [b for b in below if b.kind == "headline" and COUPLET_SUBHEAD.match(b.text)]
    # A story going on from another page opens with its marker: the line right above is its jump headline
    # (飞地 粤东跃起产业新城 over 上接第一版), however it is set.
    if len(inside) + further + 1 < SUBHEAD_SERIES or (below and below[0].kind == "jump"):
        return 0
    lines = [b for b in run if b.kind == "headline"]
    return next(
        (
            tail
            for tail in (1, 2)
            if (len(lines) > tail or (whole and len(lines) == tail))
            and run[-tail:] == lines[-tail:]
            and COUPLET_SUBHEAD.match(join_text([b.text for b in lines[-tail:]]))
        ),
        0,
    )


def _heading(lines: list[Block]) -> Block:
    """Headline lines made one subhead of the story below them (_first_subhead)."""
    return Block("heading", [line for b in lines for line in b.lines])


def _short(run: list[Block], colw: float) -> bool:
    """Every headline line of the run is as short as a subhead: SUBHEAD_MAX, or the column where columns are
    wider. A headline spans columns; a subhead set in its story's column, where no indent tells it from a
    paragraph's first line, may fill it."""
    return all(b.lines[0].width <= max(layout.SUBHEAD_MAX, colw) for b in run if b.kind == "headline")


def _shape(run: list[Block]) -> tuple[int, int]:
    """How a run of loose lines is set: how many lines, and how long the last."""
    return len(run), hl.visible_len(run[-1].text)


def _series(blocks: list[Block], colw: float) -> set[tuple[int, int]]:
    """The shapes that SERIES or more runs of short loose lines inside one story share: a series of subheads
    (莫斯科 / 联欢贺新年, 曼谷 / 商场办庙会, …; 春蕾绽放, 爱心汇聚, 相伴成长), cut to one pattern by the
    editor, where the headlines of different stories would differ."""
    # A run closed by a column tag is a title, whatever its shape.
    shapes = [
        _shape(run)
        for run in _runs(blocks)
        if _short(run, colw) and not any(hl.COLUMN_TAG.search(b.text) for b in run)
    ]
    return {
        (lines, length)
        for lines, length in shapes
        if sum(1 for n, m in shapes if n == lines and abs(m - length) <= SERIES_SLACK) >= SERIES
    }
