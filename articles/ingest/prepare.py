"""The engine's page as rows: what the writer stores for a page, made from the engine's output with no
database, so that it can be made in an engine process while the writer writes the previous page."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from articles.reconstruct import values
from articles.reconstruct.page import reconstruct_page
from articles.search.index import search_vector_text

LOW_HEADLINE_SCORE = 0.3


@dataclass(frozen=True)
class PreparedArticle:
    """One article's rows, as plain values: its own columns, its paragraphs' and its search vector; the
    people and places it names, which the writer turns into rows of their own."""

    fields: dict[str, Any]  # Article columns
    paragraphs: tuple[dict[str, Any], ...]  # Paragraph columns, in order
    search_vector: str  # its search vector, written out (search_vector_text)
    credits: tuple[tuple[str, str], ...]  # (name, role), in order, no repeats
    region: str | None
    places: tuple[str, ...]


@dataclass(frozen=True)
class PreparedPage:
    """The pure half of ingest: a page's rows made from the engine's page, with no database, so that they
    can be made in an engine process while the writer writes the previous page."""

    section: str
    proofreader: str
    encoding: str
    line_count: int
    json: dict[str, Any]  # the engine's output, as Page.reconstructed_json keeps it (_engine_json)
    articles: tuple[PreparedArticle, ...]

    @property
    def count(self) -> int:
        """How many articles the page has."""
        return len(self.articles)

    @classmethod
    def of(cls, page: values.Page) -> PreparedPage:
        return cls(
            section=page.section or "",
            proofreader=page.proofreader or "",
            encoding=page.encoding,
            line_count=page.line_count,
            json=_engine_json(page),
            articles=tuple(_article_prepare(article) for article in page.articles),
        )


def page_prepare(*, data: bytes, source_name: str) -> PreparedPage:
    """Reconstruct a page file into its rows; PageError for what is not a page."""
    return PreparedPage.of(dataclasses.replace(reconstruct_page(data), source=source_name))


def article_needs_review(article: values.Article) -> bool:
    """Whether an editor should look at what the engine made of this article.

    A fragment continued from another page carries its headline there, so only its lead counts; a photo
    normally has neither a headline of its own nor a lead, so only its places count.
    """
    confidence = article.confidence
    if article.kind == values.ArticleKind.PHOTO:
        return bool(confidence.places_unresolved)
    if not confidence.lead or confidence.places_unresolved:
        return True
    if article.continued_from_page is not None:
        return False
    return not article.title or confidence.headline < LOW_HEADLINE_SCORE


def _article_prepare(article: values.Article) -> PreparedArticle:
    dateline = article.dateline
    return PreparedArticle(
        fields={
            "position": article.position,
            "kind": article.kind,
            "kicker": article.kicker or "",
            "title": article.title or "",
            "subtitle": article.subtitle or "",
            "labels": list(article.labels),
            "dateline_place": (dateline.place or "") if dateline else "",
            "dateline_date": (dateline.date or "") if dateline else "",
            "dateline_agency": dateline.agency if dateline else "",
            "region_name": article.region or "",
            "place_names": list(article.places),
            "continued_from_page": article.continued_from_page,
            "continued_to_page": article.continued_to_page,
            "headline_lines": list(article.headline_lines),
            "confidence_headline": article.confidence.headline,
            "confidence_lead": article.confidence.lead,
            "places_unresolved": list(article.confidence.places_unresolved),
            "needs_review": article_needs_review(article),
        },
        paragraphs=tuple(
            {"position": at, "kind": p.kind, "text": p.text, "line_start": p.lines[0], "line_end": p.lines[1]}
            for at, p in enumerate(article.paragraphs, start=1)
        ),
        search_vector=search_vector_text(
            title_parts=[t for t in (article.kicker, article.title, article.subtitle) if t], body=article.text
        ),
        credits=tuple(dict.fromkeys((b.name, b.role) for b in article.bylines)),
        region=article.region,
        places=article.places,
    )


def _engine_json(page: values.Page) -> dict[str, Any]:
    """The engine's output as Page.reconstructed_json keeps it: page.to_json() without the paragraphs' text,
    which their rows hold (and a correction's snapshot, once an editor changes one); each paragraph's kind
    and source lines say where in the raw page, kept verbatim, it came from."""
    out = page.to_json()
    for article in out["articles"]:
        for paragraph in article["paragraphs"]:
            del paragraph["text"]
    return out
