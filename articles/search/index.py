"""The search index: the words an article is found by, and its search vector.

Chinese has no spaces between words, so each article is cut into words with jieba, and PostgreSQL's
'simple' configuration indexes those words, space-separated: the headline's with weight A, the text's with
B (GIN index). Ingest makes the vector of each new article; corrections and jump links remake a story's
(article_search_refresh) from the text of all its parts, so a story is found by words on any of its pages.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import CombinedSearchVector, SearchVector
from django.db import connection
from django.db.models import Value

from articles import models
from articles.reconstruct.segment import cut

WORDLIKE = re.compile(r"[^\W_]")  # a token with a letter, digit or hanzi in it: 政法, 2025; not ，or


def search_tokens(text: str) -> list[str]:
    """Words of text for the index: jieba tokens without spaces and punctuation, ASCII lowercased.

    >>> search_tokens("江苏省委政法工作会议，今天召开。COVID")
    ['江苏省委', '政法', '工作', '会议', '今天', '召开', 'covid']
    """
    return [token.lower() for token in cut(text) if WORDLIKE.search(token)]


def search_text_for(*, title_parts: list[str], body: str) -> tuple[str, str]:
    """The title and body search texts of an article: segmented words joined by spaces, no punctuation
    (under the embedded server's C locale PostgreSQL's parser would index `，` as a word)."""
    title, body_words = search_words_for(title_parts=title_parts, body=body)
    return " ".join(title), " ".join(body_words)


def search_words_for(*, title_parts: list[str], body: str) -> tuple[list[str], list[str]]:
    """The words of search_text_for, as lists: what the search vector is made of."""
    return _index_words(" ".join(part for part in title_parts if part)), _index_words(body)


def _index_words(text: str) -> list[str]:
    return list(filter(None, map(_WORDS.__getitem__, cut(text))))


class _Words(dict[str, str]):
    """Token -> the word indexed for it (lowercased), or "" for a token that is no word: punctuation,
    spaces. A page has a few thousand tokens but a few hundred distinct ones, so each is judged once."""

    def __missing__(self, token: str) -> str:
        keep = token not in PUNCTUATION and (token[0].isalnum() or WORDLIKE.search(token))
        word = token.lower() if keep else ""
        if len(self) < 200_000:  # the dictionary's words and then some; never without bound
            self[token] = word
        return word


_WORDS = _Words()

PUNCTUATION = frozenset(" \u3000，。、；：？！“”‘’（）《》〈〉【】「」『』…—－-·,.;:?!'\"()[]<>/")


def search_vector_of(*, title: str, body: str) -> CombinedSearchVector:
    """The search vector of an article's search texts (search_text_for), made by PostgreSQL: the title's
    words weigh A, the body's B, each a word of the 'simple' configuration, as jieba cut it."""
    return SearchVector(Value(title), config=SEARCH_CONFIG, weight="A") + SearchVector(
        Value(body), config=SEARCH_CONFIG, weight="B"
    )


SEARCH_CONFIG = "simple"  # words as they are (lowercased): jieba has already cut them


def article_search_refresh(*, article: models.Article) -> None:
    """Recompute an article's search vector from its headline and paragraphs and those of the parts that
    continue it on later pages (live articles whose `continues` is it, and theirs, in page order), so that
    a story is found by words on any of its pages; for corrections and jump links."""
    with connection.cursor() as cursor:
        cursor.execute(_STORY_TEXTS, [article.pk, models.MAX_STORY_PARTS])
        texts = [text for (text,) in cursor.fetchall()]
    title, body = search_text_for(
        title_parts=[t for t in (article.kicker, article.title, article.subtitle) if t], body="\n".join(texts)
    )
    models.Article.objects.filter(pk=article.pk).update(
        search_vector=search_vector_of(title=title, body=body)
    )


_ARTICLE = models.Article._meta.db_table
_STORY_TEXTS = f"""
    WITH RECURSIVE part(id, depth, path) AS (
        SELECT id, 0, ARRAY[id] FROM {_ARTICLE} WHERE id = %s
        UNION ALL
        SELECT a.id, part.depth + 1, part.path || a.id
        FROM part JOIN {_ARTICLE} a ON a.continues_id = part.id
        WHERE a.merged_into_id IS NULL AND a.id <> ALL(part.path) AND part.depth < %s
    )
    SELECT t.text
    FROM part
    JOIN {_ARTICLE} a ON a.id = part.id
    JOIN {models.Page._meta.db_table} p ON p.id = a.page_id
    JOIN {models.Paragraph._meta.db_table} t ON t.article_id = part.id
    ORDER BY part.depth > 0, p.number, a.position, t.position
"""  # the story's paragraphs: the article's own first, then its parts' in page order
