"""Search over an archive of many pages: which matches are ranked when there are too many to rank them all,
whether the order of the newest pages is kept in the process or read from the database, and what each
result carries."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from articles import ingest, models, search
from articles.reconstruct.page import reconstruct_page
from articles.search import ranking

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"
PAPERS = ("法治日报", "检察日报")
DATE = datetime.date(2025, 1, 24)
NEWEST_FIRST = ("-issue__date", "issue__newspaper_id", "number")


def _store(paper: str, date: datetime.date, number: int) -> None:
    ingest.page_store(
        paper=paper,
        date=date,
        number=number,
        data=f"{paper}{date}{number}".encode(),
        source_name=SEED.name,
        reconstructed=reconstruct_page(SEED.read_bytes(), source=SEED.name),
    )


@pytest.fixture
def archive(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed page on pages 2 and 3 of two papers' issues of six days: 24 pages, too many matches of 政法
    to rank them all."""
    monkeypatch.setattr(ranking, "RANK_ALL", 4)
    monkeypatch.setattr(ranking, "COUNT_UP_TO", 4)
    monkeypatch.setattr(ranking, "RANK_WINDOW", 8)
    for days in range(6):
        for paper in PAPERS:
            for number in (3, 2):
                _store(paper, DATE - datetime.timedelta(days=days), number)


def _filters(**given: Any) -> search.SearchFilters:
    if "paper" in given:
        given["paper"] = models.Newspaper.objects.get(name=given["paper"])
    return search.SearchFilters(**given)


def _ranked_pages(results: search.SearchResults) -> list[int]:
    """The pages of the ranked matches, newest first."""
    ids = list(results.page.paginator.object_list)
    on = dict(models.Article.objects.filter(pk__in=ids).values_list("pk", "page_id"))
    return list(dict.fromkeys(sorted({on[pk] for pk in ids}, key=_newest_first().index)))


def _newest_first(**filters: Any) -> list[int]:
    pages = models.Page.objects.order_by(*NEWEST_FIRST)
    if "paper" in filters:
        pages = pages.filter(issue__newspaper__name=filters["paper"])
    if "date_from" in filters:
        pages = pages.filter(issue__date__gte=filters["date_from"])
    if "date_to" in filters:
        pages = pages.filter(issue__date__lte=filters["date_to"])
    return list(pages.values_list("pk", flat=True))


@pytest.mark.parametrize("kept", [ranking.PAGE_ORDER_MAX, 5])  # the whole archive's order kept, or too little
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"paper": PAPERS[1]},
        {"date_from": DATE - datetime.timedelta(days=3)},
        {"date_to": DATE - datetime.timedelta(days=2), "paper": PAPERS[0]},
    ],
)
def test_too_many_matches_rank_those_on_the_newest_pages_within_the_filters(
    archive: None, monkeypatch: pytest.MonkeyPatch, kept: int, filters: dict[str, Any]
) -> None:
    monkeypatch.setattr(ranking, "PAGE_ORDER_MAX", kept)

    results = search.article_search(query="政法", filters=_filters(**filters))

    assert results.windowed and 0 < results.ordered < results.total
    pages = _ranked_pages(results)
    assert pages == _newest_first(**filters)[: len(pages)]
    assert 1 < len(pages) < len(_newest_first(**filters))


def test_equal_ranks_come_newest_issue_first_then_paper_then_page(
    archive: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ranking, "RANK_ALL", 1000)  # all ranked
    monkeypatch.setattr(ranking, "COUNT_UP_TO", 1000)

    results = search.article_search(query="政法")

    ids = list(results.page.paginator.object_list)
    rows = {
        pk: (position, page)
        for pk, position, page in models.Article.objects.values_list("pk", "position", "page_id")
    }
    top = rows[ids[0]][0]  # the same article of every copy of the seed page: the same rank
    pages = [rows[pk][1] for pk in ids if rows[pk][0] == top]
    assert len(pages) == 24
    shown = [
        (page.issue.date, page.issue.newspaper.name, page.number)
        for page in sorted(models.Page.objects.filter(pk__in=pages), key=lambda p: pages.index(p.pk))
    ]
    first, second = sorted(PAPERS, key=lambda name: models.Newspaper.objects.get(name=name).pk)
    assert shown[:3] == [(DATE, first, 2), (DATE, first, 3), (DATE, second, 2)]
    assert pages == _newest_first()[: len(pages)]


def test_a_page_stored_after_a_search_is_ranked_first_by_the_next(archive: None) -> None:
    search.article_search(query="政法")
    _store(PAPERS[0], DATE + datetime.timedelta(days=1), 2)

    results = search.article_search(query="政法")

    newest = models.Page.objects.get(issue__date=DATE + datetime.timedelta(days=1))
    assert _ranked_pages(results)[0] == newest.pk
    assert results.hits[0].article.page_id == newest.pk


@pytest.mark.parametrize(("query", "paper"), [("政法", None), ("信用修复", None), ("", PAPERS[1])])
def test_each_result_carries_what_the_results_queryset_gives(
    archive: None, query: str, paper: str | None
) -> None:
    results = search.article_search(query=query, filters=_filters(paper=paper) if paper else None)

    assert results.hits
    expected = models.Article.objects.for_search_results(results.terms).in_bulk(
        [hit.article.pk for hit in results.hits]
    )
    fields = ["id", "page_id", "position", "kind", "kicker", "title", "subtitle", "region_name"]
    extra = ["lead", "paper_name", "issue_date", "page_number", "byline_names", "term_paragraphs"]
    for hit in results.hits:
        assert [getattr(hit.article, name) for name in fields + extra] == [
            getattr(expected[hit.article.pk], name) for name in fields + extra
        ]
    if query == "信用修复":
        assert any(hit.article.term_paragraphs for hit in results.hits)
