"""Shared test setup. Keep it small: a fixture belongs here only when several test modules use it.

How tests reach the database: pytest-django, configured in pyproject.toml (DJANGO_SETTINGS_MODULE).
A test that touches the database is marked `@pytest.mark.django_db`; the others are blocked from it.
- Without DATABASE_URL the tests use the embedded PostgreSQL server (var/pgdata, started on demand) and
  create a throwaway database `test_newsroom_<pid>` on it, migrated, dropped at the end of the run.
- With DATABASE_URL=postgres://.../name they create `test_<name>` on that server (the role needs CREATEDB).
- A stand-in streaming replica, alias `replica1`, is a second connection to the same test database (a test
  mirror): nothing reads from it unless a test names it in DATABASE_REPLICAS (tests/test_replicas.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.test import override_settings

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"
STAND_IN_REPLICA = "replica1"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """pytest-django's hook before the test database is made: add the stand-in replica (see above)."""
    connections.settings[STAND_IN_REPLICA] = {
        **connections.settings["default"],
        "TEST": {"MIRROR": "default"},
    }


@pytest.fixture
def fixtures_dir() -> Path:
    """The repository's fixtures/ directory: sample pages under fixtures/pages/."""
    return FIXTURES_DIR


@pytest.fixture(autouse=True, scope="session")
def _static_files_by_plain_names() -> Iterator[None]:
    """Tests run without collectstatic: static files go by their plain names, not the hashed names of the
    manifest a production server reads (tests/test_settings.py checks that it does)."""
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
        yield


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> None:
    """Each test starts with no cached public page (articles/pagecache.py), whatever the last one built."""
    from django.core.cache import cache

    from articles.pagecache import archive_changed

    cache.clear()
    archive_changed()
