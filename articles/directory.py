"""What the directory pages (reporters, regions, feeds, sitemap) show that is more than a row.

Reads only what the QuerySet methods in articles/models/ fetched.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from articles import models
from articles.reading import issue_date_text, role_name
from articles.reconstruct.places import PROVINCE, gazetteer


def article_url(article_id: int) -> str:
    """An article's permalink, /articles/<id>/."""
    try:
        return reverse("articles:article", args=[article_id])
    except NoReverseMatch:  # the reading site's route not there yet: the same URL by hand
        return f"/articles/{article_id}/"


def issue_datetime(date: datetime.date) -> datetime.datetime:
    """The moment an issue came out, for feeds: midnight of its date where the site is."""
    return datetime.datetime.combine(date, datetime.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


@dataclass(frozen=True)
class ArticleItem:
    """An article in a list across issues: where it ran, what to call it, the start of its text."""

    article: models.Article
    url: str
    headline: str
    lead: str
    date_text: str  # 2025年1月24日
    roles: tuple[str, ...]  # the listed person's roles on it: 记者, 摄影; empty in other lists


def article_items(articles: Iterable[models.Article]) -> list[ArticleItem]:
    """Rows of a list of articles fetched with ArticleQuerySet.for_listing, and for a person's list with
    their own bylines prefetched as `person_bylines`."""
    return [
        ArticleItem(
            article=article,
            url=article_url(article.pk),
            headline=article.headline,
            lead=article.lead or "",
            date_text=issue_date_text(article.page.issue.date),
            roles=tuple(role_name(b.role) for b in getattr(article, "person_bylines", ())),
        )
        for article in articles
    ]


@dataclass(frozen=True)
class CityCount:
    name: str  # 嘉兴市
    count: int  # live stories naming it or a county of it
    place_id: int

    @property
    def url(self) -> str:
        return reverse("articles:region", args=[self.place_id])


@dataclass(frozen=True)
class ProvinceCount:
    code: str  # 210000
    name: str  # 辽宁省
    count: int  # live stories about it: its region's, and those naming it, its cities or counties
    place_id: int | None  # None while no article has named it: no page of its own yet
    cities: tuple[CityCount, ...] = ()  # the places under it that stories name, most first

    @property
    def url(self) -> str | None:
        return reverse("articles:region", args=[self.place_id]) if self.place_id is not None else None


def provinces_counted() -> list[ProvinceCount]:
    """All 34 province-level divisions in code order, each with its story count and its cities that stories
    name: the gazetteer's list, the kept counts of the places stored (a place is stored once an article names
    it). Two queries."""
    stored = {place.code: place for place in models.Place.objects.provinces()}
    cities: dict[int, list[CityCount]] = {}
    for city in models.Place.objects.cities_counted():
        cities.setdefault(city.parent_id, []).append(
            CityCount(name=city.name, count=city.article_count, place_id=city.pk)
        )
    provinces = (p for p in gazetteer() if p.level == PROVINCE)
    return [
        ProvinceCount(
            code=p.code,
            name=p.name,
            count=stored[p.code].article_count if p.code in stored else 0,
            place_id=stored[p.code].pk if p.code in stored else None,
            cities=tuple(cities.get(stored[p.code].pk, ())) if p.code in stored else (),
        )
        for p in provinces
    ]
