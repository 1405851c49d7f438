"""The search index: the words an article is found by, and its search vector.

Chinese has no spaces between words, so each article is cut into words with jieba. A reader's word may sit
inside a longer one (检察 in 检察院, 中央 in 党中央), so besides each word the vector holds the dictionary
words inside it and each of its hanzi: every hanzi of the text is a lexeme, and any run of them can be
found as a phrase. Positions are character offsets, so a phrase of pieces (2025 then 年 four characters
on) means those characters side by side. Weights: a word as jieba cut it is A in the headline, B in the
text; a piece inside a word is C in the headline, D in the text, so exact words rank above pieces
(ArticleQuerySet.SEARCH_WEIGHTS) and headlines above text.

Python writes the vector out (tsvector input syntax) and PostgreSQL only casts it: its parser would cut
the words again its own way. Ingest makes the vector of each new article; corrections and jump links remake
a story's (article_search_refresh) from the text of all its parts, so a story is found by words on any of its
pages; search_reindex remakes every vector (migration 0013 and `manage.py search_reindex`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

from django.contrib.postgres.search import SearchVectorField
from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from articles import models
from articles.reconstruct.segment import cut, cut_all

WORDLIKE = re.compile(r"[^\W_]")  # a token with a letter, digit or hanzi in it: 政法, 2025; not ，or
HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # 检: a character indexed on its own
HANZI_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")  # 检察院依法
# Blanks but between two Latin letters or digits: a page dump's 1 . 8亿 and 王 闽 are 1.8亿 and 王闽.
BLANKS = re.compile(r"(?<![0-9A-Za-z])[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+(?![0-9A-Za-z])")
LATIN_PARTS = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")  # covid and 19 in covid-19, 84 in 84%, 1.5 in 1.5%
MAX_POSITION = 16383  # PostgreSQL's largest position: later characters all count as there
MAX_POSITIONS = 256  # PostgreSQL keeps at most this many positions of a lexeme
MAX_WORD = 200  # longer tokens (a run of digits or letters) are not words anyone looks for


def search_tokens(text: str) -> list[str]:
    """Words of text as jieba cuts them: no spaces and punctuation, ASCII lowercased.

    >>> search_tokens("江苏省委政法工作会议，今天召开。COVID")
    ['江苏省委', '政法', '工作', '会议', '今天', '召开', 'covid']
    """
    return [token.lower() for token in cut(text) if WORDLIKE.search(token)]


def search_text_for(*, title_parts: list[str], body: str) -> tuple[str, str]:
    """The title's and the body's search vectors, written out as tsvector input (search_vector_of casts
    them): each word at its character offset, with the dictionary words and hanzi inside it.

    >>> search_text_for(title_parts=["检察院"], body="")
    ("'察':2C '察院':2C '检':1C '检察':1C '检察院':1A '院':3C", '')
    """
    title, body = (
        _vector_text("\n".join(part for part in title_parts if part), exact="A", piece="C"),
        _vector_text(body, exact="B", piece="D"),
    )
    return title, body


def search_words_for(*, title_parts: list[str], body: str) -> tuple[list[str], list[str]]:
    """The words of an article's headline and text as jieba cut them (not their pieces)."""
    return _index_words(" ".join(part for part in title_parts if part)), _index_words(body)


def _index_words(text: str) -> list[str]:
    return list(filter(None, map(_WORDS.__getitem__, cut(text))))


def _vector_text(text: str, *, exact: str, piece: str) -> str:
    text = BLANKS.sub("", text)
    words: dict[str, list[int]] = {}  # word as jieba cut it -> its positions
    pieces: dict[str, list[int]] = {}  # hanzi and dictionary words inside or across them -> positions
    token_at: dict[int, str] = {}  # index in text -> the word jieba cut there
    skips: tuple[list[int], list[int]] = ([], [])  # index in text, characters skipped before it
    at, index, skipped = 1, 0, 0
    for token in cut(text):
        word = _WORDS[token]
        if word:
            words.setdefault(word, []).append(at)
            token_at[index] = word
            if not HANZI.search(word):
                for part in LATIN_PARTS.finditer(word):
                    if part.group() != word:
                        pieces.setdefault(part.group(), []).append(at + part.start())
        index += len(token)
        if "\n" in token or not token.isspace():  # words a space apart are side by side; paragraphs not
            at += len(token)
        else:
            skipped += len(token)
            skips[0].append(index)
            skips[1].append(skipped)
    _pieces_add(pieces, text, token_at, skips)
    entries = []
    for word in sorted(words.keys() | pieces.keys()):
        own, inside = words.get(word), pieces.get(word)
        if own and inside:
            marks = ",".join(
                f"{a}{w}" for a, w in sorted([(a, exact) for a in own] + [(a, piece) for a in inside])
            )
        elif own:
            marks = ",".join(f"{a}{exact}" for a in own[:MAX_POSITIONS])
        else:
            marks = ",".join(f"{a}{piece}" for a in inside[:MAX_POSITIONS])  # type: ignore[index]
        entries.append(f"{_lexeme(word)}:{marks}")
    vector = " ".join(entries)
    return _clamped(vector) if at > MAX_POSITION or len(text) > MAX_POSITION else vector


def _clamped(vector: str) -> str:
    """A vector written out with positions beyond MAX_POSITION set to it, and at most MAX_POSITIONS of
    each lexeme (a story of more than 16,383 characters)."""
    entries = []
    for entry in POSITIONED.finditer(vector):
        marks = dict.fromkeys(
            f"{min(int(n), MAX_POSITION)}{w}" for n, w in MARK.findall(entry.group("marks"))
        )
        entries.append(f"{entry.group('lexeme')}:{','.join(list(marks)[:MAX_POSITIONS])}")
    return " ".join(entries)


POSITIONED = re.compile(r"(?P<lexeme>'(?:[^']|'')*'):(?P<marks>\S+)")  # '检察':1C,9D
MARK = re.compile(r"(\d+)([A-D]?)")  # 9D


def _pieces_add(
    pieces: dict[str, list[int]], text: str, token_at: dict[int, str], skips: tuple[list[int], list[int]]
) -> None:
    """Every hanzi of the text and every dictionary word in it, wherever it starts (jieba may cut 人民和
    as 人民 / 和, but 民和 is in it too), at its position, unless it is the word jieba cut there."""

    def position(index: int) -> int:
        if not skips[0]:
            return index + 1
        before = bisect.bisect_right(skips[0], index)  # blanks between Latin words take no position
        return index + 1 - (skips[1][before - 1] if before else 0)

    for run in HANZI_RUN.finditer(text):
        start = run.start()
        at = position(start)
        for n, char in enumerate(run.group()):
            if token_at.get(start + n) != char:
                pieces.setdefault(char, []).append(at + n)
    pointer = 0
    for word in cut_all(text):
        if len(word) < 2:
            continue
        start = text.find(word, pointer)  # full mode gives words in order of where they start
        if start < 0:
            continue
        pointer = start
        if HANZI.match(word):
            word = word.lower()
            if token_at.get(start) != word:
                pieces.setdefault(word, []).append(position(start))


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


class _Words(dict[str, str]):
    """Token -> the word indexed for it (lowercased), or "" for a token that is no word: punctuation,
    spaces. A page has a few thousand tokens but a few hundred distinct ones, so each is judged once."""

    def __missing__(self, token: str) -> str:
        keep = (
            token not in PUNCTUATION
            and len(token) <= MAX_WORD
            and (token[0].isalnum() or WORDLIKE.search(token))
        )
        word = token.lower() if keep else ""
        if len(self) < 200_000:  # the dictionary's words and then some; never without bound
            self[token] = word
        return word


_WORDS = _Words()

PUNCTUATION = frozenset(" \u3000，。、；：？！“”‘’（）《》〈〉【】「」『』…—－-·,.;:?!'\"()[]<>/")


def search_vector_of(*, title: str, body: str) -> RawSQL:
    """The search vector of an article's search texts (search_text_for): cast by PostgreSQL, the body's
    positions after the title's."""
    return RawSQL("(%s::tsvector || %s::tsvector)", (title, body), output_field=SearchVectorField())


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


def search_reindex(*, batch: int = 500, progress: Callable[[int, int], None] | None = None) -> int:
    """Remake every article's search vector as ingest and jump links make it: its own text, then the
    stories continued on later pages from all their parts. Returns how many articles were remade."""
    ids = list(models.Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        _own_vectors_write(ids[start : start + batch])
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    heads = (
        models.Article.objects.filter(
            merged_into__isnull=True,
            pk__in=models.Article.objects.filter(merged_into__isnull=True, continues__isnull=False).values(
                "continues_id"
            ),
        )
        .order_by("pk")
        .only("pk", "kicker", "title", "subtitle")
    )
    for head in heads.iterator(chunk_size=batch):
        article_search_refresh(article=head)
    return len(ids)


@transaction.atomic
def _own_vectors_write(ids: Iterable[int]) -> None:
    ids = list(ids)
    texts: dict[int, list[str]] = {pk: [] for pk in ids}
    paragraphs = models.Paragraph.objects.filter(article_id__in=ids).order_by("article_id", "position")
    for article_id, text in paragraphs.values_list("article_id", "text"):
        texts[article_id].append(text)
    rows = []
    for pk, kicker, title, subtitle in models.Article.objects.filter(pk__in=ids).values_list(
        "pk", "kicker", "title", "subtitle"
    ):
        head, body = search_text_for(
            title_parts=[t for t in (kicker, title, subtitle) if t], body="\n".join(texts[pk])
        )
        rows.append((head, body, pk))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {_ARTICLE} SET search_vector = (%s::tsvector || %s::tsvector) WHERE id = %s", rows
        )
