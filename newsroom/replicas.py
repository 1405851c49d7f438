"""Reads from PostgreSQL streaming replicas, writes and editors on the primary.

A deployment names its replicas in DATABASE_REPLICA_URLS (settings: aliases `replica1`, `replica2`, …, listed
in settings.DATABASE_REPLICAS). Only a reader's request goes to a replica: a GET or HEAD outside the admin
(`replica_reads`, a middleware), one replica for the whole request so that everything it shows, and the
archive's version its cached copy is filed under (articles/pagecache.py), comes from the same point in time.
Everything else reads where it writes, on the primary: the admin and every form an editor sends (they must
see their own corrections at once), ingest and the other commands, sessions and users (a reader who has just
signed in is signed in on every replica's page). Without replicas the router answers nothing and Django
uses `default` for all.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
# Apps whose rows a request must read fresh from where they were written.
PRIMARY_ONLY_APPS = {"auth", "sessions", "admin", "contenttypes"}

_request_replica: ContextVar[str | None] = ContextVar("request_replica", default=None)


def request_database() -> str:
    """The database this request reads the archive from: its replica, or the primary."""
    return _request_replica.get() or PRIMARY


class ReplicaRouter:
    def db_for_read(self, model: type[Model], **hints: object) -> str | None:
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        return _request_replica.get()

    def db_for_write(self, model: type[Model], **hints: object) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints: object) -> bool:
        return True  # the replicas hold the primary's rows: an object read anywhere is the same object

    def allow_migrate(self, db: str, app_label: str, **hints: object) -> bool:
        return db == PRIMARY  # a replica follows the primary's schema by itself


def replica_reads(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., HttpResponse]:
    """A reader's request (GET or HEAD, outside the admin) reads from one replica picked at random."""

    def middleware(request: HttpRequest) -> HttpResponse:
        replicas = settings.DATABASE_REPLICAS
        if not replicas or request.method not in ("GET", "HEAD") or request.path.startswith("/admin/"):
            return get_response(request)
        token = _request_replica.set(random.choice(replicas))  # noqa: S311 - spreading load, not a secret
        try:
            return get_response(request)
        finally:
            _request_replica.reset(token)

    return middleware
