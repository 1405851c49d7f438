"""An editor in a real Chromium empties the review queue: from the admin's home (the count of stories
waiting) to the queue, marks a story reviewed, sees it leave, undoes it and sees it back; on a desktop and a
phone. Screenshots are kept in var/test-artifacts/.
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
SANSUO = "“三所联动”跨省讨薪"  # no lead: in the queue
BEIJING = "以高水平法治保障首都高质量发展"  # given an unresolved place: in the queue too

pytestmark = [needs_chromium]

WIDTHS = {"desktop": (1400, 1000), "phone": (390, 844)}


@pytest.fixture
def urls(transactional_db) -> dict[str, str]:  # noqa: ANN001 - pytest fixtures
    """The seed page with two stories waiting, an editor, the URLs the test visits (all database work
    here, before Playwright starts)."""
    seed_ingest()
    models.Article.objects.filter(title=BEIJING).update(places_unresolved=["朝阳"])
    User.objects.create_user("editor", password=PASSWORD, is_staff=True, is_superuser=True)
    return {"index": reverse("admin:index"), "queue": reverse("admin:articles_article_review")}


@pytest.fixture(params=list(WIDTHS))
def browser_page(request, live_server, urls) -> Iterator:  # noqa: ANN001 - pytest fixtures
    width, height = WIDTHS[request.param]
    with chromium_page(width=width, height=height) as page:
        yield page, live_server.url, request.param


def _queued_titles(page) -> str:  # noqa: ANN001 - a Playwright page
    return page.locator("table.nr-review tbody").inner_text()


def test_editor_marks_a_story_reviewed_sees_it_leave_undoes_it_and_sees_it_back(browser_page, urls) -> None:  # noqa: ANN001
    page, base, device = browser_page
    page.goto(base + urls["index"])
    admin_login(page, username="editor", password=PASSWORD)
    page.wait_for_url(re.compile(re.escape(urls["index"]) + "$"))

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"review-index-{device}.png"))
    page.get_by_role("link", name="2 篇稿件待审核").click()
    page.wait_for_url(re.compile(re.escape(urls["queue"])))
    assert SANSUO in _queued_titles(page) and BEIJING in _queued_titles(page)
    assert "没有明确的开头" in _queued_titles(page)
    assert "未能确定的地名：朝阳" in _queued_titles(page)
    page.screenshot(path=str(ARTIFACTS / f"review-queue-{device}.png"), full_page=True)

    row = page.locator("table.nr-review tbody tr", has_text=SANSUO)
    row.get_by_role("button", name="审核通过").click()
    page.wait_for_load_state("networkidle")
    assert "稿件审核通过，已离开审核队列" in page.locator("ul.messagelist").inner_text()
    assert SANSUO not in _queued_titles(page) and BEIJING in _queued_titles(page)
    assert "待审核稿件共 1 篇" in page.locator("#content-main").inner_text()
    page.screenshot(path=str(ARTIFACTS / f"review-queue-reviewed-{device}.png"), full_page=True)

    page.get_by_role("button", name="撤销审核通过").click()
    page.wait_for_load_state("networkidle")
    assert "回到了审核队列" in page.locator("ul.messagelist").inner_text()
    assert SANSUO in _queued_titles(page)
    assert "待审核稿件共 2 篇" in page.locator("#content-main").inner_text()

    # From the story's own page in the admin: the same mark, the same undo.
    page.locator("table.nr-review tbody tr", has_text=SANSUO).get_by_role("link", name=SANSUO).click()
    page.wait_for_load_state("networkidle")
    review = page.locator("#review")
    assert "在审核队列中" in review.inner_text() and "没有明确的开头" in review.inner_text()
    page.screenshot(path=str(ARTIFACTS / f"review-article-{device}.png"))
    review.get_by_role("button", name="审核通过").click()
    page.wait_for_load_state("networkidle")
    assert "已审核" in page.locator("#review").inner_text()
    assert "审核通过" in page.locator("#history").inner_text()
    page.screenshot(path=str(ARTIFACTS / f"review-article-reviewed-{device}.png"))
    page.locator("#review").get_by_role("button", name="撤销审核通过").click()
    page.wait_for_load_state("networkidle")
    assert "在审核队列中" in page.locator("#review").inner_text()
    page.goto(base + urls["queue"])

    # Several at once: tick both, one button.
    for title in (SANSUO, BEIJING):
        page.locator("table.nr-review tbody tr", has_text=title).get_by_role("checkbox").check()
    page.get_by_role("button", name="审核通过所选稿件").click()
    page.wait_for_load_state("networkidle")
    assert "没有待审核的稿件" in _queued_titles(page)
