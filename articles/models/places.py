"""Places from the gazetteer (province, city, county) that articles name, and the counts the directory shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from articles.reconstruct import places as engine_places

if TYPE_CHECKING:
    from articles.models.people import Person


class PlaceQuerySet(models.QuerySet["Place"]):
    def provinces_counted(self) -> PlaceQuerySet:
        """Province-level places, each with article_count: the live articles it is the region of."""
        live = Q(region_articles__merged_into__isnull=True, region_articles__continues__isnull=True)
        return self.filter(level=Place.Level.PROVINCE).annotate(
            article_count=models.Count("region_articles", filter=live)
        )

    def regions_of(self, person: Person) -> PlaceQuerySet:
        """The regions of a person's live articles, each with article_count, most first."""
        return (
            self.filter(
                region_articles__bylines__person=person,
                region_articles__merged_into__isnull=True,
                region_articles__continues__isnull=True,
            )
            .annotate(article_count=models.Count("region_articles", distinct=True))
            .order_by("-article_count", "code")
        )

    def children_counted(self, place: Place) -> PlaceQuerySet:
        """The places under `place` that live articles name, each with article_count: the articles
        naming it or a place under it (a city's counties), each article once."""
        links = Place.articles.through.objects.filter(
            Q(place=models.OuterRef("pk")) | Q(place__parent=models.OuterRef("pk")),
            article__merged_into__isnull=True,
            article__continues__isnull=True,
        )
        count = links.order_by().values(
            n=models.Func(
                "article_id", template="COUNT(DISTINCT %(expressions)s)", output_field=models.IntegerField()
            )
        )
        return (
            self.filter(parent=place)
            .annotate(article_count=models.Subquery(count))
            .filter(article_count__gt=0)
            .order_by("-article_count", "code")
        )


class Place(models.Model):
    class Level(models.TextChoices):
        PROVINCE = engine_places.PROVINCE, "省级"
        CITY = engine_places.CITY, "地级"
        COUNTY = engine_places.COUNTY, "县级"

    name = models.CharField("名称", max_length=100)
    level = models.CharField("级别", max_length=10, choices=Level)
    code = models.CharField("区划代码", max_length=12, unique=True, help_text="行政区划代码。")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级",
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = "地名"

    def __str__(self) -> str:
        return self.name
