"""The search index: each article's vector holds its headline's words (weight A) and its text's (B), as
jieba cuts them, and the pieces inside them (C, D); a story over several pages is found by the words of all
its parts."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from articles import ingest, models, search
from articles.search import search_text_for, search_vector_text, search_words_for

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


def _postgresql(sql: str, *params: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", params)
        return cursor.fetchone()[0]


def test_an_articles_vector_is_written_as_postgresql_joins_its_headlines_and_its_texts() -> None:
    _seed()

    for article in models.Article.objects.order_by("position"):
        headline, text = _headline(article), _texts(article)
        written = search_vector_text(title_parts=headline, body=text)
        title, body = search_text_for(title_parts=headline, body=text)
        assert written == _postgresql("(%s::tsvector || %s::tsvector)::text", title, body), article.title
        assert written == _postgresql("search_vector::text FROM articles_article WHERE id = %s", article.pk)


def test_the_headlines_words_weigh_a_the_texts_b_and_every_hanzi_is_found() -> None:
    _seed()

    for article in models.Article.objects.order_by("position"):
        headline, text = _headline(article), _texts(article)
        vector = search_vector_text(title_parts=headline, body=text)
        title_words, body_words = search_words_for(title_parts=headline, body=text)
        # Each word as jieba cut it, at each place it was cut; the pieces inside (C, D) at others.
        assert _weighted(vector, "A") == Counter(title_words), article.title
        assert _weighted(vector, "B") == Counter(body_words), article.title
        hanzi = set(re.findall(r"[\u4e00-\u9fff]", text))
        assert hanzi <= _weighted(vector, "D").keys() | set(body_words), article.title


def _weighted(vector: str, weight: str) -> Counter[str]:
    """How many positions of this weight each lexeme of the vector has."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme, count(*) FROM unnest(%s::tsvector) v, unnest(v.weights) w WHERE w = %s GROUP BY 1",
            [vector, weight],
        )
        return Counter(dict(cursor.fetchall()))


def test_a_dictionary_word_found_twice_at_one_place_is_written_there_once() -> None:
    # Full mode finds 中央 in 越共中央 and again before 中央军委: both are read at the first place.
    written = search_vector_text(title_parts=[], body="越共中央、中央军委")

    assert written == _postgresql("%s::tsvector::text", written)


def test_a_word_keeps_the_first_256_of_its_positions_as_postgresql_does() -> None:
    every = "'的':" + ",".join(f"{n}B" for n in range(1, 600, 2))  # 的，的，… : 的 at 1, 3, 5, …

    assert search_vector_text(title_parts=[], body="的，" * 300) == _postgresql("%s::tsvector::text", every)
    title, body = search_text_for(title_parts=["的"] * 3, body="的，" * 300)
    assert search_vector_text(title_parts=["的"] * 3, body="的，" * 300) == _postgresql(
        "(%s::tsvector || %s::tsvector)::text", title, body
    )


def test_positions_past_postgresqls_last_count_once_there() -> None:
    body = "检察院" + "。" * 17_000 + "检察院。检察院"  # 检察院 at 1, 17,004 and 17,008

    assert "'检察院':1B,16383B " in search_vector_text(title_parts=[], body=body)
    title, text = search_text_for(title_parts=["检察院工作"], body=body)
    assert search_vector_text(title_parts=["检察院工作"], body=body) == _postgresql(
        "(%s::tsvector || %s::tsvector)::text", title, text
    )


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
