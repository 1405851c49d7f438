"""After assignment, what is left over: headlines no story took and stories no headline took. A headline
goes to a titleless photo it names, joins a neighbouring group as kicker, subtitle or title, or heads the
headless story right below it or one it names; a headless piece opens the story below its headline or goes
back to the story above it (a sidebar, a roundup's second report). A two-line headline whose first line names
nothing of the story is read as rubric and title."""

from __future__ import annotations

from . import bylines as bl
from . import cut, stories
from . import headlines as hl
from . import similarity as sim
from .cut import SIDEBAR_MARKS, Segment
from .work import GROUP_MAX, HIT_FLOOR, Group, Work

FREE_MATCH = (
    0.05  # a headline left over naming more than chance of a leadless piece left without one heads it
)
RUBRIC_MAX = 0.05  # a first headline line covering less of its story names none of it: a rubric
ROUNDUP_PART = 0.5  # a roundup's headline names each of its reports in part: at most this share of it
MIN_SUBTITLE = 0.4  # an unmatched headline line joins a neighbouring group about the same story


def hand_headline_to_photo(work: Work) -> bool:
    """A story's headline that names a titleless photo's caption better than the story goes to the photo,
    when a headline left over names the story: photos are no candidates in the assignment (a caption
    seldom shares its title's words), so a headline fitting both went to the story and pushed the
    story's own headline out. Whether one such exchange was made."""
    photos = work.titleless_photos()
    if not photos:
        return False
    vocab = work.vocabulary()
    free = work.free_headlines()
    best: tuple[float, Group, Group, int] | None = None
    for g in work.groups:
        if g.story is None or g.terms is None or work.segments[g.story].kind == "photo":
            continue
        own = vocab.coverage(g.terms, work.present_in(work.segments[g.story]))
        for k in photos:
            there = vocab.coverage(g.terms, work.present_in(work.segments[k]))
            if there < own:
                continue
            for f in free:
                instead = vocab.coverage(f.terms, work.present_in(work.segments[g.story]))
                gain = there + instead - own
                if instead >= hl.MIN_MATCH and (best is None or gain > best[0]):
                    best = (gain, g, f, k)
    if best is None:
        return False
    _, g, f, k = best
    f.story, f.score = g.story, vocab.coverage(f.terms, work.present_in(work.segments[g.story]))  # type: ignore[arg-type]
    g.story, g.score = k, vocab.coverage(g.terms, work.present_in(work.segments[k]))  # type: ignore[arg-type]
    return True


def openers_under_headlines(work: Work) -> None:
    """A piece with no lead and no headline, standing right under a headline that went to the story just
    after it, opens that story: a summary or pull quote set above the report's dateline (今年下一阶段，要…
    over 新华社北京5月15日电 …) that the report does not repeat on this page (its repeat went on with
    the jump to another page). The headline stands above it, and the story it named has none of its own."""
    heads = {g.story: g for g in work.groups if g.story is not None}
    for r, run in enumerate(work.runs):
        k = run.before
        if k is None or k in heads:
            continue
        seg = work.segments[k]
        after = next((j for j in range(k + 1, len(work.segments)) if work.segments[j].blocks), None)
        group = [g for g in work.groups if g.run == r][-1:]
        if (
            after is None
            or not group
            or group[0].story != after
            or seg.lead is not None
            or seg.kind is not None
            or not seg.paras
        ):
            continue
        nxt = work.segments[after]
        if nxt.lead is None or nxt.continues or nxt.kind is not None:
            continue
        nxt.blocks[:0] = seg.blocks
        seg.blocks = []
        for moved in (seg, nxt):  # what was read of their text no longer holds
            work.forget_text(moved)


def summaries_of_jumping_reports(work: Work) -> None:
    """Paragraphs right above a report that jumps to another page, whose continuation there repeats them word
    for word (Work.continuation_of), open that report: a summary set above its dateline (今年下一阶段，要…
    over 新华社北京5月15日电 …, then 会议指出，今年下一阶段，要… after the jump), whether the page left it a
    piece of its own with no lead and no headline or ran it on from the story above. (cut._pull_quotes_down
    does the same where the repeat is on the page.)"""
    heads = {g.story for g in work.groups if g.story is not None}
    for k, (seg, nxt) in enumerate(zip(work.segments, work.segments[1:], strict=False)):
        if seg.kind is not None or not seg.paras:
            continue
        if nxt.lead is None or nxt.continues or nxt.kind is not None:
            continue
        going_on = work.continuation_of(nxt)
        at = cut.repeated_tail(seg.blocks, going_on) if going_on else len(seg.blocks)
        if at == len(seg.blocks):
            continue
        if any(b.kind == "para" for b in seg.blocks[:at]):
            moved, seg.blocks = seg.blocks[at:], seg.blocks[:at]  # the story above keeps its own text
        elif k not in heads and seg.lead is None:
            moved, seg.blocks = seg.blocks, []  # the piece was all summary
        else:
            continue
        nxt.blocks[:0] = moved
        for changed in (seg, nxt):  # what was read of their text no longer holds
            work.forget_text(changed)


def merge_unmatched_lines(work: Work) -> None:
    """A group of a line or two nobody took, next to a group about the same story, is that group's kicker,
    subtitle or title (a kicker that took the story alone, and its title set on two lines)."""
    vocab = work.vocabulary()
    for g in list(work.groups):
        if g.story is not None or len(g.blocks) > GROUP_MAX - 1 or work.names_photo(g):
            continue
        same_run = [x for x in work.groups if x.run == g.run]
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
                or work.jump_apart(g, nb)
            ):
                continue
            score = vocab.coverage(g.terms, work.present_in(work.segments[nb.story]))
            # A rubric like 新春走基层 names no story's words, but standing first in a run right above
            # the story its next group heads, it is that group's kicker.
            rubric = pos == 0 and nb is same_run[1] and work.runs[g.run].before == nb.story
            # A title under its kicker may name the story in few words of its own (古村韵味长 under 李宅村),
            # however little, as long as no other story more.
            named = score >= hl.MIN_MATCH or (score > HIT_FLOOR and score >= _best_fit(work, g))
            if score >= MIN_SUBTITLE or rubric or (named and _kicker_over_title(nb, g)):
                nb.kicker_first = nb.kicker_first or (rubric and score < MIN_SUBTITLE)
                nb.blocks = sorted(nb.blocks + g.blocks, key=lambda b: b.first)
                nb.terms = sim.Terms.merge([nb.terms, g.terms]) if nb.terms else g.terms
                work.groups.remove(g)
                break


def headlines_above_headless_stories(work: Work) -> None:
    """A story nobody's headline matched takes the unmatched group standing right above it: its words
    may all be the editor's (让群众感受到公平正义 over a text that never says so). The low score stays
    as its confidence, for the review queue."""
    headed = work.headed()
    candidates = {k for k, s in enumerate(work.segments) if s.paras}  # photos too: 赏花时节 over a caption
    for r, run in enumerate(work.runs):
        if run.before is None or run.before in headed or run.before not in candidates:
            continue
        last = [g for g in work.groups if g.run == r][-1:]
        if last and last[0].story is None:
            last[0].story = run.before
            headed.add(run.before)


def free_headlines_to_headless(work: Work) -> None:
    """Headlines no story took go to the photos left without a title: each to the caption it names best
    (丰收的大白菜 over a caption about cabbages). Then one headline left over and one photo or leadless
    piece left over go together: a photo's title (赏花时节) seldom repeats its caption's words, nor a
    feature's (五洲共欢庆 四海同迎春) its text. The score stays 0, for the review queue; a story with a lead
    may be a brief printed without a headline, and keeps none."""
    free = [g for g in work.groups if g.story is None]
    if not free:
        return
    photos = work.titleless_photos()
    vocab = work.vocabulary()
    scores = [
        [vocab.coverage(g.terms, work.present_in(work.segments[k])) if g.terms else 0.0 for k in photos]
        for g in free
    ]
    for gi, col in hl.assign(scores).items():
        free[gi].story, free[gi].score = photos[col], scores[gi][col]
    # Then to the leadless pieces left without a title that they name, however little (a story cut short
    # by its jump to another page says less of its headline than a whole one), each to the one it names
    # best of those.
    free = [g for g in free if g.story is None and g.terms is not None]
    leadless = [k for k in work.headless() if _leadless(work.segments[k])]
    scores = [[vocab.coverage(g.terms, work.present_in(work.segments[k])) for k in leadless] for g in free]  # type: ignore[arg-type]
    for gi, col in hl.assign(scores, minimum=FREE_MATCH).items():
        free[gi].story, free[gi].score = leadless[col], scores[gi][col]
    free = [g for g in work.groups if g.story is None]
    headless = work.headless()
    if len(free) == 1 and len(headless) == 1:
        lone = work.segments[headless[0]]
        if lone.kind == "photo" or _leadless(lone):
            free[0].story, free[0].score = headless[0], 0.0


def labels_over_headlined(work: Work) -> None:
    """A line no longer than a label (回 信, 附件) standing alone right above a story, where the page set
    that story's headline in a block away from it, is the story's first subhead: whether nobody took the
    line, or it took the story while a headline nobody took names the story more, and no other as much."""
    vocab = work.vocabulary()
    for h in list(work.groups):
        run = work.runs[h.run]
        k = run.before
        if (
            k is None
            or h.story not in (None, k)
            or h.terms is None
            or len(h.blocks) != 1
            or len(run.blocks) != 1
            or not 2 <= len("".join(h.texts[0].split())) <= stories.LABEL_MAX
        ):
            continue
        seg = work.segments[k]
        present = work.present_in(seg)
        if h.story is None:
            if k not in work.headed():
                continue
        else:
            own = vocab.coverage(h.terms, present)
            free = [
                (fit, g)
                for g in work.groups
                if g.story is None
                and g.terms is not None
                and (fit := vocab.coverage(g.terms, present)) > max(own, HIT_FLOOR)
                and fit >= _best_fit(work, g)
            ]
            if not free:
                continue
            fit, g = max(free, key=lambda item: item[0])
            g.story, g.score = k, fit
        block = h.blocks[0]
        block.kind = "heading"
        run.blocks.remove(block)
        seg.blocks.insert(0, block)
        work.groups.remove(h)
        work.forget_text(seg)


def _leadless(seg: Segment) -> bool:
    """A piece of text with no lead of its own: nothing opens it, or only `上接第一版` (a continuation's
    marker says where it comes from, not what it is, and its jump headline stands elsewhere)."""
    return seg.kind is None and (seg.lead is None or seg.continues)


def titles_under_kickers(work: Work) -> None:
    """A line nobody took, right below a longer lone line that took a story and naming that story more
    than any other, however little, is its title: a kicker spells out who or what (某市湿地保护中心主任某某),
    the title says little in the editor's words (一生守望), too little to take the story alone."""
    vocab = work.vocabulary()
    for g in [g for g in work.groups if g.story is None and g.terms is not None]:
        run = [x for x in work.groups if x.run == g.run]
        pos = run.index(g)
        above = run[pos - 1] if pos else None
        if above is None or above.story is None or not _spells_out(above, g) or work.jump_apart(above, g):
            continue
        fit = vocab.coverage(g.terms, work.present_in(work.segments[above.story]))
        if fit > HIT_FLOOR and fit >= _best_fit(work, g):
            above.blocks += g.blocks
            above.terms = sim.Terms.merge([above.terms, g.terms]) if above.terms else g.terms
            above.kicker_first = True
            work.groups.remove(g)


def mark_rubrics(work: Work) -> None:
    """A two-line headline whose first line names nothing the story says (a rubric such as 新春走基层)
    and whose second does is a kicker and a title, however long each line is."""
    vocab = work.vocabulary()
    for g in work.groups:
        if g.story is None or len(g.blocks) != 2 or g.kicker_first:
            continue
        have = work.present_in(work.segments[g.story])
        first, second = (vocab.coverage(work.line_terms[id(b)], have) for b in g.blocks)
        g.kicker_first = first < RUBRIC_MAX < hl.MIN_MATCH <= second


def rejoin_headless_tails(work: Work) -> None:
    """A piece with no lead and no headline after a story (a sidebar after the story's closing
    byline: ■专家观点 …) goes back to the story above it: no headline on the page names it. Its blocks
    move; the emptied piece is left out of the articles."""
    headed = work.headed()
    for g in work.groups:  # a roundup's headline went to its second report: it heads the first
        k = g.story
        first = work.segments[k - 1] if k else None
        if (
            k
            and first is not None
            and k - 1 not in headed
            and first.kind is None
            and first.paras
            and (
                _heads_roundup(work, g, k - 1)
                # On a page of continuations, the first report may be the end of one from another
                # page, when the headline stands in a block, not right above the second report.
                or (
                    work.runs[g.run].before != k
                    and _heads_roundup(work, g, k)
                    and (
                        _heads_roundup(work, g, k - 1, continuation=True)
                        or (_no_headline_left(work, first) and _names_in_part(work, g, k))
                    )
                )
            )
        ):
            g.story = k - 1
            headed = work.headed()
    tops = {run.before for run in work.runs}
    # On a page whose headlines all stand right above their stories, a piece with none above it goes on
    # from the story before, lead or not: the report after a letter, its second dateline (回信 … /
    # （新华社北京4月30日电） / 新华社北京4月30日电 在…).
    leads_too = len(headed) >= 2 and headed <= tops
    headed |= tops
    heads = {g.story: g for g in work.groups if g.story is not None}
    above: int | None = None
    for k, seg in enumerate(work.segments):
        if (
            above is not None
            and k not in headed
            and (seg.lead is None or _goes_on_despite_lead(work, heads.get(above), above, k, leads_too))
            and seg.kind is None
            and seg.paras
            and work.segments[above].kind != "photo"
            and not _jumps_away(work.segments[above])
            and not _closed_before(work.segments[above], seg)
            and not cut.series(seg.blocks)  # a digest of items set out alike stands alone (提案提要)
        ):
            work.segments[above].blocks.extend(seg.blocks)
            seg.blocks = []
            continue
        above = k if seg.blocks else above


def _closed_before(above: Segment, seg: Segment) -> bool:
    """The story above ended with its closing note (（本报…电 记者…参与采写）, （作者为…）) and the piece is no
    sidebar of it (■专家观点 …): a story does not go on after its closing note."""
    paras = above.paras
    return (
        bool(paras)
        and stories.STORY_CLOSER.match(paras[-1].text) is not None
        and seg.blocks[0].text[:1] not in SIDEBAR_MARKS
    )


def _goes_on_despite_lead(work: Work, group: Group | None, above: int, k: int, leads_too: bool) -> bool:
    """Whether piece k, which has a lead, goes on from the story above it all the same: on a page whose
    headlines all stand above their stories, when no headline stands above it (the report after a letter),
    unless the story above is a continuation from another page, which ends where another story begins;
    or when the headline above names both (a roundup)."""
    return (leads_too and not work.segments[above].continues) or _heads_roundup(work, group, k)


def _heads_roundup(work: Work, group: Group | None, k: int, *, continuation: bool = False) -> bool:
    """Whether a story's headline names the headless report after it, and better than any other
    headline does: reports from several places under one headline (青海完成营造林… 吉林保护恢复湿地…), each
    with its own dateline. A report that jumps to another page needs only to be named at all: a page
    sends no headless brief on, and the few words it prints before the jump say little. A continuation
    (上接第一版) is such a report only where the caller allows it."""
    seg = work.segments[k]
    lead = seg.lead
    kinds = ("dateline", "jump") if continuation else ("dateline",)
    if group is None or group.terms is None or lead is None or lead.kind not in kinds:
        return False
    vocab = work.vocabulary()
    have = work.present_in(seg)
    fit = vocab.coverage(group.terms, have)
    return (
        fit > 0
        and (fit >= hl.MIN_MATCH or _jumps_away(seg))
        and all(
            vocab.coverage(g.terms, have) <= fit
            for g in work.groups
            if g is not group and g.terms is not None
        )
    )


def _no_headline_left(work: Work, seg: Segment) -> bool:
    """Whether a continuation (上接第一版 …) must share a headline: every headline on the page went to
    another story, and its own jump headline is none of them. Its text may not repeat a word of the
    roundup's headline (全省林草产业… under 青海完成营造林… 吉林…)."""
    return seg.continues and all(g.story is not None for g in work.groups)


def _names_in_part(work: Work, group: Group, k: int) -> bool:
    """Whether a headline names story k only in part, as a roundup's headline names each of its reports
    (青海完成营造林… 吉林保护恢复湿地… over the 吉林 report): no more than half of it."""
    have = work.present_in(work.segments[k])
    return group.terms is not None and work.vocabulary().coverage(group.terms, have) <= ROUNDUP_PART


def _best_fit(work: Work, group: Group) -> float:
    """How well a group names the story it names best."""
    vocab = work.vocabulary()
    return max(
        (vocab.coverage(group.terms, work.present_in(s)) for s in work.segments if s.paras and group.terms),
        default=0.0,
    )


def _jumps_away(seg: Segment) -> bool:
    """Whether a story ends with its `下转第二版`: it goes on on another page, not with the text below it."""
    last = next((b for b in reversed(seg.blocks) if b.kind in ("para", "jump")), None)
    return last is not None and bl.ends_with_jump(last.text)


def _spells_out(line: Group, below: Group) -> bool:
    """A lone untagged line longer than the lone line below it: a kicker spelling out what the title says
    in few words."""
    return (
        len(line.blocks) == len(below.blocks) == 1
        and not hl.COLUMN_TAG.search(line.texts[0])
        and hl.visible_len(line.texts[0]) > hl.visible_len(below.texts[0])
    )


def _kicker_over_title(line: Group, group: Group) -> bool:
    """A lone untagged line right above a group closed by its column tag: a kicker over its title, which
    may name the story in words of its own (你出钱 / 我护林（…）)."""
    return (
        len(line.blocks) == 1
        and line.blocks[0].first < group.blocks[0].first
        and not hl.COLUMN_TAG.search(line.texts[0])
        and hl.COLUMN_TAG.search(group.texts[-1]) is not None
    )
