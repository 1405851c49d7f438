"""gunicorn settings for `make run`; override any with GUNICORN_CMD_ARGS="--bind ... --workers ..."."""

from __future__ import annotations

import os
from pathlib import Path

wsgi_app = "newsroom.wsgi:application"
bind = "127.0.0.1:8000"
# Two cores here; three sync workers keep one free for a slow request. WEB_CONCURRENCY overrides.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Import Django (and warm jieba) once in the master, then fork: workers share those pages.
preload_app = True
timeout = 30
graceful_timeout = 10
accesslog = "-"
errorlog = "-"
pidfile = str(Path(__file__).resolve().parent.parent / "var" / "gunicorn.pid")
# No runtime control socket (gunicornc): nothing uses it, and it would live in $HOME, shared by projects.
control_socket_disable = True
