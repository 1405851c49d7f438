"""The real seed page ingested for one or several issue dates, for tests of the reading site."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path

from articles import ingest, models
from articles.reconstruct import values

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"
PAPER = "法治日报"
SEED_DATE = datetime.date(2025, 1, 24)
JUMPS = SEED.parent.parent / "jumps"
JUMPS_DATE = datetime.date(2025, 1, 25)


def seed_ingest(dates: Iterable[datetime.date] = (SEED_DATE,)) -> None:
    """The seed page as page 2 of each date's issue: its 11 articles once per date."""
    data = SEED.read_bytes()
    cache = ingest.IngestCache()
    for date in dates:
        ingest.page_ingest(
            paper=PAPER, date=date, number=2, data=data, source_name=f"fazhi_{date}_02.txt", cache=cache
        )


def seed_reingest_changed() -> ingest.IngestResult:
    """The seed page of SEED_DATE ingested again with a line added, forced past the corrections an editor
    made there: a new version of the page replaces its stories."""
    data = SEED.read_bytes() + "\n补充\n".encode()
    return ingest.page_ingest(
        paper=PAPER, date=SEED_DATE, number=2, data=data, source_name=SEED.name, force=True
    )


def jump_sample_ingest(numbers: Iterable[int] = (1, 2), *, paper: str = "测试日报") -> None:
    """The project's two-page jump sample (fixtures/jumps: stories of page 1 go on on page 2), its pages
    ingested in the order `numbers`."""
    for number in numbers:
        path = JUMPS / f"jump_2025-01-25_0{number}.txt"
        ingest.page_ingest(
            paper=paper, date=JUMPS_DATE, number=number, data=path.read_bytes(), source_name=path.name
        )


def person(name: str) -> models.Person:
    return models.Person.objects.get(name=name)


def place(name: str) -> models.Place:
    return models.Place.objects.get(name=name)


def article(title: str, date: datetime.date = SEED_DATE) -> models.Article:
    return models.Article.objects.get(title=title, page__issue__date=date)


def stories_store(
    *stories: tuple[str, str], date: datetime.date = SEED_DATE, number: int = 5, paper: str = PAPER
) -> list[models.Article]:
    """Made-up stories, (title, text) each, stored as one page of `paper` as ingest stores a page; the
    articles in order."""
    articles = tuple(story(n, title=title, body=text) for n, (title, text) in enumerate(stories, start=1))
    articles_store(articles, date=date, number=number, paper=paper)
    return list(
        models.Article.objects.filter(page__number=number, page__issue__date=date).order_by("position")
    )


def articles_store(articles: tuple, *, date: datetime.date, number: int, paper: str = PAPER) -> None:
    """The engine's articles (values.Article) stored as one page of `paper`, as ingest stores a page."""
    page = values.Page(
        encoding="utf-8",
        section="测试",
        proofreader="",
        articles=articles,
        unmatched_headlines=(),
        furniture=(),
        line_count=1000,
        source=f"made-up-{date}-{number}.txt",
    )
    ingest.page_store(
        paper=paper,
        date=date,
        number=number,
        data=f"{date} {number} {articles}".encode(),
        source_name=page.source,
        reconstructed=page,
    )


def story(
    position: int,
    *,
    title: str,
    body: str,
    reporters: tuple[str, ...] = (),
    region: str | None = None,
    places: tuple[str, ...] = (),
) -> values.Article:
    """A made-up story as the engine gives it: a title and one body paragraph, lines made up from its place;
    with `reporters` credited, its `region` (a province's full name) and the `places` it names."""
    first = position * 100
    return values.Article(
        position=position,
        kind=values.ArticleKind.NEWS,
        kicker=None,
        title=title,
        subtitle=None,
        dateline=None,
        bylines=tuple(values.Byline(name, values.BylineRole.REPORTER) for name in reporters),
        region=region,
        places=places,
        continued_from_page=None,
        continued_to_page=None,
        paragraphs=(values.Paragraph(values.ParagraphKind.BODY, body, (first, first + 1)),),
        headline_lines=(first + 50,),
        confidence=values.Confidence(0.9, True, ()),
    )
