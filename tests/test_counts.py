"""The story counts the reporter and region pages show are kept (articles/counts.py), not recounted: after
ingest, a correction, its undo, a merge of people, jump links and a re-ingest, every count shown agrees with
the stories listed, and `counts_check` finds nothing to set right (and finds what a hand-made write broke)."""

from __future__ import annotations

import datetime
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
from tests.seeding import PAPER, SEED, SEED_DATE, article, jump_sample_ingest, person, seed_ingest

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
    ingest.page_ingest(
        paper=PAPER,
        date=SEED_DATE,
        number=2,
        data=SEED.read_bytes() + "\n补充\n".encode(),
        source_name=SEED.name,
        force=True,
    )
    assert person("张冲").article_count == 1  # the new version's byline, the correction left in history
    _counts_shown_agree(client)


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
