"""Stories that jump pages, end to end on PostgreSQL: the synthetic two-page issue of fixtures/jumps/ (the seed's
stories, three of them cut in two, see tools/build_jump_issue.py) ingested in either order, linked, read whole,
searched, exported and corrected by hand."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from articles import editing, ingest, jumps, models

ROOT = Path(__file__).resolve().parents[1]
JUMPS = ROOT / "fixtures" / "jumps"
TRUTH = json.loads((JUMPS / "jump_2025-01-25.truth.json").read_text(encoding="utf-8"))
PAPER = "测试日报"
DATE = datetime.date(2025, 1, 25)
STORIES = {story["title"]: story for story in TRUTH["jumps"]}
TAGS = re.compile(r"<[^>]+>")


def _ingest(number: int, *, date: datetime.date = DATE, data: bytes | None = None) -> ingest.IngestResult:
    path = JUMPS / f"jump_2025-01-25_0{number}.txt"
    return ingest.page_ingest(
        paper=PAPER, date=date, number=number, data=data or path.read_bytes(), source_name=path.name
    )


def _article(number: int, title: str) -> models.Article:
    return models.Article.objects.get(page__number=number, page__issue__date=DATE, title=title)


def _links() -> dict[str, str]:
    """Each linked continuation's title -> the title of the beginning it continues."""
    linked = models.Article.objects.filter(continues__isnull=False).select_related("continues")
    return {a.title: a.continues.title for a in linked}


EXPECTED_LINKS = {story["jump_title"]: title for title, story in STORIES.items()}


@pytest.mark.django_db
@pytest.mark.parametrize("order", [(1, 2), (2, 1)], ids=["page 1 first", "page 2 first"])
def test_every_jump_is_linked_to_its_beginning_whichever_page_comes_first(order: tuple[int, int]) -> None:
    for number in order:
        _ingest(number)
    assert _links() == EXPECTED_LINKS
    # Nothing else is linked or suggested: the whole stories on both pages stand alone.
    assert not models.Article.objects.filter(link_suggested__isnull=False).exists()
    for story in TRUTH["pages"]["1"]["whole_stories"] + TRUTH["pages"]["2"]["whole_stories"]:
        found = models.Article.objects.get(page__issue__date=DATE, title=story["title"] or "")
        assert found.continues_id is None and not found.continued_by.exists()
    scores = models.Article.objects.filter(continues__isnull=False).values_list("link_score", flat=True)
    assert all(score >= jumps.jumps.LINK_MIN for score in scores)


@pytest.mark.django_db
def test_the_linking_reads_every_story_of_the_page_a_story_jumps_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A page that sets its headlines in a block may give a story that jumps its neighbour's headline: the
    # neighbours' headlines are evidence too (jumps.Beginning.swapped), so the engine is given every story of
    # that page, as the pure engine reads the whole page, not only those with a jump marker.
    seen: list[set[tuple[int, str]]] = []
    link = jumps.jumps.issue_links

    def spy(parts, pages):  # type: ignore[no-untyped-def]
        seen.append({(p.page, p.headline) for p in parts if p.kind != jumps.jumps.LOOSE})
        return link(parts, pages)

    monkeypatch.setattr(jumps.jumps, "issue_links", spy)
    _ingest(1)
    _ingest(2)
    page_one = {
        (1, jumps._headline(a)) for a in models.Article.objects.filter(page__number=1, page__issue__date=DATE)
    }
    assert any(a.continued_to_page is None for a in models.Article.objects.filter(page__number=1))
    assert page_one <= seen[-1]


@pytest.mark.django_db
def test_a_continuation_waits_for_its_beginning_and_is_linked_when_that_page_arrives(client: Client) -> None:
    _ingest(2)
    fragment = _article(2, "柔性执法信用修复助力企业发展")
    assert fragment.continues_id is None and fragment.continued_from_page == 1
    response = client.get(f"/articles/{fragment.pk}/")
    assert response.status_code == 200
    assert "上接第1版：该版尚未收入档案" in response.content.decode()

    _ingest(1)
    fragment.refresh_from_db()
    assert fragment.continues == _article(1, "柔性执法信用修复助力企业健康发展")


@pytest.mark.django_db
def test_the_same_stories_in_another_issue_are_not_linked_across_issues() -> None:
    _ingest(1)
    _ingest(2, date=DATE + datetime.timedelta(days=1))
    assert _links() == {}


@pytest.mark.django_db
@pytest.mark.parametrize("title", list(STORIES))
def test_the_article_page_reads_the_whole_story_once_with_the_cut_paragraph_joined(
    client: Client, title: str
) -> None:
    _ingest(1)
    _ingest(2)
    story = STORIES[title]
    beginning = _article(1, title)
    html = client.get(f"/articles/{beginning.pk}/").content.decode()
    prose = html.split('<div class="prose">', 1)[1].split("</div>", 1)[0]
    # The text and subheads a reader reads (the feature's byline block is credits, not text).
    paragraphs = [
        TAGS.sub("", re.sub(r'<span class="page-turn".*?</span>', "", text))
        for kind, text in re.findall(r"<(p|h2)>(.*?)</(?:p|h2)>", prose, re.S)
    ]
    wanted = [p["text"] for p in story["paragraphs"]]
    assert paragraphs == wanted
    assert "下转第" not in prose and "上接第" not in prose
    fragment = _article(2, story["jump_title"])
    assert f'id="part-{fragment.pk}"' in prose  # the quiet marker where the page turned, linked to page 2
    assert "/2025-01-25/2/" in prose
    assert "第1版</a>、<a" in html and "第2版</a>" in html  # both printed pages


@pytest.mark.django_db
def test_the_continuations_address_leads_to_the_whole_story_at_that_part(client: Client) -> None:
    _ingest(2)
    _ingest(1)
    fragment = _article(2, "统筹发展和安全")
    beginning = _article(1, "统筹高质量发展和高水平安全")
    response = client.get(f"/articles/{fragment.pk}/?q=苗庆旺")
    assert response.status_code == 302
    assert (
        response["Location"] == f"/articles/{beginning.pk}/?q=%E8%8B%97%E5%BA%86%E6%97%BA#part-{fragment.pk}"
    )


@pytest.mark.django_db
def test_search_finds_a_story_by_words_of_its_continuation_and_lists_it_once(client: Client) -> None:
    _ingest(1)
    _ingest(2)
    beginning = _article(1, "统筹高质量发展和高水平安全")
    # 苗庆旺 is named only in the part printed on page 2.
    html = client.get("/search/", {"q": "苗庆旺"}).content.decode()
    assert html.count(f'href="/articles/{beginning.pk}/') >= 1
    fragment = _article(2, "统筹发展和安全")
    assert f'href="/articles/{fragment.pk}/' not in html
    assert "<mark>苗庆旺</mark>" in html  # the snippet comes from the part where the words are


@pytest.mark.django_db
def test_region_and_reporter_pages_list_a_story_once(client: Client) -> None:
    _ingest(1)
    _ingest(2)
    beginning = _article(1, "以高水平法治保障首都高质量发展")
    fragment = _article(2, "以高水平法治保障首都发展")
    assert models.Article.objects.stories().filter(pk=fragment.pk).count() == 0
    reporter = models.Person.objects.get(name="黄洁")
    html = client.get(f"/reporters/{reporter.pk}/").content.decode()
    assert html.count(f'href="/articles/{beginning.pk}/') == 1
    assert f'href="/articles/{fragment.pk}/' not in html
    if beginning.region_id:
        html = client.get(f"/regions/{beginning.region_id}/").content.decode()
        assert f'href="/articles/{fragment.pk}/' not in html


@pytest.mark.django_db
def test_export_gives_each_parts_links_and_score(client: Client) -> None:
    _ingest(1)
    _ingest(2)
    document = client.get(f"/{_slug()}/2025-01-25.json").json()
    articles = {a["title"]: a for page in document["pages"] for a in page["articles"]}
    for title, story in STORIES.items():
        beginning, part = articles[title], articles[story["jump_title"]]
        assert part["continues"] == beginning["id"] and part["link_score"] >= jumps.jumps.LINK_MIN
        assert beginning["continued_by"] == [part["id"]] and beginning["continues"] is None


def _slug() -> str:
    return models.Newspaper.objects.get(name=PAPER).slug


@pytest.fixture
def editor() -> object:
    return get_user_model().objects.create_user("editor", password="x", is_staff=True)


@pytest.mark.django_db
def test_an_editors_unlink_survives_later_ingests_and_is_in_the_history(editor: object) -> None:
    _ingest(1)
    _ingest(2)
    fragment = _article(2, "柔性执法信用修复助力企业发展")
    editing.parts_unlink(fragment=fragment, editor=editor, reason="not the same story")
    _ingest(3 - 1, data=(JUMPS / "jump_2025-01-25_02.txt").read_bytes())  # the same page again: unchanged
    _ingest(1, data=(JUMPS / "jump_2025-01-25_01.txt").read_bytes() + b"\n")  # a new version of page 1
    fragment.refresh_from_db()
    assert fragment.continues_id is None and fragment.link_manual
    correction = models.Correction.objects.for_article(fragment).first()
    assert correction.action == models.Correction.Action.PARTS_UNLINK
    assert correction.reason == "not the same story"


@pytest.mark.django_db
def test_an_editors_link_is_kept_and_undo_restores_the_engines(editor: object) -> None:
    _ingest(1)
    _ingest(2)
    fragment = _article(2, "统筹发展和安全")
    engine_choice = fragment.continues_id
    other = _article(1, "不断提升执法司法质效和公信力")  # a whole story: the editor knows better
    editing.parts_link(fragment=fragment, beginning=other, editor=editor)
    _ingest(1, data=(JUMPS / "jump_2025-01-25_01.txt").read_bytes() + b"\n")
    fragment.refresh_from_db()
    other = _article(1, "不断提升执法司法质效和公信力")
    # Page 1 had corrected articles (the link marks them edited), so the new version was held, not applied.
    assert fragment.continues == other and fragment.link_manual
    editing.correction_undo(correction=models.Correction.objects.for_article(fragment).first(), editor=editor)
    fragment.refresh_from_db()
    assert fragment.continues_id == engine_choice and not fragment.link_manual


@pytest.mark.django_db
def test_a_link_that_makes_a_loop_or_stays_on_one_page_is_refused(editor: object) -> None:
    _ingest(1)
    _ingest(2)
    fragment = _article(2, "统筹发展和安全")
    beginning = _article(1, "统筹高质量发展和高水平安全")
    with pytest.raises(editing.CorrectionRefused, match="循环"):
        editing.parts_link(fragment=beginning, beginning=fragment, editor=editor)
    with pytest.raises(editing.CorrectionRefused, match="同一版"):
        editing.parts_link(
            fragment=fragment, beginning=_article(2, "打造忠诚干净担当新时代政法铁军"), editor=editor
        )
    with pytest.raises(editing.CorrectionRefused, match="已经由.*接续"):
        editing.parts_link(
            fragment=_article(2, "柔性执法信用修复助力企业发展"), beginning=beginning, editor=editor
        )


UNMARKED = """\
  校对/王五

要闻

为谱写现代化建设新篇章提供坚强保障

　　本报南京1月23日电 记者丁国锋 江苏省委政法工作会议今天在南京召开，

省委常委、政法委书记李耀光出席会议并讲话，会议要求全省政法机关

（下转第二版）
"""

UNMARKED_2 = """\
  校对/王五

政法

新篇章

　　坚持党对政法工作的绝对领导，江苏省委政法委员会要求全省政法机关

在现代化建设新篇章中担当作为，李耀光说。
"""


@pytest.mark.django_db
def test_a_story_with_no_lead_and_no_marker_is_only_suggested_and_goes_to_the_review_queue() -> None:
    ingest.page_ingest(paper=PAPER, date=DATE, number=1, data=UNMARKED.encode(), source_name="u1.txt")
    ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=UNMARKED_2.encode(), source_name="u2.txt")
    beginning = models.Article.objects.get(page__number=1)
    candidate = models.Article.objects.get(page__number=2)
    assert candidate.continues_id is None
    assert candidate.link_suggested_id == beginning.pk and candidate.needs_review
    queued = models.Article.objects.review_queue().get(pk=candidate.pk)
    assert queued.doubt_link


@pytest.mark.django_db
def test_editors_link_and_unlink_parts_from_the_article_admin(admin_client: Client) -> None:
    _ingest(1)
    _ingest(2)
    fragment = _article(2, "柔性执法信用修复助力企业发展")
    beginning = fragment.continues
    change = reverse("admin:articles_article_change", args=[fragment.pk])
    html = admin_client.get(change).content.decode()
    assert "跨版稿件" in html and "由引擎连接" in html

    response = admin_client.post(
        reverse("admin:articles_article_unlink", args=[fragment.pk]), {"reason": "two stories"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#jump")
    fragment.refresh_from_db()
    assert fragment.continues_id is None and fragment.link_manual
    assert "编辑已取消本篇的接续" in admin_client.get(change).content.decode()

    admin_client.post(
        reverse("admin:articles_article_link", args=[fragment.pk]), {"beginning": beginning.pk, "reason": ""}
    )
    fragment.refresh_from_db()
    assert fragment.continues_id == beginning.pk
    history = admin_client.get(change).content.decode()
    assert "连接跨版稿件" in history and "取消跨版连接" in history


@pytest.mark.django_db
def test_a_refused_link_in_the_admin_says_why_and_changes_nothing(admin_client: Client) -> None:
    _ingest(1)
    _ingest(2)
    fragment = _article(2, "统筹发展和安全")
    same_page = _article(2, "打造忠诚干净担当新时代政法铁军")
    response = admin_client.post(
        reverse("admin:articles_article_link", args=[fragment.pk]), {"beginning": same_page.pk}, follow=True
    )
    assert response.status_code == 200
    fragment.refresh_from_db()
    assert fragment.continues == _article(1, "统筹高质量发展和高水平安全")
    # A part on the same page is not offered; one posted anyway is refused with the field named.
    assert "没有完成：本篇接续：" in response.content.decode()


@pytest.mark.django_db
def test_a_forced_new_version_of_the_beginnings_page_hands_an_editors_link_back_to_the_engine(
    editor: object,
) -> None:
    _ingest(1)
    _ingest(2)
    fragment = _article(2, "统筹发展和安全")
    editing.parts_link(fragment=fragment, beginning=fragment.continues, editor=editor, reason="checked")
    path = JUMPS / "jump_2025-01-25_01.txt"
    result = ingest.page_ingest(
        paper=PAPER, date=DATE, number=1, data=path.read_bytes() + b"\n", source_name=path.name, force=True
    )
    assert result.status == ingest.REPLACED
    fragment.refresh_from_db()
    # The article it was linked to is gone; the engine links the part to the new one and an editor checks.
    assert fragment.continues == _article(1, "统筹高质量发展和高水平安全")
    assert not fragment.link_manual and fragment.needs_review
    assert "失去了连接" in fragment.page.review_reason


@pytest.mark.django_db
def test_the_printed_page_names_the_story_a_linked_continuation_belongs_to(client: Client) -> None:
    _ingest(1)
    _ingest(2)
    html = client.get(f"/{_slug()}/2025-01-25/2/").content.decode()
    assert "上接第1版《统筹高质量发展和高水平安全》" in html
    assert "上接第1版《打造" not in html  # a whole story continues nothing


CHAIN = {
    1: "  校对/王五\n\n要闻\n\n以高水平法治保障首都高质量发展\n\n"
    "　　本报北京1月23日电 记者黄洁 北京市委政法工作会议今天召开。会议部署全市政法工作，\n\n"
    "要求全市政法机关始终把维护首都政治安全摆在首位，全力维护社会\n\n（下转第二版）\n",
    2: "  校对/王五\n\n政法\n\n以高水平法治保障首都发展\n\n"
    "上接第一版 大局稳定，强化社会治安整体防控，坚决守护和提升人民群众安全感。会议指出，\n\n"
    "过去一年北京全市政法系统忠诚履职、真抓实干，全力护航新时代首都\n\n（下转第三版）\n",
    3: "  校对/王五\n\n综合\n\n保障首都高质量发展\n\n"
    "上接第二版 发展，政法各项工作取得新进展新成效。会议以视频方式召开。\n",
}


@pytest.mark.django_db
def test_a_story_over_three_pages_is_read_whole_whichever_page_came_first(client: Client) -> None:
    for number in (3, 1, 2):
        ingest.page_ingest(
            paper=PAPER, date=DATE, number=number, data=CHAIN[number].encode(), source_name=f"c{number}.txt"
        )
    first = models.Article.objects.get(page__number=1)
    second = models.Article.objects.get(page__number=2)
    third = models.Article.objects.get(page__number=3)
    assert (second.continues_id, third.continues_id) == (first.pk, second.pk)
    html = client.get(f"/articles/{first.pk}/").content.decode()
    prose = TAGS.sub("", html.split('<div class="prose">', 1)[1].split("</div>", 1)[0])
    assert "维护社会大局稳定" in re.sub(r"转第2版", "", prose)  # the cut sentences read on
    assert "新时代首都发展" in re.sub(r"转第3版", "", prose)
    assert "上接第" not in prose and "下转第" not in prose
    assert client.get(f"/articles/{third.pk}/")["Location"].endswith(f"/articles/{first.pk}/#part-{third.pk}")


def _generated_issue() -> object:
    """Issue 1 of tools/jump_issues.py on the corpus sample, seed 2: three pages, six stories that jump."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import jump_issues

    (issue, *_) = jump_issues.make_issues(ROOT / "fixtures" / "corpus" / "rmrb_sample.jsonl", count=1, seed=2)
    return issue


@pytest.mark.django_db
@pytest.mark.parametrize("order", [(1, 2, 3), (1, 3, 2), (2, 1, 3), (2, 3, 1), (3, 1, 2), (3, 2, 1)])
def test_a_generated_issue_is_linked_alike_in_every_ingest_order_as_the_engine_links_it(
    order: tuple[int, int, int],
) -> None:
    # What ingest stores after the last page, whichever came first, is what the pure engine links over the
    # whole issue: the same pairs, linked or only suggested alike.
    from articles.reconstruct import issue as reading
    from articles.reconstruct import jumps as pure

    issue = _generated_issue()
    date = datetime.date.fromisoformat(issue.date)
    for number in order:
        ingest.page_ingest(
            paper=issue.paper,
            date=date,
            number=number,
            data=issue.pages[number].encode(),
            source_name=f"p{number}.txt",
        )
    pages = reading.issue_read(issue.pages)
    parts = [p for n in sorted(pages) for p in pure.page_parts(n, pages[n])]
    want = {
        (parts[f].page, parts[f].paragraphs[0], parts[b].page, m.certain)
        for f, b, m in pure.issue_links(parts, set(issue.pages))
    }
    stored = set()
    for a in models.Article.objects.filter(page__issue__date=date).exclude(
        continues=None, link_suggested=None
    ):
        other = a.continues or a.link_suggested
        stored.add(
            (
                a.page.number,
                a.paragraphs.order_by("position").first().text,
                other.page.number,
                a.continues_id is not None,
            )
        )
    assert stored == want
    assert sum(1 for *_, certain in want if certain) >= 4  # of the six jumps, as the engine stands


# A continuation page whose continuation runs into the story below it: only the beginning, on the other page,
# shows which headline of the block is the jump headline (tests/test_reconstruct_jumps.py has the pages).
def _reread_pages() -> dict[int, bytes]:
    from tests.test_reconstruct_jumps import CONTINUATION_PAGE, page, para

    beginning = page(
        "为高质量发展注入内生动力",
        *para("本报北京1月23日电 北京湿地保护区去年扩大了一倍，湿地公园里的候鸟成群，湿地水质逐年改善。"),
        "（下转第二版）",
    )
    return {1: beginning.encode(), 2: CONTINUATION_PAGE.encode()}


def _reread_ingest(number: int) -> None:
    ingest.page_ingest(
        paper=PAPER,
        date=DATE,
        number=number,
        data=_reread_pages()[number],
        source_name=f"reread_{number}.txt",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("order", [(1, 2), (2, 1)], ids=["beginning first", "continuation first"])
def test_a_page_is_read_again_with_the_jump_headline_its_issue_shows(order: tuple[int, int]) -> None:
    from tests.test_reconstruct_jumps import JUMP_HEADLINE

    for number in order:
        _reread_ingest(number)
    second = models.Page.objects.get(issue__date=DATE, number=2)
    stories = list(second.articles.order_by("position").values_list("title", "continues__title"))
    assert stories == [
        (JUMP_HEADLINE, "为高质量发展注入内生动力"),
        ("守岛夫妇在蛇岛过年（新春走基层）", None),
    ]
    assert second.reconstructed_json["jump_headlines"] == {JUMP_HEADLINE: 1}
    assert bytes(second.raw) == _reread_pages()[2]  # the raw page is kept as it came
    continuation = second.articles.get(title=JUMP_HEADLINE)
    assert "蝮蛇" not in " ".join(continuation.paragraphs.values_list("text", flat=True))


@pytest.mark.django_db
def test_a_page_an_editor_corrected_is_not_read_again(editor: object) -> None:
    _reread_ingest(2)
    (story,) = models.Article.objects.filter(page__number=2)
    editing.article_headline_set(
        article=story, kicker="", title="编辑改过的标题", subtitle="", editor=editor, reason="checked"
    )
    _reread_ingest(1)
    (kept,) = models.Article.objects.filter(page__number=2)
    assert (kept.pk, kept.title) == (story.pk, "编辑改过的标题")
    assert kept.continues.page.number == 1  # linked all the same, by its marker and its words


@pytest.mark.django_db
def test_a_page_read_again_keeps_the_rows_of_the_stories_it_reads_the_same(client: Client) -> None:
    # A story on the continuation's page that the new reading leaves as it was keeps its address: a reader's
    # bookmark made before the beginning's page arrived still opens it. Only the stories read otherwise go.
    from tests.test_reconstruct_jumps import CONTINUATION_PAGE, page, para

    other = page(
        *para("本报上海1月23日电 地铁新线今天开通，沿线居民出行更方便，地铁站里人来人往。"),
        "上海地铁新线开通",
    )
    data = (other + CONTINUATION_PAGE).encode()
    ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=data, source_name="reread_2.txt")
    metro = models.Article.objects.get(page__number=2, title="上海地铁新线开通")
    before = set(models.Article.objects.filter(page__number=2).values_list("pk", flat=True))
    _reread_ingest(1)
    after = models.Article.objects.filter(page__number=2).order_by("position")
    assert [a.title for a in after][-2:] == [
        "北京：为高质量发展注入内生动力",
        "守岛夫妇在蛇岛过年（新春走基层）",
    ]
    assert models.Article.objects.get(pk=metro.pk).title == "上海地铁新线开通"  # the same row
    assert client.get(f"/articles/{metro.pk}/").status_code == 200
    assert len(before & {a.pk for a in after}) == 1  # the story read otherwise is a new row
    from articles.counts import counts_recount

    assert counts_recount(fix=False) == []  # the places' and reporters' kept counts moved with the rows


@pytest.mark.django_db
def test_a_page_read_again_whose_rows_and_stored_reading_disagree_is_still_read() -> None:
    # The stored reading names a story at a position no row holds (changed by hand in the database): the page
    # is read again all the same, the row it does not name going like a story read otherwise.
    _reread_ingest(2)
    stored = models.Page.objects.get(number=2)
    stored.reconstructed_json["articles"][0]["position"] = 99
    stored.save(update_fields=["reconstructed_json"])
    _reread_ingest(1)
    second = models.Article.objects.filter(page__number=2).order_by("position")
    assert [a.title for a in second] == ["北京：为高质量发展注入内生动力", "守岛夫妇在蛇岛过年（新春走基层）"]


@pytest.mark.django_db
@pytest.mark.parametrize("order", [(1, 2), (2, 1)], ids=["beginning first", "continuation first"])
def test_a_continuation_page_is_read_again_with_its_beginning_s_text(order: tuple[int, int]) -> None:
    # The title left over on page 2 names nothing of its story: only the beginning's text, on page 1, shows
    # where the continuation stops talking of what it began with.
    from tests.test_reconstruct_jumps import (
        JUMP_HEADLINE,
        LEADLESS_TITLE,
        UNNAMED_PAGE,
        WETLAND_BEGINNING,
        page,
        para,
    )

    pages = {
        1: page("为高质量发展注入内生动力", *para(WETLAND_BEGINNING), "（下转第二版）"),
        2: UNNAMED_PAGE,
    }
    for number in order:
        ingest.page_ingest(
            paper=PAPER, date=DATE, number=number, data=pages[number].encode(), source_name=f"p{number}.txt"
        )
    second = models.Page.objects.get(issue__date=DATE, number=2)
    stories = [
        (a.title, a.continues.page.number if a.continues else None, a.paragraphs.count())
        for a in second.articles.order_by("position")
    ]
    assert stories == [(JUMP_HEADLINE, 1, 3), (LEADLESS_TITLE, None, 2)]
    (begun,) = second.reconstructed_json["jump_texts"].values()
    assert "湿地保护区去年扩大了一倍" in begun
