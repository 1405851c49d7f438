"""Lay the corpus' pages out as raw page text, as a PDF tool or a production system gives it, with the gold.

The corpus (see the corpus README) gives each page's articles whole: kicker, title, subtitle, paragraphs.
A page text dump is a layout of them: columns of a width, broken anywhere, headlines somewhere, a folio at
the top. Each named layout below is one such dump, and the gold says what every output line is.

python tools/corpus_layout.py CORPUS_DIR OUT_DIR [--layout NAME]...

writes `<date>_<page>.<layout>.txt` and `<date>_<page>.<layout>.gold.json` for inspection.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CORPUS_FILE = "rmrb_pages.jsonl"
FULLWIDTH_INDENT = "\u3000\u3000"
ASCII_INDENT = "  "
WEEKDAYS = "一二三四五六日"
LETTER_SPACING_EVERY = 13  # every 13th full-width body line comes out letter-spaced
SUBHEAD_MAX = 16  # a body paragraph this short with no sentence punctuation is a subhead
TWO_LINE_TITLE_MIN = 15  # a title this long with a space in it is set in two lines

SPACES = re.compile(r"[\s\u00a0\u3000]+")  # 王\xa0\xa0闽摄 -> 王 闽摄
SENTENCE_PUNCT = re.compile(r"[。，；！？]")  # 平台经济崛起 has none, so it may be a subhead
ASCII_LETTER = re.compile(r"[A-Za-z]")  # a line with Latin words is not letter-spaced: PDF tools space words
# A lead: a dateline and its parenthesised byline, if any.
LEAD = re.compile(
    r"^(?P<lead>据?(?P<agency>本报|新华社)"
    r"(?:(?P<place>[\u4e00-\u9fff]{1,8}?)(?P<date>\d{1,2}月\d{1,2}日))?电"
    r"(?: ?[（(](?P<byline>[^（）()]{2,40})[）)])?)"
)  # 本报北京2月11日电 （记者赵贝佳） / 据新华社联合国2月4日电 / 本报电
# The inside of a lead's parentheses that the gold can read: names, and 记者 when they are reporters.
LEAD_BYLINE = re.compile(
    r"^(?P<reporter>记者)?(?P<names>[\u4e00-\u9fff·]{2,6}(?:、[\u4e00-\u9fff·]{2,6})*)$"
)  # 记者富子梅、靳博
# A photo credit paragraph, maybe after a writer's credit: names with letter-spacing, then 摄.
PHOTO_CREDIT = re.compile(
    r"^(?:[^。，；]{2,20}?文 )?(?:(?:本报|新华社)?记者 ?)?"
    r"(?P<names>[\u4e00-\u9fff·]{1,6}(?: [\u4e00-\u9fff·]{1,6}){0,3})"
    r"摄(?:影报道)?(?:（[\u4e00-\u9fff]{2,8}）)?$"
)  # 王 闽摄（影像中国） / 新华社记者 沙达提摄 / 本报记者 谷业凯文 本报记者 雷 声摄
# A production line at a story's end: a reconstruction may keep it with the story or call it furniture.
PRODUCTION = re.compile(r"^(?:本版)?(?:制图|版式设计|责编|责任编辑|美编)：|^数据来源：")  # 本版制图：蔡华伟

# What an output line is: ("body", story), ("headline", story, "kicker" | "title" | "subtitle"), ("folio",),
# or ("either", story) for a production line a reconstruction may keep with the story or call furniture.
LineRole = tuple


@dataclass(frozen=True)
class Layout:
    name: str
    width: int  # column width in CJK cells; an ASCII character counts half
    blank_after_line: bool = False  # an empty line after every line (the seed's style)
    blank_between_paragraphs: bool = False  # an empty line between paragraphs only
    indent: str = (
        "fullwidth"  # "fullwidth" (two U+3000), "ascii" (two spaces) or "none" (a tool that drops it)
    )
    # "after" the stories, "before" them, "between" the first half of them and the rest, or each group
    # "above" its story
    headlines: str = "above"
    lead_own_line: bool = False  # the lead ends its line; the text goes on, unindented, on the next
    folio: bool = False  # paper, date, weekday and page at the very top
    letter_spacing: bool = False  # every 13th full-width body line is letter-spaced
    subheads_unindented: bool = False  # short paragraphs without sentence punctuation are set flush
    two_line_titles: bool = False  # a long title with a space is set in two lines
    empty_lines: bool = True  # False: no empty line anywhere, as a PDF tool writing single newlines gives it
    stray_empty_lines: int = 0  # empty lines more, spread over the page (page breaks, lines of blanks)
    centred_headlines: bool = False  # headline lines centred over the column with spaces, as a PDF tool does
    # Laid out indented, then every line's leading blanks dropped: first lines short by the indent.
    strip_indents: bool = False

    @property
    def indent_text(self) -> str:
        return {"fullwidth": FULLWIDTH_INDENT, "ascii": ASCII_INDENT, "none": ""}[self.indent]


LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        Layout(
            "seed",
            18,
            blank_after_line=True,
            headlines="after",
            lead_own_line=True,
            folio=True,
            letter_spacing=True,
        ),
        Layout("narrow_above", 12, subheads_unindented=True, two_line_titles=True),
        Layout(
            "gaps_above",
            14,
            blank_between_paragraphs=True,
            lead_own_line=True,
            folio=True,
            letter_spacing=True,
        ),
        Layout(
            "ascii_before",
            22,
            blank_between_paragraphs=True,
            indent="ascii",
            headlines="before",
            lead_own_line=True,
            folio=True,
            subheads_unindented=True,
            two_line_titles=True,
        ),
        Layout("dense_after", 24, headlines="after", letter_spacing=True, subheads_unindented=True),
        Layout("between", 16, headlines="between", lead_own_line=True, folio=True, two_line_titles=True),
        Layout(
            "spaced_ascii_before",
            20,
            blank_after_line=True,
            indent="ascii",
            headlines="before",
            two_line_titles=True,
        ),
    )
}


@dataclass(frozen=True)
class GoldDateline:
    place: str | None
    date: str | None
    agency: str


@dataclass(frozen=True)
class GoldByline:
    name: str
    role: str | None  # "reporter" when the source says 记者; None when it does not say


@dataclass(frozen=True)
class GoldStory:
    kicker: str | None
    title: str | None
    subtitle: str | None
    kind: str  # "photo" (its last paragraph is a photo credit) or "text"
    dateline: GoldDateline | None  # None: the source does not settle it
    bylines: tuple[GoldByline, ...] | None  # the lead's byline; None: the source does not settle it
    photographers: tuple[str, ...] | None  # from the photo credit; None: no credit

    def to_json(self) -> dict[str, Any]:
        return {
            "kicker": self.kicker,
            "title": self.title,
            "subtitle": self.subtitle,
            "kind": self.kind,
            "dateline": vars(self.dateline) if self.dateline else None,
            "bylines": None if self.bylines is None else [vars(b) for b in self.bylines],
            "photographers": None if self.photographers is None else list(self.photographers),
        }


@dataclass(frozen=True)
class Gold:
    lines: tuple[LineRole | None, ...]  # what output line n is, at index n - 1; None for an empty line
    stories: tuple[GoldStory, ...]
    characters: str  # the non-whitespace characters of the laid-out text, in order

    def role(self, line: int) -> LineRole | None:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else None

    def body_lines(self, story: int) -> list[int]:
        return [n for n, role in enumerate(self.lines, 1) if role == ("body", story)]

    def to_json(self) -> dict[str, Any]:
        return {
            "lines": [list(role) if role else None for role in self.lines],
            "stories": [s.to_json() for s in self.stories],
        }


@dataclass(frozen=True)
class LaidOut:
    text: str
    gold: Gold


@dataclass(frozen=True)
class _Story:
    """A corpus article cleaned for layout: whitespace runs are one space, empty paragraphs gone."""

    kicker: str | None
    title: str | None
    subtitle: str | None
    paragraphs: tuple[str, ...]
    production: int  # how many of the last paragraphs are production lines (制图：…)


# One planned output line: its text and role, or BREAK where the layout may put an empty line.
BREAK = None


def clean(text: str) -> str:
    """A corpus string with its indent gone and each run of (no-break, full-width) spaces one space.

    >>> clean("\u3000\u3000王\xa0\xa0闽摄（影像中国）")
    '王 闽摄（影像中国）'
    """
    return SPACES.sub(" ", text).strip()


def cells(text: str) -> float:
    """Width in CJK cells: an ASCII character counts half."""
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))


def load_pages(path: Path) -> list[dict[str, Any]]:
    """The corpus' pages: from a .jsonl file, or a directory's rmrb_pages.jsonl, else all its .jsonl."""
    if not path.is_dir():
        files = [path]
    elif (path / CORPUS_FILE).exists():
        files = [path / CORPUS_FILE]
    else:
        files = sorted(path.glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no .jsonl corpus file in {path}")
    return [
        json.loads(line)
        for file in files
        for line in file.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def page_key(page: dict[str, Any]) -> str:
    """`2019-02-12_14`: how files and the evaluation name a page."""
    return f"{page['date']}_{page['page']}"


def lay_out(page: dict[str, Any], layout: Layout) -> LaidOut:
    """The page as raw text in `layout`, and the gold for every line of it."""
    stories = [_clean_story(article) for article in page["articles"]]
    plan: list[tuple[str, LineRole] | None] = []
    if layout.folio:
        plan += [(line, ("folio",)) for line in folio_lines(page)] + [BREAK]
    groups = [_headline_lines(i, s, layout) for i, s in enumerate(stories)]
    block = [line for group in block_order(groups) for line in [*group, BREAK]]
    if layout.headlines == "before":
        plan += block
    for i, story in enumerate(stories):
        if layout.headlines == "between" and i == len(stories) // 2:
            plan += [BREAK, *block]
        if layout.headlines == "above":
            plan += groups[i] + ([BREAK] if layout.blank_between_paragraphs else [])
        plan += _story_lines(i, story, layout)
    if layout.headlines == "after":
        plan += [BREAK, *block]
    if layout.letter_spacing:
        plan = letter_space(plan, layout)
    return _render(plan, layout, stories)


def folio_lines(page: dict[str, Any]) -> list[str]:
    """`人民日报  2020年5月8日  星期五` and `第1版`."""
    day = dt.date.fromisoformat(page["date"])
    date = f"{day.year}年{day.month}月{day.day}日"
    return [f"{page['paper']}  {date}  星期{WEEKDAYS[day.weekday()]}", f"第{page['page']}版"]


def story_gold(article: dict[str, Any]) -> GoldStory:
    """What the source settles about one article: its headline, kind, dateline, bylines, photographers."""
    return _gold_of(_clean_story(article))


def _gold_of(s: _Story) -> GoldStory:
    lead = LEAD.match(s.paragraphs[0]) if s.paragraphs else None
    credit = PHOTO_CREDIT.match(s.paragraphs[-1]) if s.paragraphs else None
    return GoldStory(
        kicker=s.kicker,
        title=s.title,
        subtitle=s.subtitle,
        kind="photo" if credit else "text",
        dateline=GoldDateline(lead["place"], lead["date"], lead["agency"]) if lead else None,
        bylines=_lead_bylines(lead["byline"]) if lead and lead["byline"] else None,
        photographers=_photographers(credit["names"]) if credit else None,
    )


def _clean_story(article: dict[str, Any]) -> _Story:
    paragraphs = tuple(p for p in map(clean, article["paragraphs"]) if p)
    production = 0
    while production < len(paragraphs) - 1 and PRODUCTION.match(paragraphs[-1 - production]):
        production += 1
    return _Story(
        kicker=clean(article["kicker"]) or None,
        title=clean(article["title"]) or None,
        subtitle=clean(article["subtitle"]) or None,
        paragraphs=paragraphs,
        production=production,
    )


def _lead_bylines(inner: str) -> tuple[GoldByline, ...] | None:
    match = LEAD_BYLINE.match(inner.replace(" ", ""))
    if not match:
        return None
    role = "reporter" if match["reporter"] else None
    return tuple(GoldByline(name, role) for name in match["names"].split("、"))


def _photographers(names: str) -> tuple[str, ...]:
    """Names of a credit; a two-character name is printed letter-spaced: `常碧罗 邹 乐` -> 常碧罗, 邹乐."""
    out: list[str] = []
    single = False
    for token in names.split(" "):
        if single and len(token) == 1:
            out[-1] += token
            single = False
        else:
            out.append(token)
            single = len(token) == 1
    return tuple(out)


def _headline_lines(index: int, story: _Story, layout: Layout) -> list[tuple[str, LineRole]]:
    lines = [(story.kicker, "kicker")] if story.kicker else []
    if story.title:
        lines += [(part, "title") for part in title_lines(story.title, layout)]
    if story.subtitle:
        lines.append((story.subtitle, "subtitle"))
    return [(text, ("headline", index, role)) for text, role in lines]


def title_lines(title: str, layout: Layout) -> list[str]:
    """The title, or its two halves broken at the space nearest its middle."""
    if not layout.two_line_titles or len(title) < TWO_LINE_TITLE_MIN or " " not in title:
        return [title]
    spaces = [i for i, ch in enumerate(title) if ch == " "]
    cut = min(spaces, key=lambda i: (abs(i - len(title) / 2), i))
    return [title[:cut], title[cut + 1 :]]


def block_order(groups: list[list[tuple[str, LineRole]]]) -> list[list[tuple[str, LineRole]]]:
    """The headline block's groups: rotated by one, so the block is not in story order (nor is print's)."""
    return groups[1:] + groups[:1]


def _story_lines(index: int, story: _Story, layout: Layout) -> list[tuple[str, LineRole] | None]:
    out: list[tuple[str, LineRole] | None] = []
    first_production = len(story.paragraphs) - story.production
    for n, paragraph in enumerate(story.paragraphs):
        role = ("either", index) if n >= first_production else ("body", index)
        out += [(line, role) for line in paragraph_lines(paragraph, layout, first=n == 0)]
        if layout.blank_between_paragraphs:
            out.append(BREAK)
    return out


def paragraph_lines(paragraph: str, layout: Layout, *, first: bool, subhead: bool | None = None) -> list[str]:
    """A paragraph wrapped and indented as the layout sets it; `subhead` when the caller knows (a piece of a
    paragraph cut by a jump is short, yet text, not a subhead)."""
    if subhead is None:
        subhead = len(paragraph) <= SUBHEAD_MAX and not SENTENCE_PUNCT.search(paragraph)
    indent = "" if layout.subheads_unindented and subhead else layout.indent_text
    lead = LEAD.match(paragraph) if first and layout.lead_own_line else None
    if lead and lead.end() < len(paragraph):
        rest = paragraph[lead.end() :].lstrip()
        return wrap(indent + lead["lead"], layout.width) + wrap(rest, layout.width)
    return wrap(indent + paragraph, layout.width)


def wrap(text: str, width: int) -> list[str]:
    """Cut text into lines of at most `width` cells, anywhere, as column setting does; a space at a cut goes.

    >>> wrap("　　本报北京电 记者", 5)
    ['　　本报北', '京电 记者']
    """
    lines: list[str] = []
    line, used = "", 0.0
    for ch in text:
        w = 0.5 if ch.isascii() else 1.0
        if used + w > width and line.strip():
            lines.append(line.rstrip(" "))
            line, used = "", 0.0
        if lines and not line and ch == " ":
            continue  # a continuation line does not start with the space the cut fell on
        line += ch
        used += w
    if line.strip():
        lines.append(line.rstrip(" "))
    return lines


def letter_space(
    plan: list[tuple[str, LineRole] | None], layout: Layout
) -> list[tuple[str, LineRole] | None]:
    """Space out every 13th full-width body line (not a first line, nor one with spaces or Latin words)."""
    out: list[tuple[str, LineRole] | None] = []
    seen = 0
    for item in plan:
        if item and item[1][0] == "body" and _justified(item[0], layout):
            seen += 1
            if seen % LETTER_SPACING_EVERY == 0:
                item = (" ".join(item[0]), item[1])
        out.append(item)
    return out


def _justified(line: str, layout: Layout) -> bool:
    return (
        cells(line) > layout.width - 1
        and not line.startswith((" ", "\u3000"))
        and " " not in line
        and not ASCII_LETTER.search(line)
    )


def _render(plan: list[tuple[str, LineRole] | None], layout: Layout, stories: list[_Story]) -> LaidOut:
    lines, roles = render_lines(plan, layout)
    text = "\n".join(lines) + "\n"
    golds = tuple(_gold_of(s) for s in stories)
    return LaidOut(text, Gold(tuple(roles), golds, "".join(text.split())))


def render_lines(
    plan: list[tuple[str, LineRole] | None], layout: Layout
) -> tuple[list[str], list[LineRole | None]]:
    """The output lines of a plan and the role of each (None for an empty line), in the layout's blank-line
    style: an empty line after every line, or only where the plan has a BREAK."""
    lines: list[str] = []
    roles: list[LineRole | None] = []
    for item in plan:
        if item is BREAK:
            # An empty line where the layout asks for one: never two, never at the top.
            if not layout.blank_after_line and lines and lines[-1]:
                lines.append("")
                roles.append(None)
            continue
        text, role = item
        if layout.strip_indents:
            text = text.lstrip(" \u3000")
        if layout.centred_headlines and role[0] == "headline":
            # Set in by half the spare cells, two spaces a cell.
            text = " " * max(0, round(layout.width - cells(text))) + text
        lines.append(text)
        roles.append(role)
        if layout.blank_after_line:
            lines.append("")
            roles.append(None)
    while lines and not lines[-1]:
        lines.pop()
        roles.pop()
    if not layout.empty_lines:
        kept = [k for k, line in enumerate(lines) if line]
        lines, roles = [lines[k] for k in kept], [roles[k] for k in kept]
    for k in range(layout.stray_empty_lines, 0, -1):  # from the bottom up, so each place stays put
        at = len(lines) * k // (layout.stray_empty_lines + 1)
        lines.insert(at, "")
        roles.insert(at, None)
    return lines, roles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lay the corpus' pages out as raw text, with their gold.")
    parser.add_argument("corpus", type=Path, help="a directory holding rmrb_pages.jsonl, or a .jsonl file")
    parser.add_argument("out", type=Path, help="where to write <date>_<page>.<layout>.txt and .gold.json")
    parser.add_argument(
        "--layout", action="append", choices=sorted(LAYOUTS), help="only this layout (repeatable)"
    )
    args = parser.parse_args(argv)
    layouts = [LAYOUTS[name] for name in args.layout] if args.layout else list(LAYOUTS.values())
    args.out.mkdir(parents=True, exist_ok=True)
    pages = load_pages(args.corpus)
    for page in pages:
        for layout in layouts:
            laid = lay_out(page, layout)
            stem = args.out / f"{page_key(page)}.{layout.name}"
            stem.with_name(stem.name + ".txt").write_text(laid.text, encoding="utf-8")
            gold = json.dumps(laid.gold.to_json(), ensure_ascii=False, indent=1) + "\n"
            stem.with_name(stem.name + ".gold.json").write_text(gold, encoding="utf-8")
    print(f"{len(pages) * len(layouts)} pages written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
