"""Synthetic issues of 2-4 pages in which stories jump pages, laid out as raw page text, with the gold.

A story that jumps ends on one page with a marker (`下转第二版`) and goes on on another after `上接第一版`,
under a jump headline. Each issue here takes real stories (the corpus' and the seed page's), cuts a few of
them in two and lays every page out as tools/corpus_layout.py lays out one: columns of a width, one of its
layouts' blank-line, indent and headline styles, a folio on top. Around the jumping stories each page has
whole stories that do not jump. The gold says where every jump begins and goes on, and what the story reads
as printed unbroken, so that an evaluation (tools/evaluate_jumps.py) can check the links and the stitching.

python tools/jump_issues.py SOURCE OUT_DIR [--issues N] [--seed S]

SOURCE is a corpus .jsonl file (or a directory holding one); the seed page's reviewed stories
(fixtures/pages/fazhi_2025-01-24_02.expected.json) are always added. Writes issueNN_pPP.txt and
issueNN.gold.json. `make_issues(source, count=, seed=)` gives the same issues in memory.
Deterministic: issue n of seed s is the same bytes, however many issues are asked for.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from corpus_layout import (  # noqa: E402
    BREAK,
    LAYOUTS,
    LEAD,
    PHOTO_CREDIT,
    PRODUCTION,
    SENTENCE_PUNCT,
    SUBHEAD_MAX,
    Layout,
    LineRole,
    block_order,
    cells,
    clean,
    folio_lines,
    letter_space,
    load_pages,
    paragraph_lines,
    render_lines,
    title_lines,
    wrap,
)

SEED_PAGE = ROOT / "fixtures" / "pages" / "fazhi_2025-01-24_02.expected.json"

MIN_BODY = 3  # body paragraphs a story needs to jump; shorter items are printed whole
MIN_CHARS = 300  # and characters: a brief is never sent on to another page
MAX_BEGINNING = 6  # paragraphs a beginning prints at most: a front page gives a story a few
MIN_BEGINNING = 100  # characters it prints at least: no page sends a story on after a line or two
WIDTHS = (14, 24)  # column widths an issue may have, in CJK cells
CUTS = ("paragraph", "sentence", "mid-sentence")
HEADLINE_KINDS = ("full", "title", "part", "place")
SUBHEAD_SHARE = 0.35  # how often a paragraph cut falls before a subhead, where the story has one
PAGE_TWO_SHARE = 0.3  # how often a jump begins on page 2 (to page 3 or 4), in issues that have those
CHINESE_NUMERALS = "〇一二三四"  # 第二版: page 2
# Where a sentence ends inside a paragraph: after 。！？ and any closing quotes or brackets. The generator's
# own rule, apart from the engine's (articles/reconstruct/text.py): the issues it makes test the engine.
SENTENCE_END = re.compile(r"[。！？][”’」』）)]*")  # 召开。” / 万无一失。
CJK = re.compile(r"[\u4e00-\u9fff]")  # 法
# A rubric at a title's end, not the title's own words: 这儿的湿地，有人管有人爱（美丽中国）.
COLUMN_TAG = re.compile(r"（[^（）]+）$")  # （美丽中国）
TITLE_PIECES = re.compile(r" +|——")  # 弘扬劳动精神 克服艰难险阻: where a title falls into pieces
MIN_PIECE = 4  # a title piece shorter than this is no jump headline
# The seed page's own continuations are no whole stories: 上接第一版 反映出…
CONTINUATION = re.compile(r"^[（(]?上接第")  # 上接第一版
PLACES = (
    "北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 "
    "海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 香港 澳门 台湾"
).split()


# The stories


@dataclass(frozen=True)
class Paragraph:
    kind: str  # "body", "heading" (a subhead) or "byline" (a feature's byline block: □ 本报记者 张国强)
    text: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Story:
    """A real story, whole: where it comes from, its headline and its paragraphs as printed."""

    source: str  # `2019-02-12_14#0` (corpus page and article) or `seed#3`
    kicker: str | None
    title: str | None
    subtitle: str | None
    paragraphs: tuple[Paragraph, ...]

    @property
    def body_count(self) -> int:
        return sum(p.kind == "body" for p in self.paragraphs)

    @property
    def first_body(self) -> int:
        return next(i for i, p in enumerate(self.paragraphs) if p.kind == "body")

    def headline_lines(self, layout: Layout) -> list[str]:
        """Kicker, title (in two lines where the layout sets long titles so) and subtitle."""
        lines = [self.kicker] if self.kicker else []
        lines += title_lines(self.title, layout) if self.title else []
        return lines + ([self.subtitle] if self.subtitle else [])

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kicker": self.kicker,
            "title": self.title,
            "subtitle": self.subtitle,
            "paragraphs": [p.to_json() for p in self.paragraphs],
        }


def corpus_stories(path: Path) -> list[Story]:
    """The corpus' stories, photos aside; production lines (本版制图：…) are the page's, not the story's."""
    out = []
    for page in load_pages(path):
        for n, article in enumerate(page["articles"]):
            texts = [t for t in map(clean, article["paragraphs"]) if t]
            while len(texts) > 1 and PRODUCTION.match(texts[-1]):
                texts.pop()
            if not texts or PHOTO_CREDIT.match(texts[-1]):
                continue
            paragraphs = tuple(Paragraph(_corpus_kind(t), t) for t in texts)
            if not any(p.kind == "body" for p in paragraphs):
                continue
            out.append(
                Story(
                    source=f"{page['date']}_{page['page']}#{n}",
                    kicker=clean(article["kicker"]) or None,
                    title=clean(article["title"]) or None,
                    subtitle=clean(article["subtitle"]) or None,
                    paragraphs=paragraphs,
                )
            )
    return out


def _corpus_kind(text: str) -> str:
    """A short paragraph with no sentence punctuation is a subhead, as tools/corpus_layout.py sets it."""
    return "heading" if len(text) <= SUBHEAD_MAX and not SENTENCE_PUNCT.search(text) else "body"


def seed_stories(path: Path = SEED_PAGE) -> list[Story]:
    """The seed page's reviewed stories, photos and continuations (上接第一版 …) aside."""
    golden = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for n, article in enumerate(golden["articles"]):
        paragraphs = tuple(
            Paragraph(p["kind"], clean(p["text"]))
            for p in article["paragraphs"]
            if p["kind"] in ("body", "heading", "byline") and clean(p["text"])
        )
        body = [p.text for p in paragraphs if p.kind == "body"]
        if article["kind"] == "photo" or not body or CONTINUATION.match(body[0]):
            continue
        out.append(Story(f"seed#{n}", article["kicker"], article["title"], article["subtitle"], paragraphs))
    return out


def can_jump(story: Story) -> bool:
    """Long enough to be sent on to another page, with a title for its jump headline, and running text: a
    story of more short unpunctuated lines than paragraphs is a list or a box of items (a book list, 提案提要
    with each proposal's title, proposer and credit), which a paper prints whole."""
    chars = sum(len(p.text) for p in story.paragraphs)
    headings = sum(p.kind == "heading" for p in story.paragraphs)
    return (
        story.title is not None
        and story.body_count >= MIN_BODY
        and chars >= MIN_CHARS
        and headings <= story.body_count
    )


# One jump


@dataclass(frozen=True)
class Cut:
    """Where a story is cut: after paragraph `paragraph`, or inside it at character `at`."""

    kind: str  # "paragraph", "sentence" (inside a paragraph, at a sentence end) or "mid-sentence"
    paragraph: int
    at: int | None  # None: at the paragraph's end

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "paragraph": self.paragraph, "at": self.at}


@dataclass(frozen=True)
class Jump:
    """One story printed in two parts: its beginning on `from_page`, the rest on `to_page`."""

    story: Story
    cut: Cut
    from_page: int
    to_page: int
    to_marker: str  # （下转第二版）
    to_placement: str  # "own line" or "run-in" (at the end of the beginning's last line)
    from_marker: str  # 上接第一版
    from_placement: str  # "own line" or "run-in" (before the continuation's first words)
    headline: tuple[str, ...]  # the jump headline's lines over the continuation
    headline_kind: str  # "full", "title", "part" or "place"

    @property
    def beginning(self) -> tuple[Paragraph, ...]:
        """The paragraphs the beginning page prints, the last one maybe cut."""
        k, at = self.cut.paragraph, self.cut.at
        if at is None:
            return self.story.paragraphs[: k + 1]
        cut = self.story.paragraphs[k]
        return (*self.story.paragraphs[:k], replace(cut, text=cut.text[:at]))

    @property
    def continuation(self) -> tuple[Paragraph, ...]:
        """The paragraphs the continuation page prints, the first one maybe the rest of a cut one."""
        k, at = self.cut.paragraph, self.cut.at
        if at is None:
            return self.story.paragraphs[k + 1 :]
        cut = self.story.paragraphs[k]
        return (replace(cut, text=cut.text[at:]), *self.story.paragraphs[k + 1 :])

    @property
    def runs_on(self) -> bool:
        """Whether the continuation's first words go on a paragraph the beginning started."""
        return self.cut.at is not None

    @property
    def opens_with_subhead(self) -> bool:
        return self.continuation[0].kind == "heading"

    @property
    def beginning_first(self) -> str:
        """The beginning's first body paragraph, as far as the beginning page prints it."""
        return next(p.text for p in self.beginning if p.kind == "body")

    @property
    def continuation_first(self) -> str:
        """The first body paragraph after the `上接` marker (after the subhead, if one opens it)."""
        return next(p.text for p in self.continuation if p.kind == "body")


def _choose_cut(story: Story, rng: random.Random) -> Cut:
    """A cut of the kind drawn, in one of the first MAX_BEGINNING paragraphs, leaving the beginning at least
    MIN_BEGINNING characters and the continuation at least one whole paragraph; a paragraph cut when the
    story has no place for the kind drawn."""
    paragraphs = story.paragraphs
    last = min(len(paragraphs) - 2, story.first_body + MAX_BEGINNING - 1)
    places = [k for k in range(story.first_body, last + 1) if paragraphs[k].kind == "body"]
    before = [sum(len(p.text) for p in paragraphs[:k]) for k in range(len(paragraphs))]
    kind = rng.choice(CUTS)
    if kind != "paragraph":
        inside = [
            (k, at)
            for k in places
            for at in _cut_points(paragraphs[k].text, kind)
            if before[k] + at >= MIN_BEGINNING
        ]
        if inside:
            k, at = rng.choice(inside)
            return Cut(kind, k, at)
    ends = [k for k in places if any(p.kind == "body" for p in paragraphs[k + 1 :])]
    ends = [k for k in ends if before[k] + len(paragraphs[k].text) >= MIN_BEGINNING] or ends
    before_subhead = [k for k in ends if paragraphs[k + 1].kind == "heading"]
    if before_subhead and rng.random() < SUBHEAD_SHARE:
        return Cut("paragraph", rng.choice(before_subhead), None)
    return Cut("paragraph", rng.choice(ends), None)


def _cut_points(text: str, kind: str) -> list[int]:
    """Where a paragraph may be cut inside: after a sentence's end (not before a space), or between two
    Chinese characters in its middle fifths (营商环|境), so no punctuation is left to open a column."""
    if kind == "sentence":
        return [m.end() for m in SENTENCE_END.finditer(text) if m.end() < len(text) and text[m.end()] != " "]
    low, high = len(text) // 5, len(text) * 4 // 5
    return [at for at in range(max(1, low), high) if CJK.match(text[at - 1]) and CJK.match(text[at])]


def _jump_headline(story: Story, layout: Layout, rng: random.Random) -> tuple[tuple[str, ...], str]:
    """The jump headline over a continuation and its kind, drawn among those the story allows:

    - full: the beginning's headline again; title: the title without its kicker and subtitle;
    - part: a part of the title (without its rubric, or one of its pieces);
    - place: a part or the whole title after a place: `江苏：以高水平法治保障首都发展`.
    """
    title = story.title or ""
    parts = _title_parts(title)
    place = _place(story)
    kinds = ["full"]
    kinds += ["title"] if story.kicker or story.subtitle else []
    kinds += ["part"] if parts else []
    kinds += ["place"] if place else []
    kind = rng.choice(kinds)
    if kind == "full":
        return tuple(story.headline_lines(layout)), kind
    if kind == "title":
        return (title,), kind
    if kind == "part":
        return (rng.choice(parts),), kind
    return (f"{place}：{rng.choice([title, *parts])}",), kind


def _title_parts(title: str) -> list[str]:
    """Shorter headlines a title gives: without its rubric `（美丽中国）`, and its pieces between spaces."""
    bare = COLUMN_TAG.sub("", title).strip()
    parts = [bare] if bare != title and len(bare) >= MIN_PIECE else []
    pieces = [p for p in TITLE_PIECES.split(bare) if len(p) >= MIN_PIECE]
    return parts + (pieces if len(pieces) > 1 else [])


def _place(story: Story) -> str | None:
    """The place a story is from: its dateline's (本报南京1月23日电), else the first province its headline or
    its first paragraph names (江苏省委政法工作会议强调); None for a story of no one place."""
    first = story.paragraphs[story.first_body].text
    lead = LEAD.match(first)
    if lead and lead["place"]:
        return lead["place"]
    text = " ".join(x for x in (story.kicker, story.title, story.subtitle, first) if x)
    found = [(text.find(name), name) for name in PLACES if name in text]
    return min(found)[1] if found else None


# One issue


@dataclass(frozen=True)
class Whole:
    """A story printed whole on `page`: it does not jump."""

    story: Story
    page: int


@dataclass(frozen=True)
class Style:
    """How an issue is printed: its layout (width, blank lines, indents, headline places, folio) and how its
    markers are written: 第二版 or 第2版, bare or in brackets."""

    layout: Layout
    arabic: bool
    to_brackets: bool
    from_brackets: bool

    def marker(self, word: str, page: int, brackets: bool) -> str:
        number = str(page) if self.arabic else CHINESE_NUMERALS[page]
        text = f"{word}第{number}版"
        return f"（{text}）" if brackets else text

    def to_json(self) -> dict[str, Any]:
        return {
            "layout": vars(self.layout),
            "arabic": self.arabic,
            "to_brackets": self.to_brackets,
            "from_brackets": self.from_brackets,
        }


@dataclass(frozen=True)
class Printed:
    """Where a part stands on its page: its headline's lines and its text's first and last line (1-based)."""

    page: int
    headline_lines: tuple[int, ...]
    first_line: int
    last_line: int

    def to_json(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "headline_lines": list(self.headline_lines),
            "lines": [self.first_line, self.last_line],
        }


@dataclass(frozen=True)
class Issue:
    number: int
    paper: str
    date: str
    style: Style
    pages: dict[int, str]  # page number -> its raw text
    order: tuple[int, ...]  # the order the pages are given in
    jumps: tuple[Jump, ...]
    wholes: tuple[Whole, ...]
    beginnings: tuple[Printed, ...]  # where jumps[i]'s beginning stands
    continuations: tuple[Printed, ...]  # and its continuation
    placed_wholes: tuple[Printed, ...]  # where wholes[i] stands

    def to_json(self) -> dict[str, Any]:
        return {
            "issue": self.number,
            "paper": self.paper,
            "date": self.date,
            "style": self.style.to_json(),
            "order": list(self.order),
            "pages": {str(n): page_file(self.number, n) for n in sorted(self.pages)},
            "jumps": [
                _jump_json(j, b, c)
                for j, b, c in zip(self.jumps, self.beginnings, self.continuations, strict=True)
            ],
            "whole": [
                {**w.story.to_json(), **p.to_json()}
                for w, p in zip(self.wholes, self.placed_wholes, strict=True)
            ],
        }


def _jump_json(jump: Jump, beginning: Printed, continuation: Printed) -> dict[str, Any]:
    return {
        **jump.story.to_json(),
        "cut": jump.cut.to_json(),
        "beginning": {
            **beginning.to_json(),
            "title": jump.story.title,
            "first_paragraph": jump.beginning_first,
            "marker": jump.to_marker,
            "marker_placement": jump.to_placement,
        },
        "continuation": {
            **continuation.to_json(),
            "headline": list(jump.headline),
            "headline_kind": jump.headline_kind,
            "first_paragraph": jump.continuation_first,
            "opens_with_subhead": jump.opens_with_subhead,
            "marker": jump.from_marker,
            "marker_placement": jump.from_placement,
        },
    }


def page_file(issue: int, page: int) -> str:
    return f"issue{issue:02d}_p{page:02d}.txt"


def gold_file(issue: int) -> str:
    return f"issue{issue:02d}.gold.json"


def make_issue(number: int, seed: int, stories: list[Story], folio: dict[str, str]) -> Issue:
    """Issue `number` of `seed`: its own random draws, so it is the same whatever other issues are made."""
    rng = random.Random(f"jump issue {seed} {number}")
    page_count = rng.randint(2, 4)
    jumpers = [s for s in stories if can_jump(s)]
    chosen = rng.sample(jumpers, rng.randint(2, min(8, 3 * page_count - 2)))
    routes = [_route(page_count, rng, first=i == 0) for i in range(len(chosen))]
    others = [s for s in stories if s not in chosen]
    rng.shuffle(others)
    wholes = [
        Whole(others.pop(), page) for page in range(1, page_count + 1) for _ in range(rng.randint(1, 3))
    ]
    layout = replace(rng.choice(list(LAYOUTS.values())), width=rng.randint(*WIDTHS))
    style = Style(
        layout, arabic=rng.random() < 0.5, to_brackets=rng.random() < 0.5, from_brackets=rng.random() < 0.5
    )
    jumps = tuple(_make_jump(story, route, style, rng) for story, route in zip(chosen, routes, strict=True))
    items: dict[int, list[tuple[str, int]]] = {page: [] for page in range(1, page_count + 1)}
    for i, jump in enumerate(jumps):
        items[jump.from_page].append(("begin", i))
        items[jump.to_page].append(("continue", i))
    for i, whole in enumerate(wholes):
        items[whole.page].append(("whole", i))
    pages: dict[int, str] = {}
    placed: dict[tuple[str, int], Printed] = {}
    for page, page_items in items.items():
        rng.shuffle(page_items)
        pages[page], where = _lay_out_page(page, page_items, jumps, wholes, style, {**folio, "page": page})
        placed.update(where)
    order = list(pages)
    rng.shuffle(order)
    return Issue(
        number=number,
        paper=folio["paper"],
        date=folio["date"],
        style=style,
        pages=pages,
        order=tuple(order),
        jumps=jumps,
        wholes=tuple(wholes),
        beginnings=tuple(placed["begin", i] for i in range(len(jumps))),
        continuations=tuple(placed["continue", i] for i in range(len(jumps))),
        placed_wholes=tuple(placed["whole", i] for i in range(len(wholes))),
    )


def _route(page_count: int, rng: random.Random, *, first: bool) -> tuple[int, int]:
    """(from page, to page): mostly from page 1 to any later page; sometimes from page 2 to page 3 or 4."""
    if page_count >= 3 and not first and rng.random() < PAGE_TWO_SHARE:
        return 2, rng.randint(3, page_count)
    return 1, rng.randint(2, page_count)


def _make_jump(story: Story, route: tuple[int, int], style: Style, rng: random.Random) -> Jump:
    cut = _choose_cut(story, rng)
    to_placement = rng.choice(("own line", "run-in"))
    from_placement = rng.choice(("own line", "run-in"))
    if cut.at is None and story.paragraphs[cut.paragraph + 1].kind == "heading":
        from_placement = "own line"  # a subhead opening the continuation stands under its marker
    headline, headline_kind = _jump_headline(story, style.layout, rng)
    jump = Jump(
        story=story,
        cut=cut,
        from_page=route[0],
        to_page=route[1],
        to_marker=style.marker("下转", route[1], style.to_brackets),
        to_placement=to_placement,
        from_marker=style.marker("上接", route[0], style.from_brackets),
        from_placement=from_placement,
        headline=headline,
        headline_kind=headline_kind,
    )
    if to_placement == "run-in" and _run_in_line(jump, style) is None:
        return replace(jump, to_placement="own line")  # what the page prints, as the gold says it
    return jump


def _run_in_line(jump: Jump, style: Style) -> str | None:
    """The beginning's last line with its marker run in; None when the marker does not fit there whole (a
    column does not break a marker: it goes to a line of its own)."""
    last = printed_lines(jump.beginning[-1], style.layout, first=len(jump.beginning) == 1)[-1]
    line = last + ("" if style.to_brackets else " ") + jump.to_marker
    return line if cells(line) <= style.layout.width else None


# Laying a page out

Plan = list[
    tuple[str, LineRole] | None
]  # lines and their roles, BREAK where the layout may put an empty line


def _lay_out_page(
    page: int,
    items: list[tuple[str, int]],
    jumps: tuple[Jump, ...],
    wholes: list[Whole],
    style: Style,
    folio: dict[str, Any],
) -> tuple[str, dict[tuple[str, int], Printed]]:
    """The page's raw text, and where each of its items (("begin" | "continue" | "whole", index)) stands.

    As tools/corpus_layout.py lays a page out: headlines above their text, or all in a block before or after
    the page's text (rotated, so the block is not in the text's order); a jump headline goes where the page
    puts headlines."""
    layout = style.layout
    plan: Plan = []
    if layout.folio:
        plan += [(line, ("folio",)) for line in folio_lines(folio)] + [BREAK]
    groups = [
        [(line, ("headline", n)) for line in _item_headline(item, jumps, wholes, layout)]
        for n, item in enumerate(items)
    ]
    block = [line for group in block_order(groups) for line in [*group, BREAK]]
    if layout.headlines == "before":
        plan += block
    for n, (what, i) in enumerate(items):
        if layout.headlines == "above":
            plan += groups[n] + ([BREAK] if layout.blank_between_paragraphs else [])
        if what == "whole":
            plan += _paragraphs_plan(n, wholes[i].story.paragraphs, layout, first=True)
        elif what == "begin":
            plan += _beginning_plan(n, jumps[i], style)
        else:
            plan += _continuation_plan(n, jumps[i], style)
    if layout.headlines == "after":
        plan += [BREAK, *block]
    if layout.letter_spacing:
        plan = letter_space(plan, layout)
    lines, roles = render_lines(plan, layout)
    return "\n".join(lines) + "\n", _where(page, items, roles)


def _item_headline(
    item: tuple[str, int], jumps: tuple[Jump, ...], wholes: list[Whole], layout: Layout
) -> list[str]:
    what, i = item
    if what == "whole":
        return wholes[i].story.headline_lines(layout)
    if what == "begin":
        return jumps[i].story.headline_lines(layout)
    return list(jumps[i].headline)


def _paragraphs_plan(n: int, paragraphs: tuple[Paragraph, ...], layout: Layout, *, first: bool) -> Plan:
    """Body lines of item n: each paragraph wrapped and indented as the layout sets it."""
    out: Plan = []
    for k, paragraph in enumerate(paragraphs):
        out += [(line, ("body", n)) for line in printed_lines(paragraph, layout, first=first and k == 0)]
        if layout.blank_between_paragraphs:
            out.append(BREAK)
    return out


def printed_lines(paragraph: Paragraph, layout: Layout, *, first: bool) -> list[str]:
    """A byline block's line stands flush (□ 本报记者 张国强 韩宇); other paragraphs as corpus_layout sets them."""
    if paragraph.kind == "byline":
        return wrap(paragraph.text, layout.width)
    return paragraph_lines(paragraph.text, layout, first=first, subhead=paragraph.kind == "heading")


def _beginning_plan(n: int, jump: Jump, style: Style) -> Plan:
    """The beginning's paragraphs and its marker, on a line of its own or run in at the end of the last."""
    layout = style.layout
    out = _paragraphs_plan(n, jump.beginning, layout, first=True)
    line = _run_in_line(jump, style) if jump.to_placement == "run-in" else None
    if line is not None:
        out[max(i for i, item in enumerate(out) if item is not BREAK)] = (line, ("marker", n))
        return out
    return [*out, (jump.to_marker, ("marker", n)), *([BREAK] if layout.blank_between_paragraphs else [])]


def _continuation_plan(n: int, jump: Jump, style: Style) -> Plan:
    """The marker and the rest of the story. A paragraph the cut went through goes on unindented; a new one
    keeps its indent, so a reader (and a PDF's text) still sees where it starts:

        上接第一版 境建设需求优化行政执法方     （the cut paragraph runs on）
        上接第一版 会议强调，广西政法机     （a new paragraph, the marker run in after its indent）
    """
    layout = style.layout
    first, *rest = jump.continuation
    gap = "" if style.from_brackets else " "
    out: Plan = []
    if jump.from_placement == "own line":
        out += [(jump.from_marker, ("marker", n)), *([BREAK] if layout.blank_between_paragraphs else [])]
        if jump.runs_on:
            out += [(line, ("body", n)) for line in wrap(first.text, layout.width)]
            out += [BREAK] if layout.blank_between_paragraphs else []
        else:
            out += _paragraphs_plan(n, (first,), layout, first=False)
    else:
        indent = "" if jump.runs_on else layout.indent_text
        lines = wrap(indent + jump.from_marker + gap + first.text, layout.width)
        out += [(lines[0], ("marker", n)), *((line, ("body", n)) for line in lines[1:])]
        out += [BREAK] if layout.blank_between_paragraphs else []
    return out + _paragraphs_plan(n, tuple(rest), layout, first=False)


def _where(
    page: int, items: list[tuple[str, int]], roles: list[LineRole | None]
) -> dict[tuple[str, int], Printed]:
    out = {}
    for n, item in enumerate(items):
        heads = tuple(k for k, role in enumerate(roles, 1) if role == ("headline", n))
        text = [k for k, role in enumerate(roles, 1) if role in (("body", n), ("marker", n))]
        out[item] = Printed(page, heads, text[0], text[-1])
    return out


# Running


def make_issues(source: Path, *, count: int, seed: int, seed_page: Path = SEED_PAGE) -> list[Issue]:
    """`count` issues from the corpus at `source` and the seed page's stories; issue n of `seed` is always
    the same."""
    stories = corpus_stories(source) + seed_stories(seed_page)
    pages = load_pages(source)
    out = []
    for number in range(1, count + 1):
        pick = random.Random(f"jump issue folio {seed} {number}").choice(pages)
        out.append(make_issue(number, seed, stories, {"paper": pick["paper"], "date": pick["date"]}))
    return out


def issue_files(issue: Issue) -> dict[str, bytes]:
    """The issue's page files and its gold, by file name."""
    out = {page_file(issue.number, n): text.encode("utf-8") for n, text in sorted(issue.pages.items())}
    gold = json.dumps(issue.to_json(), ensure_ascii=False, indent=1) + "\n"
    out[gold_file(issue.number)] = gold.encode("utf-8")
    return out


def add_issue_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments every tool that makes issues takes: the source, how many, the seed."""
    parser.add_argument("source", type=Path, help="a corpus .jsonl file, or a directory holding one")
    parser.add_argument("--issues", type=int, default=10, help="how many issues (default 10)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")


def issues_from_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[Issue]:
    """The issues those arguments ask for; a bad count or an unreadable source is the parser's error."""
    if args.issues < 1:
        parser.error("--issues must be at least 1")
    try:
        return make_issues(args.source, count=args.issues, seed=args.seed)
    except (OSError, ValueError) as exc:
        parser.error(f"cannot read the source: {exc}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write synthetic issues with jumping stories, and their gold."
    )
    add_issue_arguments(parser)
    parser.add_argument("out", type=Path, help="where to write issueNN_pPP.txt and issueNN.gold.json")
    args = parser.parse_args(argv)
    issues = issues_from_args(parser, args)
    args.out.mkdir(parents=True, exist_ok=True)
    for issue in issues:
        for name, data in issue_files(issue).items():
            (args.out / name).write_bytes(data)
    pages = sum(len(i.pages) for i in issues)
    jumps = sum(len(i.jumps) for i in issues)
    print(f"{len(issues)} issues, {pages} pages, {jumps} jumps written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
