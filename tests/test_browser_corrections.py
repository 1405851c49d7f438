"""An editor in a real Chromium (Debian's, driven by Playwright), reading a story the engine cut badly on the
public site, gets to its fix in three clicks or fewer, at desktop and phone widths:

- two stories run together: 编辑, 从这里拆分 at the second story's first paragraph, 拆分稿件 (the page's
  unplaced headline is offered first);
- one story cut in two: 编辑 on the second part, 并入上一篇;
- two paragraphs run together: 编辑, a click between the two characters where the second begins, 在此拆分;
  or from the keyboard, the caret moved with the arrow keys and Enter.

The editor signs in first (not counted). Screenshots are kept in var/test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F
from django.urls import reverse

from articles import models
from tests.browser import ARTIFACTS, admin_login, chromium_page, needs_chromium
from tests.seeding import article, seed_ingest
from tests.test_admin import FEATURE, HEILONGJIANG, JIANGSU, stories_merged_by_the_engine

PASSWORD = "correct horse battery staple"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
MAX_CLICKS = 3

pytestmark = [needs_chromium]


def story_cut_in_two_by_the_engine() -> tuple[models.Article, models.Article]:
    """The feature story cut before its fourth paragraph, the rest an article of no headline after it: what
    the engine stores when it takes a paragraph for a new story's lead. Returns the two parts."""
    feature = article(FEATURE)
    with transaction.atomic():
        models.Article.objects.filter(page=feature.page, position__gt=feature.position).update(
            position=F("position") + 1
        )
        tail = models.Article.objects.create(
            page=feature.page, position=feature.position + 1, kind=feature.kind, confidence_lead=False
        )
        for n, paragraph in enumerate(feature.paragraphs.filter(position__gte=4).order_by("position"), 1):
            paragraph.article, paragraph.position = tail, n
            paragraph.save()
    return feature, tail


@pytest.fixture
def stories(transactional_db) -> dict[str, Any]:  # noqa: ANN001 - pytest fixtures
    """The seed page with two stories run together and one cut in two, and an editor. All the database
    work is done here, before Playwright starts (see tests/test_browser_admin.py)."""
    seed_ingest()
    User.objects.create_user("editor", password=PASSWORD, is_staff=True, is_superuser=True)
    merged, _ = stories_merged_by_the_engine()
    head, tail = story_cut_in_two_by_the_engine()
    paragraph = next(p for p in merged.paragraphs.order_by("position") if "。" in p.text.rstrip("。”"))
    issue = merged.page.issue
    return {
        "merged": merged.pk,
        "head": head.pk,
        "tail": tail.pk,
        "paragraph": paragraph.text,
        "at": paragraph.position,
        "page": reverse("articles:page", args=[issue.newspaper.slug, issue.date, merged.page.number]),
    }


@pytest.fixture(params=list(WIDTHS))
def signed_in(request, live_server, stories) -> Iterator[tuple[Any, str, str]]:  # noqa: ANN001
    width, height = WIDTHS[request.param]
    with chromium_page(width=width, height=height) as page:
        page.goto(f"{live_server.url}/admin/login/")
        admin_login(page, username="editor", password=PASSWORD)
        page.wait_for_url(re.compile(r"/admin/$"))
        yield page, live_server.url, request.param


def _counting(clicks: list[str]) -> Callable[[Any, str], None]:
    def click(locator: Any, what: str) -> None:
        clicks.append(what)
        locator.click()

    return click


def _public(page: Any, base: str, pk: int) -> None:
    page.goto(f"{base}/articles/{pk}/")
    page.wait_for_load_state("networkidle")


def _edit_link(page: Any) -> Any:
    return page.get_by_role("complementary", name="编辑工具").get_by_role("link", name="编辑", exact=True)


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_two_stories_run_together_are_split_in_three_clicks(signed_in, stories) -> None:  # noqa: ANN001
    page, base, width = signed_in
    clicks: list[str] = []
    click = _counting(clicks)
    _public(page, base, stories["merged"])

    click(_edit_link(page), "编辑")
    click(page.locator("#p4").get_by_role("link", name="从这里拆分"), "从这里拆分")
    assert page.get_by_label(re.compile(HEILONGJIANG)).is_checked()  # the page's unplaced headline, first
    click(page.get_by_role("button", name="拆分稿件"), "拆分稿件")

    page.wait_for_load_state("networkidle")
    assert "已拆分为" in page.locator("ul.messagelist").inner_text()
    _shot(page, f"fix-run-together-{width}")
    assert len(clicks) <= MAX_CLICKS, clicks
    page.goto(base + stories["page"])
    headlines = [re.sub(r"\s+", "", t) for t in page.locator("main article h2").all_inner_texts()]
    assert JIANGSU in headlines[0] and HEILONGJIANG in headlines[1]


def test_a_story_cut_in_two_is_joined_in_two_clicks(signed_in, stories) -> None:  # noqa: ANN001
    page, base, width = signed_in
    clicks: list[str] = []
    click = _counting(clicks)
    _public(page, base, stories["tail"])

    click(_edit_link(page), "编辑")
    click(page.get_by_role("button", name=re.compile(r"^并入上一篇")), "并入上一篇")

    page.wait_for_load_state("networkidle")
    assert "已把两篇合为" in page.locator("ul.messagelist").inner_text()
    _shot(page, f"fix-cut-in-two-{width}")
    assert len(clicks) <= MAX_CLICKS, clicks
    _public(page, base, stories["tail"])  # the second part's address now leads to the whole story
    assert page.url.endswith(f"/articles/{stories['head']}/")


def test_two_paragraphs_run_together_are_split_where_the_editor_clicks(signed_in, stories) -> None:  # noqa: ANN001
    page, base, width = signed_in
    clicks: list[str] = []
    click = _counting(clicks)
    text, at = stories["paragraph"], stories["at"]
    cut = text.index("。") + 1  # the first sentence ends the first paragraph
    _public(page, base, stories["merged"])

    click(_edit_link(page), "编辑")
    # The click between two characters is read by the page's script: let the editing page load it first
    # (on a busy machine the mouse could otherwise land before the script listens).
    page.wait_for_url(re.compile(r"/change/$"))
    page.wait_for_load_state("networkidle")
    paragraph = page.locator(f"#p{at} [data-split-url]")
    clicks.append("between two characters")
    _click_between(page, paragraph, cut)
    panel = page.locator(".nr-split-panel")
    assert panel.locator("[data-before]").inner_text().endswith(text[cut - 3 : cut])
    _shot(page, f"fix-paragraph-caret-{width}")
    click(panel.get_by_role("button", name="在此拆分"), "在此拆分")

    page.wait_for_load_state("networkidle")
    assert len(clicks) <= MAX_CLICKS, clicks
    assert page.locator(f"#p{at} [data-split-url]").inner_text() == text[:cut]
    assert page.locator(f"#p{at + 1} [data-split-url]").inner_text() == text[cut:]


def test_a_paragraph_is_split_from_the_keyboard(signed_in, stories) -> None:  # noqa: ANN001
    page, base, _ = signed_in
    text, at = stories["paragraph"], stories["at"]
    cut = text.index("。") + 1
    page.goto(f"{base}{reverse('admin:articles_article_change', args=[stories['merged']])}")

    page.locator(f"#p{at} [data-split-url]").focus()
    page.keyboard.press("Control+ArrowRight")  # to the end of the first sentence
    assert page.locator(".nr-split-panel [data-where]").inner_text() == f"第 {cut} 个字之后"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")

    page.wait_for_load_state("networkidle")
    assert page.locator(f"#p{at} [data-split-url]").inner_text() == text[:cut]


def _click_between(page: Any, paragraph: Any, at: int) -> None:
    """Click on the left half of the character after the cut, as an editor points between two characters."""
    box = paragraph.evaluate(
        """(element, at) => {
            element.scrollIntoView({block: "start"});
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            const node = walker.nextNode();
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + 1);
            const rect = range.getClientRects()[0];
            return {x: rect.left + rect.width * 0.25, y: rect.top + rect.height / 2};
        }""",
        at,
    )
    page.mouse.click(box["x"], box["y"])
