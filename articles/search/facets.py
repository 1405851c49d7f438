"""Facets: how the listed matches spread over papers, years, regions, reporters and kinds, each with its count
and the filter that keeps only those; counted over the ids already ranked (all matches, or the window of the
newest when there are too many to rank), in two queries (the credits apart: a story has several)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from articles.models import Article, Byline, Issue, Newspaper, Page, Person, Place

REPORTERS_SHOWN = 10  # the most credited among the matches; the reporter box finds any other


@dataclass(frozen=True)
class Facet:
    """One value of a facet: its label, how many of the matches have it, and the GET parameters that
    keep only those."""

    label: str
    count: int
    params: dict[str, str]


@dataclass(frozen=True)
class Facets:
    papers: list[Facet]
    years: list[Facet]
    regions: list[Facet]
    reporters: list[Facet]
    kinds: list[Facet]

    def __bool__(self) -> bool:
        return any((self.papers, self.years, self.regions, self.reporters, self.kinds))

    @property
    def groups(self) -> list[tuple[str, list[Facet]]]:
        """(heading, values) of each facet with more than one value: one value filters nothing out."""
        named = [
            ("报纸", self.papers),
            ("年份", self.years),
            ("地区", self.regions),
            ("记者", self.reporters),
            ("体裁", self.kinds),
        ]
        return [(name, values) for name, values in named if len(values) > 1]


def facets_count(ids: list[int]) -> Facets:
    """The facets of the articles `ids`, most frequent first (years newest first)."""
    if not ids:
        return Facets([], [], [], [], [])
    with connection.cursor() as cursor:
        cursor.execute(_FACETS, [ids])
        rows = cursor.fetchall()
        cursor.execute(_REPORTERS, [ids, REPORTERS_SHOWN])
        reporters = [Facet(name, count, {"reporter": name}) for name, count in cursor.fetchall()]
    papers, years, regions, kinds = [], [], [], []
    kind_labels = dict(Article.Kind.choices)
    for grouping, paper, slug, year, region, code, kind, count in rows:
        if grouping == 0b0111:
            papers.append(Facet(paper, count, {"paper": slug}))
        elif grouping == 0b1011:
            years.append(Facet(f"{year}年", count, {"from": f"{year}-01-01", "to": f"{year}-12-31"}))
        elif grouping == 0b1101 and code:
            regions.append(Facet(region, count, {"region": code}))
        elif grouping == 0b1110:
            kinds.append(Facet(kind_labels.get(kind, kind), count, {"kind": kind}))
    papers.sort(key=lambda f: (-f.count, f.label))
    years.sort(key=lambda f: f.label, reverse=True)
    regions.sort(key=lambda f: (-f.count, f.label))
    kinds.sort(key=lambda f: (-f.count, f.label))
    return Facets(papers, years, regions, reporters, kinds)


_FACETS = f"""
    SELECT GROUPING(n.slug, EXTRACT(YEAR FROM i.date), r.code, a.kind),
           n.name, n.slug, EXTRACT(YEAR FROM i.date)::int, r.name, r.code, a.kind, count(*)
    FROM {Article._meta.db_table} a
    JOIN {Page._meta.db_table} p ON p.id = a.page_id
    JOIN {Issue._meta.db_table} i ON i.id = p.issue_id
    JOIN {Newspaper._meta.db_table} n ON n.id = i.newspaper_id
    LEFT JOIN {Place._meta.db_table} r ON r.id = a.region_id
    WHERE a.id = ANY(%s::bigint[])
    GROUP BY GROUPING SETS ((n.name, n.slug), (EXTRACT(YEAR FROM i.date)), (r.name, r.code), (a.kind))
"""

_REPORTERS = f"""
    SELECT pe.name, count(DISTINCT b.article_id) AS stories
    FROM {Byline._meta.db_table} b
    JOIN {Person._meta.db_table} pe ON pe.id = b.person_id
    WHERE b.article_id = ANY(%s::bigint[])
    GROUP BY pe.id, pe.name
    ORDER BY stories DESC, pe.name
    LIMIT %s
"""
