"""An editor reading the public site in a real Chromium (Debian's, driven by Playwright) sees a story is wrong,
clicks 编辑 and is on the admin page that corrects it; a reader who comes after sees no editor's link.

Screenshots of the article as the editor and as the reader see it are kept in var/test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles import models
from tests.browser import ARTIFACTS, admin_login, chromium_page, needs_chromium
from tests.seeding import seed_ingest

PASSWORD = "correct horse battery staple"

pytestmark = [needs_chromium]


@pytest.fixture
def urls(transactional_db) -> dict[str, str]:  # noqa: ANN001 - pytest fixtures
    """The seed page, an editor, one article flagged for review, and the URLs the test visits.

    All the database work is done here, before Playwright starts (see tests/test_browser_admin.py)."""
    seed_ingest()
    User.objects.create_user("editor", password=PASSWORD, is_staff=True, is_superuser=True)
    article = models.Article.objects.order_by("position").first()
    models.Article.objects.filter(pk=article.pk).update(needs_review=True)
    return {
        "article": reverse("articles:article", args=[article.pk]),
        "change": reverse("admin:articles_article_change", args=[article.pk]),
        "title": article.title,
    }


@pytest.fixture
def browser_page(live_server, urls) -> Iterator:  # noqa: ANN001 - pytest fixtures
    with chromium_page(width=1280, height=900) as page:
        yield page, live_server.url


def test_editor_goes_from_a_public_article_to_its_admin_page_in_one_click(browser_page, urls) -> None:  # noqa: ANN001
    page, base = browser_page
    page.goto(f"{base}/admin/login/?next={urls['article']}")
    admin_login(page, username="editor", password=PASSWORD)
    page.wait_for_url(re.compile(re.escape(urls["article"]) + "$"))

    tools = page.get_by_role("complementary", name="编辑工具")
    assert tools.get_by_role("link", name="在审核队列中").is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article-as-editor.png"))

    tools.get_by_role("link", name="编辑", exact=True).click()

    page.wait_for_url(re.compile(re.escape(urls["change"]) + "$"))
    assert page.locator("#id_title").input_value() == urls["title"]


def test_a_reader_after_an_editor_sees_no_editor_links(browser_page, urls) -> None:  # noqa: ANN001
    page, base = browser_page
    page.goto(f"{base}/admin/login/?next={urls['article']}")
    admin_login(page, username="editor", password=PASSWORD)
    page.wait_for_url(re.compile(re.escape(urls["article"]) + "$"))
    assert page.get_by_role("link", name="编辑", exact=True).count() == 1

    reader = page.context.browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="zh-CN"
    ).new_page()
    reader.goto(base + urls["article"])

    assert reader.get_by_role("heading", level=1).inner_text().replace("\n", "").strip()
    assert reader.get_by_role("link", name="编辑", exact=True).count() == 0
    assert reader.get_by_text("在审核队列中").count() == 0
    assert reader.locator("a[href*='/admin/']").count() == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    reader.screenshot(path=str(ARTIFACTS / "article-as-reader.png"))
