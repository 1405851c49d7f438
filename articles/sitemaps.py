"""The sitemap: an index at /sitemap.xml, one section each for articles, issues, papers, reporters and regions.

Sections are paginated (`limit` URLs a page, ?p=2, …); the index lists every page of every section.
Each section's lastmod for the index is one aggregate query, not a walk over its items.
"""

from __future__ import annotations

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max, QuerySet
from django.urls import reverse

from articles.directory import article_url
from articles.models import Article, Issue, Newspaper, Person, Place


class ArticleSitemap(Sitemap):
    limit = 5000

    def items(self) -> QuerySet[Article]:
        return Article.objects.stories().annotate(lastmod=F("page__ingested_at")).only("pk").order_by("pk")

    def location(self, item: Article) -> str:
        return article_url(item.pk)

    def lastmod(self, item: Article) -> datetime.datetime:
        return item.lastmod

    def get_latest_lastmod(self) -> datetime.datetime | None:
        return Article.objects.stories().aggregate(latest=Max("page__ingested_at"))["latest"]


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


class PaperSitemap(Sitemap):
    """Each paper's own page (its issues by year and month), for papers with an issue stored."""

    limit = 5000

    def items(self) -> QuerySet[Newspaper]:
        return (
            Newspaper.objects.filter(issues__isnull=False)
            .annotate(lastmod=Max("issues__pages__ingested_at"))
            .order_by("name")
        )

    def location(self, item: Newspaper) -> str:
        return reverse("articles:paper", args=[item.slug])

    def lastmod(self, item: Newspaper) -> datetime.datetime | None:
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
    "papers": PaperSitemap,
    "reporters": ReporterSitemap,
    "regions": RegionSitemap,
}
