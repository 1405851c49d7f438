"""articles.ingest: reconstructed pages into rows, one transaction per page."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import IntegrityError
from django.db.models import F

from articles import ingest, models, pagecache
from articles.reconstruct import values
from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.values import BylineRole, PageError

# A part of no story over several pages, as the export gives it.
UNLINKED = {"continues": None, "continued_by": [], "link_score": None}

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"
PAPER = "法治日报"
DATE = datetime.date(2025, 1, 24)
NANJING = values.Dateline("南京", "1月23日", "本报")


def _article(
    position: int = 1,
    *,
    title: str | None = "江苏省委政法工作会议召开",
    kicker: str | None = None,
    body: tuple[str, ...] = ("本报南京1月23日电 记者丁国锋", "江苏省委政法工作会议今天在南京召开。"),
    bylines: tuple[tuple[str, BylineRole], ...] = (("丁国锋", BylineRole.REPORTER),),
    dateline: values.Dateline | None = NANJING,
    region: str | None = None,
    places: tuple[str, ...] = (),
    continued_from_page: int | None = None,
    headline: float = 0.9,
    lead: bool = True,
    unresolved: tuple[str, ...] = (),
) -> values.Article:
    first = position * 100
    return values.Article(
        position=position,
        kind=values.ArticleKind.NEWS,
        kicker=kicker,
        title=title,
        subtitle=None,
        dateline=dateline,
        bylines=tuple(values.Byline(name, role) for name, role in bylines),
        region=region,
        places=places,
        continued_from_page=continued_from_page,
        continued_to_page=None,
        paragraphs=tuple(
            values.Paragraph(values.ParagraphKind.BODY, text, (first + 2 * n, first + 2 * n + 1))
            for n, text in enumerate(body)
        ),
        headline_lines=(first + 50,) if title else (),
        confidence=values.Confidence(headline, lead, unresolved),
    )


def _page(*articles: values.Article) -> values.Page:
    return values.Page(
        encoding="utf-8",
        section="法治动态",
        proofreader="宜爽",
        articles=articles or (_article(),),
        unmatched_headlines=(values.HeadlineGroup("引题", "孤立的标题", None, (7, 9)),),
        furniture=(values.FurnitureLine("proofreader", "校对/宜爽", 1),),
        line_count=923,
        source="fazhi_2025-01-24_02.txt",
    )


def _store(page: values.Page, data: bytes = b"version 1", **kwargs: Any) -> ingest.IngestResult:
    args = {"paper": PAPER, "date": DATE, "number": 2, "source_name": "fazhi_2025-01-24_02.txt"}
    return ingest.page_store(data=data, reconstructed=page, **(args | kwargs))


def _counts() -> dict[str, int]:
    tables = [
        models.Newspaper,
        models.Issue,
        models.Page,
        models.PageVersion,
        models.Article,
        models.Paragraph,
        models.Byline,
        models.Person,
        models.Place,
        models.Article.places.through,
    ]
    return {model.__name__: model.objects.count() for model in tables}


@pytest.mark.django_db
def test_page_store_creates_a_row_for_every_article_paragraph_and_byline() -> None:
    page = _page(
        _article(1), _article(2, bylines=(("张冲", BylineRole.REPORTER), ("丁国锋", BylineRole.AUTHOR)))
    )

    result = _store(page)

    assert result.status == ingest.CREATED
    assert result.article_count == 2
    stored = models.Page.objects.get()
    assert (stored.issue.newspaper.name, stored.issue.date, stored.number) == (PAPER, DATE, 2)
    assert (stored.section, stored.proofreader, stored.encoding) == ("法治动态", "宜爽", "utf-8")
    assert bytes(stored.raw) == b"version 1"
    # The engine's output is kept but for the paragraphs' text, which is in their rows.
    engine = page.to_json()
    for article in engine["articles"]:
        for paragraph in article["paragraphs"]:
            text, (start, end) = paragraph.pop("text"), paragraph["lines"]
            assert models.Paragraph.objects.filter(text=text, line_start=start, line_end=end).exists()
    assert stored.reconstructed_json == engine
    assert list(models.Article.objects.values_list("position", flat=True)) == [1, 2]
    assert models.Paragraph.objects.count() == 4
    assert list(models.Person.objects.values_list("name", flat=True)) == ["丁国锋", "张冲"]
    assert models.Byline.objects.count() == 3


@pytest.mark.django_db
def test_content_hash_is_the_sha256_of_the_bytes() -> None:
    _store(_page(), data=b"abc")

    digest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # sha256("abc")
    assert models.Page.objects.get().content_hash == digest


@pytest.mark.django_db
def test_same_bytes_twice_is_unchanged_and_changes_no_row() -> None:
    _store(_page(_article(1), _article(2)))
    before = _counts()
    stored = models.Page.objects.get()

    result = _store(_page(_article(1, title="另一个标题")))

    assert result.status == ingest.UNCHANGED
    assert result.article_count == 2
    assert _counts() == before
    assert models.Page.objects.get().ingested_at == stored.ingested_at
    assert models.Article.objects.filter(title="另一个标题").count() == 0


@pytest.mark.django_db
def test_changed_bytes_replace_the_pages_articles_and_keep_the_old_version() -> None:
    _store(_page(_article(1), _article(2)), data=b"version 1")
    old_ids = set(models.Article.objects.values_list("pk", flat=True))
    first_ingest = models.Page.objects.get().ingested_at

    result = _store(_page(_article(1, title="更正后的标题")), data=b"version 2", source_name="v2.txt")

    assert result.status == ingest.REPLACED
    assert result.article_count == 1
    assert models.Page.objects.count() == 1
    article = models.Article.objects.get()
    assert article.title == "更正后的标题"
    assert article.pk not in old_ids
    assert models.Paragraph.objects.count() == 2
    page = models.Page.objects.get()
    assert (bytes(page.raw), page.source_name) == (b"version 2", "v2.txt")
    version = models.PageVersion.objects.get()
    assert bytes(version.raw) == b"version 1"
    assert version.source_name == "fazhi_2025-01-24_02.txt"
    assert version.created_at == first_ingest
    assert version.replaced_at == page.ingested_at


@pytest.mark.django_db
def test_changed_bytes_over_an_edited_page_keep_it_and_mark_it_for_review() -> None:
    _store(_page(_article(1), _article(2)), data=b"version 1")
    models.Article.objects.filter(position=2).update(title="编辑改过的标题", edited=True)
    before = _counts()

    result = _store(_page(_article(1, title="新文件的标题")), data=b"version 2", source_name="v2.txt")

    assert result.status == ingest.NEEDS_REVIEW
    assert _counts() == before
    assert models.Article.objects.get(position=2).title == "编辑改过的标题"
    page = models.Page.objects.get()
    assert bytes(page.raw) == b"version 1"
    assert page.needs_review
    assert "v2.txt" in page.review_reason
    assert "编辑改过本版稿件" in page.review_reason and "--force" in page.review_reason


@pytest.mark.django_db
def test_failure_while_writing_paragraphs_leaves_no_row_of_the_page() -> None:
    with pytest.raises(IntegrityError, match="paragraph_lines_ordered"):
        _store(_page(_article(1), _unwritable(_article(2))))

    assert models.Page.objects.count() == 0
    assert models.Article.objects.count() == 0
    assert models.Issue.objects.count() == 0
    assert models.Person.objects.count() == 0


@pytest.mark.django_db
def test_failure_while_replacing_keeps_the_old_articles() -> None:
    _store(_page(_article(1), _article(2)), data=b"version 1")
    before = _counts()
    old_ids = set(models.Article.objects.values_list("pk", flat=True))

    with pytest.raises(IntegrityError):
        _store(_page(_unwritable(_article(1, title="新"))), data=b"version 2")

    assert _counts() == before
    assert set(models.Article.objects.values_list("pk", flat=True)) == old_ids
    assert bytes(models.Page.objects.get().raw) == b"version 1"


@pytest.mark.django_db
def test_input_that_is_not_a_page_writes_nothing() -> None:
    with pytest.raises(PageError):
        ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=b"", source_name="empty.txt")

    assert set(_counts().values()) == {0}


@pytest.mark.django_db
def test_bytes_over_the_size_limit_are_refused_before_reconstruction() -> None:
    data = b"x" * (ingest.MAX_PAGE_BYTES + 1)

    with pytest.raises(PageError, match="文件太大，不像一个版面"):
        ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=data, source_name="big.txt")

    assert models.Page.objects.count() == 0


@pytest.mark.django_db
def test_a_person_is_one_row_however_many_pages_credit_them() -> None:
    cache = ingest.IngestCache()
    for number in (1, 2, 3):
        _store(_page(_article(1), _article(2)), number=number, data=f"p{number}".encode(), cache=cache)

    assert models.Person.objects.filter(name="丁国锋").count() == 1
    assert models.Byline.objects.filter(person__name="丁国锋").count() == 6


@pytest.mark.django_db
def test_a_repeated_credit_in_one_article_is_stored_once() -> None:
    twice = (
        ("丁国锋", BylineRole.REPORTER),
        ("丁国锋", BylineRole.REPORTER),
        ("丁国锋", BylineRole.PHOTOGRAPHER),
    )

    _store(_page(_article(1, bylines=twice)))

    stored = models.Byline.objects.order_by("order").values_list("person__name", "role", "order")
    assert list(stored) == [("丁国锋", BylineRole.REPORTER, 1), ("丁国锋", BylineRole.PHOTOGRAPHER, 2)]


@pytest.mark.django_db(transaction=True)
def test_the_batch_cache_keeps_no_id_from_a_rolled_back_page() -> None:
    cache = ingest.IngestCache()
    with pytest.raises(IntegrityError):
        _store(_page(_unwritable(_article(1, bylines=(("李长生", BylineRole.CORRESPONDENT),)))), cache=cache)
    assert cache.people == {}
    assert cache.issues == {}

    _store(_page(_article(1, bylines=(("李长生", BylineRole.CORRESPONDENT),))), cache=cache)

    assert cache.people == {"李长生": models.Person.objects.get(name="李长生").pk}
    assert cache.newspapers == {PAPER: models.Newspaper.objects.get().pk}


def _unwritable(article: values.Article) -> values.Article:
    """The article with a paragraph that ends before it starts: the database refuses it (a CHECK), part way
    through writing the page, as it would refuse a write on a full disk."""
    (first, *rest) = article.paragraphs
    return dataclasses.replace(article, paragraphs=(dataclasses.replace(first, lines=(9, 3)), *rest))


@pytest.mark.django_db
def test_search_vector_finds_words_of_title_and_body_and_ranks_title_words_first() -> None:
    _store(
        _page(
            _article(1, title="讨薪", body=("本报讯 法院审结一起案件。",)),
            _article(2, title="法院工作会议", body=("本报讯 讨薪问题得到解决。",)),
        )
    )
    query = SearchQuery("讨薪", config="simple")

    found = (
        models.Article.objects.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank")
    )

    assert [a.position for a in found] == [1, 2]
    assert models.Article.objects.filter(search_vector=SearchQuery("解决", config="simple")).count() == 1


@pytest.mark.parametrize(
    ("changes", "needs_review"),
    [
        ({}, False),
        ({"title": None}, True),
        ({"headline": 0.29}, True),
        ({"headline": 0.3}, False),
        ({"lead": False}, True),
        ({"unresolved": ("朝阳",)}, True),
        ({"title": None, "headline": 0.0, "continued_from_page": 1}, False),
        ({"title": None, "continued_from_page": 1, "lead": False}, True),
    ],
)
def test_article_needs_review_when_headline_lead_or_places_are_doubtful(
    changes: dict[str, Any], needs_review: bool
) -> None:
    assert ingest.article_needs_review(_article(**changes)) is needs_review


@pytest.mark.django_db
def test_needs_review_is_stored_per_article() -> None:
    _store(_page(_article(1), _article(2, lead=False)))

    assert dict(models.Article.objects.values_list("position", "needs_review")) == {1: False, 2: True}


@pytest.mark.django_db
def test_stored_article_serializes_to_the_engine_json_plus_its_id() -> None:
    articles = (
        _article(1, kicker="引题", region="江苏", places=("南京", "江苏")),
        _article(2, title=None, dateline=values.Dateline(None, None, "本报"), bylines=()),
        _article(3, dateline=None, unresolved=("朝阳",), continued_from_page=1),
    )
    articles += (dataclasses.replace(_article(4), labels=("记者手记",), continued_to_page=3),)

    _store(_page(*articles))

    stored = models.Article.objects.in_print_order().with_details()
    for row, article in zip(stored, articles, strict=True):
        assert row.to_json() == {"id": row.pk} | article.to_json() | UNLINKED


@pytest.mark.django_db
def test_region_and_places_link_to_gazetteer_places_with_their_parents() -> None:
    _store(_page(_article(1, region="江苏省", places=("南京市", "南京市", "无此地名"))))

    article = models.Article.objects.select_related("region").get()
    assert (article.region.name, article.region.level, article.region.code) == (
        "江苏省",
        "province",
        "320000",
    )
    (nanjing,) = article.places.all()
    assert (nanjing.name, nanjing.level, nanjing.code, nanjing.parent) == (
        "南京市",
        "city",
        "320100",
        article.region,
    )
    assert article.place_names == ["南京市", "南京市", "无此地名"]


@pytest.mark.django_db
def test_a_place_name_several_divisions_share_is_settled_by_the_region_or_left_unlinked() -> None:
    _store(
        _page(
            _article(1, region="北京市", places=("朝阳区",)),
            _article(2, region=None, places=("朝阳区",)),
        )
    )

    linked = dict(models.Article.objects.values_list("position", "places__code"))
    assert linked == {1: "110105", 2: None}
    assert models.Place.objects.get(code="110105").parent.name == "北京市"


@pytest.mark.django_db
def test_seed_page_ingests_end_to_end_as_the_engine_reconstructs_it() -> None:
    data = SEED.read_bytes()
    engine = reconstruct_page(data)

    result = ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=data, source_name=SEED.name)

    assert result.status == ingest.CREATED
    assert result.article_count == len(engine.articles) > 0
    stored = models.Article.objects.in_print_order().with_details()
    assert [a.to_json() for a in stored] == [
        {"id": a.pk} | e.to_json() | UNLINKED for a, e in zip(stored, engine.articles, strict=True)
    ]
    assert models.Page.objects.get().reconstructed_json["source"] == SEED.name

    again = ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=data, source_name=SEED.name)
    assert again.status == ingest.UNCHANGED


@pytest.mark.django_db
def test_rows_get_their_ids_in_the_pages_order() -> None:
    ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=SEED.read_bytes(), source_name=SEED.name)

    articles = list(models.Article.objects.order_by("pk").values_list("position", flat=True))
    paragraphs = list(models.Paragraph.objects.order_by("pk").values_list("article__position", "position"))
    bylines = list(models.Byline.objects.order_by("pk").values_list("article__position", "order"))
    assert articles == sorted(articles) and len(articles) == 11
    assert paragraphs == sorted(paragraphs) and len(paragraphs) > 11
    assert bylines == sorted(bylines) and bylines


@pytest.mark.django_db
def test_a_stored_page_is_news_to_the_public_pages_at_once() -> None:
    before = pagecache.content_version()
    ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=SEED.read_bytes(), source_name=SEED.name)
    assert pagecache.content_version() != before


# -- Batches -----------------------------------------------------------------------------------------


def _outcome(results: Any) -> list[str]:
    return [r.status if isinstance(r, ingest.IngestResult) else type(r).__name__ for _job, r in results]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("workers", [1, 2])
def test_a_batch_reports_each_file_in_order_and_stores_the_good_ones(tmp_path: Path, workers: int) -> None:
    data = SEED.read_bytes()
    for day in range(1, 6):
        (tmp_path / f"fazhi_2025-02-0{day}_02.txt").write_bytes(data)
    (tmp_path / "fazhi_2025-02-03_02.txt").write_bytes(b"")  # a bad file amid the batch
    ingest.page_ingest(
        paper=PAPER,
        date=datetime.date(2025, 2, 1),
        number=2,
        data=data,
        source_name="fazhi_2025-02-01_02.txt",
    )
    jobs: list[ingest.PageJob | PageError] = [
        ingest.PageJob(path.name, path, PAPER, datetime.date(2025, 2, int(path.name[15])), 2, path.name)
        for path in sorted(tmp_path.iterdir())
    ]
    jobs.insert(2, PageError("文件名里没有出版日期"))
    jobs.append(ingest.PageJob("gone", tmp_path / "gone.txt", PAPER, DATE, 2, "gone.txt"))

    outcome = _outcome(ingest.pages_ingest(jobs=jobs, workers=workers))

    assert outcome == [
        ingest.UNCHANGED,
        ingest.CREATED,
        "PageError",
        "PageError",
        ingest.CREATED,
        ingest.CREATED,
        "PageError",
    ]
    assert models.Page.objects.count() == 4
    assert models.Article.objects.count() == 4 * 11


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_the_database_refuses_in_a_batch_leaves_no_row_and_the_batch_goes_on(
    tmp_path: Path, workers: int
) -> None:
    path = tmp_path / "fazhi_2025-02-01_02.txt"
    path.write_bytes(SEED.read_bytes())
    refused = datetime.date(2025, 2, 1)
    jobs = [
        ingest.PageJob("first", path, PAPER, refused, 2, "x" * 300),  # longer than a source name may be
        ingest.PageJob("second", path, PAPER, datetime.date(2025, 2, 2), 2, path.name),
    ]

    outcome = _outcome(ingest.pages_ingest(jobs=jobs, workers=workers))

    assert outcome == ["DataError", ingest.CREATED]
    # The refused page's issue was written before it, in its transaction: gone with it.
    assert not models.Issue.objects.filter(date=refused).exists()
    assert list(models.Page.objects.values_list("issue__date", flat=True)) == [datetime.date(2025, 2, 2)]
    assert models.Article.objects.count() == 11


@pytest.mark.parametrize(
    ("path", "parsed"),
    [
        ("in/fazhi_2025-01-24_02.txt", ("2025-01-24", "02")),
        ("in/2025-01-24/02.txt", ("2025-01-24", "02")),
        ("in/fazhi_2025-02-30_2.txt", ("2025-02-30", "2")),
        ("in/fazhi.txt", (None, None)),
        ("in/02.txt", (None, None)),
    ],
)
def test_page_name_parse_reads_date_and_number_from_both_layouts(
    path: str, parsed: tuple[str | None, str | None]
) -> None:
    assert ingest.page_name_parse(path=Path(path)) == parsed


def test_issue_date_parse_refuses_a_day_the_calendar_lacks() -> None:
    with pytest.raises(PageError, match=r"^2025-02-30 不是日期（应为 YYYY-MM-DD）$"):
        ingest.issue_date_parse("2025-02-30")
