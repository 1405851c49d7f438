"""The sitemap: an index at /sitemap.xml, one section each for articles, issues, papers, reporters and regions.

Sections are paginated (at most `limit` URLs a file, ?p=2, …; the protocol allows 50,000); the index lists
every file of every section. Each section's files are ranges of ids (IdRangePaginator): any file, however
deep, is one index range scan, and the index needs only each table's lowest and highest id and the newest
ingest, never a count or a walk over the archive.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Exists, F, Max, Min, OuterRef, QuerySet
from django.urls import reverse

from articles.directory import article_url
from articles.models import Article, Issue, Newspaper, Page, Person, Place


@dataclass(frozen=True)
class IdRange:
    object_list: QuerySet


class IdRangePaginator:
    """Files of `limit` consecutive ids of the items' table, from its lowest: file n holds the items with
    ids in [low + (n-1)·limit, low + n·limit). A file holds at most `limit` items (fewer where ids were
    deleted or belong to rows the items leave out), each item is in exactly one file, and the number of
    files needs only the table's lowest and highest id (two index lookups), never a count."""

    def __init__(self, items: QuerySet, limit: int) -> None:
        self.items, self.limit = items, limit

    @cached_property
    def _low_high(self) -> tuple[int | None, int | None]:
        found = self.items.model._base_manager.aggregate(low=Min("pk"), high=Max("pk"))
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


class IdRangeSitemap(Sitemap):
    """A section in files of id ranges; its lastmod for the index is the newest ingest (an index lookup)."""

    # URLs a file: the protocol allows 50,000, but a file is rendered URL by URL in Python (about 0.1 ms
    # each), so smaller files keep a cold one fast; a million articles make 500 files.
    limit = 2000

    @property
    def paginator(self) -> IdRangePaginator:
        return IdRangePaginator(self.items(), self.limit)

    def get_latest_lastmod(self) -> datetime.datetime | None:
        return Page.objects.aggregate(latest=Max("ingested_at"))["latest"]


class ArticleSitemap(IdRangeSitemap):
    def items(self) -> QuerySet[Article]:
        return Article.objects.stories().annotate(lastmod=F("page__ingested_at")).only("pk").order_by("pk")

    def location(self, item: Article) -> str:
        return article_url(item.pk)

    def lastmod(self, item: Article) -> datetime.datetime:
        return item.lastmod


class IssueSitemap(IdRangeSitemap):
    def items(self) -> QuerySet[Issue]:
        return (
            Issue.objects.select_related("newspaper")
            .annotate(lastmod=Max("pages__ingested_at"))
            .order_by("pk")
        )

    def location(self, item: Issue) -> str:
        return reverse("articles:issue", args=[item.newspaper.slug, item.date])

    def lastmod(self, item: Issue) -> datetime.datetime | None:
        return item.lastmod


class PaperSitemap(IdRangeSitemap):
    """Each paper's own page (its issues by year and month), for papers with an issue stored."""

    def items(self) -> QuerySet[Newspaper]:
        issues = Issue.objects.filter(newspaper=OuterRef("pk"))
        return Newspaper.objects.filter(Exists(issues)).order_by("pk")

    def location(self, item: Newspaper) -> str:
        return reverse("articles:paper", args=[item.slug])


class ReporterSitemap(IdRangeSitemap):
    """People bylined on a live story. No lastmod of their own: it would be the newest of all their
    articles, a walk over a busy reporter's thousands; crawlers revisit by the index's."""

    def items(self) -> QuerySet[Person]:
        stories = Article.objects.stories().filter(bylines__person=OuterRef("pk"))
        return Person.objects.filter(Exists(stories), merged_into__isnull=True).only("pk").order_by("pk")

    def location(self, item: Person) -> str:
        return reverse("articles:reporter", args=[item.pk])


class RegionSitemap(IdRangeSitemap):
    """Every stored place: a place is stored once an article names it."""

    def items(self) -> QuerySet[Place]:
        return Place.objects.only("pk").order_by("pk")

    def location(self, item: Place) -> str:
        return reverse("articles:region", args=[item.pk])


SITEMAPS: dict[str, type[Sitemap]] = {
    "articles": ArticleSitemap,
    "issues": IssueSitemap,
    "papers": PaperSitemap,
    "reporters": ReporterSitemap,
    "regions": RegionSitemap,
}
