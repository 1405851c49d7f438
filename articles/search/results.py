"""The search service: article_search, what the search page shows — a page of hits, best first, with
their headlines and snippets marked, and notes saying how the query was read and matched."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString

from articles.models import Article
from articles.search.facets import Facets, facets_count
from articles.search.query import MAX_TERMS, Match, SearchFilters, query_clean, query_parse
from articles.search.ranking import (
    SORTS,
    AnyOf,
    Scope,
    Selection,
    found_in,
    id_array,
    ids_ordered,
    matches_find,
)
from articles.search.snippets import highlight_html, snippet_html, terms_pattern

PER_PAGE = 20


@dataclass(frozen=True)
class SearchHit:
    article: Article
    url: str  # the article page, marking the query's words
    headline: SafeString  # highlighted
    snippet: SafeString  # highlighted
    kicker: SafeString = SafeString("")  # highlighted; "" when there is none, or it stands in for the title
    reprints: tuple[
        SearchHit, ...
    ] = ()  # the same story printed again on this page of results (reprints_group)


@dataclass
class SearchResults:
    query: str = ""  # as searched: cleaned, at most MAX_QUERY_CHARS
    terms: list[str] = field(default_factory=list)
    match: Match | None = None  # how the results matched; None when no words were searched
    total: int = 0  # articles that match, in the filters
    total_exact: bool = True  # False: PostgreSQL's estimate of a large number
    ordered: int = 0  # of them, ranked (or dated): all, or the newest RANK_WINDOW or so
    windowed: bool = False  # only the matches on the newest (oldest) pages were ranked
    sort: str = "relevance"  # ranking.SORTS
    facets: Facets | None = None  # over the ranked matches (all, or the window: see `windowed`)
    page: PaginatorPage | None = None
    hits: list[SearchHit] = field(default_factory=list)  # this page's, in order
    listed: list[SearchHit] = field(default_factory=list)  # as the page lists them: reprints_group(hits)
    notes: list[str] = field(default_factory=list)

    @property
    def order_text(self) -> str:
        """How the list is ordered, for its summary line."""
        if self.sort == "relevance" and self.match is None:
            return SORTS["newest"]
        return "按相关度排列" if self.sort == "relevance" else SORTS[self.sort]

    @property
    def reprinted(self) -> int:
        """How many hits of this page are listed under another as its reprints."""
        return len(self.hits) - len(self.listed)

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
    sort: str = "relevance",
    facets: bool = False,
) -> SearchResults:
    """Articles matching `query` within `filters`, best first, one page of them with snippets; with no
    words but some filters, the articles in the filters, newest first; `sort` "newest" or "oldest" puts the
    matches in date order instead (ranking.SORTS); with `facets`, how the ranked matches spread over
    papers, years, regions and kinds (one query more).

    A bounded number of queries whatever the page size (about six): count or estimate (per Match tried),
    the ranked ids, the pages' order, the page's articles with their bylines and snippet paragraphs.
    """
    filters = filters or SearchFilters()
    text, notes = query_clean(query)
    parsed = query_parse(text)
    results = SearchResults(query=text, terms=parsed.terms, notes=notes)
    if parsed.cut_short:
        results.notes.append(f"检索词太多，只用了前 {MAX_TERMS} 个词。")
    if text and not results.terms:
        if parsed.excluded:
            results.notes.append("只有要排除的词（前面带 -），请再给出要找的词。")
        else:
            results.notes.append("检索词里没有可以查找的字词（只有标点或符号）。")
    if not results.terms and not filters:
        return results

    scope = Scope(filters)
    if results.terms:
        results.match, found = matches_find(scope, parsed)
    else:
        found = found_in(Selection(scope))
    results.total, results.total_exact = found.total, found.exact
    if not found.total:
        results.notes.append(_nothing_note(results, filters))
        return results
    results.sort = sort if sort in SORTS else "relevance"
    ids, results.windowed = ids_ordered(found, sort=results.sort)
    results.ordered = len(ids)
    if not results.windowed and not results.total_exact:
        results.total, results.total_exact = len(ids), True  # every page was in the window: all ranked
    if results.windowed:
        if results.sort == "oldest":
            results.notes.append(
                f"符合条件的稿件有 {results.total_text} 篇，这里列出的是其中最早的 {results.ordered:,} 篇；"
                "要看更晚的，请用日期筛选。"
            )
        else:
            how = "按相关度排列的" if results.match and results.sort == "relevance" else "列出的"
            results.notes.append(
                f"符合条件的稿件有 {results.total_text} 篇，这里{how}是其中最新的 {results.ordered:,} 篇；"
                "要看更早的，请用日期筛选。"
            )
    if not ids:  # an estimate of matches that are not there (statistics older than the data)
        results.total, results.total_exact = 0, True
        results.notes.append(_nothing_note(results, filters))
        return results
    if facets:
        results.facets = facets_count(ids)
    results.page = Paginator(ids, per_page).get_page(page)
    articles = _results_articles(results.terms, list(results.page.object_list))
    pattern = terms_pattern(
        [*parsed.phrases, *results.terms], prefix=bool(results.match and results.match.prefix)
    )
    url = article_urls(text)
    # An article re-ingested or merged away since its id was ranked is gone: the page shows the others.
    results.hits = [
        _hit(articles[pk], pattern=pattern, url=url(pk)) for pk in results.page.object_list if pk in articles
    ]
    results.listed = reprints_group(results.hits)
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
        if param == _IDS_MARK_PARAM:
            param = id_array(ids)
        elif isinstance(param, str) and "\0" in param:
            for n, term in enumerate(like):
                param = param.replace(_term_mark(n), term)
        values.append(param)
    return {article.pk: article for article in Article.objects.raw(sql, values)}


_IDS_MARK = [-7_301_992, -7_301_993]  # stands for the ids in the compiled results query
_IDS_MARK_PARAM = id_array(_IDS_MARK)  # the mark as AnyOf passes it: the parameter _results_articles replaces


def _term_mark(n: int) -> str:
    return f"\0term{n}\0"  # stands for a term: no character of it is escaped in a LIKE pattern


@functools.cache
def _results_sql(term_count: int) -> tuple[str, tuple[Any, ...]]:
    marks = [_term_mark(n) for n in range(term_count)]
    query = Article.objects.for_search_results(marks).filter(AnyOf(F("pk"), _IDS_MARK)).order_by().query
    sql, params = query.sql_with_params()
    if sum(param == _IDS_MARK_PARAM for param in params) != 1 or any(
        not any(mark in param for param in params if isinstance(param, str)) for mark in marks
    ):
        raise AssertionError("the results query's parameters are not where _results_articles puts them")
    return sql, tuple(params)


def _nothing_note(results: SearchResults, filters: SearchFilters) -> str:
    if not results.terms:
        return "所选范围内没有稿件。"
    return f"{'在所选范围内' if filters else ''}没有找到含「{results.query}」的稿件。"


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
    headline = article.headline  # the one name of a story everywhere (headline_of); `lead` is read already
    return SearchHit(
        article=article,
        url=url,
        headline=highlight_html(headline, pattern),
        kicker=highlight_html(article.kicker, pattern)
        if article.kicker and article.title
        else SafeString(""),
        snippet=snippet_html(
            [*(article.term_paragraphs or []), *(article.continued_term_paragraphs or [])],
            pattern,
            lead=article.lead,
        ),
    )


REPRINT_OPENING = 120  # characters of the opening text compared
REPRINT_SHARED = 0.6  # of either opening's character pairs, at least this share in the other's
NOT_COMPARED = re.compile(r"[\W_]+")  # spaces and punctuation: a reprint may set them otherwise


def reprints_group(hits: list[SearchHit]) -> list[SearchHit]:
    """The hits with each reprint (the same headline, and an opening sharing REPRINT_SHARED of its character
    pairs) moved under the first hit of its story, as that hit's `reprints`: a story printed in two papers,
    or twice, is one result. Compared within the page of results only, each hit with the first hit of each
    story before it; spaces and punctuation are not compared. Openings are cut into pairs only under a
    headline seen before (15 µs a hit): a page of 20 costs about 0.03 ms when no headline repeats."""
    firsts: list[tuple[SearchHit, list[SearchHit]]] = []
    by_headline: dict[str, list[tuple[SearchHit, list[SearchHit]]]] = {}
    pairs: dict[int, frozenset[str]] = {}  # id(hit) -> its opening's pairs, once cut

    def pairs_of(hit: SearchHit) -> frozenset[str]:
        if id(hit) not in pairs:
            pairs[id(hit)] = _pairs(hit.article)
        return pairs[id(hit)]

    for hit in hits:
        same = by_headline.setdefault(NOT_COMPARED.sub("", hit.article.headline), [])
        first = next((story for story in same if _shared(pairs_of(story[0]), pairs_of(hit))), None)
        if first is None:
            first = (hit, [])
            same.append(first)
            firsts.append(first)
        else:
            first[1].append(hit)
    return [dataclasses.replace(hit, reprints=tuple(more)) if more else hit for hit, more in firsts]


def _pairs(article: Article) -> frozenset[str]:
    opening = NOT_COMPARED.sub("", (getattr(article, "lead", None) or "")[:REPRINT_OPENING])
    return frozenset(opening[n : n + 2] for n in range(len(opening) - 1))


def _shared(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether at least REPRINT_SHARED of each opening's character pairs are in the other's; two stories
    without an opening (photos, briefs of a headline only) are not taken for one."""
    return bool(a and b) and len(a & b) >= REPRINT_SHARED * max(len(a), len(b))
