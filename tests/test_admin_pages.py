"""Newspapers, issues, pages and page versions in the admin: made only by ingest (no add form, what a file
decides read-only), shown in words rather than the engine's JSON, deleted only when no editor's work goes
with them.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from articles import editing, ingest, models
from tests.seeding import PAPER, SEED, SEED_DATE, seed_ingest
from tests.test_admin import english_words

pytestmark = pytest.mark.django_db

JIANGSU = "为谱写现代化建设新篇章提供坚强保障"
TAGS = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S)


@pytest.fixture
def page() -> models.Page:
    seed_ingest()
    return models.Page.objects.select_related("issue__newspaper").get()


def _replaced(page: models.Page) -> models.PageVersion:
    """The seed page replaced by a changed file: its old bytes kept as a version."""
    changed = SEED.read_bytes().replace("江苏".encode(), "浙江".encode())
    ingest.page_ingest(paper=PAPER, date=SEED_DATE, number=2, data=changed, source_name=page.source_name)
    return models.PageVersion.objects.get()


def _text(response) -> str:  # noqa: ANN001 - a test client response
    assert response.status_code == 200
    return unescape(TAGS.sub(" ", response.content.decode()))


# -- No hand-made rows -----------------------------------------------------------------------------


def test_no_page_issue_version_or_paper_can_be_added_by_hand(page: models.Page, admin_client: Client) -> None:
    _replaced(page)
    before = {m: m.objects.count() for m in (models.Page, models.PageVersion, models.Issue, models.Newspaper)}
    for name in ("page", "pageversion", "issue", "newspaper"):
        url = reverse(f"admin:articles_{name}_add")
        assert admin_client.get(url).status_code == 403, name
        assert admin_client.post(url, {"name": "手造的报纸", "slug": "x", "number": "9"}).status_code == 403
        changelist = admin_client.get(reverse(f"admin:articles_{name}_changelist")).content.decode()
        assert f'href="{url}"' not in changelist, name
    assert {m: m.objects.count() for m in before} == before


def test_what_the_file_decides_cannot_be_changed_but_the_review_flag_can(
    page: models.Page, admin_client: Client
) -> None:
    page.needs_review, page.review_reason = True, "看看"
    page.save()
    url = reverse("admin:articles_page_change", args=[page.pk])
    response = admin_client.post(
        url,
        {"number": "9", "section": "改过", "source_name": "x.txt", "review_reason": "", "needs_review": ""},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.number, page.section, page.source_name, page.review_reason) == (
        2,
        "法治动态",
        "fazhi_2025-01-24_02.txt",
        "看看",
    )
    assert page.needs_review is False


def test_issues_and_versions_are_only_to_look_at(page: models.Page, admin_client: Client) -> None:
    version = _replaced(page)
    for url in (
        reverse("admin:articles_issue_change", args=[page.issue_id]),
        reverse("admin:articles_pageversion_change", args=[version.pk]),
    ):
        html = admin_client.get(url).content.decode()
        assert 'name="_save"' not in html, url
        assert admin_client.post(url, {"date": "2020-01-01"}).status_code == 403, url
    assert models.Issue.objects.get().date == SEED_DATE


def test_a_paper_name_can_be_corrected(page: models.Page, admin_client: Client) -> None:
    paper = page.issue.newspaper
    url = reverse("admin:articles_newspaper_change", args=[paper.pk])
    assert admin_client.post(url, {"name": "法治日报社", "slug": paper.slug}).status_code == 302
    assert models.Newspaper.objects.get().name == "法治日报社"


# -- Shown in words --------------------------------------------------------------------------------


def test_the_page_shows_its_articles_and_what_the_engine_read_in_words_not_json(
    page: models.Page, admin_client: Client
) -> None:
    html = admin_client.get(reverse("admin:articles_page_change", args=[page.pk])).content.decode()
    text = _text(admin_client.get(reverse("admin:articles_page_change", args=[page.pk])))

    for heading in (
        "本版稿件",
        "引擎的识别结果",
        "没有配给稿件的标题",
        "版面上的其他文字",
        "旧版本",
        "原始文件",
    ):
        assert heading in text, heading
    article = models.Article.objects.get(title=JIANGSU)
    assert reverse("admin:articles_article_change", args=[article.pk]) in html
    assert f"{article.paragraphs.count()}段" in text
    assert "本报南京1月23日电；丁国锋（记者）" in text  # the dateline and byline, in words
    assert "校对" in text and "宜爽" in text  # the furniture
    for key in ('"kicker"', "headline_lines", "confidence", "paragraphs", "unmatched_headlines"):
        assert key not in html, key
    assert reading_line(page) in text  # the raw file, verbatim


def reading_line(page: models.Page) -> str:
    return SEED.read_text(encoding="utf-8").splitlines()[4].strip()


def test_the_pages_read_in_chinese(page: models.Page, admin_client: Client) -> None:
    version = _replaced(page)
    page.refresh_from_db()
    # What ingest keeps verbatim: file names, encodings, hashes.
    allowed = set(re.findall(r"[A-Za-z]{2,}", f"{page.source_name} {page.encoding}"))
    allowed |= set(re.findall(r"[A-Za-z]{2,}", f"{page.content_hash} {version.content_hash}"))
    urls = {
        "page": reverse("admin:articles_page_change", args=[page.pk]),
        "pages": reverse("admin:articles_page_changelist"),
        "issue": reverse("admin:articles_issue_change", args=[page.issue_id]),
        "issues": reverse("admin:articles_issue_changelist"),
        "version": reverse("admin:articles_pageversion_change", args=[version.pk]),
        "versions": reverse("admin:articles_pageversion_changelist"),
        "paper": reverse("admin:articles_newspaper_change", args=[page.issue.newspaper_id]),
        "papers": reverse("admin:articles_newspaper_changelist"),
        "upload": reverse("admin:articles_page_upload"),
    }
    allowed |= {"SHA"}  # the content hash's help text: 原始文件的 SHA-256
    allowed |= {"fazhi", "txt"}  # the upload's example of a file name
    for name, url in urls.items():
        response = admin_client.get(url)
        assert response.status_code == 200, name
        assert english_words(response.content.decode(), allowed=allowed) == set(), name


# -- Deleting --------------------------------------------------------------------------------------


def test_an_untouched_page_can_be_deleted_and_the_same_file_brings_it_back(
    page: models.Page, admin_client: Client
) -> None:
    count = page.articles.count()
    url = reverse("admin:articles_page_delete", args=[page.pk])
    assert "可以删除" in _text(admin_client.get(reverse("admin:articles_page_change", args=[page.pk])))
    assert models.Person.objects.filter(article_count__gt=0).exists()
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert models.Page.objects.count() == models.Article.objects.count() == 0
    assert not models.Person.objects.filter(article_count__gt=0).exists()  # the reporters index empties
    assert not models.Place.objects.filter(article_count__gt=0).exists()

    seed_ingest()
    assert models.Article.objects.count() == count


def test_a_page_with_an_editors_work_cannot_be_deleted_nor_its_issue_or_paper(
    page: models.Page, admin_client: Client
) -> None:
    article = models.Article.objects.get(title=JIANGSU)
    editing.article_headline_set(
        article=article, kicker="", title="改过的标题", subtitle="", editor=None, reason="错字"
    )
    urls = {
        "page": (
            reverse("admin:articles_page_change", args=[page.pk]),
            "admin:articles_page_delete",
            page.pk,
        ),
        "issue": (
            reverse("admin:articles_issue_change", args=[page.issue_id]),
            "admin:articles_issue_delete",
            page.issue_id,
        ),
        "paper": (
            reverse("admin:articles_newspaper_change", args=[page.issue.newspaper_id]),
            "admin:articles_newspaper_delete",
            page.issue.newspaper_id,
        ),
    }
    for name, (change, delete, pk) in urls.items():
        assert "不能删除：编辑改过其中的稿件" in _text(admin_client.get(change)), name
        assert admin_client.post(reverse(delete, args=[pk]), {"post": "yes"}).status_code == 403, name
    assert models.Article.objects.filter(title="改过的标题").exists()


def test_a_page_keeping_an_earlier_file_cannot_be_deleted_nor_the_version(
    page: models.Page, admin_client: Client
) -> None:
    version = _replaced(page)
    assert (
        admin_client.post(reverse("admin:articles_page_delete", args=[page.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert (
        admin_client.post(
            reverse("admin:articles_pageversion_delete", args=[version.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert models.PageVersion.objects.count() == 1


def test_there_is_no_bulk_delete_of_pages_issues_or_papers(page: models.Page, admin_client: Client) -> None:
    for name in ("page", "issue", "newspaper", "pageversion"):
        html = admin_client.get(reverse(f"admin:articles_{name}_changelist")).content.decode()
        assert "delete_selected" not in html, name


def test_a_mistaken_upload_can_be_taken_back_by_deleting_its_paper(admin_client: Client) -> None:
    seed_ingest()
    data = SEED.read_bytes()
    ingest.page_ingest(paper="法制日报", date=SEED_DATE, number=2, data=data, source_name="typo.txt")
    typo = models.Newspaper.objects.get(name="法制日报")
    url = reverse("admin:articles_newspaper_delete", args=[typo.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert list(models.Newspaper.objects.values_list("name", flat=True)) == [PAPER]
    assert models.Page.objects.count() == 1


def test_a_viewer_sees_pages_but_cannot_upload(page: models.Page, client: Client) -> None:
    from django.contrib.auth.models import Permission

    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_page"))
    client.force_login(viewer)
    html = client.get(reverse("admin:articles_page_change", args=[page.pk])).content.decode()
    assert JIANGSU in html
    assert reverse("admin:articles_page_upload") not in html


def test_a_page_read_again_with_its_issue_s_jump_headlines_says_which(admin_client: Client) -> None:
    from tests.test_jumps import _reread_ingest
    from tests.test_reconstruct_jumps import JUMP_HEADLINE

    _reread_ingest(1)
    _reread_ingest(2)
    second = models.Page.objects.get(number=2)
    text = _text(admin_client.get(reverse("admin:articles_page_change", args=[second.pk])))
    assert "按本期其他版面的接续认定的转版标题" in text
    assert f"{JUMP_HEADLINE}（归第1行所在的稿件）" in text
    first = models.Page.objects.get(number=1)
    assert "转版标题" not in _text(admin_client.get(reverse("admin:articles_page_change", args=[first.pk])))
