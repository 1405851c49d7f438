from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

HOME_LIMIT = 200


def home(request: HttpRequest) -> HttpResponse:
    """A plain list of stored articles; a placeholder until the reading site is built."""
    try:
        from articles.models import Article
    except ImportError as err:  # the models are not written yet
        if err.name != "articles.models":
            raise
        articles = []
    else:
        articles = list(Article.objects.all()[:HOME_LIMIT])
    return render(request, "articles/home.html", {"articles": articles})
