"""Caches between the site and its readers (a browser, a reverse proxy, a CDN) may keep the public pages and
revalidate them: an unchanged page answers 304 without being rendered, a changed archive answers anew."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from articles import editing, models
from articles.pagecache import PUBLIC_MAX_AGE, archive_changed
from tests.seeding import SEED_DATE, seed_ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def article_url() -> str:
    seed_ingest()
    return reverse("articles:article", args=[models.Article.objects.order_by("position").first().pk])


def test_a_public_page_tells_caches_how_long_to_keep_it_and_how_to_revalidate(
    client: Client, article_url: str
) -> None:
    response = client.get(article_url)

    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert "public" in response["Cache-Control"]
    assert f"max-age={PUBLIC_MAX_AGE}" in response["Cache-Control"]


def test_a_reader_whose_copy_is_current_gets_304_and_no_body(client: Client, article_url: str) -> None:
    first = client.get(article_url)

    by_etag = client.get(article_url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(article_url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]
    assert by_date.status_code == 304


def test_a_correction_makes_every_copy_stale(client: Client, article_url: str) -> None:
    first = client.get(article_url)
    article = models.Article.objects.order_by("position").first()
    editing.article_fields_set(article=article, editor=None, kind="commentary", reason="test")
    archive_changed()  # as the worker that made it does; others see it within a second

    again = client.get(article_url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_a_new_issue_makes_every_copy_stale(client: Client, article_url: str) -> None:
    first = client.get(article_url)
    seed_ingest([SEED_DATE.replace(day=25)])
    archive_changed()

    assert client.get(article_url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_pages_of_different_addresses_have_different_etags(client: Client, article_url: str) -> None:
    assert client.get(article_url)["ETag"] != client.get(reverse("articles:home"))["ETag"]


def test_an_editors_page_is_never_revalidated_against_a_readers_copy(
    client: Client, article_url: str
) -> None:
    readers = client.get(article_url)
    editor = Client()
    editor.force_login(User.objects.create_user("editor", password="x", is_staff=True, is_superuser=True))

    response = editor.get(article_url, HTTP_IF_NONE_MATCH=readers["ETag"])

    assert response.status_code == 200  # the editor's page has links the reader's copy lacks
    assert "private" in response["Cache-Control"] and not response.has_header("ETag")


def test_a_missing_page_is_not_kept_by_caches(client: Client, article_url: str) -> None:
    response = client.get(reverse("articles:article", args=[10**9]))

    assert response.status_code == 404
    assert not response.has_header("ETag")


@pytest.mark.parametrize("name", ["sitemap", "feed"])
def test_the_sitemap_and_the_feed_are_kept_and_revalidated_like_pages(
    client: Client, article_url: str, name: str
) -> None:
    url = reverse(f"articles:{name}")
    first, cached = client.get(url), client.get(url)

    assert first.status_code == 200 and cached.content == first.content
    assert cached["Content-Type"] == first["Content-Type"]
    assert cached.get("X-Robots-Tag") == first.get("X-Robots-Tag")
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
