"""Cutting a story in two where a headline no story took fits inside it: where its paragraphs turn to talk of
that headline (stories.labels), after a closing note, where an unmatched headline's story divides best, and
before the end of a story that its headline stops naming (a lone title's story). Each step returns whether it
cut; assign.py then assigns the headlines again."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache, partial
from itertools import accumulate

from . import cut, stories
from . import headlines as hl
from . import similarity as sim
from .cut import Segment
from .layout import Block
from .work import (
    FIT_BUDGET,
    HIT_FLOOR,
    MIN_PARAGRAPH_HIT,
    SERIES_OF_PARTS,
    SUBHEAD_COHESION,
    Group,
    Work,
    introducing_cues,
)

LONE_TITLE_TAIL = 2  # paragraphs at a story's end its headline does not name, at least, to be another story
PROSE = 40  # characters a paragraph of running text has on average, at least
JUMP_SPLIT_GAIN = 0.5  # for_unmatched's gain where the issue shows the headline's story ends the one cut
NEIGHBOURS = 3  # paragraphs of the story below a cut that a paragraph above it is compared with
# A paragraph sharing less with the text above it (cohesion) talks of nothing there: a lead of the story below
# (作为通沪铁路的关键性工程… under a report on 产业链, 0.015), where one going on talks of it a little (0.02 and up).
TALKS_OF = 0.02


def by_headlines(work: Work, vocab: sim.Vocabulary, cands: list[int]) -> bool:
    """Cut stories where paragraphs talk of a headline no story took (see stories.labels)."""
    free = work.free_headlines()
    if not free:
        return False
    heads = {g.story: g for g in work.groups if g.story is not None}

    def starts(k: int, seg: Segment) -> list[int]:
        paras = seg.paras
        # Beyond a real page's size (see FIT_BUDGET), stories are cut by the coarser rule alone.
        if k not in cands or len(paras) < 2 or len(free) * len(paras) > FIT_BUDGET:
            return []
        haves = [work.present([p]) for p in paras]
        own = heads.get(k)
        # Each headline's coverage of each paragraph, the headlines no paragraph talks of left out.
        hits = [(g, vocab.coverage_each(g.terms, haves)) for g in free if not _beside(work, g, own)]  # type: ignore[arg-type]
        hits = [(g, row) for g, row in hits if max(row) >= MIN_PARAGRAPH_HIT]
        if not hits:
            return []
        labels = [own] + [g for g, _ in hits]
        terms = _distinctive(own.terms if own else None, [g.terms for g, _ in hits if g.terms])
        rows = [
            [max(0.0, h - HIT_FLOOR) for h in vocab.coverage_each(t, haves)] if t else [0.0] * len(paras)
            for t in terms
        ]
        edges = _edges(work, paras)
        costs = [
            stories.NEW_TITLED_STORY
            if g is not None and g is not own and any(hl.COLUMN_TAG.search(t) for t in g.texts)
            else stories.NEW_STORY
            for g in labels
        ]
        labelled = stories.settle(stories.labels(rows, edges, costs), rows, edges, [p.text for p in paras])
        cuts = [i for i in range(1, len(paras)) if labelled[i] != labelled[i - 1]]
        named = [rows[label][i] > 0 for i, label in enumerate(labelled)]
        return _talking_cuts(work, paras, cuts, named, work.continuation_of(seg))

    return _cut_segments(work, starts)


def _talking_cuts(
    work: Work, paras: list[Block], cuts: list[int], named: list[bool], going_on: str
) -> list[int]:
    """Cuts between stories (indices into `paras`) moved past the paragraphs next to them that their own
    story's headline does not name (`named`) but that talk of the story on the other side of the cut as much
    as a subhead's text talks of its story (SUBHEAD_COHESION) and more than of their own side: a story's
    last paragraph on what it talked of, its edge with the story below drawn by little (“我们要全面落实…”
    常德市委… after a report on 常德's wetlands, over 2018年是中国和阿联酋关系史上…), or a story's first on what
    it goes on to talk of (新冠肺炎疫情正在全球蔓延… over 这是一次罕见的全球性危机…). The last story's side holds
    what it goes on to say on another page, when the issue shows it (`going_on`)."""
    bounds = [0, *cuts, len(paras)]

    def talk(text: str, first: int, end: int) -> float:
        side = "".join(p.text for p in paras[first:end]) + (going_on if end == len(paras) else "")
        return sim.cohesion(text, side, counts=work.content_words)

    def leans(at: int, own: tuple[int, int], other: tuple[int, int]) -> bool:
        if named[at]:
            return False
        with_other = talk(paras[at].text, *other)
        return with_other >= SUBHEAD_COHESION and with_other > talk(paras[at].text, *own)

    out: list[int] = []
    for j, at in enumerate(cuts):
        top, end = out[-1] if out else 0, bounds[j + 2]
        moved = at
        while moved < end - 1 and leans(moved, (moved + 1, end), (top, moved)):
            moved += 1
        if moved == at:  # the story below opens with nothing of the one above: perhaps the other way round
            while moved > top + 1 and leans(moved - 1, (top, moved - 1), (moved, end)):
                moved -= 1
        out.append(moved)
    return out


def after_closers(work: Work) -> bool:
    """A story's closing note (（本报莫斯科、开罗电 记者…）, （作者为…）) followed by more text, while a headline
    is left over: the text after the note is another story, whatever words its headline uses."""
    if not any(g.story is None for g in work.groups):
        return False
    return _cut_segments(
        work,
        lambda _, seg: [
            i
            for i in range(1, len(seg.paras))
            if stories.STORY_CLOSER.match(seg.paras[i - 1].text) and not _sidebar_after(seg, i)
        ],
    )


def _sidebar_after(seg: Segment, i: int) -> bool:
    """Whether paragraph i, or a subhead right above it, opens the story's sidebar (■专家观点): the story's box
    goes on after its closing byline (cut.SIDEBAR_MARKS)."""
    start, end = seg.blocks.index(seg.paras[i - 1]) + 1, seg.blocks.index(seg.paras[i]) + 1
    return any(b.text[:1] in cut.SIDEBAR_MARKS for b in seg.blocks[start:end])


def for_unmatched(work: Work, vocab: sim.Vocabulary, cands: list[int], scores: list[list[float]]) -> bool:
    """An unmatched headline whose story already has one: cut that story where its halves differ most, by
    MIN_SPLIT_GAIN at least; by JUMP_SPLIT_GAIN where the issue shows the headline to head a story jumping
    away whose text ends that story's (李克强主持召开…会议 run on into 新冠肺炎疫情正在全球蔓延…（下转第2版）):
    the link already says a second story is in there."""
    best: tuple[float, int, sim.Terms, sim.Terms] | None = None  # gain over the needed, segment, the terms
    for gi, g in enumerate(work.groups):
        if g.story is not None or work.names_photo(g):
            continue
        # A jump headline the issue shows that names no paragraph of its story is placed by what the issue
        # shows (for_continuation_tail, for_beginning_head): its words say nothing of where to cut.
        shown = work.jump_story(g)
        if shown is not None and g.terms is not None:
            paras = [work.present([p]) for p in work.segments[shown].paras]
            if max(vocab.coverage_each(g.terms, paras), default=0.0) < MIN_PARAGRAPH_HIT:
                continue
        col = max(range(len(cands)), key=lambda c: scores[gi][c])
        if scores[gi][col] < hl.MIN_MATCH:
            continue
        k = cands[col]
        owner = next((x for x in work.groups if x.story == k), None)
        if owner is None or owner.terms is None or g.terms is None:
            continue
        needed = JUMP_SPLIT_GAIN if shown == k else hl.MIN_SPLIT_GAIN
        gain = _split_gain(work, vocab, work.segments[k], owner.terms, g.terms) - needed
        if best is None or gain > best[0]:
            best = (gain, k, owner.terms, g.terms)
    if best is None or best[0] < 0:
        return False
    _, k, owner_terms, terms = best
    seg = work.segments[k]
    found = [work.present([p]) for p in seg.paras]
    at = _cut_between(
        work,
        vocab,
        seg.paras,
        found,
        owner_terms,
        terms,
        continues=seg.continues,
        begun=work.beginning_of(seg),
        going_on=work.continuation_of(seg),
    )
    work.segments_replace([_cut_segment(s, [at]) if n == k else [s] for n, s in enumerate(work.segments)])
    return True


def for_lone_title(work: Work, vocab: sim.Vocabulary, cands: list[int]) -> bool:
    """A title closed by its column tag that no story took and no text names heads a story of its own:
    a feature whose title is all the editor's words (高山新房“长”出来 over a text of 竹房 and 瓦房). It
    is the end of a story that its headline stops naming and whose words the story's first part does
    not share (SUBHEAD_COHESION): cut there, past the paragraphs that still talk of the story above
    (_still_above: 未来一周左右，南方多阴雨… / 气象专家提醒，…道路结冰… under 华北黄淮等地将有降雪), and the title goes
    to the piece left without one."""
    if not any(g.story is None and _column_tagged(g) and not work.names_photo(g) for g in work.groups):
        return False

    def stops_naming(g: Group, paras: list[Block]) -> int | None:
        hits = vocab.coverage_each(g.terms, [work.present([p]) for p in paras])
        at = len(paras)
        while at > 0 and hits[at - 1] < MIN_PARAGRAPH_HIT:
            at -= 1
        at = _still_above(work, paras, at, "", work.continuation_of(work.segments[g.story])) if at else 0
        tail = paras[at:]
        # Running text, not a list of short items (书名：… 作者：…) closing a story.
        prose = sum(len(p.text) for p in tail) >= PROSE * len(tail)
        return at if 0 < at <= len(paras) - LONE_TITLE_TAIL and prose else None

    return _cut_least_cohesive(work, cands, stops_naming)


def for_continuation_tail(work: Work, vocab: sim.Vocabulary, cands: list[int]) -> bool:
    """A continuation (上接第一版 …) whose headline names none of its first paragraphs, only those from some
    paragraph on, while a headline is left over: the continuation ran into a story that begins there (a
    jump headline repeats the words the story goes on with; 拥抱风潮… over 民间投资… then 想要享受…). Cut
    where the headline begins to name it, when the two sides share few words (SUBHEAD_COHESION); the
    headline goes with the story below, and the continuation takes one left over."""
    free = work.free_headlines()
    if not free:
        return False

    def begins_naming(g: Group, paras: list[Block]) -> int | None:
        if not work.segments[g.story].continues or len(paras) < 2:
            return None
        hits = vocab.coverage_each(g.terms, [work.present([p]) for p in paras])
        at = next((i for i, hit in enumerate(hits) if hit >= MIN_PARAGRAPH_HIT), 0)
        # A paragraph it names by a word may still be the continuation's (_still_above).
        seg = work.segments[g.story]
        at = _still_above(work, paras, at, work.beginning_of(seg), work.continuation_of(seg)) if at else 0
        if at == 0:
            return None
        # A headline left over names the continuation's first paragraphs better: its jump headline. So is
        # one the issue shows to be a jump headline (Work.jump_headlines), whatever it names here.
        if any(work.jump_story(f) == g.story for f in free):
            return at
        have = work.present(paras[:at])
        mine = vocab.coverage(g.terms, have)
        return at if any(vocab.coverage(f.terms, have) > max(mine, HIT_FLOOR) for f in free) else None

    return _cut_least_cohesive(work, cands, begins_naming)


def for_beginning_head(work: Work, vocab: sim.Vocabulary, cands: list[int]) -> bool:
    """A story whose text the issue shows to be the beginning of a story jumping away (Work.jump_headlines)
    while that story's headline is left over, and whose own headline names only its first paragraphs: it
    ran on from the story above into a beginning with no lead (“春蕾计划”… then 伶仃洋上，…（下转第2版）). Cut
    after the last paragraph its headline names at all, a word beyond chance (HIT_FLOOR: 水质 in a report's
    closing paragraphs), when the two sides share few words (SUBHEAD_COHESION); the jump headline goes with
    the story below."""
    shown = {work.jump_story(g): g for g in work.groups if g.story is None and g.terms is not None}

    def stops_naming(g: Group, paras: list[Block]) -> int | None:
        # Not when the two stand side by side: a kicker its page gave the story, over its title.
        if g.story not in shown or _beside(work, shown[g.story], g) or len(paras) < 2:
            return None
        hits = vocab.coverage_each(g.terms, [work.present([p]) for p in paras])
        at = len(paras)
        while at > 0 and hits[at - 1] <= HIT_FLOOR:
            at -= 1
        return at if 0 < at < len(paras) else None

    return _cut_least_cohesive(work, cands, stops_naming)


def for_story_after_continuation(work: Work, vocab: sim.Vocabulary, cands: list[int]) -> bool:
    """A continuation (上接第一版 …) that ran on into a story with no lead while a headline is left over: a
    continuation talks of what its beginning on the other page talked of (Work.jump_texts). Cut it
    before the first paragraph from which on the text shares few words (SUBHEAD_COHESION) with the story
    so far, its beginning included (…拉马福萨表示… then 写春联、看年画…); of several continuations so cut, the
    one whose two sides share fewest. The headline left over goes to the story below.

    Where the two stories talk of one subject (both of China abroad), their sides share more than that
    even at the edge; there the cut is before the first paragraph in which a headline left over names a word
    the text above never said, when the sides share fewer words there than a paragraph before or after it
    (_named_valley: 泽曼表示… then 写春联、看年画…中国春节正成为…共同欢庆的节日 under 五洲共欢庆 四海同迎春)."""
    free = work.free_headlines()
    if not work.jump_texts or not free:
        return False
    best: tuple[float, int, int] | None = None  # cohesion, segment, paragraph index
    for k in cands:
        seg = work.segments[k]
        if not seg.continues or not seg.paras:
            continue
        begun = work.beginning_of(seg)
        if not begun or _profiles(seg):
            continue
        paras = seg.paras
        edges = _edges(work, paras, words=False)
        # Not where a paragraph goes on from the one above (此外，… / 他说…).
        cuts = [at for at in range(1, len(paras) - LONE_TITLE_TAIL + 1) if edges[at] >= 0]
        # What the sides share at each cut, worked out once: the fallback reads the cuts around its own again.
        together = cache(partial(_together, work, begun, paras))
        found = next(((at, shared) for at in cuts if (shared := together(at)) < SUBHEAD_COHESION), None)
        if found is not None:
            at, shared = found
            found = (_still_above(work, paras, at, begun, work.continuation_of(seg)), shared)
        else:
            found = _named_valley(work, vocab, paras, begun, cuts, free, together)
        if found is not None and (best is None or found[1] < best[0]):
            best = (found[1], k, found[0])
    if best is None:
        return False
    _, k, at = best
    work.segments_replace([_cut_segment(s, [at]) if n == k else [s] for n, s in enumerate(work.segments)])
    return True


def _named_valley(
    work: Work,
    vocab: sim.Vocabulary,
    paras: list[Block],
    begun: str,
    cuts: list[int],
    free: list[Group],
    together: Callable[[int], float],
) -> tuple[int, float] | None:
    """The cut before the first paragraph in which a headline left over names words (over HIT_FLOOR) that
    the text above, the beginning on the other page (`begun`) included, does not hold, if the two sides
    share fewer words there (`together`, by cut) than at the cuts a paragraph before and after it:
    (paragraph index, cohesion). A word the story above holds too (中国) says nothing of where another
    story begins."""
    said = sim.present(frozenset().union(*(f.terms.all for f in free)), begun)
    first = None
    for at, p in enumerate(paras):
        found = work.present([p])
        if max(vocab.coverage(f.terms, found - said) for f in free) > HIT_FLOOR:
            first = at
            break
        said |= found
    if first not in cuts:
        return None
    shared = together(first)
    return (first, shared) if shared < together(first - 1) and shared < together(first + 1) else None


def _together(work: Work, begun: str, paras: list[Block], at: int) -> float:
    """How many words a story cut before paragraph `at` shares across the cut; a continuation's beginning on
    the other page (`begun`, else empty) read with the text above."""
    return sim.cohesion(
        begun + "".join(p.text for p in paras[:at]),
        "".join(p.text for p in paras[at:]),
        counts=work.content_words,
    )


def for_roundup_report(work: Work, vocab: sim.Vocabulary, cands: list[int]) -> bool:
    """A story opening with a report under its dateline that the headline of the story right above it names,
    better than any other headline, and its own names only further down: a roundup's next report (西宁：青海
    完成营造林… 吉林保护恢复湿地… over 青海's text, then 本报长春1月15日电 … 吉林省…保护恢复湿地) ran into a
    story with no lead (这是一次直抵人心… under 为实现新时代党的历史使命不懈奋斗). Cut where the headline above
    stops naming it beyond chance (HIT_FLOOR), whatever words the two sides share (a date, 党): the headlines
    say where. The report, left with no headline, goes back to the story above (leftovers.rejoin_headless_tails)."""
    heads = {g.story: g for g in work.groups if g.story is not None and g.terms is not None}

    def starts(k: int, seg: Segment) -> list[int]:
        own, above, paras = heads.get(k), heads.get(k - 1), seg.paras
        if own is None or above is None or k not in cands or seg.lead is None or seg.lead.kind != "dateline":
            return []
        texts = [work.present([p]) for p in paras]
        at = next((i for i, hit in enumerate(vocab.coverage_each(above.terms, texts)) if hit <= HIT_FLOOR), 0)
        if at == 0 or max(vocab.coverage_each(own.terms, texts[at:])) < MIN_PARAGRAPH_HIT:
            return []
        have = work.present(paras[:at])
        fit = vocab.coverage(above.terms, have)
        others = (o for o in work.groups if o is not above and o.terms is not None)
        return (
            [at] if fit >= hl.MIN_MATCH and all(vocab.coverage(o.terms, have) < fit for o in others) else []
        )

    return _cut_segments(work, starts)


def for_series(work: Work) -> bool:
    """A story whose text turns into a series of items set out alike (cut.series: 开通夜间公交专线 / 提案人：…
    / 案由：… / 建议：… / （文 华整理）, then 办好社区老年食堂 over the same labels), while a headline is left
    over or the story is a continuation from another page (上接第一版: a story does not turn into a digest
    where it goes on): the series is a digest of its own (提案提要) that the story above ran into. Cut before
    its first item, unless the text above introduces it (…提交了以下提案：); the item's title goes with it."""
    free = bool(work.free_headlines())

    def starts(_: int, seg: Segment) -> list[int]:
        if not (free or seg.continues):
            return []
        # A continuation does not turn into a list either (书名：… 书名：…): a book list after a report's end.
        lists = cut.lists(seg.blocks) if seg.continues else []
        firsts = [starts[0] for starts in cut.series(seg.blocks)] + lists
        at = min((seg.paras.index(seg.blocks[k]) for k in firsts), default=0)
        return [at] if at > 0 and not seg.paras[at - 1].text.endswith(("：", ":")) else []

    return _cut_segments(work, starts)


def _profiles(seg: Segment) -> bool:
    """Whether a story is set as a series of parts each introduced by a subhead closing with one cue
    (南京市竹山中学周洲—— … 湖北鄂州市特殊教育学校李端林—— …): profiles, whose parts may share few words with each
    other, so that how few says nothing of where the story ends."""
    cues = Counter(cue for b in seg.blocks if b.kind == "heading" for cue in introducing_cues([b.text]))
    return any(n >= SERIES_OF_PARTS for n in cues.values())


def _cut_least_cohesive(
    work: Work, cands: list[int], cut_at: Callable[[Group, list[Block]], int | None]
) -> bool:
    """Cut one story where `cut_at` (its headline, its paragraphs) says, if anywhere: of all the stories so
    cut, the one whose two sides share the fewest words, and only below SUBHEAD_COHESION."""
    best: tuple[float, int, int] | None = None  # cohesion, segment, paragraph index
    for g in work.groups:
        if g.story is None or g.story not in cands or g.terms is None:
            continue
        paras = work.segments[g.story].paras
        at = cut_at(g, paras)
        if at is None:
            continue
        at = _past_attendance(paras, at)
        together = _together(work, "", paras, at)
        if together < SUBHEAD_COHESION and (best is None or together < best[0]):
            best = (together, g.story, at)
    if best is None:
        return False
    _, k, at = best
    work.segments_replace([_cut_segment(s, [at]) if n == k else [s] for n, s in enumerate(work.segments)])
    return True


def _past_attendance(paras: list[Block], at: int) -> int:
    """A cut before paragraph `at` moved below a list of who took part, which closes a report (领导小组成员…参加
    会议。): no story below opens with it."""
    while at < len(paras) - 1 and stories.ATTENDANCE.match(paras[at].text):
        at += 1
    return at


def _column_tagged(group: Group) -> bool:
    """A headline closed by its column's tag, the tag maybe broken onto the next line:
    `产业链协同加速“齐步走”（破解难点堵点` / `推动复工复产）`."""
    return bool(hl.COLUMN_TAG.search("".join(group.texts)))


def _cut_segments(work: Work, starts: Callable[[int, Segment], list[int]]) -> bool:
    """Cut each segment k before the paragraphs `starts(k, segment)` gives; whether any was cut."""
    parts = [
        _cut_segment(seg, cut) if (cut := starts(k, seg)) else [seg] for k, seg in enumerate(work.segments)
    ]
    if all(len(part) == 1 for part in parts):
        return False
    work.segments_replace(parts)
    return True


def _edges(work: Work, paras: list[Block], *, words: bool = True) -> list[float]:
    """How clearly a story may begin at each of these paragraphs (stories.edge_strength). What comes
    after a possible edge is read over two paragraphs: one may be a figure alone (99.1%). Without
    `words`, only what the text says outright (openers, closers, a paragraph going on) counts, not how
    little the words of the two sides share."""
    grams = [work.bigrams(p) if words else set() for p in paras]
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


def _beside(work: Work, line: Group, group: Group | None) -> bool:
    """Two groups side by side in one run, one of them a single line: likelier one story's kicker or
    subtitle and title than the headlines of two stories inside it."""
    if group is None or min(len(line.blocks), len(group.blocks)) != 1 or line.run != group.run:
        return False
    # Each closed by a column tag: two titles, for a tag closes a title and no kicker or subtitle bears one.
    if all(any(hl.COLUMN_TAG.search(t) for t in g.texts) for g in (line, group)):
        return False
    run = [g for g in work.groups if g.run == line.run]
    return abs(run.index(line) - run.index(group)) == 1


def _split_gain(work: Work, vocab: sim.Vocabulary, seg: Segment, owner: sim.Terms, other: sim.Terms) -> float:
    """How much more exclusive two halves of a story, one for each headline, can be than the whole: the
    best over the cuts before each paragraph, either headline above."""
    found = [work.present([p]) for p in seg.paras]
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


def _cut_between(
    work: Work,
    vocab: sim.Vocabulary,
    paras: list[Block],
    found: list[frozenset[str]],
    a: sim.Terms,
    b: sim.Terms,
    *,
    continues: bool = False,
    begun: str = "",
    going_on: str = "",
) -> int:
    """Where to cut paragraphs between two headlines' stories: the paragraph before which the sum of
    what each headline's own words cover of each paragraph on its side is greatest, read both ways up,
    a cut being likelier where the text shows a story's edge (stories.edge_strength)."""
    a_own, b_own = _distinctive(a, [b])
    rows = [[max(0.0, h - HIT_FLOOR) for h in vocab.coverage_each(t, found)] for t in (a_own, b_own)]  # type: ignore[arg-type]
    edges = _edges(work, paras, words=False)
    up = [list(accumulate(row, initial=0.0)) for row in rows]
    total = [u[-1] for u in up]

    def fit(at: int, first: int) -> float:
        return up[first][at] + total[1 - first] - up[1 - first][at] + stories.EDGE_BONUS * edges[at]

    at, first = max(((at, first) for at in range(1, len(paras)) for first in (0, 1)), key=lambda c: fit(*c))
    at = _past_attendance(paras, at)

    def unnamed(p: int, chance: float = 0.0) -> bool:
        return rows[0][p] <= chance and rows[1][p] <= chance

    if continues:
        # A word or two a headline shares with a paragraph by chance does not stop a continuation, nor does
        # a paragraph going on from the one above (王松灵坦言，…): no story begins there.
        moved = _continuation_end(
            work,
            paras,
            at,
            lambda p: unnamed(p, HIT_FLOOR),
            lambda k: edges[k] < 0 or fit(k, first) >= fit(at, first) - HIT_FLOOR,
            begun=begun,
        )
        if moved > at:
            return moved
    if going_on and first == 0:
        # The story below jumps away, and the issue shows what it goes on to say there (`going_on`): the words
        # decide where it opens. Paragraphs neither headline names at the cut stay with the story above while
        # they talk of it (TALKS_OF) more than of the story below, what it goes on to say included (未来一周左右，
        # 南方多阴雨… / 气象专家提醒，…积雪和道路结冰… under 华北黄淮等地将有降雪, over 2月11日，…蛇岛…（下转第二版）).
        while at < len(paras) - 1 and unnamed(at, HIT_FLOOR):
            text = paras[at].text
            above = "".join(p.text for p in paras[:at])
            below = "".join(p.text for p in paras[at + 1 : at + 1 + NEIGHBOURS]) + going_on
            with_above = sim.cohesion(text, above, counts=work.content_words)
            if with_above < TALKS_OF or with_above <= sim.cohesion(text, below, counts=work.content_words):
                break
            at += 1
        return at
    # Paragraphs neither headline names just above the cut open the story below, unless they go on from
    # the text above them or close a report with who took part.
    while (
        at > 1
        and edges[at] < 1.0
        and unnamed(at - 1)
        and edges[at - 1] >= 0
        and not stories.ATTENDANCE.match(paras[at - 1].text)
    ):
        at -= 1
    return at


def _still_above(work: Work, paras: list[Block], at: int, begun: str, going_on: str) -> int:
    """A cut before paragraph `at` of a continuation moved below the paragraphs that talk of what the
    continuation above them talks of, its beginning on the other page (`begun`) included: the continuation's
    last words, whatever word of a headline below they hold. A paragraph stays above when it talks of that as
    much as a subhead's text talks of the story above it (SUBHEAD_COHESION) and more than of the few after
    it (NEIGHBOURS: 在怒江期间，胡春华还深入到…贫困乡村… after 胡春华指出，剩余脱贫任务…, over 烟雨江南… under
    “亲眼见证了中国乡村的变化”); or when it talks of it at all (TALKS_OF) and more than of all the text after it,
    as each of a few paragraphs on one of the people the beginning named does, over a long story on something
    else (周学辉是所里的… / 王华东驻村帮扶的… / 苗小楼所在的… over 这是一次直抵人心…). The text after them holds what
    the story below goes on to say on another page, when the issue shows it (`going_on`): a beginning cut
    short by its page says little of itself here. The story above may be any story, `begun` then empty."""
    while at < len(paras) - 1:
        text = paras[at].text
        with_above = sim.cohesion(
            text, begun + "".join(p.text for p in paras[:at]), counts=work.content_words
        )
        after = [p.text for p in paras[at + 1 :]] + ([going_on] if going_on else [])
        stays = (
            with_above >= SUBHEAD_COHESION
            and with_above > sim.cohesion(text, "".join(after[:NEIGHBOURS]), counts=work.content_words)
        ) or (
            # The whole text after is segmented only where the next few do not keep the paragraph.
            with_above >= TALKS_OF
            and with_above > sim.cohesion(text, "".join(after), counts=work.content_words)
        )
        if not stays:
            break
        at += 1
    return at


def _continuation_end(
    work: Work,
    paras: list[Block],
    at: int,
    quiet: Callable[[int], bool],
    ties: Callable[[int], bool],
    *,
    begun: str = "",
) -> int:
    """Where the end of a story from another page (上接第一版 …) stops among paragraphs neither headline
    names: a continuation runs to its story's end, so those that talk of what it talks of more than of
    what the story below does are still its own (江北西部城区的整治工程… / 大事难事看担当…)."""
    end = at
    while end + 1 < len(paras) and ties(end + 1) and quiet(end):
        end += 1
    below = "".join(p.text for p in paras[end : end + NEIGHBOURS])
    while at < end:
        text = paras[at].text
        above = begun + "".join(p.text for p in paras[:at])  # the whole of the story so far
        if sim.cohesion(text, above, counts=work.content_words) <= sim.cohesion(
            text, below, counts=work.content_words
        ):
            break
        at += 1
    return at


def _cut_segment(seg: Segment, starts: list[int]) -> list[Segment]:
    """The segment cut before each of these paragraphs (indices into its paragraphs); a subhead or a
    headline line standing right before a cut goes with the story below it. So does a subhead a paragraph
    above the cut, the only one of the story above, where the story below sets subheads: a story that sets
    them sets them through, and this is the first of the story below (跨江联动 全力构建区域交通体系新格局 /
    作为通沪铁路的关键性工程… over 跨江通道、南通新机场… and the feature's other subheads)."""
    cuts = []
    for i in starts:
        at = seg.blocks.index(seg.paras[i])
        while at > 0 and seg.blocks[at - 1].kind in ("heading", "headline", "label"):
            at -= 1
        cuts.append(at)
    for n, at in enumerate(cuts):
        above = seg.blocks[cuts[n - 1] if n else 0 : at]
        below = seg.blocks[at : cuts[n + 1] if n + 1 < len(cuts) else len(seg.blocks)]
        cuts[n] = at - _lone_subhead(above, below)
    bounds = [0, *cuts, len(seg.blocks)]
    pieces = [seg.blocks[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    head = Segment(pieces[0], lead=seg.lead, kind=seg.kind, bylines=seg.bylines)
    return [head, *(Segment(blocks) for blocks in pieces[1:])]


def _lone_subhead(above: list[Block], below: list[Block]) -> int:
    """How many blocks at the end of the story above a cut are the first subhead of the story below and its
    first paragraph (see _cut_segment); 0 where none is."""
    start = len(above) - 1  # the paragraph under the subhead
    while start > 0 and above[start - 1].kind == "heading":
        start -= 1
    lone = (
        0 < start < len(above) - 1
        and above[-1].kind == "para"
        and not any(b.kind == "heading" for b in above[:start])
        and any(b.kind == "heading" for b in below)
    )
    return len(above) - start if lone else 0


def _distinctive(own: sim.Terms | None, free: list[sim.Terms]) -> list[sim.Terms | None]:
    """The story's own headline's terms less those of the headlines left over, and each of those less the
    own headline's: a feature and a commentary on one topic (平台经济 in both headlines) say nothing by their
    shared words of where one ends. A headline all of whose terms the other side has keeps them all."""
    others = sim.Terms.merge(free)
    pairs = [(own, others)] + [(t, own) for t in free]
    return [_less(t, o) if t is not None else None for t, o in pairs]


def _less(terms: sim.Terms, other: sim.Terms | None) -> sim.Terms:
    if other is None:
        return terms
    rest = sim.Terms(terms.words - other.words, terms.grams - other.grams)
    return rest if rest.words or rest.grams else terms
