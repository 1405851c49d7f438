"""The article's change page as an editor corrects on it: paragraphs first, a paragraph split where one
clicked (and its no-JavaScript fallback), joining a story the engine cut in two, jump links only when there
is something to link, and the history in an editor's words, one entry per correction.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from articles import editing, ingest, models
from articles.editing.words import paragraph_runs
from tests import seeding
from tests.seeding import PAPER, SEED, SEED_DATE, seed_ingest
from tests.test_admin import FEATURE, HEILONGJIANG, JIANGSU

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> None:
    seed_ingest()


def _change_url(article: models.Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def _texts(article: models.Article) -> list[str]:
    return list(article.paragraphs.order_by("position").values_list("text", flat=True))


def _split_url(article: models.Article, paragraph: models.Paragraph) -> str:
    return reverse("admin:articles_article_paragraph_split", args=[article.pk, paragraph.pk])


def _article_on(number: int, title: str) -> models.Article:
    return models.Article.objects.get(page__number=number, title=title)


def _history(html: str) -> str:
    return unescape(html[html.index('id="history"') :])


# -- The page opens on the paragraphs ------------------------------------------------------------------


def test_the_change_page_opens_on_the_paragraphs_before_the_articles_fields(
    seeded: None, admin_client: Client
) -> None:
    html = admin_client.get(_change_url(seeding.article(JIANGSU))).content.decode()
    assert html.index('id="paragraphs"') < html.index('id="article_form"') < html.index('id="history"')


def test_each_paragraph_offers_to_be_split_where_one_clicks(seeded: None, admin_client: Client) -> None:
    jiangsu = seeding.article(JIANGSU)
    paragraph = jiangsu.paragraphs.get(position=2)
    html = admin_client.get(_change_url(jiangsu)).content.decode()
    assert f'<p data-split-url="{_split_url(jiangsu, paragraph)}">{paragraph.text}</p>' in html
    assert 'id="nr-split-template"' in html and "js/admin-split.js" in html


# -- Paragraph split at the place chosen ---------------------------------------------------------------


def test_a_paragraph_splits_at_the_character_chosen(seeded: None, admin_client: Client) -> None:
    jiangsu = seeding.article(JIANGSU)
    paragraph = jiangsu.paragraphs.get(position=2)
    text = paragraph.text
    response = admin_client.post(_split_url(jiangsu, paragraph), {"at": 5, "before": text[:5]})
    assert response.status_code == 302 and response["Location"].endswith("#p2")
    assert _texts(jiangsu)[1:3] == [text[:5], text[5:]]


def test_a_split_chosen_on_a_paragraph_changed_since_is_refused(seeded: None, admin_client: Client) -> None:
    jiangsu = seeding.article(JIANGSU)
    paragraph = jiangsu.paragraphs.get(position=2)
    texts = _texts(jiangsu)
    response = admin_client.post(_split_url(jiangsu, paragraph), {"at": 5, "before": "不是这样"})
    assert "段落在您打开页面后改过了" in response.content.decode()
    assert _texts(jiangsu) == texts


@pytest.mark.parametrize("at", [0, 1000])
def test_a_split_at_either_end_of_a_paragraph_is_refused(seeded: None, admin_client: Client, at: int) -> None:
    jiangsu = seeding.article(JIANGSU)
    paragraph = jiangsu.paragraphs.get(position=2)
    texts = _texts(jiangsu)
    response = admin_client.post(_split_url(jiangsu, paragraph), {"at": at, "before": ""})
    assert "两边都要有文字" in response.content.decode()
    assert _texts(jiangsu) == texts


def test_without_javascript_a_sentence_end_is_picked_from_a_list(seeded: None, admin_client: Client) -> None:
    jiangsu = seeding.article(JIANGSU)
    paragraph = jiangsu.paragraphs.get(position=3)
    text = paragraph.text
    first_end = text.index("。") + 1
    html = admin_client.get(_split_url(jiangsu, paragraph)).content.decode()
    assert f'<input type="radio" name="at" value="{first_end}">' in html
    admin_client.post(_split_url(jiangsu, paragraph), {"at": first_end})
    assert _texts(jiangsu)[2:4] == [text[:first_end], text[first_end:]]


def test_a_split_with_no_place_chosen_asks_for_one(seeded: None, admin_client: Client) -> None:
    jiangsu = seeding.article(JIANGSU)
    response = admin_client.post(_split_url(jiangsu, jiangsu.paragraphs.get(position=2)), {"reason": "x"})
    assert "请选择在哪里拆分" in response.content.decode()


# -- Joining a story the engine cut in two -------------------------------------------------------------


def test_the_next_story_is_joined_to_this_one_in_one_post(seeded: None, admin_client: Client) -> None:
    jiangsu = seeding.article(JIANGSU)
    heilongjiang = seeding.article(HEILONGJIANG)
    texts = _texts(jiangsu) + _texts(heilongjiang)
    url = reverse("admin:articles_article_join", args=[heilongjiang.pk, jiangsu.pk])
    assert f'action="{url}"' in admin_client.get(_change_url(heilongjiang)).content.decode()

    response = admin_client.post(url, {}, follow=True)

    assert _texts(jiangsu) == texts  # the one printed first keeps its address and comes first
    assert any("已把两篇合为" in str(m) for m in response.context["messages"])
    assert admin_client.get(f"/articles/{heilongjiang.pk}/")["Location"] == f"/articles/{jiangsu.pk}/"


def test_the_first_and_last_stories_of_a_page_offer_one_join_each(seeded: None, admin_client: Client) -> None:
    first = models.Article.objects.order_by("position").first()
    html = admin_client.get(_change_url(first)).content.decode()
    assert "把下一篇《" in html and "并入上一篇" not in html


def test_a_join_by_get_changes_nothing(seeded: None, admin_client: Client) -> None:
    jiangsu, heilongjiang = seeding.article(JIANGSU), seeding.article(HEILONGJIANG)
    admin_client.get(reverse("admin:articles_article_join", args=[jiangsu.pk, heilongjiang.pk]))
    assert not models.Correction.objects.exists()


# -- Jump links only when there is something to link ---------------------------------------------------


def test_an_issue_of_one_page_shows_no_jump_links_section(seeded: None, admin_client: Client) -> None:
    html = admin_client.get(_change_url(seeding.article(JIANGSU))).content.decode()
    assert 'id="jump"' not in html
    assert "跨版稿件" not in html and ">连接</button>" not in html


def test_with_another_page_in_the_issue_linking_is_offered_folded(admin_client: Client) -> None:
    data = SEED.read_bytes()
    for number in (2, 3):
        ingest.page_ingest(
            paper=PAPER, date=SEED_DATE, number=number, data=data, source_name=f"p{number}.txt"
        )
    html = admin_client.get(_change_url(_article_on(2, JIANGSU))).content.decode()
    assert 'id="jump"' in html
    assert '<details class="nr-link"><summary>本篇是另一版稿件的接续部分？连接它们</summary>' in html


# -- Addresses a correction retired, in the admin ------------------------------------------------------


def test_undoing_a_split_in_the_admin_goes_on_to_the_article_holding_its_text(
    seeded: None, admin_client: Client
) -> None:
    feature = seeding.article(FEATURE)
    new = editing.article_split(article=feature, at_paragraph=feature.paragraphs.get(position=4), editor=None)
    split = models.Correction.objects.get()
    response = admin_client.post(reverse("admin:articles_article_undo", args=[new.pk, split.pk]), {})
    assert response["Location"] == _change_url(feature)
    # The admin address of the article the split made leads there too.
    assert admin_client.get(_change_url(new))["Location"] == _change_url(feature)


# -- The history in an editor's words ------------------------------------------------------------------


def test_a_split_and_its_undo_are_two_lines_naming_the_story_never_its_ids(
    seeded: None, admin_client: Client
) -> None:
    feature = seeding.article(FEATURE)
    admin_client.post(
        reverse("admin:articles_article_split", args=[feature.pk, feature.paragraphs.get(position=4).pk]),
        {"headline": "typed", "title": "新闻发布会"},
    )
    split = models.Correction.objects.get()
    admin_client.post(reverse("admin:articles_article_undo", args=[feature.pk, split.pk]), {})

    history = _history(admin_client.get(_change_url(feature)).content.decode())
    assert len(re.findall(r'class="nr-correction( is-undone)?"', history)) == 2
    assert f"拆分《{FEATURE}》：第4段起另成一篇《新闻发布会》" in history
    assert f"撤销：拆分《{FEATURE}》" in history
    assert history.count("<li>") <= 2  # a line of what went where, not a row per paragraph
    assert not re.search(r"\d+号(稿件|段落)", history)


def test_a_move_reads_as_which_paragraphs_went_to_which_story(seeded: None, admin_client: Client) -> None:
    jiangsu, heilongjiang = seeding.article(JIANGSU), seeding.article(HEILONGJIANG)
    moving = list(jiangsu.paragraphs.filter(position__in=[2, 3]))
    editing.paragraphs_move(paragraphs=moving, to_article=heilongjiang, position=1, editor=None)
    words = editing.correction_words(models.Correction.objects.get())
    assert words.sentence == f"把《{JIANGSU}》第2–3段移到《{HEILONGJIANG}》"
    assert words.details == (f"在《{HEILONGJIANG}》中成为第1–2段。",)


def test_a_merge_and_a_paragraph_split_read_as_an_editor_would_say_them(seeded: None) -> None:
    jiangsu, heilongjiang = seeding.article(JIANGSU), seeding.article(HEILONGJIANG)
    editing.articles_merge(articles=[jiangsu, heilongjiang], editor=None)
    editing.paragraph_split(paragraph=jiangsu.paragraphs.get(position=2), at_char=4, editor=None)
    merge, split = models.Correction.objects.order_by("pk")
    assert editing.correction_words(merge).sentence == f"合并《{JIANGSU}》与《{HEILONGJIANG}》"
    text = split.before["articles"][0]["paragraphs"][1]["text"]
    assert editing.correction_words(split).sentence == f"拆分《{JIANGSU}》第2段：在“{text[:4]}”之后分成两段"


def test_a_headline_edit_reads_with_the_old_and_new_titles(seeded: None) -> None:
    jiangsu = seeding.article(JIANGSU)
    editing.article_headline_set(article=jiangsu, kicker="", title="新标题", subtitle="", editor=None)
    words = editing.correction_words(models.Correction.objects.get())
    assert words.sentence == f"把标题《{JIANGSU}》改为《新标题》"
    assert f"主题：{JIANGSU} → 新标题" in words.details


def test_an_older_records_summary_is_read_without_its_ids(seeded: None) -> None:
    old = models.Correction.objects.create(action="fields_set", summary="修改12号稿件《甲》的体裁。")
    assert editing.correction_words(old).sentence == "修改《甲》的体裁"


def test_paragraph_numbers_read_as_runs() -> None:
    assert paragraph_runs([5, 3, 4, 8]) == "第3–5、8段"
    assert paragraph_runs([2]) == "第2段"


def test_headline_reassign_bylines_and_fields_read_with_names(seeded: None) -> None:
    jiangsu, heilongjiang = seeding.article(JIANGSU), seeding.article(HEILONGJIANG)
    editing.headline_reassign(from_article=jiangsu, to_article=heilongjiang, editor=None)
    editing.byline_add(article=jiangsu, name="李长生", role="correspondent", editor=None)
    editing.article_fields_set(article=jiangsu, editor=None, dateline_place="苏州")
    sentences = [editing.correction_words(c).sentence for c in models.Correction.objects.order_by("pk")]
    assert sentences == [
        f"互换《{JIANGSU}》与《{HEILONGJIANG}》的标题",
        f"在《{HEILONGJIANG}》上添加署名：通讯员李长生",
        f"修改《{HEILONGJIANG}》的电头地点",
    ]


def test_a_corrections_record_names_its_stories_and_says_which_are_gone(
    seeded: None, admin_client: Client
) -> None:
    feature = seeding.article(FEATURE)
    new = editing.article_split(
        article=feature,
        at_paragraph=feature.paragraphs.get(position=4),
        headline={"title": "后半"},
        editor=None,
    )
    split = models.Correction.objects.get()
    editing.correction_undo(correction=split, editor=None)
    html = unescape(
        admin_client.get(reverse("admin:articles_correction_change", args=[split.pk])).content.decode()
    )
    assert f'<a href="{_change_url(feature)}">《{FEATURE}》</a>、《后半》（已不存在）' in html
    assert f"{feature.pk}, {new.pk}" not in html
