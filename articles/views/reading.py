"""Home, archive, issues, pages and articles: the reading site. Each view runs a fixed number of queries."""

from __future__ import annotations

import datetime
from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Exists, Max, Min, OuterRef
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseRedirectBase
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse

from articles import reading, staff
from articles.models import Article, Correction, Issue, Newspaper, Page
from articles.pagecache import public_page

ISSUES_PER_PAGE = 10
# The home page lists by month the issues of this many years, the latest with issues and those before it;
# earlier years are on the archive page. All of them would be 12 links a year: at 1,000,000 articles (53
# years) 645 links, most of the home page's 100 ms, and a query reading every issue.
ARCHIVE_YEARS = 3
JSON_OPTIONS = {"ensure_ascii": False, "indent": 2}


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """The latest issues, newest first, each with its front page's headlines; the papers; the archive by
    month for the latest ARCHIVE_YEARS years, the earlier ones by a link to the archive page."""
    paginator = Paginator(Issue.objects.newest_first().with_front_page(), ISSUES_PER_PAGE)
    issues = paginator.get_page(request.GET.get("page"))  # not a number: the first; too far: the last
    span = Issue.objects.aggregate(first=Min("date"), last=Max("date"))  # two reads of the date index
    archive, earlier = [], False
    if span["last"] is not None:
        since = datetime.date(span["last"].year - ARCHIVE_YEARS + 1, 1, 1)
        months = Issue.objects.filter(date__gte=since).dates("date", "month", order="DESC")
        archive = [(year, list(dates)) for year, dates in groupby(months, key=lambda d: d.year)]
        earlier = span["first"] < since
    has_issues = Exists(Issue.objects.filter(newspaper=OuterRef("pk")))
    papers = Newspaper.objects.filter(has_issues).order_by("name")
    context = {"issues": issues, "archive": archive, "earlier": earlier, "papers": papers}
    return render(request, "articles/home.html", context)


@public_page
def archive(request: HttpRequest) -> HttpResponse:
    """Every paper, by year: how many of its issues the archive holds, linked to the paper's page."""
    years = reading.archive_years(Issue.objects.paper_years())
    return render(request, "articles/archive.html", {"years": years})


@public_page
def paper(request: HttpRequest, paper_slug: str) -> HttpResponse:
    """A paper's own page: its issues by year and month, newest first."""
    found = get_object_or_404(Newspaper, slug=paper_slug)
    dates = list(Issue.objects.filter(newspaper=found).order_by("date").values_list("date", flat=True))
    context = {
        "paper": found,
        "years": reading.issue_years(dates),
        "issue_count": len(dates),
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
    }
    return render(request, "articles/paper.html", context)


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for whatever the page links: the site's SVG icon."""
    return redirect(static("favicon.svg"), permanent=True)


def archive_year(request: HttpRequest, year: int) -> HttpResponse:
    """A calendar for each month of the year that has issues."""
    issues = list(Issue.objects.in_month(_year(year)))
    if not issues:
        raise Http404(f"{year}年没有收入档案的报纸")
    years = [d.year for d in Issue.objects.dates("date", "year")]
    context = {
        "year": year,
        "months": reading.year_calendars(year=year, issues=issues),
        "weekdays": reading.WEEKDAYS,
        "prev_year": max((y for y in years if y < year), default=None),
        "next_year": min((y for y in years if y > year), default=None),
    }
    return render(request, "articles/archive_year.html", context)


def archive_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    """One month's calendar, its dates linked to their issues."""
    if not 1 <= month <= 12:
        raise Http404(f"{month}月不是月份")
    issues = list(Issue.objects.in_month(_year(year), month))
    if not issues:
        raise Http404(f"{year}年{month}月没有收入档案的报纸")
    first = datetime.date(year, month, 1)
    months = list(Issue.objects.dates("date", "month"))
    context = {
        "month": reading.month_calendar(year=year, month=month, issues=issues),
        "weekdays": reading.WEEKDAYS,
        "issues": issues,
        "prev_month": max((m for m in months if m < first), default=None),
        "next_month": min((m for m in months if m > first), default=None),
    }
    return render(request, "articles/archive_month.html", context)


@public_page
def issue(request: HttpRequest, paper_slug: str, date: datetime.date) -> HttpResponse:
    """An issue's pages in order, each with its section and headlines; the paper's issues before and after."""
    found = get_object_or_404(
        Issue.objects.with_pages().with_neighbours(), newspaper__slug=paper_slug, date=date
    )
    return render(request, "articles/issue.html", {"issue": found})


def issue_json(request: HttpRequest, paper_slug: str, date: datetime.date) -> JsonResponse:
    """The issue as `manage.py export` prints it."""
    found = get_object_or_404(
        Issue.objects.select_related("newspaper"), newspaper__slug=paper_slug, date=date
    )
    pages = list(Page.objects.filter(issue=found).in_print_order().with_articles().defer("raw"))
    return JsonResponse(found.to_json(pages), json_dumps_params=JSON_OPTIONS)


@public_page
def page(request: HttpRequest, paper_slug: str, date: datetime.date, number: int) -> HttpResponse:
    """A page's articles in printed order: headlines, bylines, dateline, the start of the text; for an editor,
    links to the admin."""
    found = get_object_or_404(
        Page.objects.with_stories(), issue__newspaper__slug=paper_slug, issue__date=date, number=number
    )
    siblings = list(
        Page.objects.filter(issue_id=found.issue_id).order_by("number").values("number", "section")
    )
    context = {
        "page": found,
        "siblings": siblings,
        "prev_page": next((p for p in reversed(siblings) if p["number"] < number), None),
        "next_page": next((p for p in siblings if p["number"] > number), None),
        "editor": staff.editor_links(request, article_ids=[a.pk for a in found.articles.all()], page=found),
    }
    return render(request, "articles/page.html", context)


def page_source(request: HttpRequest, paper_slug: str, date: datetime.date, number: int) -> HttpResponse:
    """The page's raw text with line numbers, each article's lines marked; for an editor, links to the admin."""
    found = get_object_or_404(
        Page.objects.with_source(), issue__newspaper__slug=paper_slug, issue__date=date, number=number
    )
    articles = list(found.articles.all())
    context = {
        "page": found,
        "runs": reading.source_runs(text=reading.page_text(found), articles=articles),
        "legend": reading.legend(articles),
        "editor": staff.editor_links(request, article_ids=[a.pk for a in articles], page=found),
    }
    return render(request, "articles/page_source.html", context)


@public_page
def article(request: HttpRequest, pk: int) -> HttpResponse:
    """The article's permalink: headline, credits, text, its neighbours, how to cite it; for an editor, links
    to the admin."""
    found = Article.objects.for_reading().with_lead().filter(pk=pk).first()
    if found is None:
        return _retired(request, "articles:article", pk)
    if found.merged_into_id is not None:
        return _moved(request, "articles:article", found.merged_into_id)
    if found.continues_id is not None:
        # A continuation is read as part of its story: the story's page, scrolled to where this part starts.
        head = Article.objects.story_head_id(found.pk)
        return _moved(request, "articles:article", head, permanent=False, anchor=f"part-{found.pk}")
    parts = _story_parts(found)
    url = request.build_absolute_uri(reverse("articles:article", args=[found.pk]))
    show_source = request.GET.get("source") == "1"
    context = {
        "article": found,
        "parts": parts,
        "story": reading.story_paragraphs(parts),
        "last_part": parts[-1],
        "terms": reading.highlight_terms(request.GET.get("q", "")),
        "credits": reading.credits_text(found.bylines.all()),
        "dateline": reading.dateline_text(found),
        "cite": reading.article_cite(article=found, url=url, pages=[p.page.number for p in parts]),
        "permalink": url,
        "show_source": show_source,
        "source_runs": _article_source(found) if show_source else [],
        "editor": staff.editor_links(request, article_ids=[part.pk for part in parts]),
    }
    return render(request, "articles/article.html", context)


def article_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The article in the export's shape, with its id."""
    found = (
        Article.objects.with_details().defer("page__raw", "page__reconstructed_json").filter(pk=pk).first()
    )
    if found is None:
        return _retired(request, "articles:article_json", pk)
    if found.merged_into_id is not None:
        return _moved(request, "articles:article_json", found.merged_into_id)
    return JsonResponse(found.to_json(), json_dumps_params=JSON_OPTIONS)


def _moved(
    request: HttpRequest, name: str, pk: int, *, permanent: bool = True, anchor: str = ""
) -> HttpResponseRedirectBase:
    """A redirect to another article, keeping the query (?q= highlights there too)."""
    url = reverse(name, args=[pk])
    if request.GET:
        url = f"{url}?{request.GET.urlencode()}"
    if anchor:
        url = f"{url}#{anchor}"
    return redirect(url, permanent=permanent)


def _retired(request: HttpRequest, name: str, pk: int) -> HttpResponseRedirectBase:
    """An address a correction retired (the second part of a split since undone) redirects to the article
    that holds its text now; not for good, since undoing the undo brings the article back. 404 if none."""
    went_to = Correction.objects.text_went_to(pk)
    if went_to is None:
        raise Http404("没有这篇稿件")
    return _moved(request, name, went_to, permanent=False)


def _story_parts(found: Article) -> list[Article]:
    """The article and the parts that continue it on other pages, in reading order: one more query when
    it has continuations, none when it has not."""
    if found.continued_by_id is None:
        return [found]
    ids = Article.objects.story_part_ids(found.pk)[1:]
    rest = {
        a.pk: a
        for a in Article.objects.with_details()
        .defer("page__raw", "page__reconstructed_json")
        .filter(pk__in=ids)
    }
    return [found, *(rest[pk] for pk in ids if pk in rest)]


def _article_source(found: Article) -> list[reading.SourceRun]:
    raw_page = Page.objects.only("raw", "encoding").get(pk=found.page_id)
    return reading.article_source_runs(text=reading.page_text(raw_page), article=found)


def _year(year: int) -> int:
    """A year the date type can hold; others are 404, never a ValueError from the database layer."""
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise Http404(f"{year} 不是年份")
    return year
