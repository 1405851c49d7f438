"""The values the reconstruction pipeline produces: frozen dataclasses, no behaviour beyond JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# Kinds and roles are StrEnums: a member is its string ("body"), so the JSON and the database hold plain values.


class ParagraphKind(StrEnum):
    """What a paragraph inside a story is."""

    BODY = "body"
    HEADING = "heading"  # a subhead inside a story: 出台办法 / 进一步规范执法监管
    LABEL = "label"  # a sidebar label that belongs to the story: 记者手记
    BYLINE = "byline"  # a feature byline block line: □　本报记者 张国强 韩宇
    JUMP = "jump"  # a jump marker on its own line: 下转第二版


class BylineRole(StrEnum):
    """What a bylined person did for a story."""

    REPORTER = "reporter"
    CORRESPONDENT = "correspondent"
    PHOTOGRAPHER = "photographer"
    AUTHOR = "author"


class ArticleKind(StrEnum):
    """What kind of story an article is."""

    NEWS = "news"
    FEATURE = "feature"
    COMMENTARY = "commentary"
    PHOTO = "photo"
    BRIEF = "brief"


@dataclass(frozen=True)
class Paragraph:
    kind: ParagraphKind
    text: str
    lines: tuple[int, int]  # first and last 1-based input line numbers

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "lines": list(self.lines)}


@dataclass(frozen=True)
class Byline:
    name: str
    role: BylineRole

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role}


@dataclass(frozen=True)
class Dateline:
    place: str | None  # as printed: 南京; None for 本报讯
    date: str | None  # as printed: 1月23日
    agency: str  # 本报, 新华社, …

    def to_json(self) -> dict[str, Any]:
        return {"place": self.place, "date": self.date, "agency": self.agency}


@dataclass(frozen=True)
class HeadlineGroup:
    """Consecutive headline lines that name one story: kicker / title / subtitle, or a sidebar label."""

    kicker: str | None
    title: str | None
    subtitle: str | None
    lines: tuple[int, ...]
    label: str | None = None  # 记者手记: a label, not a title

    @property
    def text(self) -> str:
        return " ".join(t for t in (self.kicker, self.title, self.subtitle, self.label) if t)

    def to_json(self) -> dict[str, Any]:
        return {
            "kicker": self.kicker,
            "title": self.title,
            "subtitle": self.subtitle,
            "label": self.label,
            "lines": list(self.lines),
        }


@dataclass(frozen=True)
class Confidence:
    """How sure the engine is of its decisions for one article, 0..1; stored for the review queue."""

    headline: float  # score of the headline assignment; 0 when no headline was found
    lead: bool  # the story started at a recognised lead (dateline, byline, jump marker, caption)
    places_unresolved: tuple[str, ...] = ()  # ambiguous place names left unresolved

    def to_json(self) -> dict[str, Any]:
        return {
            "headline": round(self.headline, 3),
            "lead": self.lead,
            "places_unresolved": list(self.places_unresolved),
        }


@dataclass(frozen=True)
class Article:
    position: int
    kind: ArticleKind
    kicker: str | None
    title: str | None
    subtitle: str | None
    dateline: Dateline | None
    bylines: tuple[Byline, ...]
    region: str | None
    places: tuple[str, ...]
    continued_from_page: int | None
    continued_to_page: int | None
    paragraphs: tuple[Paragraph, ...]
    labels: tuple[str, ...] = ()
    headline_lines: tuple[int, ...] = ()
    confidence: Confidence = field(default_factory=lambda: Confidence(0.0, False))

    @property
    def lines(self) -> tuple[int, int]:
        return (self.paragraphs[0].lines[0], self.paragraphs[-1].lines[1])

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def to_json(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "kind": self.kind,
            "kicker": self.kicker,
            "title": self.title,
            "subtitle": self.subtitle,
            "labels": list(self.labels),
            "dateline": self.dateline.to_json() if self.dateline else None,
            "bylines": [b.to_json() for b in self.bylines],
            "region": self.region,
            "places": list(self.places),
            "continued_from_page": self.continued_from_page,
            "continued_to_page": self.continued_to_page,
            "headline_lines": list(self.headline_lines),
            "confidence": self.confidence.to_json(),
            "paragraphs": [p.to_json() for p in self.paragraphs],
        }


@dataclass(frozen=True)
class FurnitureLine:
    kind: str  # proofreader | section | page_header | editor | other
    text: str
    line: int

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "line": self.line}


@dataclass(frozen=True)
class Page:
    encoding: str
    section: str | None
    proofreader: str | None
    articles: tuple[Article, ...]
    unmatched_headlines: tuple[HeadlineGroup, ...]
    furniture: tuple[FurnitureLine, ...]
    line_count: int
    source: str | None = None  # file name, set by the caller

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "encoding": self.encoding,
            "section": self.section,
            "proofreader": self.proofreader,
            "line_count": self.line_count,
            "furniture": [f.to_json() for f in self.furniture],
            "articles": [a.to_json() for a in self.articles],
            "unmatched_headlines": [h.to_json() for h in self.unmatched_headlines],
        }


class PageError(ValueError):
    """The input cannot be read as a newspaper page; the message says why, for a user."""
