"""The names a search is filtered by, picked from the archive: the people stories credit and the places
they name, offered as a reader types (/search/names.json) and read back from what the form sends, where a
name the archive does not hold, or holds twice, gets the names it may mean instead of an empty page.

A place is written with its parent when it is not a province, `朝阳区（北京市）`, so that places of the same
name in two provinces are told apart, in the list and in what the form sends back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Value, When

from articles.models import Person, Place, PlaceQuerySet
from articles.reconstruct.places import SUFFIX
from articles.search.query import CONTROL, SPACES

KINDS = ("reporter", "region")
MAX_NAME_CHARS = 50  # longer is no name of a person or place (the longest place names have about 20)
SUGGESTED = 10  # names offered as one types
OFFERED = 8  # names offered for a name the archive does not hold, or holds twice
LABELLED = re.compile(r"(?P<name>[^（(]+)[（(](?P<parent>[^）)]+)[）)]")  # 朝阳区（北京市）, 朝阳区(北京市)
CODE = re.compile(r"\d{6,12}")  # 110105: a place's division code, as the facets' links carry it
_ASK = "；要找的是不是："  # ends a note on a name not found when there are names to offer


@dataclass(frozen=True)
class Name:
    """A reporter or place as the form offers it."""

    label: str  # what is shown and typed: 王闽, 朝阳区（北京市）
    param: str  # what a link filtering on it carries: the person's name, the place's code
    count: int  # its live stories


@dataclass(frozen=True)
class Resolved:
    """What the form's text named: one person or place, or a note saying why none, with the names it may
    mean (`offered`, most stories first)."""

    found: Person | Place | None = None
    note: str = ""
    offered: list[Name] = field(default_factory=list)


def name_clean(text: str) -> str:
    """A typed name as looked up: control characters and spaces out (王 闽 is 王闽)."""
    return SPACES.sub("", CONTROL.sub("", text))


def names_suggest(*, kind: str, text: str, limit: int = SUGGESTED) -> list[Name]:
    """The reporters (kind "reporter") or places ("region") with live stories whose name holds `text`, those
    it begins first, then most stories first; none for no text or one longer than any name.

    People beginning with the text are read from the unique index on their name (the database collates by
    code point, so a LIKE prefix is a range of it); those holding it elsewhere only fill up the list.
    """
    text = name_clean(text)
    labelled = LABELLED.fullmatch(text)
    if labelled:  # a place picked from the list, 朝阳区（北京市）: the places of that name
        text = labelled["name"]
    if not text or len(text) > MAX_NAME_CHARS or kind not in KINDS:
        return []
    if kind == "reporter":
        return _people(text, limit)
    return _places(Place.objects.filter(article_count__gt=0, name__contains=text), text, limit)


def reporter_resolve(text: str) -> Resolved:
    """The person named `text`: one of that name (a spelling merged into another finds the kept one), or
    none, with the reporters whose names hold it."""
    name = name_clean(text)[:MAX_NAME_CHARS]
    person = Person.objects.select_related("merged_into").filter(name=name).first()
    if person is not None:
        return Resolved(person.merged_into or person)
    offered = _people(name, OFFERED)
    return Resolved(
        note=f"没有名叫「{name}」的记者，已忽略这个条件{_ASK if offered else '。'}", offered=offered
    )


def region_resolve(text: str) -> Resolved:
    """The place `text` names: a division code (the facets' links), a name with its parent as the list
    writes it (朝阳区（北京市）) or after it (北京市朝阳区), a full name (南京市) or one without its suffix
    (南京); when the name is two places', or none's, the places it may mean."""
    name = name_clean(text)[:MAX_NAME_CHARS]
    if CODE.fullmatch(name):
        place = Place.objects.select_related("parent").filter(code=name).first()
        return (
            Resolved(place) if place else Resolved(note=f"没有区划代码为「{name}」的地区，已忽略这个条件。")
        )
    labelled = LABELLED.fullmatch(name)
    places = Place.objects.select_related("parent")
    if labelled:
        found = list(places.filter(name=labelled["name"], parent__name=labelled["parent"])[:2])
        if len(found) == 1:
            return Resolved(found[0])
        name = labelled["name"]
    same = (
        list(places.filter(name=name))
        or [place for place in places.filter(name__startswith=name) if SUFFIX.sub("", place.name) == name]
        or [  # 北京市朝阳区: the parent's name, then the place's
            place
            for place in places.filter(name__in=[name[n:] for n in range(2, len(name) - 1)])
            if place.parent and place.parent.name + place.name == name
        ]
    )
    if len(same) == 1:
        return Resolved(same[0])
    if same:
        return Resolved(
            note=f"叫「{name}」的地区不止一处，已忽略这个条件；请选一处：",
            offered=_places(places.filter(pk__in=[p.pk for p in same]), name, OFFERED),
        )
    offered = _places(places.filter(article_count__gt=0, name__contains=name), name, OFFERED)
    return Resolved(
        note=f"没有叫「{name}」的地区，已忽略这个条件{_ASK if offered else '。'}", offered=offered
    )


def place_label(place: Place) -> str:
    """A place as the form writes it: a province by its name, others with their parent's, 朝阳区（北京市）
    (the parent read with select_related)."""
    return f"{place.name}（{place.parent.name}）" if place.parent_id and place.parent else place.name


def _people(text: str, limit: int) -> list[Name]:
    people = Person.objects.bylined().order_by("-article_count", "name").values_list("name", "article_count")
    found = list(people.filter(name__startswith=text)[:limit])
    if len(found) < limit:
        found += people.filter(name__contains=text).exclude(name__startswith=text)[: limit - len(found)]
    return [Name(name, name, count) for name, count in found]


def _places(places: PlaceQuerySet, text: str, limit: int) -> list[Name]:
    """The places, those beginning with the text first, then provinces, cities, counties, most stories first."""
    begins = Case(When(name__startswith=text, then=Value(0)), default=Value(1), output_field=IntegerField())
    level = Case(
        When(level=Place.Level.PROVINCE, then=Value(0)),
        When(level=Place.Level.CITY, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    rows = places.select_related("parent").order_by(begins, level, "-article_count", "code")[:limit]
    return [Name(place_label(place), place.code, place.article_count) for place in rows]
