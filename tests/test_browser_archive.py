"""A reader in Chromium walks the archive: home → a paper → an issue → the next and previous issue → a page →
the next and previous page, on a desktop and on a phone; every page's text keeps WCAG AA contrast in light and
dark mode (tests/contrast.py) and axe-core finds no WCAG 2.1 level A or AA violation on any of them, and the dark
regions map is dark.

Screenshots of the walk are kept as test artifacts in var/test-artifacts/.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from articles import ingest
from tests.browser import ARTIFACTS, AXE_TAGS, chromium_page, needs_chromium
from tests.contrast import contrast_failures
from tests.seeding import PAPER, SEED_DATE, seed_ingest

pytestmark = [needs_chromium]

FRONT = (
    Path(__file__).resolve().parent.parent
    / "fixtures"
    / "pages"
    / "synthetic-headlines-above-gb18030-crlf.txt"
)
DATES = (datetime.date(2024, 12, 30), SEED_DATE, datetime.date(2025, 1, 27))
PHONE, DESKTOP = 390, 1280


def _seed() -> None:
    """法治日报 on three dates, the middle one with a page 1 too."""
    seed_ingest(DATES)
    ingest.page_ingest(
        paper=PAPER,
        date=SEED_DATE,
        number=1,
        data=FRONT.read_bytes(),
        source_name="front_2025-01-24_01.txt",
        cache=ingest.IngestCache(),
    )


@pytest.fixture
def site(live_server, transactional_db) -> str:  # noqa: ANN001 - pytest fixtures
    _seed()  # before Playwright starts: its greenlet would open a second database connection
    return live_server.url


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def browser_page(request: pytest.FixtureRequest, site: str) -> Iterator[tuple[Any, str, int]]:
    with chromium_page(width=request.param, height=844 if request.param == PHONE else 900) as page:
        yield page, site, request.param


def _no_contrast_failures(page: Any) -> None:
    failures = contrast_failures(page)
    assert not failures, f"{page.url}: {failures[:5]}"


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_reader_walks_from_home_to_a_paper_its_issues_and_pages(browser_page) -> None:  # noqa: ANN001
    page, base, width = browser_page
    device = "phone" if width == PHONE else "desktop"
    page.goto(base + "/")
    _no_contrast_failures(page)

    page.get_by_role("link", name=PAPER, exact=True).click()
    assert page.locator("h1").inner_text() == PAPER
    assert page.get_by_role("heading", name=re.compile("^2025年")).is_visible()
    _no_contrast_failures(page)
    _shot(page, f"paper-{device}")

    page.get_by_role("link", name="2025年1月24日").click()
    assert "2025年1月24日" in page.locator("h1").inner_text()
    _no_contrast_failures(page)
    _shot(page, f"issue-{device}")

    page.get_by_role("link", name=re.compile("下一期")).first.click()
    assert "2025年1月27日" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name=re.compile("下一期")).count() == 0  # the last issue
    page.get_by_role("link", name=re.compile("上一期")).first.click()
    assert "2025年1月24日" in page.locator("h1").inner_text()

    page.get_by_role("navigation", name="本期版面").get_by_role("link", name=re.compile("第1版")).click()
    assert page.url.endswith("#page-1")
    page.locator("#page-1 a").click()
    assert "第1版" in page.locator("h1").inner_text()
    _no_contrast_failures(page)

    page.get_by_role("link", name=re.compile("下一版")).click()
    assert "第2版" in page.locator("h1").inner_text()
    pages_nav = page.get_by_role("navigation", name="本期版面")
    first_story = page.locator("main article").first
    assert pages_nav.is_visible()
    if width == PHONE:  # one column: the issue's pages are above the stories, within the first screen
        assert pages_nav.bounding_box()["y"] < first_story.bounding_box()["y"]
        assert pages_nav.bounding_box()["y"] + pages_nav.bounding_box()["height"] < 844
    else:  # beside them
        assert (
            pages_nav.bounding_box()["x"]
            > first_story.bounding_box()["x"] + first_story.bounding_box()["width"]
        )
    _no_contrast_failures(page)
    _shot(page, f"page-{device}")

    page.get_by_role("link", name=re.compile("上一版")).click()
    assert "第1版" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name=re.compile("上一版")).count() == 0


def _every_kind_of_page(base: str, page: Any) -> list[str]:
    """One address of each public page the site has, found by following its links."""
    page.goto(base + f"/{PAPER}/2025-01-24/2/")
    article = page.locator("main article h2 a").first.get_attribute("href")
    page.goto(base + article)
    reporter = page.locator("main a[href^='/reporters/']").first.get_attribute("href")
    page.goto(base + "/regions/")
    region = page.locator("main a[href^='/regions/']").first.get_attribute("href")
    return [
        "/",
        "/archive/",
        "/archive/2025/",
        "/archive/2025/1/",
        f"/{PAPER}/",
        f"/{PAPER}/2025-01-24/",
        f"/{PAPER}/2025-01-24/2/",
        f"/{PAPER}/2025-01-24/2/source/",
        article,
        f"{article}?source=1&q=法治",
        "/reporters/",
        reporter,
        "/regions/",
        region,
        "/search/?q=法治",
        "/no-such-paper/",
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_page_keeps_aa_contrast(site: str, scheme: str) -> None:
    with chromium_page() as page:
        page.emulate_media(color_scheme=scheme)
        urls = _every_kind_of_page(site, page)
        failures = {}
        for url in urls:
            page.goto(site + url)
            found = contrast_failures(page)
            if found:
                failures[url] = found[:3]
        assert not failures, failures


def test_regions_map_is_dark_in_dark_mode(site: str) -> None:
    with chromium_page() as page:
        fills = {}
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            page.goto(site + "/regions/")
            fills[scheme] = page.eval_on_selector(".tile-map .tile-0 rect", "r => getComputedStyle(r).fill")
            background = page.eval_on_selector("body", "b => getComputedStyle(b).backgroundColor")
            if scheme == "dark":
                _shot(page, "regions-dark")
        assert fills["light"] != fills["dark"]
        channels = [int(c) for c in re.findall(r"\d+", fills["dark"])[:3]]
        assert max(channels) < 80, fills  # a dark square on the dark page (body: {background})
        assert background != "rgb(253, 252, 248)"


def test_the_favicon_is_linked_and_served(site: str) -> None:
    with chromium_page() as page:
        page.goto(site + "/")
        href = page.locator("link[rel=icon]").get_attribute("href")
        response = page.request.get(site + href)
        assert response.ok and response.headers["content-type"].startswith("image/svg+xml")


@pytest.mark.parametrize(
    ("width", "schemes"), [(DESKTOP, ("light", "dark")), (PHONE, ("light",))], ids=["desktop", "phone"]
)
def test_axe_core_reports_no_level_a_or_aa_violation_on_any_kind_of_page(
    site: str, width: int, schemes: tuple[str, ...]
) -> None:
    axe = Axe()
    with chromium_page(width=width, height=900) as page:
        violations = {}
        for url in _every_kind_of_page(site, page):
            page.goto(site + url)
            for scheme in schemes:
                page.emulate_media(color_scheme=scheme)
                found = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
                for violation in found.response["violations"]:
                    nodes = [node["html"][:120] for node in violation["nodes"][:3]]
                    violations.setdefault(f"{url} {scheme}", []).append((violation["id"], nodes))
        assert not violations, violations
