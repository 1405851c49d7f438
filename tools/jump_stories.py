"""The stories a synthetic jump issue (tools/jump_issues.py) prints: real ones, whole, from the corpus and
the seed page, and which of them may be sent on to another page.

Each is as printed: kicker, title, subtitle and its paragraphs (body, subheads, a feature's byline block).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus_layout import (
    PHOTO_CREDIT,
    PRODUCTION,
    SENTENCE_PUNCT,
    SUBHEAD_MAX,
    Layout,
    clean,
    load_pages,
    title_lines,
)

ROOT = Path(__file__).resolve().parents[1]
SEED_PAGE = ROOT / "fixtures" / "pages" / "fazhi_2025-01-24_02.expected.json"

MIN_BODY = 3  # body paragraphs a story needs to jump; shorter items are printed whole
MIN_CHARS = 300  # and characters: a brief is never sent on to another page
# The seed page's own continuations are no whole stories: 上接第一版 反映出…
CONTINUATION = re.compile(r"^[（(]?上接第")  # 上接第一版


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


@dataclass(frozen=True)
class Whole:
    """A story printed whole on `page`: it does not jump."""

    story: Story
    page: int


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
