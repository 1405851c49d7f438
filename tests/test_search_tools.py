"""The search page's tools (issue 15): sort by relevance, newest or oldest; result titles with their kicker."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from articles import search
from tests.seeding import articles_store, stories_store, story

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 1, 24)


def _three_dates() -> None:
    # The best match is the middle one by date: 信用 in its title.
    stories_store(("一月", "信用体系。"), date=DAY)
    stories_store(("信用建设", "信用体系。"), date=DAY + datetime.timedelta(days=1))
    stories_store(("三月", "信用体系。"), date=DAY + datetime.timedelta(days=2))


def _titles(**options: object) -> list[str]:
    return [hit.article.title for hit in search.article_search(query="信用", **options).hits]


def test_results_sort_by_relevance_by_default_and_by_date_when_asked() -> None:
    _three_dates()
    assert _titles() == ["信用建设", "三月", "一月"]
    assert _titles(sort="newest") == ["三月", "信用建设", "一月"]
    assert _titles(sort="oldest") == ["一月", "信用建设", "三月"]


def test_within_an_issue_date_order_is_print_order() -> None:
    stories_store(("甲", "信用体系。"), ("乙", "信用体系。"), date=DAY, number=3)
    stories_store(("丙", "信用体系。"), date=DAY, number=2)
    assert _titles(sort="newest") == ["丙", "甲", "乙"]
    assert _titles(sort="oldest") == ["丙", "甲", "乙"]


def test_the_page_links_each_order_keeping_the_query_and_marks_the_current_one(client: Client) -> None:
    _three_dates()
    response = client.get("/search/", {"q": "信用", "sort": "oldest", "page": "1"})
    page = response.content.decode()
    assert [hit.article.title for hit in response.context["results"].hits] == ["一月", "信用建设", "三月"]
    assert 'href="?q=%E4%BF%A1%E7%94%A8&amp;sort=newest"' in page
    assert 'href="?q=%E4%BF%A1%E7%94%A8&amp;sort=oldest" aria-current="true"' in page
    assert '<input type="hidden" name="sort" value="oldest">' in page  # a new query keeps the order


def test_an_unknown_sort_is_ignored_with_a_note(client: Client) -> None:
    _three_dates()
    response = client.get("/search/", {"q": "信用", "sort": "random"})
    assert [hit.article.title for hit in response.context["results"].hits][0] == "信用建设"
    assert "排序「random」无效，已忽略。" in response.content.decode()


def test_a_result_title_shows_its_kicker_marked(client: Client) -> None:
    from articles import models

    (story,) = stories_store(("柔性执法助力企业", "信用修复。"))
    models.Article.objects.filter(pk=story.pk).update(kicker="沈阳信用修复")
    (hit,) = search.article_search(query="信用").hits
    assert hit.kicker == "沈阳<mark>信用</mark>修复"
    page = client.get("/search/", {"q": "信用"}).content.decode()
    assert '<span class="search-kicker">沈阳<mark>信用</mark>修复</span>柔性执法助力企业' in page


def test_facets_count_the_matches_by_paper_year_region_and_kind_and_link_to_their_filter(
    client: Client,
) -> None:
    from articles import models

    stories_store(("信用一", "信用体系。"), ("信用二", "信用体系。"), date=DAY)
    stories_store(("信用三", "信用体系。"), date=datetime.date(2024, 3, 1), paper="检察日报")
    models.Article.objects.filter(title="信用二").update(kind=models.Article.Kind.COMMENTARY)

    response = client.get("/search/", {"q": "信用"})
    groups = dict(response.context["facet_links"])
    assert [(label, count) for label, count, _, _ in groups["报纸"]] == [("法治日报", 2), ("检察日报", 1)]
    assert [(label, count) for label, count, _, _ in groups["年份"]] == [("2025年", 2), ("2024年", 1)]
    assert [(label, count) for label, count, _, _ in groups["体裁"]] == [("消息", 2), ("评论", 1)]
    assert "地区" not in groups  # no story has a region: nothing to pick

    (commentary_url,) = [url for label, _, url, _ in groups["体裁"] if label == "评论"]
    page = client.get("/search/" + commentary_url)
    assert [hit.article.title for hit in page.context["results"].hits] == ["信用二"]
    (year_url,) = [url for label, _, url, _ in groups["年份"] if label == "2024年"]
    page = client.get("/search/" + year_url)
    assert [hit.article.title for hit in page.context["results"].hits] == ["信用三"]


def test_the_reporter_facet_counts_each_reporters_matches_and_links_to_their_stories(client: Client) -> None:
    articles_store(
        (
            story(1, title="信用一", body="信用体系。", reporters=("王闽", "张三")),
            story(2, title="信用二", body="信用体系。", reporters=("王闽",)),
            story(3, title="别的", body="法治建设。", reporters=("李四",)),
        ),
        date=DAY,
        number=2,
    )
    response = client.get("/search/", {"q": "信用"})
    groups = dict(response.context["facet_links"])
    assert [(label, count) for label, count, _, _ in groups["记者"]] == [("王闽", 2), ("张三", 1)]
    (url,) = [url for label, _, url, _ in groups["记者"] if label == "张三"]
    page = client.get("/search/" + url)
    assert [hit.article.title for hit in page.context["results"].hits] == ["信用一"]
    assert "<h3>记者</h3>" in response.content.decode()


# -- Reprints: a story printed in two papers, or twice, is listed once with where else it ran -------------

OPENING = "本报北京1月23日电 最高人民法院今天发布信用修复典型案例，要求各地法院依法审慎适用失信惩戒措施。"


def test_a_story_printed_in_another_paper_is_listed_under_its_first_printing(client: Client) -> None:
    stories_store(("信用修复有了新规", OPENING), date=DAY, number=2)
    stories_store(("信用修复有了新规", OPENING + "（转载）"), date=DAY, number=3, paper="检察日报")
    stories_store(("另一篇", "信用体系建设。"), date=DAY, number=4)
    results = search.article_search(query="信用", sort="oldest")
    assert len(results.hits) == 3  # every match is still counted and on the page
    first, other = results.listed
    assert first.article.title == "信用修复有了新规" and first.article.paper_name == "法治日报"
    assert [(r.article.paper_name, r.article.page_number) for r in first.reprints] == [("检察日报", 3)]
    page = client.get("/search/", {"q": "信用", "sort": "oldest"}).content.decode()
    assert page.count("<h2><a") == 2
    assert "找到 3 篇，最早的在前 · 重复刊登的 1 篇列在同一稿件下" in page
    reprint = first.reprints[0]
    assert (
        f'也刊登于：<a href="{reprint.url}">检察日报 <time datetime="2025-01-24">2025年1月24日</time> 第3版</a>'
        in page
    )


def test_a_story_printed_twice_in_one_paper_is_listed_once_with_both_printings(client: Client) -> None:
    stories_store(("信用修复有了新规", OPENING), date=DAY)
    stories_store(("信用修复有了新规", OPENING), date=DAY + datetime.timedelta(days=3))
    (listed,) = search.article_search(query="信用", sort="newest").listed
    assert listed.article.issue_date == DAY + datetime.timedelta(days=3)
    assert [r.article.issue_date for r in listed.reprints] == [DAY]


def test_same_headline_over_other_text_and_same_text_under_another_headline_are_separate_results() -> None:
    other = "本报讯 江苏省高级人民法院召开新闻发布会，通报全省法院信用修复工作的进展情况和下一步安排。"
    stories_store(("信用修复有了新规", OPENING), ("信用修复有了新规", other), date=DAY)
    stories_store(("信用修复又有新规", OPENING), date=DAY, number=6)
    listed = search.article_search(query="信用").listed
    assert len(listed) == 3 and not any(hit.reprints for hit in listed)


def test_reprints_compare_the_opening_bigrams_spaces_and_punctuation_aside() -> None:
    # 60 % of the first 120 characters' pairs shared is the same story; a reprint spaced or punctuated
    # otherwise still is; two openings sharing half their pairs are not.
    text = "最高人民法院今天发布信用修复典型案例要求各地法院依法审慎适用失信惩戒措施"
    spaced = " ".join(text[:20]) + "，" + text[20:]
    half = text[: len(text) // 2] + "江苏省高级人民法院召开新闻发布会通报全省法院工作进展"
    stories_store(("信用", text), ("信用", spaced), ("信用", half), date=DAY)
    (first, other) = search.article_search(query="信用", sort="oldest").listed
    assert [r.article.position for r in first.reprints] == [2]
    assert other.article.position == 3 and not other.reprints
