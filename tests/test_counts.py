"""The story counts the reporter and region pages show are kept (articles/counts.py), not recounted: after
ingest, a correction, its undo, a merge of people, jump links and a re-ingest, every count shown agrees with
the stories listed, and `counts_check` finds nothing to set right (and finds what a hand-made write broke).
Ingest moves the counts by the difference a page makes, so a walk of random pages stored and replaced is
checked against `counts_check` after every step."""

from __future__ import annotations

import dataclasses
import datetime
import random
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from articles import editing, ingest, models
from articles.counts import counts_recount
from articles.directory import provinces_counted
from articles.reconstruct import values
from tests.seeding import (
    JUMPS,
    SEED_DATE,
    article,
    articles_store,
    jump_sample_ingest,
    person,
    seed_ingest,
    seed_reingest_changed,
    story,
)

pytestmark = pytest.mark.django_db

HEILONGJIANG_STORY = "不断提升执法司法质效和公信力"  # 记者崔东凯 张冲


@pytest.fixture
def editor() -> Any:
    return get_user_model().objects.create_user("editor", password="x", is_staff=True)


def _listed(client: Client, url: str) -> tuple[int, int]:
    """The count a reporter's or region's page states and how many stories it lists (one page of them)."""
    cache.clear()  # the page rendered afresh, not a copy from the page cache
    context = client.get(url).context
    return context["count"], len(context["items"])


def _counts_shown_agree(client: Client) -> None:
    """Every reporter's and place's page states as many stories as it lists, the indexes say the same, and a
    recount of everything differs from no kept count."""
    cache.clear()
    index = {
        p.pk: p.article_count
        for g in client.get(reverse("articles:reporters")).context["groups"]
        for p in g.items
    }
    for someone in models.Person.objects.filter(merged_into__isnull=True):
        count, listed = _listed(client, reverse("articles:reporter", args=[someone.pk]))
        assert count == listed, someone.name
        assert index.get(someone.pk, 0) == count, someone.name
    for province in provinces_counted():
        if province.place_id is not None:
            assert _listed(client, province.url) == (province.count, province.count), province.name
        for city in province.cities:
            assert _listed(client, city.url) == (city.count, city.count), city.name
    for place in models.Place.objects.all():
        count, listed = _listed(client, reverse("articles:region", args=[place.pk]))
        assert count == listed, place.name
    assert counts_recount(fix=False) == []


def _counts_check() -> None:
    """`counts_check --dry-run` finds every kept count equal to a recount (else the test fails with what it
    printed)."""
    out = StringIO()
    try:
        call_command("counts_check", "--dry-run", stdout=out)
    except CommandError as error:
        pytest.fail(f"{error}\n{out.getvalue()}")
    assert "Every kept count equals a recount." in out.getvalue()


def _counts(*names: str) -> tuple[int, ...]:
    kept = dict(models.Person.objects.filter(name__in=names).values_list("name", "article_count"))
    return tuple(kept.get(name, 0) for name in names)


def test_after_ingest_every_count_shown_agrees_with_the_stories_listed(client: Client) -> None:
    seed_ingest([SEED_DATE, SEED_DATE + datetime.timedelta(days=1)])
    assert person("张冲").article_count == 2
    _counts_shown_agree(client)


def test_a_byline_removed_and_its_undo_move_the_reporters_count_both_ways(
    client: Client, editor: Any
) -> None:
    seed_ingest()
    story = article(HEILONGJIANG_STORY)
    zhang = person("张冲")
    url = reverse("articles:reporter", args=[zhang.pk])
    assert _listed(client, url) == (1, 1)

    editing.byline_remove(byline=story.bylines.get(person=zhang), editor=editor)
    assert _listed(client, url) == (0, 0)
    _counts_shown_agree(client)

    editing.correction_undo(correction=models.Correction.objects.latest("pk"), editor=editor)
    assert _listed(client, url) == (1, 1)
    _counts_shown_agree(client)


def test_a_story_merged_into_another_leaves_its_reporters_and_places_counts(
    client: Client, editor: Any
) -> None:
    seed_ingest()
    live = list(models.Article.objects.live().order_by("position"))
    editing.articles_merge(articles=live[:2], editor=editor)
    _counts_shown_agree(client)
    editing.correction_undo(correction=models.Correction.objects.latest("pk"), editor=editor)
    _counts_shown_agree(client)


def test_a_merge_of_two_spellings_counts_the_stories_once_under_the_kept_one(
    client: Client, editor: Any
) -> None:
    seed_ingest([SEED_DATE, SEED_DATE + datetime.timedelta(days=1)])
    kept = person("张冲")
    other = models.Person.objects.create(name="张翀")
    editing.byline_add(article=article(HEILONGJIANG_STORY), name="张翀", role="reporter", editor=editor)
    other.refresh_from_db()
    assert (kept.article_count, other.article_count) == (2, 1)

    editing.people_merge(keep=kept, merge=other, editor=editor)  # both on the first day's story: once
    kept.refresh_from_db()
    assert kept.article_count == 2
    _counts_shown_agree(client)

    editing.correction_undo(correction=models.Correction.objects.latest("pk"), editor=editor)
    other.refresh_from_db()
    assert other.article_count == 1
    _counts_shown_agree(client)


def test_a_continuation_linked_by_ingest_or_by_hand_is_not_a_story_of_its_own(
    client: Client, editor: Any
) -> None:
    jump_sample_ingest((1, 2))
    assert models.Article.objects.filter(continues__isnull=False).exists()
    _counts_shown_agree(client)
    fragment = models.Article.objects.filter(continues__isnull=False).first()
    editing.parts_unlink(fragment=fragment, editor=editor)
    _counts_shown_agree(client)
    editing.correction_undo(correction=models.Correction.objects.latest("pk"), editor=editor)
    _counts_shown_agree(client)


def test_a_forced_re_ingest_counts_the_new_version_of_the_page(client: Client, editor: Any) -> None:
    seed_ingest()
    editing.byline_remove(
        byline=article(HEILONGJIANG_STORY).bylines.get(person=person("张冲")), editor=editor
    )
    assert person("张冲").article_count == 0
    seed_reingest_changed()
    assert person("张冲").article_count == 1  # the new version's byline, the correction left in history
    _counts_shown_agree(client)


def _credited(position: int, *credits: tuple[str, values.BylineRole]) -> values.Article:
    made = story(position, title=f"稿件{position}", body=f"第{position}篇稿件的正文。")
    return dataclasses.replace(made, bylines=tuple(values.Byline(name, role) for name, role in credits))


REPORTER, PHOTOGRAPHER = values.BylineRole.REPORTER, values.BylineRole.PHOTOGRAPHER


def test_a_changed_page_re_ingested_moves_only_the_reporters_it_adds_and_drops(client: Client) -> None:
    articles_store((_credited(1, ("林甲", REPORTER), ("林乙", REPORTER)),), date=SEED_DATE, number=6)
    page = (
        _credited(1, ("林甲", REPORTER), ("林甲", PHOTOGRAPHER), ("林乙", REPORTER)),  # 林甲 once
        _credited(2, ("林乙", REPORTER), ("林丙", REPORTER)),
    )
    articles_store(page, date=SEED_DATE, number=5)
    assert _counts("林甲", "林乙", "林丙", "林丁") == (2, 3, 1, 0)
    _counts_check()

    changed = (  # 林乙 dropped from both stories, 林丁 added; 林丙 moves to the first story
        _credited(1, ("林甲", REPORTER), ("林丁", REPORTER), ("林丙", REPORTER)),
        _credited(2, ("林丁", PHOTOGRAPHER), ("林甲", REPORTER)),
    )
    articles_store(changed, date=SEED_DATE, number=5)
    assert models.PageVersion.objects.count() == 1  # replaced, not stored beside
    assert _counts("林甲", "林乙", "林丙", "林丁") == (3, 1, 1, 2)
    _counts_check()
    _counts_shown_agree(client)


def test_a_jump_linked_when_its_second_page_comes_first_and_relinked_on_re_ingest_counts_once() -> None:
    def jump_page(number: int, extra: bytes = b"") -> None:
        path = JUMPS / f"jump_2025-01-25_0{number}.txt"
        ingest.page_ingest(
            paper="测试日报",
            date=datetime.date(2025, 1, 25),
            number=number,
            data=path.read_bytes() + extra,
            source_name=path.name,
        )

    jump_page(2)
    _counts_check()
    jump_page(1)  # the second page's parts become continuations of the first page's stories
    assert models.Article.objects.filter(continues__isnull=False).exists()
    _counts_check()
    jump_page(
        1, "\n补充的一行文字\n".encode()
    )  # replaced: its stories go, the parts are unlinked, linked again
    assert models.Article.objects.filter(continues__isnull=False).exists()
    _counts_check()
    jump_page(2, "\n补充的一行文字\n".encode())
    _counts_check()


def test_a_part_linked_as_a_continuation_counts_its_reporters_once_and_its_unlink_gives_them_back(
    editor: Any,
) -> None:
    articles_store((_credited(1, ("王甲", REPORTER)),), date=SEED_DATE, number=1)
    articles_store((_credited(1, ("王甲", REPORTER), ("王乙", PHOTOGRAPHER)),), date=SEED_DATE, number=2)
    assert _counts("王甲", "王乙") == (2, 1)
    beginning, part = (models.Article.objects.get(page__number=n) for n in (1, 2))

    editing.parts_link(fragment=part, beginning=beginning, editor=editor)  # one story over two pages
    assert _counts("王甲", "王乙") == (1, 0)
    _counts_check()
    editing.correction_undo(correction=models.Correction.objects.latest("pk"), editor=editor)
    assert _counts("王甲", "王乙") == (2, 1)
    _counts_check()


NAMES = ("周一", "周二", "周三", "周四", "周五")


@pytest.mark.parametrize("seed", range(6))
def test_a_walk_of_random_pages_stored_and_replaced_keeps_every_count_equal_to_a_recount(seed: int) -> None:
    """Pages of random stories (none to three credits each, a name perhaps twice in two roles) stored and
    stored again over each other, on two dates; after each, counts_check finds nothing to set right."""
    rng = random.Random(seed)
    for _ in range(10):
        stories = tuple(
            _credited(
                position,
                *[
                    (rng.choice(NAMES), rng.choice((REPORTER, PHOTOGRAPHER)))
                    for _ in range(rng.randint(0, 3))
                ],
            )
            for position in range(1, rng.randint(2, 4))
        )
        articles_store(
            stories, date=SEED_DATE + datetime.timedelta(days=rng.randint(0, 1)), number=rng.randint(1, 3)
        )
        _counts_check()


def test_counts_check_reports_and_sets_right_a_count_a_hand_made_write_broke(capsys) -> None:
    seed_ingest()
    call_command("counts_check")
    assert "Every kept count equals a recount." in capsys.readouterr().out
    models.Person.objects.filter(name="张冲").update(article_count=7)
    with pytest.raises(CommandError, match="1 kept counts differed"):
        call_command("counts_check", "--dry-run")
    assert "张冲" in capsys.readouterr().out and person("张冲").article_count == 7
    with pytest.raises(CommandError, match="set right"):
        call_command("counts_check")
    assert person("张冲").article_count == 1
    call_command("counts_check")
