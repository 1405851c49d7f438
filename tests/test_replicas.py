"""Readers' requests read from a streaming replica; editors, forms and ingest use the primary.

The stand-in replica here is a second connection to the test database (tests/conftest.py; what a replica
holds is the primary's rows): the tests show which connection each request's queries go through.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import models
from tests.conftest import STAND_IN_REPLICA
from tests.seeding import seed_ingest

# Committed rows, so that the replica's connection sees them.
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", STAND_IN_REPLICA])


@pytest.fixture
def replica(settings) -> str:  # noqa: ANN001 - pytest-django's settings fixture
    settings.DATABASE_REPLICAS = [STAND_IN_REPLICA]
    return STAND_IN_REPLICA


@pytest.fixture
def article_url() -> str:
    seed_ingest()
    return reverse("articles:article", args=[models.Article.objects.order_by("position").first().pk])


def _queries(alias: str) -> CaptureQueriesContext:
    return CaptureQueriesContext(connections[alias])


def _archive_queries(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "articles_" in q["sql"]]


def test_a_readers_page_is_read_from_the_replica(client: Client, replica: str, article_url: str) -> None:
    with _queries("default") as primary, _queries(replica) as read:
        response = client.get(article_url)

    assert response.status_code == 200
    assert _archive_queries(read), "the article and the archive's version come from the replica"
    assert not _archive_queries(primary)


def test_the_admin_reads_from_the_primary(replica: str, article_url: str) -> None:
    editor = Client()
    editor.force_login(User.objects.create_user("editor", password="x", is_staff=True, is_superuser=True))
    article = models.Article.objects.order_by("position").first()

    with _queries("default") as primary, _queries(replica) as read:
        response = editor.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert response.status_code == 200
    assert _archive_queries(primary) and not read.captured_queries


def test_a_signed_in_editors_session_is_read_from_the_primary(replica: str, article_url: str) -> None:
    editor = Client()
    editor.force_login(User.objects.create_user("editor", password="x", is_staff=True, is_superuser=True))

    with _queries("default") as primary, _queries(replica) as read:
        html = editor.get(article_url).content.decode()

    assert 'class="editor-bar"' in html  # known as an editor: the session and user came from the primary
    assert any("django_session" in q["sql"] for q in primary.captured_queries)
    assert not any("django_session" in q["sql"] or "auth_user" in q["sql"] for q in read.captured_queries)


def test_ingest_writes_and_reads_on_the_primary(replica: str) -> None:
    with _queries(replica) as read:
        seed_ingest()

    assert models.Article.objects.exists() and not read.captured_queries


def test_without_replicas_a_readers_page_reads_the_primary(client: Client, article_url: str) -> None:
    with _queries("default") as primary:
        assert client.get(article_url).status_code == 200

    assert _archive_queries(primary)
