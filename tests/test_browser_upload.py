"""An editor in a real Chromium uploads page files from the admin, at a desktop's width and a phone's: logs in,
opens 上传版面 from the pages list, picks the two pages of the jump issue and a file that is no page, and
reads each file's outcome; then opens an uploaded page and finds its articles in words.

Screenshots of the upload's result and of the page are kept in var/test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from tests.browser import ARTIFACTS, admin_login, chromium_page, needs_chromium

PASSWORD = "correct horse battery staple"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GOOD = [FIXTURES / "jumps" / "jump_2025-01-25_01.txt", FIXTURES / "jumps" / "jump_2025-01-25_02.txt"]
WIDTHS = {"desktop": (1400, 1000), "phone": (390, 844)}

pytestmark = [needs_chromium]


@pytest.fixture
def editor(transactional_db) -> None:  # noqa: ANN001 - pytest fixtures
    """An editor who may look at pages and upload them, made before Playwright starts (its greenlet would
    give the test a second connection that outlives the test database)."""
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_page", "view_page", "change_page", "view_article"])
    )


@pytest.fixture(params=list(WIDTHS))
def browser_page(request, live_server, editor) -> Iterator:  # noqa: ANN001 - pytest fixtures
    width, height = WIDTHS[request.param]
    with chromium_page(width=width, height=height) as page:
        yield page, live_server.url, request.param


def test_editor_uploads_two_pages_and_a_bad_file_and_reads_each_outcome(browser_page, tmp_path) -> None:  # noqa: ANN001
    page, base, width = browser_page
    bad = tmp_path / "scan_2025-01-25_03.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)  # a picture saved under a page's name

    page.goto(base + reverse("admin:articles_page_changelist"))
    assert "/admin/login/" in page.url
    admin_login(page, username="editor", password=PASSWORD)
    page.get_by_role("link", name="上传版面").click()
    page.wait_for_url(re.compile(r"/admin/articles/page/upload/$"))

    page.get_by_label("报名").fill("跨版示例")
    page.get_by_label("版面文件").set_input_files([str(GOOD[0]), str(bad), str(GOOD[1])])
    page.get_by_role("button", name="上传并导入").click()
    page.wait_for_selector("#upload-results")

    rows = page.locator("tr.nr-outcome")
    assert rows.count() == 3
    outcomes = {
        rows.nth(n).locator(".nr-file").inner_text(): (
            rows.nth(n).locator(".nr-result").inner_text(),
            rows.nth(n).locator(".nr-said").inner_text(),
        )
        for n in range(3)
    }
    assert outcomes[GOOD[0].name][0] == outcomes[GOOD[1].name][0] == "已新建"
    assert re.fullmatch(r"新建版面，\d+ 篇稿件。", outcomes[GOOD[0].name][1])
    assert outcomes[bad.name] == ("未收入", "没有写入：文件是二进制数据，不是文本")
    assert "共 3 个文件：已新建 2 个，未收入 1 个。" in page.locator(".nr-summary").inner_text()
    for row in range(3):  # every outcome is on the screen, none cut off at a phone's width
        box = rows.nth(row).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS[width][0] + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width][0]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"admin-upload-{width}.png"), full_page=True)

    # The same files again change nothing.
    page.get_by_label("版面文件").set_input_files([str(GOOD[0])])
    page.get_by_role("button", name="上传并导入").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("tr.nr-outcome .nr-result").all_inner_texts() == ["未改动"]

    # The uploaded page, in words.
    page.get_by_role("link", name=re.compile(r"跨版示例 2025-01-25 第1版")).click()
    page.wait_for_url(re.compile(r"/admin/articles/page/\d+/change/$"))
    assert "本版稿件" in page.locator("#articles-now").inner_text()
    assert "引擎的识别结果" in page.locator("#engine").inner_text()
    page.screenshot(path=str(ARTIFACTS / f"admin-page-{width}.png"), full_page=True)
