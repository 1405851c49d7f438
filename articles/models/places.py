"""Places from the gazetteer (province, city, county) that articles name, and the counts the directory shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connections, models
from django.db.models import Q

from articles.reconstruct import places as engine_places

if TYPE_CHECKING:
    from articles.models.people import Person


class PlaceQuerySet(models.QuerySet["Place"]):
    def provinces_counted(self) -> list[Place]:
        """Province-level places, each with article_count: the live stories it is the region of or that name
        it or a place under it (its cities and counties), each story once; two queries."""
        counts = self.province_counts()
        provinces = list(self.filter(level=Place.Level.PROVINCE))
        for province in provinces:
            province.article_count = counts.get(province.pk, 0)
        return provinces

    def province_counts(self) -> dict[int, int]:
        """{province id: live stories about it}, by the rule of provinces_counted, in one grouped query.

        SQL of its own: the (province, story) pairs come from two sources, a story's region and the places it
        names (each lifted to its province), and the ORM cannot count distinct rows over a UNION."""
        place = Place._meta.db_table
        links = Place.articles.through._meta.db_table
        article = Place.articles.field.model._meta.db_table
        sql = f"""
            SELECT province_id, COUNT(DISTINCT article_id) FROM (
                SELECT a.region_id AS province_id, a.id AS article_id FROM {article} a
                WHERE a.region_id IS NOT NULL AND a.merged_into_id IS NULL AND a.continues_id IS NULL
                UNION ALL
                SELECT CASE WHEN p.level = %(province)s THEN p.id
                            WHEN up.level = %(province)s THEN up.id
                            ELSE up.parent_id END,
                       l.article_id
                FROM {links} l
                JOIN {place} p ON p.id = l.place_id
                LEFT JOIN {place} up ON up.id = p.parent_id
                JOIN {article} a ON a.id = l.article_id
                WHERE a.merged_into_id IS NULL AND a.continues_id IS NULL
            ) pairs
            WHERE province_id IS NOT NULL
            GROUP BY province_id
        """
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, {"province": Place.Level.PROVINCE.value})
            return dict(cursor.fetchall())

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
        return self.filter(parent=place)._named_counted()

    def cities_counted(self) -> PlaceQuerySet:
        """The places right under a province (its cities; a municipality's districts) that live articles
        name, counted as children_counted counts them; `parent` read in the same query."""
        return self.filter(parent__level=Place.Level.PROVINCE).select_related("parent")._named_counted()

    def _named_counted(self) -> PlaceQuerySet:
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
            self.annotate(article_count=models.Subquery(count))
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
