"""An editor reading the public site gets from a story to the admin page that corrects it in one step; readers
see nothing of it, and no reader is ever served a page that was rendered for an editor."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from articles import models
from tests.seeding import SEED_DATE, seed_ingest

pytestmark = pytest.mark.django_db

EDITOR_BAR = 'class="editor-bar"'
REVIEW_FLAG = "在审核队列中"


@pytest.fixture
def seed() -> models.Page:
    seed_ingest()
    return models.Page.objects.get()


@pytest.fixture
def editor() -> Client:
    client = Client()
    client.force_login(User.objects.create_user("editor", password="x", is_staff=True, is_superuser=True))
    return client


def _queued_and_not(page: models.Page) -> tuple[models.Article, models.Article]:
    """An article an editor put in the review queue, and one the queue does not hold."""
    queue = set(models.Article.objects.review_queue().filter(page=page).values_list("pk", flat=True))
    calm = models.Article.objects.live().filter(page=page).exclude(pk__in=queue).order_by("position").first()
    assert calm is not None, "the seed page has a story the engine has no doubt about"
    flagged = models.Article.objects.live().filter(page=page).exclude(pk=calm.pk).order_by("position").first()
    models.Article.objects.filter(pk=flagged.pk).update(needs_review=True)
    return flagged, calm


def _article_url(article: models.Article) -> str:
    return reverse("articles:article", args=[article.pk])


def _page_url(page: models.Page) -> str:
    return reverse("articles:page", args=[page.issue.newspaper.slug, page.issue.date, page.number])


def _source_url(page: models.Page) -> str:
    return reverse("articles:page_source", args=[page.issue.newspaper.slug, page.issue.date, page.number])


def test_editor_on_an_article_gets_its_admin_change_page(editor: Client, seed: models.Page) -> None:
    article = seed.articles.order_by("position").first()

    html = editor.get(_article_url(article)).content.decode()

    assert EDITOR_BAR in html
    assert f'href="{reverse("admin:articles_article_change", args=[article.pk])}">编辑</a>' in html


def test_editor_is_told_an_article_waits_in_the_review_queue(editor: Client, seed: models.Page) -> None:
    flagged, calm = _queued_and_not(seed)

    flagged_html = editor.get(_article_url(flagged)).content.decode()
    calm_html = editor.get(_article_url(calm)).content.decode()

    assert REVIEW_FLAG in flagged_html
    assert f'href="{reverse("admin:articles_article_review")}">{REVIEW_FLAG}' in flagged_html
    assert REVIEW_FLAG not in calm_html and EDITOR_BAR in calm_html


@pytest.mark.parametrize("who", ["anonymous", "logged-in reader"])
def test_readers_see_no_editor_links(client: Client, seed: models.Page, who: str) -> None:
    flagged, _ = _queued_and_not(seed)
    if who == "logged-in reader":
        client.force_login(User.objects.create_user("reader", password="x"))

    for url in (
        _article_url(flagged),
        _page_url(seed),
        _source_url(seed),
        f"{_article_url(flagged)}?source=1",
    ):
        html = client.get(url).content.decode()
        assert EDITOR_BAR not in html and "editor-links" not in html, url
        assert "/admin/" not in html and REVIEW_FLAG not in html, url


@pytest.mark.parametrize("page", ["article", "page"])
def test_a_page_rendered_for_an_editor_is_never_served_to_a_reader(
    client: Client, editor: Client, seed: models.Page, page: str
) -> None:
    flagged, _ = _queued_and_not(seed)
    url = _article_url(flagged) if page == "article" else _page_url(seed)

    for_editor = editor.get(url)
    for_reader = client.get(url)
    for_editor_again = editor.get(url)  # a reader's copy is in the cache now: the editor still gets links

    assert EDITOR_BAR in for_editor.content.decode()
    assert EDITOR_BAR not in for_reader.content.decode()
    assert "/admin/" not in client.get(url).content.decode()  # the reader's cached copy
    assert EDITOR_BAR in for_editor_again.content.decode()


def test_an_editors_page_is_private_and_readers_pages_vary_on_the_cookie(
    client: Client, editor: Client, seed: models.Page
) -> None:
    url = _article_url(seed.articles.order_by("position").first())

    assert "private" in editor.get(url)["Cache-Control"]
    assert "Cookie" in client.get(url)["Vary"]  # a shared cache keeps readers' and editors' copies apart


def test_editor_on_a_page_gets_its_admin_page_its_articles_and_each_articles_edit_link(
    editor: Client, seed: models.Page
) -> None:
    flagged, calm = _queued_and_not(seed)
    queued = models.Article.objects.review_queue().filter(page=seed).count()

    html = editor.get(_page_url(seed)).content.decode()

    assert f'href="{reverse("admin:articles_page_change", args=[seed.pk])}">编辑本版</a>' in html
    for article in seed.articles.all():
        assert f'href="{reverse("admin:articles_article_change", args=[article.pk])}">编辑' in html
    assert f"{queued}篇{REVIEW_FLAG}" in html
    flagged_item = html.split(f'id="story-{flagged.pk}"')[1].split("</li>")[0]
    calm_item = html.split(f'id="story-{calm.pk}"')[1].split("</li>")[0]
    assert REVIEW_FLAG in flagged_item and REVIEW_FLAG not in calm_item


def test_the_pages_admin_list_holds_exactly_that_pages_articles(editor: Client, seed: models.Page) -> None:
    seed_ingest([SEED_DATE.replace(day=25)])  # the same page in another issue: not in the list
    response = editor.get(_page_url(seed))
    link = response.context["editor"].page_articles_url

    listed = editor.get(link).context["cl"].result_list

    assert sorted(a.pk for a in listed) == sorted(seed.articles.values_list("pk", flat=True))


def test_editor_on_the_source_gets_each_articles_edit_link(editor: Client, seed: models.Page) -> None:
    html = editor.get(_source_url(seed)).content.decode()

    assert EDITOR_BAR in html
    for article in seed.articles.all():
        assert reverse("admin:articles_article_change", args=[article.pk]) in html


def test_staff_without_the_right_to_change_articles_get_no_edit_links(
    client: Client, seed: models.Page
) -> None:
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    article = seed.articles.order_by("position").first()

    html = client.get(_article_url(article)).content.decode()

    assert reverse("admin:articles_article_change", args=[article.pk]) not in html


def test_a_story_over_two_pages_links_each_part_for_the_editor(editor: Client, fixtures_dir) -> None:  # noqa: ANN001
    from django.core.management import call_command

    call_command(
        "ingest", *sorted((fixtures_dir / "jumps").glob("jump_*.txt")), paper="跨版示例", verbosity=0
    )
    part = models.Article.objects.filter(continues__isnull=False).select_related("continues").first()
    assert part is not None, "the jump issue links its continuations"

    html = editor.get(_article_url(part.continues)).content.decode()

    assert reverse("admin:articles_article_change", args=[part.continues_id]) in html
    assert f'href="{reverse("admin:articles_article_change", args=[part.pk])}">编辑第2版接续部分' in html
