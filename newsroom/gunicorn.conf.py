"""gunicorn settings for `make run`; override any with GUNICORN_CMD_ARGS="--bind ... --workers ...".

PORT            the port on 127.0.0.1 to serve on, default 8000: `PORT=8001 make run`.
WEB_CONCURRENCY the number of worker processes, default 3.

Everything is standalone Python: gunicorn reads this file before the project is on its import path.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

DEFAULT_PORT = 8000
# The checkout this file belongs to, whatever the working directory: each checkout has its own var/.
CHECKOUT = Path(__file__).resolve().parent.parent


def _whole_number(name: str, default: int, *, low: int, high: int, meaning: str) -> int:
    """A whole number from the environment, `default` when unset or empty; out of range stops gunicorn
    with one line naming the variable (SystemExit: gunicorn would wrap an ordinary error in a traceback)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise SystemExit(
            f"{name}={os.environ[name]!r}: expected {meaning}, a whole number from {low} to {high}."
        )
    return int(raw)


wsgi_app = "newsroom.wsgi:application"
bind = f"127.0.0.1:{_whole_number('PORT', DEFAULT_PORT, low=1, high=65535, meaning='a TCP port')}"
# Two cores here; three sync workers keep one free for a slow request.
workers = _whole_number("WEB_CONCURRENCY", 3, low=1, high=64, meaning="a number of worker processes")
# Import Django (and warm jieba) once in the master, then fork: workers share those pages.
preload_app = True
timeout = 30
graceful_timeout = 10
accesslog = "-"
errorlog = "-"
# Per checkout: two checkouts' servers (on two ports) never take each other's pid file. `make stop` reads it.
pidfile = str(CHECKOUT / "var" / "gunicorn.pid")
# No runtime control socket (gunicornc): nothing uses it, and it would live in $HOME, shared by projects.
control_socket_disable = True


def when_ready(server: Any) -> None:
    """Say where the site is once gunicorn is listening: the address it really bound, not the one asked for."""
    for listener in server.LISTENERS:
        address = str(listener)  # http://127.0.0.1:8001, or unix:/path for a socket
        url = f"{address}/" if address.startswith("http") else address
        server.log.info("Newsroom is serving on %s (Ctrl-C or `make stop` stops it)", url)
