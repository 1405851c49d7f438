"""The query: what a reader typed, cleaned and cut into words as the index cuts articles; how strictly
they must match (Match, loosened step by step when nothing matches); and the filters.

Nothing of the query reaches SQL but bound parameters: each word is quoted for to_tsquery here.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from articles.models import Newspaper, Person, Place
from articles.reconstruct.segment import cut
from articles.search.index import WORDLIKE

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


def query_terms(text: str) -> list[str]:
    """The words of a query, segmented as ingest segments articles: punctuation out, each word once.

    Case is left to PostgreSQL, which folds it the same way for the query and the index.

    >>> query_terms("信用修复，信用 DROP")
    ['信用', '修复', 'DROP']
    """
    terms: dict[str, str] = {}
    for token in cut(text):
        if WORDLIKE.search(token):
            terms.setdefault(token.lower(), token)
    return list(terms.values())


def _prefixable(term: str) -> bool:
    # One hanzi or two letters as a prefix match too many words to mean anything.
    return len(term) >= (3 if term.isascii() else 2)


def tsquery_text(terms: Sequence[str], *, any_term: bool = False, prefix: bool = False) -> str:
    """to_tsquery input: each term quoted, so that nothing in it is an operator, joined by & (or |).

    >>> tsquery_text(["信用", "it's", "a\\\\b"], prefix=True)
    "'信用':* & 'it''s':* & 'a\\\\\\\\b':*"
    """
    quoted = []
    for term in terms:
        literal = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
        quoted.append(literal + (":*" if prefix and _prefixable(term) else ""))
    return (" | " if any_term else " & ").join(quoted)


@dataclass(frozen=True)
class Match:
    """How strictly the words must match; a query that finds nothing tries the next, looser one."""

    name: str
    any_term: bool
    prefix: bool
    note: str  # shown above results found this way

    def tsquery(self, terms: Sequence[str]) -> str:
        if self.any_term and len(terms) > 1:
            # One hanzi (的, 和, 年) on its own matches nearly everything: in "any" it only counts alone.
            terms = [t for t in terms if len(t) > 1 or t.isascii()] or terms
        return tsquery_text(terms, any_term=self.any_term, prefix=self.prefix)


PARTIAL = "没有完全匹配的结果，以下为部分匹配"
MATCHES = (
    Match("all", any_term=False, prefix=False, note=""),
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


@dataclass(frozen=True)
class SearchFilters:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    region: Place | None = None  # a province: the article's region
    reporter: Person | None = None  # anyone credited in a byline
    paper: Newspaper | None = None

    def __bool__(self) -> bool:
        return any((self.date_from, self.date_to, self.region, self.reporter, self.paper))
