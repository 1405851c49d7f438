"""Kept counts: Person.article_count and Place.article_count, the story counts the reporter and region pages
show, stored rather than recounted on every page (at 1,000,000 articles the recounts took 1.9 s for the
reporters index and 5.6 s for the regions index).

Every write that can change a count (ingest of a page, each editor correction and its undo, jump links, a
merge of people) notes the articles it may change before it writes (Touched.before) and after
(Touched.after), and calls Touched.refresh in its own transaction. Counts move by what the touched articles
added or took away: each story counts once for every person it credits (story_people) and every place it is
about (story_places), and their counts change by the difference of those sets before and after. Recounting
instead costs what a count numbers: a place 36 ms for a province of 17,509 stories at 100,000 articles
(521 ms for the 17 places of one page), a reporter 4-10 ms of PostgreSQL a page in the ingest bench (its 10
reporters gain a story on every page), growing with their stories, which every ingested page would pay.
A write that changes who a person is (a merge of people, its undo) names them (Touched(people=...)): those
are counted again from their bylines, not moved.
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


def story_people(article_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """{article id: the people whose count it is in} for those of these articles that are live stories and
    credit someone (Byline.story, kept by PostgreSQL's triggers as the article is merged or linked)."""
    ids = sorted(set(article_ids))
    found: dict[int, set[int]] = {}
    if ids:
        rows = Byline.objects.filter(article_id__in=ids, story=True).values_list("article_id", "person_id")
        for article_id, person_id in rows:
            found.setdefault(article_id, set()).add(person_id)
    return {pk: frozenset(people) for pk, people in found.items()}


@dataclass
class Touched:
    """What one write may change: its articles' people and places before and after, and the people it
    changes the identity of (`people`: counted again)."""

    people: set[int] = field(default_factory=set)
    articles: set[int] = field(default_factory=set)  # whose people and places are compared in refresh()
    # {article id: (the people, the places) it counted for before}
    _before: dict[int, tuple[frozenset[int], frozenset[int]]] = field(default_factory=dict)

    def before(self, article_ids: Iterable[int]) -> Touched:
        """Before the write: note the people and places these articles count for now. Every article the
        write may change and that exists already must be noted here (one not noted counted for nothing
        before); noting more costs nothing but the queries."""
        ids = set(article_ids) - set(self._before)
        people, places = story_people(ids), story_places(ids)
        none: frozenset[int] = frozenset()
        self._before |= {pk: (people.get(pk, none), places.get(pk, none)) for pk in ids}
        return self

    def after(self, article_ids: Iterable[int]) -> Touched:
        """During or after the write: these articles are its own (made, changed or deleted by it), their
        people and places compared in refresh(). Only these: another writer's change to an article noted
        before() is that writer's to count."""
        self.articles |= set(article_ids)
        return self

    def refresh(self) -> None:
        """Set the kept counts right for what the write did: its people and places moved by the difference
        its articles made (the people it names counted again). Once a transaction, after its writes."""
        people: Counter[int] = Counter()
        for credited in story_people(self.articles).values():
            people.update(credited)
        places: Counter[int] = Counter()
        for named in story_places(self.articles).values():
            places.update(named)
        for pk in self.articles:
            was_people, was_places = self._before.get(pk, (frozenset(), frozenset()))
            people.subtract(was_people)
            places.subtract(was_places)
        counts_refresh(
            recount=self.people,
            people=dict(people),  # counts_refresh leaves out those recounted, and no change
            places={pk: n for pk, n in places.items() if n},
        )


def counts_refresh(
    *, recount: Iterable[int] = (), people: dict[int, int] | None = None, places: dict[int, int] | None = None
) -> None:
    """Count these people (`recount`) again from their bylines, and move these people's and places' counts
    by the given differences ({id: stories gained, or lost when negative}).

    The rows are locked people first, then places, each in id order (one order for every writer: no
    deadlock among them). A person is recounted after the lock: two writers touching one person take turns,
    and the second counts in a statement begun after the first committed, so it sees the first one's stories
    too. A difference is added to the count as it is when its lock is had, so neither writer's is lost."""
    recount = sorted(set(recount))
    moves = {pk: change for pk, change in (people or {}).items() if change and pk not in recount}
    _lock(Person, [*recount, *moves])
    if recount:
        # read off byline_person_story_date_idx
        stories = Byline.objects.filter(person=models.OuterRef("pk"), story=True)
        count = stories.order_by().values(
            n=models.Func(
                "article_id", template="COUNT(DISTINCT %(expressions)s)", output_field=models.IntegerField()
            )
        )
        Person.objects.filter(pk__in=recount).update(article_count=Coalesce(models.Subquery(count), 0))
    _move(Person, moves)
    moves = {pk: change for pk, change in (places or {}).items() if change}
    _lock(Place, moves)
    _move(Place, moves)


# Every row's count moved by its own difference in one statement (a page moves about 20 places and 10 people):
# raw SQL, as the ORM would write one CASE branch a row.
_MOVE_SQL = """
    UPDATE {table} t SET article_count = t.article_count + d.change
    FROM unnest(%(ids)s::bigint[], %(changes)s::integer[]) AS d(id, change)
    WHERE t.id = d.id
"""


def _move(model: type[Person] | type[Place], moves: dict[int, int]) -> None:
    if moves:
        with connection.cursor() as cursor:
            cursor.execute(
                _MOVE_SQL.format(table=model._meta.db_table),
                {"ids": list(moves), "changes": list(moves.values())},
            )


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
