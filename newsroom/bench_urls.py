"""The site's addresses and two more for bench/bench_http.py, which sets NEWSROOM_BENCH=1 to use them: a
constant page to compare with, and the article page behind Django's per-view cache, to show what caching would
change. No other run serves them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.cache import cache_page

from articles.views import reading
from newsroom.urls import urlpatterns as site

BARE_BODY = (
    b"<!doctype html><title>bare</title><p>A constant page: Django's own cost, for bench/bench_http.py."
)


def bare(request: HttpRequest) -> HttpResponse:
    """A constant response through the whole middleware stack: no template, no query."""
    return HttpResponse(BARE_BODY)


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    # The article page as it is, cached per view for a minute (each gunicorn worker's own memory cache).
    path("bench/cached/articles/<int:pk>/", cache_page(60)(reading.article), name="bench_cached_article"),
    *site,
]
