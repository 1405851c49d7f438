"""An editor in a real Chromium (Debian's, driven by Playwright) fixes two stories the engine ran together:
logs in to the admin, opens the article, clicks "从这里拆分" (split here), picks the page's unmatched headline, confirms,
and finds the two stories on the public page.

The screenshot of the admin after the split is kept as a test artifact in var/test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.browser import ARTIFACTS, admin_login, chromium_page, needs_chromium
from tests.seeding import seed_ingest
from tests.test_admin import HEILONGJIANG, JIANGSU, stories_merged_by_the_engine

PASSWORD = "correct horse battery staple"

pytestmark = [needs_chromium]


@pytest.fixture
def urls(transactional_db) -> dict[str, str]:  # noqa: ANN001 - pytest fixtures
    """The seed page with two stories run together, an editor, and the URLs the test visits.

    All the database work is done here, before Playwright starts: its greenlet would give the test a
    second connection that outlives the test database."""
    seed_ingest()
    User.objects.create_user("editor", password=PASSWORD, is_staff=True, is_superuser=True)
    merged, _ = stories_merged_by_the_engine()
    issue = merged.page.issue
    return {
        "change": reverse("admin:articles_article_change", args=[merged.pk]),
        "page": reverse("articles:page", args=[issue.newspaper.slug, issue.date, merged.page.number]),
    }


@pytest.fixture
def browser_page(live_server, urls) -> Iterator:  # noqa: ANN001 - pytest fixtures
    with chromium_page(width=1400, height=1000) as page:
        yield page, live_server.url


def test_editor_splits_two_stories_run_together_and_readers_see_both(browser_page, urls) -> None:  # noqa: ANN001
    page, base = browser_page
    change_url = urls["change"]

    page.goto(base + change_url)
    assert "/admin/login/" in page.url  # an editor logs in first
    admin_login(page, username="editor", password=PASSWORD)
    page.wait_for_url(re.compile(re.escape(change_url) + "$"))

    first_heilongjiang = page.locator("#p4")
    assert "1月22" in first_heilongjiang.inner_text()
    first_heilongjiang.get_by_role("link", name="从这里拆分").click()
    page.get_by_label(re.compile(HEILONGJIANG)).check()
    page.get_by_label("理由").fill("两篇稿件连在了一起")
    page.get_by_role("button", name="拆分稿件").click()

    page.wait_for_url(re.compile(re.escape(change_url) + "$"))
    page.wait_for_load_state("networkidle")
    assert "已拆分为" in page.locator("ul.messagelist").inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-split.png"), full_page=True)

    page.goto(base + urls["page"])
    page.wait_for_load_state("networkidle")
    headlines = [re.sub(r"\s+", "", t) for t in page.locator("main article h2").all_inner_texts()]
    assert len(headlines) == 11, headlines
    assert JIANGSU in headlines[0]
    assert HEILONGJIANG in headlines[1]  # the new article, right after the one it was cut from
