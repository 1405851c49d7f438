"""What the reading site shows that is more than a row: calendars, the marked source, cite texts, terms.

Reads only what the QuerySet methods in articles/models/ fetched; no queries of its own.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from articles import models
from articles.reconstruct import jumps, segment
from articles.reconstruct.text import normalise_newlines

ROLE_NAMES = dict(models.Byline.Role.choices)
WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
SOURCE_COLOURS = 6  # .src-c0 … .src-c5 in site.css
MAX_QUERY_LENGTH = 100  # a search box's worth; longer is not a query a reader typed
MAX_TERMS = 20
SPACES = re.compile(r"\s+")  # 法治 江苏


def role_name(role: str) -> str:
    """A byline role in Chinese: reporter → 记者."""
    return ROLE_NAMES.get(role, role)


def issue_date_text(date: datetime.date) -> str:
    """>>> issue_date_text(datetime.date(2025, 1, 24))
    '2025年1月24日'
    """
    return f"{date.year}年{date.month}月{date.day}日"


def credits_text(bylines: Iterable[models.Byline]) -> str:
    """Bylines grouped by role, as a citation writes them.

    Reporters 丁国锋 and 张冲, correspondent 李长生 → '记者丁国锋、张冲，通讯员李长生'.
    """
    names: dict[str, list[str]] = defaultdict(list)
    for byline in bylines:
        names[byline.role].append(byline.person.name)
    return "，".join(role_name(role) + "、".join(people) for role, people in names.items())


def article_cite(*, article: models.Article, url: str, pages: Sequence[int] = ()) -> str:
    """How to cite an article: 《法治日报》2025年1月24日第2版：《标题》，记者丁国锋。 URL

    A story printed over several pages cites them all: 第1、2版.
    """
    page = article.page
    numbers = "、".join(str(n) for n in (pages or [page.number]))
    text = (
        f"《{page.issue.newspaper.name}》{issue_date_text(page.issue.date)}第{numbers}版："
        f"《{article.headline}》"
    )
    credits = credits_text(article.bylines.all())
    return f"{text}，{credits}。{url}" if credits else f"{text}。{url}"


def dateline_text(article: models.Article) -> str:
    """The dateline as one phrase: agency, place, date (本报南京1月23日); empty when there is none."""
    if not article.dateline_agency:
        return ""
    return f"{article.dateline_agency}{article.dateline_place}{article.dateline_date}"


def highlight_terms(query: str) -> list[str]:
    """The words of a search query to mark in a text: the query itself, its parts and its jieba words.

    Longest first, so that a longer match wins over a word inside it.
    """
    query = SPACES.sub(" ", query).strip()[:MAX_QUERY_LENGTH]
    if not query:
        return []
    terms = [query, *query.split(" "), *segment.words(query)]
    unique = dict.fromkeys(t for t in terms if t.strip())
    return sorted(unique, key=len, reverse=True)[:MAX_TERMS]


# -- A story over several pages --------------------------------------------------------------------


@dataclass(frozen=True)
class PageTurn:
    """Where a story goes on to another printed page: that part's article and page."""

    article_id: int
    page_number: int


@dataclass(frozen=True)
class Piece:
    text: str
    turn: PageTurn | None = None  # the page turns just before this text, inside its paragraph


@dataclass(frozen=True)
class StoryParagraph:
    """A paragraph of the whole story; one the jump cut in two is one again, made of two pieces."""

    kind: str
    pieces: tuple[Piece, ...]
    turn: PageTurn | None = None  # the page turns just before this paragraph

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


def story_paragraphs(parts: Sequence[models.Article]) -> list[StoryParagraph]:
    """The paragraphs of a story printed in parts, in reading order, without the jump markers (下转第二版,
    上接第一版). Where the jump cut a paragraph (the continuation runs on from its marker) the two halves
    become one paragraph again, with the page turn marked between them."""
    out: list[StoryParagraph] = []
    for index, part in enumerate(parts):
        paragraphs = [(p.kind, p.text) for p in part.paragraphs.all()]
        if index + 1 < len(parts) and paragraphs:
            kind, text = paragraphs[-1]
            paragraphs[-1] = (kind, jumps.jump_to_strip(text))
        turn = PageTurn(article_id=part.pk, page_number=part.page.number) if index else None
        runs_on = False
        if index and paragraphs and jumps.JUMP_FROM_START.match(paragraphs[0][1]):
            rest = jumps.jump_from_strip(paragraphs[0][1])
            runs_on = bool(rest.strip())
            paragraphs[0] = (paragraphs[0][0], rest)
        paragraphs = [(kind, text) for kind, text in paragraphs if text.strip()]
        if not paragraphs:
            continue
        if turn and runs_on and out and out[-1].kind == models.Paragraph.Kind.BODY:
            last = out.pop()
            out.append(StoryParagraph(last.kind, (*last.pieces, Piece(paragraphs[0][1], turn)), last.turn))
            paragraphs = paragraphs[1:]
            turn = None
        for kind, text in paragraphs:
            out.append(StoryParagraph(kind, (Piece(text),), turn))
            turn = None
    return out


# -- Archive calendar -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarDay:
    date: datetime.date
    in_month: bool
    issues: tuple[models.Issue, ...] = ()


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    weeks: list[list[CalendarDay]]
    issue_count: int

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)


def month_calendar(*, year: int, month: int, issues: Iterable[models.Issue]) -> Month:
    """A month as weeks Monday to Sunday, each day with the issues of that date."""
    by_date: dict[datetime.date, list[models.Issue]] = defaultdict(list)
    for issue in issues:
        by_date[issue.date].append(issue)
    weeks = [
        [
            CalendarDay(date=day, in_month=day.month == month, issues=tuple(by_date.get(day, ())))
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    return Month(year=year, month=month, weeks=weeks, issue_count=sum(len(v) for v in by_date.values()))


def year_calendars(*, year: int, issues: Sequence[models.Issue]) -> list[Month]:
    """One calendar for each month of the year that has issues, in order."""
    months = sorted({issue.date.month for issue in issues})
    return [
        month_calendar(year=year, month=m, issues=[i for i in issues if i.date.month == m]) for m in months
    ]


# -- A paper's issues, the archive by year ---------------------------------------------------------


@dataclass(frozen=True)
class IssueMonth:
    year: int
    month: int
    dates: tuple[datetime.date, ...]  # oldest first, as a calendar reads

    @property
    def anchor(self) -> str:
        """The fragment a paper's page gives this month: "2025-01"."""
        return f"{self.year}-{self.month:02d}"


@dataclass(frozen=True)
class IssueYear:
    year: int
    months: tuple[IssueMonth, ...]  # newest first

    @property
    def count(self) -> int:
        return sum(len(m.dates) for m in self.months)


def issue_years(dates: Iterable[datetime.date]) -> list[IssueYear]:
    """A paper's issue dates by year and month, newest year and month first, each month's days in order.

    >>> [(y.year, [(m.month, [d.day for d in m.dates]) for m in y.months]) for y in issue_years(
    ...     [datetime.date(2025, 1, 27), datetime.date(2024, 12, 30), datetime.date(2025, 1, 24)])]
    [(2025, [(1, [24, 27])]), (2024, [(12, [30])])]
    """
    by_month: dict[tuple[int, int], list[datetime.date]] = defaultdict(list)
    for date in dates:
        by_month[(date.year, date.month)].append(date)
    years: dict[int, list[IssueMonth]] = defaultdict(list)
    for (year, month), days in sorted(by_month.items(), reverse=True):
        years[year].append(IssueMonth(year=year, month=month, dates=tuple(sorted(days))))
    return [IssueYear(year=year, months=tuple(months)) for year, months in years.items()]


@dataclass(frozen=True)
class PaperYear:
    """One paper's issues in one year, as the archive lists them."""

    name: str
    slug: str
    count: int
    first: datetime.date
    last: datetime.date


def archive_years(rows: Iterable[dict]) -> list[tuple[int, list[PaperYear]]]:
    """IssueQuerySet.paper_years rows as (year, papers), newest year first."""
    years: dict[int, list[PaperYear]] = defaultdict(list)
    for row in rows:
        years[row["year"]].append(
            PaperYear(
                name=row["newspaper__name"],
                slug=row["newspaper__slug"],
                count=row["count"],
                first=row["first"],
                last=row["last"],
            )
        )
    return sorted(years.items(), reverse=True)


# -- The page's source, marked --------------------------------------------------------------------


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str
    headline: bool = False

    @property
    def blank(self) -> bool:
        return not self.text.strip(" \u3000\t\u00a0")


@dataclass
class SourceRun:
    """Consecutive lines that belong to the same article (or to none: the page's furniture)."""

    index: int | None  # the article's place in the page's list; None for furniture
    article: models.Article | None
    colour: int | None
    headline: bool
    lines: list[SourceLine] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.article is None:
            return ""
        return self.article.headline


def page_text(page: models.Page) -> str:
    """The page's raw bytes as text, decoded the way ingest decoded them."""
    return bytes(page.raw).decode(page.encoding, errors="replace").removeprefix("\ufeff")


def source_lines(text: str) -> list[str]:
    """Lines numbered as the engine numbers them (1-based; a final newline starts no line)."""
    lines = normalise_newlines(text).split("\n")
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()
    return lines


def source_runs(*, text: str, articles: Sequence[models.Article]) -> list[SourceRun]:
    """The page's lines in runs by owning article, headline lines flagged, blank lines joined to a run
    when the same article owns the lines on both sides."""
    lines = source_lines(text)
    owner: list[int | None] = [None] * (len(lines) + 1)  # 1-based: owner[n] is an index into articles
    headline = [False] * (len(lines) + 1)
    for index, article in enumerate(articles):
        for paragraph in article.paragraphs.all():
            for n in range(max(paragraph.line_start, 1), min(paragraph.line_end, len(lines)) + 1):
                owner[n] = index
        for n in article.headline_lines:
            if 1 <= n <= len(lines):
                owner[n] = index
                headline[n] = True
    _blank_lines_join(lines, owner, headline)

    runs: list[SourceRun] = []
    for n, text in enumerate(lines, start=1):
        index = owner[n]
        if not runs or (runs[-1].index, runs[-1].headline) != (index, headline[n]):
            runs.append(
                SourceRun(
                    index=index,
                    article=articles[index] if index is not None else None,
                    colour=index % SOURCE_COLOURS if index is not None else None,
                    headline=headline[n],
                )
            )
        text = text.rstrip()
        runs[-1].lines.append(SourceLine(number=n, text=text, headline=headline[n] and bool(text.strip())))
    return runs


def article_source_runs(*, text: str, article: models.Article) -> list[SourceRun]:
    """Only the runs of one article's lines (its headline lines may stand far from its text)."""
    return [run for run in source_runs(text=text, articles=[article]) if run.index is not None]


def legend(articles: Sequence[models.Article]) -> list[tuple[models.Article, int]]:
    """Each article with its colour in the source view."""
    return [(article, index % SOURCE_COLOURS) for index, article in enumerate(articles)]


def _blank_lines_join(lines: list[str], owner: list[int | None], headline: list[bool]) -> None:
    """Give a blank line the owner of the lines around it when both sides agree, so runs stay whole."""
    last_owner: int | None = None
    last_headline = False
    pending: list[int] = []
    for n, text in enumerate(lines, start=1):
        if not text.strip(" \u3000\t\u00a0"):
            pending.append(n)
            continue
        if pending and last_owner is not None and owner[n] == last_owner and headline[n] == last_headline:
            for blank in pending:
                owner[blank] = last_owner
                headline[blank] = last_headline
        pending = []
        last_owner, last_headline = owner[n], headline[n]
