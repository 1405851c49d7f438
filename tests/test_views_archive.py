"""Ways through the archive (a paper's page, /archive/, 上一期 / 下一期, 上一版 / 下一版), one name for a story
printed without a headline, counts that agree between a province and its cities, feeds advertised, a favicon."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import resolve, reverse

from articles import ingest, models
from articles.models.articles import headline_of
from tests.seeding import PAPER, SEED, SEED_DATE, person, place, seed_ingest

FRONT = (
    Path(__file__).resolve().parent.parent
    / "fixtures"
    / "pages"
    / "synthetic-headlines-above-gb18030-crlf.txt"
)
OTHER_PAPER = "跨版示例"
PHOTO_NAME = "图片：珠海边检总站开平边检站移民管理警察在三埠港口岸开展登船赠春联活动"
WAGES_STORY = "“三所联动”跨省讨薪"  # region 上海市; names 金山区 and, in 浙江省, 嘉兴市, 嘉善县, 平湖市
DATES = (datetime.date(2024, 12, 30), SEED_DATE, datetime.date(2025, 1, 27))


def _store(
    *, paper: str = PAPER, date: datetime.date = SEED_DATE, number: int = 2, path: Path = SEED
) -> None:
    ingest.page_ingest(
        paper=paper,
        date=date,
        number=number,
        data=path.read_bytes(),
        source_name=f"{path.stem}_{date}_{number}.txt",
        cache=ingest.IngestCache(),
    )


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _issue_url(date: datetime.date, paper: str = PAPER) -> str:
    return reverse("articles:issue", args=[paper, date])


def _link(html: str, rel: str) -> tuple[str, str] | None:
    """The href and the words of the link with this rel (prev, next), or None."""
    match = re.search(rf'<a class="turn__\w+" href="([^"]+)" rel="{rel}">(.*?)</a>', html, re.S)
    if not match:
        return None
    return match.group(1), re.sub(r"<[^>]+>|\s+", "", match.group(2))


@pytest.fixture
def three_issues(db: None) -> None:
    """法治日报 on 2024-12-30, 2025-01-24 (pages 1 and 2) and 2025-01-27; another paper in between."""
    seed_ingest(DATES)
    _store(number=1, path=FRONT)
    _store(paper=OTHER_PAPER, date=datetime.date(2025, 1, 25))


# -- A paper's page and the archive -------------------------------------------------------------------


def test_paper_page_lists_its_issues_by_year_and_month_newest_first(
    client: Client, three_issues: None
) -> None:
    html = _html(client, f"/{PAPER}/")
    assert '<h1 class="page-title">法治日报</h1>' in html
    assert "收入3期，从2024年12月30日到2025年1月27日。" in html
    years = re.findall(r'<h2 id="y(\d{4})-heading">', html)
    assert years == ["2025", "2024"]
    issue_links = re.findall(r'href="([^"]+)" aria-label="(\d{4}年\d+月\d+日)"', html)
    assert issue_links == [
        (_issue_url(datetime.date(2025, 1, 24)), "2025年1月24日"),
        (_issue_url(datetime.date(2025, 1, 27)), "2025年1月27日"),
        (_issue_url(datetime.date(2024, 12, 30)), "2024年12月30日"),
    ]
    assert OTHER_PAPER not in html.split("<main", 1)[1]


def test_unknown_paper_is_404(client: Client, three_issues: None) -> None:
    assert client.get("/人民日报/").status_code == 404


@pytest.mark.parametrize(
    ("url", "view"),
    [
        ("/reporters/", "reporters"),
        ("/regions/", "regions"),
        ("/feed/", "feed"),
        ("/search/", "search"),
        ("/archive/", "archive"),
        ("/archive/2025/", "archive_year"),
        ("/法治日报/", "paper"),
        ("/法治日报/2025-01-24/", "issue"),
    ],
)
def test_fixed_addresses_are_not_taken_for_a_paper(url: str, view: str) -> None:
    assert resolve(url).url_name == view


def test_archive_lists_every_paper_by_year_with_its_issues(client: Client, three_issues: None) -> None:
    html = _html(client, "/archive/")
    sections = re.findall(r'<h2 id="archive-(\d{4})">(.*?)</section>', html, re.S)
    assert [year for year, _ in sections] == ["2025", "2024"]
    papers_2025 = re.findall(r'href="([^"]+)">([^<]+)</a> <span class="meta">([^<]+)</span>', sections[0][1])
    assert papers_2025 == [
        (quote(f"/{PAPER}/") + "#y2025", PAPER, "2期 · 1月24日至1月27日"),
        (quote(f"/{OTHER_PAPER}/") + "#y2025", OTHER_PAPER, "1期 · 1月25日"),
    ]
    assert f'>{PAPER}</a> <span class="meta">1期 · 12月30日</span>' in sections[1][1]


def test_every_page_links_to_the_archive_and_the_home_page_to_each_paper(
    client: Client, three_issues: None
) -> None:
    html = _html(client, "/")
    assert '<a href="/archive/">往期</a>' in html
    assert f'<a href="{quote(f"/{PAPER}/")}">{PAPER}</a>' in html
    assert f'<a href="{quote(f"/{OTHER_PAPER}/")}">{OTHER_PAPER}</a>' in html


# -- 上一期 / 下一期, 上一版 / 下一版 ----------------------------------------------------------------------


def test_issue_links_the_same_papers_issues_before_and_after(client: Client, three_issues: None) -> None:
    html = _html(client, _issue_url(SEED_DATE))
    assert _link(html, "prev") == (_issue_url(datetime.date(2024, 12, 30)), "←上一期2024年12月30日")
    # 跨版示例 of 2025-01-25 is another paper's: the next issue of 法治日报 is the 27th
    assert _link(html, "next") == (_issue_url(datetime.date(2025, 1, 27)), "下一期→2025年1月27日")


def test_first_and_last_issues_have_no_link_past_the_end(client: Client, three_issues: None) -> None:
    first = _html(client, _issue_url(datetime.date(2024, 12, 30)))
    last = _html(client, _issue_url(datetime.date(2025, 1, 27)))
    assert _link(first, "prev") is None and _link(first, "next")
    assert _link(last, "next") is None and _link(last, "prev")
    assert "上一期" not in _html(client, _issue_url(datetime.date(2025, 1, 25), OTHER_PAPER))


def test_issue_breadcrumb_goes_through_the_papers_page(client: Client, three_issues: None) -> None:
    html = _html(client, _issue_url(SEED_DATE))
    assert f'<a href="{quote(f"/{PAPER}/")}">{PAPER}</a>' in html
    assert f'<a href="{quote(f"/{PAPER}/")}#2025-01">2025年1月</a>' in html


def test_page_links_the_pages_before_and_after_in_the_issue(client: Client, three_issues: None) -> None:
    page_1 = reverse("articles:page", args=[PAPER, SEED_DATE, 1])
    page_2 = reverse("articles:page", args=[PAPER, SEED_DATE, 2])
    front = _html(client, page_1)
    assert _link(front, "prev") is None
    assert _link(front, "next") == (page_2, "下一版→第2版法治动态")
    second = _html(client, page_2)
    assert _link(second, "prev") == (page_1, "←上一版第1版要闻")
    assert _link(second, "next") is None


def test_the_issues_pages_come_before_the_stories(client: Client, three_issues: None) -> None:
    """On a phone the one column shows what comes first in the page: the list of pages, not after every story."""
    html = _html(client, reverse("articles:page", args=[PAPER, SEED_DATE, 2]))
    assert html.index('id="pages-heading"') < html.index('class="story-list"')
    issue = _html(client, _issue_url(SEED_DATE))
    assert issue.index('aria-label="本期版面"') < issue.index('id="page-1"')


def test_a_page_alone_in_its_issue_has_no_page_turns(client: Client, three_issues: None) -> None:
    html = _html(client, reverse("articles:page", args=[PAPER, datetime.date(2025, 1, 27), 2]))
    assert _link(html, "prev") is None and _link(html, "next") is None


# -- One name for a story without a headline ---------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"title": "标题", "kicker": "引题"}, "标题"),
        ({"kicker": "引题", "subtitle": "副题"}, "引题"),
        ({"subtitle": "副题"}, "副题"),
        ({"kind": "photo", "lead": "1月22日，开平边检站开展活动。本报通讯员 摄"}, "图片：开平边检站开展活动"),
        (
            {"kind": "photo", "lead": "2月3日，" + "甲" * 30 + "，乙。"},
            "图片：" + "甲" * 30,
        ),  # a caption's subject
        ({"kind": "photo", "lead": "甲" * 40 + "，乙。"}, "图片：" + "甲" * 24 + "…"),
        ({"kind": "photo", "lead": ""}, "图片"),
        (
            {"lead": "本报讯 记者张三 1月22日，会议召开。"},
            "本报讯 记者张三 1月22日，会议召开",
        ),  # a sentence, not a clause
        ({"lead": "会议还研究了其他事项。"}, "会议还研究了其他事项"),
        ({"lead": "一" * 30}, "一" * 24 + "…"),
        ({"lead": None, "position": 4}, "本版第4篇"),
    ],
)
def test_a_story_is_named_by_its_headline_else_its_first_words(fields: dict, name: str) -> None:
    values = {"title": "", "kicker": "", "subtitle": "", "kind": "news", "lead": None, "position": 1}
    assert headline_of(**{**values, **fields}) == name


def test_an_untitled_photo_goes_by_one_name_everywhere(client: Client, db: None) -> None:
    seed_ingest()
    photo = models.Article.objects.get(kind=models.Article.Kind.PHOTO)
    before = models.Article.objects.get(page=photo.page, position=photo.position - 1)
    after = models.Article.objects.get(page=photo.page, position=photo.position + 1)
    pages = {
        "home": "/",
        "issue": _issue_url(SEED_DATE),
        "page": reverse("articles:page", args=[PAPER, SEED_DATE, 2]),
        "source": reverse("articles:page_source", args=[PAPER, SEED_DATE, 2]),
        "article": reverse("articles:article", args=[photo.pk]),
        "before it": reverse("articles:article", args=[before.pk]),
        "after it": reverse("articles:article", args=[after.pk]),
        "feed": reverse("articles:feed"),
        "its photographer": reverse("articles:reporter", args=[photo.bylines.get().person_id]),
        "search": reverse("articles:search") + "?q=登船赠春联",
    }
    for where, url in pages.items():
        html = re.sub(r"</?mark[^>]*>", "", _html(client, url))  # search marks the words it found
        assert PHOTO_NAME in html, where
        for other in ("图片新闻", "无标题", f"第{photo.position}篇", "（无标题）"):
            assert other not in html, (where, other)
    article_html = _html(client, pages["article"])
    assert f"<title>{PHOTO_NAME} · " in article_html
    assert f"《{PHOTO_NAME}》" in article_html  # the cite text
    assert photo.headline == PHOTO_NAME


# -- Counts that agree -------------------------------------------------------------------------------


def test_a_province_counts_the_stories_naming_its_cities(client: Client, db: None) -> None:
    seed_ingest()
    zhejiang, jiaxing = place("浙江省"), place("嘉兴市")
    regions = client.get(reverse("articles:regions"))
    provinces = {p.name: p for p in regions.context["provinces"]}
    assert provinces["浙江省"].count == 1  # 三所联动: region 上海市, names 嘉兴市 and two counties of it
    assert [(c.name, c.count) for c in provinces["浙江省"].cities] == [("嘉兴市", 1)]
    province_page = client.get(reverse("articles:region", args=[zhejiang.pk]))
    assert province_page.context["count"] == 1
    assert [item.headline for item in province_page.context["items"]] == [WAGES_STORY]
    city_page = client.get(reverse("articles:region", args=[jiaxing.pk]))
    assert city_page.context["count"] == 1
    # the story is still its region's, 上海市's, once
    assert provinces["上海市"].count == models.Article.objects.about_place(place("上海市")).count()
    assert "稿件 1 篇" in province_page.content.decode()


def test_every_province_count_is_what_its_page_lists(client: Client, db: None) -> None:
    seed_ingest()
    regions = client.get(reverse("articles:regions"))
    for province in regions.context["provinces"]:
        if province.place_id is None:
            continue
        listed = models.Article.objects.stories().about_place(models.Place.objects.get(pk=province.place_id))
        assert province.count == listed.count(), province.name
        assert all(city.count <= province.count for city in province.cities), province.name


def test_regions_index_shows_the_cities_under_each_province(client: Client, db: None) -> None:
    seed_ingest()
    html = _html(client, reverse("articles:regions"))
    zhejiang = html[html.index("浙江省</a>") :]
    zhejiang = zhejiang[: zhejiang.index("</li>\n")]
    assert re.search(
        r'<ul class="city-list" aria-label="浙江省下辖地区">\s*<li><a href="/regions/\d+/">嘉兴市</a>',
        zhejiang,
    )


# -- Feeds, favicon, wording --------------------------------------------------------------------------


def _alternates(html: str) -> list[str]:
    return re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)">', html
    )


def test_every_page_advertises_the_site_feed_and_the_home_page_links_it(client: Client, db: None) -> None:
    seed_ingest()
    feed = reverse("articles:feed")
    urls = ["/", "/archive/", f"/{PAPER}/", _issue_url(SEED_DATE), reverse("articles:regions")]
    for url in urls:
        assert feed in _alternates(_html(client, url)), url
    assert f'href="{feed}" type="application/atom+xml">订阅最新稿件（Atom）</a>' in _html(client, "/")
    assert client.get(feed).status_code == 200


def test_a_reporters_and_a_regions_own_feeds_come_before_the_site_feed(client: Client, db: None) -> None:
    seed_ingest()
    liaoning = place("辽宁省")
    feeds = _alternates(_html(client, reverse("articles:region", args=[liaoning.pk])))
    assert feeds == [reverse("articles:region_feed", args=[liaoning.pk]), reverse("articles:feed")]
    reporter = person("张国强")
    feeds = _alternates(_html(client, reverse("articles:reporter", args=[reporter.pk])))
    assert feeds[0] == reverse("articles:reporter_feed", args=[reporter.pk])


def test_pages_link_an_svg_favicon_and_favicon_ico_leads_to_it(client: Client, db: None) -> None:
    html = _html(client, "/")
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.svg"
    svg = (Path(__file__).resolve().parent.parent / "static" / "favicon.svg").read_text()
    assert svg.startswith("<svg") and "viewBox" in svg


def test_home_page_speaks_to_readers_not_developers(client: Client, db: None) -> None:
    assert "manage.py" not in _html(client, "/")
    seed_ingest()
    html = _html(client, "/")
    assert "最小版次" not in html and "（该期" not in html


# -- Queries ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "most"), [("/archive/", 2), (f"/{PAPER}/", 3)])
def test_archive_and_paper_pages_run_a_fixed_number_of_queries(
    client: Client, db: None, django_assert_max_num_queries, url: str, most: int
) -> None:
    seed_ingest([SEED_DATE - datetime.timedelta(days=n * 40) for n in range(12)])
    with django_assert_max_num_queries(most):  # and the archive's version (articles/pagecache.py)
        assert client.get(url).status_code == 200


def test_issue_with_its_neighbours_runs_as_many_queries_as_before(
    client: Client, three_issues: None, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(4):
        assert client.get(_issue_url(SEED_DATE)).status_code == 200
