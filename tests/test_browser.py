"""A reader in a real Chromium (Debian's, driven by Playwright) goes through the site as the issue asks:
home → issue → page → every article of the seed page → reporter → region, and a search.

The screenshot of the article page is kept as a test artifact in var/test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.browser import ARTIFACTS, chromium_page, needs_chromium
from tests.seeding import seed_ingest

FEATURE = "柔性执法信用修复助力企业健康发展"

pytestmark = [needs_chromium]


@pytest.fixture
def browser_page(live_server, transactional_db) -> Iterator:  # noqa: ANN001 - pytest fixtures
    seed_ingest()  # before Playwright starts: its greenlet would open a second database connection
    with chromium_page() as page:
        yield page, live_server.url


def test_reader_goes_from_home_to_every_article_reporter_region_and_search(browser_page) -> None:  # noqa: ANN001
    page, base = browser_page
    page.goto(base + "/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"

    page.get_by_role("link", name=re.compile("2025年1月24日")).first.click()
    page.get_by_role("link", name="第2版").first.click()
    assert "法治动态" in page.locator("h1").inner_text()

    links = page.locator("main article h2 a")
    stories = [
        (_words(links.nth(i).inner_text()), links.nth(i).get_attribute("href")) for i in range(links.count())
    ]
    assert len(stories) == 11, stories
    page_url = page.url
    for title, href in stories:
        page.goto(base + href)
        assert _words(page.locator("h1").inner_text()) == title
    page.goto(page_url)

    page.get_by_role("link", name=FEATURE, exact=True).click()
    assert page.get_by_role("heading", level=2, name="出台办法 进一步规范执法监管").is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)

    page.get_by_role("link", name="张国强").first.click()
    assert "张国强" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name=FEATURE).first.is_visible()

    page.get_by_role("link", name="辽宁省").first.click()
    assert "辽宁省" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name=FEATURE).first.is_visible()

    search = page.get_by_role("searchbox").first
    search.fill("信用修复")
    search.press("Enter")
    page.wait_for_load_state()
    first_result = page.locator("main ol li a, main article a").first
    assert FEATURE in first_result.inner_text()
    first_result.click()
    assert _words(page.locator("h1").inner_text()) == FEATURE
    assert page.locator("main mark").count() > 0  # the search words stay highlighted on the article


def _words(text: str) -> str:
    """Text as a reader reads it: line breaks a layout put in a headline are not part of it."""
    return re.sub(r"\s+", " ", text).strip()
