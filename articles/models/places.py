"""Places from the gazetteer (province, city, county) that articles name, and the counts the directory shows."""

from __future__ import annotations

from django.db import models

from articles.models.people import Byline, Person
from articles.reconstruct import places as engine_places


class PlaceQuerySet(models.QuerySet["Place"]):
    def provinces(self) -> PlaceQuerySet:
        """Province-level places, with their kept article_count."""
        return self.filter(level=Place.Level.PROVINCE)

    def regions_of(self, person: Person) -> PlaceQuerySet:
        """The regions of a person's live stories, each with region_count (theirs there), most first; the
        stories found from their bylines (Byline.objects.stories_of)."""
        return (
            self.filter(region_articles__in=Byline.objects.stories_of(person).values("article"))
            .annotate(region_count=models.Count("region_articles", distinct=True))
            .order_by("-region_count", "code")
        )

    def children_counted(self, place: Place) -> PlaceQuerySet:
        """The places under `place` that live stories name, most first, by their kept article_count (the
        stories naming it or a place under it: a city's counties)."""
        return self.filter(parent=place)._named()

    def cities_counted(self) -> PlaceQuerySet:
        """The places right under a province (its cities; a municipality's districts) that live stories
        name, as children_counted; `parent` read in the same query."""
        return self.filter(parent__level=Place.Level.PROVINCE).select_related("parent")._named()

    def _named(self) -> PlaceQuerySet:
        return self.filter(article_count__gt=0).order_by("-article_count", "code")


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

    # Kept, not recounted (the provinces' UNION and each city's COUNT DISTINCT took 5.6 s at 1M articles):
    # the live stories about it, each once, as ArticleQuerySet.about_place lists them: those naming it or a
    # place under it, and for a province those it is the region of. articles.counts recomputes it for the
    # places every write touches (and their ancestors), in that write's transaction.
    article_count = models.PositiveIntegerField("稿件数", default=0, editable=False)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = "地名"

    def __str__(self) -> str:
        return self.name
