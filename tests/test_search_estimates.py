"""A search's count when PostgreSQL's estimate is no count: at 1,000,000 articles it expects any word outside
its most common lexemes in about 1,000 articles (姜太公: 38), and two words as if independent, so words
searched without filters are counted up to COUNT_WORDS_UP_TO matches (articles/search/ranking.py) instead of
ranking a window of newest pages sized from the estimate."""

from __future__ import annotations

import datetime

import pytest

from articles import models, search
from articles.search import ranking
from tests.seeding import SEED_DATE, seed_ingest

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
