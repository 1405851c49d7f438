"""The search page in a real Chromium at desktop and phone widths (issue 15): one search box, the filters
folded away until used, a word found inside longer ones, the results sorted by date from the sort links and
narrowed by a facet;
a reporter picked from the names the archive offers as one types, a story printed twice listed once, and
no WCAG 2.1 A or AA violation reported by axe-core, in light and dark mode.

Screenshots are kept as test artifacts in var/test-artifacts/.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import ARTIFACTS, AXE_TAGS, chromium_page, needs_chromium
from tests.contrast import contrast_failures
from tests.seeding import articles_store, stories_store, story

pytestmark = [needs_chromium]

DAY = datetime.date(2025, 1, 24)
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(params=list(WIDTHS))
def search_page(request, live_server, transactional_db) -> Iterator:  # noqa: ANN001 - pytest fixtures
    # Before Playwright starts: its greenlet would open a second database connection.
    stories_store(("一月通报", "市检察院今天召开会议。"), date=DAY)
    stories_store(("检察工作", "开展检察监督。"), date=DAY + datetime.timedelta(days=1))
    stories_store(("三月通报", "省人民检察院发布。"), date=DAY + datetime.timedelta(days=2), paper="检察日报")
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

    facets = page.get_by_role("complementary", name="按类别筛选")
    assert facets.get_by_role("link", name="检察日报").locator("xpath=..").inner_text() == "检察日报 1"
    facets.get_by_role("link", name="检察日报").click()
    page.wait_for_load_state()
    assert _titles(page) == ["三月通报"]  # the facet, the date filter and the order kept
    assert page.get_by_label("起始日期").input_value() == "2025-01-25"


@pytest.fixture(params=list(WIDTHS))
def names_page(request, live_server, transactional_db) -> Iterator:  # noqa: ANN001 - pytest fixtures
    articles_store(
        (
            story(1, title="信用修复有了新规", body=OPENING, reporters=("王闽",), places=("南京市",)),
            story(2, title="失信惩戒", body="信用惩戒机制。", reporters=("王比学",)),
            story(3, title="信用记录", body="信用记录查询。", reporters=("蒋小王",)),
        ),
        date=DAY,
        number=2,
    )
    articles_store(
        (story(1, title="信用修复有了新规", body=OPENING, reporters=("王闽",)),),
        date=DAY + datetime.timedelta(days=1),
        number=3,
        paper="检察日报",
    )
    width, height = WIDTHS[request.param]
    with chromium_page(width=width, height=height) as page:
        yield page, live_server.url, request.param


OPENING = "本报北京1月23日电 最高人民法院今天发布信用修复典型案例，要求各地法院依法审慎适用失信惩戒措施。"


def test_reader_picks_a_reporter_from_the_archive_and_sees_reprints_grouped(names_page) -> None:  # noqa: ANN001
    page, base, width = names_page
    page.goto(base + "/search/?q=信用")
    assert len(_titles(page)) == 3  # the reprint is listed under its first printing
    # Ranked alike, the newer printing comes first, the other under it.
    assert page.locator(".search-reprints a").inner_text() == "法治日报 2025年1月24日 第2版"

    page.get_by_text("筛选：日期、地区、记者、报纸").click()
    box = page.get_by_label("记者")
    box.press_sequentially("王")  # as one types: the archive's names are offered
    offered = page.locator("#names-reporter option")
    offered.first.wait_for(state="attached")
    assert [offered.nth(i).get_attribute("value") for i in range(offered.count())] == [
        "王闽",
        "王比学",
        "蒋小王",
    ]
    assert offered.first.get_attribute("label") == "2 篇"
    # Picking an option puts its value in the box (the list itself is the browser's, outside the page).
    box.fill(offered.first.get_attribute("value") or "")
    box.press("Enter")
    page.wait_for_load_state()
    assert _titles(page) == ["信用修复有了新规"]
    assert page.get_by_label("记者").input_value() == "王闽"
    assert page.locator(".search-reprints").count() == 1  # 王闽's story printed twice: one result

    region = page.get_by_label("地区")
    region.press_sequentially("南京")
    page.locator("#names-region option").first.wait_for(state="attached")
    assert page.locator("#names-region option").first.get_attribute("value") == "南京市（江苏省）"

    page.goto(base + "/search/?q=信用&reporter=王")  # a partial name, sent without the list
    assert len(_titles(page)) == 3
    page.get_by_role("status").get_by_role("link", name="王比学").click()
    page.wait_for_load_state()
    assert _titles(page) == ["失信惩戒"]

    axe = Axe()
    violations = {}
    for url in ["/search/?q=信用", "/search/?q=信用&reporter=王", "/search/?q=信用&region=朝阳区"]:
        page.goto(base + url)
        page.locator("details.search-form__more").evaluate("d => d.open = true")
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            if url.endswith("reporter=王"):
                page.screenshot(path=str(ARTIFACTS / f"search-names-{width}-{scheme}.png"), full_page=True)
            found = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            for violation in found.response["violations"]:
                nodes = [node["html"][:120] for node in violation["nodes"][:3]]
                violations.setdefault(f"{url} {scheme}", []).append((violation["id"], nodes))
            assert not contrast_failures(page), (url, scheme)
    assert not violations, violations
