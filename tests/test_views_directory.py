"""The directory pages: reporters by pinyin initial, a reporter's articles, regions and their places."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import charts, listing, models, pagecache
from articles.counts import counts_recount
from articles.names import by_initial, name_initial
from tests.seeding import SEED_DATE, article, person, place, seed_ingest

SVG = "{http://www.w3.org/2000/svg}"
# Three months with articles and one between them without.
DATES = (datetime.date(2024, 10, 15), datetime.date(2024, 12, 24), SEED_DATE)
BEIJING_STORY = "以高水平法治保障首都高质量发展"
SHENYANG_FEATURE = "柔性执法信用修复助力企业健康发展"
HEILONGJIANG_STORY = "不断提升执法司法质效和公信力"
WAGES_STORY = "“三所联动”跨省讨薪"


@pytest.fixture
def seeded(db: None) -> None:
    seed_ingest()


@pytest.fixture
def seeded_dates(db: None) -> None:
    seed_ingest(DATES)


def _group(response, letter: str) -> dict[str, int]:
    groups = {group.letter: group for group in response.context["groups"]}
    return {p.name: p.article_count for p in groups[letter].items}


# -- Names --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "initial"),
    [
        ("丁国锋", "D"),
        ("张冲", "Z"),
        ("单雄信", "S"),  # Shàn, not Dān
        ("曾国藩", "Z"),  # Zēng, not Céng
        ("解缙", "X"),  # Xiè, not Jiě
        ("区志", "O"),  # Ōu, not Qū
        ("仇英", "Q"),  # Qiú, not Chóu
        ("朴槿惠", "P"),  # Piáo
        ("单于恒", "C"),  # the compound surname Chányú
        ("Smith", "S"),
        ("1号", "#"),
        ("·", "#"),
        ("", "#"),
    ],
)
def test_name_is_filed_under_its_surnames_pinyin_initial(name: str, initial: str) -> None:
    assert name_initial(name) == initial


def test_names_are_grouped_a_to_z_with_other_names_last() -> None:
    groups = by_initial(["张冲", "1号", "曾国藩", "丁国锋", "张国强"], name=str)
    assert [(g.letter, g.items) for g in groups] == [
        ("D", ["丁国锋"]),
        ("Z", ["曾国藩", "张冲", "张国强"]),
        ("#", ["1号"]),
    ]


# -- Reporters ----------------------------------------------------------------------------------------


def test_reporters_index_groups_people_by_initial_with_counts(client: Client, seeded_dates: None) -> None:
    response = client.get(reverse("articles:reporters"))
    assert response.status_code == 200
    assert _group(response, "D") == {"丁国锋": 3}
    assert _group(response, "Z") == {"张冲": 3, "张国强": 3, "周宵鹏": 3}
    assert _group(response, "H")["胡啸宇"] == 3
    html = response.content.decode()
    assert 'id="letter-D"' in html
    assert 'href="#letter-D"' in html
    assert f'href="{reverse("articles:reporter", args=[person("丁国锋").pk])}"' in html


def test_reporters_index_counts_only_live_articles(client: Client, seeded: None) -> None:
    beijing = article(BEIJING_STORY)
    beijing.merged_into = article(SHENYANG_FEATURE)
    beijing.save(update_fields=["merged_into"])
    counts_recount()  # the row written by hand, as no service writes it: the kept counts set right
    response = client.get(reverse("articles:reporters"))
    assert "黄洁" not in _group(response, "H")


def test_reporters_index_without_reporters_is_a_friendly_page(client: Client, db: None) -> None:
    response = client.get(reverse("articles:reporters"))
    assert response.status_code == 200
    assert "还没有署名的稿件" in response.content.decode()


def test_reporter_page_lists_their_story_and_region(client: Client, seeded: None) -> None:
    response = client.get(reverse("articles:reporter", args=[person("黄洁").pk]))
    assert response.status_code == 200
    assert [item.headline for item in response.context["items"]] == [BEIJING_STORY]
    assert [(p.name, p.article_count) for p in response.context["regions"]] == [("北京市", 1)]
    html = response.content.decode()
    assert BEIJING_STORY in html
    assert f'href="{reverse("articles:region", args=[place("北京市").pk])}"' in html
    assert f'href="/articles/{article(BEIJING_STORY).pk}/"' in html


@pytest.mark.parametrize(("name", "role"), [("黄洁", "记者"), ("李长生", "通讯员"), ("胡啸宇", "摄影")])
def test_reporter_page_shows_their_role_on_each_article(
    client: Client, seeded: None, name: str, role: str
) -> None:
    response = client.get(reverse("articles:reporter", args=[person(name).pk]))
    assert [item.roles for item in response.context["items"]] == [(role,)]


def test_reporter_page_lists_coauthors_with_shared_counts(client: Client, seeded_dates: None) -> None:
    response = client.get(reverse("articles:reporter", args=[person("崔东凯").pk]))
    assert [(p.name, p.shared_count) for p in response.context["coauthors"]] == [("张冲", 3)]
    assert f'href="{reverse("articles:reporter", args=[person("张冲").pk])}"' in response.content.decode()


def test_reporter_without_coauthors_has_none(client: Client, seeded: None) -> None:
    response = client.get(reverse("articles:reporter", args=[person("丁国锋").pk]))
    assert list(response.context["coauthors"]) == []


def _walk(client: Client, url: str, link: str) -> list[list[int]]:
    """The article ids of each page, following the `link` ("older" or "newer") from `url` to the end."""
    pages = []
    while url:
        cache.clear()  # the context of a page rendered afresh, not a copy from the page cache
        response = client.get(url)
        assert response.status_code == 200
        pages.append([item.article.pk for item in response.context["items"]])
        step = getattr(response.context["page"], link)
        url = f"{url.split('?')[0]}{step}" if step else ""
    return pages


@pytest.mark.parametrize("per_page", [1, 2, 5])
def test_a_long_list_is_read_page_by_page_newest_first_each_story_once(
    client: Client, seeded_dates: None, monkeypatch: pytest.MonkeyPatch, per_page: int
) -> None:
    monkeypatch.setattr(listing, "PER_PAGE", per_page)
    url = reverse("articles:region", args=[place("北京市").pk])
    everything = list(
        models.Article.objects.stories()
        .about_place(place("北京市"))
        .newest_first()
        .values_list("pk", flat=True)
    )

    pages = _walk(client, url, "older")

    assert [pk for page in pages for pk in page] == everything
    assert all(len(page) == per_page for page in pages[:-1])
    # and back again from the oldest page, by 较新: the same stories in the same order
    back = _walk(client, url + "?oldest", "newer")
    assert [pk for page in reversed(back) for pk in page] == everything


def test_reporter_articles_are_newest_first_with_links_older_and_to_the_oldest(
    client: Client, seeded_dates: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listing, "PER_PAGE", 2)
    url = reverse("articles:reporter", args=[person("黄洁").pk])
    first = client.get(url)
    html = first.content.decode()
    dates = [i.article.page.issue.date for page in _walk(client, url, "older") for i in []] or [
        models.Article.objects.get(pk=pk).page.issue.date
        for page in _walk(client, url, "older")
        for pk in page
    ]

    assert dates == sorted(DATES, reverse=True)
    assert f'href="{first.context["page"].older}" rel="next">较早' in html.replace("&amp;", "&")
    assert 'href="?oldest" rel="last">最早' in html
    assert "署名稿件 3 篇" in html


@pytest.mark.parametrize(
    "asked",
    [
        {"page": "2"},
        {"before": "abc"},
        {"after": "2025-13-01.5"},
        {"before": "2025-01-24.99999999999999999999"},
    ],
)
def test_an_old_numbered_page_or_a_made_up_edge_leads_to_the_lists_first_page(
    client: Client, seeded_dates: None, asked: dict[str, str]
) -> None:
    url = reverse("articles:reporter", args=[person("黄洁").pk])

    response = client.get(url, asked)

    assert response.status_code == 302 and response["Location"] == url


def test_an_edge_past_the_end_shows_an_empty_list_not_an_error(client: Client, seeded_dates: None) -> None:
    response = client.get(reverse("articles:reporter", args=[person("黄洁").pk]), {"before": "1900-01-01.1"})

    assert response.status_code == 200 and response.context["items"] == []


def test_activity_chart_is_svg_with_one_bar_per_month_with_articles(
    client: Client, seeded_dates: None
) -> None:
    response = client.get(reverse("articles:reporter", args=[person("丁国锋").pk]))
    assert response.context["chart"].per == "月"
    assert "每月发稿数（按报纸出版日期）" in response.content.decode()
    svg = ET.fromstring(str(response.context["chart"].svg))
    assert svg.tag == f"{SVG}svg"
    assert svg.find(f"{SVG}title").text == "丁国锋每月发稿数"
    assert "2024年10月至2025年1月" in svg.find(f"{SVG}desc").text
    bars = [rect for rect in svg.iter(f"{SVG}rect") if rect.get("class") == "bar"]
    assert [bar.find(f"{SVG}title").text for bar in bars] == [
        "2024年10月：1 篇",
        "2024年12月：1 篇",
        "2025年1月：1 篇",
    ]


def test_activity_chart_escapes_its_texts() -> None:
    who = '<script>alert("x")</script> & 丁'
    chart = charts.activity_bars([(datetime.date(2025, 1, 1), 2)], who=who, chart_id="c")
    assert ET.fromstring(str(chart.svg)).find(f"{SVG}title").text == who + "每月发稿数"


def test_activity_chart_is_empty_without_articles() -> None:
    chart = charts.activity_bars([], who="无", chart_id="c")
    assert chart.svg == "" and not chart


def test_activity_over_more_than_ten_years_is_a_bar_a_year() -> None:
    # 2010 to 2021: 144 months would be bars a few pixels wide; twelve years read at a glance.
    rows = [(datetime.date(2010, 1, 1), 2), (datetime.date(2015, 6, 1), 1), (datetime.date(2021, 3, 1), 3)]
    chart = charts.activity_bars(rows, who="丁国锋", chart_id="c")
    assert chart.per == "年"
    svg = ET.fromstring(str(chart.svg))
    assert svg.find(f"{SVG}title").text == "丁国锋每年发稿数"
    assert svg.find(f"{SVG}desc").text.startswith("2010年至2021年，共 6 篇；2010年 2 篇")
    bars = [rect for rect in svg.iter(f"{SVG}rect") if rect.get("class") == "bar"]
    assert [bar.find(f"{SVG}title").text for bar in bars] == ["2010年：2 篇", "2015年：1 篇", "2021年：3 篇"]
    years = [t.text for t in svg.iter(f"{SVG}text") if t.text.endswith("年")]
    assert years == [f"{y}年" for y in range(2010, 2022)]


def test_activity_over_ten_years_or_less_is_a_bar_a_month() -> None:
    rows = [(datetime.date(2011, 1, 1), 2), (datetime.date(2020, 12, 1), 1)]  # 120 months
    assert charts.activity_bars(rows, who="丁国锋", chart_id="c").per == "月"


def test_reporter_with_only_merged_articles_has_a_friendly_page(client: Client, seeded: None) -> None:
    beijing = article(BEIJING_STORY)
    beijing.merged_into = article(SHENYANG_FEATURE)
    beijing.save(update_fields=["merged_into"])
    response = client.get(reverse("articles:reporter", args=[person("黄洁").pk]))
    assert response.status_code == 200
    assert "暂无稿件" in response.content.decode()


# -- Regions ------------------------------------------------------------------------------------------


def test_regions_index_lists_all_provinces_with_counts(client: Client, seeded: None) -> None:
    response = client.get(reverse("articles:regions"))
    assert response.status_code == 200
    counts = {p.name: p.count for p in response.context["provinces"]}
    assert len(counts) == 34
    assert counts["辽宁省"] == 1
    assert counts["西藏自治区"] == 0
    html = response.content.decode()
    assert f'href="{reverse("articles:region", args=[place("辽宁省").pk])}"' in html
    ET.fromstring(str(response.context["tile_map"]))  # well-formed


def test_regions_index_without_articles_is_a_friendly_page(client: Client, db: None) -> None:
    response = client.get(reverse("articles:regions"))
    assert response.status_code == 200
    assert "还没有标出地区的稿件" in response.content.decode()


def test_tile_map_links_provinces_with_a_page_only() -> None:
    tiles = [
        charts.Tile(code="210000", name="辽宁省", count=3, url="/regions/5/"),
        charts.Tile(code="540000", name="西藏自治区", count=0, url=None),
    ]
    svg = ET.fromstring(str(charts.province_tile_map(tiles, title="地图", chart_id="m")))
    links = list(svg.iter(f"{SVG}a"))
    assert [(a.get("href"), a.find(f"{SVG}title").text) for a in links] == [("/regions/5/", "辽宁省：3 篇")]


def test_province_page_lists_its_cities_and_articles(client: Client, seeded: None) -> None:
    response = client.get(reverse("articles:region", args=[place("辽宁省").pk]))
    assert response.status_code == 200
    assert [(p.name, p.article_count) for p in response.context["children"]] == [("沈阳市", 1)]
    assert [item.headline for item in response.context["items"]] == [SHENYANG_FEATURE]
    assert f'href="{reverse("articles:region", args=[place("沈阳市").pk])}"' in response.content.decode()


def test_city_page_lists_its_articles_and_counties(client: Client, seeded: None) -> None:
    response = client.get(reverse("articles:region", args=[place("嘉兴市").pk]))
    assert [p.name for p in response.context["children"]] == ["嘉善县", "平湖市"]  # by count, then code
    assert [item.headline for item in response.context["items"]] == [WAGES_STORY]
    assert [p.name for p in response.context["ancestors"]] == ["浙江省"]


def test_city_counts_an_article_naming_it_and_its_county_once(client: Client, seeded: None) -> None:
    response = client.get(reverse("articles:region", args=[place("广东省").pk]))
    assert sorted((p.name, p.article_count) for p in response.context["children"]) == [
        ("江门市", 1),  # through 开平市
        ("珠海市", 1),
    ]


def test_municipality_page_lists_its_districts(client: Client, seeded: None) -> None:
    response = client.get(reverse("articles:region", args=[place("上海市").pk]))
    assert [p.name for p in response.context["children"]] == ["金山区"]
    assert [item.headline for item in response.context["items"]] == [WAGES_STORY]


def test_county_page_lists_the_articles_naming_it(client: Client, seeded: None) -> None:
    response = client.get(reverse("articles:region", args=[place("平湖市").pk]))
    assert [item.headline for item in response.context["items"]] == [WAGES_STORY]
    assert [p.name for p in response.context["ancestors"]] == ["浙江省", "嘉兴市"]


def _feed_link(title: str, href: str) -> str:
    return f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">'


def test_reporter_page_advertises_its_feed(client: Client, seeded: None) -> None:
    pk = person("黄洁").pk
    html = client.get(reverse("articles:reporter", args=[pk])).content.decode()
    assert _feed_link("黄洁的稿件", reverse("articles:reporter_feed", args=[pk])) in html


def test_region_page_advertises_its_feed(client: Client, seeded: None) -> None:
    pk = place("辽宁省").pk
    html = client.get(reverse("articles:region", args=[pk])).content.decode()
    assert _feed_link("辽宁省的稿件", reverse("articles:region_feed", args=[pk])) in html


# -- Bad parameters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/reporters/999999/",
        "/reporters/abc/",
        "/reporters/-1/",
        "/reporters/99999999999999999999999/",
        "/regions/999999/",
        "/regions/abc/",
        "/regions/99999999999999999999999/",
        "/reporters/999999/feed/",
        "/regions/999999/feed/",
        "/reporters/abc/feed/",
    ],
)
def test_unknown_or_malformed_ids_are_404(client: Client, seeded: None, url: str) -> None:
    assert client.get(url).status_code == 404


# -- Bounded queries ----------------------------------------------------------------------------------


def _urls() -> dict[str, str]:
    return {
        "reporters": reverse("articles:reporters"),
        "reporter": reverse("articles:reporter", args=[person("张国强").pk]),
        "regions": reverse("articles:regions"),
        "province": reverse("articles:region", args=[place("浙江省").pk]),
        "city": reverse("articles:region", args=[place("嘉兴市").pk]),
        "feed": reverse("articles:feed"),
        "reporter_feed": reverse("articles:reporter_feed", args=[person("张国强").pk]),
        "region_feed": reverse("articles:region_feed", args=[place("辽宁省").pk]),
        "sitemap": reverse("articles:sitemap"),
        "sitemap_articles": reverse("articles:sitemap_section", args=["articles"]),
        "sitemap_reporters": reverse("articles:sitemap_section", args=["reporters"]),
    }


def _query_counts(client: Client) -> dict[str, int]:
    counts = {}
    for name, url in _urls().items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[name] = len(queries)
    return counts


def test_pages_run_as_many_queries_for_many_issues_as_for_one(
    client: Client, seeded: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every page reads the archive's version afresh: counts must not depend on how fast the last page was.
    monkeypatch.setattr(pagecache, "VERSION_SECONDS", 0.0)
    one = _query_counts(client)
    seed_ingest([datetime.date(2024, month, 1) for month in range(1, 12)])
    assert _query_counts(client) == one


@pytest.mark.parametrize(
    ("name", "most"),
    [
        # the cached pages (articles/pagecache.py; the feeds and the sitemap too) also read the archive's
        # version: one query more
        ("reporters", 2),
        ("reporter", 8),
        ("regions", 4),  # the provinces, their counts, the cities under them
        ("province", 5),
        ("city", 5),
        ("feed", 4),  # and the newest issue dates (articles/feeds.py)
        ("reporter_feed", 5),
        ("region_feed", 5),
        ("sitemap", 11),  # each section: its table's lowest and highest id, and the newest ingest
        ("sitemap_articles", 3),
    ],
)
def test_pages_run_a_bounded_number_of_queries(
    client: Client, seeded_dates: None, django_assert_max_num_queries, name: str, most: int
) -> None:
    url = _urls()[name]
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200
