"""Home, issues, pages and articles."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.models import Article

HOME_LIMIT = 200


def home(request: HttpRequest) -> HttpResponse:
    """A plain list of stored articles; a placeholder until the reading site is built."""
    articles = list(Article.objects.select_related("page__issue__newspaper").in_print_order()[:HOME_LIMIT])
    return render(request, "articles/home.html", {"articles": articles})
