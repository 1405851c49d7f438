"""The query: what a reader typed, cleaned and cut into words as the index cuts articles; how strictly
they must match (Match, loosened step by step when nothing matches); and the filters.

Nothing of the query reaches SQL but bound parameters: each word is quoted for to_tsquery here.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery

from articles.models import Newspaper, Person, Place
from articles.reconstruct.segment import cut, known
from articles.search.index import HANZI, WORDLIKE

MAX_QUERY_CHARS = 200  # longer is not something a reader typed into a search box
MAX_TERMS = 16
MAX_PARAM_CHARS = 200  # any other GET value
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # NUL and the other C0 controls but \t \n \r
SPACES = re.compile(r"\s+")  # 法治　 江苏


def query_clean(raw: str) -> tuple[str, list[str]]:
    """The query as searched: control characters out, runs of space as one, at most MAX_QUERY_CHARS;
    and a note when it had to be cut."""
    text = SPACES.sub(" ", CONTROL.sub("", raw)).strip()
    if len(text) <= MAX_QUERY_CHARS:
        return text, []
    return text[:MAX_QUERY_CHARS].rstrip(), [f"检索词太长，只用了前 {MAX_QUERY_CHARS} 个字。"]


# A run of the query: 信用修复 · -修复 · "信用修复" · “信用 修复” · -"失信 惩戒"; spaces and the punctuation
# that separates words (，、；。！？,;) end a run, but not what is part of a number or name (1.8亿, covid-19).
QUERY_CHUNK = re.compile(
    r'(?P<exclude>[-－])?(?:"(?P<quoted>[^"]*)"?|“(?P<curly>[^”]*)”?|(?P<plain>[^\s"“”，、；。！？,;!?]+))'
)


@dataclass(frozen=True)
class Group:
    """A run of the query without spaces, or a quoted phrase: its words as jieba cuts them, each with its
    character offset, so that they can be looked for side by side."""

    text: str
    words: tuple[tuple[int, str], ...]
    quoted: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """The query's groups to find (all of them) and those to leave out (-修复)."""

    groups: tuple[Group, ...] = ()
    excluded: tuple[Group, ...] = ()
    cut_short: bool = False  # more than MAX_TERMS words: the rest were left out

    @property
    def terms(self) -> list[str]:
        """The words to find, each once (any case), in the query's order: for snippets and marks."""
        terms: dict[str, str] = {}
        for group in self.groups:
            for _, word in group.words:
                terms.setdefault(word.lower(), word)
        return list(terms.values())

    @property
    def phrases(self) -> list[str]:
        """The texts of the groups of more than one word: marked as one where they occur whole."""
        return [group.text for group in self.groups if len(group.words) > 1]


def query_parse(text: str) -> ParsedQuery:
    """The query's groups: runs without spaces and quoted phrases, to find; those after a minus, to leave
    out. Punctuation is dropped; a group with no word is no group.

    >>> [g.text for g in query_parse('信用 "修复 工作" -失信').groups]
    ['信用', '修复 工作']
    """
    groups: list[Group] = []
    excluded: list[Group] = []
    count, cut_short = 0, False
    for chunk in QUERY_CHUNK.finditer(text):
        raw = chunk.group("quoted") or chunk.group("curly")
        quoted = raw is not None
        raw = (raw if quoted else chunk.group("plain")) or ""
        words: list[tuple[int, str]] = []
        at = 0
        for token in cut(raw):
            if WORDLIKE.search(token):
                words.append((at, token))
            if not token.isspace():  # as in the index: 修复 工作 is 修复工作
                at += len(token)
        if not words:
            continue
        if count + len(words) > MAX_TERMS:
            cut_short = True
            words = words[: MAX_TERMS - count]
            if not words:
                break
        count += len(words)
        group = Group(raw.strip(), tuple(words), quoted)
        (excluded if chunk.group("exclude") else groups).append(group)
    return ParsedQuery(tuple(groups), tuple(excluded), cut_short)


def query_terms(text: str) -> list[str]:
    """The words of a query to find, segmented as ingest segments articles: punctuation out, each word once.

    >>> query_terms("信用修复，信用 DROP")
    ['信用', '修复', 'DROP']
    """
    return query_parse(text).terms


def _prefixable(term: str) -> bool:
    # One hanzi or two letters as a prefix match too many words to mean anything.
    return len(term) >= (3 if term.isascii() else 2)


def _spelled_out(word: str) -> bool:
    """Whether a word is looked for as its hanzi side by side: the index holds every dictionary word of the
    text wherever it is, and every hanzi; a word the dictionary does not know (a name jieba guessed) may
    have been cut otherwise in the text."""
    return len(word) > 1 and all(HANZI.match(char) for char in word) and not known(word)


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _units(words: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """(offset, quoted lexeme) of each word, or of each of its hanzi when spelled out."""
    units: list[tuple[int, str]] = []
    for at, word in words:
        word = word.lower()
        if _spelled_out(word):
            units += [(at + n, _lexeme(char)) for n, char in enumerate(word)]
        else:
            units.append((at, _lexeme(word)))
    return units


def _word_query(word: str, *, prefix: bool = False) -> str:
    units = _units([(0, word)])
    if len(units) > 1:
        return _phrase(units)
    return units[0][1] + (":*" if prefix and _prefixable(word) else "")


def _phrase(units: list[tuple[int, str]]) -> str:
    """units side by side: `a <2> b` is b two characters after a."""
    text = units[0][1]
    for (before, _), (at, lexeme) in itertools.pairwise(units):
        text += f" <{at - before}> {lexeme}"
    return f"({text})" if len(units) > 1 else text


def group_query(group: Group) -> str:
    """A group's words side by side, as typed: 2025年 is 2025 with 年 right after it.

    >>> group_query(query_parse("2025年").groups[0])
    "('2025' <4> '年')"
    """
    return _phrase(_units(group.words))


def tsquery_text(terms: Sequence[str], *, any_term: bool = False, prefix: bool = False) -> str:
    """tsquery input: each term quoted, so that nothing in it is an operator, joined by & (or |); a word
    the dictionary does not know is its hanzi side by side.

    >>> tsquery_text(["信用", "it's", "a\\\\b"], prefix=True)
    "'信用':* & 'it''s':* & 'a\\\\\\\\b':*"
    """
    return (" | " if any_term else " & ").join(_word_query(term, prefix=prefix) for term in terms)


@dataclass(frozen=True)
class Match:
    """How strictly the words must match; a query that finds nothing tries the next, looser one."""

    name: str
    any_term: bool
    prefix: bool
    note: str  # shown above results found this way
    phrases: bool = False  # each run of the query as typed: its words side by side

    def tsquery(self, query: ParsedQuery | Sequence[str]) -> str:
        """The tsquery text of the query at this strictness ("" when it has no word to find)."""
        if not isinstance(query, ParsedQuery):
            query = ParsedQuery((Group(" ".join(query), tuple((0, term) for term in query)),))
        parts = [group_query(g) for g in query.groups if g.quoted or self.phrases]
        terms = [word for g in query.groups if not (g.quoted or self.phrases) for _, word in g.words]
        terms = list(dict.fromkeys(terms))
        if self.any_term and len(terms) + len(parts) > 1:
            # One hanzi (的, 和, 年) on its own matches nearly everything: in "any" it only counts alone.
            terms = [t for t in terms if len(t) > 1 or t.isascii()] or (terms if not parts else [])
        parts += [_word_query(term, prefix=self.prefix) for term in terms]
        if not parts:
            return ""
        text = (" | " if self.any_term else " & ").join(parts)
        if query.excluded:
            left_out = " | ".join(group_query(g) for g in query.excluded)
            text = f"({text}) & !({left_out})"
        return text


def tsquery_wider(text: str) -> str:
    """The query without what the GIN index cannot check: words side by side only both present, nothing
    left out; every article it finds the index finds alone, and it finds all that `text` finds. "" when
    it is `text` itself.

    >>> tsquery_wider("('信用' <2> '修复') & !('失信')")
    "'信用' & '修复'"
    """
    wider = PHRASE_OPERATOR.sub(" & ", text.split(EXCLUDED, 1)[0] if EXCLUDED in text else text)
    if EXCLUDED in text:
        wider = wider.removeprefix("(").removesuffix(")")
    return "" if wider == text else wider


PHRASE_OPERATOR = re.compile(r" <\d+> ")  # '信用' <2> '修复'
EXCLUDED = ") & !("  # (…) & !(…): the words left out


PARTIAL = "没有完全匹配的结果，以下为部分匹配"
MATCHES = (
    Match("all", any_term=False, prefix=False, note="", phrases=True),
    Match("all_words", any_term=False, prefix=False, note=f"{PARTIAL}：检索词的各个词都在稿件里，但不相连。"),
    Match(
        "all_prefix",
        any_term=False,
        prefix=True,
        note=f"{PARTIAL}：检索词也作词头来找（「沈阳」也找「沈阳市」）。",
    ),
    Match("any", any_term=True, prefix=False, note=f"{PARTIAL}：只含部分检索词的稿件。"),
    Match(
        "any_prefix", any_term=True, prefix=True, note=f"{PARTIAL}：只含部分检索词（或以其开头的词）的稿件。"
    ),
)


class LiteralQuery(SearchQuery):
    """A tsquery written out (Match.tsquery), cast rather than parsed: the words are jieba's, as in the
    index (articles/search/index.py), and PostgreSQL's parser would cut them again."""

    def __init__(self, text: str) -> None:
        super().__init__(text, search_type="raw")

    def as_sql(self, compiler: Any, connection: Any, function: Any = None, template: Any = None) -> Any:
        return super().as_sql(compiler, connection, template="%(expressions)s::tsquery")


@dataclass(frozen=True)
class SearchFilters:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    region: Place | None = None  # a province: the article's region; a city or county: stories naming it
    reporter: Person | None = None  # anyone credited in a byline
    paper: Newspaper | None = None
    kind: str = ""  # Article.Kind: 消息, 通讯, 评论, 图片…

    def __bool__(self) -> bool:
        return any((self.date_from, self.date_to, self.region, self.reporter, self.paper, self.kind))
