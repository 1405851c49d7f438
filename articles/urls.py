from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from articles import feeds
from articles.converters import IsoDateConverter
from articles.pagecache import public_page
from articles.sitemaps import SITEMAPS
from articles.views import directory, reading, search

register_converter(IsoDateConverter, "isodate")

app_name = "articles"

# One section per area; each area adds its own paths in its section only.
urlpatterns = [
    # -- reading: home, archive, issues, pages, articles, JSON --------------------------------------
    path("", reading.home, name="home"),
    path("archive/", reading.archive, name="archive"),
    path("favicon.ico", reading.favicon, name="favicon"),
    path("archive/<int:year>/", reading.archive_year, name="archive_year"),
    path("archive/<int:year>/<int:month>/", reading.archive_month, name="archive_month"),
    path("articles/<int:pk>/", reading.article, name="article"),
    path("articles/<int:pk>.json", reading.article_json, name="article_json"),
    # Paper slugs are free text (法治日报), so these come after every fixed prefix of this section;
    # the date converter keeps them from matching /reporters/5/ and the like.
    path("<str:paper_slug>/<isodate:date>/", reading.issue, name="issue"),
    path("<str:paper_slug>/<isodate:date>.json", reading.issue_json, name="issue_json"),
    path("<str:paper_slug>/<isodate:date>/<int:number>/", reading.page, name="page"),
    path("<str:paper_slug>/<isodate:date>/<int:number>/source/", reading.page_source, name="page_source"),
    # -- directory: reporters, regions, feeds, sitemap ------------------------------------------------
    path("reporters/", directory.reporters, name="reporters"),
    path("reporters/<int:person_id>/", directory.reporter, name="reporter"),
    path("reporters/<int:person_id>/feed/", public_page(feeds.ReporterFeed()), name="reporter_feed"),
    path("regions/", directory.regions, name="regions"),
    path("regions/<int:place_id>/", directory.region, name="region"),
    path("regions/<int:place_id>/feed/", public_page(feeds.RegionFeed()), name="region_feed"),
    path("feed/", public_page(feeds.ArticleFeed()), name="feed"),
    path(
        "sitemap.xml",
        public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    # -- search ---------------------------------------------------------------------------------------
    path("search/", search.search, name="search"),
    path("search/names.json", search.names, name="search_names"),
    # -- a paper's own page: /法治日报/ ----------------------------------------------------------------
    # Last of all: a free-text slug followed by nothing else would take any fixed one-word prefix above
    # (reporters/, regions/, feed/, search/, archive/); a new fixed prefix goes above this line.
    path("<str:paper_slug>/", reading.paper, name="paper"),
]
