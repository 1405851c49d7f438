"""The review queue as editors empty it: 审核通过 (recorded, undone, kept through a re-ingest of the same
story), fixed stories leaving, reasons in words, filters, photos, the count on the admin's home."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from articles import editing, ingest, models
from tests.seeding import PAPER, SEED, SEED_DATE, seed_ingest

BEIJING = "以高水平法治保障首都高质量发展"
SANSUO = "“三所联动”跨省讨薪"  # the seed page's one story without a lead: the engine's only doubt
JIANGSU = "为谱写现代化建设新篇章提供坚强保障"

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:articles_article_review")


@pytest.fixture
def seeded() -> None:
    seed_ingest()


@pytest.fixture
def editor() -> User:
    return User.objects.create_superuser("editor", password="x")


@pytest.fixture
def client_of(editor: User) -> Client:
    client = Client()
    client.force_login(editor)
    return client


def _article(title: str, date: datetime.date = SEED_DATE) -> models.Article:
    return models.Article.objects.get(title=title, page__issue__date=date)


def _queued() -> set[int]:
    return set(models.Article.objects.review_queue().values_list("pk", flat=True))


def _doubt_places(title: str) -> models.Article:
    """A story the engine was sure of, given an unresolved place: a second story in the queue."""
    models.Article.objects.filter(title=title).update(places_unresolved=["朝阳"])
    return _article(title)


def _rows(response) -> list[tuple[str, list[str]]]:
    return [(article.title, reasons) for article, reasons in response.context["rows"]]


# -- The service ------------------------------------------------------------------------------------


def test_review_takes_a_story_out_of_the_queue_recording_who_and_when_and_undo_puts_it_back(
    seeded: None, editor: User
) -> None:
    story = _article(SANSUO)
    assert story.pk in _queued()

    (correction,) = editing.articles_review(articles=[story], editor=editor, reason="看过，没问题")

    story.refresh_from_db()
    assert story.pk not in _queued()
    assert story.reviewed_by == editor and story.reviewed_at is not None
    assert not story.edited  # a review is no edit: ingest may still replace the page
    assert (correction.action, correction.editor, correction.reason) == ("review", editor, "看过，没问题")
    assert list(models.Correction.objects.for_article(story)) == [correction]

    editing.correction_undo(correction=correction, editor=editor)

    story.refresh_from_db()
    assert story.pk in _queued()
    assert story.reviewed_at is None and story.reviewed_by is None
    assert not story.edited


def test_reviewing_many_records_one_correction_each_and_skips_the_reviewed(
    seeded: None, editor: User
) -> None:
    sansuo, beijing = _article(SANSUO), _doubt_places(BEIJING)
    editing.articles_review(articles=[sansuo], editor=editor)

    corrections = editing.articles_review(articles=[sansuo, beijing], editor=editor)

    assert [c.article_ids for c in corrections] == [[beijing.pk]]
    assert not _queued()
    with pytest.raises(editing.CorrectionRefused, match="已审核通过"):
        editing.articles_review(articles=[sansuo], editor=editor)


def test_a_correction_of_what_the_queue_doubts_takes_the_story_out_until_it_is_undone(
    seeded: None, editor: User
) -> None:
    story = _article(SANSUO)
    editing.article_headline_set(
        article=story, kicker="", title="跨省讨薪三所联动", subtitle="", editor=editor
    )
    story.refresh_from_db()
    assert story.pk not in _queued() and story.reviewed_by == editor

    editing.correction_undo(correction=models.Correction.objects.for_article(story).get(), editor=editor)

    assert story.pk in _queued()


def test_a_byline_correction_or_a_paragraph_cut_in_two_leaves_the_story_waiting(
    seeded: None, editor: User
) -> None:
    story = _article(SANSUO)
    editing.byline_add(article=story, name="张三", role="reporter", editor=editor)
    editing.paragraph_split(paragraph=story.paragraphs.order_by("position").first(), at_char=4, editor=editor)
    assert story.pk in _queued()


def test_splitting_a_story_takes_both_parts_out_of_the_queue(seeded: None, editor: User) -> None:
    story = _article(SANSUO)
    second = story.paragraphs.order_by("position")[1]
    new = editing.article_split(article=story, at_paragraph=second, headline=None, editor=editor)
    assert not {story.pk, new.pk} & _queued()


def test_a_photo_is_not_doubted_for_having_no_headline_but_is_for_an_unresolved_place(seeded: None) -> None:
    photo = models.Article.objects.get(kind="photo")
    assert not photo.title and photo.pk not in _queued()
    models.Article.objects.filter(pk=photo.pk).update(needs_review=True)  # as ingest flagged photos before
    assert photo.pk not in _queued()

    models.Article.objects.filter(pk=photo.pk).update(places_unresolved=["朝阳"])
    assert photo.pk in _queued()


# -- Re-ingest ---------------------------------------------------------------------------------------


def _reingest(data: bytes, *, force: bool = False) -> ingest.IngestResult:
    return ingest.page_ingest(
        paper=PAPER, date=SEED_DATE, number=2, data=data, source_name=SEED.name, force=force
    )


def _seed_with_sansuo_changed() -> bytes:
    """The seed page with one word of the 三所联动 story changed, and nothing else."""
    text = SEED.read_bytes().decode("utf-8")
    words = _article(SANSUO).paragraphs.order_by("position").last().text
    word = next(words[i : i + 4] for i in range(len(words) - 4) if text.count(words[i : i + 4]) == 1)
    return text.replace(word, "某某某某").encode("utf-8")


def test_a_review_mark_survives_a_reingest_while_the_story_is_the_same(seeded: None, editor: User) -> None:
    sansuo, beijing = _article(SANSUO), _doubt_places(BEIJING)
    editing.articles_review(articles=[sansuo, beijing], editor=editor)

    result = _reingest(SEED.read_bytes() + "\n补充的一行文字\n".encode())

    assert result.status == ingest.REPLACED  # a reviewed page is not held: nothing was edited
    new = _article(SANSUO)
    assert new.pk != sansuo.pk
    assert new.reviewed_by == editor and new.pk not in _queued()
    kept = models.Correction.objects.for_article(new).get()
    assert kept.action == "review" and "保留" in kept.summary
    editing.correction_undo(correction=kept, editor=editor)  # still undone like a correction
    assert new.pk in _queued()


def test_a_story_changed_by_the_new_file_loses_its_review_mark(seeded: None, editor: User) -> None:
    editing.articles_review(articles=[_article(SANSUO)], editor=editor)
    changed = _seed_with_sansuo_changed()

    _reingest(changed)

    assert _article(SANSUO).reviewed_at is None and _article(SANSUO).pk in _queued()


def test_a_forced_reingest_of_a_corrected_page_keeps_the_marks_of_the_same_stories(
    seeded: None, editor: User
) -> None:
    editing.articles_review(articles=[_article(SANSUO)], editor=editor)
    jiangsu = _article(JIANGSU)
    editing.article_fields_set(article=jiangsu, dateline_place="苏州", editor=editor)
    assert _reingest(SEED.read_bytes() + "\n补充\n".encode()).status == ingest.NEEDS_REVIEW
    assert _article(SANSUO).reviewed_at is not None  # held: nothing replaced

    _reingest(SEED.read_bytes() + "\n补充\n".encode(), force=True)

    assert _article(SANSUO).reviewed_by == editor
    assert _article(JIANGSU).reviewed_at is None  # the fix is gone with the old version: so is its mark


# -- The queue page -----------------------------------------------------------------------------------


def test_the_queue_says_each_reason_in_words(seeded: None, client_of: Client) -> None:
    beijing = _doubt_places(BEIJING)
    models.Article.objects.filter(pk=beijing.pk).update(confidence_headline=0.1)
    rows = dict(_rows(client_of.get(QUEUE)))
    assert rows[BEIJING] == ["标题可疑：与正文对不上", "未能确定的地名：朝阳"]
    assert rows[SANSUO] == ["没有明确的开头（电头或署名）：稿件可能是从别的稿件切出来的"]


def test_the_queue_filters_by_paper_date_and_reason(seeded: None, client_of: Client) -> None:
    later = SEED_DATE + datetime.timedelta(days=1)
    seed_ingest([later])
    models.Article.objects.filter(title=BEIJING, page__issue__date=later).update(places_unresolved=["朝阳"])
    slug = models.Newspaper.objects.get(name=PAPER).slug

    def titles(**params: str) -> set[tuple[str, datetime.date]]:
        response = client_of.get(QUEUE, params)
        assert response.status_code == 200
        return {(a.title, a.page.issue.date) for a, _ in response.context["rows"]}

    assert titles(date=f"{later:%Y-%m-%d}") == {(BEIJING, later), (SANSUO, later)}
    assert titles(reason="doubt_places") == {(BEIJING, later)}
    assert titles(reason="doubt_no_lead", date=f"{SEED_DATE:%Y-%m-%d}") == {(SANSUO, SEED_DATE)}
    assert len(titles(paper=slug)) == 3
    assert len(titles(paper="no-such-paper")) == 3  # an unknown value is no filter, as in the admin's lists
    html = client_of.get(QUEUE, {"reason": "doubt_places"}).content.decode()
    assert "清除筛选" in html and 'value="doubt_places" selected' in html

    editing.articles_review(articles=[_article(SANSUO, later), _article(BEIJING, later)], editor=None)
    response = client_of.get(QUEUE, {"date": f"{later:%Y-%m-%d}"})  # its last stories just left
    assert response.context["rows"] == [] and "没有符合筛选的待审核稿件" in response.content.decode()


def test_editor_marks_ticked_stories_reviewed_in_the_queue_and_undoes_it(
    seeded: None, client_of: Client
) -> None:
    sansuo, beijing = _article(SANSUO), _doubt_places(BEIJING)

    response = client_of.post(
        reverse("admin:articles_article_review_mark"), {"ids": [sansuo.pk, beijing.pk], "q": ""}, follow=True
    )

    assert _rows(response) == []
    html = unescape(response.content.decode())
    assert "2 篇稿件审核通过，已离开审核队列。" in html
    assert "刚审核通过" in html and "撤销审核通过" in html
    corrections = [correction for correction, _ in response.context["just_reviewed"]]
    assert len(corrections) == 2

    response = client_of.post(
        reverse("admin:articles_article_review_undo"),
        {"corrections": [c.pk for c in corrections], "q": ""},
        follow=True,
    )

    assert {title for title, _ in _rows(response)} == {SANSUO, BEIJING}
    assert "已撤销 2 篇稿件的审核通过" in response.content.decode()
    assert models.Correction.objects.filter(action="undo").count() == 2


def test_one_story_is_reviewed_by_its_own_button_and_the_filters_are_kept(
    seeded: None, client_of: Client
) -> None:
    sansuo, beijing = _article(SANSUO), _doubt_places(BEIJING)

    response = client_of.post(
        reverse("admin:articles_article_review_mark"),
        {"ids": [beijing.pk], "one": sansuo.pk, "q": "reason=doubt_no_lead"},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(f"{QUEUE}?reason=doubt_no_lead&undo=")
    assert _queued() == {beijing.pk}


def test_an_editor_reviews_a_story_from_its_page_and_undoes_it_there(seeded: None, client_of: Client) -> None:
    story = _article(SANSUO)
    change = reverse("admin:articles_article_change", args=[story.pk])
    html = unescape(client_of.get(change).content.decode())
    assert "在审核队列中" in html and "没有明确的开头" in html

    response = client_of.post(reverse("admin:articles_article_article_review", args=[story.pk]), follow=True)

    html = unescape(response.content.decode())
    assert "已审核" in html and "editor" in html and "撤销审核通过" in html
    assert story.pk not in _queued()
    undo = re.search(r'action="([^"]*/undo/\d+/)"', html).group(1)
    client_of.post(undo)
    assert story.pk in _queued()
    assert "审核通过" in unescape(client_of.get(change).content.decode())  # the history keeps both


def test_the_changelist_action_reviews_the_selection(seeded: None, client_of: Client) -> None:
    sansuo, beijing = _article(SANSUO), _doubt_places(BEIJING)
    response = client_of.post(
        reverse("admin:articles_article_changelist"),
        {"action": "review_selected", "_selected_action": [sansuo.pk, beijing.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert not _queued()
    assert models.Correction.objects.filter(action="review").count() == 2


def test_the_admin_home_counts_the_stories_waiting_and_links_the_queue(
    seeded: None, client_of: Client
) -> None:
    _doubt_places(BEIJING)
    html = client_of.get(reverse("admin:index")).content.decode()
    assert f'<a class="nr-waiting" href="{QUEUE}">2 篇稿件待审核</a>' in html
    editing.articles_review(articles=[_article(SANSUO)], editor=None)
    assert "1 篇稿件待审核" in client_of.get(reverse("admin:index")).content.decode()


def test_staff_who_may_only_view_articles_see_the_queue_but_cannot_review(
    seeded: None, client: Client
) -> None:
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    story = _article(SANSUO)
    html = client.get(QUEUE).content.decode()
    assert SANSUO in unescape(html) and "审核通过所选稿件" not in html
    assert client.post(reverse("admin:articles_article_review_mark"), {"ids": [story.pk]}).status_code == 403
    assert client.post(reverse("admin:articles_article_article_review", args=[story.pk])).status_code == 403
    assert story.pk in _queued()
