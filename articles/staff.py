"""What an editor sees on the public pages: the way to the admin page where a story is corrected.

A logged-in staff user reading an article, a page or a page's source gets links to the admin (编辑) and is
told which of the stories shown wait in the review queue (在审核队列中). Readers get nothing of it, and no
cached page holds it: `articles.pagecache.public_page` neither serves an editor from the cache nor stores
what it rendered for one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from articles.models import Article, Page


def is_editor(request: HttpRequest) -> bool:
    """A logged-in staff user: someone the admin lets in. Costs no query for a reader without a session."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


@dataclass(frozen=True)
class EditorLinks:
    """The admin's side of a public page. `queued`: which of the page's articles are in the review queue."""

    can_edit_articles: bool
    queued: frozenset[int]
    review_url: str
    page_url: str = ""  # the page's own admin page
    page_articles_url: str = ""  # the admin's list of the page's articles


def editor_links(
    request: HttpRequest, *, article_ids: Iterable[int], page: Page | None = None
) -> EditorLinks | None:
    """The links for an editor, None for anyone else; one query (the review queue) when the page shows
    articles."""
    if not is_editor(request):
        return None
    user = request.user
    ids = list(article_ids)
    queue = Article.objects.review_queue().filter(pk__in=ids).order_by().values_list("pk", flat=True)
    can_edit_articles = user.has_perm("articles.change_article")
    links = EditorLinks(
        can_edit_articles=can_edit_articles,
        queued=frozenset(queue) if ids else frozenset(),
        review_url=reverse("admin:articles_article_review"),
    )
    if page is None:
        return links
    return dataclasses.replace(
        links,
        page_url=reverse("admin:articles_page_change", args=[page.pk])
        if user.has_perm("articles.change_page")
        else "",
        page_articles_url=_page_articles_url(page) if can_edit_articles else "",
    )


def _page_articles_url(page: Page) -> str:
    """The article list filtered to one page, by the filters its sidebar offers (paper, date, page number)."""
    issue = page.issue
    query = {
        "page__issue__newspaper__id__exact": issue.newspaper_id,
        "date": f"{issue.date:%Y-%m-%d}",
        "page_number": page.number,
    }
    return f"{reverse('admin:articles_article_changelist')}?{urlencode(query)}"
