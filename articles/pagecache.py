"""The public pages, cached until the archive changes.

What a reader sees changes only when a page is ingested or an editor corrects something, so a rendered
page stays good until then: it is cached under its full path and the archive's version, a value that
moves with both (the newest ingest time and the newest correction), read with one query of two index
lookups. A worker reads the version at most once a second; a change made in the worker itself forgets
it at once (post_save of Page and Correction). So a correction shows on the public pages at once where
it was made and within a second everywhere, and a cached page costs no query at all.

An editor's page is never served from the cache nor stored in it: it carries links to the admin
(articles/staff.py) that no reader may see. Editors are few; rendering their pages afresh costs nothing that
matters, and keeps the readers' copies as they were.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from articles.models import Correction, Page
from articles.staff import is_editor

# A backstop: what the version cannot see (a name edited outside the services) shows within this time.
PUBLIC_CACHE_SECONDS = 300
VERSION_SECONDS = 1.0  # how long a worker trusts the version it read

_version: tuple[float, str] | None = None  # (when read, version), this process only


def content_version() -> str:
    """Changes whenever a page is ingested or replaced and whenever a correction is made or undone."""
    global _version
    now = time.monotonic()
    if _version is not None and now - _version[0] < VERSION_SECONDS:
        return _version[1]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT max(id) FROM {Correction._meta.db_table}),"  # noqa: S608 - table names, no input
            f" (SELECT max(ingested_at) FROM {Page._meta.db_table})"
        )
        version = "|".join(str(value) for value in cursor.fetchone())
    _version = (now, version)
    return version


def archive_changed(**_: object) -> None:
    """Forget the version read: the archive has just changed in this process."""
    global _version
    _version = None


def connect_signals() -> None:
    """Forget the version whenever this process saves or deletes a page or a correction (called once, from
    the app's ready())."""
    for model in (Page, Correction):
        post_save.connect(archive_changed, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(archive_changed, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}")


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a GET from the cache while the archive is unchanged; cache successful pages only, and never an
    editor's."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if is_editor(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)  # nor in any cache between us and the editor
            return response
        path = request.get_full_path()
        key = "public:" + hashlib.sha256(f"{path}\n{content_version()}".encode()).hexdigest()
        hit = cache.get(key)
        if hit is not None:
            content_type, content = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response["Content-Type"], response.content), PUBLIC_CACHE_SECONDS)
        return response

    return wrapped
