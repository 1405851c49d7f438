"""The sitemap: an index at /sitemap.xml, one section each for articles, issues, reporters and regions.

Sections are paginated (at most `limit` URLs a file, ?p=2, …; the protocol allows 50,000); the index lists
every file of every section. Each section's lastmod for the index is one aggregate query, not a walk over
its items. The articles' files are ranges of ids (IdRangePaginator): any file, however deep, is one index
range scan, and the index needs only the lowest and highest id, never a count of the archive.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import F, Max, Min, QuerySet
from django.urls import reverse

from articles.directory import article_url
from articles.models import Article, Issue, Page, Person, Place


@dataclass(frozen=True)
class IdRange:
    object_list: QuerySet


class IdRangePaginator:
    """Files of `limit` consecutive ids, from the lowest: file n holds the items with ids in
    [low + (n-1)·limit, low + n·limit). A file holds at most `limit` items (fewer where ids were deleted or
    belong to rows the items leave out), and each item is in exactly one file."""

    def __init__(self, items: QuerySet, limit: int) -> None:
        self.items, self.limit = items, limit

    @cached_property
    def _low_high(self) -> tuple[int | None, int | None]:
        found = self.items.order_by().aggregate(low=Min("pk"), high=Max("pk"))
        return found["low"], found["high"]

    @cached_property
    def num_pages(self) -> int:
        low, high = self._low_high
        return 1 if low is None else (high - low) // self.limit + 1

    def page(self, number: object) -> IdRange:
        try:
            number = int(number)
        except (TypeError, ValueError) as err:
            raise PageNotAnInteger("not a file number") from err
        if number < 1 or number > self.num_pages:
            raise EmptyPage("no such file")
        low, _ = self._low_high
        if low is None:
            return IdRange(self.items.none())
        start = low + (number - 1) * self.limit
        return IdRange(self.items.filter(pk__gte=start, pk__lt=start + self.limit))


class ArticleSitemap(Sitemap):
    limit = 5000

    @property
    def paginator(self) -> IdRangePaginator:
        return IdRangePaginator(self.items(), self.limit)

    def items(self) -> QuerySet[Article]:
        return Article.objects.stories().annotate(lastmod=F("page__ingested_at")).only("pk").order_by("pk")

    def location(self, item: Article) -> str:
        return article_url(item.pk)

    def lastmod(self, item: Article) -> datetime.datetime:
        return item.lastmod

    def get_latest_lastmod(self) -> datetime.datetime | None:
        # The newest ingest (an index lookup): every story's lastmod is its page's ingest time.
        return Page.objects.aggregate(latest=Max("ingested_at"))["latest"]


class IssueSitemap(Sitemap):
    limit = 5000

    def items(self) -> QuerySet[Issue]:
        return (
            Issue.objects.select_related("newspaper")
            .annotate(lastmod=Max("pages__ingested_at"))
            .order_by("date", "newspaper__name")
        )

    def location(self, item: Issue) -> str:
        return reverse("articles:issue", args=[item.newspaper.slug, item.date])

    def lastmod(self, item: Issue) -> datetime.datetime | None:
        return item.lastmod

    def get_latest_lastmod(self) -> datetime.datetime | None:
        return Issue.objects.aggregate(latest=Max("pages__ingested_at"))["latest"]


class ReporterSitemap(Sitemap):
    limit = 5000

    def items(self) -> QuerySet[Person]:
        return (
            Person.objects.bylined()
            .annotate(lastmod=Max("bylines__article__page__ingested_at"))
            .order_by("pk")
        )

    def location(self, item: Person) -> str:
        return reverse("articles:reporter", args=[item.pk])

    def lastmod(self, item: Person) -> datetime.datetime | None:
        return item.lastmod

    def get_latest_lastmod(self) -> datetime.datetime | None:
        return (
            Article.objects.stories()
            .filter(bylines__isnull=False)
            .aggregate(latest=Max("page__ingested_at"))["latest"]
        )


class RegionSitemap(Sitemap):
    """Every stored place: a place is stored once an article names it."""

    limit = 5000

    def items(self) -> QuerySet[Place]:
        return Place.objects.only("pk").order_by("code")

    def location(self, item: Place) -> str:
        return reverse("articles:region", args=[item.pk])

    def get_latest_lastmod(self) -> None:
        return None


SITEMAPS: dict[str, type[Sitemap]] = {
    "articles": ArticleSitemap,
    "issues": IssueSitemap,
    "reporters": ReporterSitemap,
    "regions": RegionSitemap,
}
