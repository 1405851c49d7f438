"""The editing admin through Django's test client: login, the changelist, the change page with its source
lines, split, merge, move, paragraph split, bylines, history and undo, the review queue, refusals.

The seed page is ingested for real; the engine's wrong splits are made by hand from its right ones (the
engine gets the seed page right), the way ingest would have stored them.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from articles import models
from tests.seeding import PAPER, SEED_DATE, seed_ingest

JIANGSU = "为谱写现代化建设新篇章提供坚强保障"
HEILONGJIANG = "不断提升执法司法质效和公信力"
HEILONGJIANG_KICKER = "黑龙江省委政法工作会议指出"
FEATURE = "柔性执法信用修复助力企业健康发展"
BEIJING = "以高水平法治保障首都高质量发展"
SANSUO = "“三所联动”跨省讨薪"

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> None:
    seed_ingest()


def _article(title: str) -> models.Article:
    return models.Article.objects.get(title=title, page__issue__date=SEED_DATE)


def _change_url(article: models.Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _texts(article: models.Article) -> list[str]:
    return list(article.paragraphs.order_by("position").values_list("text", flat=True))


def stories_merged_by_the_engine() -> tuple[models.Article, list[str]]:
    """The Heilongjiang story run into the Jiangsu one, its headline left unmatched on the page: what the
    engine stores when it misses a lead. Returns the merged article and the Heilongjiang texts."""
    jiangsu, heilongjiang = _article(JIANGSU), _article(HEILONGJIANG)
    texts = _texts(heilongjiang)
    page = heilongjiang.page
    page.reconstructed_json["unmatched_headlines"] = [
        {
            "kicker": heilongjiang.kicker,
            "title": heilongjiang.title,
            "subtitle": None,
            "label": None,
            "lines": list(heilongjiang.headline_lines),
        }
    ]
    page.save(update_fields=["reconstructed_json"])
    last = jiangsu.paragraphs.count()
    for offset, paragraph in enumerate(heilongjiang.paragraphs.order_by("position"), start=1):
        paragraph.article = jiangsu
        paragraph.position = last + offset
        paragraph.save()
    heilongjiang.delete()
    return jiangsu, texts


# -- Who may edit ----------------------------------------------------------------------------------


def _editing_urls(article: models.Article) -> list[str]:
    paragraph = article.paragraphs.order_by("position").last()
    return [
        reverse("admin:articles_article_review"),
        _change_url(article),
        reverse("admin:articles_article_split", args=[article.pk, paragraph.pk]),
        reverse("admin:articles_article_paragraph_split", args=[article.pk, paragraph.pk]),
        reverse("admin:articles_article_move", args=[article.pk]),
        reverse("admin:articles_article_byline_add", args=[article.pk]),
        reverse("admin:articles_article_undo", args=[article.pk, 1]),
    ]


def test_every_editing_page_sends_a_visitor_to_the_login(seeded: None, client: Client) -> None:
    for url in _editing_urls(_article(JIANGSU)):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("admin:login")), url


def test_a_logged_in_reader_who_is_not_staff_is_sent_to_the_login(seeded: None, client: Client) -> None:
    client.force_login(User.objects.create_user("reader", password="x"))
    response = client.get(_editing_urls(_article(JIANGSU))[2])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_who_may_only_view_articles_are_refused_every_change(seeded: None, client: Client) -> None:
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    article = _article(JIANGSU)
    before = _texts(article)
    for url in _editing_urls(article)[2:]:
        assert client.post(url, {"reason": "x", "after": "会议", "headline": "none"}).status_code == 403, url
    assert _texts(article) == before
    assert client.get(reverse("admin:articles_article_review")).status_code == 200
    page = client.get(_change_url(article))
    assert page.status_code == 200
    assert "从这里拆分" not in page.content.decode()


# -- The changelist --------------------------------------------------------------------------------


def _listed(client: Client, **params: str) -> str:
    response = client.get(reverse("admin:articles_article_changelist"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_changelist_filters_by_kind_paper_date_page_and_review(seeded: None, admin_client: Client) -> None:
    assert FEATURE in _listed(admin_client)
    features = _listed(admin_client, kind="feature")
    assert FEATURE in features
    assert JIANGSU not in features
    paper = models.Newspaper.objects.get(name=PAPER)
    assert JIANGSU in _listed(admin_client, page__issue__newspaper__id__exact=str(paper.pk))
    assert JIANGSU in _listed(admin_client, date="2025-01-24", page_number="2")
    assert JIANGSU not in _listed(admin_client, date="2025-01-25")
    assert JIANGSU not in _listed(admin_client, page_number="1")
    flagged = _listed(admin_client, needs_review__exact="1")
    assert SANSUO in flagged
    assert JIANGSU not in flagged


def test_changelist_search_finds_words_of_the_text_once_per_article(
    seeded: None, admin_client: Client
) -> None:
    found = _listed(admin_client, q="信用修复")  # in the feature's title and in many of its paragraphs
    assert FEATURE in found
    assert JIANGSU not in found
    response = admin_client.get(reverse("admin:articles_article_changelist"), {"q": "信用修复"})
    assert response.context["cl"].result_count == 1
    body_only = _listed(admin_client, q="刀把子")  # only in a paragraph of the Jiangsu story
    assert JIANGSU in body_only
    assert FEATURE not in body_only


def test_changelist_shows_the_first_words_of_an_article_without_headline(
    seeded: None, admin_client: Client
) -> None:
    photo = models.Article.objects.get(kind=models.Article.Kind.PHOTO)
    lead = photo.paragraphs.order_by("position").first().text[:10]
    assert lead in _listed(admin_client, kind="photo")


# -- The change page -------------------------------------------------------------------------------


def test_change_page_shows_each_paragraph_with_its_line_numbers_and_raw_lines(
    seeded: None, admin_client: Client
) -> None:
    article = _article(JIANGSU)
    first = article.paragraphs.order_by("position").first()
    html = admin_client.get(_change_url(article)).content.decode()
    assert first.text in html
    assert f"{first.line_start}–{first.line_end}行" in html
    # The raw line as printed, cut mid-name (李 / 耀光), beside the joined paragraph.
    assert '<span class="lt">省委常委、政法委书记、省公安厅厅长李</span>' in html
    assert html.count(">从这里拆分</a>") == article.paragraphs.count() - 1
    assert "还没有更正" in html


def test_change_page_lists_the_unmatched_headlines_of_the_page(seeded: None, admin_client: Client) -> None:
    jiangsu, _ = stories_merged_by_the_engine()
    html = admin_client.get(_change_url(jiangsu)).content.decode()
    assert "本版引擎未能归位的标题" in html
    assert HEILONGJIANG in html


# -- Split, merge, move ----------------------------------------------------------------------------


def test_split_gives_the_new_article_the_unmatched_headline_chosen(
    seeded: None, admin_client: Client
) -> None:
    jiangsu, heilongjiang_texts = stories_merged_by_the_engine()
    at = jiangsu.paragraphs.get(position=4)
    url = reverse("admin:articles_article_split", args=[jiangsu.pk, at.pk])
    form = admin_client.get(url)
    assert HEILONGJIANG in form.content.decode()

    response = admin_client.post(url, {"headline": "0", "reason": "two stories run together"}, follow=True)
    assert response.status_code == 200
    new = models.Article.objects.get(page=jiangsu.page, title=HEILONGJIANG)
    assert new.kicker == HEILONGJIANG_KICKER
    assert _texts(new) == heilongjiang_texts
    assert len(_texts(jiangsu)) == 3
    assert any("已拆分为" in m for m in _messages(response))
    # On the public page at once.
    page_html = admin_client.get(reverse("articles:article", args=[new.pk])).content.decode()
    assert HEILONGJIANG in page_html


def test_split_with_a_typed_headline(seeded: None, admin_client: Client) -> None:
    feature = _article(FEATURE)
    count = feature.paragraphs.count()
    at = feature.paragraphs.get(position=20)
    admin_client.post(
        reverse("admin:articles_article_split", args=[feature.pk, at.pk]),
        {"headline": "typed", "kicker": "", "title": "新的标题", "subtitle": "副题", "reason": "r"},
    )
    new = models.Article.objects.get(title="新的标题")
    assert new.subtitle == "副题"
    assert new.paragraphs.count() == count - 19
    assert feature.paragraphs.count() == 19


def test_split_asks_for_a_typed_title_when_typing_is_chosen(seeded: None, admin_client: Client) -> None:
    feature = _article(FEATURE)
    at = feature.paragraphs.get(position=20)
    response = admin_client.post(
        reverse("admin:articles_article_split", args=[feature.pk, at.pk]), {"headline": "typed"}
    )
    assert response.status_code == 200
    assert "请至少为新稿件填写主题" in response.content.decode()
    assert feature.paragraphs.count() == 25


def test_merge_action_asks_for_the_order_then_merges_into_the_first(
    seeded: None, admin_client: Client
) -> None:
    jiangsu, heilongjiang = _article(JIANGSU), _article(HEILONGJIANG)
    jiangsu_texts, heilongjiang_texts = _texts(jiangsu), _texts(heilongjiang)
    changelist = reverse("admin:articles_article_changelist")
    selected = {"action": "merge_selected", "_selected_action": [jiangsu.pk, heilongjiang.pk]}

    confirm = admin_client.post(changelist, selected)
    assert confirm.status_code == 200
    assert f'name="order_{jiangsu.pk}"' in confirm.content.decode()
    assert f'class="closelink" href="{changelist}"' in confirm.content.decode()  # cancel: back to the list
    assert jiangsu.merged_into_id is None

    response = admin_client.post(
        changelist,
        {**selected, "confirm": "yes", f"order_{jiangsu.pk}": "2", f"order_{heilongjiang.pk}": "1"},
        follow=True,
    )
    assert any("已把2篇稿件合并为" in m for m in _messages(response))
    jiangsu.refresh_from_db()
    assert jiangsu.merged_into_id == heilongjiang.pk
    assert _texts(heilongjiang) == heilongjiang_texts + jiangsu_texts
    public = admin_client.get(reverse("articles:article", args=[jiangsu.pk]))
    assert public.status_code == 301
    assert public["Location"] == reverse("articles:article", args=[heilongjiang.pk])


def test_merge_refuses_an_order_with_repeated_numbers(seeded: None, admin_client: Client) -> None:
    jiangsu, heilongjiang = _article(JIANGSU), _article(HEILONGJIANG)
    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [jiangsu.pk, heilongjiang.pk],
            "confirm": "yes",
            f"order_{jiangsu.pk}": "1",
            f"order_{heilongjiang.pk}": "1",
        },
        follow=True,
    )
    assert any("不同的序号" in m for m in _messages(response))
    assert not models.Article.objects.filter(merged_into__isnull=False).exists()


def test_move_sends_the_checked_paragraphs_to_another_article(seeded: None, admin_client: Client) -> None:
    jiangsu, beijing = _article(JIANGSU), _article(BEIJING)
    moving = jiangsu.paragraphs.get(position=3)
    response = admin_client.post(
        reverse("admin:articles_article_move", args=[jiangsu.pk]),
        {"paragraphs": [moving.pk], "to_article": beijing.pk, "position": "1", "reason": "belongs there"},
        follow=True,
    )
    assert any("已把1个段落移到" in m for m in _messages(response))
    assert _texts(beijing)[0] == moving.text
    assert moving.text not in _texts(jiangsu)


def test_move_offers_only_live_articles_of_the_same_issue(seeded: None, admin_client: Client) -> None:
    seed_ingest([SEED_DATE.replace(day=25)])
    jiangsu = _article(JIANGSU)
    other_day = models.Article.objects.get(title=BEIJING, page__issue__date=SEED_DATE.replace(day=25))
    html = admin_client.get(_change_url(jiangsu)).content.decode()
    assert f'<option value="{_article(BEIJING).pk}"' in html
    assert f'<option value="{other_day.pk}"' not in html
    response = admin_client.post(
        reverse("admin:articles_article_move", args=[jiangsu.pk]),
        {"paragraphs": [jiangsu.paragraphs.first().pk], "to_article": other_day.pk},
        follow=True,
    )
    assert any("没有完成" in m for m in _messages(response))
    assert other_day.paragraphs.count() == 4


def test_paragraph_split_after_the_text_given(seeded: None, admin_client: Client) -> None:
    jiangsu = _article(JIANGSU)
    paragraph = jiangsu.paragraphs.get(position=3)
    first, rest = paragraph.text.split("纵深推进平安", 1)
    admin_client.post(
        reverse("admin:articles_article_paragraph_split", args=[jiangsu.pk, paragraph.pk]),
        {"after": first[-12:], "reason": "two paragraphs"},
    )
    texts = _texts(jiangsu)
    assert texts[2] == first
    assert texts[3] == "纵深推进平安" + rest


def test_paragraph_split_refuses_text_the_paragraph_does_not_have(seeded: None, admin_client: Client) -> None:
    jiangsu = _article(JIANGSU)
    paragraph = jiangsu.paragraphs.get(position=3)
    response = admin_client.post(
        reverse("admin:articles_article_paragraph_split", args=[jiangsu.pk, paragraph.pk]),
        {"after": "不在这里"},
    )
    assert "段落里没有这段文字" in response.content.decode()
    assert jiangsu.paragraphs.count() == 3


def test_bylines_are_added_and_removed(seeded: None, admin_client: Client) -> None:
    jiangsu = _article(JIANGSU)
    admin_client.post(
        reverse("admin:articles_article_byline_add", args=[jiangsu.pk]),
        {"name": "李长生", "role": "correspondent", "reason": ""},
    )
    byline = jiangsu.bylines.get(person__name="李长生")
    assert byline.role == "correspondent"
    admin_client.post(reverse("admin:articles_article_byline_remove", args=[jiangsu.pk, byline.pk]), {})
    assert not jiangsu.bylines.filter(person__name="李长生").exists()


# -- The article's own fields, history, undo -------------------------------------------------------


def _form_data(article: models.Article, **changes: str) -> dict[str, str]:
    data = {
        "kind": article.kind,
        "kicker": article.kicker,
        "title": article.title,
        "subtitle": article.subtitle,
        "labels": ",".join(article.labels),
        "dateline_agency": article.dateline_agency,
        "dateline_place": article.dateline_place,
        "dateline_date": article.dateline_date,
        "region": str(article.region_id or ""),
        "reason": "",
        "_save": "保存",
    }
    if article.needs_review:
        data["needs_review"] = "on"
    return {**data, **changes}


def test_headline_edit_is_recorded_and_undone_from_the_history(seeded: None, admin_client: Client) -> None:
    from articles.editing import Correction

    jiangsu = _article(JIANGSU)
    response = admin_client.post(
        _change_url(jiangsu), _form_data(jiangsu, title="改过的标题", reason="typo"), follow=True
    )
    assert response.status_code == 200
    jiangsu.refresh_from_db()
    assert jiangsu.title == "改过的标题"
    assert jiangsu.edited
    correction = Correction.objects.for_article(jiangsu).get()
    assert correction.reason == "typo"

    html = admin_client.get(_change_url(jiangsu)).content.decode()
    history = html[html.index('id="history"') :]
    assert JIANGSU in history  # before
    assert "改过的标题" in history  # after
    assert ">撤销</button>" in history

    response = admin_client.post(
        reverse("admin:articles_article_undo", args=[jiangsu.pk, correction.pk]),
        {"reason": "no"},
        follow=True,
    )
    assert any("已撤销" in m for m in _messages(response))
    jiangsu.refresh_from_db()
    assert jiangsu.title == JIANGSU
    assert (
        admin_client.get(reverse("articles:article", args=[jiangsu.pk])).content.decode().count(JIANGSU) >= 1
    )


def test_undo_of_a_split_joins_the_story_again(seeded: None, admin_client: Client) -> None:
    from articles.editing import Correction

    feature = _article(FEATURE)
    texts = _texts(feature)
    admin_client.post(
        reverse("admin:articles_article_split", args=[feature.pk, feature.paragraphs.get(position=10).pk]),
        {"headline": "none"},
    )
    assert feature.paragraphs.count() == 9
    split = Correction.objects.for_article(feature).first()
    admin_client.post(reverse("admin:articles_article_undo", args=[feature.pk, split.pk]), {}, follow=True)
    assert _texts(feature) == texts
    assert models.Article.objects.live().filter(page=feature.page).count() == 11


def test_kind_and_dateline_edits_go_through_the_services(seeded: None, admin_client: Client) -> None:
    from articles.editing import Correction

    jiangsu = _article(JIANGSU)
    admin_client.post(_change_url(jiangsu), _form_data(jiangsu, kind="brief", dateline_place="苏州"))
    jiangsu.refresh_from_db()
    assert (jiangsu.kind, jiangsu.dateline_place) == ("brief", "苏州")
    assert jiangsu.edited
    assert Correction.objects.for_article(jiangsu).exists()


# -- The review queue ------------------------------------------------------------------------------


def test_review_queue_lists_the_doubtful_worst_first_with_reasons(seeded: None, admin_client: Client) -> None:
    headless = _article(BEIJING)
    models.Article.objects.filter(pk=headless.pk).update(title="", kicker="", subtitle="")
    response = admin_client.get(reverse("admin:articles_article_review"))
    assert response.status_code == 200
    rows = [article for article, _ in response.context["rows"]]
    assert rows[0].pk == headless.pk  # no headline: the worst
    assert _article(SANSUO).pk in [a.pk for a in rows]
    assert "photo" not in [a.kind for a in rows]  # a photo has no headline of its own: nothing wrong
    assert _article(JIANGSU).pk not in [a.pk for a in rows]  # the engine was sure
    html = response.content.decode()
    assert "没有标题" in html
    assert "没有明确的开头" in html


def test_review_queue_counts_an_unmatched_headline_on_the_page(seeded: None, admin_client: Client) -> None:
    stories_merged_by_the_engine()
    rows = admin_client.get(reverse("admin:articles_article_review")).context["rows"]
    assert len(rows) == 10  # every live article of the page now
    assert "本版有引擎未能归位的标题" in " ".join(" ".join(reasons) for _, reasons in rows)


def test_admin_index_and_changelist_link_to_the_review_queue(seeded: None, admin_client: Client) -> None:
    queue = reverse("admin:articles_article_review")
    assert queue in admin_client.get(reverse("admin:index")).content.decode()
    assert queue in admin_client.get(reverse("admin:articles_article_changelist")).content.decode()


# -- Refusals --------------------------------------------------------------------------------------


def test_a_refused_split_shows_an_error_and_changes_nothing(seeded: None, admin_client: Client) -> None:
    from articles.editing import Correction

    jiangsu = _article(JIANGSU)
    texts = _texts(jiangsu)
    first = jiangsu.paragraphs.get(position=1)  # before the first paragraph: nothing would stay
    response = admin_client.post(
        reverse("admin:articles_article_split", args=[jiangsu.pk, first.pk]),
        {"headline": "none"},
        follow=True,
    )
    assert any(m.startswith("没有完成") for m in _messages(response))
    assert _texts(jiangsu) == texts
    assert models.Article.objects.filter(page=jiangsu.page).count() == 11
    assert not Correction.objects.exists()


def test_a_refused_merge_across_issues_changes_nothing(seeded: None, admin_client: Client) -> None:
    from articles.editing import Correction

    seed_ingest([SEED_DATE.replace(day=25)])
    here = _article(JIANGSU)
    there = models.Article.objects.get(title=HEILONGJIANG, page__issue__date=SEED_DATE.replace(day=25))
    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [here.pk, there.pk],
            "confirm": "yes",
            f"order_{here.pk}": "1",
            f"order_{there.pk}": "2",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert _messages(response)
    assert any("不在同一期" in m for m in _messages(response))
    assert not any("篇稿件合并为" in m for m in _messages(response))
    assert not models.Article.objects.filter(merged_into__isnull=False).exists()
    assert not Correction.objects.exists()


def test_headline_is_given_to_another_article_of_the_issue(seeded: None, admin_client: Client) -> None:
    jiangsu, headless = _article(JIANGSU), models.Article.objects.get(kind=models.Article.Kind.PHOTO)
    admin_client.post(
        reverse("admin:articles_article_headline_give", args=[jiangsu.pk]),
        {"to_article": headless.pk, "reason": "wrong story"},
    )
    headless.refresh_from_db()
    jiangsu.refresh_from_db()
    assert headless.title == JIANGSU
    assert jiangsu.title == ""


def test_people_merge_action_keeps_the_chosen_spelling(seeded: None, admin_client: Client) -> None:
    keep = models.Person.objects.get(name="张冲")
    other = models.Person.objects.create(name="张 冲")
    credited = _article(HEILONGJIANG)
    models.Byline.objects.filter(article=credited, person=keep).update(person=other)
    changelist = reverse("admin:articles_person_changelist")
    selected = {"action": "merge_selected", "_selected_action": [keep.pk, other.pk]}
    confirm = admin_client.post(changelist, selected).content.decode()
    assert f'value="{other.pk}"' in confirm and f'class="closelink" href="{changelist}"' in confirm
    response = admin_client.post(changelist, {**selected, "confirm": "yes", "keep": keep.pk}, follow=True)
    assert any("已把“张 冲”合并到" in m for m in _messages(response))
    other.refresh_from_db()
    assert other.merged_into == keep  # kept, as a record of the merge: its old address redirects
    assert credited.bylines.filter(person=keep).exists()
    assert not other.bylines.exists()
    old_page = admin_client.get(reverse("articles:reporter", args=[other.pk]))
    assert old_page.status_code == 301
    assert old_page["Location"] == reverse("articles:reporter", args=[keep.pk])


def test_a_merged_away_spelling_cannot_be_merged_again(seeded: None, admin_client: Client) -> None:
    keep = models.Person.objects.get(name="张冲")
    other = models.Person.objects.create(name="张 冲", merged_into=keep)
    third = models.Person.objects.get(name="丁国锋")
    response = admin_client.post(
        reverse("admin:articles_person_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [other.pk, third.pk],
            "confirm": "yes",
            "keep": third.pk,
        },
        follow=True,
    )
    assert any(m.startswith("没有完成") and "已合并到“张冲”" in m for m in _messages(response))
    other.refresh_from_db()
    assert other.merged_into == keep
    assert not models.Correction.objects.exists()


def test_a_persons_name_is_read_only_in_the_admin_and_renaming_goes_through_merge(
    seeded: None, admin_client: Client
) -> None:
    person = models.Person.objects.get(name="张冲")
    change = reverse("admin:articles_person_change", args=[person.pk])
    html = admin_client.get(change).content.decode()
    assert 'name="name"' not in html
    assert "改名要通过合并" in html
    admin_client.post(change, {"name": "张翀", "_save": "保存"})
    person.refresh_from_db()
    assert person.name == "张冲"
    assert not models.Correction.objects.exists()
    # A new spelling can still be added, to merge the old one into.
    admin_client.post(reverse("admin:articles_person_add"), {"name": "张翀", "_save": "保存"})
    assert models.Person.objects.filter(name="张翀", merged_into=None).exists()


def test_corrections_are_listed_read_only(seeded: None, admin_client: Client) -> None:
    jiangsu = _article(JIANGSU)
    admin_client.post(_change_url(jiangsu), _form_data(jiangsu, title="改过的标题"))
    response = admin_client.get(reverse("admin:articles_correction_changelist"))
    assert "改过的标题" in response.content.decode()
    assert reverse("admin:articles_correction_add") not in response.content.decode()


def test_a_refused_field_edit_shows_an_error_and_changes_nothing(seeded: None, admin_client: Client) -> None:
    from articles.editing import Correction

    jiangsu = _article(JIANGSU)
    response = admin_client.post(
        _change_url(jiangsu), _form_data(jiangsu, title="新标题", dateline_agency=""), follow=True
    )
    assert any(m.startswith("没有保存") for m in _messages(response))
    jiangsu.refresh_from_db()
    assert (jiangsu.title, jiangsu.dateline_agency, jiangsu.edited) == (JIANGSU, "本报", False)
    assert not Correction.objects.exists()


# -- Chinese throughout ----------------------------------------------------------------------------

# Django's own navigation table heads for screen readers, which its Chinese translation lacks.
DJANGO_UNTRANSLATED = re.compile(r'<thead class="visually-hidden">.*?</thead>', re.S)
TAGS = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S)
SHOWN_ATTRIBUTES = re.compile(r'(?:title|aria-label|placeholder)="([^"]*)"|type="submit"[^>]*value="([^"]*)"')
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")  # an English word left over; a lone letter (a page's "L") passes


def english_words(html: str, *, allowed: set[str] = frozenset()) -> set[str]:
    """The Latin-letter words an editor reads on the page: its text and its shown attributes."""
    html = DJANGO_UNTRANSLATED.sub("", html)
    shown = [TAGS.sub(" ", html), *(a or b for a, b in SHOWN_ATTRIBUTES.findall(html))]
    return set(LATIN_WORD.findall(unescape(" ".join(shown)))) - {"admin"} - allowed  # admin: the user


def test_the_editing_pages_are_in_chinese_throughout(seeded: None, admin_client: Client) -> None:
    jiangsu, _ = stories_merged_by_the_engine()
    admin_client.post(_change_url(jiangsu), _form_data(jiangsu, title="改过的标题", reason="错字"))
    paragraph = jiangsu.paragraphs.order_by("position").last()
    people = list(models.Person.objects.order_by("pk")[:2])
    pages = {
        "change": _change_url(jiangsu),
        "changelist": reverse("admin:articles_article_changelist"),
        "review": reverse("admin:articles_article_review"),
        "split": reverse("admin:articles_article_split", args=[jiangsu.pk, paragraph.pk]),
        "paragraph split": reverse("admin:articles_article_paragraph_split", args=[jiangsu.pk, paragraph.pk]),
        "people": reverse("admin:articles_person_changelist"),
        "person": reverse("admin:articles_person_change", args=[people[0].pk]),
        "person add": reverse("admin:articles_person_add"),
        "corrections": reverse("admin:articles_correction_changelist"),
        "correction": reverse("admin:articles_correction_change", args=[models.Correction.objects.get().pk]),
        "index": reverse("admin:index"),
    }
    for name, url in pages.items():
        response = admin_client.get(url)
        assert response.status_code == 200, name
        assert english_words(response.content.decode()) == set(), name
    merges = {
        "article merge": (
            reverse("admin:articles_article_changelist"),
            {"action": "merge_selected", "_selected_action": [jiangsu.pk, _article(BEIJING).pk]},
        ),
        "people merge": (
            reverse("admin:articles_person_changelist"),
            {"action": "merge_selected", "_selected_action": [p.pk for p in people]},
        ),
    }
    for name, (url, data) in merges.items():
        assert english_words(admin_client.post(url, data).content.decode()) == set(), name


def test_an_article_knows_its_address_on_the_site(seeded: None, admin_client: Client) -> None:
    # The admin's page links to it, and Django's own view-on-site redirect (/admin/r/…) finds it too.
    article = _article(JIANGSU)
    assert (
        f'href="{article.get_absolute_url()}">在网站上查看'
        in admin_client.get(_change_url(article)).content.decode()
    )
    kind = ContentType.objects.get_for_model(models.Article)
    response = admin_client.get(f"/admin/r/{kind.pk}/{article.pk}/")
    assert response.status_code == 302 and response["Location"].endswith(f"/articles/{article.pk}/")
    assert article.get_absolute_url() == f"/articles/{article.pk}/"
