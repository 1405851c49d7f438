"""The search page in a real Chromium at desktop and phone widths (issue 15): one search box, the filters
folded away until used, a word found inside longer ones, and the results sorted by date from the sort links.

Screenshots are kept as test artifacts in var/test-artifacts/.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest

from tests.browser import ARTIFACTS, chromium_page, needs_chromium
from tests.seeding import stories_store

pytestmark = [needs_chromium]

DAY = datetime.date(2025, 1, 24)
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(params=list(WIDTHS))
def search_page(request, live_server, transactional_db) -> Iterator:  # noqa: ANN001 - pytest fixtures
    # Before Playwright starts: its greenlet would open a second database connection.
    stories_store(("一月通报", "市检察院今天召开会议。"), date=DAY)
    stories_store(("检察工作", "开展检察监督。"), date=DAY + datetime.timedelta(days=1))
    stories_store(("三月通报", "省人民检察院发布。"), date=DAY + datetime.timedelta(days=2))
    width, height = WIDTHS[request.param]
    with chromium_page(width=width, height=height) as page:
        yield page, live_server.url, request.param


def _titles(page) -> list[str]:  # noqa: ANN001
    links = page.locator("main ol.search-results h2 a")
    return [links.nth(i).inner_text().strip() for i in range(links.count())]


def test_reader_searches_a_word_inside_longer_words_and_sorts_by_date(search_page) -> None:  # noqa: ANN001
    page, base, width = search_page
    page.goto(base + "/search/")
    boxes = page.get_by_role("searchbox")
    assert sum(boxes.nth(i).is_visible() for i in range(boxes.count())) == 1  # the header's is hidden here
    assert not page.get_by_label("起始日期").is_visible()  # filters folded away

    box = page.locator("main").get_by_role("searchbox")
    box.fill("检察")
    box.press("Enter")
    page.wait_for_load_state()
    assert _titles(page) == ["检察工作", "三月通报", "一月通报"]  # the word itself first, then 检察院
    first = page.locator("main ol.search-results li").first.bounding_box()
    assert first is not None and first["y"] < 844 / 2  # the first result in the top half, on a phone too

    page.get_by_role("link", name="最早的在前").click()
    page.wait_for_load_state()
    assert _titles(page) == ["一月通报", "检察工作", "三月通报"]
    assert page.get_by_role("link", name="最早的在前").get_attribute("aria-current") == "true"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-{width}.png"), full_page=True)

    page.get_by_text("筛选：日期、地区、记者、报纸").click()
    page.get_by_label("起始日期").fill("2025-01-25")
    box = page.locator("main").get_by_role("searchbox")
    box.press("Enter")
    page.wait_for_load_state()
    assert _titles(page) == ["检察工作", "三月通报"]  # the filter, and still oldest first
    assert page.get_by_label("起始日期").is_visible()  # a filter in use keeps them open
