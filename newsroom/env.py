"""Reading settings from environment variables: each bad value fails loudly, naming the variable."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off", ""})


def env_bool(name: str, default: bool) -> bool:
    """DJANGO_DEBUG=1 / true / yes / on, or 0 / false / no / off / empty."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected one of 1/true/yes/on or 0/false/no/off.")


def env_int(name: str, default: int) -> int:
    """A whole number of zero or more: DJANGO_HSTS_SECONDS=31536000."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    if not raw.strip().isdigit():
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number of zero or more.")
    return int(raw)


def secret_key(kept: Path) -> tuple[str, bool]:
    """(the secret key, whether the environment gave it): DJANGO_SECRET_KEY, or the contents of the file
    DJANGO_SECRET_KEY_FILE names; else a key generated once and kept in `kept`, readable by its owner only."""
    key = os.environ.get("DJANGO_SECRET_KEY", "").strip()
    if key:
        return key, True
    path = os.environ.get("DJANGO_SECRET_KEY_FILE", "").strip()
    if path:
        try:
            key = Path(path).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as err:
            raise ImproperlyConfigured(f"DJANGO_SECRET_KEY_FILE={path!r}: cannot read it ({err}).") from err
        if not key:
            raise ImproperlyConfigured(f"DJANGO_SECRET_KEY_FILE={path!r} is empty.")
        return key, True
    try:
        return kept.read_text(encoding="utf-8").strip() or _keep_new_key(kept), False
    except FileNotFoundError:
        return _keep_new_key(kept), False


def _keep_new_key(kept: Path) -> str:
    key = secrets.token_urlsafe(50)
    kept.parent.mkdir(parents=True, exist_ok=True)
    # Written whole under a temporary name and moved into place: two processes starting at once both
    # end up with one key, the last written.
    scratch = kept.with_name(f".{kept.name}.{os.getpid()}")
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    os.replace(scratch, kept)
    return kept.read_text(encoding="utf-8").strip()


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list: DJANGO_ALLOWED_HOSTS=news.example.org,localhost."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str, *, variable: str = "DATABASE_URL") -> dict[str, Any]:
    """A Django DATABASES entry from postgres://user:password@host:port/name?sslmode=require; `variable`
    names where the URL came from in the error a bad one gets.

        Query parameters become libpq OPTIONS; `host` among them names a unix socket directory.

        >>> database_from_url("postgres://news:s%40cret@db:5433/newsroom")["PASSWORD"]
        's@cret'
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise ImproperlyConfigured(f"{variable} is not a valid URL: {err}") from err
    if parts.scheme not in ("postgres", "postgresql"):
        raise ImproperlyConfigured(
            f"{variable} must start with postgres:// or postgresql:// (got {parts.scheme or 'no'} scheme): "
            "Newsroom runs on PostgreSQL only."
        )
    name = unquote(parts.path.lstrip("/"))
    if not name or "/" in name:
        raise ImproperlyConfigured(f"{variable} must name one database: postgres://user:pass@host:5432/name")
    options = dict(parse_qsl(parts.query, keep_blank_values=True))
    host = options.pop("host", None) or unquote(parts.hostname or "")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(port) if port else "",
        "OPTIONS": options,
    }
