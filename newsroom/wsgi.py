"""The WSGI application. gunicorn imports this once in its master (preload_app) and then forks."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()


def _warm_before_fork() -> None:
    """Load jieba's dictionary once here, so forked workers share it instead of each loading it."""
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
