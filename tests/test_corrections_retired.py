"""Every address a correction retires leads to where its text went, computed from the correction record."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from articles import editing, models
from tests.test_editing import seed_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor() -> Any:
    return get_user_model().objects.create_user("editor", password="x")


def _split(page: models.Page, editor: Any) -> tuple[models.Article, models.Article, models.Correction]:
    feature = page.articles.get(position=5)
    new = editing.article_split(
        article=feature, at_paragraph=feature.paragraphs.get(position=4), editor=editor
    )
    return feature, new, models.Correction.objects.get(action="article_split")


def test_the_address_of_an_undone_splits_second_part_redirects_to_the_article_holding_its_text(
    editor: Any, client: Client
) -> None:
    feature, new, split = _split(seed_page(), editor)
    editing.correction_undo(correction=split, editor=editor)

    response = client.get(f"/articles/{new.pk}/", {"q": "执法"})
    assert response.status_code == 302  # not for good: undoing the undo brings the address back
    assert response["Location"] == f"/articles/{feature.pk}/?q=%E6%89%A7%E6%B3%95"
    assert client.get(f"/articles/{new.pk}.json")["Location"] == f"/articles/{feature.pk}.json"


def test_the_address_comes_back_when_the_undo_is_undone(editor: Any, client: Client) -> None:
    _, new, split = _split(seed_page(), editor)
    undo = editing.correction_undo(correction=split, editor=editor)
    redo = editing.correction_undo(correction=undo, editor=editor)
    assert client.get(f"/articles/{new.pk}/").status_code == 200
    assert editing.correction_words(redo).sentence.startswith(
        "恢复：拆分《柔性执法信用修复助力企业健康发展》"
    )


def test_a_retired_address_whose_text_was_merged_since_redirects_to_where_it_is_now(
    editor: Any, client: Client
) -> None:
    page = seed_page()
    feature, new, split = _split(page, editor)
    editing.correction_undo(correction=split, editor=editor)
    editing.articles_merge(articles=[page.articles.get(position=4), feature], editor=editor)

    response = client.get(f"/articles/{new.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/articles/{page.articles.get(position=4).pk}/"


def test_an_address_no_correction_knows_is_still_a_404(client: Client) -> None:
    seed_page()
    assert client.get("/articles/999999/").status_code == 404
    assert client.get("/articles/999999.json").status_code == 404


def test_a_merged_away_storys_address_redirects_to_the_story_it_joined(editor: Any, client: Client) -> None:
    page = seed_page()
    first, second = page.articles.order_by("position")[:2]
    editing.articles_merge(articles=[first, second], editor=editor)
    response = client.get(f"/articles/{second.pk}/")
    assert (response.status_code, response["Location"]) == (301, f"/articles/{first.pk}/")
