"""Two spellings of one reporter merged by an editor (editing.people_merge): the old spelling's address
still leads to the person, the lists show the person once, and undo gives the old spelling its page back.

The seed page in two issues; the engine misreads 张冲 as 张翀 in the first; an editor merges 张翀 into 张冲.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from articles import editing, ingest, models
from articles.counts import counts_recount
from tests.seeding import PAPER, SEED, SEED_DATE, article, person, seed_ingest

HEILONGJIANG_STORY = "不断提升执法司法质效和公信力"  # 记者崔东凯 张冲

pytestmark = pytest.mark.django_db


@pytest.fixture
def misspelt() -> models.Person:
    """The seed page in two issues, 张冲's credit on the first one's Heilongjiang story read as 张翀."""
    seed_ingest([SEED_DATE, SEED_DATE + datetime.timedelta(days=1)])
    wrong = models.Person.objects.create(name="张翀")
    models.Byline.objects.filter(article=article(HEILONGJIANG_STORY), person=person("张冲")).update(
        person=wrong
    )
    counts_recount()  # the misreading written by hand: the kept counts as ingest would have left them
    return wrong


@pytest.fixture
def editor() -> Any:
    return get_user_model().objects.create_user("editor", password="x")


def _reporter_url(someone: models.Person) -> str:
    return reverse("articles:reporter", args=[someone.pk])


def _index_counts(client: Client) -> dict[str, int]:
    """Each name on the reporters' index with its article count (once per state of the archive: a second
    request is served from the page cache, without a context)."""
    groups = client.get(reverse("articles:reporters")).context["groups"]
    return {p.name: p.article_count for group in groups for p in group.items}


def test_the_merged_away_spelling_redirects_for_good_to_the_person_kept(
    client: Client, misspelt: models.Person, editor: Any
) -> None:
    assert HEILONGJIANG_STORY in client.get(_reporter_url(misspelt)).content.decode()
    kept = person("张冲")

    editing.people_merge(keep=kept, merge=misspelt, editor=editor)

    response = client.get(_reporter_url(misspelt), {"page": "2"})
    assert response.status_code == 301
    assert response["Location"] == _reporter_url(kept)  # the old list's page number means nothing there
    assert HEILONGJIANG_STORY in client.get(response["Location"]).content.decode()


def test_the_index_and_the_sitemap_list_the_person_once_under_the_kept_spelling(
    client: Client, misspelt: models.Person, editor: Any
) -> None:
    counts = _index_counts(client)
    assert (counts["张翀"], counts["张冲"]) == (1, 1)
    kept = person("张冲")
    editing.people_merge(keep=kept, merge=misspelt, editor=editor)

    counts = _index_counts(client)
    assert "张翀" not in counts
    assert counts["张冲"] == 2
    sitemap = client.get(reverse("articles:sitemap_section", args=["reporters"])).content.decode()
    assert _reporter_url(kept) in sitemap
    assert _reporter_url(misspelt) not in sitemap


def test_a_credit_left_on_the_merged_away_spelling_does_not_list_it_again(
    client: Client, misspelt: models.Person, editor: Any
) -> None:
    """What a later ingest of a page printing the old spelling does: it credits the row by its name."""
    editing.people_merge(keep=person("张冲"), merge=misspelt, editor=editor)
    models.Byline.objects.create(
        article=article("为谱写现代化建设新篇章提供坚强保障"), person=misspelt, role="reporter", order=9
    )
    assert "张翀" not in _index_counts(client)
    assert client.get(_reporter_url(misspelt)).status_code == 301


def test_undoing_the_merge_gives_the_old_spelling_its_page_back(
    client: Client, misspelt: models.Person, editor: Any
) -> None:
    editing.people_merge(keep=person("张冲"), merge=misspelt, editor=editor)
    assert client.get(_reporter_url(misspelt)).status_code == 301

    editing.correction_undo(correction=models.Correction.objects.get(), editor=editor)

    response = client.get(_reporter_url(misspelt))
    assert response.status_code == 200
    assert HEILONGJIANG_STORY in response.content.decode()
    assert _index_counts(client)["张翀"] == 1


def test_an_unknown_reporter_is_still_not_found(client: Client, misspelt: models.Person) -> None:
    assert client.get(reverse("articles:reporter", args=[misspelt.pk + 1000])).status_code == 404


def test_a_new_page_printing_the_old_spelling_credits_the_person_kept(
    misspelt: models.Person, editor: Any
) -> None:
    kept = person("张冲")
    editing.people_merge(keep=kept, merge=misspelt, editor=editor)
    page = (SEED.read_text(encoding="utf-8").replace("张冲", "张翀")).encode()
    ingest.page_ingest(
        paper=PAPER, date=SEED_DATE + datetime.timedelta(days=7), number=2, data=page, source_name="x.txt"
    )
    story = models.Article.objects.get(
        page__issue__date=SEED_DATE + datetime.timedelta(days=7), title=HEILONGJIANG_STORY
    )
    assert list(story.bylines.values_list("person__name", flat=True)) == ["崔东凯", "张冲"]


def test_searching_and_following_the_feed_of_the_old_spelling_reach_the_person_kept(
    client: Client, misspelt: models.Person, editor: Any
) -> None:
    editing.people_merge(keep=person("张冲"), merge=misspelt, editor=editor)
    html = client.get(reverse("articles:search"), {"q": "政法", "reporter": "张翀"}).content.decode()
    assert "没有名叫" not in html and HEILONGJIANG_STORY in html
    feed = client.get(reverse("articles:reporter_feed", args=[misspelt.pk]))
    assert feed.status_code == 200 and HEILONGJIANG_STORY in feed.content.decode()
