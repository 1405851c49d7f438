"""Search's shortcuts: the newest pages' order kept per archive version, the results query compiled once.
Each must give what the long way gives."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from articles import ingest, models, search
from articles.reconstruct.page import reconstruct_page

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"
PAPERS = ("法治日报", "检察日报")
DATE = datetime.date(2025, 1, 24)


@pytest.fixture
def archive(db: None) -> None:
    """The seed page on pages 2 and 3 of two papers' issues of six days: 24 pages."""
    page = reconstruct_page(SEED.read_bytes(), source=SEED.name)
    cache = ingest.IngestCache()
    for days in range(6):
        for paper in PAPERS:
            for number in (3, 2):
                ingest.page_store(
                    paper=paper,
                    date=DATE - datetime.timedelta(days=days),
                    number=number,
                    data=f"{paper}{days}{number}".encode(),
                    source_name=SEED.name,
                    reconstructed=page,
                    cache=cache,
                )


def _queried(scope: search._Scope, n: int) -> tuple[list[int], bool]:
    """newest_pages the long way, with the archive's kept order out of the way."""
    original = search._Archive.newest_pages
    search._Archive.newest_pages = lambda *args, **kwargs: None  # type: ignore[method-assign]
    try:
        return scope.newest_pages(n)
    finally:
        search._Archive.newest_pages = original  # type: ignore[method-assign]


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"paper": PAPERS[1]},
        {"date_from": DATE - datetime.timedelta(days=3)},
        {"date_to": DATE - datetime.timedelta(days=2), "paper": PAPERS[0]},
    ],
)
def test_the_newest_pages_are_those_a_query_finds(archive: None, filters: dict) -> None:
    if "paper" in filters:
        filters["paper"] = models.Newspaper.objects.get(name=filters["paper"])
    scope = search._Scope(search.SearchFilters(**filters))
    scope.page_ids = None  # as for a scope of more pages than SCOPE_PAGES
    in_scope = scope.pages().count()
    for n in (1, 3, 4, 7, 24, 30):
        kept = scope.newest_pages(n)
        assert kept == _queried(scope, n)
        assert kept == (list(scope.pages().values_list("pk", flat=True)[:n]), n >= in_scope)


def test_the_newest_pages_come_newest_first_paper_then_number(archive: None) -> None:
    pages, everything = search._Scope(search.SearchFilters()).newest_pages(5)
    shown = [
        (p.issue.date, p.issue.newspaper.name, p.number)
        for p in sorted(models.Page.objects.filter(pk__in=pages), key=lambda p: pages.index(p.pk))
    ]
    first, second = sorted(PAPERS, key=lambda name: models.Newspaper.objects.get(name=name).pk)
    assert shown == [
        (DATE, first, 2),
        (DATE, first, 3),
        (DATE, second, 2),
        (DATE, second, 3),
        (DATE - datetime.timedelta(days=1), first, 2),
    ]
    assert not everything


def test_a_page_stored_after_a_search_is_in_the_next_ones_window(archive: None) -> None:
    search.article_search(query="政法")
    ingest.page_store(
        paper=PAPERS[0],
        date=DATE + datetime.timedelta(days=1),
        number=2,
        data=b"newest",
        source_name=SEED.name,
        reconstructed=reconstruct_page(SEED.read_bytes(), source=SEED.name),
    )

    newest = models.Page.objects.get(issue__date=DATE + datetime.timedelta(days=1))
    pages, _ = search._Scope(search.SearchFilters()).newest_pages(1)
    assert pages == [newest.pk]
    assert search._archive().sizes[models.Page] == 25


@pytest.mark.parametrize("terms", [[], ["政法"], ["信用", "修复"], ["100%_\\"]])
def test_the_compiled_results_query_gives_what_the_queryset_gives(archive: None, terms: list[str]) -> None:
    ids = list(models.Article.objects.order_by("-pk").values_list("pk", flat=True)[:7])
    fields = ["id", "page_id", "position", "kind", "kicker", "title", "subtitle", "region_name"]
    extra = ["lead", "paper_name", "issue_date", "page_number", "byline_names", "term_paragraphs"]

    fast = search._results_articles(terms, ids)
    slow = models.Article.objects.for_search_results(terms).in_bulk(ids)

    assert fast.keys() == slow.keys() == set(ids)
    for pk in ids:
        assert [getattr(fast[pk], name) for name in fields + extra] == [
            getattr(slow[pk], name) for name in fields + extra
        ]
    if terms == ["信用", "修复"]:
        assert any(article.term_paragraphs for article in fast.values())
