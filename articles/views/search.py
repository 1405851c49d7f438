"""Full-text search, and the names its reporter and region boxes offer as one types."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from articles.pagecache import public_page
from articles.search import SearchForm, article_search
from articles.search.names import KINDS, MAX_NAME_CHARS, names_suggest


@public_page
def search(request: HttpRequest) -> HttpResponse:
    """/search/?q=…&from=&to=&region=&reporter=&paper=&kind=&sort=&page=: ranked, filtered, paginated results,
    with facets. Cached like every public page, under its whole address until the archive changes: a search
    asked again (the next page and back, a facet and back, a word many readers look for) costs no query; at
    1,000,000 articles one costs 15–40 ms, most of it PostgreSQL's ranking."""
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
            "name_choices": form.name_choices(),
            "sort_links": form.sort_links(query=bool(results.terms)),
            "facet_links": form.facet_links(results.facets),
        },
    )


@require_GET
@cache_control(public=True, max_age=60)
def names(request: HttpRequest) -> JsonResponse:
    """/search/names.json?kind=reporter|region&q=…: {"names": [{"value", "count"}]}, the reporters or places
    whose name holds q, for the search form's lists; 400 with {"error"} for an unknown kind or a q longer
    than any name."""
    kind = request.GET.get("kind", "")
    text = request.GET.get("q", "")
    if kind not in KINDS:
        return JsonResponse({"error": f"kind 应为 {' 或 '.join(KINDS)}"}, status=400)
    if len(text) > MAX_NAME_CHARS * 4:  # spaces are dropped: a name may come spaced out, not much more
        return JsonResponse({"error": f"q 太长：名字最多 {MAX_NAME_CHARS} 个字"}, status=400)
    found = names_suggest(kind=kind, text=text)
    return JsonResponse(
        {"names": [{"value": name.label, "count": name.count} for name in found]},
        json_dumps_params={"ensure_ascii": False},
    )
