"""The corpus evaluation tools (tools/corpus_layout.py, tools/evaluate.py) on four real pages.

The layouts must be faithful (every character once, columns within their width, every line's gold known),
and the scoring must see what a reconstruction gets wrong: merged stories, dropped paragraphs, swapped titles.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from corpus_layout import LAYOUTS, LaidOut, Layout, cells, lay_out, load_pages, page_key  # noqa: E402
from evaluate import evaluate_page, main, score_page  # noqa: E402

SAMPLE = ROOT / "fixtures" / "corpus" / "rmrb_sample.jsonl"
LETTER_SPACED = re.compile(r"^(?:\S )+\S$")  # 两 会 顺 利 召 开


@cache
def _pages() -> dict[str, dict[str, Any]]:
    return {page_key(p): p for p in load_pages(SAMPLE)}


def _cases() -> list[tuple[str, str]]:
    return [(key, name) for key in _pages() for name in LAYOUTS]


def _laid(key: str, layout: str) -> LaidOut:
    return lay_out(_pages()[key], LAYOUTS[layout])


def _nonspace(text: str) -> Counter[str]:
    return Counter("".join(text.split()))


def _perfect_output(laid: LaidOut) -> dict[str, Any]:
    """The engine JSON a perfect reconstruction would give: built from the gold, one paragraph a story."""
    lines = laid.text.split("\n")
    articles: list[dict[str, Any]] = []
    furniture = []
    for n, role in enumerate(laid.gold.lines, 1):
        if role and role[0] == "folio":
            furniture.append({"kind": "page_header", "text": lines[n - 1].strip(), "line": n})
    for i in range(len(laid.gold.stories)):
        heads: dict[str, str] = {}
        for n, role in enumerate(laid.gold.lines, 1):
            if role and role[:2] == ("headline", i):
                heads[role[2]] = heads.get(role[2], "") + lines[n - 1]
        kept = [n for n, role in enumerate(laid.gold.lines, 1) if role in (("body", i), ("either", i))]
        text = "".join(lines[n - 1].strip() for n in kept)
        articles.append(
            {
                "position": i + 1,
                "kicker": heads.get("kicker"),
                "title": heads.get("title"),
                "subtitle": heads.get("subtitle"),
                "labels": [],
                "dateline": None,
                "bylines": [],
                "paragraphs": [{"kind": "body", "text": text, "lines": [kept[0], kept[-1]]}],
            }
        )
    return {"furniture": furniture, "articles": articles, "unmatched_headlines": []}


# The layouts


@pytest.mark.parametrize(("key", "layout"), _cases())
def test_layout_keeps_every_character_of_the_page_once(key: str, layout: str) -> None:
    page = _pages()[key]
    laid = _laid(key, layout)
    source = "".join(
        a[field] for a in page["articles"] for field in ("kicker", "title", "subtitle")
    ) + "".join(p for a in page["articles"] for p in a["paragraphs"])
    folio = "".join(
        line for line, role in zip(laid.text.split("\n"), laid.gold.lines, strict=False) if role == ("folio",)
    )
    assert bool(folio) == LAYOUTS[layout].folio
    assert _nonspace(laid.text) == _nonspace(source) + _nonspace(folio)


@pytest.mark.parametrize(("key", "layout"), _cases())
def test_body_lines_stay_within_the_column_width(key: str, layout: str) -> None:
    width = LAYOUTS[layout].width
    laid = _laid(key, layout)
    for line, role in zip(laid.text.split("\n"), laid.gold.lines, strict=False):
        if role and role[0] in ("body", "either"):
            printed = line.replace(" ", "") if LETTER_SPACED.match(line) else line
            assert cells(printed) <= width, (line, role)


@pytest.mark.parametrize(("key", "layout"), _cases())
def test_gold_marks_every_non_blank_line_and_no_blank_one(key: str, layout: str) -> None:
    laid = _laid(key, layout)
    lines = laid.text.split("\n")
    assert lines[-1] == ""  # the text ends with a newline
    assert len(lines) - 1 == len(laid.gold.lines)
    for line, role in zip(lines, laid.gold.lines, strict=False):
        assert (role is None) == (not line.strip()), (line, role)


def test_seed_layout_is_the_seeds_style() -> None:
    seed = LAYOUTS["seed"]
    assert (seed.width, seed.blank_after_line, seed.indent, seed.headlines) == (
        18,
        True,
        "fullwidth",
        "after",
    )
    assert seed.lead_own_line and seed.folio and seed.letter_spacing
    lines = _laid("2020-01-16_15", "seed").text.split("\n")
    assert all(not line for line in lines[1::2])  # an empty line after every line
    assert any(LETTER_SPACED.match(line) for line in lines)


@pytest.mark.parametrize("name", ["seed", "gaps_above", "dense_after"])
def test_single_newlines_leave_no_empty_line_and_strays_add_that_many(name: str) -> None:
    page = _pages()["2020-01-16_15"]
    single = replace(LAYOUTS[name], empty_lines=False)
    plain = lay_out(page, single)
    strayed = lay_out(page, replace(single, stray_empty_lines=3))
    assert "" not in plain.text.split("\n")[:-1]
    assert [line for line in strayed.text.split("\n")[:-1] if not line] == [""] * 3
    assert [line for line in strayed.text.split("\n") if line] == [
        line for line in plain.text.split("\n") if line
    ]
    assert len(strayed.gold.lines) == len(plain.gold.lines) + 3


def test_stripped_indents_leave_first_lines_short_by_the_indent() -> None:
    page = _pages()["2020-01-16_15"]
    indented = lay_out(page, LAYOUTS["seed"]).text.split("\n")
    stripped = lay_out(page, replace(LAYOUTS["seed"], strip_indents=True)).text.split("\n")
    assert stripped == [line.lstrip(" \u3000") for line in indented]
    assert any(line.startswith("\u3000\u3000") for line in indented)


def test_folio_names_the_paper_the_date_its_weekday_and_the_page() -> None:
    lines = _laid("2020-05-29_6", "seed").text.split("\n")
    assert lines[0] == "人民日报  2020年5月29日  星期五"
    assert lines[2] == "第6版"


def test_lead_ends_its_line_and_the_text_goes_on_unindented() -> None:
    lines = [line for line in _laid("2019-02-12_14", "seed").text.split("\n") if line]
    at = lines.index("　　本报北京2月11日电 （记者赵贝佳）")
    assert lines[at + 1].startswith("中央气象台预计")


def test_lead_runs_into_the_text_when_the_layout_says_so() -> None:
    layout = LAYOUTS["narrow_above"]
    assert not layout.lead_own_line
    text = _laid("2019-02-12_14", "narrow_above").text
    assert "\n　　本报北京2月11日电 （\n记者赵贝佳）中央气象台预\n计，11日" in text


def test_after_block_is_not_in_story_order() -> None:
    laid = _laid("2020-01-16_15", "seed")
    heads = [role[1] for role in laid.gold.lines if role and role[0] == "headline"]
    assert heads[0] == 1 and heads[-1] == 0
    assert max(laid.gold.body_lines(6)) < laid.gold.lines.index(("headline", 1, "kicker"))


def test_each_group_sits_right_above_its_story() -> None:
    laid = _laid("2020-01-16_15", "narrow_above")
    for i in range(len(laid.gold.stories)):
        last_head = max(
            n for n, role in enumerate(laid.gold.lines, 1) if role and role[:2] == ("headline", i)
        )
        assert laid.gold.role(last_head + 1) == ("body", i)


def test_long_title_with_a_space_breaks_at_the_space_nearest_its_middle() -> None:
    laid = _laid("2020-05-29_6", "narrow_above")
    lines = laid.text.split("\n")
    titles = [lines[n - 1] for n, role in enumerate(laid.gold.lines, 1) if role == ("headline", 4, "title")]
    assert titles == ["南通 融入长三角一体化", "奏响高质量发展乐章"]
    one_line = _laid("2020-05-29_6", "seed").text
    assert "\n南通 融入长三角一体化 奏响高质量发展乐章\n" in one_line


def test_subheads_are_set_flush_when_the_layout_says_so() -> None:
    flush = _laid("2019-10-09_19", "narrow_above").text.split("\n")
    indented = _laid("2019-10-09_19", "seed").text.split("\n")
    assert "平台经济崛起" in flush
    assert "　　平台经济崛起" in indented


def test_ascii_indent_is_two_spaces() -> None:
    lines = _laid("2019-02-12_14", "ascii_before").text.split("\n")
    assert "  核心阅读" not in lines  # a subhead: flush in this layout
    assert any(line.startswith("  在一个地级市") for line in lines)
    assert not any(line.startswith("\u3000") for line in lines)


def test_gold_reads_datelines_bylines_and_photographers_from_the_source() -> None:
    p14 = _laid("2019-02-12_14", "seed").gold.stories
    assert (p14[2].dateline.place, p14[2].dateline.date, p14[2].dateline.agency) == (
        "北京",
        "2月11日",
        "本报",
    )
    assert [(b.name, b.role) for b in p14[2].bylines] == [("赵贝佳", "reporter")]
    assert [(b.name, b.role) for b in p14[3].bylines] == [("王汉超", None), ("杨建峰", None)]
    assert p14[4].kind == "photo" and p14[4].photographers == ("王闽",)
    assert p14[0].dateline is None and p14[0].bylines is None  # a feature: the source does not say
    p19 = _laid("2019-10-09_19", "seed").gold.stories
    assert (p19[2].dateline.place, p19[2].dateline.date, p19[2].dateline.agency) == (None, None, "本报")
    p6 = _laid("2020-05-29_6", "seed").gold.stories
    assert p6[0].dateline.agency == "新华社" and p6[0].bylines is None  # 新华社北京5月28日电, no byline
    assert p6[1].kicker == "国务院港澳办发言人：" and p6[4].kicker is None


def test_production_lines_may_go_either_way() -> None:
    laid = _laid("2019-02-12_14", "seed")
    lines = laid.text.split("\n")
    either = [lines[n - 1] for n, role in enumerate(laid.gold.lines, 1) if role and role[0] == "either"]
    assert either == ["　　本版制图：蔡华伟"]


def test_cli_writes_text_and_gold_for_each_page_and_layout(tmp_path: Path) -> None:
    import corpus_layout

    assert corpus_layout.main([str(SAMPLE), str(tmp_path), "--layout", "seed"]) == 0
    text = (tmp_path / "2019-02-12_14.seed.txt").read_text(encoding="utf-8")
    gold = json.loads((tmp_path / "2019-02-12_14.seed.gold.json").read_text(encoding="utf-8"))
    assert text == _laid("2019-02-12_14", "seed").text
    assert gold["lines"][0] == ["folio"]
    assert len(list(tmp_path.iterdir())) == 2 * len(_pages())


# The scoring


@pytest.mark.parametrize(("key", "layout"), _cases())
def test_perfect_output_scores_everything_right(key: str, layout: str) -> None:
    laid = _laid(key, layout)
    score = score_page(_perfect_output(laid), laid.gold)
    n = len(laid.gold.stories)
    assert (score.cut_right, score.headlines_right, score.lost, score.duplicated) == (n, n, 0, 0)
    assert score.entirely_right


def test_merging_two_stories_loses_exactly_those_two_cuts() -> None:
    laid = _laid("2020-01-16_15", "gaps_above")
    output = _perfect_output(laid)
    first, second = output["articles"][3:5]
    first["paragraphs"] += second["paragraphs"]
    heads = {key: second[key] for key in ("kicker", "title", "subtitle")}
    output["unmatched_headlines"].append({**heads, "label": None, "lines": []})  # no character is lost
    del output["articles"][4]
    score = score_page(output, laid.gold)
    n = len(laid.gold.stories)
    assert score.cut_right == n - 2
    assert [s.cut_right for s in score.stories][3:5] == [False, False]
    assert score.stories[3].shares_with == (5,)
    assert (score.lost, score.duplicated) == (0, 0)


def test_dropped_paragraph_shows_as_lost_characters() -> None:
    laid = _laid("2019-10-09_19", "seed")
    output = _perfect_output(laid)
    dropped = output["articles"][1]["paragraphs"].pop()
    score = score_page(output, laid.gold)
    assert score.lost == len("".join(dropped["text"].split())) > 0
    assert score.duplicated == 0
    assert not score.stories[1].cut_right  # its lines are in no article now
    assert not score.entirely_right


def test_swapped_titles_show_as_headlines_wrong() -> None:
    laid = _laid("2020-05-29_6", "ascii_before")
    output = _perfect_output(laid)
    a, b = output["articles"][:2]
    a["title"], b["title"] = b["title"], a["title"]
    score = score_page(output, laid.gold)
    n = len(laid.gold.stories)
    assert score.headlines_right == n - 2
    assert [(s.title_right, s.kicker_right) for s in score.stories[:2]] == [(False, True), (False, True)]
    assert (score.cut_right, score.lost) == (n, 0)


def test_title_compared_without_whitespace() -> None:
    laid = _laid("2020-05-29_6", "narrow_above")
    output = _perfect_output(laid)  # the two-line title comes back joined without its space
    assert output["articles"][4]["title"] == "南通 融入长三角一体化奏响高质量发展乐章"
    assert score_page(output, laid.gold).stories[4].title_right


def test_dateline_byline_and_photo_credit_scored_only_where_the_gold_settles_them() -> None:
    laid = _laid("2019-02-12_14", "seed")
    output = _perfect_output(laid)
    output["articles"][2]["dateline"] = {"place": "北京", "date": "2月11日", "agency": "本报"}
    output["articles"][2]["bylines"] = [{"name": "赵贝佳", "role": "reporter"}]
    output["articles"][3]["bylines"] = [{"name": "王汉超", "role": "correspondent"}]
    output["articles"][4]["bylines"] = [{"name": "王闽", "role": "photographer"}]
    stories = score_page(output, laid.gold).stories
    assert (stories[2].dateline_right, stories[2].byline_right) == (True, True)
    assert (stories[3].dateline_right, stories[3].byline_right) == (
        False,
        False,
    )  # no dateline, a name missing
    assert stories[4].photo_right is True
    assert (stories[0].dateline_right, stories[0].byline_right, stories[0].photo_right) == (None, None, None)


def test_a_page_the_engine_raises_on_counts_as_all_wrong() -> None:
    page = _pages()["2019-10-09_19"]

    def broken(text: str) -> dict[str, Any]:
        raise ValueError("boom")

    score = evaluate_page(page, LAYOUTS["seed"], engine=broken)
    assert score.error == "ValueError: boom"
    assert score.cut_right == score.headlines_right == 0
    assert score.lost == score.characters > 0


def test_evaluate_cli_reports_every_page_and_layout_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SAMPLE), "--json", "--layout", "seed", "--layout", "dense_after"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["pages"]) == 2 * len(_pages())
    assert set(report["layouts"]) == {"seed", "dense_after"}
    stories = sum(len(p["articles"]) for p in _pages().values())
    assert report["total"]["cut_right"][1] == 2 * stories


def test_evaluate_cli_prints_a_line_per_page_and_a_totals_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SAMPLE.parent), "--page", "2020-05-29_06", "--layout", "seed", "--verbose"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2020-05-29_6   seed")
    assert "\ntotal " in out


def test_layouts_cover_the_variations_the_corpus_is_measured_on() -> None:
    layouts: list[Layout] = list(LAYOUTS.values())
    widths = {layout.width for layout in layouts}
    assert min(widths) == 12 and max(widths) == 24
    assert {layout.headlines for layout in layouts} == {"after", "before", "between", "above"}
    assert {layout.indent for layout in layouts} == {"fullwidth", "ascii"}
    for flag in ("blank_after_line", "lead_own_line", "folio"):
        assert {getattr(layout, flag) for layout in layouts} == {True, False}, flag
    for flag in ("blank_between_paragraphs", "letter_spacing", "subheads_unindented", "two_line_titles"):
        assert any(getattr(layout, flag) for layout in layouts), flag


def test_a_layout_without_indents_sets_no_line_in_from_the_margin() -> None:
    # `evaluate.py --no-indents`: the pages a PDF tool gives when it drops leading blanks.
    key = next(iter(_pages()))
    flush = lay_out(_pages()[key], replace(LAYOUTS["gaps_above"], indent="none"))
    indented = lay_out(_pages()[key], LAYOUTS["gaps_above"])
    assert not any(line[:1] in (" ", "\u3000") for line in flush.text.splitlines())
    assert any(line.startswith("\u3000\u3000") for line in indented.text.splitlines())
    assert [s.title for s in flush.gold.stories] == [s.title for s in indented.gold.stories]
