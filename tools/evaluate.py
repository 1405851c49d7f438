"""Score the engine on the corpus: every page laid out in every layout, reconstructed, compared with the gold.

python tools/evaluate.py CORPUS_DIR [--layout NAME]... [--page DATE_PAGE]... [--verbose] [--json]

CORPUS_DIR holds rmrb_pages.jsonl (or is a .jsonl file). Measures, per gold story:
- cut right: its body lines all lie in the paragraphs of one article, which holds no other story's body line;
- headline right: the article holding most of its body lines has its kicker, title and subtitle;
- dateline, byline, photo credit right: only over the stories whose source settles them;
and per page the characters lost and duplicated (non-whitespace, input against everything the output holds).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from corpus_layout import LAYOUTS, Gold, GoldStory, Layout, lay_out, load_pages, page_key  # noqa: E402

Engine = Callable[[str], dict[str, Any]]  # laid-out text -> the engine's page JSON


@dataclass(frozen=True)
class StoryScore:
    title: str | None  # the gold title, to name the story in reports
    cut_right: bool
    kicker_right: bool
    title_right: bool
    subtitle_right: bool
    dateline_right: bool | None  # None: the gold does not settle it
    byline_right: bool | None
    photo_right: bool | None
    articles: tuple[int, ...]  # positions of the engine articles holding its body lines
    shares_with: tuple[int, ...]  # the other stories (1-based) whose body lines those articles hold
    lines_outside: int  # body lines in no article's paragraphs
    got_title: str | None  # the title of the article holding most of its body lines

    @property
    def headline_right(self) -> bool:
        return self.kicker_right and self.title_right and self.subtitle_right

    @property
    def all_right(self) -> bool:
        return self.cut_right and self.headline_right and False not in self.lead_measures

    @property
    def lead_measures(self) -> tuple[bool | None, ...]:
        return (self.dateline_right, self.byline_right, self.photo_right)


@dataclass(frozen=True)
class PageScore:
    stories: tuple[StoryScore, ...]
    lost: int
    duplicated: int
    characters: int  # non-whitespace characters of the input
    error: str | None = None  # the engine raised: everything counts as wrong

    @property
    def cut_right(self) -> int:
        return sum(s.cut_right for s in self.stories)

    @property
    def headlines_right(self) -> int:
        return sum(s.headline_right for s in self.stories)

    @property
    def entirely_right(self) -> bool:
        return (
            self.error is None
            and self.cut_right == self.headlines_right == len(self.stories)
            and self.lost == self.duplicated == 0
        )


@dataclass(frozen=True)
class Tally:
    """Totals over page scores; each measure is (right, out of)."""

    pages: tuple[int, int]
    cut_right: tuple[int, int]
    headline_right: tuple[int, int]
    kicker_right: tuple[int, int]
    title_right: tuple[int, int]
    subtitle_right: tuple[int, int]
    dateline_right: tuple[int, int]
    byline_right: tuple[int, int]
    photo_right: tuple[int, int]
    lost: int
    duplicated: int
    characters: int
    errors: int


# Scoring


def score_page(page_json: dict[str, Any], gold: Gold) -> PageScore:
    """Score the engine's JSON for a laid-out page against the layout's gold."""
    articles = page_json["articles"]
    holders = _line_holders(articles)
    body = [gold.body_lines(i) for i in range(len(gold.stories))]
    held_stories: dict[int, set[int]] = {}  # article -> the stories whose body lines it holds
    for i, lines in enumerate(body):
        for line in lines:
            for a in holders.get(line, ()):
                held_stories.setdefault(a, set()).add(i)
    stories = tuple(
        _score_story(i, gold.stories[i], body[i], articles, holders, held_stories) for i in range(len(body))
    )
    lost, duplicated = _character_balance(Counter(gold.characters), _output_characters(page_json))
    return PageScore(stories, lost, duplicated, len(gold.characters))


def score_failure(gold: Gold, error: str) -> PageScore:
    """A page the engine raised on: every story wrong, every character lost."""
    stories = tuple(
        StoryScore(
            title=s.title,
            cut_right=False,
            kicker_right=False,
            title_right=False,
            subtitle_right=False,
            dateline_right=False if s.dateline else None,
            byline_right=False if s.bylines is not None else None,
            photo_right=False if s.photographers else None,
            articles=(),
            shares_with=(),
            lines_outside=len(gold.body_lines(i)),
            got_title=None,
        )
        for i, s in enumerate(gold.stories)
    )
    return PageScore(stories, len(gold.characters), 0, len(gold.characters), error)


def _line_holders(articles: list[dict[str, Any]]) -> dict[int, set[int]]:
    """Input line -> indexes of the articles whose paragraphs' line ranges cover it."""
    holders: dict[int, set[int]] = {}
    for a, article in enumerate(articles):
        for paragraph in article["paragraphs"]:
            first, last = paragraph["lines"]
            for line in range(first, last + 1):
                holders.setdefault(line, set()).add(a)
    return holders


def _score_story(
    index: int,
    gold: GoldStory,
    lines: list[int],
    articles: list[dict[str, Any]],
    holders: dict[int, set[int]],
    held_stories: dict[int, set[int]],
) -> StoryScore:
    held = Counter(a for line in lines for a in holders.get(line, ()))
    outside = sum(1 for line in lines if not holders.get(line))
    main = min(held, key=lambda a: (-held[a], a)) if held else None
    others = {i for a in held for i in held_stories[a]} - {index}
    article = articles[main] if main is not None else None
    got = article or {}
    return StoryScore(
        title=gold.title,
        cut_right=len(held) == 1 and outside == 0 and not others,
        kicker_right=article is not None and _same(got.get("kicker"), gold.kicker),
        title_right=article is not None and _same(got.get("title"), gold.title),
        subtitle_right=article is not None and _same(got.get("subtitle"), gold.subtitle),
        dateline_right=_dateline_right(got.get("dateline"), gold) if gold.dateline else None,
        byline_right=_byline_right(got.get("bylines") or [], gold) if gold.bylines is not None else None,
        photo_right=_photo_right(got.get("bylines") or [], gold) if gold.photographers else None,
        articles=tuple(sorted(_position(articles, a) for a in held)),
        shares_with=tuple(sorted(i + 1 for i in others)),
        lines_outside=outside,
        got_title=got.get("title"),
    )


def _position(articles: list[dict[str, Any]], index: int) -> int:
    return articles[index].get("position", index + 1)


def _norm(text: str | None) -> str | None:
    """Text with all whitespace removed; empty is None."""
    return ("".join(text.split()) or None) if text else None


def _same(got: str | None, want: str | None) -> bool:
    return _norm(got) == _norm(want)


def _dateline_right(got: dict[str, Any] | None, gold: GoldStory) -> bool:
    want = gold.dateline
    return (
        got is not None
        and want is not None
        and _same(got.get("place"), want.place)
        and _same(got.get("date"), want.date)
        and _same(got.get("agency"), want.agency)
    )


def _byline_right(got: list[dict[str, Any]], gold: GoldStory) -> bool:
    """The article's names (photographers aside) are the gold's; roles are compared where the gold has one."""
    roles = {_norm(b["name"]): b.get("role") for b in got if b.get("role") != "photographer"}
    want = gold.bylines or ()
    return set(roles) == {_norm(b.name) for b in want} and all(
        roles[_norm(b.name)] == b.role for b in want if b.role
    )


def _photo_right(got: list[dict[str, Any]], gold: GoldStory) -> bool:
    names = {_norm(b["name"]) for b in got if b.get("role") == "photographer"}
    return all(_norm(name) in names for name in gold.photographers or ())


def _output_characters(page_json: dict[str, Any]) -> Counter[str]:
    """Every non-whitespace character the engine's output holds, wherever it put it."""
    texts: list[str | None] = [f.get("text") for f in page_json.get("furniture", [])]
    for article in page_json["articles"]:
        texts += [article.get("kicker"), article.get("title"), article.get("subtitle")]
        texts += article.get("labels", [])
        texts += [p.get("text") for p in article["paragraphs"]]
    for group in page_json.get("unmatched_headlines", []):
        texts += [group.get("kicker"), group.get("title"), group.get("subtitle"), group.get("label")]
    return Counter("".join("".join(t.split()) for t in texts if t))


def _character_balance(given: Counter[str], held: Counter[str]) -> tuple[int, int]:
    """(lost, duplicated): characters of the input the output lacks, and those it has too many of."""
    return sum((given - held).values()), sum((held - given).values())


# Running


def engine_json(text: str) -> dict[str, Any]:
    """The engine's JSON for a laid-out page (imported late: the layout tool needs no engine)."""
    from articles.reconstruct.page import reconstruct_page

    return reconstruct_page(text).to_json()


def evaluate_page(page: dict[str, Any], layout: Layout, engine: Engine = engine_json) -> PageScore:
    """Lay the page out, reconstruct it, score it; an engine that raises scores all wrong."""
    laid = lay_out(page, layout)
    try:
        page_json = engine(laid.text)
    except Exception as exc:  # any engine failure is a result to report, not a crash
        return score_failure(laid.gold, f"{type(exc).__name__}: {exc}")
    return score_page(page_json, laid.gold)


def tally(scores: Iterable[PageScore]) -> Tally:
    scores = list(scores)
    stories = [s for page in scores for s in page.stories]

    def count(attr: str) -> tuple[int, int]:
        values = [getattr(s, attr) for s in stories if getattr(s, attr) is not None]
        return sum(values), len(values)

    return Tally(
        pages=(sum(p.entirely_right for p in scores), len(scores)),
        cut_right=count("cut_right"),
        headline_right=count("headline_right"),
        kicker_right=count("kicker_right"),
        title_right=count("title_right"),
        subtitle_right=count("subtitle_right"),
        dateline_right=count("dateline_right"),
        byline_right=count("byline_right"),
        photo_right=count("photo_right"),
        lost=sum(p.lost for p in scores),
        duplicated=sum(p.duplicated for p in scores),
        characters=sum(p.characters for p in scores),
        errors=sum(p.error is not None for p in scores),
    )


# Reporting

TABLE_COLUMNS = (
    ("pages", "pages right"),
    ("cut_right", "cut right"),
    ("headline_right", "headlines"),
    ("kicker_right", "kicker"),
    ("title_right", "title"),
    ("subtitle_right", "subtitle"),
    ("dateline_right", "dateline"),
    ("byline_right", "byline"),
    ("photo_right", "photo"),
)


def _ratio(pair: tuple[int, int]) -> str:
    right, total = pair
    return f"{right}/{total} {100 * right / total:.0f}%" if total else "-"


def _page_line(key: str, layout: str, score: PageScore) -> str:
    n = len(score.stories)
    line = (
        f"{key:<14} {layout:<20} cut right {score.cut_right}/{n}  headlines {score.headlines_right}/{n}"
        f"  lost {score.lost}  dup {score.duplicated}"
    )
    return line + (f"  ENGINE ERROR {score.error}" if score.error else "")


def _story_lines(score: PageScore) -> list[str]:
    out = []
    for n, story in enumerate(score.stories, 1):
        if story.all_right:
            continue
        wrong = [name for name in ("cut", "headline") if not getattr(story, f"{name}_right")]
        wrong += [
            m for m, v in zip(("dateline", "byline", "photo"), story.lead_measures, strict=True) if v is False
        ]
        held = ", ".join(map(str, story.articles)) or "none"
        outside = f", {story.lines_outside} body lines in no article" if story.lines_outside else ""
        shared = f", with stories {', '.join(map(str, story.shares_with))}" if story.shares_with else ""
        out.append(
            f"    story {n} {story.title!r}: {' '.join(wrong)} wrong; in articles {held}{shared}{outside};"
            f" got title {story.got_title!r}"
        )
    return out


def _table(rows: list[tuple[str, Tally]]) -> list[str]:
    headers = ["layout", *(label for _, label in TABLE_COLUMNS), "lost", "dup"]
    body = [
        [
            name,
            *(_ratio(getattr(t, attr)) for attr, _ in TABLE_COLUMNS),
            _chars(t.lost, t),
            _chars(t.duplicated, t),
        ]
        for name, t in rows
    ]
    widths = [max(len(r[i]) for r in [headers, *body]) for i in range(len(headers))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [headers, *body]
    ]


def _chars(n: int, t: Tally) -> str:
    return f"{n} {100 * n / t.characters:.2f}%" if t.characters else str(n)


def _tally_json(t: Tally) -> dict[str, Any]:
    return {f.name: list(v) if isinstance(v := getattr(t, f.name), tuple) else v for f in fields(t)}


def _score_json(key: str, layout: str, score: PageScore) -> dict[str, Any]:
    n = len(score.stories)
    stories = [{**asdict(s), "headline_right": s.headline_right} for s in score.stories]
    return {
        "page": key,
        "layout": layout,
        "cut_right": [score.cut_right, n],
        "headlines_right": [score.headlines_right, n],
        "lost": score.lost,
        "duplicated": score.duplicated,
        "entirely_right": score.entirely_right,
        "error": score.error,
        "stories": stories,
    }


def _select(pages: list[dict[str, Any]], wanted: list[str] | None) -> tuple[list[dict[str, Any]], set[str]]:
    """The pages asked for, and the names asked for that no page has."""
    if not wanted:
        return pages, set()
    keys = {_canonical_key(w) for w in wanted}
    chosen = [p for p in pages if page_key(p) in keys]
    return chosen, keys - {page_key(p) for p in chosen}


def _canonical_key(key: str) -> str:
    """`2020-05-29_06` names the page `2020-05-29_6`."""
    date, _, number = key.rpartition("_")
    return f"{date}_{int(number)}" if number.isdigit() else key


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the engine on the corpus pages in every layout.")
    parser.add_argument("corpus", type=Path, help="a directory holding rmrb_pages.jsonl, or a .jsonl file")
    parser.add_argument(
        "--layout", action="append", choices=list(LAYOUTS), help="only this layout (repeatable)"
    )
    parser.add_argument(
        "--page", action="append", help="only this page, DATE_PAGE: 2019-02-12_14 (repeatable)"
    )
    parser.add_argument(
        "--no-indents",
        action="store_true",
        help="every layout without its paragraphs' indents, as a PDF tool that drops leading blanks gives it",
    )
    parser.add_argument(
        "--no-empty-lines",
        action="store_true",
        help="every layout without an empty line anywhere, as a PDF tool writing single newlines gives it",
    )
    parser.add_argument(
        "--stray-empty-lines",
        type=int,
        default=0,
        metavar="N",
        help="N empty lines more spread over every page, as page breaks or lines of blanks leave them",
    )
    parser.add_argument(
        "--stripped-indents",
        action="store_true",
        help="every layout laid out indented, then its leading blanks dropped (first lines short by the indent)",
    )
    parser.add_argument(
        "--centred-headlines",
        action="store_true",
        help="every headline line centred over its column with spaces, as a layout-keeping PDF tool sets it",
    )
    parser.add_argument("--verbose", action="store_true", help="name every story not right and what it got")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    layouts = [LAYOUTS[name] for name in args.layout] if args.layout else list(LAYOUTS.values())
    # How the page texts are written besides the layout: what a PDF tool changes.
    written: dict[str, Any] = {"stray_empty_lines": args.stray_empty_lines}
    if args.no_indents:
        written["indent"] = "none"
    if args.no_empty_lines:
        written["empty_lines"] = False
    if args.stripped_indents:
        written["strip_indents"] = True
    if args.centred_headlines:
        written["centred_headlines"] = True
    layouts = [replace(layout, **written) for layout in layouts]
    try:
        pages, missing = _select(load_pages(args.corpus), args.page)
    except (OSError, ValueError) as exc:
        parser.error(f"cannot read the corpus: {exc}")
    if missing:
        parser.error(f"no such page in the corpus: {', '.join(sorted(missing))}")
    results = [(page_key(p), layout.name, evaluate_page(p, layout)) for p in pages for layout in layouts]
    per_layout = [(lay.name, tally(s for _, name, s in results if name == lay.name)) for lay in layouts]
    total = tally(s for _, _, s in results)
    if args.json:
        report = {
            "pages": [_score_json(*r) for r in results],
            "layouts": {name: _tally_json(t) for name, t in per_layout},
            "total": _tally_json(total),
        }
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    for key, name, score in results:
        print(_page_line(key, name, score))
        if args.verbose:
            print("\n".join(_story_lines(score)) or "    all right")
    print()
    print("\n".join(_table([*per_layout, ("total", total)])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
