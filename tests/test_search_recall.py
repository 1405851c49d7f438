"""Search finds every story that holds a query word (issue 15): words inside longer words and across
jieba's cuts, single hanzi, numbers; exact words above pieces and titles above text; phrases ("信用修复")
and exclusions (信用 -修复); the stored vectors remade by `manage.py search_reindex`."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from articles import models, search
from articles.search import highlight_html, terms_pattern
from tests.seeding import stories_store

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 1, 24)


def _found(query: str) -> list[str]:
    return [hit.article.title for hit in search.article_search(query=query).hits]


def test_a_word_inside_a_longer_word_finds_the_story_that_has_only_the_longer_word() -> None:
    stories_store(("市里召开会议", "市检察院今天召开会议。"), ("天气", "今天天气晴。"))
    assert _found("检察") == ["市里召开会议"]


def test_a_word_across_jiebas_cut_is_found() -> None:
    stories_store(("群众", "广大人民和群众一起。"), ("天气", "今天天气晴。"))  # cut 人民 / 和
    assert _found("民和") == ["群众"]


def test_one_hanzi_finds_every_story_that_has_it_in_any_word() -> None:
    stories_store(("法治", "依法治国。"), ("执法", "严格执法。"), ("天气", "今天天气晴。"))
    assert sorted(_found("法")) == ["执法", "法治"]


def test_a_name_the_dictionary_does_not_know_is_found_by_its_hanzi() -> None:
    stories_store(("报道", "记者贾小珺报道。"), ("天气", "今天天气晴。"))
    assert _found("小珺") == ["报道"]


def test_exact_words_rank_above_pieces_and_titles_above_text() -> None:
    stories_store(
        ("最高人民检察院报告", "今天发布。"),  # a piece of a title word
        ("工作报告", "开展检察监督。"),  # the word in the text
        ("检察与监督", "今天召开会议。"),  # the word in the title
        ("通报", "最高人民检察院今天发布。"),  # a piece of a text word
    )
    assert _found("检察") == ["检察与监督", "工作报告", "最高人民检察院报告", "通报"]


def test_a_query_word_jieba_cuts_in_two_finds_its_parts_side_by_side_only() -> None:
    stories_store(("计划", "2025年工作计划。"), ("预计", "预计2025达到，去年如此。"))
    results = search.article_search(query="2025年")
    assert [hit.article.title for hit in results.hits] == ["计划"]
    assert results.match.name == "all"


def test_parts_of_a_latin_word_and_a_number_with_its_sign_are_found() -> None:
    stories_store(("疫情", "COVID-19 疫情期间增长84%。"), ("天气", "今天天气晴。"))
    assert _found("covid") == ["疫情"]
    assert _found("84") == ["疫情"]
    assert _found("84%") == ["疫情"]


def test_blanks_a_page_dump_put_between_characters_are_read_as_nothing() -> None:
    stories_store(("务工", "总量达1 . 8亿人，记者王 闽摄。"), ("天气", "今天天气晴。"))
    assert _found("1.8亿") == ["务工"]
    assert _found("王闽") == ["务工"]


# -- Phrases and exclusions --------------------------------------------------------------------------

PHRASE = ("修复", "推进信用修复改革。")
APART = ("信用", "信用良好，修复关系。")
ONLY_CREDIT = ("诚信", "信用体系建设。")


def test_a_quoted_phrase_finds_its_words_side_by_side_only() -> None:
    stories_store(PHRASE, APART)
    assert _found('"信用修复"') == ["修复"]
    assert _found("“信用修复”") == ["修复"]


def test_words_typed_together_are_a_phrase_and_apart_need_only_be_in_the_story() -> None:
    stories_store(PHRASE, APART)
    assert _found("信用修复") == ["修复"]
    assert sorted(_found("信用 修复")) == ["信用", "修复"]


def test_a_minus_word_leaves_out_the_stories_that_have_it() -> None:
    stories_store(PHRASE, APART, ONLY_CREDIT)
    assert _found("信用 -修复") == ["诚信"]
    assert sorted(_found('信用 -"信用修复"')) == ["信用", "诚信"]


def test_only_words_to_leave_out_find_nothing_and_say_why() -> None:
    stories_store(PHRASE)
    results = search.article_search(query="-修复")
    assert not results.hits
    assert any("排除" in note for note in results.notes)


def test_a_phrase_is_marked_as_one_and_words_side_by_side_in_one_mark() -> None:
    stories_store(PHRASE)
    (hit,) = search.article_search(query='"信用修复"').hits
    assert "<mark>信用修复</mark>" in hit.snippet
    assert str(highlight_html("推进信用修复改革", terms_pattern(["信用", "修复"]))) == (
        "推进<mark>信用修复</mark>改革"
    )


# -- Stored vectors remade ---------------------------------------------------------------------------


def test_search_reindex_remakes_every_stored_vector() -> None:
    (story,) = stories_store(("市里召开会议", "市检察院今天召开会议。"))
    models.Article.objects.update(search_vector=None)
    assert _found("检察") == []

    call_command("search_reindex", verbosity=0)

    assert _found("检察") == ["市里召开会议"]


def test_a_phrase_whose_words_are_in_many_stories_lists_only_those_with_them_side_by_side(
    monkeypatch,
) -> None:  # noqa: ANN001
    from articles.search import ranking

    # Beyond CHECK_UP_TO stories with both words, they are not each checked to be counted: only the
    # newest window is; still only stories with the phrase are listed.
    monkeypatch.setattr(ranking, "CHECK_UP_TO", 2)
    monkeypatch.setattr(ranking, "RANK_ALL", 4)
    monkeypatch.setattr(ranking, "RANK_WINDOW", 4)
    stories_store(PHRASE, APART, APART, date=DAY)
    stories_store(APART, PHRASE, APART, date=DAY + datetime.timedelta(days=1))
    results = search.article_search(query='"信用修复"')
    assert [hit.article.title for hit in results.hits] == ["修复", "修复"]
    assert results.total == 2  # every page was in the window: all were checked

    only_apart = search.article_search(query='"修复关系信用"')
    assert not only_apart.hits


@pytest.mark.parametrize("tries", [3, 1])
def test_a_phrase_only_in_an_older_story_than_the_first_window_is_still_found(
    monkeypatch, tries: int
) -> None:  # noqa: ANN001
    from articles.search import ranking

    # The newest window holds the words only apart: it grows to the older page holding the phrase; when
    # that is further back than every growth tried (1), the archive says it holds the phrase, so the window
    # grows on until it finds it (it had listed nothing, "没有找到").
    monkeypatch.setattr(ranking, "CHECK_UP_TO", 2)
    monkeypatch.setattr(ranking, "RANK_ALL", 4)
    monkeypatch.setattr(ranking, "RANK_WINDOW", 2)
    monkeypatch.setattr(ranking, "WINDOW_TRIES", tries)
    stories_store(PHRASE, APART, date=DAY)
    for n in range(1, 4):
        stories_store(APART, APART, date=DAY + datetime.timedelta(days=n))
    results = search.article_search(query='"信用修复"')
    assert [hit.article.title for hit in results.hits] == ["修复"]
    assert results.match is not None and results.match.name == "all"


def test_a_phrase_in_no_story_whose_words_are_in_many_finds_them_apart(monkeypatch) -> None:  # noqa: ANN001
    from articles.search import ranking

    # Beyond CHECK_UP_TO stories with both words and no window holding the phrase, the archive is asked
    # whether any story has it; none has: the words apart are what is found, and said so.
    monkeypatch.setattr(ranking, "CHECK_UP_TO", 2)
    monkeypatch.setattr(ranking, "RANK_ALL", 4)
    monkeypatch.setattr(ranking, "RANK_WINDOW", 2)
    for n in range(3):
        stories_store(APART, APART, date=DAY + datetime.timedelta(days=n))
    results = search.article_search(query="信用修复")
    assert results.hits and {hit.article.title for hit in results.hits} == {"信用"}
    assert results.match is not None and results.match.name == "all_words"
    assert any("不相连" in note for note in results.notes)


def test_search_reindex_puts_a_storys_later_parts_into_its_vector() -> None:
    head, part = stories_store(("开头", "今天召开会议。"), ("下文", "讨论信用修复。"))
    part.continues = head
    part.save(update_fields=["continues"])
    models.Article.objects.update(search_vector=None)

    call_command("search_reindex", verbosity=0)

    assert _found("信用修复") == ["开头"]  # the story, by the words of its part on another page


def test_words_a_comma_apart_need_only_be_in_the_story() -> None:
    stories_store(PHRASE, APART)
    assert sorted(_found("信用，修复")) == ["信用", "修复"]
