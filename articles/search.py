"""Full-text search. Chinese has no spaces between words, so ingest segments each article with jieba and
PostgreSQL's 'simple' configuration indexes the space-separated tokens (title weight A, body B, GIN index);
a query is segmented the same way and its words are ANDed.

What makes it more than `filter(search_vector=query)`:
- Nothing of the query reaches SQL but bound parameters: each word is quoted for to_tsquery here.
- A query that matches nothing is loosened step by step (words as prefixes, then any word instead of all),
  and the page says which step found the results.
- Ranking reads every matching article's vector out of line (10-40 µs each), so it is bounded: up to
  RANK_ALL matches all are ranked; beyond, those on the newest pages holding about RANK_WINDOW of them
  are, and the page says so. Counting a common word's matches costs as much, so beyond RANK_ALL the page
  shows PostgreSQL's estimate (约 33,000 篇) instead.
- Filters and that window are conditions on the article table itself (id arrays), which PostgreSQL ANDs
  with the GIN index as bitmaps: only matching rows are read. The planner does not count the cost of
  reading a vector, so those queries are planned with bitmap scans only (_bitmap_scans).
- Snippets come from the article's real paragraphs (the indexed text has spaces between words),
  HTML-escaped, the words wrapped in <mark>.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import json
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.postgres.search import CombinedSearchVector, SearchQuery, SearchVector
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import F, FloatField, Lookup, Value
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, ArticleQuerySet, Byline, Issue, Newspaper, Page, Person, Place
from articles.pagecache import content_version
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


# -- The query ---------------------------------------------------------------------------------------

MAX_QUERY_CHARS = 200  # longer is not something a reader typed into a search box
MAX_TERMS = 16
MAX_PARAM_CHARS = 200  # any other GET value
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # NUL and the other C0 controls but \t \n \r
SPACES = re.compile(r"\s+")  # 法治　 江苏
SENTENCE_END = re.compile(r"[。！？；!?;]")  # where a snippet may start: after 。


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


# -- Filters -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchFilters:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    region: Place | None = None  # a province: the article's region
    reporter: Person | None = None  # anyone credited in a byline
    paper: Newspaper | None = None

    def __bool__(self) -> bool:
        return any((self.date_from, self.date_to, self.region, self.reporter, self.paper))


PAGES_NEWEST_FIRST = ("-issue__date", "issue__newspaper_id", "number")
SCOPE_PAGES = 1500  # dates or a paper on up to this many pages are a page id array


class _Scope:
    """The filters as conditions on articles that PostgreSQL can AND with the GIN index as bitmaps: the
    region is a column; a reporter's articles are an id array; so are the pages of the dates and paper
    asked for when they are at most SCOPE_PAGES, and a window of the newest of them. More pages are a
    subquery, used only where the matches are few (see _found): as an array, PostgreSQL would size it
    element by element, and then leave the GIN index out."""

    def __init__(self, filters: SearchFilters) -> None:
        self.filters = filters
        self.by_page = bool(filters.date_from or filters.date_to or filters.paper)
        self.page_ids: list[int] | None = None  # the pages in scope, newest first, when few
        if self.by_page and _estimate(self.pages()) <= SCOPE_PAGES:
            ids = list(self.pages().values_list("pk", flat=True)[: SCOPE_PAGES + 1])
            self.page_ids = ids if len(ids) <= SCOPE_PAGES else None
        self.article_ids: list[int] | None = None
        if filters.reporter:
            credited = (
                Byline.objects.filter(person=filters.reporter).order_by().values_list("article_id", flat=True)
            )
            self.article_ids = sorted(set(credited))

    @property
    def sizes(self) -> dict[type, int]:
        return _archive().sizes

    @property
    def by_subquery(self) -> bool:
        """Whether the dates and paper are a subquery: PostgreSQL then joins the pages by their indexes,
        which _bitmap_scans would turn into a loop of bitmap scans, one a match."""
        return self.by_page and self.page_ids is None

    @property
    def at_most(self) -> int | None:
        """An upper bound on the articles in scope, when one is known without a query."""
        return len(self.article_ids) if self.article_ids is not None else None

    def articles(self, *, pages: list[int] | None = None, by_page: bool = True) -> ArticleQuerySet:
        """Live articles in scope; on `pages` only (some of the scope's) when given; whatever their
        dates and paper when not by_page."""
        articles = Article.objects.stories()
        if pages is None and by_page:
            pages = self.page_ids
        if pages is not None:
            articles = articles.filter(_AnyOf(F("page_id"), pages))
        elif self.by_page and by_page:
            articles = articles.filter(page__in=self.pages().order_by().values("pk"))
        if self.filters.region:
            articles = articles.filter(region=self.filters.region)
        if self.article_ids is not None:
            articles = articles.filter(_AnyOf(F("pk"), self.article_ids))
        return articles

    def issues(self) -> Any:
        """The issues of the dates and paper asked for."""
        issues = Issue.objects.all()
        if self.filters.date_from:
            issues = issues.filter(date__gte=self.filters.date_from)
        if self.filters.date_to:
            issues = issues.filter(date__lte=self.filters.date_to)
        if self.filters.paper:
            issues = issues.filter(newspaper=self.filters.paper)
        return issues

    def pages(self) -> Any:
        """The pages of the dates and paper asked for, newest first."""
        return Page.objects.filter(issue__in=self.issues().values("pk")).order_by(*PAGES_NEWEST_FIRST)

    def page_count(self) -> int:
        """About how many pages are in scope (it sizes a window): counted when few, else estimated."""
        if self.page_ids is not None:
            return len(self.page_ids)
        return max(1, _estimate(self.pages()) if self.by_page else self.sizes[Page])

    def page_share(self) -> float:
        """About which share of all pages is in scope."""
        if not self.by_page:
            return 1.0
        return min(1.0, self.page_count() / self.sizes[Page])

    def newest_pages(self, n: int) -> tuple[list[int], bool]:
        """The ids of the n newest pages in scope, and whether that is all of them.

        Without an index on issue dates (one made the reporter pages' plan a slow loop), the newest
        issues come first: sorting a few thousand issues is quick, sorting every page is not.
        """
        if self.page_ids is not None:
            return self.page_ids[:n], n >= len(self.page_ids)
        known = _archive().newest_pages(n, self.filters if self.by_page else None)
        if known is not None:
            return known
        issues_wanted = math.ceil(2 * n * self.sizes[Issue] / self.sizes[Page]) + 1
        newest = self.issues().order_by("-date", "newspaper_id").values_list("pk", flat=True)
        issue_ids = list(newest[:issues_wanted])
        order = {issue_id: n for n, issue_id in enumerate(issue_ids)}
        rows = (
            Page.objects.filter(_AnyOf(F("issue_id"), issue_ids))
            .order_by()
            .values_list("pk", "issue_id", "number")
        )
        pages = [pk for pk, _, _ in sorted(rows, key=lambda row: (order[row[1]], row[2]))]
        return pages[:n], len(issue_ids) < issues_wanted and len(pages) <= n


PAGE_ORDER_MAX = 20_000  # the newest pages whose order a process keeps: the windows come from them


@dataclass(frozen=True)
class _Archive:
    """What a search needs to know of the whole archive, read once for each of its versions
    (pagecache.content_version: it moves with every ingest and correction): how many issues and pages
    there are, and the newest pages in PAGES_NEWEST_FIRST order with their dates and papers, so that a
    window of the newest pages, and the order of a search's pages, cost no query (they cost two queries and
    a sort of every issue, a third of a search's time). A page stored by another process is seen within a
    second, as on the public pages; one stored by this process at once."""

    sizes: dict[type, int]
    ids: list[int]  # the newest pages, at most PAGE_ORDER_MAX, newest first
    dates: list[datetime.date]
    papers: list[int]
    complete: bool  # every page is in ids

    @functools.cached_property
    def rank(self) -> dict[int, int]:
        """Page id -> its place in ids."""
        return {page_id: n for n, page_id in enumerate(self.ids)}

    def newest_pages(self, n: int, filters: SearchFilters | None) -> tuple[list[int], bool] | None:
        """_Scope.newest_pages from what is kept: the n newest pages within the filters' dates and paper
        (None: all pages), and whether that is all of them; None when what is kept cannot tell."""
        if filters is None:
            if n < len(self.ids) or self.complete:
                return self.ids[:n], n >= len(self.ids)
            return None
        low, high = filters.date_from, filters.date_to
        paper = filters.paper.pk if filters.paper else None
        picked: list[int] = []
        for page_id, date, paper_id in zip(self.ids, self.dates, self.papers, strict=True):
            if (low and date < low) or (high and date > high) or (paper is not None and paper_id != paper):
                continue
            picked.append(page_id)
            if len(picked) > n:
                return picked[:n], False
        return (picked, True) if self.complete else None


_archive_read: tuple[str, _Archive] | None = None  # (version, what was read), this process only


def _archive() -> _Archive:
    global _archive_read
    version = content_version()
    if _archive_read is None or _archive_read[0] != version:
        rows = list(
            Page.objects.order_by(*PAGES_NEWEST_FIRST).values_list(
                "pk", "issue__date", "issue__newspaper_id"
            )[: PAGE_ORDER_MAX + 1]
        )
        complete = len(rows) <= PAGE_ORDER_MAX
        rows = rows[:PAGE_ORDER_MAX]
        # All the pages at hand: their count and their issues' are exact, and cost nothing more.
        sizes = (
            {Issue: max(1, len({row[1:] for row in rows})), Page: max(1, len(rows))}
            if complete
            else _table_sizes()
        )
        archive = _Archive(
            sizes,
            [row[0] for row in rows],
            [row[1] for row in rows],
            [row[2] for row in rows],
            complete,
        )
        _archive_read = (version, archive)
    return _archive_read[1]


def _table_sizes() -> dict[type, int]:
    """About how many issues and pages there are: PostgreSQL's statistics (counted when it has none)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT reltuples FROM pg_class WHERE oid = %s::regclass),"
            " (SELECT reltuples FROM pg_class WHERE oid = %s::regclass)",
            [Issue._meta.db_table, Page._meta.db_table],
        )
        estimates = cursor.fetchone()
    return {
        model: int(estimate) if estimate and estimate > 0 else max(1, model.objects.count())
        for model, estimate in zip((Issue, Page), estimates, strict=True)
    }


def _estimate(queryset: Any) -> int:
    """How many rows PostgreSQL expects the queryset to have: planning only, nothing read."""
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


class _AnyOf(Lookup):
    """`lhs = ANY(%s)`, the ids as one array parameter: psycopg takes longer to prepare a query with
    thousands of IN placeholders than PostgreSQL takes to run it."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, list(self.rhs)]


# -- Searching ---------------------------------------------------------------------------------------

PER_PAGE = 20
RANK_ALL = 1000  # matches ranked all together: ~10-20 ms of ts_rank_cd
RANK_WINDOW = 200  # beyond, about this many of the newest are
WINDOW_TRIES = 3  # times the window grows when the newest pages hold too few matches
COUNT_UP_TO = RANK_ALL  # PostgreSQL expecting more matches than this: its estimate is shown, not a count


@dataclass(frozen=True)
class SearchHit:
    article: Article
    url: str  # the article page, marking the query's words
    headline: SafeString  # highlighted
    snippet: SafeString  # highlighted


@dataclass
class SearchResults:
    query: str = ""  # as searched: cleaned, at most MAX_QUERY_CHARS
    terms: list[str] = field(default_factory=list)
    match: Match | None = None  # how the results matched; None when no words were searched
    total: int = 0  # articles that match, in the filters
    total_exact: bool = True  # False: PostgreSQL's estimate of a large number
    ordered: int = 0  # of them, ranked (or dated): all, or the newest RANK_WINDOW or so
    windowed: bool = False  # only the matches on the newest pages were ranked
    page: PaginatorPage | None = None
    hits: list[SearchHit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def total_text(self) -> str:
        """1,156, or 约 33,048 for an estimate."""
        return f"{self.total:,}" if self.total_exact else f"约 {self.total:,}"


def article_search(
    *,
    query: str,
    filters: SearchFilters | None = None,
    page: int | str | None = 1,
    per_page: int = PER_PAGE,
) -> SearchResults:
    """Articles matching `query` within `filters`, best first, one page of them with snippets; with no
    words but some filters, the articles in the filters, newest first.

    A bounded number of queries whatever the page size (about six): count or estimate (per Match tried),
    the ranked ids, the pages' order, the page's articles with their bylines and snippet paragraphs.
    """
    filters = filters or SearchFilters()
    text, notes = query_clean(query)
    results = SearchResults(query=text, terms=query_terms(text), notes=notes)
    if len(results.terms) > MAX_TERMS:
        results.terms = results.terms[:MAX_TERMS]
        results.notes.append(f"检索词太多，只用了前 {MAX_TERMS} 个词。")
    if text and not results.terms:
        results.notes.append("检索词里没有可以查找的字词（只有标点或符号）。")
    if not results.terms and not filters:
        return results

    scope = _Scope(filters)
    found = _matches_find(scope, results) if results.terms else _found(_Selection(scope))
    results.total, results.total_exact = found.total, found.exact
    if not found.total:
        results.notes.append(_nothing_note(results, filters))
        return results
    ids = _ids_ordered(found, results=results)
    if not ids:  # an estimate of matches that are not there (statistics older than the data)
        results.total, results.total_exact = 0, True
        results.notes.append(_nothing_note(results, filters))
        return results
    results.page = Paginator(ids, per_page).get_page(page)
    articles = _results_articles(results.terms, list(results.page.object_list))
    pattern = terms_pattern(results.terms, prefix=bool(results.match and results.match.prefix))
    url = article_urls(text)
    # An article re-ingested or merged away since its id was ranked is gone: the page shows the others.
    results.hits = [
        _hit(articles[pk], pattern=pattern, url=url(pk)) for pk in results.page.object_list if pk in articles
    ]
    if results.match and results.match.note:
        results.notes.append(results.match.note)
    return results


def _results_articles(terms: list[str], ids: list[int]) -> dict[int, Article]:
    """Article.objects.for_search_results(terms).in_bulk(ids), run from SQL compiled once for each number
    of terms: Django takes longer to compile that query (its subqueries) than PostgreSQL to run it."""
    sql, params = _results_sql(len(terms))
    like = [connection.ops.prep_for_like_query(term) for term in terms]
    values: list[Any] = []
    for param in params:
        if param == _IDS_MARK:
            param = ids
        elif isinstance(param, str) and "\0" in param:
            for n, term in enumerate(like):
                param = param.replace(_term_mark(n), term)
        values.append(param)
    return {article.pk: article for article in Article.objects.raw(sql, values)}


_IDS_MARK = [-7_301_992, -7_301_993]  # stands for the ids in the compiled results query


def _term_mark(n: int) -> str:
    return f"\0term{n}\0"  # stands for a term: no character of it is escaped in a LIKE pattern


@functools.cache
def _results_sql(term_count: int) -> tuple[str, tuple[Any, ...]]:
    marks = [_term_mark(n) for n in range(term_count)]
    query = Article.objects.for_search_results(marks).filter(_AnyOf(F("pk"), _IDS_MARK)).order_by().query
    sql, params = query.sql_with_params()
    if sum(param == _IDS_MARK for param in params) != 1 or any(
        not any(mark in param for param in params if isinstance(param, str)) for mark in marks
    ):
        raise AssertionError("the results query's parameters are not where _results_articles puts them")
    return sql, tuple(params)


def _nothing_note(results: SearchResults, filters: SearchFilters) -> str:
    if not results.terms:
        return "所选范围内没有稿件。"
    return f"{'在所选范围内' if filters else ''}没有找到含「{results.query}」的稿件。"


@dataclass(frozen=True)
class _Selection:
    """What is listed: the articles in scope, those matching a query when there is one, and their order."""

    scope: _Scope
    query: SearchQuery | None = None

    def articles(self, *, pages: list[int] | None = None, by_page: bool = True) -> ArticleQuerySet:
        articles = self.scope.articles(pages=pages, by_page=by_page)
        return articles if self.query is None else articles.matching(self.query)

    def ranked(self, articles: ArticleQuerySet) -> ArticleQuerySet:
        """articles with `rank` (0 for all when there is no query: then the newest come first)."""
        if self.query is None:
            return articles.annotate(rank=Value(0.0, output_field=FloatField()))
        return articles.with_rank(self.query)


@dataclass(frozen=True)
class _Found:
    selection: _Selection
    total: int
    exact: bool  # False: PostgreSQL's estimate
    rows: list[Row] | None = None  # already ranked (a small scope: counting would cost as much)


def _matches_find(scope: _Scope, results: SearchResults) -> _Found:
    """The matches of the strictest Match that finds any (sets results.match); none found, the last."""
    tried: set[str] = set()
    for match in MATCHES:
        text = match.tsquery(results.terms)
        if text in tried:
            continue  # one word: "any" is "all"; no word long enough to be a prefix
        tried.add(text)
        found = _found(_Selection(scope, SearchQuery(text, search_type="raw", config=SEARCH_CONFIG)))
        if found.total:
            results.match = match
            return found
    return found


def _found(selection: _Selection) -> _Found:
    """How many articles the selection holds: counted, ranked outright when the scope is small, or
    PostgreSQL's estimate when it expects more than COUNT_UP_TO (a common word's count reads tens of
    thousands of index entries and pages, longer than the rest of the search; a rare word's estimate is
    a guess, and its count is quick)."""
    articles = selection.articles()
    at_most = selection.scope.at_most
    if at_most is not None and at_most <= RANK_ALL:
        rows = _ranked(selection, articles)
        return _Found(selection, len(rows), True, rows)
    # Estimated without dates and paper, whose subquery PostgreSQL cannot size; times their share.
    scope = selection.scope
    estimate = int(_estimate(selection.articles(by_page=False)) * scope.page_share())
    if estimate > COUNT_UP_TO:
        return _Found(selection, estimate, False)
    if scope.by_subquery:
        return _Found(selection, articles.count(), True)
    with _bitmap_scans():
        return _Found(selection, articles.count(), True)


def _ids_ordered(found: _Found, *, results: SearchResults) -> list[int]:
    """Ids of the matches, best first, equal ranks newest first: all of them, or (too many to rank)
    those on the newest pages.

    Ranked in SQL, ordered here by the pages' order: joining pages and issues in the ranking query
    makes PostgreSQL read both tables whole (it may use bitmap scans only, see _bitmap_scans).
    """
    selection = found.selection
    if found.rows is None and found.total > RANK_ALL:
        rows, pages, results.windowed = _window_ranked(selection, total=found.total)
    else:
        rows = found.rows
        if rows is None:
            rows = _ranked(selection, selection.articles(), bitmaps=not selection.scope.by_subquery)
        pages = _pages_newest_first({row[1] for row in rows})
    newest = {page_id: n for n, page_id in enumerate(pages)}
    rows.sort(key=lambda row: (-row[3], newest[row[1]], row[2]))
    results.ordered = len(rows)
    if not results.windowed and not results.total_exact:
        results.total, results.total_exact = len(rows), True  # every page was in the window: all ranked
    if results.windowed:
        results.notes.append(
            f"符合条件的稿件有 {results.total_text} 篇，这里按相关度排列的是其中最新的 {results.ordered:,} 篇；"
            "要看更早的，请用日期筛选。"
        )
    return [row[0] for row in rows]


Row = tuple[int, int, int, float]  # article id, page id, position, rank


def _pages_newest_first(page_ids: set[int]) -> list[int]:
    """The pages in PAGES_NEWEST_FIRST order: from the archive's kept order when it has them all."""
    rank = _archive().rank
    if all(page_id in rank for page_id in page_ids):
        return sorted(page_ids, key=rank.__getitem__)
    return list(
        Page.objects.filter(_AnyOf(F("pk"), sorted(page_ids)))
        .order_by(*PAGES_NEWEST_FIRST)
        .values_list("pk", flat=True)
    )


def _ranked(selection: _Selection, articles: ArticleQuerySet, *, bitmaps: bool = False) -> list[Row]:
    rows = selection.ranked(articles).order_by().values_list("pk", "page_id", "position", "rank")
    if not bitmaps:
        return list(rows)
    with _bitmap_scans():
        return list(rows)


def _window_ranked(selection: _Selection, *, total: int) -> tuple[list[Row], list[int], bool]:
    """The ranked matches on the newest pages that hold about RANK_WINDOW of them, those pages newest
    first, and whether older pages were left out.

    Sized from the share of pages the matches would fill if spread evenly; grown when the newest pages
    hold fewer (the words were in the news years ago). Ranking a window that is too small costs little.
    """
    scope = selection.scope
    n = max(1, math.ceil(scope.page_count() * RANK_WINDOW / total))
    for attempt in range(WINDOW_TRIES):
        pages, everything = scope.newest_pages(n)
        rows = _ranked(selection, selection.articles(pages=pages), bitmaps=True)
        if len(rows) >= RANK_WINDOW // 2 or everything or attempt == WINDOW_TRIES - 1:
            break
        n *= max(2, min(16, math.ceil(RANK_WINDOW / max(len(rows), 1))))
    return rows, pages, not everything


@contextlib.contextmanager
def _bitmap_scans() -> Iterator[None]:
    """Plan the next queries with bitmap scans only, for this transaction.

    Checking a match on the table means reading the article's vector out of line (~10 µs a row), a cost
    the planner does not count: left alone, it walks the filter's or window's index, or the whole table
    for a common word, and checks every article there. Bitmaps AND the filters with the GIN index and
    read only the matching rows (none at all for a count, once vacuum has marked the pages visible).
    """
    outer = connection.in_atomic_block  # then SET LOCAL would outlive this block: set back after it
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan'),"
            " set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true)"
        )
        indexscan, seqscan, _, _ = cursor.fetchone()
        yield
        if outer:
            cursor.execute(
                "SELECT set_config('enable_indexscan', %s, true), set_config('enable_seqscan', %s, true)",
                [indexscan, seqscan],
            )


# -- Results -----------------------------------------------------------------------------------------

SNIPPET_CHARS = 120
SNIPPET_BEFORE = 30  # at most this much of a sentence before the first match


def article_urls(query: str = "") -> Callable[[int], str]:
    """The URL of an article's page by id; with ?q= that page marks the query's words.

    One reverse() for a page of results: it costs more than the rest of a result's link.
    """
    try:
        url = reverse("articles:article", args=[URL_ID])
    except NoReverseMatch:  # the reading pages are not wired
        url = f"/articles/{URL_ID}/"
    before, after = url.split(str(URL_ID))
    after += f"?{urlencode({'q': query})}" if query else ""
    return lambda article_id: f"{before}{article_id}{after}"


URL_ID = 9876543210  # stands for the article id in the reversed URL


def _hit(article: Article, *, pattern: re.Pattern[str] | None, url: str) -> SearchHit:
    headline = article.title or article.kicker or article.subtitle or f"第{article.position}篇"
    return SearchHit(
        article=article,
        url=url,
        headline=highlight_html(headline, pattern),
        snippet=snippet_html(
            [*(article.term_paragraphs or []), *(article.continued_term_paragraphs or [])],
            pattern,
            lead=article.lead,
        ),
    )


def terms_pattern(terms: Sequence[str], *, prefix: bool = False) -> re.Pattern[str] | None:
    """A regex finding the terms in real text, longest first, any case.

    A Latin term matches whole words only (`ai` not in `said`); as a prefix, the start of a word.
    """
    alternatives = []
    for term in sorted(dict.fromkeys(terms), key=len, reverse=True):
        piece = re.escape(term)
        if term.isascii() and term[:1].isalnum():
            piece = rf"(?<![0-9a-z]){piece}" + ("" if prefix else r"(?![0-9a-z])")
        alternatives.append(piece)
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


def highlight_html(text: str, pattern: re.Pattern[str] | None) -> SafeString:
    """text HTML-escaped, the matches of pattern wrapped in <mark>.

    >>> highlight_html("<b>信用</b>修复", terms_pattern(["信用"]))
    '&lt;b&gt;<mark>信用</mark>&lt;/b&gt;修复'
    """
    return mark_safe(_marked(text, pattern, 0, len(text)))  # _marked escapes every piece


def snippet_html(
    paragraphs: Sequence[str], pattern: re.Pattern[str] | None, *, lead: str | None = None
) -> SafeString:
    """About SNIPPET_CHARS characters of the paragraph with the most distinct terms, from the sentence
    of its first match, escaped and marked; when none has a term, the start of `lead` (else of the
    first paragraph)."""
    texts = [p for p in paragraphs if p.strip()]
    if lead and lead.strip():
        best = lead
    elif texts:
        best = texts[0]
    else:
        return mark_safe("")
    best_score, first = 0, None
    for text in texts:
        found = list(pattern.finditer(text)) if pattern else []
        score = len({m.group().lower() for m in found})
        if score > best_score:
            best, best_score, first = text, score, found[0]
    start = 0
    if first is not None and first.start() > SNIPPET_BEFORE:
        start = first.start() - SNIPPET_BEFORE
        sentences = list(SENTENCE_END.finditer(best, start, first.start()))
        if sentences:
            start = sentences[-1].end()
    end = min(len(best), start + SNIPPET_CHARS)
    if pattern and end < len(best):
        for match in pattern.finditer(best, max(0, end - 40), min(len(best), end + 40)):
            if match.start() < end < match.end():  # never cut a marked word
                end = match.end()
    html = _marked(best, pattern, start, end)
    return mark_safe(("…" if start else "") + html + ("…" if end < len(best) else ""))


def _marked(text: str, pattern: re.Pattern[str] | None, start: int, end: int) -> str:
    out: list[str] = []
    at = start
    if pattern:
        for match in pattern.finditer(text, start, end):
            out.append(escape(text[at : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            at = match.end()
    out.append(escape(text[at:end]))
    return "".join(out)  # escaped by the standard library's html.escape: Django's own is slower


# -- The form ----------------------------------------------------------------------------------------


class SearchForm(forms.Form):
    """The search page's GET parameters: q, from, to, region (province code), reporter (name), paper (slug).

    A value that does not parse is ignored with a note, never an error page. The page writes the inputs
    itself from `data`, `region_options` and `paper_options`: Django's widget rendering, a template per
    widget and per option, cost a third of the page's time.
    """

    q = forms.CharField(required=False, label="检索词")
    region = forms.ModelChoiceField(
        queryset=Place.objects.filter(level=Place.PROVINCE).order_by("code"),
        to_field_name="code",
        required=False,
        empty_label="全部地区",
        label="地区",
    )
    reporter = forms.CharField(required=False, label="记者")
    paper = forms.ModelChoiceField(
        queryset=Newspaper.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="全部报纸",
        label="报纸",
    )

    def __init__(self, data: QueryDict | dict[str, str] | None = None) -> None:
        data = data if data is not None else {}
        clean = {key: CONTROL.sub("", str(data.get(key, "")))[:MAX_PARAM_CHARS] for key in data}
        self.query, self.query_notes = query_clean(str(data.get("q", "")))
        clean["q"] = self.query
        super().__init__(clean)
        self.fields["from"] = forms.DateField(required=False, label="起始日期")
        self.fields["to"] = forms.DateField(required=False, label="截止日期")
        self.order_fields(["q", "from", "to", "region", "reporter", "paper"])

    @property
    def region_options(self) -> list[tuple[str, str, bool]]:
        """(code, name, selected) of each province."""
        return self._options("region", Place.objects.filter(level=Place.PROVINCE).order_by("code"), "code")

    @property
    def paper_options(self) -> list[tuple[str, str, bool]]:
        """(slug, name, selected) of each paper."""
        return self._options("paper", Newspaper.objects.order_by("name"), "slug")

    def _options(self, name: str, rows: Any, value: str) -> list[tuple[str, str, bool]]:
        chosen = self.data.get(name, "")
        return [(key, label, key == chosen) for key, label in rows.values_list(value, "name")]

    def clean_reporter(self) -> Person | None:
        name = SPACES.sub("", self.cleaned_data["reporter"])
        if not name:
            return None
        person = Person.objects.select_related("merged_into").filter(name=name).first()
        if person is None:
            raise forms.ValidationError(f"没有名叫「{name}」的记者，已忽略这个条件。")
        return person.merged_into or person  # an old spelling an editor merged away finds the kept name

    def search_filters(self) -> tuple[SearchFilters, list[str]]:
        """The filters that are valid, and a note for each value ignored."""
        self.is_valid()
        notes: list[str] = []
        for name, errors in self.errors.items():
            if name == "reporter":
                notes += errors
            else:
                notes.append(f"{self.fields[name].label}「{self.data.get(name, '')}」无效，已忽略。")
        got = self.cleaned_data
        date_from, date_to = got.get("from"), got.get("to")
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from
            notes.append("起始日期晚于截止日期，已对调。")
        filters = SearchFilters(
            date_from=date_from,
            date_to=date_to,
            region=got.get("region"),
            reporter=got.get("reporter"),
            paper=got.get("paper"),
        )
        return filters, notes
