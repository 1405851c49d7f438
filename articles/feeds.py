"""Atom feeds: the whole site, one reporter, one region. Latest issues first, FEED_LENGTH entries."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from articles.directory import article_url, issue_datetime
from articles.models import Article, ArticleQuerySet, Byline, Issue, Person, Place

FEED_LENGTH = 50
RECENT_DATES = 30  # issue dates where a feed's entries are looked for first
LEAD_LENGTH = 2000  # the first paragraph, whole: a feed reader shows it as the entry's summary
SITE_NAME = "Newsroom 报纸档案"


def _entries(articles: ArticleQuerySet) -> list[Article]:
    """The newest live articles with what an entry shows. They are looked for in the newest RECENT_DATES
    issue dates first, so the newest entries never cost a sort of the whole archive; only when those
    dates hold fewer than FEED_LENGTH (a quiet reporter or region) is the whole archive asked."""
    bylines = Byline.objects.select_related("person").order_by("order")
    entries = (
        articles.stories()
        .for_listing(LEAD_LENGTH)
        .newest_first()
        .prefetch_related(Prefetch("bylines", queryset=bylines))
    )
    dates = list(
        Issue.objects.order_by("-date").values_list("date", flat=True).distinct()[: RECENT_DATES + 1]
    )
    if len(dates) <= RECENT_DATES:  # the archive is no older than that: nothing to leave out
        return list(entries[:FEED_LENGTH])
    recent = list(entries.filter(page__issue__date__gt=dates[-1])[:FEED_LENGTH])
    return recent if len(recent) == FEED_LENGTH else list(entries[:FEED_LENGTH])


class ArticleFeed(Feed):
    """The latest articles of the whole site."""

    feed_type = Atom1Feed
    language = "zh-CN"
    title = f"{SITE_NAME}：最新稿件"
    subtitle = "各报各版最新整理出的稿件。"

    def link(self) -> str:
        return reverse("articles:home")

    def items(self) -> ArticleQuerySet:
        return _entries(Article.objects.all())

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_link(self, item: Article) -> str:
        return article_url(item.pk)

    def item_description(self, item: Article) -> str:
        # Atom's <summary type="html">: readers take it as markup, so the page's text goes in escaped.
        return escape(item.lead or "")

    def item_pubdate(self, item: Article) -> datetime.datetime:
        return issue_datetime(item.page.issue.date)

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return max(item.page.ingested_at, issue_datetime(item.page.issue.date))

    def item_author_name(self, item: Article) -> str | None:
        names = dict.fromkeys(byline.person.name for byline in item.bylines.all())
        return "、".join(names) or None

    def item_categories(self, item: Article) -> list[str]:
        return [item.region.name] if item.region else []


class ReporterFeed(ArticleFeed):
    """The latest articles bylined to one person."""

    def get_object(self, request: HttpRequest, person_id: int) -> Person:
        person = get_object_or_404(Person.objects.select_related("merged_into"), pk=person_id)
        return person.merged_into or person  # an old spelling's feed is the kept name's

    def title(self, obj: Person) -> str:
        return f"{obj.name}的稿件 · {SITE_NAME}"

    def subtitle(self, obj: Person) -> str:
        return f"署名有{obj.name}的最新稿件。"

    def link(self, obj: Person) -> str:
        return reverse("articles:reporter", args=[obj.pk])

    def items(self, obj: Person) -> ArticleQuerySet:
        return _entries(Article.objects.by_person(obj))


class RegionFeed(ArticleFeed):
    """The latest articles about one province, city or county."""

    def get_object(self, request: HttpRequest, place_id: int) -> Place:
        return get_object_or_404(Place, pk=place_id)

    def title(self, obj: Place) -> str:
        return f"{obj.name}的稿件 · {SITE_NAME}"

    def subtitle(self, obj: Place) -> str:
        return f"关于{obj.name}的最新稿件。"

    def link(self, obj: Place) -> str:
        return reverse("articles:region", args=[obj.pk])

    def items(self, obj: Place) -> ArticleQuerySet:
        return _entries(Article.objects.about_place(obj))
