"""The search index: each article's vector holds its headline's words (weight A) and its text's (B), as
jieba cuts them, and the pieces inside them (C, D); a story over several pages is found by the words of all
its parts."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from articles import ingest, models, search
from articles.search import search_text_for, search_words_for

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"
PAPER = "法治日报"
DATE = datetime.date(2025, 1, 24)
# The vector of an article's search texts (title, body), written out in SQL: what the index must hold.
VECTOR_SQL = "(%s::tsvector || %s::tsvector)::text"

pytestmark = pytest.mark.django_db


def _seed() -> None:
    ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=SEED.read_bytes(), source_name=SEED.name)


def _headline(article: models.Article) -> list[str]:
    return [t for t in (article.kicker, article.title, article.subtitle) if t]


def _texts(article: models.Article) -> str:
    return "\n".join(article.paragraphs.order_by("position").values_list("text", flat=True))


def _holds(article: models.Article, *, title: str, body: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {VECTOR_SQL} = search_vector::text FROM articles_article WHERE id = %s",
            [title, body, article.pk],
        )
        return cursor.fetchone()[0]


def _found(article: models.Article, word: str) -> bool:
    query = SearchQuery(word, config="simple")
    return models.Article.objects.filter(pk=article.pk, search_vector=query).exists()


def test_ingested_vectors_hold_the_headline_words_as_a_and_the_text_words_as_b() -> None:
    _seed()

    stored = models.Article.objects.order_by("position")
    assert stored.count() == 11
    for article in stored:
        title, body = search_text_for(title_parts=_headline(article), body=_texts(article))
        assert _holds(article, title=title, body=body), article.title


def test_words_postgresqls_parser_would_split_are_indexed_as_jieba_cuts_them() -> None:
    _seed()
    article = models.Article.objects.order_by("position").first()
    title, body = search_text_for(title_parts=["COVID-19 疫情"], body="增长84%，达到1.5e3。it's a.b")
    models.Article.objects.filter(pk=article.pk).update(title="COVID-19 疫情", kicker="", subtitle="")
    models.Paragraph.objects.filter(article=article).delete()
    models.Paragraph.objects.create(
        article=article,
        position=1,
        kind="body",
        text="增长84%，达到1.5e3。it's a.b",
        line_start=1,
        line_end=1,
    )
    article.refresh_from_db()

    search.article_search_refresh(article=article)

    assert _holds(article, title=title, body=body)
    assert _found(article, "covid") and _found(article, "疫情") and _found(article, "84")


# -- A story over several pages ----------------------------------------------------------------------


def test_a_storys_vector_holds_the_words_of_the_parts_that_continue_it() -> None:
    _seed()
    head, part, other = models.Article.objects.order_by("position")[:3]
    texts = {a.pk: _texts(a) for a in (head, part, other)}
    head_words = set(sum(search_words_for(title_parts=_headline(head), body=texts[head.pk]), []))
    word = next(w for w in search_words_for(title_parts=[], body=texts[part.pk])[1] if w not in head_words)
    assert not _found(head, word)

    part.continues = head
    part.save(update_fields=["continues"])
    other.continues = part  # a third part, continuing the second
    other.save(update_fields=["continues"])
    search.article_search_refresh(article=head)

    assert _found(head, word)
    # The head's text, then its parts' in page order.
    title, body = search_text_for(
        title_parts=_headline(head), body="\n".join(texts[a.pk] for a in (head, part, other))
    )
    assert _holds(head, title=title, body=body)

    part.continues = None
    part.save(update_fields=["continues"])
    search.article_search_refresh(article=head)
    assert not _found(head, word)


def test_a_merged_part_is_not_read_into_the_story() -> None:
    _seed()
    head, part = models.Article.objects.order_by("position")[:2]
    before = head.search_vector
    part.continues, part.merged_into = head, head
    part.save(update_fields=["continues", "merged_into"])

    search.article_search_refresh(article=head)

    head.refresh_from_db()
    assert head.search_vector == before
