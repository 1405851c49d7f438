"""Blocks -> story segments: the page cut at its leads (datelines, bylines, byline blocks, jump markers, photo
captions), the headline lines between stories kept as runs, then summaries set above a lead moved down to the
story that repeats them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import bylines as bl
from .headlines import KICKER_CUE, couplet
from .layout import BOX_OPENER, LIST_LABEL, LIST_MIN, SUBHEAD_MAX, Block, cached
from .loose import CREDIT_TAIL, SIDEBAR_MARKS
from .similarity import bigrams, shared
from .stories import letter_label
from .text import ends_sentence, join_text
from .values import Byline

SECTION_MAX = 6  # cells: 法治动态, 国际, 要闻 — a section's name is short
SECTION_NAME = re.compile(r"^[\u4e00-\u9fff·\s]+$")  # 法治动态: words only, no brackets or punctuation
MAX_CAPTION_PARAS = 3  # a photo's caption runs over at most this many paragraphs
# The detail of a caption, after its first paragraph: 图为毛南族群众表演舞龙狮。
CAPTION_DETAIL = re.compile(r"^(?:图为|上图|下图|左图|右图|图[一二三四五六1-6][：:])")
ITEM_LABELS = 2  # labels an item repeats from the one above, at least, to be the same story's
ITEM_BLOCKS = 8  # blocks of an item its labels are looked for in, at most
ITEM_GAP = 3  # blocks between two items of a series (a closing note, the next one's title), at most


@dataclass
class Segment:
    """A run of blocks that forms one story, before headlines are assigned.

    Loose headline blocks inside a segment are candidates: a subhead, or the headline of a story that
    starts there without a lead; work.py decides which.
    """

    blocks: list[Block]
    lead: bl.Lead | None = None
    kind: str | None = None  # photo | feature | None
    bylines: list[Byline] = field(default_factory=list)

    @property
    def paras(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "para"]

    @cached
    def text(self) -> str:
        return "".join(b.text for b in self.blocks if b.kind == "para")

    @property
    def continues(self) -> bool:
        """Whether it opens with `上接第一版`: the continuation of a story from another page."""
        return self.lead is not None and self.lead.kind == "jump"

    @property
    def first(self) -> int:
        return self.blocks[0].first


@dataclass
class HeadlineRun:
    """Consecutive loose headline lines between stories; `before` is the index of the story that follows."""

    blocks: list[Block]
    before: int | None  # None: at the end of the page
    after: int | None  # the story just above, None at the top of the page


@dataclass
class Cut:
    segments: list[Segment]
    runs: list[HeadlineRun]
    furniture: list[Block]


def caption_credit(blocks_: list[Block], i: int) -> list[Byline] | None:
    """The photographers when paragraph `i` is a photo caption (credit on the next line or at its end)."""
    nxt = blocks_[i + 1] if i + 1 < len(blocks_) else None
    if nxt is not None and nxt.kind == "credit":
        return nxt.bylines
    # The credit may be broken over the caption's last two lines: `…变化。林  舟` / `摄（影像中国）`.
    last = blocks_[i].text
    if "摄" not in last[-CREDIT_TAIL:]:
        return None
    credit = bl.parse_photo_credit(last)
    if credit and credit[1] > 0 and ((before := last[: credit[1]].rstrip()) == "" or ends_sentence(before)):
        return credit[0]
    return None


def _caption_before(cur: Segment, block: Block, *, headed: bool) -> int | None:
    """Where the caption that `block` ends (with its credit) begins inside the story `cur`, when it began
    earlier: 0 for the whole of `cur`, else the index of the headline lines that head it; None when the
    caption is `block` alone.

    A caption may run over a few paragraphs, `24日，广西…` / `图为毛南族群众表演舞龙狮。` / `高东风摄`: those
    after the photo's headline are its caption, not the end of the story before it.
    """
    blocks_ = cur.blocks
    loose = [k for k, b in enumerate(blocks_) if b.kind in ("headline", "heading")]
    if loose:
        start = loose[-1]
        while start > 0 and blocks_[start - 1].kind in ("headline", "heading"):
            start -= 1
        after = blocks_[loose[-1] + 1 :]
        if start > 0 and after and all(b.kind == "para" for b in after) and len(after) < MAX_CAPTION_PARAS:
            return start
        return _caption_tail(cur, block)
    fresh = cur.lead is None and cur.kind is None and all(b.kind == "para" for b in blocks_)
    if fresh and len(blocks_) < MAX_CAPTION_PARAS and (headed or CAPTION_DETAIL.match(block.text)):
        return 0
    return _caption_tail(cur, block)


def _caption_tail(cur: Segment, block: Block) -> int | None:
    """Where a caption begins among the last paragraphs of the story before it, on a page that gives
    photos no headline of their own nearby: a paragraph goes with the caption when it shares more of
    its words with the caption than with the paragraph before it (湖南郴州…高椅岭景区 / 日前，郴州山地救援队…)."""
    blocks_ = cur.blocks
    caption = bigrams(block.text)
    start = None
    for k in range(len(blocks_) - 1, max(len(blocks_) - MAX_CAPTION_PARAS, 0), -1):
        para, before = blocks_[k], blocks_[k - 1]
        if para.kind != "para" or before.kind != "para" or (k == 1 and cur.lead is not None):
            break
        mine = bigrams(para.text)
        if shared(mine, caption) <= shared(mine, bigrams(before.text)):
            break
        start, caption = k, caption | mine
    return start


def lead_of(block: Block) -> bl.Lead | None:
    """The lead of a paragraph.

    A byline that ends exactly at a line break (`记者丁国锋` / `江苏省委…`) was set apart from the text by
    the break itself: the paragraph keeps a space there, or the name would run into the text.
    """
    if not bl.LEAD_START.match(block.text):
        return None
    joined = bl.parse_lead(block.text)
    found = len(joined.bylines) if joined else 0
    lines = block.lines
    # A dateline on a line of its own (本报电 / 一季度，…): the break parts it from the text, as a space would.
    if len(lines) > 1 and (joined is None or joined.end < len(lines[0].text)):
        alone = bl.parse_lead(lines[0].text)
        if alone is not None and alone.end == len(lines[0].text):
            block.text = lines[0].text + " " + join_text([line.text for line in lines[1:]])  # type: ignore[misc]
            return bl.parse_lead(block.text)
    # A byline needs a role word, and one ending at a break in the first two lines has it before the break
    # (the text starts with those lines joined): without one, there is nothing to read again.
    if len(lines) < 2 or not bl.ROLE_SPLIT.search(block.text, 0, len(lines[0].text) + len(lines[1].text) + 1):
        return joined
    for k in range(1, min(len(block.lines), 3)):
        head = join_text([line.text for line in block.lines[:k]])
        spaced_text = head + " " + join_text([line.text for line in block.lines[k:]])
        spaced = bl.parse_lead(spaced_text)
        # Also where the name was read running into the text and ended at the break: 记者吴良艺 / 今天…
        at_break = joined is not None and found > 0 and joined.end == len(head) and head[-1] not in "）)"
        if spaced and (len(spaced.bylines) > found or at_break) and spaced.end == len(head):
            block.text = spaced_text  # type: ignore[misc]  # a cached property: set the text once
            return spaced
    return joined


def _top_furniture(blocks_: list[Block]) -> None:
    """The section name: a short loose line of words at the top of the page, the first after its furniture."""
    for n, block in enumerate(blocks_[:4]):
        after = blocks_[n + 1] if n + 1 < len(blocks_) else None
        if (
            block.kind == "headline"
            and block.lines[0].width <= SECTION_MAX
            and SECTION_NAME.match(block.text)
            and not KICKER_CUE.search(block.text)  # 胡春华强调 introduces the title below it
            and "的" not in block.text  # 丰收的大白菜 over a photo's caption: a phrase, titling what follows
            # 保护湿地 / 守护候鸟（…）: the first half of a title set as a couplet over two lines
            and not (after is not None and after.kind == "headline" and couplet(block.text, after.text))
            # 回 信 / 郑州圆方集团全体职工：: the label over a letter's salutation
            and not (
                after is not None and after.kind == "para" and letter_label(block.text, after.lines[0].text)
            )
        ):
            block.kind = "section"
        if block.kind != "furniture":  # only the first line after the page's furniture may be its section
            return


def page(blocks_: list[Block]) -> Cut:
    """Cut the page at leads: datelines, bylines, byline blocks, jump fragments and photo captions."""
    _top_furniture(blocks_)
    later_items = _item_starts(blocks_)  # and every item's title made a subhead
    segments: list[Segment] = []
    runs: list[HeadlineRun] = []
    furniture: list[Block] = []
    pending: list[Block] = []
    cur: Segment | None = None
    closed = True  # the current segment takes no more paragraphs (after a photo caption)

    def start(seg: Segment) -> Segment:
        nonlocal pending
        if pending:
            runs.append(
                HeadlineRun(pending, before=len(segments), after=len(segments) - 1 if segments else None)
            )
            pending = []
        segments.append(seg)
        return seg

    for i, block in enumerate(blocks_):
        if block.kind in ("furniture", "section"):
            furniture.append(block)
        elif block.kind in ("headline", "label"):
            pending.append(block)
        elif block.kind == "jump":
            if cur is None or bl.continued_from(block.text) is not None:
                # `上接第一版` on a line of its own opens the continuation of a story from another page,
                # whatever came before it (a photo caption's segment would otherwise take it).
                cur = start(Segment([block], lead=lead_of(block)))
                closed = False
            else:  # `（下转第二版）`: the story goes on elsewhere, not here
                cur.blocks.extend(pending + [block])
                pending = []
                closed = True
        elif block.kind == "byline":
            if cur is not None and cur.kind == "feature" and not cur.paras and not pending:
                cur.blocks.append(block)
                cur.bylines.extend(block.bylines)
            else:
                cur = start(Segment([block], kind="feature", bylines=list(block.bylines)))
                closed = False
        elif block.kind == "closing":
            if cur is None:
                cur = start(Segment([block]))
            else:
                cur.blocks.extend(pending + [block])
                pending = []
            cur.bylines.extend(block.bylines)
            closed = True
        elif block.kind == "credit":
            if cur is None:
                cur = start(Segment([block], kind="photo"))
            else:
                cur.blocks.extend(pending + [block])
                pending = []
                cur.bylines.extend(block.bylines)
            closed = True
        else:
            lead = lead_of(block)
            closing = bl.parse_closing_byline(block.text) if block.text.endswith(("）", ")")) else None
            if closing and closing[1] == 0 and cur is not None and not closed:
                # `（本报记者王明峰、姚雪青）` as a paragraph of its own signs the story above; it leads nothing.
                lead = None
            credit = caption_credit(blocks_, i)
            if credit is not None:
                # A credit at the caption's end closes it here; one on the next line closes it there.
                own = blocks_[i + 1 : i + 2] == [] or blocks_[i + 1].kind != "credit"
                bylines = list(credit) if own else []
                headed = bool(runs) and runs[-1].before == len(segments) - 1
                caption = (
                    _caption_before(cur, block, headed=headed) if cur is not None and not closed else None
                )
                if caption and pending:
                    # Headline lines stand right above the caption: they are its title, and the caption
                    # does not run back into the story above them.
                    caption = None
                if caption is None:
                    cur = start(Segment([block], kind="photo", bylines=bylines))
                elif caption == 0:  # the whole story so far is the caption's beginning
                    cur.blocks.extend(pending + [block])
                    pending = []
                    cur.kind, cur.bylines = "photo", cur.bylines + bylines
                else:  # the caption runs back to the headline lines above it, inside the story
                    assert cur is not None
                    head, pending = cur.blocks[:caption], cur.blocks[caption:]
                    cur.blocks = head
                    at = next(k for k, b in enumerate(pending) if b.kind == "para")
                    pending, moved = pending[:at], pending[at:]
                    cur = start(Segment([*moved, block], kind="photo", bylines=bylines))
                closed = own
            elif (
                lead is None
                and cur is not None
                and closed
                and pending
                and pending[0].text[0] in SIDEBAR_MARKS
            ):
                # A sidebar after a story's closing byline, its label marked (■专家观点 / 他们眼里有光芒): the
                # story's box goes on.
                cur.blocks.extend(pending + [block])
                pending = []
                closed = False
            elif lead is not None and cur is not None and not pending and _same_filing(blocks_[i - 1], block):
                # A letter or speech closed by its filing line, then the report on it under the same dateline
                # (（新华社北京4月30日电） / 新华社北京4月30日电 在…): one story.
                cur.blocks.append(block)
                closed = False
            elif lead is not None and cur is not None and not pending and _marker_alone(cur):
                # `上接第1版` on a line of its own opens the text after it, dateline and all: a marker alone is
                # no story (a story printed with a summary above its dateline may jump right after it).
                cur.blocks.append(block)
                cur.bylines.extend(lead.bylines)
            elif lead is None and cur is not None and closed and i in later_items:
                # An item closed by its note (（文 华整理）), then another of the same labels (提案人：…
                # 案由：… 建议：…): the items of one story, a digest of proposals or of cases.
                cur.blocks.extend(pending + [block])
                pending = []
                closed = False
            elif lead is not None or cur is None or closed or _opens_box(block, cur):
                cur = start(Segment([block], lead=lead, bylines=list(lead.bylines) if lead else []))
                closed = False
            else:
                cur.blocks.extend(pending + [block])
                pending = []
            if closing and credit is None:
                cur.bylines.extend(closing[0])
                closed = True
            elif bl.ends_with_jump(block.text):  # `…（下转第五版）`: the story goes on elsewhere, not here
                closed = True
    if pending:
        runs.append(HeadlineRun(pending, before=None, after=len(segments) - 1 if segments else None))
    _pull_quotes_down(segments, runs)
    return Cut(segments, runs, furniture)


def _marker_alone(seg: Segment) -> bool:
    """Whether the segment so far is a `上接` marker on a line of its own, and nothing else."""
    return seg.continues and len(seg.blocks) == 1 and seg.blocks[0].kind == "jump"


def _label(block: Block) -> str | None:
    """The label a paragraph opens with (提案人 of 提案人：九三学社中央), if it does."""
    match = LIST_LABEL.match(block.text) if block.kind == "para" else None
    return match.group(1) if match else None


def _labels(blocks_: list[Block]) -> list[str]:
    """The labels the paragraphs among these blocks open with, in order: 提案人 / 案由 / 建议."""
    return [label for b in blocks_ if (label := _label(b)) is not None]


def series(blocks_: list[Block]) -> list[list[int]]:
    """The items set out alike among these blocks, by series: the index of each item's first field, in order.
    An item is a run of paragraphs opening with a label (提案人：… 案由：… 建议：…, ITEM_BLOCKS at most), its
    labels all different (a label over and over, 书名：… 书名：…, is a list); two items of the same labels
    with at most ITEM_GAP blocks between them (a closing note, a title) are of one series."""
    items: list[tuple[int, int, list[str]]] = []  # first field, end, labels
    k = 0
    while k < len(blocks_):
        if _label(blocks_[k]) is None:
            k += 1
            continue
        end = k
        while end < len(blocks_) and end - k < ITEM_BLOCKS and blocks_[end].kind == "para":
            end += 1
        labels = _labels(blocks_[k:end])
        if len(labels) >= ITEM_LABELS and len(set(labels)) == len(labels):
            items.append((k, end, labels))
        k = end
    out: list[list[int]] = []
    for n, (start, _, labels) in enumerate(items):
        before = items[n - 1] if n else None
        if out and before is not None and before[2] == labels and start - before[1] <= ITEM_GAP:
            out[-1].append(start)
        else:
            out.append([start])
    return [starts for starts in out if len(starts) > 1]


def lists(blocks_: list[Block]) -> list[int]:
    """Where each run of LIST_MIN paragraphs or more opening with one label begins (书名：风云初记 作者：孙犁 /
    书名：… ): a list, each paragraph an item."""
    labels = [_label(b) for b in blocks_]
    return [
        k
        for k in range(len(blocks_) - LIST_MIN + 1)
        if labels[k] is not None
        and (k == 0 or labels[k - 1] != labels[k])
        and len(set(labels[k : k + LIST_MIN])) == 1
    ]


def _item_starts(blocks_: list[Block]) -> set[int]:
    """Where each item of a series but the first begins: at its title, a short line ending no sentence right
    above its first field (开通夜间公交专线 over 提案人：…), which becomes a subhead of the story; at the field
    where it has none. Every item's title is made a subhead, the first's too."""
    out = set()
    for starts in series(blocks_):
        for n, start in enumerate(starts):
            title = blocks_[start - 1] if start else None
            if (
                title is not None
                and title.kind in ("para", "headline")
                and len(title.lines) == 1
                and title.lines[0].width <= SUBHEAD_MAX
                and not ends_sentence(title.text)
                and LIST_LABEL.match(title.text) is None
            ):
                title.kind = "heading"
                start -= 1
            if n:
                out.add(start)
    return out


def _opens_box(block: Block, cur: Segment) -> bool:
    """A summary box's opener (核心阅读 / 编者按) after a story's text opens a story of its own: a story opens
    with its box, never has it halfway, so on a page whose headlines stand in a block elsewhere the opener is
    where one story ends and the next begins."""
    return BOX_OPENER.fullmatch(block.text) is not None and bool(cur.paras)


def _same_filing(closing: Block, lead: Block) -> bool:
    """Whether a closing filing line (（新华社北京4月30日电）) names the dateline the next paragraph opens with."""
    inner = closing.text.strip()[1:-1].strip()
    return closing.kind == "closing" and inner.endswith("电") and lead.text.startswith(inner)


def _pull_quotes_down(segments: list[Segment], runs: list[HeadlineRun]) -> None:
    """A paragraph before a lead that the story after the lead repeats word for word (a summary set in
    larger type above a report: 今年下一阶段，要… before 新华社北京5月15日电 … 会议指出，今年下一阶段，要…)
    opens that story, not the end of the one before. A story left with nothing else is merged into the next,
    its headline with it."""
    k = 0
    while k + 1 < len(segments):
        seg, nxt = segments[k], segments[k + 1]
        if nxt.lead is None or seg.kind is not None or nxt.kind is not None:
            k += 1
            continue
        at = repeated_tail(seg.blocks, nxt.text)
        if at == len(seg.blocks):
            k += 1
            continue
        moved = seg.blocks[at:]
        # The summary's headline set right above it, inside the story before, heads the story after.
        top = at
        while top > 0 and seg.blocks[top - 1].kind == "headline":
            top -= 1
        if top < at:
            place = next((i for i, r in enumerate(runs) if r.before is None or r.before > k), len(runs))
            runs.insert(place, HeadlineRun(seg.blocks[top:at], before=k + 1, after=k))
        del seg.blocks[top:]
        nxt.blocks[:0] = moved
        nxt.__dict__.pop("text", None)  # the cached text
        seg.__dict__.pop("text", None)
        if not seg.paras:
            nxt.blocks[:0] = seg.blocks
            nxt.bylines[:0] = seg.bylines
            del segments[k]
            for run in runs:
                run.before = _shifted(run.before, k)
                run.after = _shifted(run.after, k, moved_to=k - 1 if k else None)
            continue
        k += 1


PULL_QUOTE_MIN = 20  # characters: a shorter paragraph may repeat a phrase by chance


def repeated_tail(blocks: list[Block], story: str) -> int:
    """Where the paragraphs closing `blocks` that `story` repeats (repeated_in) begin; len(blocks) where the
    last block is no such paragraph."""
    at = len(blocks)
    while at > 0 and blocks[at - 1].kind == "para" and repeated_in(blocks[at - 1].text, story):
        at -= 1
    return at


def repeated_in(paragraph: str, story: str) -> bool:
    """Whether a paragraph's opening words recur in a story's text."""
    return len(paragraph) >= PULL_QUOTE_MIN and paragraph[:PULL_QUOTE_MIN] in story


def _shifted(index: int | None, removed: int, moved_to: int | None = None) -> int | None:
    """A story index after story `removed` was merged into the one after it."""
    if index is None or index < removed:
        return index
    if index == removed:
        return removed if moved_to is None else moved_to
    return index - 1
