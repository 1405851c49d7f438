"""The project's wiring: settings read from the environment, PostgreSQL always, the site answers."""

from __future__ import annotations

import os
import runpy
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

import newsroom.settings
from newsroom.env import database_from_url, env_bool
from newsroom.pg.server import SOCKET_PATH_MAX, EmbeddedPostgres

SETTINGS_FILE = newsroom.settings.__file__
ENV_NAMES = ("DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_LOG_LEVEL")


def _settings_with(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    """Evaluate settings.py afresh under exactly these variables (the running settings are untouched)."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(SETTINGS_FILE)


def test_database_url_gives_every_connection_part() -> None:
    db = database_from_url("postgres://news:s%40cret@db.example.org:5433/newsroom?sslmode=require")

    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("newsroom", "news", "s@cret")
    assert (db["HOST"], db["PORT"]) == ("db.example.org", "5433")
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_database_url_may_name_a_unix_socket_directory() -> None:
    db = database_from_url("postgresql://postgres@/newsroom?host=/run/postgresql")

    assert (db["HOST"], db["PORT"], db["OPTIONS"]) == ("/run/postgresql", "", {})


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///db.sqlite3",
        "mysql://user:pass@localhost/newsroom",
        "postgres://user:pass@localhost:notaport/newsroom",
        "postgres://user:pass@localhost:5432/",
        "newsroom",
    ],
)
def test_bad_database_url_is_refused_loudly(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        _settings_with(monkeypatch, DATABASE_URL=url)


def test_database_url_replaces_the_embedded_server(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings_with(monkeypatch, DATABASE_URL="postgres://u:p@db:5432/news")

    db = settings["DATABASES"]["default"]
    assert (db["ENGINE"], db["HOST"], db["NAME"]) == ("django.db.backends.postgresql", "db", "news")
    assert (db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"]) == (600, True)


def test_without_database_url_the_embedded_server_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    db = _settings_with(monkeypatch)["DATABASES"]["default"]

    assert db["ENGINE"] == "newsroom.pg"
    assert db["EMBEDDED_POSTGRES"].pgdata == Path(SETTINGS_FILE).parent.parent / "var" / "pgdata"
    assert db["TEST"]["NAME"] == f"test_newsroom_{os.getpid()}"


@pytest.mark.parametrize("value", ["maybe", "2", "enabled"])
def test_unknown_debug_value_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        _settings_with(monkeypatch, DJANGO_DEBUG=value)


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("TRUE", True), ("off", False), ("0", False)])
def test_debug_values(monkeypatch: pytest.MonkeyPatch, value: str, expected: bool) -> None:
    monkeypatch.setenv("DJANGO_DEBUG", value)

    assert env_bool("DJANGO_DEBUG", default=not expected) is expected


def test_production_needs_a_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        _settings_with(monkeypatch, DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="news.example.org")


def test_production_needs_allowed_hosts(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ALLOWED_HOSTS"):
        _settings_with(monkeypatch, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)


def test_production_serves_hashed_static_files(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings_with(
        monkeypatch, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="news.example.org"
    )

    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["news.example.org"]
    assert "Manifest" in settings["STORAGES"]["staticfiles"]["BACKEND"]


def test_development_key_is_never_used_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    debug = _settings_with(monkeypatch)
    production = _settings_with(
        monkeypatch, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="k" * 50, DJANGO_ALLOWED_HOSTS="localhost"
    )

    assert debug["SECRET_KEY"].startswith("django-insecure")
    assert production["SECRET_KEY"] == "k" * 50


def test_socket_moves_to_a_short_directory_when_the_data_path_is_too_long(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*["a-rather-long-directory-name"] * 5, "var", "pgdata")

    socket_dir = EmbeddedPostgres(deep).socket_dir

    assert socket_dir != deep
    assert len(os.fsencode(socket_dir / ".s.PGSQL.5432")) <= SOCKET_PATH_MAX
    assert socket_dir == EmbeddedPostgres(deep).socket_dir  # stable: every process finds the same socket


@pytest.mark.django_db
def test_database_is_postgresql() -> None:
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), current_database()")
        version, database = cursor.fetchone()
    assert version.startswith("PostgreSQL ")
    assert database.startswith("test_")


@pytest.mark.django_db
def test_home_page_answers(client: Any) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert "Newsroom" in response.content.decode()


@pytest.mark.django_db
def test_admin_is_mounted(client: Any) -> None:
    response = client.get("/admin/login/")

    assert response.status_code == 200
