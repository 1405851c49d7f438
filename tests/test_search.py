"""Search: the query as words, ranking, snippets, filters, looser matching, odd input, a bounded query count."""

from __future__ import annotations

import datetime
import functools
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles import ingest, models, search
from articles.reconstruct import values
from articles.reconstruct.page import reconstruct_page
from articles.search import ranking
from tests.seeding import articles_store, story

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"
PAPER = "法治日报"
OTHER_PAPER = "检察日报"
DATE = datetime.date(2025, 1, 24)
FEATURE = "柔性执法信用修复助力企业健康发展"  # the Shenyang feature
BEIJING = "以高水平法治保障首都高质量发展"  # 北京市委政法工作会议强调
WAGES = "“三所联动”跨省讨薪"
PARTIAL = "没有完全匹配的结果，以下为部分匹配"


@functools.cache
def _seed_page() -> values.Page:
    return reconstruct_page(SEED.read_bytes(), source=SEED.name)


def _seed(date: datetime.date = DATE, *, paper: str = PAPER, number: int = 2) -> None:
    """The real seed page (11 articles) as page `number` of the paper's issue of `date`."""
    ingest.page_store(
        paper=paper,
        date=date,
        number=number,
        data=SEED.read_bytes(),
        source_name=SEED.name,
        reconstructed=_seed_page(),
    )


def _stories(*stories: values.Article, date: datetime.date = DATE, number: int = 5) -> None:
    """Made-up stories as one page of 法治日报."""
    articles_store(stories, date=date, number=number, paper=PAPER)


def _titles(results: search.SearchResults) -> list[str]:
    return [hit.article.title for hit in results.hits]


def _get(client: Client, **params: Any) -> Any:
    """The search page rendered afresh, not from the page cache: its context is there to read."""
    cache.clear()
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


# -- Finding and ranking ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_credit_repair_finds_the_shenyang_feature_first() -> None:
    _seed()
    results = search.article_search(query="信用修复")
    assert _titles(results)[0] == FEATURE
    assert results.match is search.MATCHES[0] and not results.notes


@pytest.mark.django_db
def test_beijing_party_committee_finds_the_beijingstory() -> None:
    _seed()
    assert _titles(search.article_search(query="北京市委"))[0] == BEIJING


@pytest.mark.django_db
def test_search_page_lists_results_linking_to_the_article_with_the_query(client: Client) -> None:
    _seed()
    response = _get(client, q="信用修复")
    hit = response.context["results"].hits[0]
    assert hit.url == f"/articles/{hit.article.pk}/?q=%E4%BF%A1%E7%94%A8%E4%BF%AE%E5%A4%8D"
    assert f'href="{hit.url}"' in response.content.decode()


@pytest.mark.django_db
def test_a_search_asked_again_comes_from_the_page_cache_until_a_page_is_ingested(
    client: Client, django_assert_num_queries
) -> None:
    _seed()
    first = client.get("/search/", {"q": "信用修复"}).content
    with django_assert_num_queries(0):  # the archive's version read a moment ago still holds
        assert client.get("/search/", {"q": "信用修复"}).content == first

    _seed(DATE + datetime.timedelta(days=1))

    again = client.get("/search/", {"q": "信用修复"}).context["results"]
    assert [hit.article.page.issue.date for hit in again.hits[:2]] == [
        DATE + datetime.timedelta(days=1),
        DATE,
    ]


@pytest.mark.django_db
def test_a_word_in_one_title_outranks_it_in_another_body_even_when_that_one_is_newer() -> None:
    _stories(story(1, title="蒲公英开花了", body="春天来了，田野一片金黄。"))
    _stories(
        story(1, title="田野里的春天", body="春天的田埂上，蒲公英很多。"),
        date=DATE + datetime.timedelta(days=1),
    )
    assert _titles(search.article_search(query="蒲公英")) == ["蒲公英开花了", "田野里的春天"]


@pytest.mark.django_db
def test_equal_ranks_come_newest_issue_first() -> None:
    _seed(DATE)
    _seed(DATE + datetime.timedelta(days=7))
    results = search.article_search(query="信用修复")
    assert [h.article.title for h in results.hits[:2]] == [FEATURE, FEATURE]
    assert [h.article.issue_date for h in results.hits[:2]] == [DATE + datetime.timedelta(days=7), DATE]


@pytest.mark.django_db
def test_merged_articles_are_not_found() -> None:
    _seed()
    feature = models.Article.objects.get(title=FEATURE)
    feature.merged_into = models.Article.objects.get(title=BEIJING)
    feature.save(update_fields=["merged_into"])
    results = search.article_search(query="信用修复")
    assert feature.pk not in [hit.article.pk for hit in results.hits]


# -- Snippets --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_snippet_marks_the_words_and_escapes_the_text(client: Client) -> None:
    _stories(story(1, title="<b>蒲公英</b>", body="<script>alert('x')</script>田边的蒲公英 & 野草。"))
    hit = search.article_search(query="蒲公英").hits[0]
    assert (
        hit.snippet
        == "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;田边的<mark>蒲公英</mark> &amp; 野草。"
    )
    assert hit.headline == "&lt;b&gt;<mark>蒲公英</mark>&lt;/b&gt;"
    page = _get(client, q="蒲公英").content.decode()
    assert "<mark>蒲公英</mark>" in page and "<script>alert" not in page


@pytest.mark.django_db
def test_snippet_comes_from_the_paragraph_with_the_words_not_the_lead() -> None:
    _seed()
    hit = search.article_search(query="信用修复").hits[0]
    assert "<mark>信用修复</mark>" in hit.snippet  # words side by side in one mark
    assert " " not in hit.snippet.replace("</mark> <mark>", "")  # real text, not the spaced index text


def test_snippet_starts_at_the_sentence_of_the_first_match_and_is_cut_with_an_ellipsis() -> None:
    text = "前面的句子很长很长很长很长很长很长很长很长很长很长。这一句里有蒲公英，" + "后文" * 100
    snippet = search.snippet_html([text], search.terms_pattern(["蒲公英"]))
    assert snippet.startswith("…这一句里有<mark>蒲公英</mark>")
    assert snippet.endswith("…") and len(snippet) < search.SNIPPET_CHARS + 40


def test_snippet_without_a_match_is_the_lead() -> None:
    assert search.snippet_html(["别的段落"], search.terms_pattern(["蒲公英"]), lead="导语") == "导语"


def test_latin_terms_match_whole_words_only() -> None:
    pattern = search.terms_pattern(["AI"])
    assert (
        search.highlight_html("AI said: ai, said", pattern) == "<mark>AI</mark> said: <mark>ai</mark>, said"
    )


# -- Filters ---------------------------------------------------------------------------------------


@pytest.fixture
def two_papers() -> None:
    """The seed page in 法治日报 of 2025-01-24 and in 检察日报 of 2025-02-03."""
    _seed(DATE)
    _seed(DATE + datetime.timedelta(days=10), paper=OTHER_PAPER)


def _all(client: Client, **params: Any) -> list[models.Article]:
    results = _get(client, q="政法", **params).context["results"]
    assert results.total == len(results.hits)  # one page holds them all
    return [hit.article for hit in results.hits]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "kept"),
    [
        ({"paper": OTHER_PAPER}, lambda a: a.paper_name == OTHER_PAPER),
        ({"from": "2025-02-01"}, lambda a: a.issue_date >= datetime.date(2025, 2, 1)),
        ({"to": "2025-01-31"}, lambda a: a.issue_date <= datetime.date(2025, 1, 31)),
        ({"region": "110000"}, lambda a: a.region_name == "北京市"),
        ({"reporter": "黄洁"}, lambda a: "黄洁" in a.byline_names),
        (
            {"reporter": "黄洁", "paper": PAPER, "from": "2025-01-01", "to": "2025-01-31"},
            lambda a: a.paper_name == PAPER and "黄洁" in a.byline_names,
        ),
    ],
)
def test_each_filter_narrows_the_results(client: Client, two_papers: None, params: dict, kept: Any) -> None:
    everything = _all(client)
    narrowed = _all(client, **params)
    assert 0 < len(narrowed) < len(everything)
    assert all(kept(article) for article in narrowed)
    assert len(narrowed) == sum(1 for article in everything if kept(article))


@pytest.mark.django_db
def test_filters_are_shown_in_the_form(client: Client, two_papers: None) -> None:
    page = _get(
        client, q="政法", region="110000", paper=OTHER_PAPER, reporter="黄洁", **{"from": "2025-02-01"}
    )
    html = page.content.decode()
    assert 'value="2025-02-01"' in html
    assert 'name="region" value="北京市"' in html  # the place's name, not its code
    assert f'<option value="{OTHER_PAPER}" selected>' in html
    assert 'value="黄洁"' in html


@pytest.mark.django_db
def test_invalid_filter_values_are_ignored_with_a_note(client: Client, two_papers: None) -> None:
    response = _get(
        client, q="政法", region="999999", paper="nope", reporter="不存在的人", **{"from": "2025-13-45"}
    )
    notes = " ".join(response.context["notes"])
    assert "不存在的人" in notes and "起始日期" in notes and "地区" in notes and "报纸" in notes
    assert len(response.context["results"].hits) == len(_all(client))


@pytest.mark.django_db
def test_dates_the_wrong_way_round_are_swapped(client: Client, two_papers: None) -> None:
    response = _get(client, q="政法", **{"from": "2025-02-10", "to": "2025-02-01"})
    assert "对调" in " ".join(response.context["notes"])
    assert {a.issue_date for a in _all(client, **{"from": "2025-02-10", "to": "2025-02-01"})} == {
        datetime.date(2025, 2, 3)
    }


@pytest.mark.django_db
def test_filters_without_words_list_the_newest_first(client: Client, two_papers: None) -> None:
    results = _get(client, region="110000").context["results"]
    assert [hit.article.issue_date for hit in results.hits] == [datetime.date(2025, 2, 3), DATE]


# -- Looser matching -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_words_that_never_meet_fall_back_to_any_of_them_and_say_so(client: Client) -> None:
    _seed()
    assert search.article_search(query="讨薪").total == 1
    response = _get(client, q="讨薪 沈阳市")
    results = response.context["results"]
    assert results.match.name == "any"
    assert {WAGES, FEATURE} <= set(_titles(results))
    assert PARTIAL in response.content.decode()


@pytest.mark.django_db
def test_a_word_inside_a_longer_one_is_found_without_the_partial_match_note() -> None:
    _seed()  # the feature has 沈阳市, which jieba keeps whole (issue 15: only the fallback found it)
    results = search.article_search(query="沈阳")
    assert results.match.name == "all"
    assert _titles(results) == [FEATURE]
    assert not results.notes
    assert "<mark>沈阳</mark>市" in results.hits[0].snippet


@pytest.mark.django_db
def test_nothing_found_at_all_says_so(client: Client) -> None:
    _seed()
    response = _get(client, q="量子纠缠")
    assert not response.context["results"].hits
    assert "没有找到含「量子纠缠」的稿件" in response.content.decode()


# -- Odd input -------------------------------------------------------------------------------------

ODD = [
    "",
    " ",
    '"',
    "'",
    "&",
    "|",
    "!",
    ":*",
    "信用:*",
    "'信用' & !修复",
    "'; DROP TABLE articles_article; --",
    "\\",
    "信用\\",
    "😀",
    "😀信用😀",
    "，。！？——",
    "((",
    "%_",
    "<script>",
    "a" * 5000,
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ODD)
def test_odd_queries_get_a_page(client: Client, query: str) -> None:
    _seed()
    articles = models.Article.objects.count()
    response = _get(client, q=query)
    assert "<script>" not in response.content.decode().split("</header>", 1)[-1]
    assert models.Article.objects.count() == articles


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["from", "to", "region", "reporter", "paper", "page"])
def test_odd_filter_values_get_a_page(client: Client, name: str) -> None:
    _seed()
    for value in ["\x01", "'; DROP TABLE x; --", "😀", "9" * 400, "-1"]:
        _get(client, q="政法", **{name: value})
    assert client.get("/search/", {"q": "政法", name: "\x00"}).status_code == 400  # see test_faults


@pytest.mark.django_db
def test_an_overlong_query_is_cut_and_says_so(client: Client) -> None:
    _seed()
    response = _get(client, q="信用修复" * 100)
    results = response.context["results"]
    assert len(results.query) == search.MAX_QUERY_CHARS
    assert "太长" in " ".join(response.context["notes"])
    assert _titles(results)[0] == FEATURE


def test_terms_are_quoted_for_to_tsquery() -> None:
    assert search.tsquery_text(["信用", "it's", "a\\b"]) == "'信用' & 'it''s' & 'a\\\\b'"
    assert search.tsquery_text(["信用", "修"], any_term=True, prefix=True) == "'信用':* | '修'"


def test_query_words_are_segmented_without_punctuation() -> None:
    assert search.query_terms("信用修复，信用 & DROP!") == ["信用", "修复", "DROP"]
    assert search.query_terms("😀 ，。") == []


# -- Cost ------------------------------------------------------------------------------------------


def _queries(client: Client, **params: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        _get(client, **params)
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_results(client: Client) -> None:
    _seed(DATE)
    few = _queries(client, q="政法")
    for days in range(1, 5):
        _seed(DATE + datetime.timedelta(days=days))
    many = _queries(client, q="政法")
    assert len(search.article_search(query="政法").hits) > 4 * 4
    assert many == few <= 17  # 16, and one for the facets (issue 15)


@pytest.mark.django_db
def test_many_matches_rank_the_newest_pages_and_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ranking, "RANK_ALL", 4)
    monkeypatch.setattr(ranking, "COUNT_UP_TO", 4)
    monkeypatch.setattr(ranking, "RANK_WINDOW", 8)
    for days in range(6):
        _seed(DATE + datetime.timedelta(days=days))
    results = search.article_search(query="政法")
    assert results.windowed and results.ordered < results.total
    assert "最新的" in results.notes[0]
    newest = DATE + datetime.timedelta(days=5)
    assert results.hits[0].article.issue_date == newest
    assert min(hit.article.issue_date for hit in results.hits) >= DATE + datetime.timedelta(days=3)


@pytest.mark.django_db
def test_pages_of_results(client: Client) -> None:
    for days in range(4):  # 6 articles with 政法 each: 24, two pages
        _seed(DATE + datetime.timedelta(days=days))
    first = _get(client, q="政法").context["results"]
    second = _get(client, q="政法", page="2").context["results"]
    assert first.page.has_next() and second.page.number == 2
    assert not {h.article.pk for h in first.hits} & {h.article.pk for h in second.hits}
    assert _get(client, q="政法", page="999").context["results"].page.number == first.page.paginator.num_pages
