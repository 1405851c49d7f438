"""Long lists of stories (a reporter's, a region's), newest first, a page at a time from where the last one
ended (keyset pagination): any page of a list of any length is read by seeking an index
(Article.issue_date, id), where a page number would make PostgreSQL sort and skip everything before it.

A page's address names its edge: `?before=2025-01-24.1234` (the stories after that one, older),
`?after=2025-01-24.1234` (those before it, newer), `?oldest` (the last page). The first page has none.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

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


def list_page(articles: ArticleQuerySet, query: QueryDict) -> ListPage:
    """The page of `articles` (newest first) that the request's query names; BadPageAddress for an edge
    that is no edge."""
    if "before" in query:
        edge = Edge.parse(query["before"])
        found = _beyond(articles, edge, PER_PAGE + 1, older=True)
        return _page(found[:PER_PAGE], has_newer=True, has_older=len(found) > PER_PAGE)
    if "after" in query:
        edge = Edge.parse(query["after"])
        found = _beyond(articles, edge, PER_PAGE + 1, older=False)
        return _page(found[:PER_PAGE][::-1], has_newer=len(found) > PER_PAGE, has_older=True)
    if "oldest" in query:
        found = list(articles.order_by("issue_date", "-id")[: PER_PAGE + 1])
        return _page(found[:PER_PAGE][::-1], has_newer=len(found) > PER_PAGE, has_older=False)
    found = list(articles.order_by("-issue_date", "id")[: PER_PAGE + 1])
    return _page(found[:PER_PAGE], has_newer=False, has_older=len(found) > PER_PAGE)


def _page(found: list[Article], *, has_newer: bool, has_older: bool) -> ListPage:
    if not found:
        return ListPage([], newer=None, older=None, oldest=None)
    return ListPage(
        found,
        newer=f"?after={Edge.of(found[0])}" if has_newer else None,
        older=f"?before={Edge.of(found[-1])}" if has_older else None,
        oldest="?oldest" if has_older else None,
    )


def _beyond(articles: ArticleQuerySet, edge: Edge, limit: int, *, older: bool) -> list[Article]:
    """Up to `limit` stories past `edge`, older or newer, nearest first, in two seeks of the index: the rest
    of the edge's own date, then the dates beyond it (one query with an OR of the two would read the index
    from its start)."""
    if older:
        same_day = articles.filter(issue_date=edge.date, id__gt=edge.pk).order_by("id")
        beyond = articles.filter(issue_date__lt=edge.date).order_by("-issue_date", "id")
    else:
        same_day = articles.filter(issue_date=edge.date, id__lt=edge.pk).order_by("-id")
        beyond = articles.filter(issue_date__gt=edge.date).order_by("issue_date", "-id")
    found = list(same_day[:limit])
    return found if len(found) == limit else found + list(beyond[: limit - len(found)])
