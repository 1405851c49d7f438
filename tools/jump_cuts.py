"""One jump of a synthetic issue (tools/jump_issues.py): where a story is cut in two, what each page prints of
it, its markers, and the jump headline over the part that goes on.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from typing import Any

from corpus_layout import LEAD, Layout
from jump_stories import Paragraph, Story

MAX_BEGINNING = 6  # paragraphs a beginning prints at most: a front page gives a story a few
MIN_BEGINNING = 100  # characters it prints at least: no page sends a story on after a line or two
CUTS = ("paragraph", "sentence", "mid-sentence")
HEADLINE_KINDS = ("full", "title", "part", "place")
SUBHEAD_SHARE = 0.35  # how often a paragraph cut falls before a subhead, where the story has one
# Where a sentence ends inside a paragraph: after 。！？ and any closing quotes or brackets. The generator's
# own rule, apart from the engine's (articles/reconstruct/text.py): the issues it makes test the engine.
SENTENCE_END = re.compile(r"[。！？][”’」』）)]*")  # 召开。” / 万无一失。
CJK = re.compile(r"[\u4e00-\u9fff]")  # 法
# A rubric at a title's end, not the title's own words: 这儿的湿地，有人管有人爱（美丽中国）.
COLUMN_TAG = re.compile(r"（[^（）]+）$")  # （美丽中国）
TITLE_PIECES = re.compile(r" +|——")  # 弘扬劳动精神 克服艰难险阻: where a title falls into pieces
MIN_PIECE = 4  # a title piece shorter than this is no jump headline
PLACES = (
    "北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 "
    "海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 香港 澳门 台湾"
).split()


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


def choose_cut(story: Story, rng: random.Random) -> Cut:
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


def jump_headline(story: Story, layout: Layout, rng: random.Random) -> tuple[tuple[str, ...], str]:
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
