"""Pages whose paragraphs are not indented, as a PDF tool that drops leading blanks gives them: the engine
reads a flush line as a paragraph's or a headline's by the column (a paragraph's lines fill it, its last ends
a sentence). Each with the smallest page that shows it. No database."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from articles.reconstruct import text
from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.values import Page, ParagraphKind

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "fixtures" / "pages"
SAMPLE = ROOT / "fixtures" / "corpus" / "rmrb_sample.jsonl"
sys.path.insert(0, str(ROOT / "tools"))
from corpus_layout import LAYOUTS, Layout, clean, lay_out, load_pages, page_key  # noqa: E402

COLUMN = 16
WETLAND_TEXT = "湿地保护区里候鸟成群，湿地面积逐年扩大，湿地公园成了市民休闲的去处。"
# Its last line ends a sentence right at the column's end.
FULL_END_TEXT = "湿地保护区里候鸟成群，湿地面积逐年扩大，成了市民休闲散步的去处。"
# Its first line, broken at the column's width, carries no punctuation.
PATROL_TEXT = "守岛夫妇每天清晨沿着蛇岛的小路巡查一遍，防止有人上岛捕蛇，蛇岛上的蝮蛇正在冬眠。"
SNAKE_TEXT = "春节期间，守岛夫妇在蛇岛上贴起福字，蛇岛的年过得冷清又温暖，鸟也多了。"
# Running text with a comma, broken right at the column's width onto a short line.
SUBHEAD_TEXT = "资源优化配置，居民和农业用户电价水平不变"
# A subhead without punctuation, two characters too long for the column.
BARE_SUBHEAD_TEXT = "湿地保护区全力构建候鸟迁徙通道新格局"
# Its last line ends a sentence a character short of the column.
SHORT_END_TEXT = "湿地保护区里候鸟成群，湿地面积逐年扩大，成了市民休闲的好去处。"
LETTER_TEXT = "爸爸在南极考察站给你们写信，这里的冬天很长，企鹅们排着队散步，爸爸很想你们。"


def page(*lines: str) -> Page:
    return reconstruct_page(("\n".join(lines) + "\n").encode("utf-8"))


def flush(text: str, width: int = COLUMN) -> list[str]:
    """A paragraph as a PDF tool that drops leading blanks gives it: broken at the column's width, flush."""
    return [text[i : i + width] for i in range(0, len(text), width)]


def dropped(text: str, width: int = COLUMN, indent: int = 2) -> list[str]:
    """A paragraph set indented, as a PDF tool that drops the indent's blanks gives it: its first line two
    characters short of the column (two full-width blanks), or `indent` (one for two ASCII blanks)."""
    return [text[: width - indent]] + flush(text[width - indent :], width)


def dropped_all(texts: list[str], indent: int = 2) -> list[str]:
    """Paragraphs one after another, each as `dropped` gives it."""
    return [line for text in texts for line in dropped(text, indent=indent)]


def test_a_title_closed_by_its_column_s_tag_at_the_page_s_top_heads_the_flush_text_under_it() -> None:
    # As wide as the column, and running text right under it with nothing to set them apart: but nothing
    # runs above it, and a paragraph does not stop at a column's tag.
    opening = "买卖珍稀野生动物，很多源于尝鲜、猎奇，甚至无来由的民间传说"
    result = page(
        "用心审视舌尖上的需求（说道）", *flush(opening, 14), *flush("您知道长江刀鱼吗？这种鱼濒临灭绝。", 14)
    )
    (article,) = result.articles
    assert article.title == "用心审视舌尖上的需求（说道）"
    assert article.paragraphs[0].text.startswith(opening)


def test_a_flush_line_filling_the_column_without_punctuation_opens_the_paragraph_below_a_headline() -> None:
    result = page(
        "湿地保护见成效",
        *flush(WETLAND_TEXT),
        "守岛夫妇在蛇岛过年",
        *flush(PATROL_TEXT),
        *flush(SNAKE_TEXT),
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "守岛夫妇在蛇岛过年"]
    patrol = result.articles[1]
    assert patrol.subtitle is None
    assert [p.text for p in patrol.paragraphs][:1] == [PATROL_TEXT]


def test_a_short_flush_line_with_a_comma_ending_no_sentence_heads_the_next_story() -> None:
    # Its comma reads as running text, yet it stops short of the column and ends no sentence: a kicker.
    result = page(
        "湿地保护见成效",
        *flush(WETLAND_TEXT),
        "守岛二十年，夫妇俩以岛为家",
        "守岛夫妇在蛇岛过年",
        *flush(SNAKE_TEXT),
    )
    assert [(a.kicker, a.title) for a in result.articles] == [
        (None, "湿地保护见成效"),
        ("守岛二十年，夫妇俩以岛为家", "守岛夫妇在蛇岛过年"),
    ]
    assert "守岛二十年" not in result.articles[0].text


def test_a_dateline_with_its_reporter_in_brackets_on_a_flush_line_is_no_column_title() -> None:
    # `本报北京10月28日电 （记者寇江泽）` has the shape of a title and its column's tag; it is the lead.
    result = page(
        "湿地保护见成效",
        *flush(WETLAND_TEXT),
        "守岛夫妇在蛇岛过年",
        "本报北京10月28日电 （记者寇江泽）",
        *flush(PATROL_TEXT),
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "守岛夫妇在蛇岛过年"]
    snake = result.articles[1]
    assert snake.dateline is not None and snake.dateline.place == "北京"
    assert [(b.name, b.role) for b in snake.bylines] == [("寇江泽", "reporter")]


def test_running_text_broken_at_the_column_s_width_goes_on_onto_a_short_line() -> None:
    # A subhead with a comma, one character too long for the column: the short rest is its end, not a title.
    result = page(
        "湿地保护见成效",
        *flush(WETLAND_TEXT),
        *flush(SUBHEAD_TEXT),
        *flush(SNAKE_TEXT),
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效"]
    assert SUBHEAD_TEXT in [p.text for p in result.articles[0].paragraphs]


def test_a_salutation_over_a_flush_paragraph_opens_the_letter() -> None:
    # Its colon would make it a kicker over a title; the letter's text, filling the column, goes on below it.
    result = page(
        "湿地保护见成效",
        *flush(WETLAND_TEXT),
        "写给南极的家书",
        "亲爱的笑笑、果果：",
        *flush(LETTER_TEXT),
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "写给南极的家书"]
    letter = result.articles[1]
    assert letter.kicker is None and letter.subtitle is None
    assert [p.text for p in letter.paragraphs][:2] == ["亲爱的笑笑、果果：", LETTER_TEXT]


def test_a_line_ending_a_sentence_a_character_short_of_the_column_ends_its_paragraph() -> None:
    # Inside a paragraph, a line that ends a sentence fills the column: one a character short is the last.
    assert len(flush(SHORT_END_TEXT)[-1]) == COLUMN - 1
    result = page("湿地保护见成效", *flush(SHORT_END_TEXT), *flush(SNAKE_TEXT))
    assert [a.title for a in result.articles] == ["湿地保护见成效"]
    assert [p.text for p in result.articles[0].paragraphs] == [SHORT_END_TEXT, SNAKE_TEXT]


def test_a_sentence_standing_between_headline_lines_is_a_headline() -> None:
    # A paragraph of one line ends a sentence; one between a kicker and a subtitle is the title.
    result = page(
        "湿地保护见成效",
        *flush(WETLAND_TEXT),
        "洞庭湖区生态持续改善",
        "“看，候鸟回来了！”",
        "——记者走进湖区湿地",
        *flush(SNAKE_TEXT),
    )
    assert [(a.kicker, a.title, a.subtitle) for a in result.articles] == [
        (None, "湿地保护见成效", None),
        ("洞庭湖区生态持续改善", "“看，候鸟回来了！”", "——记者走进湖区湿地"),
    ]


def test_a_bare_line_broken_at_the_column_s_width_goes_on_onto_a_short_line() -> None:
    # No punctuation, yet exactly as wide as the column: broken there, as text is; a headline is not.
    assert len(flush(BARE_SUBHEAD_TEXT)[0]) == COLUMN
    result = page(
        "湿地保护见成效",
        *flush(WETLAND_TEXT),
        *flush(BARE_SUBHEAD_TEXT),
        *flush(SNAKE_TEXT),
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效"]
    assert BARE_SUBHEAD_TEXT in [p.text for p in result.articles[0].paragraphs]


def test_a_short_flush_line_with_a_comma_after_a_sentence_ending_at_the_column_s_end_is_a_headline() -> None:
    # The paragraph above may go on (its sentence ended at the line's end), but not onto a short line that
    # ends no sentence: a paragraph's line fills the column or ends the paragraph.
    assert len(flush(FULL_END_TEXT)[-1]) == COLUMN
    result = page(
        "湿地保护见成效",
        *flush(FULL_END_TEXT),
        "守岛二十年，夫妇俩以岛为家",
        "守岛夫妇在蛇岛过年",
        *flush(SNAKE_TEXT),
    )
    assert [(a.kicker, a.title) for a in result.articles] == [
        (None, "湿地保护见成效"),
        ("守岛二十年，夫妇俩以岛为家", "守岛夫妇在蛇岛过年"),
    ]
    assert [p.text for p in result.articles[0].paragraphs] == [FULL_END_TEXT]


def test_a_kicker_ending_with_a_colon_over_a_title_as_wide_as_the_column_stays_a_kicker() -> None:
    # A salutation opens a letter whose text goes on below it; here the empty line after the wide title
    # ends it: no paragraph's line, so the colon line is the title's kicker.
    result = page(
        "湿地保护见成效",
        "",
        *flush(WETLAND_TEXT),
        "",
        "国务院新闻办发言人：",
        "守岛夫妇在蛇岛过年守护候鸟家园",
        "",
        *flush(SNAKE_TEXT),
    )
    assert [(a.kicker, a.title) for a in result.articles] == [
        (None, "湿地保护见成效"),
        ("国务院新闻办发言人：", "守岛夫妇在蛇岛过年守护候鸟家园"),
    ]


def test_two_headline_lines_nearly_as_wide_as_the_column_over_an_empty_line_are_no_paragraph() -> None:
    # Each nearly fills the column, but the second, the last before an empty line, ends no sentence: no
    # paragraph ends so.
    result = page(
        "湿地保护见成效",
        "",
        *flush(WETLAND_TEXT),
        "",
        "夫妇在蛇岛过年，守护候鸟的家园",
        "湿地保护区里的守岛人春节不回家",
        "",
        *flush(SNAKE_TEXT),
    )
    assert [[a.kicker, a.title, a.subtitle] for a in result.articles] == [
        [None, "湿地保护见成效", None],
        [None, "夫妇在蛇岛过年，守护候鸟的家园", "湿地保护区里的守岛人春节不回家"],
    ]


def test_first_lines_short_of_the_column_by_a_dropped_indent_open_their_paragraphs() -> None:
    # The page was set indented; its first lines run two characters short of the column, as the indent was.
    texts = [WETLAND_TEXT, SNAKE_TEXT, LETTER_TEXT, FULL_END_TEXT, PATROL_TEXT]
    result = page("湿地保护见成效", *dropped_all(texts))
    assert [a.title for a in result.articles] == ["湿地保护见成效"]
    assert [p.text for p in result.articles[0].paragraphs] == texts


def test_a_sentence_signed_in_brackets_ends_a_paragraph_of_two_lines() -> None:
    result = page(
        "湿地保护见成效",
        *flush(WETLAND_TEXT),
        *flush(PATROL_TEXT),
        "这既需要制度保障，也需要守岛人",
        "担当作为。（张 伟）",
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效"]
    assert result.articles[0].paragraphs[-1].text == "这既需要制度保障，也需要守岛人担当作为。（张 伟）"


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.txt")))
def test_a_page_whose_indents_a_pdf_tool_dropped_keeps_its_stories_and_titles(name: str) -> None:
    # The golden pages with their leading blanks gone: their first lines run short by the indent, and
    # their stories may be set in columns of different widths (18 and 20 characters on the seed page).
    raw, _ = text.decode((PAGES / name).read_bytes())
    indented = reconstruct_page(raw)
    flat = reconstruct_page("\n".join(line.lstrip(" \u3000") for line in raw.split("\n")))
    assert [a.title for a in flat.articles] == [a.title for a in indented.articles]


BLOCK_HEADLINES = (
    "候鸟回来了，湖区生态好",
    "春节里，守岛人不回家",
    "湖区变了样，候鸟多了",
    "守岛二十年，以岛为家",
    "冬眠的蝮蛇，有人守护",
    "湿地公园里，游人如织",
    "年画展出了，年味浓浓",
    "灯笼挂起来，福字贴好",
)


def test_a_block_of_short_headlines_with_commas_does_not_narrow_the_column_measured_there() -> None:
    # Measured over the block's lines, the column would be as narrow as they are, and the bare line below
    # them, as wide, would read as text broken at it: only lines near the page's column measure it.
    blank_then = [line for headline in BLOCK_HEADLINES for line in ("", headline)]
    result = page(
        "湿地保护见成效",
        *flush(WETLAND_TEXT),
        "守岛夫妇在蛇岛过年",
        *flush(SNAKE_TEXT),
        *blank_then,
        "",
        "安徽泗县小丁村孙达敏",
        "“要脱贫，鼓起精气神”",
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "守岛夫妇在蛇岛过年"]
    assert not any("孙达敏" in p.text for a in result.articles for p in a.paragraphs)


# Its first line, two characters short of the column as the dropped indent left it, carries a comma; the
# rest of it, on the next line, ends no sentence.
DECK_TEXT = "一座城市与湿地的约定，守护着候鸟迁徙的家园"


def test_a_first_line_broken_short_by_a_dropped_indent_goes_on_onto_a_line_ending_no_sentence() -> None:
    texts = [WETLAND_TEXT, SNAKE_TEXT, LETTER_TEXT, DECK_TEXT, FULL_END_TEXT, PATROL_TEXT]
    result = page("湿地保护见成效", *dropped_all(texts))
    assert [a.title for a in result.articles] == ["湿地保护见成效"]
    assert [p.text for p in result.articles[0].paragraphs] == texts


def test_a_kicker_as_wide_as_a_first_line_short_by_the_dropped_indent_stays_over_its_title() -> None:
    # The kicker, with a 、, runs exactly as far as a paragraph's first line does; but the short line under it
    # goes on to another headline line, not to a paragraph: no paragraph ends there.
    texts = [WETLAND_TEXT, SNAKE_TEXT, LETTER_TEXT, FULL_END_TEXT, PATROL_TEXT]
    result = page(
        "湖区建立护鸟、湿地巡查等制度",
        "候鸟回来了",
        "湖区生态好起来",
        *dropped_all(texts),
    )
    assert [(a.kicker, a.title) for a in result.articles] == [("湖区建立护鸟、湿地巡查等制度", "候鸟回来了")]
    assert [p.text for p in result.articles[0].paragraphs] == texts


def test_a_kicker_closing_with_its_dash_at_the_column_s_width_stays_over_its_short_title() -> None:
    # The kicker fills the column exactly, as running text broken there would; but text broken after a dash
    # goes on to fill the column or to end a sentence, and the short line under it does neither: its title.
    kicker = "守护冬眠的黑眉蝮蛇，高山夫妇——"
    assert len(kicker) == COLUMN
    texts = [WETLAND_TEXT, SNAKE_TEXT, LETTER_TEXT, FULL_END_TEXT, PATROL_TEXT]
    result = page(kicker, "在蛇岛过年", *dropped_all(texts))
    assert [(a.kicker, a.title) for a in result.articles] == [(kicker, "在蛇岛过年")]
    assert [p.text for p in result.articles[0].paragraphs] == texts


def test_a_one_line_paragraph_ending_with_a_full_stop_above_a_continuation_marker_closes_the_story_above() -> (
    None
):
    # Flush, right above `（上接第2版）` on a line of its own, the line stands where a jump headline would; but no
    # headline ends with a full stop: it is the last paragraph of the story above.
    closer = "会议还研究了其他事项。"
    above, below = [WETLAND_TEXT, FULL_END_TEXT, PATROL_TEXT], [SNAKE_TEXT, LETTER_TEXT]
    result = page(
        "湿地保护见成效",
        "",
        *[line for text in above for line in [*dropped(text), ""]],
        closer,
        "",
        "（上接第2版）",
        "",
        *[line for text in below for line in [*dropped(text), ""]],
        "守岛人",
    )
    assert [p.text for p in result.articles[0].paragraphs] == [*above, closer]
    assert not result.unmatched_headlines


def test_a_salutation_over_a_paragraph_whose_first_line_lost_its_indent_opens_the_letter() -> None:
    # The letter's first line runs short of the column by the dropped indent, as every paragraph's does.
    texts = [LETTER_TEXT, SNAKE_TEXT, SHORT_END_TEXT, FULL_END_TEXT]
    result = page("写给南极的家书", "亲爱的笑笑、果果：", *dropped_all(texts))
    assert [(a.kicker, a.title, a.subtitle) for a in result.articles] == [(None, "写给南极的家书", None)]
    letter = result.articles[0]
    assert [p.text for p in letter.paragraphs] == ["亲爱的笑笑、果果：", *texts]


# A note closing a story, in brackets and without punctuation inside, broken as a paragraph is.
NOTE_TEXT = "（作者为洞庭湖湿地保护协会副会长）"


def test_a_closing_note_whose_first_line_lost_its_indent_stays_with_its_story() -> None:
    texts = [WETLAND_TEXT, SNAKE_TEXT, LETTER_TEXT, FULL_END_TEXT, PATROL_TEXT, NOTE_TEXT]
    result = page("湿地保护见成效", *dropped_all(texts))
    assert [a.title for a in result.articles] == ["湿地保护见成效"]
    assert [p.text for p in result.articles[0].paragraphs] == texts


def test_a_bare_line_a_cell_shorter_than_a_first_line_does_not_run_into_the_line_below() -> None:
    # Every first line here runs right to the column less the dropped indent (14 of 16), so a bare line of 13
    # is a headline's, not a paragraph's over a line filling the column.
    texts = [WETLAND_TEXT, SNAKE_TEXT, LETTER_TEXT, FULL_END_TEXT, PATROL_TEXT]
    bare, full = "湖区守岛夫妇在蛇岛上过大年", "湖区湿地保护协会发布年度候鸟报告"
    result = page("湿地保护见成效", *dropped_all(texts), bare, full, "候鸟成群飞回湖区")
    assert not any(bare + full in p.text for a in result.articles for p in a.paragraphs)


# Set indented and its indent dropped, its last line ends a sentence right at the column's end.
DROPPED_FULL_END_TEXT = "湿地保护区里候鸟成群，湿地面积逐年扩大，成了市民休闲的去处。"


def test_a_line_as_short_as_a_first_line_opens_a_paragraph_after_one_ending_at_the_column_s_end() -> None:
    # The paragraph above ends a sentence right at the column's end; the line below, with a comma, would go on
    # with it, but it runs short by the dropped indent where the paragraph's own lines fill the column.
    texts = [WETLAND_TEXT, SNAKE_TEXT, DROPPED_FULL_END_TEXT, LETTER_TEXT, SHORT_END_TEXT, PATROL_TEXT]
    result = page("湿地保护见成效", *dropped_all(texts))
    assert [p.text for p in result.articles[0].paragraphs] == texts


def test_a_bare_line_as_wide_as_the_column_under_a_headline_is_a_headline_s_where_first_lines_lost_an_indent() -> (
    None
):
    # A paragraph opening under the subhead would run short by the dropped indent; the quoted line fills the
    # column, its closing quote wrapped: it is the subhead's second line, not a paragraph.
    above = [WETLAND_TEXT, SNAKE_TEXT, LETTER_TEXT, SHORT_END_TEXT]
    below = [PATROL_TEXT, FULL_END_TEXT]
    quoted = "“守岛夫妇以岛为家守护候鸟二十年"
    result = page(
        "湿地保护见成效",
        *[line for t in above for line in dropped(t)],
        "春节不回家",
        quoted,
        "”",
        *[line for t in below for line in dropped(t)],
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效"]
    paragraphs = [p.text for p in result.articles[0].paragraphs]
    assert quoted + "”" not in paragraphs
    assert paragraphs[: len(above)] == above and paragraphs[-len(below) :] == below


@pytest.mark.parametrize(
    "credit", [["王明摄（影像中国）"], []], ids=["under a photo's credit", "under a story"]
)
def test_lines_with_no_mark_right_above_a_dateline_are_its_story_s_headline(credit: list[str]) -> None:
    # The first line fills the column as running text would, and the second, short, would end its paragraph;
    # but no mark in either, and the dateline under them opens a story: they are its headline.
    result = page(
        *flush(WETLAND_TEXT),
        *flush(SNAKE_TEXT),
        *flush("图为守岛夫妇在巡查蛇岛的小路。"),
        *credit,
        "湿地候鸟迁徙季节到来观鸟人增多啦",
        "观鸟热度持续",
        *flush("本报天津1月23日电 （记者王明）" + PATROL_TEXT),
        *flush(SNAKE_TEXT),
    )
    dated = result.articles[-1]
    assert (dated.kicker, dated.title) == ("湿地候鸟迁徙季节到来观鸟人增多啦", "观鸟热度持续")
    assert dated.paragraphs[0].text.startswith("本报天津1月23日电")


def test_a_closing_note_with_no_mark_right_above_a_dateline_stays_with_the_story_it_closes() -> None:
    # The page's headlines stand in a block at the top: the note stands right above the next story's dateline.
    result = page(
        "湿地保护见成效",
        "守岛夫妇在蛇岛过年",
        *flush(WETLAND_TEXT),
        *flush(SNAKE_TEXT),
        *flush("（作者为伦敦湿地保护协会理事会副会长兼秘书长）"),
        *flush("本报大连1月23日电 （记者王明）" + PATROL_TEXT),
    )
    assert result.articles[0].text.endswith("（作者为伦敦湿地保护协会理事会副会长兼秘书长）")
    assert result.articles[1].paragraphs[0].text.startswith("本报大连1月23日电")
    headlines = [x for a in result.articles for x in (a.kicker, a.title, a.subtitle) if x]
    assert not any("作者为" in x for x in headlines)


def test_a_subhead_whose_first_line_lost_its_indent_wraps_and_stays_inside_its_feature() -> None:
    # Each subhead is a paragraph of its own, its first line short of the column by the dropped indent and
    # broken there (湖北鄂州特殊教育学校李端 / 林——): a line broken at the column, not a new story's headline.
    texts = [
        "寒假里，孩子们的生活丰富多彩。有的在家里读书写字，有的走进田间地头，有的参加体育训练。",
        "记者走访了几位好少年，看看他们的寒假是怎么过的。",
        "湖北鄂州特殊教育学校李端林——",
        "“我喜欢看书，它能带给我力量”",
        "春节期间，李端林每天早起读书写字，他说书里的世界很大，看书让他不再孤单，也让他学会了坚强。",
        "李端林的老师说，这个孩子很努力，学习成绩一直很好，今年还学会了电工，毕业后想当一名电工师傅。",
        "李端林的妈妈说，孩子懂事了，放假回家就帮着干家务，做饭洗衣样样都行，邻居们都夸他。",
    ]
    result = page("美好而充实的一天", "", *[line for text in texts for line in [*dropped(text, 14), ""]])
    (feature,) = result.articles
    assert feature.title == "美好而充实的一天"
    assert "".join(p.text for p in feature.paragraphs).replace(" ", "") == "".join(texts)


def test_a_subhead_wider_than_a_short_line_but_within_a_wide_column_stays_inside_its_feature() -> None:
    # In a column of 20 with no indents, the subhead (18 characters, no mark) is set in the column as a
    # paragraph's first line would be; the text either side talks of one boy. Only a line wider than the
    # column spans columns as a headline does.
    width = 20
    before = [
        "寒假里，孩子们的生活丰富多彩。有的在家里读书写字，有的走进田间地头，有的参加体育训练，过得充实。",
        "记者走访了几位好少年，其中有特殊教育学校的李端林，看看他们的寒假是怎么过的，听听他们读书的故事。",
    ]
    subhead = "湖北鄂州特殊教育学校学生李端林读书忙"
    after = [
        "春节期间，李端林每天早起读书写字，他说书里的世界很大，看书让他不再孤单，也让他学会了坚强。",
        "李端林的老师说，这个孩子很努力，学习成绩一直很好，今年还学会了电工，毕业后想当一名电工师傅。",
        "李端林的妈妈说，孩子懂事了，放假回家就帮着干家务，做饭洗衣样样都行，邻居们都夸他。",
    ]
    result = page(
        "美好而充实的一天",
        *[line for text in before for line in flush(text, width)],
        subhead,
        *[line for text in after for line in flush(text, width)],
    )
    (feature,) = result.articles
    assert feature.title == "美好而充实的一天"
    assert [(p.kind, p.text) for p in feature.paragraphs[2:4]] == [
        (ParagraphKind.HEADING, subhead),
        (ParagraphKind.BODY, after[0]),
    ]


def test_a_paragraph_closing_with_a_note_in_brackets_is_no_column_title_and_its_kicker() -> None:
    # The remainder of the paragraph ends with a bracket as a title with its column's tag does
    # (…考核指标（见图）); a note referring to a figure is no column's name, and the first line above it,
    # short by the dropped indent, opens the paragraph rather than heading a story.
    note = "附件：湿地保护区（自治区、直辖市）考核指标（见图）"
    texts = [WETLAND_TEXT, SNAKE_TEXT, LETTER_TEXT, FULL_END_TEXT, note, PATROL_TEXT]
    result = page("湿地保护见成效", *dropped_all(texts))
    assert [a.title for a in result.articles] == ["湿地保护见成效"]
    assert [p.text for p in result.articles[0].paragraphs] == texts


def test_a_kicker_over_a_quoted_title_after_a_finished_paragraph_does_not_run_on_as_its_text() -> None:
    # The kicker fills most of the column with no mark; the title under it, one quotation with a comma
    # inside, fills the column as running text would. A line that is one quotation, closed, is a title
    # quoting someone: the kicker does not run on into it as a paragraph's lines.
    def gapped(*texts: str) -> list[str]:
        return [line for text in texts for line in [*flush(text), ""]]

    result = page(
        "湿地保护见成效",
        "",
        *gapped(SNAKE_TEXT, FULL_END_TEXT),  # the last ends its sentence right at the column's end
        "辽宁大连市蛇岛守岛人王明——",
        "“守岛，就得耐得住寂寞守得住心”",
        "",
        *gapped("本报大连1月23日电 （记者王明）" + PATROL_TEXT, SNAKE_TEXT),
    )
    island = result.articles[-1]
    assert (island.kicker, island.title) == ("辽宁大连市蛇岛守岛人王明——", "“守岛，就得耐得住寂寞守得住心”")
    assert "守岛人王明" not in result.articles[0].text


def test_a_paragraph_s_first_line_ending_a_sentence_short_by_the_dropped_indent_goes_on() -> None:
    # Its first sentence fills the line the dropped indent left: the line is full, not the end of a
    # paragraph of one line, and the full lines below it are the same paragraph's.
    opening = "文章指出，要打好脱贫攻坚战。要按照党中央总体部署，加强组织领导，坚持目标标准，强化责任落实。"
    assert text.ends_sentence(opening[: COLUMN - 2])
    texts = [
        WETLAND_TEXT,
        SNAKE_TEXT,
        LETTER_TEXT,
        DECK_TEXT,
        FULL_END_TEXT,
        PATROL_TEXT,
        opening,
        SNAKE_TEXT,
    ]
    result = page("湿地保护见成效", *dropped_all(texts))
    assert [p.text for p in result.articles[0].paragraphs] == texts


# Paragraphs each ending two to four cells short of the column, none under three quarters of it.
LOST_INDENT_TEXTS = [
    "湿地保护区里候鸟成群，湿地面积逐年扩大，湿地公园成了市民休闲的好去处，也成了孩子们的课堂。",
    "守岛夫妇每天清晨沿着小路巡查，防止有人上岛捕蛇，岛上的蝮蛇正在冬眠，岛上一片寂静无声。",
    "春节期间，守岛夫妇在岛上贴起福字，挂上灯笼，包了饺子，蛇岛的年过得冷清又温暖热闹了。",
    "与全国政协委员王松灵约采访时间很不容易，作为医科大学副校长，忙碌是他生活的主旋律。",
    "为保护湿地，当地关停了周边的污染企业，湿地水质明显改善，鸟多了，来观鸟的人也多了起来。",
    "湿地公园里，孩子们跟着老师认识候鸟，学习保护湿地的知识。",
]


def test_the_dropped_indent_is_read_from_paragraphs_ending_a_few_cells_short() -> None:
    # No paragraph here ends on a line shorter than three quarters of the column; each ends two to four
    # cells short, and the line after it runs short by the indent a PDF tool dropped: paragraphs, not a
    # page set flush whose short first lines would break every paragraph after its first line.
    result = page("湿地保护见成效", *dropped_all(LOST_INDENT_TEXTS))
    assert [p.text for p in result.articles[0].paragraphs] == LOST_INDENT_TEXTS


# Short paragraphs whose first lines, two characters short of the column, carry no punctuation.
BARE_FIRST_LINE_TEXTS = [
    PATROL_TEXT,
    "保护区的工作人员在湿地边上搭起了观鸟台，游客可以在这里看见成群的候鸟。",
    "今年春天飞来的白鹭比往年多了不少，市民带着孩子来看鸟，湿地公园热闹起来。",
    "湿地周边的村民主动当起了护鸟员，每天巡护两次，发现受伤的鸟就送去救治。",
]


def test_the_dropped_indent_is_read_from_first_lines_without_punctuation_over_full_lines() -> None:
    # No first line here has a comma to show it is running text; each stands over a line filling the
    # column, as a paragraph's first line does. Read as headlines, they would cut every paragraph in two.
    result = page("湿地保护见成效", *dropped_all(BARE_FIRST_LINE_TEXTS))
    assert [a.title for a in result.articles] == ["湿地保护见成效"]
    assert [p.text for p in result.articles[0].paragraphs] == BARE_FIRST_LINE_TEXTS


def test_a_title_closed_by_its_column_tag_over_a_first_line_is_a_headline_where_first_lines_run_short() -> (
    None
):
    # As wide as the column, with a comma, after a finished paragraph: no paragraph's first line, which runs
    # short by the dropped indent, as the line under it does. Its column's tag says it is a title.
    title = "湖区行，拥抱候鸟家园（旅人心语）"
    result = page(
        "湿地保护见成效", *dropped_all(BARE_FIRST_LINE_TEXTS), title, *dropped_all(LOST_INDENT_TEXTS[:3])
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", title]
    assert [p.text for p in result.articles[1].paragraphs] == LOST_INDENT_TEXTS[:3]


def test_a_bare_line_filling_the_column_after_a_paragraph_s_end_is_a_headline_where_first_lines_run_short() -> (
    None
):
    # On a page whose paragraphs' first lines run two cells short, a line without punctuation a cell short
    # after a finished paragraph can be no paragraph's first: the block of headlines after the text stays
    # headlines, though the line under it, wider than the column, has a 、.
    texts = LOST_INDENT_TEXTS[:3] + LOST_INDENT_TEXTS[4:]
    result = page(
        "湿地保护见成效",
        *dropped_all(texts),
        "以高水平法治保障首都高质量发展",
        "人民在线、未来网和蛋壳公寓携手发布",
        "《2019大学毕业生租住蓝皮书》",
    )
    assert [p.text for p in result.articles[0].paragraphs] == texts
    assert "以高水平法治保障首都高质量发展" in [h.title for h in result.unmatched_headlines]


def test_a_letter_spaced_line_with_a_percentage_goes_on_with_its_paragraph() -> None:
    # The line after a first line two cells short is justified by spacing out its characters, a decimal and a
    # percent sign among them: spaces aside, it fills the column; the paragraph runs on through it.
    lines = [
        "民间投资脱颖而出。前三季度，",
        "民 间 投 资 增 长 1 4 . 7 % ， 占 全 市 投 资 的 4",
        "2.9%。同时，民间投资更趋多元化，工业民间投",
        "资增长较快。",
    ]
    result = page("湿地保护见成效", *dropped_all(LOST_INDENT_TEXTS), *lines)
    assert result.articles[0].paragraphs[-1].text == (
        "民间投资脱颖而出。前三季度，民间投资增长14.7%，占全市投资的42.9%。同时，民间投资更趋多元化，工业民间投资增长较快。"
    )


def test_an_item_of_a_list_ending_its_clause_short_of_the_column_ends_its_paragraph() -> None:
    # Its last line, closed by ； two cells short, is no line inside a paragraph, which fills the column;
    # the next item's first line, short by the dropped indent, opens a paragraph of its own.
    items = [
        "全年实现四十二万贫困人口脱贫、一千个贫困村退出，脱贫攻坚步伐坚定有力，群众获得感增强；",
        "空气优良天数比例明显提高，国考断面水质优良比例上升，生态环境质量明显改善；",
        "持续推进风清气正政治生态建设，取得反腐败压倒性胜利。",
    ]
    result = page("湿地保护见成效", *dropped_all(LOST_INDENT_TEXTS + items))
    assert [p.text for p in result.articles[0].paragraphs][-3:] == items


def test_a_first_line_ending_its_clause_over_a_full_line_opens_a_paragraph() -> None:
    # After a paragraph ending right at the column's end, a line two cells short closed by ； over a line
    # filling the column: were it that paragraph's last line, the line below would run short by the indent.
    ended = "湿地保护区里候鸟成群，湿地面积逐年扩大，湿地公园成了好去处。"
    assert len(ended) == 2 * COLUMN - 2
    saying = "读书起家之本；循理保家之本；和顺齐家之本；勤俭治家之本。中华民族有着深深的家庭情结，注重家风。"
    texts = [*LOST_INDENT_TEXTS, ended, saying, LOST_INDENT_TEXTS[0]]
    result = page("湿地保护见成效", *dropped_all(texts))
    assert [p.text for p in result.articles[0].paragraphs] == texts


def test_a_paragraph_opening_with_its_run_in_marker_is_no_wrapped_lead() -> None:
    # Two lines, the second closing its clause two cells short: the paragraph ends there, as any does; only
    # a dateline set on a line of its own wraps short and goes on.
    lines = [
        "上接第1版 全年实现42万贫困人",
        "口脱贫，攻坚步伐坚定有力；",
        "PM2.5浓度均值下降17.4%，空气",
        "优良天数比例明显提高，环境明显改",
        "善。",
    ]
    result = page(*lines, *dropped_all(LOST_INDENT_TEXTS))
    assert [(p.kind, p.text) for p in result.articles[0].paragraphs][:3] == [
        (ParagraphKind.JUMP, "上接第1版"),
        (ParagraphKind.BODY, "全年实现42万贫困人口脱贫，攻坚步伐坚定有力；"),
        (ParagraphKind.BODY, "PM2.5浓度均值下降17.4%，空气优良天数比例明显提高，环境明显改善。"),
    ]


def test_a_line_under_a_marker_over_a_paragraph_short_by_the_dropped_indent_is_a_subhead() -> None:
    # As over an indented paragraph: the line ends no sentence, and the paragraph below opens two cells short
    # of its full lines, so the line is the continuation's subhead, not the start of its first paragraph.
    # A page that marks paragraphs with an empty line; the paragraph's first line carries no punctuation.
    texts = [LOST_INDENT_TEXTS[3], *LOST_INDENT_TEXTS[:3], *LOST_INDENT_TEXTS[4:]]
    gapped = [line for text in texts for line in ("", *dropped(text))]
    result = page("上接第一版", "", "为保护湿地立规矩、探新路子", *gapped)
    (story,) = result.articles
    assert [(p.kind, p.text) for p in story.paragraphs][:3] == [
        (ParagraphKind.JUMP, "上接第一版"),
        (ParagraphKind.HEADING, "为保护湿地立规矩、探新路子"),
        (ParagraphKind.BODY, texts[0]),
    ]


def test_a_line_under_a_marker_nearly_as_wide_as_a_first_line_and_ending_no_clause_is_a_subhead() -> None:
    # No empty lines, and the line is bare but wide: four fifths of the column. Running text there would
    # fill the column, end a clause, or be a paragraph's first line, two cells short: it is the subhead.
    subhead = "湿地保护区全力推进退耕还湿"
    result = page("上接第一版", subhead, *dropped_all(LOST_INDENT_TEXTS))
    (story,) = result.articles
    assert [(p.kind, p.text) for p in story.paragraphs] == [
        (ParagraphKind.JUMP, "上接第一版"),
        (ParagraphKind.HEADING, subhead),
        *[(ParagraphKind.BODY, text) for text in LOST_INDENT_TEXTS],
    ]


def test_a_subhead_run_in_after_the_marker_short_of_the_column_stands_apart() -> None:
    # 上接第一版 and the subhead on one line, short of the column and ending no clause, as running text would
    # not: the marker, then the subhead, then the paragraphs. Where the beginning the issue shows broke off
    # inside a sentence, the line ends that sentence instead: text, its paragraph ending there.
    subhead = "湿地保护区全力推进退耕还湿"
    lines = ["上接第一版 " + subhead, *dropped_all(LOST_INDENT_TEXTS)]
    (story,) = page(*lines).articles
    assert [(p.kind, p.text) for p in story.paragraphs][:3] == [
        (ParagraphKind.JUMP, "上接第一版"),
        (ParagraphKind.HEADING, subhead),
        (ParagraphKind.BODY, LOST_INDENT_TEXTS[0]),
    ]
    broke_off = reconstruct_page("\n".join(lines) + "\n", jump_texts={1: "湿地保护区里，当地全力"})
    (story,) = broke_off.articles
    assert [(p.kind, p.text) for p in story.paragraphs][:2] == [
        (ParagraphKind.BODY, "上接第一版 " + subhead),
        (ParagraphKind.BODY, LOST_INDENT_TEXTS[0]),
    ]


CONTINUED_TEXTS = [SNAKE_TEXT, LETTER_TEXT, FULL_END_TEXT, WETLAND_TEXT]


@pytest.mark.parametrize(
    ("opening", "marker"),
    [
        (["上接第一版", *dropped(PATROL_TEXT)], "上接第一版"),
        (dropped("（上接第一版）" + PATROL_TEXT), "（上接第一版）"),
    ],
    ids=["marker on its own line", "marker run in"],
)
def test_a_continuation_whose_first_line_is_short_by_the_dropped_indent_begins_a_paragraph(
    opening: list[str], marker: str
) -> None:
    # The line after the marker runs two cells short of the column, as every first line on this page: the
    # continuation begins a paragraph, and the story read whole does not run two paragraphs together.
    result = page(*opening, *dropped_all(CONTINUED_TEXTS), "守岛夫妇在蛇岛过年")
    (story,) = result.articles
    assert [(p.kind, p.text) for p in story.paragraphs[:2]] == [
        (ParagraphKind.JUMP, marker),
        (ParagraphKind.BODY, PATROL_TEXT),
    ]


def test_a_continuation_short_by_the_one_cell_its_story_s_paragraphs_show_begins_a_paragraph() -> None:
    # Indented with two ASCII blanks, a cell, before the tool dropped them: every first line of the story
    # runs a cell short, and so does the one after the marker.
    opening = ["上接第一版", *dropped(PATROL_TEXT, indent=1)]
    result = page(*opening, *dropped_all(CONTINUED_TEXTS, indent=1), "守岛夫妇在蛇岛过年")
    (story,) = result.articles
    assert [(p.kind, p.text) for p in story.paragraphs[:2]] == [
        (ParagraphKind.JUMP, "上接第一版"),
        (ParagraphKind.BODY, PATROL_TEXT),
    ]


def test_a_continuation_of_one_paragraph_a_cell_short_is_measured_by_its_page() -> None:
    # Too short to show how its paragraphs were indented: the story below it, on the same page, shows one
    # cell. So the continuation's line a cell short begins a paragraph.
    result = page(
        "上接第一版",
        *dropped(PATROL_TEXT, indent=1),
        "守岛夫妇在蛇岛过年",
        *dropped("本报大连1月23日电 " + SNAKE_TEXT, indent=1),
        *dropped_all(CONTINUED_TEXTS, indent=1),
    )
    continuation = result.articles[0]
    assert [(p.kind, p.text) for p in continuation.paragraphs] == [
        (ParagraphKind.JUMP, "上接第一版"),
        (ParagraphKind.BODY, PATROL_TEXT),
    ]


def test_a_continuation_half_a_cell_short_on_a_story_indented_by_one_cell_goes_on_with_the_cut_paragraph() -> (
    None
):
    # A full line runs half a cell short where a digit left no room for the next character: on a story
    # whose paragraphs start a cell short, that is no paragraph's first line.
    cut = "3" + PATROL_TEXT
    result = page(
        "上接第一版",
        cut[:COLUMN],
        *flush(cut[COLUMN:]),
        *dropped_all(CONTINUED_TEXTS, indent=1),
        "守岛夫妇在蛇岛过年",
    )
    (story,) = result.articles
    assert (story.paragraphs[0].kind, story.paragraphs[0].text) == (ParagraphKind.BODY, "上接第一版 " + cut)


def test_a_continuation_of_two_lines_short_by_the_dropped_indent_begins_a_paragraph() -> None:
    # Two lines only, the first and the last: the first is measured against the page's column.
    short = "守岛夫妇每天清晨巡查蛇岛，防止有人上岛捕蛇。"
    result = page("上接第一版", *dropped(short), *dropped_all(CONTINUED_TEXTS), "守岛夫妇在蛇岛过年")
    (story,) = result.articles
    assert [(p.kind, p.text) for p in story.paragraphs[:2]] == [
        (ParagraphKind.JUMP, "上接第一版"),
        (ParagraphKind.BODY, short),
    ]


@pytest.mark.parametrize(
    "opening",
    [["上接第一版", *flush(PATROL_TEXT)], flush("（上接第一版）" + PATROL_TEXT)],
    ids=["marker on its own line", "marker run in"],
)
def test_a_continuation_whose_first_line_fills_the_column_goes_on_with_the_cut_paragraph(
    opening: list[str],
) -> None:
    result = page(*opening, *dropped_all(CONTINUED_TEXTS), "守岛夫妇在蛇岛过年")
    (story,) = result.articles
    assert story.paragraphs[0].kind == ParagraphKind.BODY
    assert story.paragraphs[0].text.replace(" ", "").endswith(PATROL_TEXT)


def test_a_first_line_with_no_mark_goes_on_into_the_story_s_last_words_and_their_jump_marker() -> None:
    # The last paragraph's first line, short by the dropped indent, has no mark; the line under it ends the
    # story on this page with its run-in marker: the paragraph's end, not a headline.
    last = "守岛夫妇每天清晨沿着蛇岛的小路巡查一遍（下转第三版）"
    result = page(
        "湿地保护见成效", *dropped_all([WETLAND_TEXT, SNAKE_TEXT, LETTER_TEXT, FULL_END_TEXT, last])
    )
    (story,) = result.articles
    assert story.continued_to_page == 3
    assert story.paragraphs[-1].text.replace(" ", "") == last
    assert not result.unmatched_headlines


# A feature of the sample corpus whose subheads are each two phrases and a space (跨江联动 全力构建区域交通体系新格局,
# then 推进三个全方位 重塑区域经济地理 and 稳增长增后劲 助推高质量发展), its first right under its title.
SUBHEADED_PAGE = "2020-05-29_6"
SUBHEADED_TITLE = "南通 融入长三角一体化 奏响高质量发展乐章"


def _laid_out_and_read(layout: Layout) -> tuple[Page, list[str]]:
    """The sample page in `layout` with its indents dropped, read; and the subheaded feature's paragraphs as
    printed."""
    sample = next(p for p in load_pages(SAMPLE) if page_key(p) == SUBHEADED_PAGE)
    [printed] = [a for a in sample["articles"] if a["title"] == SUBHEADED_TITLE]
    text = lay_out(sample, replace(layout, strip_indents=True)).text
    return page(*text.splitlines()), [clean(p) for p in printed["paragraphs"] if clean(p)]


@pytest.mark.parametrize("layout", ["narrow_above", "gaps_above"])
def test_a_subhead_set_like_the_story_s_others_under_its_title_opens_its_text(layout: str) -> None:
    # Right under the title, over the column's two lines, the first subhead is no subtitle: it is set as the
    # feature's others further down are, and opens its text.
    result, printed = _laid_out_and_read(LAYOUTS[layout])
    [story] = [a for a in result.articles if a.title == SUBHEADED_TITLE]
    assert story.subtitle is None
    assert [p.text for p in story.paragraphs][:2] == printed[:2]
    assert story.paragraphs[0].kind == ParagraphKind.HEADING


def test_on_a_short_page_two_first_lines_short_by_one_width_measure_the_dropped_indent() -> None:
    # Three paragraphs under a title: only two first lines follow a paragraph's end to measure the indent by.
    result = page("守岛夫妇在蛇岛过年", *dropped_all([WETLAND_TEXT, PATROL_TEXT, SNAKE_TEXT]))
    (story,) = result.articles
    assert (story.title, story.subtitle) == ("守岛夫妇在蛇岛过年", None)
    assert [p.text for p in story.paragraphs] == [WETLAND_TEXT, PATROL_TEXT, SNAKE_TEXT]


def test_where_empty_lines_mark_paragraphs_one_after_a_sentence_ending_at_the_column_s_end_ends_it() -> None:
    # Flush paragraphs set apart by empty lines; the first ends its sentence right at the column's end, and
    # the next opens with a line as full: only the empty line tells them apart.
    result = page("湿地保护见成效", *flush(FULL_END_TEXT), "", *flush(SNAKE_TEXT), "", *flush(PATROL_TEXT))
    (story,) = result.articles
    assert [p.text for p in story.paragraphs] == [FULL_END_TEXT, SNAKE_TEXT, PATROL_TEXT]


@pytest.mark.parametrize("marker", ["（下转第二版）", "【下转第二版】"])
def test_a_short_line_closed_by_its_jump_marker_under_a_subhead_is_the_story_s_last_words(
    marker: str,
) -> None:
    # A subhead, then the first words of its paragraph before the page sends the story on: no headline.
    result = page(
        "守岛夫妇在蛇岛过年",
        *dropped_all([WETLAND_TEXT, PATROL_TEXT, SNAKE_TEXT]),
        "守岛二十年，以岛为家",
        "守岛夫妇" + marker,
        "湿地保护见成效",
        *dropped_all([WETLAND_TEXT, SNAKE_TEXT]),
    )
    island, wetland = result.articles
    assert (island.title, island.continued_to_page) == ("守岛夫妇在蛇岛过年", 2)
    assert island.paragraphs[-1].text == "守岛夫妇" + marker
    assert wetland.title == "湿地保护见成效"


def test_two_lines_ending_no_clause_over_a_marker_on_its_own_line_are_the_continuation_s_jump_headline() -> (
    None
):
    # A kicker as short as a first line whose indent was dropped, over a title filling the column, between
    # a story's last sentence and `（上接第二版）`.
    width = 15
    kicker, title = "中国野生动物保护协会发言人", "就加强湿地候鸟保护工作答记者问"
    story = ["本报大连2月4日电 " + SNAKE_TEXT, PATROL_TEXT, WETLAND_TEXT]
    result = page(
        "守岛夫妇在蛇岛过年",
        *[line for text in story for line in dropped(text, width)],
        kicker,
        title,
        "（上接第二版）",
        *flush("需要，保护区的工作人员在湿地边上搭起了观鸟台，候鸟年年归来。", width),
        *dropped(SNAKE_TEXT, width),
    )
    above, continuation = result.articles
    assert [p.text for p in above.paragraphs][-1] == WETLAND_TEXT
    assert (continuation.kicker, continuation.title, continuation.continued_from_page) == (kicker, title, 2)


def test_flush_lines_ending_no_paragraph_over_a_run_in_marker_are_the_continuation_s_jump_headline() -> None:
    # At the page's top, a kicker and a title broken inside its column's tag, with running text's marks.
    result = page(
        "湿地、河湖、草原整体保护协同推进",
        "候鸟家园建设加速“齐步走”（守护",
        "绿水青山）",
        *flush("（上接第二版）保护区的工作人员在湿地边上搭起了观鸟台，候鸟年年归来。"),
        *dropped_all([SNAKE_TEXT, PATROL_TEXT]),
    )
    (continuation,) = result.articles
    assert continuation.continued_from_page == 2
    assert continuation.title == "候鸟家园建设加速“齐步走”（守护 绿水青山）"
    assert continuation.paragraphs[0].text.startswith("（上接第二版）")


def test_a_note_closing_the_story_above_a_marker_on_its_own_line_stays_with_that_story() -> None:
    # The story's last words, a note in brackets after its appendix's name, over a continuation's marker.
    width = 15
    story = ["本报大连2月4日电 " + SNAKE_TEXT, PATROL_TEXT, WETLAND_TEXT]
    result = page(
        "守岛夫妇在蛇岛过年",
        *[line for text in story for line in dropped(text, width)],
        "附件：湿地保护工作成效考核",
        "指标（见图）",
        "（上接第二版）",
        *flush("需要，保护区的工作人员在湿地边上搭起了观鸟台，候鸟年年归来。", width),
        *dropped(SNAKE_TEXT, width),
    )
    above, continuation = result.articles
    assert above.text.endswith("附件：湿地保护工作成效考核指标（见图）")
    assert continuation.continued_from_page == 2 and continuation.title is None


@pytest.mark.parametrize("indent", ["", "　　"])
def test_an_attachment_s_name_wrapped_over_a_bracket_closing_a_line_stays_with_the_text_it_closes(
    indent: str,
) -> None:
    # The attachment's name closes a bracket right at its first line's end, as a title with its column's
    # tag would (省（自治区、直辖市）), and goes on to its note (（见 / 图）); the next story's title follows.
    width = 15
    texts = [WETLAND_TEXT, PATROL_TEXT, SNAKE_TEXT]
    result = page(
        "湿地保护见成效",
        *[line for text in texts for line in dropped(text, width)],
        indent + "附件：省（自治区、直辖市）",
        "湿地保护区成效考核指标数据（见",
        "图）",
        "",
        "第四十二封家书（寄给祖国的家书）",
        "",
        *dropped(LETTER_TEXT, width),
        *dropped(FULL_END_TEXT, width),
    )
    text, letter = result.articles
    assert [p.text for p in text.paragraphs] == [
        *texts,
        "附件：省（自治区、直辖市）湿地保护区成效考核指标数据（见图）",
    ]
    assert (letter.kicker, letter.title) == (None, "第四十二封家书（寄给祖国的家书）")


def test_a_story_s_key_points_marked_at_the_page_s_top_are_its_text_not_headlines() -> None:
    # A beginning whose headline stands in the block at the page's foot opens with its key points, each
    # marked ●, the first broken at the column's width: no headline opens with a key point's mark.
    points = [
        "●保护区按当地现行候鸟数量标准确定范围，浮动范围为上浮不超过10%、下浮原则上不超过15%",
        "●此次调整为尚未进入名录的50%的湿地进入名录创造了条件，将大幅提升湿地保护的水平和覆盖程度",
        "●今年上半年，湿地巡查里程平均增长",
    ]
    result = page(
        "●保护区按当地现行候鸟数量标准确定范围，",
        "浮动范围为上浮不超过10%、下浮原则上不超过15%",
        "●此次调整为尚未进入名录的50%的湿地进入名录",
        "创造了条件，将大幅提升湿地保护的水平和覆盖程度",
        "●今年上半年，湿地巡查里程平均增长",
        "下转第2版",
        *[line for text in [WETLAND_TEXT, PATROL_TEXT, LETTER_TEXT] for line in dropped(text, 22)],
        "",
        "守岛夫妇在蛇岛过年",
        "",
        "明年起湿地保护区范围改为“基准+上下浮动”",
        "确保湿地保护面积只增不减（政策解读）",
    )
    points_story, snake = result.articles
    assert points_story.title == "确保湿地保护面积只增不减（政策解读）"
    assert [p.text for p in points_story.paragraphs] == [*points, "下转第2版"]
    assert points_story.continued_to_page == 2
    assert snake.title == "守岛夫妇在蛇岛过年" and not result.unmatched_headlines


def test_a_subtitle_opening_with_its_dash_under_a_title_is_no_paragraph_s_first_line() -> None:
    # In a block of headlines over the page's text, a subtitle as wide as a first line short by the indent
    # follows its title (…（钟声） / ——瞩目新时代的中国与世界⑤): under a headline, a line opening with a dash and
    # ending no sentence is the subtitle, not the text's first words.
    future = [
        "拥抱光明未来，是世界各国人民的共同心愿，新时代的中国与世界携手同行。",
        "新时代的中国愿同世界各国一道，拥抱光明未来，共享发展机遇。",
    ]
    result = page(
        "拥抱光明未来（钟声）",
        "——瞩目新时代的中国与世界⑤",
        "湿地公园服务百姓生活（生活漫步）",
        *[line for text in [WETLAND_TEXT, PATROL_TEXT] for line in dropped(text, 15, 1)],
        "下转第2版",
        *[line for text in future for line in dropped(text, 15, 1)],
    )
    future_story = result.articles[-1]
    assert (future_story.title, future_story.subtitle) == (
        "拥抱光明未来（钟声）",
        "——瞩目新时代的中国与世界⑤",
    )
    assert [p.text for p in future_story.paragraphs] == future
    assert not any("瞩目" in p.text for a in result.articles for p in a.paragraphs)


@pytest.mark.parametrize("layout", ["ascii_before", "spaced_ascii_before", "between"])
def test_a_feature_s_first_subhead_under_a_story_without_any_opens_the_feature(layout: str) -> None:
    # The feature's title stands away from it; its text opens with the first of its subheads (on one line or
    # two) and a paragraph its title does not name, right under a report that sets no subheads. The subhead,
    # like the feature's others, and that paragraph are the feature's, not the report's tail.
    result, printed = _laid_out_and_read(LAYOUTS[layout])
    [story] = [a for a in result.articles if a.title == SUBHEADED_TITLE]
    assert story.paragraphs[0].kind == ParagraphKind.HEADING
    assert [p.text for p in story.paragraphs][1:3] == printed[1:3]
    assert not any(printed[1] in a.text for a in result.articles if a is not story)


def test_a_line_a_cell_wider_than_the_column_ending_with_a_character_is_no_line_of_it() -> None:
    # After a story closed by its jump marker, a kicker a cell wider than the column and a title closed by its
    # column's tag stand over a story's first paragraph. A line of the column runs past it only by what its
    # marks, set half wide, leave room for (the seed page's lines squeezed so, dropped indents and all, are
    # read in test_a_page_whose_indents_a_pdf_tool_dropped_keeps_its_stories_and_titles), or by a mark
    # hanging at its end: a line a cell wider with no mark, ending with a character, is a headline's.
    hanging = "春节期间，守岛夫妇在蛇岛上贴起福字一行正文写满了整整一栏还挂，鸟也多了。"
    result = page(
        *[line for text in [WETLAND_TEXT, PATROL_TEXT] for line in dropped(text, 16)],
        "（下转第二版）",
        "守岛夫妇巡查蛇岛一年走了三千公里路",
        "蛇岛的年过得好吗？（新春走基层）",
        hanging[:14],
        hanging[14:31],
        hanging[31:],
        *[line for text in [LETTER_TEXT, FULL_END_TEXT] for line in dropped(text, 16)],
    )
    above, snake = result.articles
    assert above.continued_to_page == 2
    assert (snake.kicker, snake.title) == (
        "守岛夫妇巡查蛇岛一年走了三千公里路",
        "蛇岛的年过得好吗？（新春走基层）",
    )
    assert [p.text for p in snake.paragraphs] == [hanging, LETTER_TEXT, FULL_END_TEXT]
