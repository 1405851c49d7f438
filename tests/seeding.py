"""The real seed page ingested for one or several issue dates, for tests of the reading site."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path

from articles import ingest, models

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"
PAPER = "法治日报"
SEED_DATE = datetime.date(2025, 1, 24)


def seed_ingest(dates: Iterable[datetime.date] = (SEED_DATE,)) -> None:
    """The seed page as page 2 of each date's issue: its 11 articles once per date."""
    data = SEED.read_bytes()
    cache = ingest.IngestCache()
    for date in dates:
        ingest.page_ingest(
            paper=PAPER, date=date, number=2, data=data, source_name=f"fazhi_{date}_02.txt", cache=cache
        )


def person(name: str) -> models.Person:
    return models.Person.objects.get(name=name)


def place(name: str) -> models.Place:
    return models.Place.objects.get(name=name)


def article(title: str, date: datetime.date = SEED_DATE) -> models.Article:
    return models.Article.objects.get(title=title, page__issue__date=date)
