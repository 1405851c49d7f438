"""A reporter's page reads their stories from their bylines (Byline.issue_date and Byline.story, kept by
PostgreSQL triggers, migration 0017): after ingest, a re-ingest, an editor's corrections and their undo, a
story merged or linked as a continuation, a page moved to another issue or an issue's date set right, every
reporter's page lists, charts and credits exactly what the articles themselves say: the plain reads over
articles, pages and issues, made here without the kept columns."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles import charts, editing, listing, models
from tests.seeding import (
    SEED_DATE,
    article,
    jump_sample_ingest,
    person,
    seed_ingest,
    seed_reingest_changed,
    stories_store,
)

pytestmark = pytest.mark.django_db

DATES = (datetime.date(2024, 10, 15), datetime.date(2024, 12, 24), SEED_DATE)
HEILONGJIANG_STORY = "不断提升执法司法质效和公信力"  # 记者崔东凯 张冲
BEIJING_STORY = "以高水平法治保障首都高质量发展"  # 记者黄洁


@pytest.fixture
def editor() -> Any:
    return get_user_model().objects.create_user("editor", password="x", is_staff=True)


@pytest.fixture(autouse=True)
def short_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing, "PER_PAGE", 2)  # several pages of a list from a few stories


def _plain_stories(someone: models.Person) -> list[models.Article]:
    """The person's live stories newest first, found from the articles (not their bylines' kept columns)."""
    return sorted(
        models.Article.objects.stories()
        .filter(bylines__person=someone)
        .distinct()
        .select_related("page__issue"),
        key=lambda a: (-a.page.issue.date.toordinal(), a.pk),
    )


def _walk(client: Client, url: str, link: str) -> list[int]:
    """The article ids the pages list, newest first, following `link` ("older" or "newer") from `url` to the
    end of the list."""
    pages = []
    while url:
        cache.clear()
        response = client.get(url)
        assert response.status_code == 200
        pages.append([item.article.pk for item in response.context["items"]])
        step = getattr(response.context["page"], link)
        url = f"{url.split('?')[0]}{step}" if step else ""
    return [pk for page in (pages if link == "older" else reversed(pages)) for pk in page]


def _reporter_pages_agree(client: Client) -> None:
    """Every reporter's page, all its pages both ways, its chart, co-authors and regions, as the articles say;
    and no byline's kept date or story mark differs from its article's."""
    for byline in models.Byline.objects.select_related("article__page__issue"):
        story = byline.article.merged_into_id is None and byline.article.continues_id is None
        assert (byline.issue_date, byline.story) == (byline.article.page.issue.date, story), byline.pk
    for someone in models.Person.objects.filter(merged_into__isnull=True):
        stories = _plain_stories(someone)
        ids = [a.pk for a in stories]
        url = reverse("articles:reporter", args=[someone.pk])
        assert _walk(client, url, "older") == ids, someone.name
        assert _walk(client, url + "?oldest", "newer") == ids, someone.name

        cache.clear()
        context = client.get(url).context
        months = Counter(datetime.date(a.page.issue.date.year, a.page.issue.date.month, 1) for a in stories)
        chart = charts.activity_bars(sorted(months.items()), who=someone.name, chart_id="activity")
        assert str(context["chart"].svg) == str(chart.svg), someone.name

        shared: Counter[str] = Counter()
        regions: Counter[str] = Counter()
        for story in stories:
            shared.update({b.person.name for b in story.bylines.exclude(person=someone)})
            if story.region_id:
                regions[story.region.name] += 1
        assert sorted((p.name, p.shared_count) for p in context["coauthors"]) == sorted(shared.items())
        assert sorted((p.name, p.region_count) for p in context["regions"]) == sorted(regions.items())


def _last_not_undone() -> models.Correction:
    return models.Correction.objects.filter(undone_by__isnull=True, undo_of__isnull=True).latest("pk")


def test_after_ingest_each_reporter_page_lists_charts_and_credits_what_the_articles_say(
    client: Client, editor: Any
) -> None:
    seed_ingest(DATES)
    jump_sample_ingest((1, 2))  # a story over two pages: its continuation is no story of its own
    continuation = models.Article.objects.filter(continues__isnull=False).first()
    editing.byline_add(article=continuation, name="崔东凯", role="reporter", editor=editor)
    _reporter_pages_agree(client)


def test_a_reporter_credited_twice_on_a_story_lists_it_once(client: Client, editor: Any) -> None:
    seed_ingest(DATES)
    editing.byline_add(article=article(BEIJING_STORY), name="黄洁", role="photographer", editor=editor)
    url = reverse("articles:reporter", args=[person("黄洁").pk])
    assert len(_walk(client, url, "older")) == 3
    _reporter_pages_agree(client)


def test_a_forced_re_ingest_lists_the_new_version_of_the_page(client: Client, editor: Any) -> None:
    seed_ingest(DATES)
    editing.byline_remove(
        byline=article(HEILONGJIANG_STORY).bylines.get(person=person("张冲")), editor=editor
    )
    seed_reingest_changed()
    assert len(_plain_stories(person("张冲"))) == 3
    _reporter_pages_agree(client)


def test_bylines_added_removed_moved_to_another_spelling_and_undone(client: Client, editor: Any) -> None:
    seed_ingest(DATES)
    other = models.Person.objects.create(name="张翀")
    editing.byline_add(article=article(HEILONGJIANG_STORY), name="张翀", role="reporter", editor=editor)
    editing.byline_add(article=article(BEIJING_STORY, DATES[0]), name="张翀", role="reporter", editor=editor)
    _reporter_pages_agree(client)
    editing.byline_remove(byline=article(BEIJING_STORY).bylines.get(person=person("黄洁")), editor=editor)
    _reporter_pages_agree(client)
    editing.people_merge(keep=person("张冲"), merge=other, editor=editor)
    _reporter_pages_agree(client)
    for _ in range(4):
        editing.correction_undo(correction=_last_not_undone(), editor=editor)
        _reporter_pages_agree(client)


def test_stories_merged_linked_as_continuations_and_undone_leave_and_rejoin_the_lists(
    client: Client, editor: Any
) -> None:
    seed_ingest(DATES)
    live = list(models.Article.objects.live().filter(page__issue__date=SEED_DATE).order_by("position"))
    editing.articles_merge(articles=live[:3], editor=editor)
    _reporter_pages_agree(client)
    editing.correction_undo(correction=models.Correction.objects.latest("pk"), editor=editor)
    _reporter_pages_agree(client)
    (beginning,) = stories_store(("别版的开头", "这篇稿件从本版开始，转到第二版。"), date=SEED_DATE, number=5)
    editing.parts_link(fragment=article(BEIJING_STORY), beginning=beginning, editor=editor)
    assert article(BEIJING_STORY).continues_id is not None
    _reporter_pages_agree(client)
    editing.parts_unlink(fragment=article(BEIJING_STORY), editor=editor)
    _reporter_pages_agree(client)


def test_a_page_moved_to_another_issue_and_an_issue_dated_anew_move_its_stories(client: Client) -> None:
    seed_ingest(DATES)
    page = models.Page.objects.get(issue__date=DATES[0])
    later = models.Issue.objects.create(newspaper=page.issue.newspaper, date=datetime.date(2025, 3, 1))
    page.issue = later
    page.save()
    _reporter_pages_agree(client)
    issue = models.Issue.objects.get(date=DATES[1])
    issue.date = datetime.date(2023, 5, 4)
    issue.save()
    _reporter_pages_agree(client)
    url = reverse("articles:reporter", args=[person("黄洁").pk])
    cache.clear()
    assert [item.article.page.issue.date for item in client.get(url).context["items"]] == [
        datetime.date(2025, 3, 1),
        SEED_DATE,
    ]
