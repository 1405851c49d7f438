"""The schema's guarantees (enforced by PostgreSQL, not by Python) and the QuerySet reads."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from articles import models

DATE = datetime.date(2025, 1, 24)


def _page(number: int = 2, *, date: datetime.date = DATE, paper: str = "法治日报") -> models.Page:
    newspaper, _ = models.Newspaper.objects.get_or_create(name=paper, defaults={"slug": paper})
    issue, _ = models.Issue.objects.get_or_create(newspaper=newspaper, date=date)
    return models.Page.objects.create(
        issue=issue,
        number=number,
        raw=b"text",
        encoding="utf-8",
        content_hash="0" * 64,
        source_name=f"fazhi_{date}_{number:02}.txt",
        line_count=1,
        reconstructed_json={},
    )


def _article(page: models.Page, position: int, title: str = "标题") -> models.Article:
    return models.Article.objects.create(page=page, position=position, title=title)


def _immediately(create: Callable[[], Any]) -> None:
    """Run create with deferred constraints checked at once, as a commit would check them."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        create()


@pytest.mark.django_db
def test_newspaper_name_is_unique() -> None:
    models.Newspaper.objects.create(name="法治日报", slug="fazhi")
    with pytest.raises(IntegrityError):
        models.Newspaper.objects.create(name="法治日报", slug="fazhi-2")


@pytest.mark.django_db
def test_newspaper_slug_is_unique() -> None:
    models.Newspaper.objects.create(name="法治日报", slug="fazhi")
    with pytest.raises(IntegrityError):
        models.Newspaper.objects.create(name="人民日报", slug="fazhi")


@pytest.mark.django_db
def test_a_newspaper_has_one_issue_per_date() -> None:
    page = _page()
    with pytest.raises(IntegrityError):
        models.Issue.objects.create(newspaper=page.issue.newspaper, date=DATE)


@pytest.mark.django_db
def test_an_issue_has_one_page_per_number() -> None:
    _page(2)
    with pytest.raises(IntegrityError):
        _page(2)


@pytest.mark.django_db
def test_page_numbers_start_at_one() -> None:
    with pytest.raises(IntegrityError):
        _page(0)


@pytest.mark.django_db
def test_two_articles_cannot_share_a_position_on_a_page() -> None:
    page = _page()
    _article(page, 1)
    with pytest.raises(IntegrityError):
        _immediately(lambda: _article(page, 1))


@pytest.mark.django_db
def test_article_positions_can_be_swapped_inside_a_transaction() -> None:
    page = _page()
    first, second = _article(page, 1, "甲"), _article(page, 2, "乙")

    with transaction.atomic():
        models.Article.objects.filter(pk=first.pk).update(position=2)
        models.Article.objects.filter(pk=second.pk).update(position=1)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the check a commit makes

    assert list(page.articles.order_by("position").values_list("title", flat=True)) == ["乙", "甲"]


@pytest.mark.django_db
def test_two_paragraphs_cannot_share_a_position_in_an_article() -> None:
    article = _article(_page(), 1)
    fields = {"article": article, "position": 1, "text": "段落", "line_start": 3, "line_end": 5}
    models.Paragraph.objects.create(**fields)
    with pytest.raises(IntegrityError):
        _immediately(lambda: models.Paragraph.objects.create(**fields))


@pytest.mark.django_db
def test_a_paragraph_cannot_end_before_it_starts() -> None:
    article = _article(_page(), 1)
    with pytest.raises(IntegrityError):
        models.Paragraph.objects.create(article=article, position=1, text="段落", line_start=5, line_end=3)


@pytest.mark.django_db
def test_a_person_has_one_row_per_name() -> None:
    models.Person.objects.create(name="丁国锋")
    with pytest.raises(IntegrityError):
        models.Person.objects.create(name="丁国锋")


@pytest.mark.django_db
def test_a_person_is_credited_once_per_role_in_an_article() -> None:
    article = _article(_page(), 1)
    person = models.Person.objects.create(name="丁国锋")
    models.Byline.objects.create(article=article, person=person, role="reporter", order=1)
    models.Byline.objects.create(article=article, person=person, role="photographer", order=2)
    with pytest.raises(IntegrityError):
        models.Byline.objects.create(article=article, person=person, role="reporter", order=3)


@pytest.mark.django_db
def test_place_codes_are_unique() -> None:
    models.Place.objects.create(name="江苏省", level="province", code="320000")
    with pytest.raises(IntegrityError):
        models.Place.objects.create(name="江苏", level="province", code="320000")


@pytest.mark.django_db
def test_articles_for_an_issue_come_in_print_order() -> None:
    page3, page2 = _page(3), _page(2)
    _page(2, date=DATE + datetime.timedelta(days=1)).articles.create(position=1, title="次日")
    _article(page3, 1, "三版一")
    _article(page2, 2, "二版二")
    _article(page2, 1, "二版一")

    titles = models.Article.objects.for_issue("法治日报", DATE).in_print_order()

    assert [a.title for a in titles] == ["二版一", "二版二", "三版一"]
    assert [a.title for a in titles.for_page(3)] == ["三版一"]


@pytest.mark.django_db
def test_article_details_cost_the_same_queries_for_one_article_or_many(
    django_assert_num_queries: Any,
) -> None:
    page = _page()
    person = models.Person.objects.create(name="丁国锋")
    for position in range(1, 21):
        article = _article(page, position)
        article.paragraphs.create(position=1, text="段落", line_start=1, line_end=2)
        article.bylines.create(person=person, role="reporter", order=1)

    # articles (with page, issue, paper, region joined), paragraphs, bylines with people
    with django_assert_num_queries(3):
        for article in models.Article.objects.with_details():
            _ = [p.text for p in article.paragraphs.all()]
            _ = [b.person.name for b in article.bylines.all()]
            _ = article.page.issue.newspaper.name, article.region


@pytest.mark.django_db
def test_a_story_is_read_in_page_order_from_any_of_its_parts() -> None:
    first, second, third = _article(_page(1), 1), _article(_page(2), 1), _article(_page(3), 1)
    second.continues, third.continues = first, second
    models.Article.objects.bulk_update([second, third], ["continues"])

    assert models.Article.objects.story_head_id(third.pk) == first.pk
    assert models.Article.objects.story_ids_above(third.pk) == [third.pk, second.pk, first.pk]
    assert models.Article.objects.story_part_ids(first.pk) == [first.pk, second.pk, third.pk]


@pytest.mark.django_db
def test_a_loop_of_parts_an_editor_made_is_read_to_its_end_and_no_further() -> None:
    first, second = _article(_page(1), 1), _article(_page(2), 1)
    first.continues, second.continues = second, first
    models.Article.objects.bulk_update([first, second], ["continues"])

    assert models.Article.objects.story_ids_above(first.pk) == [first.pk, second.pk]
    assert models.Article.objects.story_part_ids(first.pk) == [first.pk, second.pk]


@pytest.mark.django_db
def test_a_part_merged_into_another_is_no_part_of_the_story() -> None:
    first, page_two = _article(_page(1), 1), _page(2)
    second, elsewhere = _article(page_two, 1), _article(page_two, 2)
    second.continues, second.merged_into = first, elsewhere
    models.Article.objects.bulk_update([second], ["continues", "merged_into"])

    assert models.Article.objects.story_part_ids(first.pk) == [first.pk]


@pytest.mark.django_db
def test_an_article_knows_its_issues_date_however_it_was_made() -> None:
    made = _article(_page(2), 1)
    moved = _article(_page(3, date=DATE.replace(day=25)), 1)
    moved.page = _page(3)
    moved.save(update_fields=["page"])
    copied = models.Article.objects.bulk_create([models.Article(page=made.page, position=2)])[0]

    for article in (made, moved, copied):
        article.refresh_from_db()
        assert article.issue_date == DATE


@pytest.mark.django_db
def test_lists_across_issues_run_newest_issue_first_and_in_storing_order_within_one() -> None:
    old_page, new_page = _page(2, date=DATE.replace(day=20)), _page(2)
    older = [_article(old_page, n) for n in (1, 2)]
    newer = [_article(new_page, n) for n in (1, 2)]

    listed = list(models.Article.objects.newest_first().values_list("pk", flat=True))

    assert listed == [newer[0].pk, newer[1].pk, older[0].pk, older[1].pk]
