"""articles.editing: each correction on the real seed page, its record, its undo and its refusals."""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchQuery

from articles import editing, ingest, models
from articles.editing import CorrectionRefused
from articles.reconstruct import values
from articles.reconstruct.page import reconstruct_page
from articles.search import search_words_for
from tests.seeding import PAPER, SEED, SEED_DATE

pytestmark = pytest.mark.django_db


@functools.cache
def _seed_reconstructed() -> values.Page:
    return dataclasses.replace(reconstruct_page(SEED.read_bytes()), source=SEED.name)


def seed_page(date: datetime.date = SEED_DATE) -> models.Page:
    """The seed page stored as ingest stores it, the engine run once per test session."""
    data = SEED.read_bytes()
    args = {"paper": PAPER, "date": date, "number": 2, "source_name": SEED.name}
    return ingest.page_store(data=data, reconstructed=_seed_reconstructed(), **args).page


@pytest.fixture
def page() -> models.Page:
    return seed_page()


@pytest.fixture
def editor() -> Any:
    return get_user_model().objects.create_user("editor", password="x")


def _articles(page: models.Page) -> list[models.Article]:
    return list(page.articles.order_by("position"))


def _texts(article: models.Article) -> list[str]:
    return list(article.paragraphs.order_by("position").values_list("text", flat=True))


def _page_state(page: models.Page) -> list[dict[str, Any]]:
    """Everything a correction may change on the page, but the edited flags."""
    return [
        {k: v for k, v in editing.article_state(a).items() if k != "edited"}
        for a in page.articles.order_by("position")
    ]


def _refused(call: Callable[[], Any], page: models.Page, message: str) -> None:
    """The call is refused with a message containing `message`, and the page and the history are as before."""
    state, corrections = _page_state(page), models.Correction.objects.count()
    with pytest.raises(CorrectionRefused, match=message):
        call()
    assert _page_state(page) == state
    assert models.Correction.objects.count() == corrections
    assert not page.articles.filter(edited=True).exists() or corrections


def _found(article: models.Article, word: str) -> bool:
    """Whether the article's search vector has the word."""
    query = SearchQuery(word, config="simple")
    return models.Article.objects.filter(pk=article.pk, search_vector=query).exists()


def _positions_contiguous(page: models.Page) -> None:
    assert list(page.articles.order_by("position").values_list("position", flat=True)) == list(
        range(1, page.articles.count() + 1)
    )
    for article in page.articles.all():
        positions = list(article.paragraphs.order_by("position").values_list("position", flat=True))
        assert positions == list(range(1, len(positions) + 1))


# -- merge ---------------------------------------------------------------------------------------------


def test_merge_appends_the_others_paragraphs_in_the_order_given_and_hides_them(page, editor, client) -> None:
    a1, a2, a3 = _articles(page)[:3]
    texts = _texts(a1) + _texts(a3) + _texts(a2)

    survivor = editing.articles_merge(articles=[a1, a3, a2], editor=editor, reason="one story")

    assert survivor.pk == a1.pk
    assert _texts(survivor) == texts
    assert set(survivor.bylines.values_list("person__name", flat=True)) == {
        "丁国锋",
        "吴良艺",
        "崔东凯",
        "张冲",
    }
    assert list(survivor.bylines.values_list("order", flat=True)) == [1, 2, 3, 4]
    assert set(models.Article.objects.filter(merged_into=a1).values_list("pk", flat=True)) == {a2.pk, a3.pk}
    assert not models.Article.objects.live().filter(pk__in=[a2.pk, a3.pk]).exists()
    assert models.Article.objects.filter(pk__in=[a1.pk, a2.pk, a3.pk], edited=True).count() == 3
    _positions_contiguous(page)
    correction = models.Correction.objects.get()
    assert (correction.action, correction.editor, correction.reason) == (
        "articles_merge",
        editor,
        "one story",
    )
    assert set(correction.article_ids) == {a1.pk, a2.pk, a3.pk}
    assert list(models.Correction.objects.for_article(a3)) == [correction]
    response = client.get(f"/articles/{a2.pk}/")
    assert response.status_code == 301
    assert response["Location"].endswith(f"/articles/{a1.pk}/")


def test_merge_refreshes_the_survivors_search_text(page, editor) -> None:
    a1, a2 = _articles(page)[:2]
    word = search_words_for(title_parts=[], body=_texts(a2)[-1])[1][0]  # a2's last paragraph's first word
    editing.articles_merge(articles=[a1, a2], editor=editor)
    assert _found(a1, "黑龙江") and _found(a1, word)
    # The merged article's text went to the survivor: its own vector has no text words (weight B) left.
    body_word = SearchQuery(f"'{word}':B", search_type="raw", config="simple")
    assert not models.Article.objects.filter(pk=a2.pk, search_vector=body_word).exists()


def test_merge_undo_restores_the_articles_bylines_and_urls(page, editor, client) -> None:
    before = _page_state(page)
    a1, a2 = _articles(page)[:2]
    editing.articles_merge(articles=[a1, a2], editor=editor)

    undo = editing.correction_undo(correction=models.Correction.objects.get(), editor=editor, reason="oops")

    assert undo.undo_of is not None and undo.action == "undo"
    assert _page_state(page) == before
    assert client.get(f"/articles/{a2.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("pick", "message"),
    [
        (lambda a: [a[0]], "至少选择两篇"),
        (lambda a: [a[0], a[0]], "选了两次"),
    ],
)
def test_merge_refuses_nonsense(page, editor, pick, message) -> None:
    articles = _articles(page)
    _refused(lambda: editing.articles_merge(articles=pick(articles), editor=editor), page, message)


def test_merge_refuses_articles_of_different_issues(page, editor) -> None:
    seed_page(SEED_DATE + datetime.timedelta(days=1))
    other = models.Article.objects.get(page__issue__date=SEED_DATE + datetime.timedelta(days=1), position=1)
    first = _articles(page)[0]
    _refused(lambda: editing.articles_merge(articles=[first, other], editor=editor), page, "不在同一期")


def test_merge_refuses_an_already_merged_article(page, editor) -> None:
    a1, a2, a3 = _articles(page)[:3]
    editing.articles_merge(articles=[a1, a2], editor=editor)
    _refused(lambda: editing.articles_merge(articles=[a3, a2], editor=editor), page, "已并入")


# -- split ---------------------------------------------------------------------------------------------


def test_split_keeps_the_first_part_at_the_old_id_and_inserts_the_rest_after_it(page, editor, client) -> None:
    feature = page.articles.get(position=5)
    texts = _texts(feature)
    at = feature.paragraphs.get(position=10)

    new = editing.article_split(
        article=feature, at_paragraph=at, headline={"title": "新的标题 "}, editor=editor
    )

    assert (new.position, new.title, new.edited) == (6, "新的标题", True)
    assert _texts(models.Article.objects.get(pk=feature.pk)) == texts[:9]
    assert _texts(new) == texts[9:]
    assert page.articles.get(position=7).title == "打造忠诚干净担当新时代政法铁军"
    _positions_contiguous(page)
    assert client.get(f"/articles/{feature.pk}/").status_code == 200
    assert _found(new, "标题")


def test_split_with_an_unmatched_headline_consumes_it_and_undo_gives_it_back(page, editor) -> None:
    page.reconstructed_json["unmatched_headlines"] = [
        {"kicker": "引题", "title": "孤立的标题", "subtitle": None, "label": None, "lines": [7, 9]},
        {"kicker": None, "title": "另一个", "subtitle": None, "label": None, "lines": [11]},
    ]
    page.save()
    before = _page_state(page)
    feature = page.articles.get(position=5)

    new = editing.article_split(
        article=feature,
        at_paragraph=feature.paragraphs.get(position=3),
        headline={"unmatched": 0},
        editor=editor,
    )

    assert (new.kicker, new.title, new.headline_lines) == ("引题", "孤立的标题", [7, 9])
    page.refresh_from_db()
    assert [n for n, _ in page.unmatched_headlines_open()] == [1]
    _refused(
        lambda: editing.article_split(
            article=feature,
            at_paragraph=feature.paragraphs.get(position=2),
            headline={"unmatched": 0},
            editor=editor,
        ),
        page,
        "已经配给",
    )

    editing.correction_undo(correction=models.Correction.objects.get(), editor=editor)

    page.refresh_from_db()
    assert [n for n, _ in page.unmatched_headlines_open()] == [0, 1]
    assert _page_state(page) == before
    assert not models.Article.objects.filter(pk=new.pk).exists()


def test_split_refuses_the_first_paragraph_and_another_articles_paragraph(page, editor) -> None:
    a1, a2 = _articles(page)[:2]
    _refused(
        lambda: editing.article_split(article=a1, at_paragraph=a1.paragraphs.get(position=1), editor=editor),
        page,
        "第一段之前",
    )
    _refused(
        lambda: editing.article_split(article=a1, at_paragraph=a2.paragraphs.get(position=2), editor=editor),
        page,
        "不在",
    )
    _refused(
        lambda: editing.article_split(
            article=a1, at_paragraph=a1.paragraphs.get(position=2), headline={"unmatched": 3}, editor=editor
        ),
        page,
        "没有编号为 3 的未归位标题",
    )


# -- paragraphs ----------------------------------------------------------------------------------------


def test_paragraph_split_cuts_the_text_exactly_and_estimates_lines(page, editor) -> None:
    article = page.articles.get(position=1)
    paragraph = article.paragraphs.get(position=2)
    text, lines = paragraph.text, (paragraph.line_start, paragraph.line_end)

    second = editing.paragraph_split(paragraph=paragraph, at_char=5, editor=editor)

    paragraph.refresh_from_db()
    assert (paragraph.text, second.text) == (text[:5], text[5:])
    assert second.position == 3 and article.paragraphs.count() == 4
    assert paragraph.line_start == lines[0] and second.line_end == lines[1]
    assert paragraph.line_end == second.line_start
    _positions_contiguous(page)


def test_paragraph_split_refuses_a_cut_at_either_end(page, editor) -> None:
    paragraph = page.articles.get(position=1).paragraphs.get(position=2)
    for at in (0, -1, len(paragraph.text)):
        _refused(
            lambda at=at: editing.paragraph_split(paragraph=paragraph, at_char=at, editor=editor),
            page,
            "段落内部",
        )


def test_split_a_paragraph_then_move_its_second_half_to_the_next_story_and_undo_both(page, editor) -> None:
    before = _page_state(page)
    a1, a2 = _articles(page)[:2]
    last = a1.paragraphs.order_by("position").last()
    second = editing.paragraph_split(paragraph=last, at_char=len(last.text) // 2, editor=editor)

    editing.paragraphs_move(paragraphs=[second], to_article=a2, position=1, editor=editor)

    assert _texts(a2)[0] == second.text
    _positions_contiguous(page)
    move, split = models.Correction.objects.for_article(a1)
    _refused(lambda: editing.correction_undo(correction=split, editor=editor), page, "请先撤销")
    editing.correction_undo(correction=move, editor=editor)
    editing.correction_undo(correction=split, editor=editor)
    assert _page_state(page) == before
    _refused(lambda: editing.correction_undo(correction=split, editor=editor), page, "已经撤销过")


def test_move_refuses_emptying_an_article_a_merged_target_and_bad_positions(page, editor) -> None:
    a1, a2, a3 = _articles(page)[:3]
    _refused(
        lambda: editing.paragraphs_move(paragraphs=list(a2.paragraphs.all()), to_article=a1, editor=editor),
        page,
        "改为合并这两篇稿件",
    )
    _refused(
        lambda: editing.paragraphs_move(
            paragraphs=[a1.paragraphs.first()], to_article=a2, position=9, editor=editor
        ),
        page,
        "1 到 3 之间",
    )
    editing.articles_merge(articles=[a2, a3], editor=editor)
    _refused(
        lambda: editing.paragraphs_move(paragraphs=[a1.paragraphs.last()], to_article=a3, editor=editor),
        page,
        "已并入",
    )


def test_move_within_an_article_reorders_it(page, editor) -> None:
    article = page.articles.get(position=1)
    texts = _texts(article)
    editing.paragraphs_move(
        paragraphs=[article.paragraphs.get(position=3)], to_article=article, position=1, editor=editor
    )
    assert _texts(article) == [texts[2], texts[0], texts[1]]


# -- headlines -----------------------------------------------------------------------------------------


def test_headline_set_and_undo(page, editor) -> None:
    article = page.articles.get(position=1)
    old = (article.kicker, article.title, article.subtitle)
    editing.article_headline_set(
        article=article, kicker="", title="改过的标题", subtitle="副题", editor=editor
    )
    article.refresh_from_db()
    assert (article.kicker, article.title, article.subtitle, article.edited) == (
        "",
        "改过的标题",
        "副题",
        True,
    )
    assert _found(article, "标题")
    _refused(
        lambda: editing.article_headline_set(
            article=article, kicker="", title="改过的标题", subtitle="副题", editor=editor
        ),
        page,
        "无需修改",
    )
    editing.correction_undo(correction=models.Correction.objects.get(), editor=editor)
    article.refresh_from_db()
    assert (article.kicker, article.title, article.subtitle) == old


def test_headline_reassign_swaps_groups(page, editor) -> None:
    a1, a2 = _articles(page)[:2]
    editing.headline_reassign(from_article=a1, to_article=a2, editor=editor)
    a1.refresh_from_db()
    a2.refresh_from_db()
    assert a2.title == "为谱写现代化建设新篇章提供坚强保障"
    assert a1.title == "不断提升执法司法质效和公信力"
    _refused(
        lambda: editing.headline_reassign(from_article=a1, to_article=a1, editor=editor), page, "两篇不同"
    )


def test_headline_reassign_refuses_an_article_without_a_headline(page, editor) -> None:
    photo, other = page.articles.get(position=7), page.articles.get(position=1)
    _refused(
        lambda: editing.headline_reassign(from_article=photo, to_article=other, editor=editor),
        page,
        "没有标题",
    )


# -- bylines and people --------------------------------------------------------------------------------


def test_byline_add_remove_role_and_their_undo(page, editor) -> None:
    article = page.articles.get(position=2)  # 崔东凯, 张冲
    before = _page_state(page)
    added = editing.byline_add(article=article, name=" 王五 ", role="correspondent", editor=editor)
    assert (added.person.name, added.order) == ("王五", 3)
    _refused(
        lambda: editing.byline_add(article=article, name="王五", role="correspondent", editor=editor),
        page,
        "王五已经以通讯员身份署名",
    )
    _refused(
        lambda: editing.byline_add(article=article, name="王五", role="boss", editor=editor),
        page,
        "身份必须是记者、通讯员、摄影、作者之一",
    )
    first = article.bylines.get(order=1)
    editing.byline_remove(byline=first, editor=editor)
    assert list(article.bylines.values_list("person__name", "order")) == [("张冲", 1), ("王五", 2)]
    editing.byline_role_set(byline=article.bylines.get(order=1), role="photographer", editor=editor)
    assert article.bylines.get(order=1).role == "photographer"
    for correction in models.Correction.objects.order_by("-pk"):
        editing.correction_undo(correction=correction, editor=editor)
    assert _page_state(page) == before


def test_people_merge_moves_every_credit_and_undo_brings_the_person_back(page, editor) -> None:
    keep, merge = models.Person.objects.get(name="张国强"), models.Person.objects.get(name="韩宇")
    before = _page_state(page)
    editing.people_merge(keep=keep, merge=merge, editor=editor)
    merge.refresh_from_db()
    assert merge.merged_into == keep and not merge.bylines.exists()
    assert list(page.articles.get(position=5).bylines.values_list("person__name", "order")) == [
        ("张国强", 1),
        ("李长生", 2),
    ]
    merged = models.Correction.objects.get()
    assert merged.summary == "把“韩宇”合并到“张国强”（涉及1篇稿件）。"
    undo = editing.correction_undo(correction=merged, editor=editor)
    merge.refresh_from_db()
    assert (merge.name, merge.merged_into) == ("韩宇", None)
    assert _page_state(page) == before
    editing.correction_undo(correction=undo, editor=editor)  # and again: merged once more
    merge.refresh_from_db()
    assert merge.merged_into == keep


def test_people_merge_of_a_merged_away_spelling_is_refused(page, editor) -> None:
    keep, merge = models.Person.objects.get(name="张国强"), models.Person.objects.get(name="韩宇")
    editing.people_merge(keep=keep, merge=merge, editor=editor)
    other = models.Person.objects.get(name="李长生")
    for pair in ({"keep": merge, "merge": other}, {"keep": other, "merge": merge}):
        _refused(
            lambda pair=pair: editing.people_merge(**pair, editor=editor), page, "“韩宇”已合并到“张国强”"
        )


def test_people_merge_carries_earlier_spellings_along_and_undo_puts_them_back(page, editor) -> None:
    first, second, last = (models.Person.objects.get(name=n) for n in ("韩宇", "张国强", "李长生"))
    editing.people_merge(keep=second, merge=first, editor=editor)  # 韩宇 → 张国强
    editing.people_merge(keep=last, merge=second, editor=editor)  # 张国强 → 李长生
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.merged_into == last and second.merged_into == last  # one hop, never a chain
    editing.correction_undo(correction=models.Correction.objects.order_by("pk").last(), editor=editor)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.merged_into == second and second.merged_into is None


def test_byline_add_of_a_merged_away_spelling_credits_the_person_it_became(page, editor) -> None:
    keep, merge = models.Person.objects.get(name="张国强"), models.Person.objects.get(name="韩宇")
    editing.people_merge(keep=keep, merge=merge, editor=editor)
    article = page.articles.get(position=1)
    byline = editing.byline_add(article=article, name="韩宇", role="reporter", editor=editor)
    assert byline.person == keep
    assert models.Correction.objects.for_article(article).first().summary.endswith("添加署名：记者张国强。")


# -- fields --------------------------------------------------------------------------------------------


def test_fields_set_dateline_region_kind_and_refusals(page, editor) -> None:
    article = page.articles.get(position=8)
    province = models.Place.objects.filter(level=models.Place.Level.PROVINCE).first()
    editing.article_fields_set(
        article=article,
        editor=editor,
        dateline_agency="本报",
        dateline_place="北京",
        region=province,
        kind="brief",
    )
    article.refresh_from_db()
    assert (
        article.dateline_agency,
        article.dateline_place,
        article.region,
        article.region_name,
        article.kind,
    ) == (
        "本报",
        "北京",
        province,
        province.name,
        "brief",
    )
    _refused(
        lambda: editing.article_fields_set(article=article, editor=editor, dateline_agency=""),
        page,
        "发稿单位",
    )
    _refused(
        lambda: editing.article_fields_set(article=article, editor=editor, kind="novel"), page, "体裁必须"
    )
    _refused(
        lambda: editing.article_fields_set(article=article, editor=editor, title="x"),
        page,
        "不能修改主题",
    )
    _refused(
        lambda: editing.article_fields_set(article=article, editor=editor, kind="brief"),
        page,
        "无需修改",
    )


# -- undo ----------------------------------------------------------------------------------------------


def test_undo_of_an_undo_redoes_the_split(page, editor) -> None:
    feature = page.articles.get(position=5)
    new = editing.article_split(
        article=feature, at_paragraph=feature.paragraphs.get(position=4), editor=editor
    )
    after = _page_state(page)
    undo = editing.correction_undo(
        correction=models.Correction.objects.get(action="article_split"), editor=editor
    )
    redo = editing.correction_undo(correction=undo, editor=editor)
    assert redo.undo_of == undo
    assert _page_state(page) == after
    assert models.Article.objects.filter(pk=new.pk).exists()


def test_history_lists_an_articles_corrections_newest_first_with_before_and_after(page, editor) -> None:
    article = page.articles.get(position=1)
    editing.article_headline_set(article=article, kicker="", title="一", subtitle="", editor=editor)
    editing.article_headline_set(article=article, kicker="", title="二", subtitle="", editor=editor)
    first, second = models.Correction.objects.order_by("pk")
    assert list(models.Correction.objects.for_article(article)) == [second, first]
    assert first.before["articles"][0]["title"] == "为谱写现代化建设新篇章提供坚强保障"
    assert first.after["articles"][0]["title"] == "一"
    assert second.before["articles"][0]["title"] == "一"
