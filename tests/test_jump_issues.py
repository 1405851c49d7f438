"""The jump-issue tools (tools/jump_issues.py, tools/evaluate_jumps.py and the jump_* modules they are made
of) on the corpus sample and the seed.

The generator must be deterministic and its gold true to its pages: every story printed once, cut where the
gold says, with both markers in the forms a paper prints. The evaluator must tell a right link from a wrong
one, a suggestion and a miss, whatever the engine's quality: those cases are made from hand-built parts.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import evaluate_jumps as ev  # noqa: E402
import jump_issues as gen  # noqa: E402
import jump_judging as judging  # noqa: E402
import jump_stitching as stitching  # noqa: E402
from corpus_layout import LAYOUTS, folio_lines  # noqa: E402
from jump_cuts import HEADLINE_KINDS, Jump  # noqa: E402
from jump_pages import printed_lines  # noqa: E402
from jump_stories import MIN_BODY, Paragraph, Story, can_jump, seed_stories  # noqa: E402

from articles.reconstruct.jumps import Part  # noqa: E402

SAMPLE = ROOT / "fixtures" / "corpus" / "rmrb_sample.jsonl"
COUNT = 12
VARIETY = 30  # issues the variety of cuts, markers and layouts is looked for in
TO_MARKER = re.compile(
    r"^(?P<open>（?)下转第(?P<n>[二三四234])版(?P<close>）?)$"
)  # 下转第二版 / （下转第5版）
FROM_MARKER = re.compile(
    r"^(?P<open>（?)上接第(?P<n>[一二三1-3])版(?P<close>）?)$"
)  # 上接第一版 / （上接第1版）
ANY_MARKER = re.compile(r"（?(?:下转|上接)第[一二三四1-4]版）?")
NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4}


@cache
def _issues() -> tuple[gen.Issue, ...]:
    return tuple(gen.make_issues(SAMPLE, count=COUNT, seed=5))


def _gold(issue: gen.Issue) -> dict[str, Any]:
    """The gold as written to issueNN.gold.json."""
    return json.loads(gen.issue_files(issue)[gen.gold_file(issue.number)])


def _flat(text: str) -> str:
    return "".join(text.split())


def _halves(jump: dict[str, Any]) -> tuple[str, str]:
    """The beginning's and the continuation's text (spaces out), from the gold's story and cut alone."""
    texts = [_flat(p["text"]) for p in jump["paragraphs"]]
    k, at = jump["cut"]["paragraph"], jump["cut"]["at"]
    if at is None:
        return "".join(texts[: k + 1]), "".join(texts[k + 1 :])
    cut = _flat(jump["paragraphs"][k]["text"][:at])
    return "".join(texts[:k]) + cut, texts[k][len(cut) :] + "".join(texts[k + 1 :])


def _page_number(marker: re.Match[str]) -> int:
    n = marker["n"]
    return int(n) if n.isdigit() else NUMBERS[n]


# The generator


def test_the_same_seed_gives_the_same_bytes_and_issue_n_does_not_depend_on_how_many_are_made() -> None:
    again = gen.make_issues(SAMPLE, count=COUNT, seed=5)
    assert [gen.issue_files(i) for i in again] == [gen.issue_files(i) for i in _issues()]
    fewer = gen.make_issues(SAMPLE, count=3, seed=5)
    assert [gen.issue_files(i) for i in fewer] == [gen.issue_files(i) for i in _issues()[:3]]
    other = gen.make_issues(SAMPLE, count=3, seed=6)
    assert [i.pages for i in other] != [i.pages for i in _issues()[:3]]


@pytest.mark.parametrize("n", range(COUNT))
def test_an_issue_has_two_to_four_pages_two_to_eight_jumps_and_one_to_three_whole_stories_a_page(
    n: int,
) -> None:
    issue = _issues()[n]
    gold = _gold(issue)
    pages = sorted(issue.pages)
    assert 2 <= len(pages) <= 4 and pages == list(range(1, len(pages) + 1))
    assert sorted(gold["order"]) == pages
    assert 2 <= len(gold["jumps"]) <= 8
    for page in pages:
        assert 1 <= sum(w["page"] == page for w in gold["whole"]) <= 3
    for jump in gold["jumps"]:
        begins, goes_on = jump["beginning"]["page"], jump["continuation"]["page"]
        assert begins in (1, 2) and begins < goes_on
        assert sum(p["kind"] == "body" for p in jump["paragraphs"]) >= MIN_BODY


@pytest.mark.parametrize("n", range(COUNT))
def test_every_story_is_printed_once_cut_where_the_gold_says_and_the_page_holds_nothing_else(n: int) -> None:
    """Spaces and line breaks aside: each whole story once, each jump's halves once on their own pages and
    never unbroken, and with the stories, headlines, markers and folio taken off a page, nothing is left."""
    issue = _issues()[n]
    gold = _gold(issue)
    flat = {page: _flat(text) for page, text in issue.pages.items()}
    everywhere = "\n".join(flat.values())
    left = dict(flat)

    def take(page: int, piece: str) -> None:
        assert piece in left[page], f"p{page} lacks {piece[:20]}"
        left[page] = left[page].replace(piece, "", 1)

    for whole in gold["whole"]:
        text = "".join(_flat(p["text"]) for p in whole["paragraphs"])
        assert everywhere.count(text) == 1, whole["title"]
        take(whole["page"], text)
    for jump in gold["jumps"]:
        beginning, continuation = _halves(jump)
        story = "".join(_flat(p["text"]) for p in jump["paragraphs"])
        assert beginning + continuation == story and beginning and continuation
        assert everywhere.count(story) == 0, f"{jump['title']} is printed unbroken"
        # Once each, unless the story itself repeats it (a summary over a report the report repeats).
        unmarked = ANY_MARKER.sub("", everywhere)
        assert unmarked.count(beginning) == story.count(beginning)
        assert unmarked.count(continuation) == story.count(continuation)
        take(jump["beginning"]["page"], beginning)
        take(jump["continuation"]["page"], continuation)
        take(jump["beginning"]["page"], jump["beginning"]["marker"])
        take(jump["continuation"]["page"], jump["continuation"]["marker"])
    for page in flat:
        on_page = [w for w in gold["whole"] if w["page"] == page]
        on_page += [j for j in gold["jumps"] if j["beginning"]["page"] == page]
        headlines = [_flat(x) for s in on_page for x in (s["kicker"], s["title"], s["subtitle"]) if x]
        headlines += [
            _flat(line)
            for j in gold["jumps"]
            if j["continuation"]["page"] == page
            for line in j["continuation"]["headline"]
        ]
        folio = [
            _flat(line) for line in folio_lines({"paper": gold["paper"], "date": gold["date"], "page": page})
        ]
        for piece in sorted(headlines, key=len, reverse=True) + (folio if issue.style.layout.folio else []):
            take(page, piece)
        assert left[page] == "", f"p{page} holds text the gold does not account for: {left[page][:40]}"


@pytest.mark.parametrize("n", range(COUNT))
def test_every_jump_has_both_markers_in_a_printed_form_next_to_its_text_naming_the_other_page(n: int) -> None:
    issue = _issues()[n]
    for jump in _gold(issue)["jumps"]:
        begins, goes_on = jump["beginning"], jump["continuation"]
        to_marker, from_marker = TO_MARKER.match(begins["marker"]), FROM_MARKER.match(goes_on["marker"])
        assert to_marker and from_marker, (begins["marker"], goes_on["marker"])
        for marker in (to_marker, from_marker):
            assert bool(marker["open"]) == bool(marker["close"])
        assert _page_number(to_marker) == goes_on["page"]
        assert _page_number(from_marker) == begins["page"]
        beginning, continuation = _halves(jump)
        assert beginning + begins["marker"] in _flat(issue.pages[begins["page"]])
        assert goes_on["marker"] + continuation in _flat(issue.pages[goes_on["page"]])
        # The placement the gold gives is the one printed: the beginning's last line, the continuation's first.
        last = issue.pages[begins["page"]].split("\n")[begins["lines"][1] - 1].strip()
        assert last.endswith(begins["marker"])
        assert (last == begins["marker"]) == (begins["marker_placement"] == "own line")
        first = issue.pages[goes_on["page"]].split("\n")[goes_on["lines"][0] - 1].strip()
        assert first.startswith(goes_on["marker"])
        assert (first == goes_on["marker"]) == (goes_on["marker_placement"] == "own line")


def test_the_issues_vary_cuts_markers_jump_headlines_layouts_and_page_orders() -> None:
    issues = gen.make_issues(SAMPLE, count=VARIETY, seed=5)  # a subhead after the cut is rarer than the rest
    jumps = [j for issue in issues for j in _gold(issue)["jumps"]]
    assert {j["cut"]["kind"] for j in jumps} == {"paragraph", "sentence", "mid-sentence"}
    assert {j["beginning"]["marker_placement"] for j in jumps} == {"own line", "run-in"}
    assert {j["continuation"]["marker_placement"] for j in jumps} == {"own line", "run-in"}
    assert {j["continuation"]["headline_kind"] for j in jumps} == set(HEADLINE_KINDS)
    assert any(j["continuation"]["opens_with_subhead"] for j in jumps)
    assert {(j["beginning"]["page"], j["continuation"]["page"]) for j in jumps} >= {(1, 2), (1, 3), (2, 3)}
    markers = {j["beginning"]["marker"] for j in jumps} | {j["continuation"]["marker"] for j in jumps}
    assert any(m.startswith("（") for m in markers) and any(not m.startswith("（") for m in markers)
    assert any(re.search(r"\d", m) for m in markers) and any(re.search("[一二三四]", m) for m in markers)
    layouts = [issue.style.layout for issue in issues]
    assert {layout.headlines for layout in layouts} == {"above", "before", "after"}
    assert all(14 <= layout.width <= 24 for layout in layouts)
    assert any(issue.order != tuple(sorted(issue.order)) for issue in issues)


def test_the_seed_pages_stories_are_among_the_sources_photos_and_continuations_aside() -> None:
    stories = seed_stories()
    titles = {s.title for s in stories}
    assert "以高水平法治保障首都高质量发展" in titles
    assert "以更高标准更严要求 提升最高检办案质效" not in titles  # it is itself a continuation
    assert all(s.title for s in stories)  # the photo (no title) is left out
    assert sum(can_jump(s) for s in stories) >= 3


def test_a_list_or_a_box_of_items_is_printed_whole_never_sent_on() -> None:
    # A book list, or a box of proposals each with its title and proposer: more short unpunctuated lines
    # than paragraphs. A paper prints such a box whole; running text of the same length may jump.
    body = Paragraph(
        "body", "案由：老旧社区空间虽小，但人口密度大，整治改造既可以提升百姓生活的幸福指数。" * 3
    )
    heading = Paragraph("heading", "对老社区进行微改造")
    box = Story("box", None, "提案提要", None, (heading, heading, body, heading, heading, body, body))
    report = replace(box, paragraphs=(heading, body, heading, body, body))
    assert not can_jump(box)
    assert can_jump(report)


def test_the_generator_cli_writes_pages_and_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert gen.main([str(SAMPLE), str(tmp_path), "--issues", "2", "--seed", "5"]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "issue01.gold.json" in names and "issue01_p01.txt" in names and "issue02_p02.txt" in names
    gold = json.loads((tmp_path / "issue01.gold.json").read_text(encoding="utf-8"))
    assert gold == _gold(_issues()[0])
    assert "2 issues" in capsys.readouterr().out


# The evaluator, on hand-made parts and links


@dataclass(frozen=True)
class _Match:
    certain: bool


def _two_jump_issue() -> gen.Issue:
    """The first sample issue with a jump whose cut runs through a paragraph and one cut at a paragraph's end."""
    for issue in _issues():
        if any(j.runs_on for j in issue.jumps) and any(not j.runs_on for j in issue.jumps):
            return issue
    raise AssertionError("no sample issue has both kinds of cut")


def _parts(issue: gen.Issue) -> tuple[list[Part], dict[str, int]]:
    """What a perfect reconstruction would give: one part for each beginning, continuation and whole story,
    a marker run in where the cut went through a paragraph and on its own where it did not; and the index of
    each (`b0`, `f0`, `w0`, …)."""
    parts: list[Part] = []
    index: dict[str, int] = {}

    def add(
        key: str, page: int, headline: str, paragraphs: list[str], came: int | None, goes: int | None
    ) -> None:
        index[key] = len(parts)
        parts.append(_part(page, headline, paragraphs, came=came, goes=goes))

    for n, jump in enumerate(issue.jumps):
        texts = [p.text for p in jump.beginning]
        ending = [*texts[:-1], texts[-1] + jump.to_marker]
        add(f"b{n}", jump.from_page, jump.story.title or "", ending, None, jump.to_page)
        rest = [p.text for p in jump.continuation]
        opening = [jump.from_marker + " " + rest[0], *rest[1:]] if jump.runs_on else [jump.from_marker, *rest]
        add(f"f{n}", jump.to_page, " ".join(jump.headline), opening, jump.from_page, None)
    for n, whole in enumerate(issue.wholes):
        add(
            f"w{n}", whole.page, whole.story.title or "", [p.text for p in whole.story.paragraphs], None, None
        )
    return parts, index


def _part(
    page: int, headline: str, paragraphs: list[str], *, came: int | None = None, goes: int | None = None
) -> Part:
    return Part(
        page=page,
        kind="news",
        headline=headline,
        paragraphs=tuple(paragraphs),
        continued_from=came,
        continued_to=goes,
        lead=True,
        signed=False,
    )


def test_a_right_link_is_counted_and_its_halves_stitch_back_into_the_story() -> None:
    issue = _two_jump_issue()
    parts, at = _parts(issue)
    links = [(at[f"f{n}"], at[f"b{n}"], _Match(True)) for n in range(len(issue.jumps))]
    scores, false = judging.score_links(issue, parts, links)
    assert [s.outcome for s in scores] == [judging.LINKED] * len(issue.jumps)
    assert all(s.stitched for s in scores), [s.note for s in scores]
    assert false == ()


def test_two_continuations_swapped_are_linked_wrong_and_both_links_are_false() -> None:
    issue = _two_jump_issue()
    parts, at = _parts(issue)
    links = [(at["f0"], at["b1"], _Match(True)), (at["f1"], at["b0"], _Match(True))]
    scores, false = judging.score_links(issue, parts, links)
    assert [s.outcome for s in scores[:2]] == [judging.WRONG, judging.WRONG]
    assert not any(s.stitched for s in scores)
    assert len(false) == 2


def test_an_uncertain_right_pair_is_a_suggestion_and_no_pair_is_a_miss() -> None:
    issue = _two_jump_issue()
    parts, at = _parts(issue)
    scores, false = judging.score_links(issue, parts, [(at["f0"], at["b0"], _Match(False))])
    assert scores[0].outcome == judging.SUGGESTED and scores[0].stitched is None
    assert [s.outcome for s in scores[1:]] == [judging.MISSED] * (len(scores) - 1)
    assert false == ()


def test_an_uncertain_wrong_pair_is_a_miss_and_no_false_link() -> None:
    issue = _two_jump_issue()
    parts, at = _parts(issue)
    scores, false = judging.score_links(issue, parts, [(at["f0"], at["b1"], _Match(False))])
    assert scores[0].outcome == judging.MISSED and false == ()


def test_a_whole_story_linked_as_a_fragment_is_a_false_link() -> None:
    issue = _two_jump_issue()
    parts, at = _parts(issue)
    links = [(at["f0"], at["b0"], _Match(True)), (at["w0"], at["b1"], _Match(True))]
    scores, false = judging.score_links(issue, parts, links)
    assert scores[0].outcome == judging.LINKED and scores[1].outcome == judging.MISSED
    assert len(false) == 1 and false[0].startswith(f"p{issue.wholes[0].page}#")


def test_a_part_is_found_by_its_first_paragraph_through_letter_spacing_and_markers() -> None:
    opening = "自治区党委常委、政法委书记苗庆旺出席会议并讲话，会议要求各地守正创新。"
    parts = [
        _part(2, "另一篇", ["会议强调，要加强政治建设。"]),
        _part(
            2, "统筹发展和安全", ["（上接第1版）自 治 区 党 委 常 委 、 政法委书记苗庆旺出席会议。"], came=1
        ),
    ]
    assert judging.locate(parts, 2, opening) == 1
    assert judging.locate(parts, 1, opening) is None  # not on that page
    assert judging.locate(parts, 2, "全国政法工作会议在京召开。") is None
    # The first words read into a headline: the part holding the rest of the paragraph is still found.
    moved = [
        _part(2, "另一篇", ["会议强调。"]),
        _part(2, "自治区党委常委", ["政法委书记苗庆旺出席会议并讲话，会议要求各地守正创新。"]),
    ]
    assert judging.locate(moved, 2, opening) == 1


def test_stitching_joins_a_cut_paragraph_and_finds_what_does_not_belong() -> None:
    issue = _two_jump_issue()
    parts, at = _parts(issue)
    n = next(i for i, j in enumerate(issue.jumps) if j.runs_on)
    jump, beginning, fragment = issue.jumps[n], parts[at[f"b{n}"]], parts[at[f"f{n}"]]
    rest = [p.text for p in jump.continuation]
    folio = "人民日报  2020年5月8日  星期五"

    def error(b: Part, f: Part, j: Jump = jump) -> str:
        return stitching.stitch_error(j, stitching.stitch(b, f), [folio]) or ""

    assert stitching.stitch_error(jump, stitching.stitch(beginning, fragment), [folio]) is None
    apart = replace(fragment, paragraphs=(jump.from_marker, *rest))  # the marker a paragraph of its own
    assert "not joined" in error(beginning, apart)
    marked = replace(beginning, paragraphs=("（下转第三版）", *beginning.paragraphs))
    assert "marker" in error(marked, fragment)
    headed = replace(jump, headline=("本报特稿：跨页的标题",))
    with_headline = replace(fragment, paragraphs=(*fragment.paragraphs, "本报特稿：跨页的标题"))
    assert "jump headline" in error(beginning, with_headline, headed)
    with_folio = replace(fragment, paragraphs=(*fragment.paragraphs, folio))
    assert "folio" in error(beginning, with_folio)
    shorter = replace(fragment, paragraphs=fragment.paragraphs[:1])
    assert "differs" in error(beginning, shorter)  # a runs-on continuation has a whole paragraph after


def test_links_that_change_with_the_page_order_are_reported() -> None:
    issue = _issues()[0]

    def steady(parts: Any, pages: set[int]) -> list[Any]:
        return []

    def first_to_last(parts: Any, pages: set[int]) -> list[Any]:
        return [(len(parts) - 1, 0, _Match(True))]

    assert ev.evaluate_issue(issue, linker=steady).orders_identical
    assert not ev.evaluate_issue(issue, linker=first_to_last).orders_identical


def test_the_evaluator_cli_prints_a_line_an_issue_and_the_totals(capsys: pytest.CaptureFixture[str]) -> None:
    assert ev.main([str(SAMPLE), "--issues", "2", "--seed", "5"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line[:8] for line in out[:2]] == ["issue 01", "issue 02"]
    header = next(line for line in out if "linked right" in line)
    for column in ev.COLUMNS:
        assert column in header
    total = next(line for line in out if line.startswith("total"))
    jumps = sum(len(i.jumps) for i in _issues()[:2])
    assert total.split()[1] == str(jumps)
    assert ev.main([str(SAMPLE), "--issues", "2", "--seed", "5", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rows"]["total"]["jumps"] == jumps


def test_a_link_to_the_part_holding_the_marker_of_a_beginning_cut_in_two_is_a_cut_not_a_wrong_link() -> None:
    # The beginning's first paragraph is in part 1, its 下转 marker in part 2 (the page cut the story at a
    # subhead): a certain link of the continuation (part 5) to part 2 follows the marker.
    linked = {5: (2, _Match(True))}
    assert judging.judge(1, 5, linked, end=2) == judging.CUT
    assert judging.judge(1, 5, linked, end=None) == judging.WRONG
    assert judging.judge(1, 5, linked, end=3) == judging.WRONG
    assert judging.judge(1, 5, {5: (2, _Match(False))}, end=2) == judging.MISSED


def test_a_short_piece_of_a_paragraph_cut_by_a_jump_keeps_the_paragraph_indent() -> None:
    # A paragraph cut after a few words (兰州畜牧与兽药研究所派驻 / 下转第2版) is text, not a subhead: a layout
    # that sets subheads flush still indents it, as print does, or the page shows a headline there.
    layout = LAYOUTS["dense_after"]
    assert layout.subheads_unindented and layout.indent_text
    piece = "兰州畜牧与兽药研究所派驻"
    assert printed_lines(Paragraph("body", piece), layout, first=False) == [layout.indent_text + piece]
    assert printed_lines(Paragraph("heading", piece), layout, first=False) == [piece]


def test_a_stitching_error_is_told_by_its_cause_and_the_half_it_is_in() -> None:
    issue = _two_jump_issue()
    parts, at = _parts(issue)
    n = next(i for i, j in enumerate(issue.jumps) if j.runs_on)
    jump, beginning, fragment = issue.jumps[n], parts[at[f"b{n}"]], parts[at[f"f{n}"]]

    def cause(b: Part, f: Part) -> str:
        note = stitching.stitch_error(jump, stitching.stitch(b, f), []) or ""
        return stitching.stitch_cause(jump, b, f, note)

    above = replace(beginning, paragraphs=("上面那篇稿件的最后一段话。", *beginning.paragraphs))
    assert cause(above, fragment) == "beginning text extra at its start"
    below = replace(fragment, paragraphs=(*fragment.paragraphs, "下面那篇稿件的第一段话。"))
    assert cause(beginning, below) == "continuation text extra at its end"
    short = replace(fragment, paragraphs=fragment.paragraphs[:1])
    assert cause(beginning, short) == "continuation text missing at its end"
    marked = replace(beginning, paragraphs=("（下转第三版）", *beginning.paragraphs))
    assert cause(marked, fragment) == "a marker left in"


def test_issues_with_stripped_indents_are_the_same_issues_without_leading_blanks() -> None:
    plain = gen.make_issues(SAMPLE, count=2, seed=3)
    stripped = gen.make_issues(SAMPLE, count=2, seed=3, strip_indents=True)
    for a, b in zip(plain, stripped, strict=True):
        assert a.pages.keys() == b.pages.keys()
        assert any(line[:1] in (" ", "\u3000") for text in a.pages.values() for line in text.split("\n"))
        for n, text in a.pages.items():
            assert b.pages[n].split("\n") == [line.lstrip(" \u3000") for line in text.split("\n")]
