from __future__ import annotations

from django.urls import path

from articles.views import reading

app_name = "articles"

# One section per area; each area adds its own paths in its section only.
urlpatterns = [
    # -- reading: home, archive, issues, pages, articles, JSON --------------------------------------
    path("", reading.home, name="home"),
    # -- directory: reporters, regions, feeds, sitemap ------------------------------------------------
    # -- search ---------------------------------------------------------------------------------------
]
