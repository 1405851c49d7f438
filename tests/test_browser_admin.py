"""An editor in a real Chromium (Debian's, driven by Playwright) fixes two stories the engine ran together:
logs in to the admin, opens the article, clicks "Split here", picks the page's unmatched headline, confirms,
and finds the two stories on the public page.

The screenshot of the admin after the split is kept as a test artifact in var/test-artifacts/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.seeding import seed_ingest
from tests.test_admin import HEILONGJIANG, JIANGSU, _stories_merged_by_the_engine

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "var" / "test-artifacts"
PASSWORD = "correct horse battery staple"

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make test installs it)"),
]

# Playwright's sync API runs an event loop in this thread; our database calls stay synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def urls(transactional_db) -> dict[str, str]:  # noqa: ANN001 - pytest fixtures
    """The seed page with two stories run together, an editor, and the URLs the test visits.

    All the database work is done here, before Playwright starts: its greenlet would give the test a
    second connection that outlives the test database."""
    seed_ingest()
    User.objects.create_user("editor", password=PASSWORD, is_staff=True, is_superuser=True)
    merged, _ = _stories_merged_by_the_engine()
    issue = merged.page.issue
    return {
        "change": reverse("admin:articles_article_change", args=[merged.pk]),
        "page": reverse("articles:page", args=[issue.newspaper.slug, issue.date, merged.page.number]),
    }


@pytest.fixture
def browser_page(live_server, urls) -> Iterator:  # noqa: ANN001 - pytest fixtures
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
            page.set_default_timeout(15_000)
            yield page, live_server.url
        finally:
            browser.close()


def test_editor_splits_two_stories_run_together_and_readers_see_both(browser_page, urls) -> None:  # noqa: ANN001
    page, base = browser_page
    change_url = urls["change"]

    page.goto(base + change_url)
    assert "/admin/login/" in page.url  # an editor logs in first
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(change_url) + "$"))

    first_heilongjiang = page.locator("#p4")
    assert "1月22" in first_heilongjiang.inner_text()
    first_heilongjiang.get_by_role("link", name="Split here").click()
    page.get_by_label(re.compile(HEILONGJIANG)).check()
    page.get_by_label("Reason").fill("two stories run together")
    page.get_by_role("button", name="Split the article").click()

    page.wait_for_url(re.compile(re.escape(change_url) + "$"))
    page.wait_for_load_state("networkidle")
    assert "Split into" in page.locator("ul.messagelist").inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-split.png"), full_page=True)

    page.goto(base + urls["page"])
    page.wait_for_load_state("networkidle")
    headlines = [re.sub(r"\s+", "", t) for t in page.locator("main article h2").all_inner_texts()]
    assert len(headlines) == 11, headlines
    assert JIANGSU in headlines[0]
    assert HEILONGJIANG in headlines[1]  # the new article, right after the one it was cut from
