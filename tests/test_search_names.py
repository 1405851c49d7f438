"""The search form's reporter and region filters pick from the archive (issue 15): /search/names.json offers
the names as one types, places of one name in two provinces told apart; a name the archive does not hold,
or holds twice, gets the names it may mean and the search is still run without it; picking a city filters
to the stories naming it."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from articles import search
from articles.search import names
from tests.seeding import SEED_DATE, articles_store, story

pytestmark = pytest.mark.django_db

NAMES = "/search/names.json"


def _store(*stories: dict[str, Any], date: datetime.date = SEED_DATE, number: int = 5) -> None:
    """Made-up stories, each {title, body, reporters, region, places}, stored as one page."""
    articles_store(
        tuple(story(n, **fields) for n, fields in enumerate(stories, start=1)), date=date, number=number
    )


@pytest.fixture
def archive() -> None:
    _store(
        {"title": "王闽的信用报道", "body": "信用修复。", "reporters": ("王闽",)},
        {"title": "王闽再谈信用", "body": "信用体系。", "reporters": ("王闽", "周宏")},
        {"title": "信用惩戒", "body": "信用惩戒机制。", "reporters": ("王比学",)},
        {"title": "小王说信用", "body": "信用记录。", "reporters": ("蒋小王",)},
        {"title": "北京朝阳信用", "body": "信用。", "region": "北京市", "places": ("朝阳区",)},
        {"title": "长春朝阳信用", "body": "信用。", "region": "吉林省", "places": ("朝阳区",)},
        {"title": "南京信用", "body": "信用。", "region": "江苏省", "places": ("南京市",)},
        {"title": "玄武信用", "body": "信用。", "region": "江苏省", "places": ("玄武区",)},
        {"title": "苏州信用", "body": "信用。", "region": "江苏省", "places": ("苏州市",)},
    )


def _names(client: Client, **params: str) -> list[tuple[str, int]]:
    response = client.get(NAMES, params)
    assert response.status_code == 200, response.content
    return [(name["value"], name["count"]) for name in response.json()["names"]]


def _titles(client: Client, **params: str) -> list[str]:
    cache.clear()  # rendered afresh, not from the page cache: its context is there to read
    return sorted(hit.article.title for hit in client.get("/search/", params).context["results"].hits)


def _page(client: Client, **params: str) -> str:
    return client.get("/search/", params).content.decode()


# -- /search/names.json ------------------------------------------------------------------------------


def test_reporters_beginning_with_the_text_come_first_most_stories_first_then_those_holding_it(
    client: Client, archive: None
) -> None:
    assert _names(client, kind="reporter", q="王") == [("王闽", 2), ("王比学", 1), ("蒋小王", 1)]
    assert _names(client, kind="reporter", q="闽") == [("王闽", 2)]
    assert _names(client, kind="reporter", q=" 王 闽 ") == [("王闽", 2)]  # spaces are no part of a name


def test_places_of_one_name_in_two_provinces_are_told_apart(client: Client, archive: None) -> None:
    assert _names(client, kind="region", q="朝阳") == [("朝阳区（北京市）", 1), ("朝阳区（长春市）", 1)]
    # A place picked from the list is typed in whole: the list still offers it.
    assert _names(client, kind="region", q="朝阳区（长春市）") == [
        ("朝阳区（北京市）", 1),
        ("朝阳区（长春市）", 1),
    ]


def test_places_beginning_with_the_text_come_first_provinces_before_cities(
    client: Client, archive: None
) -> None:
    assert _names(client, kind="region", q="江苏") == [("江苏省", 3)]
    assert [label for label, _ in _names(client, kind="region", q="京")] == ["北京市", "南京市（江苏省）"]


def test_names_endpoint_meets_bad_input_with_an_empty_list_or_a_400(client: Client, archive: None) -> None:
    assert _names(client, kind="reporter", q="") == []
    assert _names(client, kind="reporter") == []
    for odd in ["%", "_", "\\", "'; DROP TABLE x; --", "😀", "\x01", "王\u200b", "\ufffd", "<script>"]:
        assert _names(client, kind="reporter", q=odd) == [], odd  # % and _ match only themselves
    assert _names(client, kind="region", q="9" * 50) == []
    for params in [{"kind": "nobody", "q": "王"}, {"q": "王"}, {"kind": "reporter", "q": "王" * 1000}]:
        response = client.get(NAMES, params)
        assert response.status_code == 400
        assert response.json()["error"]
    assert client.post(NAMES, {"kind": "reporter", "q": "王"}).status_code == 405


def test_names_endpoint_says_what_it_holds_in_readable_json(client: Client, archive: None) -> None:
    response = client.get(NAMES, {"kind": "reporter", "q": "王闽"})
    assert response["Content-Type"] == "application/json"
    assert "王闽" in response.content.decode()  # not \\u738b
    assert json.loads(response.content) == {"names": [{"value": "王闽", "count": 2}]}
    assert "max-age=60" in response["Cache-Control"]


# -- The search page's filters ---------------------------------------------------------------------


def test_a_reporter_picked_from_the_list_filters_the_results(client: Client, archive: None) -> None:
    assert _titles(client, q="信用", reporter="王闽") == ["王闽再谈信用", "王闽的信用报道"]


def test_a_partial_reporter_name_runs_the_search_unfiltered_and_offers_the_names_it_may_mean(
    client: Client, archive: None
) -> None:
    assert len(_titles(client, q="信用", reporter="王")) == 9
    page = _page(client, q="信用", reporter="王")
    assert "没有名叫「王」的记者，已忽略这个条件；要找的是不是：" in page
    assert 'href="?q=%E4%BF%A1%E7%94%A8&amp;reporter=%E7%8E%8B%E9%97%BD">王闽</a>' in page  # reporter=王闽
    assert page.index(">王闽</a>") < page.index(">王比学</a>") < page.index(">蒋小王</a>")


def test_an_unknown_reporter_says_so_and_runs_the_search_unfiltered(client: Client, archive: None) -> None:
    assert len(_titles(client, q="信用", reporter="李四")) == 9
    assert "没有名叫「李四」的记者，已忽略这个条件。" in _page(client, q="信用", reporter="李四")


def test_a_place_named_in_two_provinces_asks_which_and_each_choice_filters_to_it(
    client: Client, archive: None
) -> None:
    page = _page(client, q="信用", region="朝阳区")
    assert "叫「朝阳区」的地区不止一处，已忽略这个条件；请选一处：" in page
    assert ">朝阳区（北京市）</a>" in page and ">朝阳区（长春市）</a>" in page
    assert len(_titles(client, q="信用", region="朝阳区")) == 9
    assert _titles(client, q="信用", region="朝阳区（长春市）") == ["长春朝阳信用"]
    assert _titles(client, q="信用", region="朝阳区（北京市）") == ["北京朝阳信用"]
    assert 'name="region" value="朝阳区（北京市）"' in _page(client, q="信用", region="110105")


def test_picking_a_city_filters_to_the_stories_naming_it_or_its_counties(
    client: Client, archive: None
) -> None:
    assert _titles(client, q="信用", region="南京市（江苏省）") == ["南京信用", "玄武信用"]
    assert _titles(client, q="信用", region="南京") == ["南京信用", "玄武信用"]  # without its suffix
    assert _titles(client, region="南京市") == ["南京信用", "玄武信用"]  # no words: the city's stories
    assert _titles(client, q="信用", region="江苏省") == ["南京信用", "玄武信用", "苏州信用"]  # a province


def test_a_city_and_a_reporter_together_keep_only_stories_with_both(client: Client, archive: None) -> None:
    _store({"title": "王闽在南京", "body": "信用。", "reporters": ("王闽",), "places": ("南京市",)}, number=6)
    assert _titles(client, q="信用", region="南京市", reporter="王闽") == ["王闽在南京"]


def test_an_unknown_place_says_so_offering_places_holding_the_text(client: Client, archive: None) -> None:
    page = _page(client, q="信用", region="火星")
    assert "没有叫「火星」的地区，已忽略这个条件。" in page
    page = _page(client, q="信用", region="苏")
    assert "没有叫「苏」的地区，已忽略这个条件；要找的是不是：" in page
    assert ">江苏省</a>" in page and ">苏州市（江苏省）</a>" in page


@pytest.mark.parametrize("name", ["region", "reporter"])
def test_odd_names_get_a_page_with_the_search_run(client: Client, archive: None, name: str) -> None:
    for value in [
        "%",
        "_",
        "（",
        "（）",
        "(北京市)",
        "朝阳区（",
        "'; DROP TABLE x; --",
        "😀",
        "9" * 400,
        "\x01",
    ]:
        response = client.get("/search/", {"q": "信用", name: value})
        assert response.status_code == 200, value
        assert len(response.context["results"].hits) == 9, value


def test_region_resolve_reads_the_forms_it_may_come_in(archive: None) -> None:
    def found(text: str) -> str | None:
        place = names.region_resolve(text).found
        return place.code if place else None

    assert found("朝阳区（长春市）") == found("朝阳区(长春市)") == found("220104") == "220104"
    assert found("北京") == found("北京市") == "110000"
    assert found("北京市朝阳区") == "110105" and found("江苏省南京市") == "320100"
    assert found("朝阳区") is None and found("朝阳") is None and found("") is None


def test_service_filters_by_a_city(archive: None) -> None:
    nanjing = names.region_resolve("南京市").found
    results = search.article_search(query="信用", filters=search.SearchFilters(region=nanjing))
    assert sorted(hit.article.title for hit in results.hits) == ["南京信用", "玄武信用"]


@pytest.mark.parametrize("query", ["信用", ""])
def test_a_city_with_more_stories_than_are_read_as_ids_filters_to_the_same(
    archive: None, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    from articles.search import ranking

    _store({"title": "王闽在南京", "body": "信用。", "reporters": ("王闽",), "places": ("南京市",)}, number=6)
    nanjing = names.region_resolve("南京市").found
    wang = search.SearchFilters(region=nanjing, reporter=names.reporter_resolve("王闽").found)

    def titles(filters: search.SearchFilters) -> list[str]:
        return [hit.article.title for hit in search.article_search(query=query, filters=filters).hits]

    as_ids = titles(search.SearchFilters(region=nanjing))
    assert sorted(as_ids) == ["南京信用", "玄武信用", "王闽在南京"]
    assert titles(wang) == ["王闽在南京"]
    monkeypatch.setattr(ranking, "PICK_UP_TO", 0)  # the city's stories left as its links, their ids unread
    assert titles(search.SearchFilters(region=nanjing)) == as_ids
    assert titles(wang) == ["王闽在南京"]
    monkeypatch.setattr(ranking, "RANK_ALL", 1)  # a window of the newest pages: its stories naming the city
    monkeypatch.setattr(ranking, "_estimate", lambda queryset: 2 * ranking.COUNT_UP_TO)
    windowed = search.article_search(query=query, filters=search.SearchFilters(region=nanjing))
    assert {hit.article.title for hit in windowed.hits} <= set(as_ids) and windowed.hits
