"""Rows back into the engine's JSON shape (articles.reconstruct.values), plus database ids.

Expects the prefetches of ArticleQuerySet.with_details / PageQuerySet.with_articles; without them each
article costs queries.
"""

from __future__ import annotations

from typing import Any

from articles import models


def article_to_json(article: models.Article) -> dict[str, Any]:
    """An article as values.Article.to_json() gives it, with its "id" first and its jump links last."""
    return {
        "id": article.pk,
        "position": article.position,
        "kind": article.kind,
        "kicker": article.kicker or None,
        "title": article.title or None,
        "subtitle": article.subtitle or None,
        "labels": list(article.labels),
        "dateline": _dateline_json(article),
        "bylines": [{"name": byline.person.name, "role": byline.role} for byline in article.bylines.all()],
        "region": article.region_name or None,
        "places": list(article.place_names),
        "continued_from_page": article.continued_from_page,
        "continued_to_page": article.continued_to_page,
        "headline_lines": list(article.headline_lines),
        "confidence": {
            "headline": round(article.confidence_headline, 3),
            "lead": article.confidence_lead,
            "places_unresolved": list(article.places_unresolved),
        },
        "paragraphs": [
            {"kind": p.kind, "text": p.text, "lines": [p.line_start, p.line_end]}
            for p in article.paragraphs.all()
        ],
        # The story's other parts on other pages (ids of this export), and how sure the link is.
        "continues": article.continues_id,
        "continued_by": list(getattr(article, "continued_by_ids", None) or []),
        "link_score": article.link_score,
    }


def page_to_json(page: models.Page) -> dict[str, Any]:
    """A page of an export: its furniture, articles and the headlines the engine could not place."""
    return {
        "number": page.number,
        "section": page.section or None,
        "proofreader": page.proofreader or None,
        "source": page.source_name,
        "encoding": page.encoding,
        "articles": [article_to_json(article) for article in page.articles.all()],
        # Not rows of their own: they are the engine's leftovers, shown for an editor to place.
        "unmatched_headlines": page.reconstructed_json.get("unmatched_headlines", []),
    }


def issue_to_json(*, paper: str, date: str, pages: list[models.Page]) -> dict[str, Any]:
    return {"paper": paper, "date": date, "pages": [page_to_json(page) for page in pages]}


def _dateline_json(article: models.Article) -> dict[str, Any] | None:
    if not article.dateline_agency:
        return None
    return {
        "place": article.dateline_place or None,
        "date": article.dateline_date or None,
        "agency": article.dateline_agency,
    }
