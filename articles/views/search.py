"""Full-text search; and for bench/bench_http.py a constant view and a cached article page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.search import SearchForm, article_search


def search(request: HttpRequest) -> HttpResponse:
    """/search/?q=…&from=&to=&region=&reporter=&paper=&kind=&sort=&page=: ranked, filtered, paginated results,
    with facets."""
    form = SearchForm(request.GET)
    filters, filter_notes = form.search_filters()
    results = article_search(
        query=form.query, filters=filters, page=request.GET.get("page"), sort=form.sort_order, facets=True
    )
    notes = form.query_notes + filter_notes + results.notes
    return render(
        request,
        "articles/search/results.html",
        {
            "form": form,
            "filters": filters,
            "results": results,
            "notes": notes,
            "sort_links": form.sort_links(query=bool(results.terms)),
            "facet_links": form.facet_links(results.facets),
        },
    )
