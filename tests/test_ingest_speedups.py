"""Ingest's fast paths: search vectors made in Python, one statement a page, a story's search vector over its
parts, batches whose stored pages are looked up together. Each must store what the slow way stored."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from articles import ingest, models, pagecache
from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.values import PageError
from articles.search import search_text_for, search_vector_binary, search_words_for

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
SEED = PAGES / "fazhi_2025-01-24_02.txt"
PAPER = "法治日报"
DATE = datetime.date(2025, 1, 24)
VECTOR_SQL = "(setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B'))::text"


def _postgresql_vector(title: list[str], body: list[str]) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {VECTOR_SQL}", [" ".join(title), " ".join(body)])
        return cursor.fetchone()[0]


def _python_vector(title: list[str], body: list[str]) -> str | None:
    vector = search_vector_binary(title, body)
    if vector is None:
        return None
    with ingest._cursor() as cursor:
        cursor.execute("SELECT %b::tsvector::text", [ingest._TsVector(vector)])
        return cursor.fetchone()[0]


def _fixture_articles() -> list[tuple[list[str], list[str]]]:
    words = []
    for path in sorted(PAGES.glob("*.txt")):
        try:
            page = reconstruct_page(path.read_bytes())
        except PageError:
            continue
        for article in page.articles:
            parts = [t for t in (article.kicker, article.title, article.subtitle) if t]
            words.append(search_words_for(title_parts=parts, body=article.text))
    return words


@pytest.mark.django_db
def test_every_fixture_articles_vector_made_in_python_is_postgresqls_own() -> None:
    articles = _fixture_articles()
    made = 0
    for title, body in articles:
        vector = _python_vector(title, body)
        if vector is not None:
            made += 1
            assert vector == _postgresql_vector(title, body)
    assert made >= 0.9 * len(articles) > 0  # PostgreSQL is left only the odd article


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        ["政法", "会议", "政法"],
        ["84%", "99.16%", "72.9", "12.50", "0.5%"],  # numbers as PostgreSQL's parser reads them
        ["5g网络", "x86", "1e5", "mp3", "007", "covid"],
        ["0x1f", "1st", "e2e", "1e", "1.5e3", "abc123", "123abc456", "3d打印", "a" * 150, "7" * 60],
        ["covid-19", "a.b", "ａｂ", "1.2.3", "it's", "a_b"],  # not known here: left to PostgreSQL
        ["信用"] * 300,  # more positions than PostgreSQL keeps
        [],
    ],
)
def test_a_vector_made_in_python_is_postgresqls_or_none(body: list[str]) -> None:
    title = ["信用", "修复"]
    vector = _python_vector(title, body)
    assert vector is None or vector == _postgresql_vector(title, body)


def test_words_postgresql_would_read_otherwise_leave_the_vector_to_it() -> None:
    assert search_vector_binary([], ["covid-19"]) is None
    assert search_vector_binary([], ["ａｂ"]) is None
    assert search_vector_binary([], ["信用"] * 300) is None
    assert search_vector_binary(["信用"], ["84%"]) is not None


@pytest.mark.django_db
def test_ingested_vectors_are_those_of_the_articles_search_texts() -> None:
    ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=SEED.read_bytes(), source_name=SEED.name)

    stored = models.Article.objects.order_by("position")
    assert stored.count() == 11
    for article in stored:
        texts = (
            models.Paragraph.objects.filter(article=article)
            .order_by("position")
            .values_list("text", flat=True)
        )
        title, body = search_text_for(
            title_parts=[t for t in (article.kicker, article.title, article.subtitle) if t],
            body="\n".join(texts),
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {VECTOR_SQL} = %s::tsvector::text", [title, body, article.search_vector])
            assert cursor.fetchone()[0], article.title


@pytest.mark.django_db
def test_an_article_postgresql_makes_the_vector_of_is_found_by_its_words() -> None:
    page = reconstruct_page(SEED.read_bytes(), source=SEED.name)
    prepared = ingest.PreparedPage.of(page)
    # As if no article's words were known here: every vector is left to PostgreSQL, from the search texts.
    texts = tuple(search_text_for(title_parts=ingest._title_parts(a), body=a.text) for a in page.articles)
    fallback = dataclasses.replace(
        prepared, articles=ingest._articles_json(page, texts), vectors=(None,) * len(texts)
    )
    ingest.page_store(paper=PAPER, date=DATE, number=2, data=b"v1", source_name=SEED.name, reconstructed=page)
    made_here = dict(models.Article.objects.values_list("position", "search_vector"))
    models.Page.objects.all().delete()

    with ingest.transaction.atomic():
        ingest._page_store(
            stored=None,
            paper=PAPER,
            date=DATE,
            number=2,
            data=b"v1",
            source_name=SEED.name,
            prepared=fallback,
            cache=ingest.IngestCache(),
        )

    assert dict(models.Article.objects.values_list("position", "search_vector")) == made_here


# -- A story over several pages ----------------------------------------------------------------------


def _found(article: models.Article, word: str) -> bool:
    query = SearchQuery(word, config="simple")
    return models.Article.objects.filter(pk=article.pk, search_vector=query).exists()


@pytest.mark.django_db
def test_a_storys_vector_holds_the_words_of_the_parts_that_continue_it() -> None:
    ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=SEED.read_bytes(), source_name=SEED.name)
    head, part, other = models.Article.objects.order_by("position")[:3]
    texts = {
        a.pk: "\n".join(a.paragraphs.order_by("position").values_list("text", flat=True))
        for a in (head, part, other)
    }
    head_words = set(sum(search_words_for(title_parts=ingest._title_parts(head), body=texts[head.pk]), []))
    word = next(w for w in search_words_for(title_parts=[], body=texts[part.pk])[1] if w not in head_words)
    assert not _found(head, word)

    part.continues = head
    part.save(update_fields=["continues"])
    other.continues = part  # a third part, continuing the second
    other.save(update_fields=["continues"])
    ingest.article_search_refresh(article=head)

    assert _found(head, word)
    # The head's text, then its parts' in page order.
    body_text = "\n".join(texts[a.pk] for a in (head, part, other))
    title, body = search_text_for(title_parts=ingest._title_parts(head), body=body_text)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {VECTOR_SQL} = search_vector::text FROM articles_article WHERE id = %s",
            [title, body, head.pk],
        )
        assert cursor.fetchone()[0]

    part.continues = None
    part.save(update_fields=["continues"])
    ingest.article_search_refresh(article=head)
    assert not _found(head, word)


@pytest.mark.django_db
def test_a_merged_part_is_not_read_into_the_story() -> None:
    ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=SEED.read_bytes(), source_name=SEED.name)
    head, part = models.Article.objects.order_by("position")[:2]
    before = head.search_vector
    part.continues, part.merged_into = head, head
    part.save(update_fields=["continues", "merged_into"])

    ingest.article_search_refresh(article=head)

    head.refresh_from_db()
    assert head.search_vector == before


# -- Batches -----------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_batch_checks_stored_pages_together_and_reports_each_file(tmp_path: Path) -> None:
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
    jobs.insert(2, PageError("no date in the file name"))
    jobs.append(ingest.PageJob("gone", tmp_path / "gone.txt", PAPER, DATE, 2, "gone.txt"))

    outcome = [
        result.status if isinstance(result, ingest.IngestResult) else type(result).__name__
        for _job, result in ingest.pages_ingest(jobs=jobs, workers=2)
    ]

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


@pytest.mark.django_db
def test_a_stored_page_is_news_to_the_public_pages_at_once() -> None:
    before = pagecache.content_version()
    ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=SEED.read_bytes(), source_name=SEED.name)
    assert pagecache.content_version() != before


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "status"), [(b"v1", ingest.UNCHANGED), (b"v2", ingest.REPLACED)])
def test_a_page_stored_since_the_batch_looked_is_stored_the_usual_way(data: bytes, status: str) -> None:
    page = reconstruct_page(SEED.read_bytes(), source=SEED.name)
    ingest.page_store(paper=PAPER, date=DATE, number=2, data=b"v1", source_name=SEED.name, reconstructed=page)
    stored = models.Page.objects.get()
    job = ingest.PageJob("seed", SEED, PAPER, DATE, 2, SEED.name)

    result = ingest._job_store(
        job, data=data, prepared=ingest.PreparedPage.of(page), cache=ingest.IngestCache(), absent=True
    )

    assert result.status == status
    assert models.Page.objects.get().pk == stored.pk
    assert models.Article.objects.count() == 11
    assert models.PageVersion.objects.count() == (status == ingest.REPLACED)


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
@pytest.mark.parametrize(("replace", "issue_known"), [(False, False), (False, True), (True, False)])
def test_the_page_statement_is_short_enough_for_psycopg_to_convert_it_once(
    replace: bool, issue_known: bool
) -> None:
    from psycopg import _queries

    sql = ingest._page_sql(replace=replace, issue_known=issue_known, if_absent=not replace)
    assert len(sql) <= _queries.MAX_CACHED_STATEMENT_LENGTH
