"""The WSGI application. gunicorn imports this once in its master (preload_app) and then forks."""

from __future__ import annotations

import gc
import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")


def _serving_check() -> None:
    """A public server states its key and its host names: a key made up on this machine would change with
    the machine, and the local host names would turn its visitors away."""
    from django.conf import settings

    if settings.DEBUG:
        return
    if not settings.SECRET_KEY_GIVEN:
        raise ImproperlyConfigured(
            "Serving with DJANGO_DEBUG off needs DJANGO_SECRET_KEY or DJANGO_SECRET_KEY_FILE "
            "(make run sets DJANGO_SECRET_KEY_FILE=var/secret_key)."
        )
    if not os.environ.get("DJANGO_ALLOWED_HOSTS", "").strip():
        raise ImproperlyConfigured(
            "Serving with DJANGO_DEBUG off needs DJANGO_ALLOWED_HOSTS, the host names the site answers to "
            "(e.g. news.example.org)."
        )


_serving_check()
application = get_wsgi_application()


def _warm_before_fork() -> None:
    """Load now what every worker needs, so that forked workers share it instead of each loading it: jieba's
    dictionary, and the URLconf with every view it imports (Django imports it at the first request; through
    articles.names it loads pypinyin's dictionaries, ~50 MB)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports the URLconf and every view module
    try:
        from articles.reconstruct import segment
    except ModuleNotFoundError as err:
        if err.name not in ("articles.reconstruct", "articles.reconstruct.segment"):
            raise  # the module is there but something it needs is not
        return
    warm = getattr(segment, "warm", None)
    if callable(warm):
        warm()


_warm_before_fork()

# Workers must not inherit a connection that warming might have opened in the master.
from django.db import connections  # noqa: E402

connections.close_all()

# Everything loaded so far lives as long as the process: out of the collector's sight (gc.freeze), so that a
# collection in a forked worker does not write to, and so copy, the pages it shares with the master.
gc.freeze()
