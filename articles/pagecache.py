"""The public pages, cached until the archive changes.

What a reader sees changes only when a page is ingested or an editor corrects something, so a rendered
page stays good until then: it is cached under its full path and the archive's version, a value that
moves with both (the newest ingest time and the newest correction), read with one query of two index
lookups. A worker reads the version at most once a second; a change made in the worker itself forgets
it at once (post_save of Page and Correction). So a correction shows on the public pages at once where
it was made and within a second everywhere, and a cached page costs no query at all.

For the caches between us and the reader (a browser, a reverse proxy, a CDN) every public page carries an
ETag (its path and the archive's version), Last-Modified (the archive's last change) and Cache-Control
(public, PUBLIC_MAX_AGE seconds): a cache serves it that long, then revalidates, and a page unchanged since
costs a 304 and no rendering. `Vary: Cookie` keeps a signed-in editor's page apart from the readers' one.

An editor's page is never served from the cache nor stored in it: it carries links to the admin
(articles/staff.py) that no reader may see. Editors are few; rendering their pages afresh costs nothing that
matters, and keeps the readers' copies as they were.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connections
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from articles.models import Correction, Page
from articles.staff import is_editor
from newsroom.replicas import request_database

logger = logging.getLogger(__name__)

# A backstop: what the version cannot see (a name edited outside the services) shows within this time.
PUBLIC_CACHE_SECONDS = 300
VERSION_SECONDS = 1.0  # how long a worker trusts the version it read
# What a cached copy answers with besides its body (the sitemap's views say robots should not index it).
KEPT_HEADERS = ("Content-Type", "X-Robots-Tag")
# How long a browser or a shared cache may serve a public page before asking again (then a 304 when unchanged).
PUBLIC_MAX_AGE = 60


@dataclass(frozen=True)
class ArchiveState:
    version: str  # moves with every ingest and correction
    changed_at: datetime.datetime | None  # the newest of them; None while the archive is empty


# Per database (the primary, each replica): when read, what was read; this process only.
_states: dict[str, tuple[float, ArchiveState]] = {}


def archive_state() -> ArchiveState:
    """The archive's version and when it last changed: a page ingested or replaced, a correction made or
    undone (an undo is a correction too). One query of three index lookups, at most once a second. Read
    from the database this request reads the archive from (a replica's version is the replica's: a page
    it renders is filed under the version it was rendered from)."""
    database = request_database()
    now = time.monotonic()
    known = _states.get(database)
    if known is not None and now - known[0] < VERSION_SECONDS:
        return known[1]
    corrections, pages = Correction._meta.db_table, Page._meta.db_table
    with connections[database].cursor() as cursor:
        cursor.execute(
            f"SELECT c.id, c.created_at, (SELECT max(ingested_at) FROM {pages})"  # noqa: S608 - table names
            f" FROM (SELECT 1) AS one LEFT JOIN (SELECT id, created_at FROM {corrections}"
            " ORDER BY id DESC LIMIT 1) AS c ON true"
        )
        correction_id, corrected_at, ingested_at = cursor.fetchone()
    times = [t for t in (corrected_at, ingested_at) if t is not None]
    state = ArchiveState(version=f"{correction_id}|{ingested_at}", changed_at=max(times, default=None))
    _states[database] = (now, state)
    return state


def content_version() -> str:
    """Changes whenever a page is ingested or replaced and whenever a correction is made or undone."""
    return archive_state().version


def archive_changed(**_: object) -> None:
    """Forget the version read: the archive has just changed in this process."""
    _states.clear()


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
        state = archive_state()
        digest = hashlib.sha256(f"{request.get_full_path()}\n{state.version}".encode()).hexdigest()
        etag = f'"{digest[:32]}"'
        unchanged = get_conditional_response(request, etag=etag, last_modified=_timestamp(state.changed_at))
        if unchanged is not None:  # the reader's copy is still right: 304, nothing rendered
            return _for_shared_caches(unchanged, etag=etag, changed_at=state.changed_at)
        key = "public:" + digest
        hit = _cache_get(key)
        if hit is not None:
            headers, content = hit
            return _for_shared_caches(
                HttpResponse(content, headers=headers), etag=etag, changed_at=state.changed_at
            )
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):  # a TemplateResponse (the sitemap's) is rendered late otherwise
            response.render()
        if response.status_code == 200 and not response.streaming:
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            _cache_set(key, (headers, response.content))
            _for_shared_caches(response, etag=etag, changed_at=state.changed_at)
        return response

    return wrapped


# The cache only spares work: when it fails (a shared Redis gone away), the page is rendered and served all
# the same, and the failure logged.


def _cache_get(key: str) -> object | None:
    try:
        return cache.get(key)
    except Exception:  # the backend's own errors (redis-py's), whatever the backend
        logger.warning("page cache unavailable; rendering %s afresh", key, exc_info=True)
        return None


def _cache_set(key: str, value: object) -> None:
    try:
        cache.set(key, value, PUBLIC_CACHE_SECONDS)
    except Exception:
        logger.warning("page cache unavailable; %s not kept", key, exc_info=True)


def _timestamp(when: datetime.datetime | None) -> int | None:
    return int(when.timestamp()) if when is not None else None


def _for_shared_caches(
    response: HttpResponse, *, etag: str, changed_at: datetime.datetime | None
) -> HttpResponse:
    """Let browsers and shared caches keep the reader's page and revalidate it."""
    response["ETag"] = etag
    if changed_at is not None:
        response["Last-Modified"] = http_date(_timestamp(changed_at))
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    patch_vary_headers(response, ["Cookie"])
    return response
