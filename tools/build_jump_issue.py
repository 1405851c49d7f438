"""Build a synthetic two-page issue from the seed page's stories, for testing cross-page jump linking.

.venv/bin/python tools/build_jump_issue.py

Page 1 (要闻) carries two whole stories and the beginnings of three others, each sent on with a jump
marker (下转第二版); page 2 (法治动态) carries their continuations under shorter jump headlines
(上接第一版), in another order, between two whole stories. The stories are the seed page's, laid out as
the seed is (its own lines wherever a paragraph is not cut, headlines above the stories), so what a
reader must see when the halves are joined is the seed's reviewed reconstruction
(`fixtures/pages/fazhi_2025-01-24_02.expected.json`), written beside the pages as the truth.

Writes fixtures/jumps/jump_2025-01-25_01.txt, jump_2025-01-25_02.txt and jump_2025-01-25.truth.json.
Deterministic: the same seed gives the same bytes (tests/test_jump_issue_pages.py checks they match).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import variants  # noqa: E402

OUT = ROOT / "fixtures" / "jumps"
ISSUE = "2025-01-25"
PAGE_FILES = {1: f"jump_{ISSUE}_01.txt", 2: f"jump_{ISSUE}_02.txt"}
TRUTH_FILE = f"jump_{ISSUE}.truth.json"
SECTIONS = {1: "要闻", 2: "法治动态"}
PROOFREADERS = {1: "  校对/张燕", 2: "  校对/宜爽"}  # in the seed's style: `  校对/宜爽`
WIDTH = 18.0  # a continuation's column, in CJK cells (the seed's lines are 17-20)
NO_LINE_START = "，。、；：！？）》」』”’…"  # closing punctuation stays at the end of the line before
NO_LINE_END = "（《「『“‘"  # opening punctuation goes on with the line after


@dataclass(frozen=True)
class Jump:
    """Where a seed story is cut between page 1 and page 2, and how each side says so."""

    title: str  # the story's title on the seed page
    jump_title: str  # the shorter headline over its continuation
    cut: str  # paragraph | mid-sentence | sentence
    paragraph: int  # the body paragraph (0-based) the cut is in, or the last one page 1 keeps
    after: str  # page 1 ends this paragraph with this text ("" for a cut at the paragraph's end)
    marker_inline: bool  # `…环（下转第二版）` on the last line, else the marker on its own line
    marker: str


BEIJING = Jump(
    title="以高水平法治保障首都高质量发展",
    jump_title="以高水平法治保障首都发展",
    cut="paragraph",
    paragraph=1,
    after="",
    marker_inline=False,
    marker="（下转第二版）",
)
SHENYANG = Jump(
    title="柔性执法信用修复助力企业健康发展",
    jump_title="柔性执法信用修复助力企业发展",
    cut="mid-sentence",
    paragraph=3,
    after="企业负责人代表真切感受到该市顺应营商环",  # 营商环|境: the cut splits a word
    marker_inline=True,
    marker="（下转第二版）",
)
GUANGXI = Jump(
    title="统筹高质量发展和高水平安全",
    jump_title="统筹发展和安全",
    cut="sentence",
    paragraph=0,
    after="研究部署2025年广西政法工作。",
    marker_inline=False,
    marker="下转第二版",
)
JUMPS = (BEIJING, SHENYANG, GUANGXI)
JIANGSU = "为谱写现代化建设新篇章提供坚强保障"
HEILONGJIANG = "不断提升执法司法质效和公信力"
HEBEI = "打造忠诚干净担当新时代政法铁军"
PHOTO = None  # the photo caption has no headline: found by its kind
# What each page prints, in order: ("whole", title), ("begin", jump) or ("continue", jump).
LAYOUT: dict[int, list[tuple[str, object]]] = {
    1: [
        ("begin", SHENYANG),
        ("whole", JIANGSU),
        ("begin", BEIJING),
        ("whole", HEILONGJIANG),
        ("begin", GUANGXI),
    ],
    2: [
        ("continue", GUANGXI),
        ("whole", HEBEI),
        ("continue", SHENYANG),
        ("whole", PHOTO),
        ("continue", BEIJING),
    ],
}


class _Seed:
    """The seed page's lines and its reviewed reconstruction."""

    def __init__(self) -> None:
        self.lines = variants.seed_text().split("\n")
        self.golden = variants.seed_golden()

    def article(self, title: str | None) -> dict:
        if title is None:
            return next(a for a in self.golden["articles"] if a["kind"] == "photo")
        return next(a for a in self.golden["articles"] if a["title"] == title)

    def raw(self, first: int, last: int) -> list[str]:
        """The non-blank input lines first..last (1-based), as printed."""
        return [line for line in self.lines[first - 1 : last] if line.strip(" \u3000")]

    def headline(self, article: dict) -> list[list[str]]:
        """The story's headline lines as chunks: lines the seed prints without a blank between stay together."""
        chunks: list[list[str]] = []
        previous = None
        for no in article["headline_lines"]:
            if previous is not None and no == previous + 1:
                chunks[-1].append(self.lines[no - 1])
            else:
                chunks.append([self.lines[no - 1]])
            previous = no
        return chunks

    def paragraph_chunks(self, paragraphs: list[dict]) -> list[list[str]]:
        return [[line] for p in paragraphs for line in self.raw(*p["lines"])]


def _width(text: str) -> float:
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))


def wrap(text: str, width: float = WIDTH) -> list[str]:
    """Break running text into column lines, keeping closing punctuation off a line's start.

    >>> wrap("上接第一版 境建设需求优化行政执法方式，推进柔性执法换来的新风尚。")
    ['上接第一版 境建设需求优化行政执法方', '式，推进柔性执法换来的新风尚。']
    """
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and _width(line + ch) > width and ch not in NO_LINE_START:
            carry = ""
            while line and line[-1] in NO_LINE_END:
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line)
            line = carry
        line += ch
    if line:
        lines.append(line)
    return lines


def _body(article: dict) -> list[dict]:
    """The paragraphs a reader reads: body text and subheads (not the byline block, not jump markers)."""
    return [p for p in article["paragraphs"] if p["kind"] in ("body", "heading")]


def _split_lines(raw: list[str], at: int) -> tuple[list[str], str]:
    """The raw lines of a paragraph up to character `at` of its text, and the text after it."""
    kept: list[str] = []
    seen = 0
    for i, line in enumerate(raw):
        text = line.strip(" \u3000")
        if seen + len(text) >= at:
            head = line[: len(line) - len(line.lstrip(" \u3000"))] + text[: at - seen]
            rest = text[at - seen :] + "".join(r.strip(" \u3000") for r in raw[i + 1 :])
            return kept + ([head] if text[: at - seen] else []), rest
        kept.append(line)
        seen += len(text)
    return kept, ""


def _cut(seed: _Seed, jump: Jump) -> tuple[list[list[str]], list[list[str]]]:
    """The chunks of lines page 1 prints of the story (after its headline) and those page 2 prints."""
    article = seed.article(jump.title)
    paragraphs = article["paragraphs"]
    body = _body(article)
    cut_para = body[jump.paragraph]
    k = paragraphs.index(cut_para)
    before = seed.paragraph_chunks(paragraphs[:k])
    after = seed.paragraph_chunks(paragraphs[k + 1 :])
    raw = seed.raw(*cut_para["lines"])
    if jump.cut == "paragraph":
        begin = before + seed.paragraph_chunks([cut_para]) + [[jump.marker]]
        return begin, [["上接第一版"]] + after
    printed = "".join(r.strip(" \u3000") for r in raw)  # the paragraph's text as its lines give it
    at = printed.index(jump.after) + len(jump.after)
    kept, rest = _split_lines(raw, at)
    if jump.marker_inline:
        kept[-1] += jump.marker
        begin = before + [[line] for line in kept]
    else:
        begin = before + [[line] for line in kept] + [[jump.marker]]
    return begin, [[line] for line in wrap("上接第一版 " + rest)] + after


def _story_truth(article: dict) -> dict:
    return {
        "kind": article["kind"],
        "kicker": article["kicker"],
        "title": article["title"],
        "subtitle": article["subtitle"],
        "dateline": article["dateline"],
        "bylines": article["bylines"],
    }


def build() -> dict[str, bytes]:
    """Every file this script writes, by name under fixtures/jumps/."""
    seed = _Seed()
    cuts = {jump: _cut(seed, jump) for jump in JUMPS}
    out: dict[str, bytes] = {}
    pages_truth = {}
    for page, layout in LAYOUT.items():
        chunks: list[list[str]] = [[PROOFREADERS[page]], [SECTIONS[page]]]
        printed: list[dict] = []
        whole: list[dict] = []
        for what, item in layout:
            if what == "continue":
                assert isinstance(item, Jump)
                chunks.append([item.jump_title])
                chunks.extend(cuts[item][1])
                printed.append({"part": "continuation", "title": item.jump_title, "of": item.title})
                continue
            if what == "begin":
                assert isinstance(item, Jump)
                chunks.extend(seed.headline(seed.article(item.title)))
                chunks.extend(cuts[item][0])
                printed.append({"part": "beginning", "title": item.title})
                continue
            article = seed.article(item)  # type: ignore[arg-type]
            chunks.extend(seed.headline(article))
            chunks.extend(seed.paragraph_chunks(article["paragraphs"]))
            printed.append({"part": "whole", "title": article["title"]})
            whole.append(_story_truth(article) | {"lead": _body(article)[0]["text"]})
        out[PAGE_FILES[page]] = ("\n\n".join("\n".join(c) for c in chunks) + "\n").encode("utf-8")
        pages_truth[str(page)] = {
            "file": PAGE_FILES[page],
            "section": SECTIONS[page],
            "proofreader": PROOFREADERS[page].split("/")[1],
            "printed": printed,
            "whole_stories": whole,
        }
    jumps_truth = []
    for jump in JUMPS:
        article = seed.article(jump.title)
        jumps_truth.append(
            _story_truth(article)
            | {
                "from_page": 1,
                "to_page": 2,
                "jump_title": jump.jump_title,
                "cut": jump.cut,
                "marker": jump.marker,
                "paragraphs": [{"kind": p["kind"], "text": p["text"]} for p in _body(article)],
            }
        )
    truth = {
        "issue": ISSUE,
        "made_from": variants.SEED.name,
        "made_by": "tools/build_jump_issue.py",
        "pages": pages_truth,
        "jumps": jumps_truth,
    }
    out[TRUTH_FILE] = (json.dumps(truth, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return out


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in build().items():
        (OUT / name).write_bytes(data)
        print(f"wrote fixtures/jumps/{name} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
