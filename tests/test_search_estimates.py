"""A search's count when PostgreSQL's estimate is no count: at 1,000,000 articles it expects any word outside
its most common lexemes in about 1,000 articles (姜太公: 38), and two words as if independent, so words
searched without filters are counted up to COUNT_WORDS_UP_TO matches (articles/search/ranking.py) instead of
ranking a window of newest pages sized from the estimate."""

from __future__ import annotations

import datetime

import pytest

from articles import models, search
from articles.search import ranking
from tests.seeding import SEED_DATE, articles_store, person, seed_ingest, story

pytestmark = pytest.mark.django_db


@pytest.fixture
def expects_many(monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL expecting 5,000 matches of whatever is searched, more than RANK_ALL and COUNT_UP_TO, as it
    expects 1,001 of a rare word at 1,000,000 articles (its estimate stands in for the planner of that
    archive: a test database this small has no such statistics); a window of newest pages holds two."""
    monkeypatch.setattr(ranking, "_estimate", lambda queryset: 5 * ranking.RANK_ALL)
    monkeypatch.setattr(ranking, "RANK_WINDOW", 2)
    seed_ingest([SEED_DATE - datetime.timedelta(days=n) for n in range(6)])


def test_words_without_filters_are_counted_and_all_ranked_whatever_postgresql_expects(
    expects_many: None,
) -> None:
    matching = models.Article.objects.stories().filter(paragraphs__text__contains="政法").distinct().count()
    assert 6 <= matching <= ranking.RANK_ALL

    results = search.article_search(query="政法")

    assert (results.total, results.total_exact) == (matching, True)
    assert not results.windowed and results.ordered == matching


def _reporter_pages(days: int) -> models.Person:
    """A page a day for `days` days: two stories by 王记者 (one on 信用, one not) and one on 信用 by no one."""
    for n in range(days):
        articles = (
            story(1, title=f"信用修复第{n}回", body="信用修复助力企业发展。" * 3, reporters=("王记者",)),
            story(2, title=f"天气第{n}回", body="今天晴朗，气温回升。", reporters=("王记者",)),
            story(3, title=f"信用建设第{n}回", body="信用体系建设持续推进。"),
        )
        articles_store(articles, date=SEED_DATE - datetime.timedelta(days=n), number=3)
    return person("王记者")


def test_a_reporters_matches_too_many_to_rank_are_those_on_the_newest_pages_newest_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reporter's articles are picked by id on the window's pages (ranking.PICK_UP_TO), not ANDed with the
    index: the window lists the same, the reporter's matches on the newest pages and only them."""
    reporter = _reporter_pages(8)
    monkeypatch.setattr(ranking, "RANK_ALL", 4)  # the reporter's 16 articles are too many to rank all
    monkeypatch.setattr(ranking, "_estimate", lambda queryset: 2 * ranking.COUNT_UP_TO)
    monkeypatch.setattr(ranking, "RANK_WINDOW", 6)  # the newest pages holding about 6 matches
    filters = search.SearchFilters(reporter=reporter)

    results = search.article_search(query="信用", filters=filters, sort="newest")

    newest = [f"信用修复第{n}回" for n in range(8)]
    assert results.windowed and 3 <= results.ordered < 8
    assert [hit.article.title for hit in results.hits] == newest[: results.ordered]
    monkeypatch.setattr(ranking, "PICK_UP_TO", 0)  # picked from the window's pages' articles, as a city's
    assert search.article_search(query="信用", filters=filters, sort="newest").hits == results.hits
    monkeypatch.setattr(ranking, "SCOPE_PAGES", 0)  # the plain way: the reporter's ids ANDed with the index
    assert search.article_search(query="信用", filters=filters, sort="newest").hits == results.hits
