"""Kept counts: Person.article_count and Place.article_count, the story counts the reporter and region pages
show, stored rather than recounted on every page (at 1,000,000 articles the recounts took 1.9 s for the
reporters index and 5.6 s for the regions index).

Every write that can change a count (ingest of a page, each editor correction and its undo, jump links, a
merge of people) collects the people and places of the articles it touched, before and after, and calls
counts_refresh in its own transaction: the counts of just those are computed again from the rows, never
adjusted by a delta, so a refresh cannot carry an earlier error forward. counts_recount (the `counts_check`
command) recomputes them all and reports any that differed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, models
from django.db.models.functions import Coalesce

from articles.models import Article, Byline, Person, Place


@dataclass
class Touched:
    """The people and places whose counts some articles take part in."""

    people: set[int] = field(default_factory=set)
    places: set[int] = field(default_factory=set)

    def add(self, article_ids: Iterable[int]) -> Touched:
        """Add the people bylined on these articles, their regions and the places they name (as stored now)."""
        ids = list(set(article_ids))
        if not ids:
            return self
        self.people.update(Byline.objects.filter(article_id__in=ids).values_list("person_id", flat=True))
        self.places.update(
            Article.objects.filter(pk__in=ids, region__isnull=False).values_list("region_id", flat=True)
        )
        self.places.update(
            Article.places.through.objects.filter(article_id__in=ids).values_list("place_id", flat=True)
        )
        return self

    def refresh(self) -> None:
        """Recompute the counts of these people and places (counts_refresh)."""
        counts_refresh(people=self.people, places=self.places)


def counts_refresh(*, people: Iterable[int] = (), places: Iterable[int] = ()) -> None:
    """Recompute the kept counts of these people, and of these places and the places above them (a county's
    story counts for its city and province too), from the rows as they are now.

    Call it once a transaction, after its writes. The rows are locked first, people then places, each in id
    order (one order for every writer: no deadlock among them), and counted after: two writers touching one
    person take turns, and the second counts in a statement begun after the first committed, so it sees the
    first one's stories too (a count computed before waiting would lose them)."""
    people = sorted(set(people))
    places = set(places)
    if places:
        above = set(
            Place.objects.filter(pk__in=places, parent__isnull=False).values_list("parent_id", flat=True)
        )
        above |= set(
            Place.objects.filter(pk__in=above, parent__isnull=False).values_list("parent_id", flat=True)
        )
        places |= above
    _lock(Person, people)
    _lock(Place, places)
    if people:
        stories = Byline.objects.filter(
            person=models.OuterRef("pk"), article__merged_into__isnull=True, article__continues__isnull=True
        )
        count = stories.order_by().values(
            n=models.Func(
                "article_id", template="COUNT(DISTINCT %(expressions)s)", output_field=models.IntegerField()
            )
        )
        Person.objects.filter(pk__in=people).update(article_count=Coalesce(models.Subquery(count), 0))
    if places:
        rows = list(Place.objects.filter(pk__in=places).order_by("pk"))
        for place in rows:
            # about_place is the region page's own list: its count is what the page lists, by definition.
            place.article_count = Article.objects.stories().about_place(place).count()
        Place.objects.bulk_update(rows, ["article_count"])


def _lock(model: type[Person] | type[Place], ids: Iterable[int]) -> None:
    list(model.objects.select_for_update().filter(pk__in=sorted(ids)).order_by("pk").values_list("pk"))


@dataclass(frozen=True)
class Drift:
    """A kept count that differed from a recount."""

    kind: str  # "person" or "place"
    pk: int
    name: str
    kept: int
    counted: int


# The true counts of everyone at once, in one grouped query each (what counts_refresh computes one by one).
# Raw SQL: a place's stories come from four sources (the places a story names, lifted once and twice to
# their parents, and a province's region), each story once, and the ORM cannot count over a UNION.
_PEOPLE_SQL = """
    SELECT p.id, p.name, p.article_count, COALESCE(t.n, 0) FROM {person} p LEFT JOIN (
        SELECT b.person_id, COUNT(DISTINCT b.article_id) AS n FROM {byline} b
        JOIN {article} a ON a.id = b.article_id
        WHERE a.merged_into_id IS NULL AND a.continues_id IS NULL
        GROUP BY b.person_id
    ) t ON t.person_id = p.id
    WHERE p.article_count <> COALESCE(t.n, 0)
    ORDER BY p.id
"""
_PLACES_SQL = """
    WITH live AS (
        SELECT id, region_id FROM {article} WHERE merged_into_id IS NULL AND continues_id IS NULL
    ), named AS (
        SELECT l.place_id, l.article_id FROM {links} l JOIN live a ON a.id = l.article_id
    ), pairs AS (
        SELECT place_id, article_id FROM named
        UNION SELECT p.parent_id, n.article_id FROM named n JOIN {place} p ON p.id = n.place_id
            WHERE p.parent_id IS NOT NULL
        UNION SELECT up.parent_id, n.article_id FROM named n JOIN {place} p ON p.id = n.place_id
            JOIN {place} up ON up.id = p.parent_id WHERE up.parent_id IS NOT NULL
        UNION SELECT a.region_id, a.id FROM live a JOIN {place} r ON r.id = a.region_id
            WHERE r.level = %(province)s
    )
    SELECT p.id, p.name, p.article_count, COALESCE(t.n, 0) FROM {place} p LEFT JOIN (
        SELECT place_id, COUNT(*) AS n FROM pairs GROUP BY place_id
    ) t ON t.place_id = p.id
    WHERE p.article_count <> COALESCE(t.n, 0)
    ORDER BY p.id
"""


def counts_recount(*, fix: bool = True) -> list[Drift]:
    """Recount every kept count from the rows; return those that differed (and set them right when `fix`)."""
    tables = {
        "person": Person._meta.db_table,
        "byline": Byline._meta.db_table,
        "article": Article._meta.db_table,
        "place": Place._meta.db_table,
        "links": Article.places.through._meta.db_table,
    }
    drifts: list[Drift] = []
    with connection.cursor() as cursor:
        cursor.execute(_PEOPLE_SQL.format(**tables))
        drifts += [Drift("person", *row) for row in cursor.fetchall()]
        cursor.execute(_PLACES_SQL.format(**tables), {"province": Place.Level.PROVINCE.value})
        drifts += [Drift("place", *row) for row in cursor.fetchall()]
    if fix:
        for kind, model in (("person", Person), ("place", Place)):
            rows = [model(pk=d.pk, article_count=d.counted) for d in drifts if d.kind == kind]
            model.objects.bulk_update(rows, ["article_count"], batch_size=1000)
    return drifts
