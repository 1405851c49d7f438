"""Newsroom settings: one file, driven by environment variables.

DJANGO_DEBUG            1/0, default 0. Development may set 1 (never on a public server).
DJANGO_SECRET_KEY       the key; or DJANGO_SECRET_KEY_FILE, a file holding it. Unset, commands use a key
                        generated once and kept in var/secret_key, and serving (newsroom/wsgi.py) refuses
                        to start unless DJANGO_DEBUG is on.
DJANGO_ALLOWED_HOSTS    comma-separated, default 127.0.0.1,localhost; serving with DJANGO_DEBUG off needs it.
DJANGO_HTTPS            1/0, default 0: served over TLS (directly, or behind a proxy that sets
                        X-Forwarded-Proto): redirect http to https, HSTS, cookies sent over https only.
DJANGO_HSTS_SECONDS     HSTS max-age when DJANGO_HTTPS is on, default one year.
DATABASE_URL            postgres://user:pass@host:5432/name. Unset: an embedded PostgreSQL server
                        (the pgserver package) with its data in var/pgdata, started on first use.
DATABASE_REPLICA_URLS   comma-separated URLs of streaming replicas of DATABASE_URL: readers' requests read
                        from one of them (newsroom/replicas.py); writes, the admin and commands use the primary.
REDIS_URL               redis://host:6379/0: the page cache lives there, shared by every app server.
                        Unset: each worker keeps its own, in memory.
DJANGO_LOG_LEVEL        level of the root logger, default INFO.
JIEBA_CACHE_DIR         where jieba keeps its dictionary cache, default var/jieba.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from newsroom.env import database_from_url, env_bool, env_int, env_list, secret_key
from newsroom.pg.server import EmbeddedPostgres

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # everything the running project writes; git-ignored

DEBUG = env_bool("DJANGO_DEBUG", default=False)

# SECRET_KEY_GIVEN: whether the environment gave the key; serving without one is refused (newsroom/wsgi.py).
SECRET_KEY, SECRET_KEY_GIVEN = secret_key(VAR_DIR / "secret_key")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# -- Served over TLS: everything https, said once per variable -------------------------------------------
HTTPS = env_bool("DJANGO_HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", default=365 * 24 * 3600) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = HTTPS
# A TLS-terminating proxy says so in this header; it must set it on every request it forwards.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.middleware.control_characters_refuse",
    "newsroom.replicas.replica_reads",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# bench/bench_http.py adds two pages of its own (newsroom/bench_urls.py); no other run serves them.
ROOT_URLCONF = "newsroom.bench_urls" if env_bool("NEWSROOM_BENCH", default=False) else "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# -- Database: PostgreSQL always -------------------------------------------------------------------

if os.environ.get("DATABASE_URL"):
    _database = database_from_url(os.environ["DATABASE_URL"])
else:
    # Nothing starts here: newsroom.pg starts the server when the first connection needs it.
    _embedded = EmbeddedPostgres(VAR_DIR / "pgdata", database="newsroom")
    _database = {
        "ENGINE": "newsroom.pg",
        "NAME": _embedded.database,
        "USER": "postgres",
        "HOST": str(_embedded.socket_dir),
        "EMBEDDED_POSTGRES": _embedded,
        # One test database per test process: parallel runs share the server (newsroom.pg.base).
        "TEST": {"NAME": f"test_{_embedded.database}_{os.getpid()}"},
    }
# A session that waits on a lock this long, or sits in a transaction doing nothing this long (its client
# gone without closing it), is ended: one stuck writer never holds up the others forever. A connection
# string's own `options` come after these, so a deployment can set its own.
SESSION_LIMITS = "-c lock_timeout=30s -c idle_in_transaction_session_timeout=60s"


def _connection(database: dict) -> dict:
    options = database.setdefault("OPTIONS", {})
    options["options"] = f"{SESSION_LIMITS} {options.get('options', '')}".strip()
    return {**database, "CONN_MAX_AGE": 600, "CONN_HEALTH_CHECKS": True}


DATABASES = {"default": _connection(_database)}
# Streaming replicas of the primary (newsroom/replicas.py). Tests run against the primary alone: a replica's
# test database is the primary's.
_replica_urls = [url.strip() for url in os.environ.get("DATABASE_REPLICA_URLS", "").split(",") if url.strip()]
DATABASE_REPLICAS = [f"replica{number}" for number in range(1, len(_replica_urls) + 1)]
for _alias, _url in zip(DATABASE_REPLICAS, _replica_urls, strict=True):
    DATABASES[_alias] = {
        **_connection(database_from_url(_url, variable="DATABASE_REPLICA_URLS")),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["newsroom.replicas.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered public pages (articles/pagecache.py), per gunicorn worker: keyed by the archive's version, so a
# worker never serves a page older than the last ingest or correction.
# With REDIS_URL the cache is Redis (Django's own backend), shared by every worker and server.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "newsroom",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # A cached page is ~11 kB (measured at 1,000,000 articles): 1,000 of them keep a worker's private
            # memory ~12 MB above what it shares with the others; Redis holds as many as it is given.
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }

# -- Language, time ----------------------------------------------------------------------------------

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# -- Static files: WhiteNoise serves them under gunicorn, hashed names and far-future caching ---------

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            # ManifestStaticFilesStorage plus gzip copies; needs `manage.py collectstatic` (make run does).
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# -- Logging: everything to stderr, where gunicorn and make show it ------------------------------------

LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper()
if not isinstance(logging.getLevelName(LOG_LEVEL), int):
    raise ImproperlyConfigured(f"DJANGO_LOG_LEVEL={LOG_LEVEL!r}: expected DEBUG, INFO, WARNING or ERROR.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
}

# -- Newsroom ------------------------------------------------------------------------------------------

# jieba's dictionary cache: written once, then read by every process (gunicorn workers included).
JIEBA_CACHE_DIR = Path(os.environ.get("JIEBA_CACHE_DIR") or VAR_DIR / "jieba")
