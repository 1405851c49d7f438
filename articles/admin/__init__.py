"""The admin: plain registrations for looking at the data, and the editing admin of articles.

Editors change articles only through the services of articles/editing/, each recorded as a Correction.
One module per area: pages (newspapers, issues, pages), articles (the article admin), people (reporters,
places), history (corrections), and beneath them the article's own pages (views), merge, the review queue
(review), forms, filters and display helpers. Importing the areas registers their admins.
"""

from __future__ import annotations

from django.contrib import admin

from articles.admin import articles, history, pages, people

__all__ = ["articles", "history", "pages", "people"]

# The admin index links to the review queue; the header names the newsroom's admin, not Django.
admin.site.index_template = "admin/articles/index.html"
admin.site.site_header = admin.site.site_title = "稿件编辑后台"
