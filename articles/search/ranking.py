"""Ranking: which articles match, how many, and in what order, at a bounded cost.

- Ranking reads every matching article's vector out of line (10-40 µs each), so it is bounded: up to
  RANK_ALL matches all are ranked; beyond, those on the newest pages holding about RANK_WINDOW of them
  are. Counting a common word's matches costs as much, so beyond COUNT_UP_TO PostgreSQL's estimate
  (约 33,000 篇) is shown instead.
- Filters and that window are conditions on the article table itself (id arrays), which PostgreSQL ANDs
  with the GIN index as bitmaps: only matching rows are read. The planner does not count the cost of
  reading a vector, so those queries are planned with bitmap scans only (_bitmap_scans).
- Each process keeps the order of the newest pages until the archive changes (_Archive), so a window of
  the newest pages, and the order of a search's pages, cost no query.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.db.models import F, FloatField, Lookup, Q, Value

from articles.models import Article, ArticleQuerySet, Byline, Issue, Page, Place
from articles.pagecache import content_version
from articles.search.query import MATCHES, LiteralQuery, Match, ParsedQuery, SearchFilters, tsquery_wider

RANK_ALL = 1000  # matches ranked all together: ~10-20 ms of ts_rank_cd
RANK_WINDOW = 200  # beyond, about this many of the newest are
WINDOW_TRIES = 3  # times the window grows when the newest pages hold too few matches
COUNT_UP_TO = RANK_ALL  # PostgreSQL expecting more matches than this: its estimate is shown, not a count
# …or than this, for words searched without filters. PostgreSQL estimates a word outside its most common
# lexemes at about 0.1 % of the articles (1,001 of 1,000,000 for 姜太公, in 38), and two words as if
# independent (信用 & 修复: 3,427 of 58,209): such an estimate taken for the count makes the window of newest
# pages ranked that many times too large (every page for the rare word: 0.5 s). Counting the words alone
# reads the GIN index only (1 ms for 38 matches, 51 ms for 58,209); with filters the count also reads them
# (the 90 days' pages, a reporter's articles), so there the estimate is kept beyond COUNT_UP_TO.
COUNT_WORDS_UP_TO = 10 * RANK_ALL
CHECK_UP_TO = 300  # matches of a phrase's words counted one by one (see found_in)
PAGES_NEWEST_FIRST = ("-issue__date", "issue__newspaper_id", "number")
# A scope of at most this many articles (a reporter's) has its own on a window's pages picked by their pages,
# read once a search; beyond, reading each article's page costs more (180 ms for a city's 58,824 articles at
# 1,000,000), and they are picked from the articles on the window's pages (see Scope.ids_on).
PICK_UP_TO = 10 * RANK_ALL
SCOPE_PAGES = 1500  # dates or a paper on up to this many pages are a page id array


class Scope:
    """The filters as conditions on articles that PostgreSQL can AND with the GIN index as bitmaps: a
    province is a column; a reporter's articles are an id array, and so are a city's or county's (those
    naming it) up to PICK_UP_TO, beyond a subquery of its links (a window's are picked by its links, see
    ids_on); so are the pages of the dates and paper asked for when they are at most SCOPE_PAGES, and a
    window of the newest of them. More pages are a subquery, used only where the matches are few (see
    found_in): as an array, PostgreSQL would size it element by element, and then leave the GIN index out."""

    def __init__(self, filters: SearchFilters) -> None:
        self.filters = filters
        self.by_page = bool(filters.date_from or filters.date_to or filters.paper)
        self.page_ids: list[int] | None = None  # the pages in scope, newest first, when few
        if self.by_page and _estimate(self.pages()) <= SCOPE_PAGES:
            ids = list(self.pages().values_list("pk", flat=True)[: SCOPE_PAGES + 1])
            self.page_ids = ids if len(ids) <= SCOPE_PAGES else None
        self.article_ids: list[int] | None = None
        # A city's or county's links to its articles; their ids are read only when at most PICK_UP_TO
        # (reading and handling a city's 58,824 took 30-50 ms at 1,000,000 articles)
        self.naming: Any = None
        self.naming_count = 0  # how many links, at least as many as the articles
        city = filters.region if filters.region and filters.region.level != Place.Level.PROVINCE else None
        if filters.reporter:
            credited = Byline.objects.filter(person=filters.reporter).order_by().values_list("article_id")
            ids = {pk for (pk,) in credited}
            if city is not None:  # the reporter's that name the city, by the links' (article, place) index
                links = _naming(city).filter(AnyOf(F("article_id"), sorted(ids)))
                ids = set(links.values_list("article_id", flat=True))
            self.article_ids = sorted(ids)
        elif city is not None:
            self.naming = _naming(city)
            self.naming_count = self.naming.count()  # the place index alone
            if self.naming_count <= PICK_UP_TO:
                self.article_ids = sorted(set(self.naming.values_list("article_id", flat=True)))

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
        if self.article_ids is not None:
            return len(self.article_ids)
        return self.naming_count if self.naming is not None else None

    def articles(
        self, *, pages: list[int] | None = None, by_page: bool = True, by_id: bool = True
    ) -> ArticleQuerySet:
        """Live articles in scope; on `pages` only (some of the scope's) when given; whatever their
        dates and paper when not by_page; whatever the reporter or city when not by_id."""
        articles = Article.objects.stories()
        if pages is None and by_page:
            pages = self.page_ids
        if pages is not None:
            articles = articles.filter(AnyOf(F("page_id"), pages))
        elif self.by_page and by_page:
            articles = articles.filter(page__in=self.pages().order_by().values("pk"))
        if self.filters.region and self.filters.region.level == Place.Level.PROVINCE:
            articles = articles.filter(region=self.filters.region)
        if self.filters.kind:
            articles = articles.filter(kind=self.filters.kind)
        if self.article_ids is not None and by_id:
            articles = articles.filter(AnyOf(F("pk"), self.article_ids))
        elif self.naming is not None and by_id:
            articles = articles.filter(pk__in=self.naming.values("article_id"))
        return articles

    def ids_on(self, pages: list[int]) -> list[int] | None:
        """The ids of the scope's articles on `pages`, when they are a reporter's or a city's: a city's
        are those of the articles on the pages (up to SCOPE_PAGES of them) that its links name, read by the
        links' (article, place) index; a reporter's are picked from the fewer of its articles (up to
        PICK_UP_TO: their pages read once a search) and the articles on those pages; None when both are
        many."""
        if self.naming is not None and len(pages) <= SCOPE_PAGES:  # those of the window's its links name
            links = self.naming.filter(AnyOf(F("article_id"), self._on(pages)))
            return sorted(set(links.values_list("article_id", flat=True)))
        if self.article_ids is not None and len(self.article_ids) <= PICK_UP_TO:
            window = set(pages)
            return [pk for pk, page_id in self._pages_of_articles.items() if page_id in window]
        if self.article_ids is None or len(pages) > SCOPE_PAGES:
            return None
        mine = set(self.article_ids)
        return [pk for pk in self._on(pages) if pk in mine]

    def _on(self, pages: list[int]) -> list[int]:
        """The ids of the articles on `pages` in scope, whatever the reporter or city."""
        with _bitmap_scans():  # not a seq scan, for a window of 8 % of 100,000 articles
            return list(self.articles(pages=pages, by_id=False).order_by().values_list("pk", flat=True))

    @functools.cached_property
    def _pages_of_articles(self) -> dict[int, int]:
        """Article id -> page id for the articles in scope, whatever their dates and paper."""
        return dict(self.articles(by_page=False).order_by().values_list("pk", "page_id"))

    def id_share(self) -> float:
        """About which share of the articles the reporter's or city's are, when more than PICK_UP_TO (a
        city's); 1.0 for fewer, or none asked for. PostgreSQL sizes an id array element by element when
        planning (40 ms for a city's 58,824 ids), so a long one is left out of an estimate, and so are a
        city's links, and this share taken instead."""
        count = len(self.article_ids) if self.article_ids is not None else self.naming_count
        return 1.0 if count <= PICK_UP_TO else self._share(count)

    def _share(self, count: int) -> float:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Article._meta.db_table]
            )
            (articles,) = cursor.fetchone()
        return min(1.0, count / max(1.0, articles or 1.0))

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

    def newest_pages(self, n: int, *, oldest: bool = False) -> tuple[list[int], bool]:
        """The ids of the n newest pages in scope (oldest: the n oldest, oldest first), and whether that
        is all of them.

        Without an index on issue dates (one made the reporter pages' plan a slow loop), the newest
        issues come first: sorting a few thousand issues is quick, sorting every page is not.
        """
        if self.page_ids is not None:
            ids = self.page_ids[::-1] if oldest else self.page_ids
            return ids[:n], n >= len(ids)
        if not oldest:
            known = _archive().newest_pages(n, self.filters if self.by_page else None)
            if known is not None:
                return known
        issues_wanted = math.ceil(2 * n * self.sizes[Issue] / self.sizes[Page]) + 1
        order_by = ("date", "newspaper_id") if oldest else ("-date", "newspaper_id")
        newest = self.issues().order_by(*order_by).values_list("pk", flat=True)
        issue_ids = list(newest[:issues_wanted])
        order = {issue_id: n for n, issue_id in enumerate(issue_ids)}
        rows = (
            Page.objects.filter(AnyOf(F("issue_id"), issue_ids))
            .order_by()
            .values_list("pk", "issue_id", "number")
        )
        pages = [pk for pk, _, _ in sorted(rows, key=lambda row: (order[row[1]], row[2]))]
        return pages[:n], len(issue_ids) < issues_wanted and len(pages) <= n


def _naming(place: Place) -> Any:
    """The links of the articles naming a city or county, or a place under it (a city's counties), as its
    region page lists them (ArticleQuerySet.about_place): an article naming both is linked twice."""
    under = Place.objects.filter(Q(pk=place.pk) | Q(parent=place)).values("pk")
    return Article.places.through.objects.filter(place_id__in=under).order_by()


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
        """Scope.newest_pages from what is kept: the n newest pages within the filters' dates and paper
        (None: all pages), and whether that is all of them; None when what is kept cannot tell."""
        if filters is None:
            if n <= len(self.ids) or self.complete:
                return self.ids[:n], self.complete and n >= len(self.ids)
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


class AnyOf(Lookup):
    """`lhs = ANY(%s)`, the ids as one array parameter: psycopg takes longer to prepare a query with
    thousands of IN placeholders than PostgreSQL takes to run it."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, id_array(self.rhs)]


def id_array(ids: Iterable[int]) -> str:
    """The ids as the text of a PostgreSQL array, cast by the query: psycopg dumps a list element by
    element (7 ms for the 8,400 ids of a city's window; their text, 2 ms).

    >>> id_array([3, 14])
    '{3,14}'
    """
    return "{" + ",".join(str(int(pk)) for pk in ids) + "}"


@dataclass(frozen=True)
class Selection:
    """What is listed: the articles in scope, those matching a query when there is one, and their order.
    `wider`: the query without what the GIN index cannot check (query.tsquery_wider), when it differs."""

    scope: Scope
    query: SearchQuery | None = None
    wider: SearchQuery | None = None

    def articles(
        self, *, pages: list[int] | None = None, by_page: bool = True, by_id: bool = True
    ) -> ArticleQuerySet:
        articles = self.scope.articles(pages=pages, by_page=by_page, by_id=by_id)
        return articles if self.query is None else articles.matching(self.query)

    def ranked(self, articles: ArticleQuerySet) -> ArticleQuerySet:
        """articles with `rank` (0 for all when there is no query: then the newest come first)."""
        if self.query is None:
            return articles.annotate(rank=Value(0.0, output_field=FloatField()))
        return articles.with_rank(self.query)


@dataclass(frozen=True)
class Found:
    selection: Selection
    total: int
    exact: bool  # False: PostgreSQL's estimate
    rows: list[Row] | None = None  # already ranked (a small scope: counting would cost as much)
    # The newest window, already ranked (_window_ranked's rows, pages and whether pages were left out):
    # a phrase's, ranked to see that it matches at all (see found_in)
    window: tuple[list[Row], list[int], bool] | None = None


def matches_find(scope: Scope, query: ParsedQuery) -> tuple[Match | None, Found]:
    """The strictest Match that finds the query, and its matches; none found: None, and the last
    Match's (empty) matches."""
    tried: set[str] = set()
    found = Found(Selection(scope), 0, True, [])
    for match in MATCHES:
        text = match.tsquery(query)
        if not text or text in tried:
            continue  # one word: "any" is "all"; no word long enough to be a prefix
        tried.add(text)
        wider = tsquery_wider(text)
        found = found_in(Selection(scope, LiteralQuery(text), LiteralQuery(wider) if wider else None))
        if found.total:
            return match, found
    return None, found


def found_in(selection: Selection) -> Found:
    """How many articles the selection holds: counted, ranked outright when the scope is small, or
    PostgreSQL's estimate when it expects more than COUNT_UP_TO (a common word's count reads tens of
    thousands of index entries and pages, longer than the rest of the search; a rare word's estimate is
    a guess, and its count is quick)."""
    articles = selection.articles()
    at_most = selection.scope.at_most
    if at_most is not None and at_most <= RANK_ALL:
        rows = _ranked(selection, articles)
        return Found(selection, len(rows), True, rows)
    if selection.wider is not None:
        # Words side by side, or words left out, are checked on each article the index finds for the
        # wider query, reading its vector (~30-80 µs): beyond CHECK_UP_TO of them, their number is shown
        # as about that many, and only the window that is ranked is checked.
        # Whether any article matches at all is seen first in the newest window, which is ranked anyway:
        # asking the whole archive (`exists`, 11-19 ms at 1,000,000 articles) only when it holds none.
        wider = found_in(Selection(selection.scope, selection.wider))
        if wider.total > CHECK_UP_TO:
            window = _window_ranked(selection, total=wider.total)
            if window[0]:
                return Found(selection, wider.total, False, window=window)
            if _any(selection.scope, articles):  # only on older pages: the window grows until it holds some
                window = _window_ranked(selection, total=wider.total, until_found=True)
                return Found(selection, wider.total, False, window=window)
            return Found(selection, 0, True)
    # Estimated without dates and paper, whose subquery PostgreSQL cannot size, and without a long id array;
    # times their shares.
    scope = selection.scope
    id_share = scope.id_share()
    estimate = _estimate(selection.articles(by_page=False, by_id=id_share == 1.0))
    estimate = int(estimate * scope.page_share() * id_share)
    if estimate > (COUNT_UP_TO if scope.filters else COUNT_WORDS_UP_TO):
        return Found(selection, estimate, False)
    if scope.by_subquery:
        return Found(selection, articles.count(), True)
    with _bitmap_scans():
        return Found(selection, articles.count(), True)


def _any(scope: Scope, articles: ArticleQuerySet) -> bool:
    if scope.by_subquery:
        return articles.exists()
    with _bitmap_scans():
        return articles.exists()


SORTS = {"relevance": "按相关度", "newest": "最新的在前", "oldest": "最早的在前"}  # ?sort=


def ids_ordered(found: Found, *, sort: str = "relevance") -> tuple[list[int], bool]:
    """Ids of the matches in the order asked for (SORTS): best first, equal ranks newest first; or by
    date, newest or oldest first, in print order within an issue. All of them, or (too many to rank)
    those on the newest (oldest) pages; and whether other pages were left out.

    Ranked in SQL, ordered here by the pages' order: joining pages and issues in the ranking query
    makes PostgreSQL read both tables whole (it may use bitmap scans only, see _bitmap_scans).
    """
    selection = found.selection
    oldest = sort == "oldest"
    windowed = False
    checked = selection.wider is not None and not found.exact  # each match read to be checked: few
    if found.window is not None and not oldest:
        rows, pages, windowed = list(found.window[0]), found.window[1], found.window[2]
    elif found.rows is None and (found.total > RANK_ALL or (checked and found.total > CHECK_UP_TO)):
        rows, pages, windowed = _window_ranked(selection, total=found.total, oldest=oldest)
    else:
        rows = found.rows
        if rows is None:
            rows = _ranked(selection, selection.articles(), bitmaps=not selection.scope.by_subquery)
        pages = _pages_newest_first({row[1] for row in rows})
    if oldest:
        by_date = {page_id: n for n, page_id in enumerate(_pages_oldest_first({row[1] for row in rows}))}
        rows.sort(key=lambda row: (by_date[row[1]], row[2]))
    else:
        newest = {page_id: n for n, page_id in enumerate(pages)}
        if sort == "newest":
            rows.sort(key=lambda row: (newest[row[1]], row[2]))
        else:
            rows.sort(key=lambda row: (-row[3], newest[row[1]], row[2]))
    return [row[0] for row in rows], windowed


def _pages_oldest_first(page_ids: set[int]) -> list[int]:
    """The pages oldest issue first, in print order within an issue."""
    return list(
        Page.objects.filter(AnyOf(F("pk"), sorted(page_ids)))
        .order_by("issue__date", "issue__newspaper_id", "number")
        .values_list("pk", flat=True)
    )


Row = tuple[int, int, int, float]  # article id, page id, position, rank


def _pages_newest_first(page_ids: set[int]) -> list[int]:
    """The pages in PAGES_NEWEST_FIRST order: from the archive's kept order when it has them all."""
    rank = _archive().rank
    if all(page_id in rank for page_id in page_ids):
        return sorted(page_ids, key=rank.__getitem__)
    return list(
        Page.objects.filter(AnyOf(F("pk"), sorted(page_ids)))
        .order_by(*PAGES_NEWEST_FIRST)
        .values_list("pk", flat=True)
    )


def _ranked(selection: Selection, articles: ArticleQuerySet, *, bitmaps: bool = False) -> list[Row]:
    rows = selection.ranked(articles).order_by().values_list("pk", "page_id", "position", "rank")
    if not bitmaps:
        return list(rows)
    with _bitmap_scans():
        return list(rows)


def _window_ranked(
    selection: Selection, *, total: int, oldest: bool = False, until_found: bool = False
) -> tuple[list[Row], list[int], bool]:
    """The ranked matches on the newest pages that hold about RANK_WINDOW of them, those pages newest
    first, and whether older pages were left out.

    Sized from the share of pages the matches would fill if spread evenly; grown when the newest pages
    hold fewer (the words were in the news years ago), at most WINDOW_TRIES times, or, `until_found`
    (some match is known to be there), until it holds one. Ranking a window that is too small costs little.
    """
    scope = selection.scope
    n = max(1, math.ceil(scope.page_count() * RANK_WINDOW / total))
    # No larger at first than the newest pages each process keeps in order (_Archive): more would be read
    # and sorted afresh (80 ms for 20,267 pages at 1,000,000 articles), for as many matches within the noise
    # of the window's estimate. The window grows below when they hold too few.
    n = min(n, PAGE_ORDER_MAX)
    attempt = 0
    while True:
        pages, everything = scope.newest_pages(n, oldest=oldest)
        rows = _ranked(selection, _window_articles(selection, pages), bitmaps=True)
        attempt += 1
        tried_enough = attempt >= WINDOW_TRIES and (rows or not until_found)
        if len(rows) >= RANK_WINDOW // 2 or everything or tried_enough:
            break
        n *= max(2, min(16, math.ceil(RANK_WINDOW / max(len(rows), 1))))
    return rows, pages, not everything


def _window_articles(selection: Selection, pages: list[int]) -> ArticleQuerySet:
    """The selection's articles on `pages`. With words side by side or left out, the articles there that
    the wider query finds are picked first, from the index alone, and only they are checked: PostgreSQL
    expects a phrase to match next to nothing, so it would check every article the index finds for it,
    on any page, and only then keep the window's (200 ms for 信用修复 on 100,000 articles).

    A scope of an id array (a reporter's articles, a city's) has its own on those pages picked first
    (Scope.ids_on), and only they are checked: ANDed with the index, a common word's every entry would be
    read (23-27 ms for 政法's 393,726 at 1,000,000 articles), and a city's 58,824 ids (44 ms)."""
    ids = selection.scope.ids_on(pages) if selection.query is not None else None
    if ids is not None:
        return Article.objects.filter(AnyOf(F("pk"), ids)).matching(selection.query)
    if selection.wider is None or selection.query is None:
        return selection.articles(pages=pages)
    wider = Selection(selection.scope, selection.wider).articles(pages=pages)
    with _bitmap_scans():
        ids = list(wider.order_by().values_list("pk", flat=True))
    return Article.objects.filter(AnyOf(F("pk"), ids)).matching(selection.query)


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
