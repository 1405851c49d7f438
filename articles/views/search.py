"""Full-text search; and for bench/bench_http.py a constant view and a cached article page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_page

from articles.search import SearchForm, article_search
from articles.views import reading

BARE_BODY = (
    b"<!doctype html><title>bare</title><p>A constant page: Django's own cost, for bench/bench_http.py."
)


def search(request: HttpRequest) -> HttpResponse:
    """/search/?q=…&from=&to=&region=&reporter=&paper=&page=: ranked, filtered, paginated results."""
    form = SearchForm(request.GET)
    filters, filter_notes = form.search_filters()
    results = article_search(query=form.query, filters=filters, page=request.GET.get("page"))
    notes = form.query_notes + filter_notes + results.notes
    return render(
        request,
        "articles/search/results.html",
        {"form": form, "filters": filters, "results": results, "notes": notes},
    )


def bench_bare(request: HttpRequest) -> HttpResponse:
    """A constant response through the whole middleware stack: no template, no query."""
    return HttpResponse(BARE_BODY)


# The article page as it is, cached per view for a minute (each gunicorn worker's own memory cache).
bench_cached_article = cache_page(60)(reading.article)
