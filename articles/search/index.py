"""The search index: the words an article is found by, and its search vector.

Chinese has no spaces between words, so each article is cut into words with jieba. A reader's word may sit
inside a longer one (检察 in 检察院, 中央 in 党中央), so besides each word the vector holds the dictionary
words inside it and each of its hanzi: every hanzi of the text is a lexeme, and any run of them can be
found as a phrase. Positions are character offsets, so a phrase of pieces (2025 then 年 four characters
on) means those characters side by side. Weights: a word as jieba cut it is A in the headline, B in the
text; a piece inside a word is C in the headline, D in the text, so exact words rank above pieces
(ArticleQuerySet.SEARCH_WEIGHTS) and headlines above text.

Python writes the vector out as PostgreSQL writes a tsvector, and PostgreSQL only reads it in: its parser
would cut the words again its own way. Ingest makes the vector of each new article; corrections and jump links remake
a story's (article_search_refresh) from the text of all its parts, so a story is found by words on any of its
pages; search_reindex remakes every vector (migration 0013 and `manage.py search_reindex`).
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.db import connection, transaction

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

_T = TypeVar("_T")


def search_tokens(text: str) -> list[str]:
    """Words of text as jieba cuts them: no spaces and punctuation, ASCII lowercased.

    >>> search_tokens("江苏省委政法工作会议，今天召开。COVID")
    ['江苏省委', '政法', '工作', '会议', '今天', '召开', 'covid']
    """
    return [token.lower() for token in cut(text) if WORDLIKE.search(token)]


def search_vector_text(*, title_parts: list[str], body: str) -> str:
    """An article's search vector, written out as PostgreSQL writes a tsvector (the writer stores it as it
    is): the headline's words and pieces, then the text's at positions after the headline's last (as `||`
    joins two vectors), each at its character offset.

    >>> search_vector_text(title_parts=["检察院"], body="检察")
    "'察':2C,5 '察院':2C '检':1C,4 '检察':1C,4B '检察院':1A '院':3C"
    """
    title = _Lexemes.of("\n".join(part for part in title_parts if part), exact="A", piece="C")
    text = _Lexemes.of(body, exact="B", piece="", after=title.last())
    if max(title.highest, text.highest) > MAX_POSITION:  # a story of over 16,383 characters
        words = title.words.keys() | title.pieces.keys() | text.words.keys() | text.pieces.keys()
        return " ".join(f"{_lexeme(word)}:{_capped_marks(title, text, word)}" for word in sorted(words))
    entries = text.entries()
    for word, entry in title.entries().items():
        if word in entries:  # the headline's positions, then the text's
            entries[word] = f"{entry},{entries[word].partition(':')[2]}"
        else:
            entries[word] = entry
    if title.most() + text.most() > MAX_POSITIONS:  # a lexeme may have more positions than are kept
        for word in title.crowded(MAX_POSITIONS - text.most()) | text.crowded(MAX_POSITIONS - title.most()):
            entries[word] = f"{_lexeme(word)}:{_capped_marks(title, text, word)}"
    return " ".join(map(entries.__getitem__, sorted(entries)))


def search_text_for(*, title_parts: list[str], body: str) -> tuple[str, str]:
    """The headline's and the text's search vectors apart, written out (search_vector_text of each alone):
    `title::tsvector || body::tsvector` is the article's."""
    return search_vector_text(title_parts=title_parts, body=""), search_vector_text(title_parts=[], body=body)


def search_words_for(*, title_parts: list[str], body: str) -> tuple[list[str], list[str]]:
    """The words of an article's headline and text as jieba cut them (not their pieces)."""
    return _index_words(" ".join(part for part in title_parts if part)), _index_words(body)


def _index_words(text: str) -> list[str]:
    return list(filter(None, map(_WORDS.__getitem__, cut(text))))


@dataclass(frozen=True)
class _Lexemes:
    """One text's lexemes and their positions, each list rising with no repeats: the words as jieba cut
    them (weight `exact`) and the hanzi and dictionary words inside or across them (weight `piece`; "" for
    D, which PostgreSQL writes without a letter)."""

    words: dict[str, list[int]]
    pieces: dict[str, list[int]]
    exact: str
    piece: str
    highest: int  # the highest position, 0 when there are none

    @classmethod
    def of(cls, text: str, *, exact: str, piece: str, after: int = 0) -> _Lexemes:
        """The lexemes of text, its first character at position after + 1: every word jieba cuts; every
        hanzi and every dictionary word wherever it starts (jieba may cut 人民和 as 人民 / 和, but 民和 is
        in it too), unless it is the word jieba cut there; the parts of a Latin word (covid in covid-19)."""
        text = BLANKS.sub("", text)
        words: defaultdict[str, list[int]] = defaultdict(list)
        pieces: defaultdict[str, list[int]] = defaultdict(list)
        token_at: dict[int, str] = {}  # index in text -> the word jieba cut there
        skips: tuple[list[int], list[int]] = ([], [])  # index in text, characters skipped before it
        at, index, skipped = after + 1, 0, 0
        for token in cut(text):
            size = len(token)
            word = _WORDS[token]
            if word:
                words[word].append(at)
                token_at[index] = word
                for offset, part in _LATIN_PARTS[word]:
                    pieces[part].append(at + offset)
                at += size
            elif "\n" in token or not token.isspace():  # words a space apart are side by side; paragraphs not
                at += size
            else:
                skipped += size
                skips[0].append(index + size)
                skips[1].append(skipped)
            index += size

        def position(index: int) -> int:
            before = bisect.bisect_right(skips[0], index)  # blanks between Latin words take no position
            return after + index + 1 - (skips[1][before - 1] if before else 0)

        for run in HANZI_RUN.finditer(text):
            for at, char in enumerate(run.group(), position(run.start())):
                pieces[char].append(at)
        for char in words.keys() & pieces.keys():
            if len(char) == 1:  # not where jieba cut the hanzi as a word
                own = set(words[char])
                pieces[char] = [at for at in pieces[char] if at not in own]
                if not pieces[char]:
                    del pieces[char]
        pointer, start_at = 0, after + 1
        for word in [word for word in cut_all(text) if len(word) > 1]:
            start = text.find(word, pointer)  # full mode gives words in order of where they start
            if start < 0:
                continue
            pointer = start
            word = _HANZI_WORDS[word]
            if word and token_at.get(start) != word:
                at, found = start + start_at if not skips[0] else position(start), pieces[word]
                if not found or found[-1] != at:  # not the same place found again
                    found.append(at)
        highest = max(map(_LAST, itertools.chain(words.values(), pieces.values())), default=0)
        return cls(dict(words), dict(pieces), exact, piece, highest)

    def last(self) -> int:
        """The highest position PostgreSQL keeps of these: the next text's positions come after it."""
        if self.highest <= MAX_POSITION and self.most() <= MAX_POSITIONS:
            return self.highest
        alone = _Lexemes({}, {}, "", "", 0)
        return max(_capped(self, alone, word)[-1][0] for word in self.words.keys() | self.pieces.keys())

    def most(self) -> int:
        """At least the most positions any lexeme has."""
        return sum(max(map(len, lexemes.values()), default=0) for lexemes in (self.words, self.pieces))

    def crowded(self, room: int) -> set[str]:
        """The lexemes with more than `room` positions (at least those)."""
        least = room // 2 + 1  # one of its two lists has more than half of them
        return {
            word for lexemes in (self.words, self.pieces) for word, at in lexemes.items() if len(at) >= least
        }

    def entries(self) -> dict[str, str]:
        """Each lexeme as PostgreSQL writes it: '检察':3B,17 is 检察 as a word at 3 (B) and a piece at 17."""
        entries = {word: f"'{word}':{_marks(at, self.piece)}" for word, at in self.pieces.items()}
        for word, at in self.words.items():
            inside = self.pieces.get(word)
            if inside is None:
                entries[word] = f"'{word}':{_marks(at, self.exact)}"
            else:  # never at one position: a piece where jieba cut the same word is not one
                weights = dict.fromkeys(inside, self.piece) | dict.fromkeys(at, self.exact)
                entries[word] = f"'{word}':" + ",".join([f"{n}{weights[n]}" for n in sorted(weights)])
        if _QUOTES.search("".join(entries)):  # it's: its quote doubled (a backslash too)
            for word in [word for word in entries if _QUOTES.search(word)]:
                entries[word] = _lexeme(word) + entries[word][len(word) + 2 :]
        return entries

    def positions(self, word: str) -> list[tuple[int, str]]:
        """The word's positions with their weights, in order."""
        own = [(n, self.exact) for n in self.words.get(word, ())]
        return sorted(own + [(n, self.piece) for n in self.pieces.get(word, ())])


def _marks(positions: list[int], weight: str) -> str:
    """Positions of one weight as PostgreSQL writes them: 3B,17B."""
    if len(positions) == 1:  # most are
        return f"{positions[0]}{weight}"
    return f"{weight},".join(map(str, positions)) + weight


def _capped(title: _Lexemes, text: _Lexemes, word: str) -> list[tuple[int, str]]:
    """The word's positions in the headline and then the text as PostgreSQL keeps them: the first
    MAX_POSITIONS, and those beyond MAX_POSITION counted once, there."""
    kept: list[tuple[int, str]] = []
    for n, weight in title.positions(word) + text.positions(word):
        kept.append((min(n, MAX_POSITION), weight))
        if n >= MAX_POSITION or len(kept) == MAX_POSITIONS:
            break
    return kept


def _capped_marks(title: _Lexemes, text: _Lexemes, word: str) -> str:
    return ",".join(f"{n}{weight}" for n, weight in _capped(title, text, word))


_LAST = operator.itemgetter(-1)
_QUOTES = re.compile(r"['\\]")  # it's: a lexeme written with its quote doubled


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


class _Judged(dict[str, _T]):
    """A judgement of each distinct token, made once: a page has a few thousand tokens but a few hundred
    distinct ones."""

    def __init__(self, judge: Callable[[str], _T]) -> None:
        super().__init__()
        self.judge = judge

    def __missing__(self, token: str) -> _T:
        judged = self.judge(token)
        if len(self) < 200_000:  # the dictionary's words and then some; never without bound
            self[token] = judged
        return judged


def _word(token: str) -> str:
    """The word indexed for a token (lowercased), or "" for a token that is no word: punctuation, spaces."""
    keep = (
        token not in PUNCTUATION and len(token) <= MAX_WORD and (token[0].isalnum() or WORDLIKE.search(token))
    )
    return token.lower() if keep else ""


def _latin_parts(word: str) -> tuple[tuple[int, str], ...]:
    """The parts of a word with no hanzi, at their offsets: ((0, 'covid'), (6, '19')) in covid-19."""
    if HANZI.search(word):
        return ()
    return tuple((part.start(), part.group()) for part in LATIN_PARTS.finditer(word) if part.group() != word)


def _hanzi_word(word: str) -> str:
    """A dictionary word of jieba's full mode as a piece (lowercased), or "" unless it starts with a hanzi."""
    return word.lower() if HANZI.match(word) else ""


_WORDS = _Judged(_word)
_LATIN_PARTS = _Judged(_latin_parts)
_HANZI_WORDS = _Judged(_hanzi_word)

PUNCTUATION = frozenset(" \u3000，。、；：？！“”‘’（）《》〈〉【】「」『』…—－-·,.;:?!'\"()[]<>/")


SEARCH_CONFIG = "simple"  # words as they are (lowercased): jieba has already cut them


def article_search_refresh(*, article: models.Article) -> None:
    """Recompute an article's search vector from its headline and paragraphs and those of the parts that
    continue it on later pages (live articles whose `continues` is it, and theirs, in page order), so that
    a story is found by words on any of its pages; for corrections and jump links."""
    with connection.cursor() as cursor:
        cursor.execute(_STORY_TEXTS, [article.pk, models.MAX_STORY_PARTS])
        texts = [text for (text,) in cursor.fetchall()]
    vector = search_vector_text(
        title_parts=[t for t in (article.kicker, article.title, article.subtitle) if t], body="\n".join(texts)
    )
    models.Article.objects.filter(pk=article.pk).update(search_vector=vector)


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
        vector = search_vector_text(
            title_parts=[t for t in (kicker, title, subtitle) if t], body="\n".join(texts[pk])
        )
        rows.append((vector, pk))
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {_ARTICLE} SET search_vector = %s::tsvector WHERE id = %s", rows)
