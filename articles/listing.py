"""Long lists of stories (a reporter's, a region's), newest first, a page at a time from where the last one
ended (keyset pagination): any page of a list of any length is read by seeking an index
(Article.issue_date, id), where a page number would make PostgreSQL sort and skip everything before it.

A page's address names its edge: `?before=2025-01-24.1234` (the stories after that one, older),
`?after=2025-01-24.1234` (those before it, newer), `?oldest` (the last page). The first page has none.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.http import QueryDict

from articles.models import Article, ArticleQuerySet

PER_PAGE = 20


class BadPageAddress(ValueError):
    """A ?before= / ?after= that names no place in a list (mistyped, or made up)."""


@dataclass(frozen=True)
class Edge:
    """A story's place in the order newest first: (issue date descending, id ascending)."""

    date: datetime.date
    pk: int

    def __str__(self) -> str:
        return f"{self.date.isoformat()}.{self.pk}"

    @classmethod
    def parse(cls, text: str) -> Edge:
        """
        >>> Edge.parse("2025-01-24.1234")
        Edge(date=datetime.date(2025, 1, 24), pk=1234)
        """
        date, _, pk = text.partition(".")
        try:
            edge = cls(datetime.date.fromisoformat(date), int(pk))
        except ValueError as err:
            raise BadPageAddress(text) from err
        if not 0 <= edge.pk < 2**63:  # beyond PostgreSQL's bigint: no article's id
            raise BadPageAddress(text)
        return edge

    @classmethod
    def of(cls, article: Article) -> Edge:
        return cls(article.issue_date, article.pk)


@dataclass(frozen=True)
class ListPage:
    articles: list[Article]
    newer: str | None  # the query string of the page before this one (newer stories); None on the first
    older: str | None  # of the page after it (older stories); None on the last
    oldest: str | None  # of the last page, when this is not it

    @property
    def has_other_pages(self) -> bool:
        return self.newer is not None or self.older is not None


def list_page(
    articles: ArticleQuerySet, query: QueryDict, *, through: models.QuerySet | None = None
) -> ListPage:
    """The page of `articles` (newest first) that the request's query names; BadPageAddress for an edge
    that is no edge.

    `through`: rows that stand for the list's articles with their `issue_date` and `article` (a person's story
    bylines, Byline.objects.stories_of), in an index of their own: the page's edges are sought there, and only
    its articles are then read from `articles`. Seeking the articles' own index for the ones a person wrote
    reads every story of the archive between two of theirs."""
    rows = articles if through is None else through.values("issue_date", "article_id").distinct()
    key = "id" if through is None else "article_id"
    if "before" in query:
        edge = Edge.parse(query["before"])
        found = _beyond(rows, key, edge, PER_PAGE + 1, older=True)
        return _page(
            _read(articles, found[:PER_PAGE], through), has_newer=True, has_older=len(found) > PER_PAGE
        )
    if "after" in query:
        edge = Edge.parse(query["after"])
        found = _beyond(rows, key, edge, PER_PAGE + 1, older=False)
        page = _read(articles, found[:PER_PAGE], through)[::-1]
        return _page(page, has_newer=len(found) > PER_PAGE, has_older=True)
    if "oldest" in query:
        found = list(rows.order_by("issue_date", f"-{key}")[: PER_PAGE + 1])
        page = _read(articles, found[:PER_PAGE], through)[::-1]
        return _page(page, has_newer=len(found) > PER_PAGE, has_older=False)
    found = list(rows.order_by("-issue_date", key)[: PER_PAGE + 1])
    return _page(_read(articles, found[:PER_PAGE], through), has_newer=False, has_older=len(found) > PER_PAGE)


def _read(articles: ArticleQuerySet, found: list, through: models.QuerySet | None) -> list[Article]:
    """The articles of `found` in its order: `found` itself, or the articles its rows name (one query)."""
    if through is None:
        return found
    ids = [row["article_id"] for row in found]
    by_id = articles.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def _page(found: list[Article], *, has_newer: bool, has_older: bool) -> ListPage:
    if not found:
        return ListPage([], newer=None, older=None, oldest=None)
    return ListPage(
        found,
        newer=f"?after={Edge.of(found[0])}" if has_newer else None,
        older=f"?before={Edge.of(found[-1])}" if has_older else None,
        oldest="?oldest" if has_older else None,
    )


def _beyond(rows: models.QuerySet, key: str, edge: Edge, limit: int, *, older: bool) -> list:
    """Up to `limit` rows past `edge`, older or newer, nearest first, in two seeks of the index: the rest
    of the edge's own date, then the dates beyond it (one query with an OR of the two would read the index
    from its start). `key`: the rows' article id."""
    if older:
        same_day = rows.filter(issue_date=edge.date, **{f"{key}__gt": edge.pk}).order_by(key)
        beyond = rows.filter(issue_date__lt=edge.date).order_by("-issue_date", key)
    else:
        same_day = rows.filter(issue_date=edge.date, **{f"{key}__lt": edge.pk}).order_by(f"-{key}")
        beyond = rows.filter(issue_date__gt=edge.date).order_by("issue_date", f"-{key}")
    found = list(same_day[:limit])
    return found if len(found) == limit else found + list(beyond[: limit - len(found)])
