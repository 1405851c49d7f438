"""A reader in a real Chromium follows a story over two pages of the synthetic jump issue (fixtures/jumps/):
from page 2's continuation, or from page 1's "continued on page 2", they read the whole story once."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.browser import ARTIFACTS, chromium_page, needs_chromium
from tests.seeding import jump_sample_ingest

BEGINNING = "以高水平法治保障首都高质量发展"
CONTINUATION = "以高水平法治保障首都发展"

pytestmark = [needs_chromium]


@pytest.fixture
def browser_page(live_server, transactional_db) -> Iterator:  # noqa: ANN001 - pytest fixtures
    jump_sample_ingest((2, 1))  # the continuation's page first: it waits, then is linked
    with chromium_page() as page:
        yield page, live_server.url


def test_reader_landing_on_the_continuation_reads_the_whole_story_once(browser_page) -> None:  # noqa: ANN001
    page, base = browser_page
    page.goto(base + "/")
    page.get_by_role("link", name=re.compile("2025年1月25日")).first.click()
    page.get_by_role("link", name="第2版").first.click()
    page.get_by_role("link", name=CONTINUATION).first.click()

    assert page.locator("h1").inner_text() == BEGINNING  # the story, under its full headline
    assert page.url.split("#", 1)[1].startswith("part-")
    turn = page.locator(".prose .page-turn")
    assert turn.count() == 1 and turn.first.is_visible() and turn.first.inner_text() == "转第2版"
    prose = page.locator(".prose").inner_text()
    assert prose.count("会议以视频方式召开") == 1 and prose.count("北京市委政法工作会议今天召开") == 1
    assert "上接第" not in prose and "下转第" not in prose
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "story-over-two-pages.png"), full_page=True)

    page.get_by_role("link", name="第2版", exact=True).first.click()  # the printed page 2, from the meta line
    assert "法治动态" in page.locator("h1").inner_text()
