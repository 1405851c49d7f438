"""The synthetic jump issue (fixtures/jumps/, built from the seed by tools/build_jump_issue.py): what a reader
needs of its two pages — each story begun on page 1 sent on to page 2, its continuation there under a jump
headline, the halves joining into the seed's story, and the whole stories around them left as they were."""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_jump_issue as builder  # noqa: E402

from articles.reconstruct.page import reconstruct_page  # noqa: E402
from tests import variants  # noqa: E402

JUMPS = ROOT / "fixtures" / "jumps"
TRUTH = json.loads((JUMPS / builder.TRUTH_FILE).read_text(encoding="utf-8"))
STORIES = {j["title"]: j for j in TRUTH["jumps"]}
WHOLE = [(int(n), w) for n, page in TRUTH["pages"].items() for w in page["whole_stories"]]
SENT_ON = re.compile(r"[（(]?下转第?[0-9一二三四五六七八九十]{1,3}版[）)]?$")  # …营商环（下转第二版）
TAKEN_UP = re.compile(r"^[（(]?上接第?[0-9一二三四五六七八九十]{1,3}版[）)]?\s?")  # 上接第一版 境建设…


@cache
def _page(number: int) -> dict:
    path = JUMPS / builder.PAGE_FILES[number]
    return reconstruct_page(path.read_bytes(), source=path.name).to_json()


def _reading(article: dict) -> list[dict]:
    """What a reader reads of a story: its text and subheads, not its byline block or jump lines."""
    return [
        {"kind": p["kind"], "text": p["text"]}
        for p in article["paragraphs"]
        if p["kind"] in ("body", "heading")
    ]


def _titled(number: int, title: str) -> dict:
    found = [a for a in _page(number)["articles"] if a["title"] == title]
    assert len(found) == 1, f"page {number}: {len(found)} stories titled {title}: {_titles(number)}"
    return found[0]


def _titles(number: int) -> list[str | None]:
    return [a["title"] for a in _page(number)["articles"]]


def _whole(number: int, truth: dict) -> dict:
    if truth["title"] is None:
        photos = [a for a in _page(number)["articles"] if a["kind"] == "photo"]
        assert len(photos) == 1
        return photos[0]
    return _titled(number, truth["title"])


def _jumps() -> list:
    """One parameter per cut story, named by its cut kind."""
    return [pytest.param(j["title"], id=j["cut"]) for j in TRUTH["jumps"]]


def _wholes() -> list:
    return [pytest.param(n, w, id=f"p{n}-{w['kind']}") for n, w in WHOLE]


def test_fixture_files_are_what_the_script_builds_now() -> None:
    built = builder.build()
    assert sorted(built) == sorted(p.name for p in JUMPS.iterdir())
    for name, data in built.items():
        assert (JUMPS / name).read_bytes() == data, f"{name} drifted: run tools/build_jump_issue.py"


def test_page_1_cuts_three_ways_with_both_marker_styles() -> None:
    assert sorted(j["cut"] for j in TRUTH["jumps"]) == ["mid-sentence", "paragraph", "sentence"]
    raw = (JUMPS / builder.PAGE_FILES[1]).read_text(encoding="utf-8").split("\n")
    inline = [line for line in raw if SENT_ON.search(line) and not SENT_ON.fullmatch(line)]
    alone = [line for line in raw if SENT_ON.fullmatch(line)]
    assert len(inline) == 1 and sorted(alone) == ["下转第二版", "（下转第二版）"]


@pytest.mark.parametrize("number", [1, 2])
def test_page_furniture(number: int) -> None:
    page, truth = _page(number), TRUTH["pages"][str(number)]
    assert (page["section"], page["proofreader"]) == (truth["section"], truth["proofreader"])
    assert page["unmatched_headlines"] == []


@pytest.mark.parametrize("number", [1, 2])
def test_stories_in_printed_order_under_their_headlines(number: int) -> None:
    assert _titles(number) == [p["title"] for p in TRUTH["pages"][str(number)]["printed"]]


@pytest.mark.parametrize("title", _jumps())
def test_beginning_is_its_own_story_sent_on_to_page_2(title: str) -> None:
    truth = STORIES[title]
    article = _titled(1, title)
    assert (article["kicker"], article["subtitle"]) == (truth["kicker"], truth["subtitle"])
    assert (article["dateline"], article["bylines"]) == (truth["dateline"], truth["bylines"])
    assert (article["continued_from_page"], article["continued_to_page"]) == (None, 2)


@pytest.mark.parametrize("title", _jumps())
def test_continuation_on_page_2_under_its_jump_headline(title: str) -> None:
    truth = STORIES[title]
    article = _titled(2, truth["jump_title"])
    assert article["kicker"] is None and article["subtitle"] is None
    assert (article["continued_from_page"], article["continued_to_page"]) == (1, None)


@pytest.mark.parametrize("title", _jumps())
def test_halves_joined_read_as_the_seed_story(title: str) -> None:
    truth = STORIES[title]
    head = _reading(_titled(1, title))
    tail = _reading(_titled(2, truth["jump_title"]))
    head[-1]["text"] = SENT_ON.sub("", head[-1]["text"])
    if TAKEN_UP.match(tail[0]["text"]):  # the marker runs into the text: the cut paragraph goes on
        head[-1]["text"] += TAKEN_UP.sub("", tail.pop(0)["text"])
    assert head + tail == truth["paragraphs"]


@pytest.mark.parametrize("number, truth", _wholes())
def test_whole_story_keeps_headline_bylines_and_lead(number: int, truth: dict) -> None:
    article = _whole(number, truth)
    got = {key: article[key] for key in ("kind", "kicker", "title", "subtitle", "dateline", "bylines")}
    assert got == {key: truth[key] for key in got}
    assert _reading(article)[0]["text"] == truth["lead"]
    assert (article["continued_from_page"], article["continued_to_page"]) == (None, None)


@pytest.mark.parametrize("number, truth", _wholes())
def test_whole_story_has_its_own_paragraphs_and_nothing_else(number: int, truth: dict) -> None:
    seed = next(
        a
        for a in variants.seed_golden()["articles"]
        if a["title"] == truth["title"] and a["kind"] == truth["kind"]
    )
    mine = [(p["kind"], p["text"]) for p in _whole(number, truth)["paragraphs"]]
    assert mine == [(p["kind"], p["text"]) for p in seed["paragraphs"]]
