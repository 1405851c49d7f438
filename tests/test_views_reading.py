"""The reading site: home, archive, issues, pages, the marked source, articles and their JSON."""

from __future__ import annotations

import datetime
import functools
import io
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.template import loader
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from articles import ingest, models
from articles.reconstruct import values
from articles.reconstruct.page import reconstruct_page
from articles.templatetags.reading import headline_parts, highlight

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
SEED = PAGES / "fazhi_2025-01-24_02.txt"  # page 2: 11 articles, section 法治动态
FRONT = PAGES / "synthetic-headlines-above-gb18030-crlf.txt"  # a GB18030 page 1: 6 articles, section 要闻
PAPER = "法治日报"
DATE = datetime.date(2025, 1, 24)
ISSUE_URL = f"/{PAPER}/2025-01-24/"
ISSUE_HREF = quote(ISSUE_URL)  # as reverse() writes it in a link
SEED_TITLE = "为谱写现代化建设新篇章提供坚强保障"  # article 1 of the seed page


@functools.cache
def _reconstructed(path: Path) -> values.Page:
    """The engine's output for a fixture page, computed once per test run."""
    return reconstruct_page(path.read_bytes(), source=path.name)


def _store(path: Path, *, date: datetime.date = DATE, number: int = 2, paper: str = PAPER) -> models.Page:
    return ingest.page_store(
        paper=paper,
        date=date,
        number=number,
        data=path.read_bytes(),
        source_name=path.name,
        reconstructed=_reconstructed(path),
    ).page


def _text(response) -> str:
    return response.content.decode()


@pytest.fixture
def seed() -> models.Page:
    """The real seed page, stored as page 2 of 法治日报 2025-01-24."""
    return _store(SEED)


@pytest.fixture
def seed_issue(seed: models.Page) -> models.Page:
    """The seed page with a page 1 beside it (the GB18030 page), so the issue has a front page."""
    _store(FRONT, number=1)
    return seed


@pytest.fixture
def archive() -> list[datetime.date]:
    """Six issues of two pages each: 102 articles."""
    dates = [DATE - datetime.timedelta(days=n) for n in range(6)]
    for date in dates:
        _store(FRONT, date=date, number=1)
        _store(SEED, date=date, number=2)
    return dates


def _article(page: models.Page, position: int) -> models.Article:
    return page.articles.get(position=position)


# -- Home and archive ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_without_issues_is_a_friendly_empty_page(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "档案里还没有报纸" in _text(response)


@pytest.mark.django_db
def test_home_lists_each_issue_with_its_lowest_page_headlines(client: Client, seed: models.Page) -> None:
    _store(FRONT, date=DATE + datetime.timedelta(days=1), number=1)
    text = _text(client.get("/"))
    newer = text.index("2025年1月25日")
    older = text.index("2025年1月24日")
    assert newer < older  # newest first
    assert "切实做好春节期间安全生产工作" in text  # page 1 of the 25th
    assert SEED_TITLE in text  # the 24th has only page 2: that is its front page
    assert f'href="{ISSUE_HREF}"' in text
    assert 'href="/archive/2025/1/"' in text


@pytest.mark.django_db
def test_home_lists_the_latest_years_by_month_and_leads_to_the_archive_for_earlier_ones(
    client: Client,
) -> None:
    for date in (DATE, datetime.date(2023, 3, 8), datetime.date(2022, 12, 31)):  # 2025, 2023, 2022
        _store(FRONT, date=date, number=1)
    text = _text(client.get("/"))
    assert 'href="/archive/2025/1/"' in text and 'href="/archive/2023/3/"' in text
    assert 'href="/archive/2022/12/"' not in text
    assert "更早的年份见全部往期" in text and 'href="/archive/"' in text


@pytest.mark.django_db
def test_home_without_earlier_years_lists_every_month(client: Client) -> None:
    for date in (DATE, datetime.date(2023, 1, 1)):
        _store(FRONT, date=date, number=1)
    text = _text(client.get("/"))
    assert 'href="/archive/2023/1/"' in text and "更早的年份" not in text


@pytest.mark.django_db
def test_home_paginates_issues(client: Client) -> None:
    for n in range(12):
        _store(FRONT, date=DATE + datetime.timedelta(days=n), number=1)
    first, second = _text(client.get("/")), _text(client.get("/?page=2"))
    assert "2025年2月4日" in first and "2025年1月24日" not in first
    assert "2025年1月24日" in second and "2025年1月25日" in second and "2025年2月4日" not in second
    assert 'rel="next"' in first and 'rel="prev"' in second


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "9999", "-1", "0", ""])
def test_home_bad_page_numbers_give_a_page_not_an_error(client: Client, seed: models.Page, page: str) -> None:
    response = client.get("/", {"page": page})
    assert response.status_code == 200
    assert SEED_TITLE in _text(response)


@pytest.mark.django_db
def test_archive_month_is_a_calendar_linking_the_dates_that_exist(client: Client, seed: models.Page) -> None:
    _store(FRONT, date=datetime.date(2025, 1, 3), number=1)
    response = client.get("/archive/2025/1/")
    assert response.status_code == 200
    text = _text(response)
    assert '<table class="calendar">' in text
    assert re.search(rf'<a href="{ISSUE_HREF}"[^>]*>24</a>', text)
    assert re.search(rf'<a href="{quote(f"/{PAPER}/2025-01-03/")}"[^>]*>3</a>', text)
    assert '<td class="is-empty">23</td>' in text


@pytest.mark.django_db
def test_archive_year_has_a_calendar_per_month_with_issues(client: Client, seed: models.Page) -> None:
    _store(FRONT, date=datetime.date(2025, 3, 8), number=1)
    text = _text(client.get("/archive/2025/"))
    assert "2025年1月" in text and "2025年3月" in text and "2025年2月" not in text
    assert f'href="{quote(f"/{PAPER}/2025-03-08/")}"' in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/archive/2024/", "/archive/2025/2/", "/archive/2025/13/", "/archive/99999/"]
)
def test_archive_without_issues_or_with_no_such_month_is_404(
    client: Client, seed: models.Page, url: str
) -> None:
    assert client.get(url).status_code == 404


# -- Issue and page ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_issue_lists_pages_in_order_with_sections_and_headlines(
    client: Client, seed_issue: models.Page
) -> None:
    response = client.get(ISSUE_URL)
    assert response.status_code == 200
    text = _text(response)
    assert text.index("第1版") < text.index("第2版")
    assert "要闻" in text and "法治动态" in text
    article = _article(seed_issue, 1)
    assert f'href="/articles/{article.pk}/"' in text and SEED_TITLE in text
    assert (
        f'<link rel="alternate" type="application/json" href="{quote(f"/{PAPER}/2025-01-24.json")}"' in text
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/{PAPER}/2025-02-30/",  # no such date
        f"/{PAPER}/2025-13-01/",
        "/x/2025-01-24/",  # no such paper
        f"/{PAPER}/2025-01-25/",  # no such issue
        f"/{PAPER}/2025-01-24/9/",  # no such page
        f"/{PAPER}/2025-01-24/9/source/",
        f"/{PAPER}/2025-02-30.json",
        "/x/2025-01-24.json",
        "/articles/999999/",
        "/articles/999999.json",
    ],
)
def test_bad_parameters_are_404_in_the_site_style(client: Client, seed: models.Page, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "找不到这一页" in _text(response)
    assert 'class="site-header"' in _text(response)


@pytest.mark.django_db
def test_page_shows_articles_in_print_order_with_credits_and_leads(client: Client, seed: models.Page) -> None:
    response = client.get(f"{ISSUE_URL}2/")
    assert response.status_code == 200
    text = _text(response)
    assert "第2版 · 法治动态" in text
    titles = ["为谱写现代化建设新篇章提供坚强保障", "不断提升执法司法质效和公信力", "让配送环境更加优化"]
    assert [text.index(t) for t in titles] == sorted(text.index(t) for t in titles)
    assert "江苏省委政法工作会议强调" in text  # the kicker
    assert '<span class="role">记者</span>丁国锋' in text
    assert '<span class="role">通讯员</span>李长生' in text
    assert "本报南京1月23日" in text  # the dateline
    assert "江苏省委政法工作会议今天在南京召开" in text  # the lead
    assert f'href="{ISSUE_HREF}2/source/"' in text


@pytest.mark.django_db
def test_source_marks_each_articles_lines_and_headlines(client: Client, seed: models.Page) -> None:
    response = client.get(f"{ISSUE_URL}2/source/")
    assert response.status_code == 200
    text = _text(response)
    first = _article(seed, 1)
    # Line 5 opens article 1's text; lines 499 and 501 are its headline (kicker and title).
    run = re.search(r'<section class="src-run is-article src-c0"[^>]*>(.*?)</section>', text, re.S)
    assert run is not None and f'href="/articles/{first.pk}/"' in run[1]
    assert (
        '<div class="src-line" id="L5"><span class="ln">5</span><span class="lt">　　本报南京1月23日电'
        in run[1]
    )
    assert re.search(
        r'<div class="src-line is-headline" id="L501">.*?为谱写现代化建设新篇章提供坚强保障', text
    )
    # The proofreader's line belongs to no article: furniture, shown dim.
    furniture = re.search(r'<section class="src-run is-furniture">(.*?)</section>', text, re.S)
    assert furniture is not None and "校对/宜爽" in furniture[1]
    assert 'id="L923"' in text and 'id="L924"' not in text


@pytest.mark.django_db
def test_source_decodes_the_page_with_its_encoding(client: Client) -> None:
    _store(FRONT, number=1)  # GB18030 with CRLF line ends
    text = _text(client.get(f"{ISSUE_URL}1/source/"))
    assert "国务院常务会议部署" in text
    assert "\r" not in text
    assert "gb18030" in text


# -- Article ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_article_has_its_headline_hierarchy_credits_and_cite_text(client: Client, seed: models.Page) -> None:
    article = _article(seed, 1)
    response = client.get(f"/articles/{article.pk}/")
    assert response.status_code == 200
    text = _text(response)
    assert re.search(
        r'<header class="article-head">\s*<p class="kicker">江苏省委政法工作会议强调</p>\s*'
        rf'<h1 class="article-title"><span class="headline-part">{SEED_TITLE}</span></h1>',
        text,
    )
    person = models.Person.objects.get(name="丁国锋")
    reporter_url = reverse("articles:reporter", args=[person.pk])
    assert f'<span class="role">记者</span><a href="{reporter_url}">丁国锋</a>' in text
    assert "本报南京1月23日" in text
    assert f'href="{reverse("articles:region", args=[article.region_id])}">江苏省</a>' in text
    assert (
        f"《法治日报》2025年1月24日第2版：《{SEED_TITLE}》，记者丁国锋。http://testserver/articles/{article.pk}/"
        in text
    )
    assert f'<link rel="alternate" type="application/json" href="/articles/{article.pk}.json"' in text
    assert f'href="/articles/{_article(seed, 2).pk}/" rel="next"' in text
    assert 'rel="prev"' not in text  # the first on its page


@pytest.mark.django_db
def test_article_subheads_bylines_and_credits_of_several_people(client: Client, seed: models.Page) -> None:
    article = _article(seed, 5)
    text = _text(client.get(f"/articles/{article.pk}/"))
    assert '<p class="subtitle">沈阳市司法局优化执法方式营造优良法治环境</p>' in text
    assert "<h2>出台办法 进一步规范执法监管</h2>" in text
    assert '<p class="p-byline">□ 本报记者 张国强 韩宇</p>' in text
    assert "记者张国强、韩宇，通讯员李长生。" in text  # the cite text groups people by role
    assert f'href="/articles/{_article(seed, 4).pk}/" rel="prev"' in text


@pytest.mark.django_db
def test_article_links_its_neighbours_on_the_page_by_their_headlines(
    client: Client, seed: models.Page
) -> None:
    before, article, after = _article(seed, 4), _article(seed, 5), _article(seed, 6)
    models.Article.objects.filter(pk=after.pk).update(kicker="", title="", subtitle="", kind="photo")
    text = _text(client.get(f"/articles/{article.pk}/"))
    assert f'<span class="dir">← 同版上一篇</span>{escape(before.headline)}</a>' in text
    untitled = models.Article.objects.get(pk=after.pk).headline  # a photo: named by its caption's words
    assert untitled.startswith("图片")
    assert f'<span class="dir">同版下一篇 →</span>{escape(untitled)}</a>' in text


@pytest.mark.django_db
def test_article_shows_its_label(client: Client, seed: models.Page) -> None:
    text = _text(client.get(f"/articles/{_article(seed, 10).pk}/"))
    assert '<span class="tag">记者手记</span>' in text


@pytest.mark.django_db
def test_continued_from_a_page_not_in_the_archive_says_so(client: Client, seed: models.Page) -> None:
    text = _text(client.get(f"/articles/{_article(seed, 8).pk}/"))
    assert "上接第1版：该版尚未收入档案。" in text


@pytest.mark.django_db
def test_continued_from_a_stored_page_links_to_it(client: Client, seed_issue: models.Page) -> None:
    text = _text(client.get(f"/articles/{_article(seed_issue, 8).pk}/"))
    assert f'<a href="{ISSUE_HREF}1/">上接第1版</a>' in text


@pytest.mark.django_db
def test_continued_to_a_page_not_in_the_archive_says_so(client: Client) -> None:
    front = _store(FRONT, number=1)
    text = _text(client.get(f"/articles/{_article(front, 1).pk}/"))
    assert "下转第5版：该版尚未收入档案。" in text


@pytest.mark.django_db
def test_article_source_lines_on_request(client: Client, seed: models.Page) -> None:
    url = f"/articles/{_article(seed, 1).pk}/"
    assert 'id="L5"' not in _text(client.get(url))
    text = _text(client.get(url, {"source": "1"}))
    assert "<details" in text and 'id="L5"' in text and 'id="L501"' in text
    assert 'id="L65"' not in text  # article 2's first line


@pytest.mark.django_db
def test_query_words_are_marked_in_title_and_text(client: Client, seed: models.Page) -> None:
    text = _text(client.get(f"/articles/{_article(seed, 1).pk}/", {"q": "江苏 保障"}))
    assert (
        '<h1 class="article-title"><span class="headline-part">为谱写现代化建设新篇章提供坚强<mark>保障</mark></span></h1>'
        in text
    )
    assert "<mark>江苏</mark>省委政法工作会议今天在南京召开" in text


@pytest.mark.django_db
def test_query_is_escaped_not_injected(client: Client, seed: models.Page) -> None:
    response = client.get(f"/articles/{_article(seed, 1).pk}/", {"q": '<script>alert("x")</script>'})
    assert response.status_code == 200
    assert "<script>" not in _text(response)


def test_headline_parts_keep_each_part_of_a_two_part_headline_together() -> None:
    assert headline_parts("以更高标准 <提升>", ["标准"]) == (
        '<span class="headline-part">以更高<mark>标准</mark></span> <span class="headline-part">&lt;提升&gt;</span>'
    )


def test_highlight_escapes_the_text_and_marks_the_terms() -> None:
    assert highlight('a<b>"法治"</b>', ["法治"]) == "a&lt;b&gt;&quot;<mark>法治</mark>&quot;&lt;/b&gt;"
    assert highlight("AT&T 与 amp", ["amp", "&"]) == "AT<mark>&amp;</mark>T 与 <mark>amp</mark>"
    assert highlight("<i>", []) == "&lt;i&gt;"


@pytest.mark.django_db
def test_merged_article_redirects_permanently_to_where_it_went(client: Client, seed: models.Page) -> None:
    kept, merged = _article(seed, 1), _article(seed, 2)
    merged.merged_into = kept
    merged.save(update_fields=["merged_into"])
    response = client.get(f"/articles/{merged.pk}/", {"q": "江苏"})
    assert response.status_code == 301
    assert response["Location"] == f"/articles/{kept.pk}/?q=%E6%B1%9F%E8%8B%8F"
    assert client.get(f"/articles/{merged.pk}.json")["Location"] == f"/articles/{kept.pk}.json"
    # Gone from the page's list and from its neighbours' links.
    assert f'href="/articles/{merged.pk}/"' not in _text(client.get(f"{ISSUE_URL}2/"))
    assert f'href="/articles/{_article(seed, 3).pk}/" rel="next"' in _text(
        client.get(f"/articles/{kept.pk}/")
    )


# -- JSON --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_article_json_is_the_export_shape_with_its_id(client: Client, seed: models.Page) -> None:
    article = _article(seed, 1)
    response = client.get(f"/articles/{article.pk}.json")
    assert response["Content-Type"] == "application/json"
    document = response.json()
    exported = _export()["pages"][0]["articles"][0]
    assert document == exported
    assert document["id"] == article.pk and document["title"] == SEED_TITLE
    assert list(document) == [
        "id",
        *_reconstructed(SEED).articles[0].to_json(),
        "continues",
        "continued_by",
        "link_score",
    ]


@pytest.mark.django_db
def test_issue_json_is_what_export_prints(client: Client, seed_issue: models.Page) -> None:
    response = client.get(f"/{PAPER}/2025-01-24.json")
    assert response.status_code == 200
    assert response.json() == _export()
    assert [p["number"] for p in response.json()["pages"]] == [1, 2]


def _export() -> dict:
    out = io.StringIO()
    call_command("export", paper=PAPER, date=DATE, stdout=out)
    return json.loads(out.getvalue())


# -- Error pages --------------------------------------------------------------------------------------


def test_500_page_renders_without_context_or_database() -> None:
    html = loader.get_template("500.html").render()  # what django.views.defaults.server_error does
    assert "服务器出错了" in html and 'lang="zh-CN"' in html


# -- Query counts: fixed, however many issues, pages and articles ------------------------------------


@pytest.mark.django_db
def test_home_queries_are_bounded(
    client: Client, archive: list[datetime.date], django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(
        8
    ):  # 7 (the papers and the first and last dates too) and the archive's version (articles/pagecache.py)
        assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_archive_queries_are_bounded(
    client: Client, archive: list[datetime.date], django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(2):
        assert client.get("/archive/2025/1/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/archive/2025/").status_code == 200


@pytest.mark.django_db
def test_issue_page_and_source_queries_are_bounded(
    client: Client, archive: list[datetime.date], django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(4):  # each cached page also reads the archive's version
        assert client.get(ISSUE_URL).status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get(f"{ISSUE_URL}2/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(f"{ISSUE_URL}2/source/").status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get(f"/{PAPER}/2025-01-24.json").status_code == 200


@pytest.mark.django_db
def test_article_queries_are_bounded(
    client: Client, archive: list[datetime.date], django_assert_max_num_queries
) -> None:
    article = models.Article.objects.get(page__issue__date=DATE, page__number=2, position=5)  # 3 people
    with django_assert_max_num_queries(5):  # 4 and the archive's version
        assert client.get(f"/articles/{article.pk}/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(f"/articles/{article.pk}/", {"source": "1", "q": "执法"}).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(f"/articles/{article.pk}.json").status_code == 200


@pytest.mark.django_db
def test_a_page_read_again_comes_from_the_cache_until_the_archive_changes(
    client: Client, archive: list[datetime.date], django_assert_num_queries
) -> None:
    from articles import editing

    article = models.Article.objects.get(page__issue__date=DATE, page__number=2, position=1)
    url = f"/articles/{article.pk}/"
    first = client.get(url).content
    with django_assert_num_queries(0):  # the version read a moment ago still holds
        assert client.get(url).content == first

    editing.article_headline_set(article=article, kicker="", title="编辑改过的标题", subtitle="", editor=None)

    assert "编辑改过的标题" in client.get(url).content.decode()
