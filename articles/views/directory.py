"""Reporters and regions: who wrote what, and where it was about."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from articles import charts, names
from articles.directory import article_items, provinces_counted
from articles.listing import BadPageAddress, ListPage, list_page
from articles.models import Article, ArticleQuerySet, Byline, Person, Place
from articles.pagecache import public_page


@public_page
def reporters(request: HttpRequest) -> HttpResponse:
    """Everyone with a byline, by the pinyin initial of their surname, with their article counts."""
    groups = names.by_initial(Person.objects.bylined(), name=lambda person: person.name)
    return render(
        request,
        "articles/directory/reporters.html",
        {
            "groups": groups,
            "letters": names.jump_letters(groups),
            "people_count": sum(len(group.items) for group in groups),
        },
    )


@public_page
def reporter(request: HttpRequest, person_id: int) -> HttpResponse:
    """One person's articles, newest first, with their role on each, co-authors, regions and activity; a
    spelling editors merged into another person redirects to that person's page for good."""
    person = get_object_or_404(Person, pk=person_id)
    if person.merged_into_id is not None:
        return redirect("articles:reporter", person.merged_into_id, permanent=True)
    own = Byline.objects.filter(person=person).order_by("order")
    articles = (
        Article.objects.stories()
        .for_listing()
        .prefetch_related(Prefetch("bylines", queryset=own, to_attr="person_bylines"))
    )
    page = _list_page(request, articles, through=Byline.objects.stories_of(person))
    if page is None:
        return redirect(request.path)
    months = [(row["month"], row["count"]) for row in Byline.objects.stories_of(person).monthly_counts()]
    return render(
        request,
        "articles/directory/reporter.html",
        {
            "person": person,
            "page": page,
            "count": person.article_count,  # kept (articles.counts): what articles.count() would say
            "items": article_items(page.articles),
            "coauthors": Person.objects.coauthors_of(person),
            "regions": Place.objects.regions_of(person),
            "chart": charts.activity_bars(months, who=person.name, chart_id="activity"),
            "feed_url": reverse("articles:reporter_feed", args=[person.pk]),
        },
    )


@public_page
def regions(request: HttpRequest) -> HttpResponse:
    """China's 34 province-level divisions with their story counts, as a tile map and a list with the
    cities that stories name under each province."""
    provinces = provinces_counted()
    tiles = [charts.Tile(code=p.code, name=p.name, count=p.count, url=p.url) for p in provinces]
    return render(
        request,
        "articles/directory/regions.html",
        {
            "provinces": provinces,
            "any_articles": any(p.count for p in provinces),
            "tile_map": charts.province_tile_map(tiles, title="各省级行政区稿件数", chart_id="tile-map"),
        },
    )


@public_page
def region(request: HttpRequest, place_id: int) -> HttpResponse:
    """A province, city or county: the places under it that articles name, and its articles."""
    place = get_object_or_404(Place.objects.select_related("parent__parent"), pk=place_id)
    articles = Article.objects.stories().about_place(place).for_listing().newest_first()
    page = _list_page(request, articles)
    if page is None:
        return redirect(request.path)
    return render(
        request,
        "articles/directory/region.html",
        {
            "place": place,
            "ancestors": [p for p in (place.parent and place.parent.parent, place.parent) if p],
            "children": Place.objects.children_counted(place),
            "page": page,
            "count": place.article_count,  # kept (articles.counts): what articles.count() would say
            "items": article_items(page.articles),
            "feed_url": reverse("articles:region_feed", args=[place.pk]),
        },
    )


def _list_page(
    request: HttpRequest, articles: ArticleQuerySet, *, through: QuerySet | None = None
) -> ListPage | None:
    """The page of the list the request names; None for a numbered page (?page=3, from before the lists
    were read by keyset) or an edge that is none: the list's first page is where the reader goes (and no
    such address fills the page cache)."""
    if "page" in request.GET:
        return None
    try:
        return list_page(articles, request.GET, through=through)
    except BadPageAddress:
        return None
