"""The project's wiring: settings read from the environment, PostgreSQL always, the site answers."""

from __future__ import annotations

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings

import newsroom.settings
from newsroom.env import database_from_url, env_bool, secret_key
from newsroom.pg.server import SOCKET_PATH_MAX, EmbeddedPostgres
from tests.browser import may_skip

SETTINGS_FILE = newsroom.settings.__file__
ENV_NAMES = (
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_SECRET_KEY_FILE",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_HTTPS",
    "DJANGO_HSTS_SECONDS",
    "DATABASE_URL",
    "DATABASE_REPLICA_URLS",
    "REDIS_URL",
    "DJANGO_LOG_LEVEL",
    "NEWSROOM_BENCH",
)


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


def test_debug_is_off_unless_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _settings_with(monkeypatch)["DEBUG"] is False


def test_without_a_key_commands_get_one_kept_in_var_never_one_from_the_source(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    kept = tmp_path / "secret_key"
    first, given = secret_key(kept)
    again, _ = secret_key(kept)
    assert given is False and first == again and len(first) >= 50
    assert kept.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert "insecure" not in first and first not in Path(SETTINGS_FILE).read_text()


def test_a_key_may_come_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "key").write_text("k" * 50 + "\n")
    settings = _settings_with(monkeypatch, DJANGO_SECRET_KEY_FILE=str(tmp_path / "key"))
    assert (settings["SECRET_KEY"], settings["SECRET_KEY_GIVEN"]) == ("k" * 50, True)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY_FILE"):
        _settings_with(monkeypatch, DJANGO_SECRET_KEY_FILE=str(tmp_path / "missing"))


def _outside_env() -> dict[str, str]:
    """This process's environment less what configures Django (a browser test allows async-unsafe calls)."""
    own = {*ENV_NAMES, "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {k: v for k, v in os.environ.items() if k not in own}


def _serve(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Import the WSGI application in a fresh process, as a server would, under exactly these variables."""
    return subprocess.run(
        [sys.executable, "-c", "import newsroom.wsgi"],
        cwd=Path(SETTINGS_FILE).parents[1],
        env={**_outside_env(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_serving_in_production_needs_a_stated_key_and_host_names() -> None:
    no_key = _serve({"DJANGO_ALLOWED_HOSTS": "news.example.org"})
    assert no_key.returncode != 0 and "DJANGO_SECRET_KEY" in no_key.stderr
    no_hosts = _serve({"DJANGO_SECRET_KEY": "x" * 50})
    assert no_hosts.returncode != 0 and "DJANGO_ALLOWED_HOSTS" in no_hosts.stderr
    both = _serve({"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "news.example.org"})
    assert both.returncode == 0, both.stderr


def test_production_serves_hashed_static_files(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings_with(
        monkeypatch, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="news.example.org"
    )

    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["news.example.org"]
    assert "Manifest" in settings["STORAGES"]["staticfiles"]["BACKEND"]


def test_https_switches_on_redirect_hsts_and_secure_cookies(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _settings_with(monkeypatch, DJANGO_SECRET_KEY="x" * 50)
    tls = _settings_with(monkeypatch, DJANGO_SECRET_KEY="x" * 50, DJANGO_HTTPS="1")
    names = ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_PRELOAD")
    assert [plain[n] for n in names] == [False] * 4 and plain["SECURE_HSTS_SECONDS"] == 0
    assert [tls[n] for n in names] == [True] * 4 and tls["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600


def test_check_deploy_is_clean_with_the_documented_production_settings() -> None:
    env = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "news.example.org",
        "DJANGO_HTTPS": "1",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(SETTINGS_FILE).parents[1],
        env={**_outside_env(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


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


@pytest.mark.django_db
def test_the_bench_pages_are_served_only_in_a_benchmark_run(
    monkeypatch: pytest.MonkeyPatch, client: Any
) -> None:
    # bench/bench_http.py sets NEWSROOM_BENCH=1 for a constant page and a cached article page; the site,
    # DEBUG or not, never serves them.
    assert _settings_with(monkeypatch, DJANGO_DEBUG="true")["ROOT_URLCONF"] == "newsroom.urls"
    assert _settings_with(monkeypatch, NEWSROOM_BENCH="1")["ROOT_URLCONF"] == "newsroom.bench_urls"
    assert client.get("/bench/bare/").status_code == 404
    with override_settings(ROOT_URLCONF="newsroom.bench_urls"):
        response = client.get("/bench/bare/")
        assert response.status_code == 200 and b"bare" in response.content
        assert client.get("/").status_code == 200  # the site itself too


def test_browser_tests_are_skipped_only_where_nobody_requires_them() -> None:
    # `make test` requires them (NEWSROOM_BROWSER_REQUIRED=1): a CI machine without Chromium fails instead of
    # passing without them; elsewhere a missing Chromium skips them.
    assert may_skip(installed=False, required=False)
    assert not may_skip(installed=False, required=True)
    assert not may_skip(installed=True, required=False)
    assert (
        "NEWSROOM_BROWSER_REQUIRED=1 $(BIN)/pytest"
        in (Path(SETTINGS_FILE).parents[1] / "Makefile").read_text()
    )


def test_each_replica_url_becomes_a_read_database_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    found = _settings_with(
        monkeypatch,
        DATABASE_URL="postgres://news@primary/newsroom",
        DATABASE_REPLICA_URLS="postgres://news@replica-a/newsroom, postgres://news@replica-b:5433/newsroom",
    )

    assert found["DATABASE_REPLICAS"] == ["replica1", "replica2"]
    assert [found["DATABASES"][alias]["HOST"] for alias in ("default", "replica1", "replica2")] == [
        "primary",
        "replica-a",
        "replica-b",
    ]
    assert "lock_timeout" in found["DATABASES"]["replica2"]["OPTIONS"]["options"]


def test_without_replicas_every_read_goes_to_the_primary(monkeypatch: pytest.MonkeyPatch) -> None:
    found = _settings_with(monkeypatch, DATABASE_URL="postgres://news@primary/newsroom")

    assert found["DATABASE_REPLICAS"] == [] and list(found["DATABASES"]) == ["default"]


def test_a_bad_replica_url_is_named_in_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URLS"):
        _settings_with(
            monkeypatch,
            DATABASE_URL="postgres://news@primary/newsroom",
            DATABASE_REPLICA_URLS="mysql://news@replica/newsroom",
        )


def test_redis_url_puts_the_page_cache_in_redis(monkeypatch: pytest.MonkeyPatch) -> None:
    shared = _settings_with(monkeypatch, REDIS_URL="redis://cache:6379/0")["CACHES"]["default"]
    alone = _settings_with(monkeypatch)["CACHES"]["default"]

    assert shared["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shared["LOCATION"] == "redis://cache:6379/0"
    assert alone["BACKEND"].endswith("LocMemCache")


def test_the_served_app_is_loaded_whole_before_gunicorn_forks_and_holds_no_connection() -> None:
    """gunicorn imports newsroom.wsgi in its master (preload_app), then forks: what is loaded there, the
    workers share; a connection opened there, they would share too (a corrupt protocol stream)."""
    probe = (
        "import gc, sys, newsroom.wsgi; from django.db import connections;"
        "print('articles.views' in sys.modules, 'pypinyin' in sys.modules, gc.get_freeze_count() > 0,"
        " [c.connection for c in connections.all()])"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=Path(SETTINGS_FILE).parents[1],
        env={**_outside_env(), "DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "news.example.org"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split() == ["True", "True", "True", "[None]"]
