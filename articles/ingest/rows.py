"""The rows a page names and holds, for the writer: its articles with their paragraphs, bylines and place
links (one bulk_create a table), and the paper, issue, people and places they name, each looked up (or
created) once a batch (IngestCache)."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from django.utils.text import slugify

from articles import models
from articles.ingest.prepare import PreparedPage
from articles.reconstruct.places import PROVINCE, Place, gazetteer


@dataclass
class IngestCache:
    """Row ids looked up during one batch, so each person, place and paper costs a query once.

    Ids found in a transaction are kept only once it commits: a rolled-back page leaves none behind.
    """

    newspapers: dict[str, int] = field(default_factory=dict)
    issues: dict[tuple[int, datetime.date], int] = field(default_factory=dict)  # (newspaper, date) -> id
    people: dict[str, int] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)  # administrative code -> Place id


def articles_write(
    *, page: models.Page, prepared: PreparedPage, cache: IngestCache, found: IngestCache
) -> list[int]:
    """The page's articles, paragraphs, bylines and place links: one bulk_create a table. Returns the
    articles' ids."""
    people = _people_ids(
        names={name for a in prepared.articles for name, _ in a.credits}, cache=cache, found=found
    )
    places = _PlaceLinker(cache=cache, found=found)
    articles = models.Article.objects.bulk_create(
        [
            models.Article(
                page=page,
                region_id=places.region_id(a.region) if a.region else None,
                search_vector=a.search_vector,  # written out by the engine process: a plain value
                **a.fields,
            )
            for a in prepared.articles
        ]
    )
    pairs = list(zip(articles, prepared.articles, strict=True))
    models.Paragraph.objects.bulk_create(
        [models.Paragraph(article_id=row.pk, **p) for row, a in pairs for p in a.paragraphs]
    )
    models.Byline.objects.bulk_create(
        [
            models.Byline(article_id=row.pk, person_id=people[name], role=role, order=order)
            for row, a in pairs
            for order, (name, role) in enumerate(a.credits, start=1)
        ]
    )
    link = models.Article.places.through
    models.Article.places.through.objects.bulk_create(
        [
            link(article_id=row.pk, place_id=place_id)
            for row, a in pairs
            for place_id in dict.fromkeys(places.place_id(name, region=a.region) for name in a.places)
            if place_id is not None
        ]
    )
    return [row.pk for row in articles]


def issue_id_find(*, paper: str, date: datetime.date, cache: IngestCache, found: IngestCache) -> int:
    newspaper_id = cache.newspapers.get(paper)
    if newspaper_id is None:
        newspaper, _ = models.Newspaper.objects.get_or_create(
            name=paper, defaults={"slug": _newspaper_slug(paper)}
        )
        newspaper_id = found.newspapers[paper] = newspaper.pk
    issue_id = cache.issues.get((newspaper_id, date))
    if issue_id is None:
        # Upsert: one query gives the id of a new issue and an existing one alike.
        (issue,) = models.Issue.objects.bulk_create(
            [models.Issue(newspaper_id=newspaper_id, date=date)],
            update_conflicts=True,
            unique_fields=["newspaper", "date"],
            update_fields=["date"],
        )
        issue_id = found.issues[(newspaper_id, date)] = issue.pk
    return issue_id


def _newspaper_slug(name: str) -> str:
    base = slugify(name, allow_unicode=True) or "paper"
    slug, n = base, 1
    while models.Newspaper.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _people_ids(*, names: set[str], cache: IngestCache, found: IngestCache) -> dict[str, int]:
    ids = {name: cache.people[name] for name in names if name in cache.people}
    missing = names - ids.keys()
    if missing:
        # Upsert: one query returns the ids of new and existing people alike.
        people = models.Person.objects.bulk_create(
            [models.Person(name=name) for name in sorted(missing)],
            update_conflicts=True,
            unique_fields=["name"],
            update_fields=["name"],
        )
        # A spelling an editor merged into another person credits that person (editing.people_merge).
        kept = dict(
            models.Person.objects.filter(
                pk__in=[p.pk for p in people], merged_into__isnull=False
            ).values_list("pk", "merged_into_id")
        )
        for person in people:
            ids[person.name] = found.people[person.name] = kept.get(person.pk, person.pk)
    return ids


class _PlaceLinker:
    """The engine's place names to Place rows, creating each one's province → city → county chain.

    The engine gives full names (江苏省, 南京市, 朝阳区); a name several divisions share is settled by
    the article's region, and left unlinked when that does not settle it: no guessing.
    """

    def __init__(self, *, cache: IngestCache, found: IngestCache) -> None:
        self.cache = cache
        self.found = found
        self.gazetteer = gazetteer()

    def region_id(self, name: str) -> int | None:
        return self._row_id(self._one(name, level=PROVINCE))

    def place_id(self, name: str, *, region: str | None) -> int | None:
        return self._row_id(self._one(name, region=region))

    @staticmethod
    @functools.lru_cache(maxsize=20_000)  # the gazetteer is fixed: a name settles the same way every time
    def _one(name: str, *, level: str | None = None, region: str | None = None) -> Place | None:
        places = gazetteer()
        matches = places.lookup(name)
        matches = [p for p in matches if p.name == name] or matches  # a full name over a short form
        if level is not None:
            matches = [p for p in matches if p.level == level]
        if len(matches) > 1 and region is not None:
            matches = [p for p in matches if places.province_of(p).name == region]
        return matches[0] if len(matches) == 1 else None

    def _row_id(self, place: Place | None) -> int | None:
        if place is None:
            return None
        known = self.cache.places.get(place.code) or self.found.places.get(place.code)
        if known is not None:
            return known
        parent = self.gazetteer.place(place.parent) if place.parent is not None else None
        row, _ = models.Place.objects.get_or_create(
            code=place.code,
            defaults={"name": place.name, "level": place.level, "parent_id": self._row_id(parent)},
        )
        self.found.places[place.code] = row.pk
        return row.pk


def cache_merge(cache: IngestCache, found: IngestCache) -> None:
    cache.newspapers.update(found.newspapers)
    cache.issues.update(found.issues)
    cache.people.update(found.people)
    cache.places.update(found.places)
