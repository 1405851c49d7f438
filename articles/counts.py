"""Kept counts: Person.article_count and Place.article_count, the story counts the reporter and region pages
show, stored rather than recounted on every page (at 1,000,000 articles the recounts took 1.9 s for the
reporters index and 5.6 s for the regions index).

Every write that can change a count (ingest of a page, each editor correction and its undo, jump links, a
merge of people) notes the articles it may change before it writes (Touched.before) and after
(Touched.after), and calls Touched.refresh in its own transaction:
- a person's count is computed again from their bylines (a few milliseconds: a reporter's stories are found
  by index), so it cannot carry an earlier error forward;
- a place's count moves by what the touched articles added or took away: each story counts once for every
  place it is about (story_places), and the places' counts change by the difference of those sets before and
  after. Recounting a place instead costs what its stories number (36 ms for a province of 17,509 stories at
  100,000 articles; 521 ms for the 17 places of one page), which every ingested page would pay.
counts_recount (the `counts_check` command) recomputes them all from the rows and reports any that differed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, models
from django.db.models.functions import Coalesce

from articles.models import Article, Byline, Person, Place

# (story, place) pairs: each live story (not merged, not a continuation) with every place it counts for: those
# it names, their parents and grandparents, and its region if that is a province (what
# ArticleQuerySet.about_place lists), each once. UNION, not UNION ALL: a story naming a city and its county
# counts once for the city. `{only}` narrows the stories (story_places: some articles; the recount: none).
# Raw SQL: the pairs come from four sources and the ORM cannot count over a UNION.
_PAIRS_SQL = """
    WITH live AS (
        SELECT id, region_id FROM {article}
        WHERE merged_into_id IS NULL AND continues_id IS NULL {only}
    ), named AS (
        SELECT l.place_id, l.article_id FROM {links} l JOIN live a ON a.id = l.article_id
    ), pairs AS (
        SELECT article_id, place_id FROM named
        UNION SELECT n.article_id, p.parent_id FROM named n JOIN {place} p ON p.id = n.place_id
            WHERE p.parent_id IS NOT NULL
        UNION SELECT n.article_id, up.parent_id FROM named n JOIN {place} p ON p.id = n.place_id
            JOIN {place} up ON up.id = p.parent_id WHERE up.parent_id IS NOT NULL
        UNION SELECT a.id, a.region_id FROM live a JOIN {place} r ON r.id = a.region_id
            WHERE r.level = %(province)s
    )
"""
_STORY_PLACES_SQL = _PAIRS_SQL + "SELECT article_id, place_id FROM pairs"


def _tables() -> dict[str, str]:
    return {
        "person": Person._meta.db_table,
        "byline": Byline._meta.db_table,
        "article": Article._meta.db_table,
        "place": Place._meta.db_table,
        "links": Article.places.through._meta.db_table,
    }


def story_places(article_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """{article id: the places whose count it is in} for those of these articles that are live stories."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    found: dict[int, set[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            _STORY_PLACES_SQL.format(**_tables(), only="AND id = ANY(%(ids)s)"),
            {"ids": ids, "province": Place.Level.PROVINCE.value},
        )
        for article_id, place_id in cursor.fetchall():
            found.setdefault(article_id, set()).add(place_id)
    return {pk: frozenset(places) for pk, places in found.items()}


@dataclass
class Touched:
    """What one write may change: the people on its articles, and its articles' places before and after."""

    people: set[int] = field(default_factory=set)
    articles: set[int] = field(default_factory=set)  # whose places are compared in refresh()
    _before: dict[int, frozenset[int]] = field(default_factory=dict)

    def before(self, article_ids: Iterable[int]) -> Touched:
        """Before the write: note these articles' people and the places they count for now. Every article
        the write may change and that exists already must be noted here (one not noted counted for nothing
        before); noting more costs nothing but the query."""
        ids = set(article_ids) - set(self._before)
        self._people_add(ids)
        self._before |= dict.fromkeys(ids, frozenset()) | story_places(ids)
        return self

    def after(self, article_ids: Iterable[int], *, people: Iterable[int] | None = None) -> Touched:
        """During or after the write: these articles are its own (made, changed or deleted by it); their
        people (read from their bylines unless given: ingest has just written them), and their places
        compared in refresh(). Only these: another writer's change to an article noted before() is that
        writer's to count."""
        ids = set(article_ids)
        if people is None:
            self._people_add(ids)
        else:
            self.people.update(people)
        self.articles |= ids
        return self

    def refresh(self) -> None:
        """Set the kept counts right for what the write did: its people recounted, its places moved by the
        difference its articles made. Once a transaction, after its writes."""
        delta: Counter[int] = Counter()
        for places in story_places(self.articles).values():
            delta.update(places)
        for pk in self.articles:
            delta.subtract(self._before.get(pk, frozenset()))
        counts_refresh(people=self.people, places={pk: n for pk, n in delta.items() if n})

    def _people_add(self, article_ids: set[int]) -> None:
        if article_ids:
            self.people.update(
                Byline.objects.filter(article_id__in=article_ids).values_list("person_id", flat=True)
            )


def counts_refresh(*, people: Iterable[int] = (), places: dict[int, int] | None = None) -> None:
    """Recompute the kept counts of these people from their bylines, and move these places' counts by the
    given differences ({place id: stories gained, or lost when negative}).

    The rows are locked people first, then places, each in id order (one order for every writer: no
    deadlock among them). A person is counted after the lock: two writers touching one person take turns,
    and the second counts in a statement begun after the first committed, so it sees the first one's stories
    too. A place's difference is added to the count as it is when its lock is had, so neither is lost."""
    people = sorted(set(people))
    _lock(Person, people)
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
    moves = {pk: change for pk, change in (places or {}).items() if change}
    _lock(Place, moves)
    if moves:
        with connection.cursor() as cursor:
            cursor.execute(
                _PLACES_MOVE_SQL.format(place=Place._meta.db_table),
                {"ids": list(moves), "changes": list(moves.values())},
            )


# Every place's count moved by its own difference in one statement (a page moves about 20): raw SQL, as the ORM
# would write one CASE branch a place.
_PLACES_MOVE_SQL = """
    UPDATE {place} p SET article_count = p.article_count + d.change
    FROM unnest(%(ids)s::bigint[], %(changes)s::integer[]) AS d(id, change)
    WHERE p.id = d.id
"""


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
_PLACES_SQL = (
    _PAIRS_SQL
    + """
    SELECT p.id, p.name, p.article_count, COALESCE(t.n, 0) FROM {place} p LEFT JOIN (
        SELECT place_id, COUNT(*) AS n FROM pairs GROUP BY place_id
    ) t ON t.place_id = p.id
    WHERE p.article_count <> COALESCE(t.n, 0)
    ORDER BY p.id
"""
)


def counts_recount(*, fix: bool = True) -> list[Drift]:
    """Recount every kept count from the rows; return those that differed (and set them right when `fix`)."""
    tables = _tables()
    drifts: list[Drift] = []
    with connection.cursor() as cursor:
        cursor.execute(_PEOPLE_SQL.format(**tables))
        drifts += [Drift("person", *row) for row in cursor.fetchall()]
        cursor.execute(_PLACES_SQL.format(**tables, only=""), {"province": Place.Level.PROVINCE.value})
        drifts += [Drift("place", *row) for row in cursor.fetchall()]
    if fix:
        for kind, model in (("person", Person), ("place", Place)):
            rows = [model(pk=d.pk, article_count=d.counted) for d in drifts if d.kind == kind]
            model.objects.bulk_update(rows, ["article_count"], batch_size=1000)
    return drifts
