"""Versions of a real page as other papers and PDF tools would give it: re-encoded, re-wrapped, re-ordered.

Each variant is made from the page text and its reviewed golden JSON (which says where each paragraph,
story and headline is), so the expected reconstruction of a variant is known without re-reading it.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
SEED = FIXTURES / "fazhi_2025-01-24_02.txt"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_golden() -> dict:
    return json.loads(SEED.with_suffix(".expected.json").read_text(encoding="utf-8"))


def _lines() -> list[str]:
    return seed_text().split("\n")


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def cr_only(text: str) -> bytes:
    return text.replace("\n", "\r").encode("utf-8")


def gb18030(text: str) -> bytes:
    return text.encode("gb18030")


def utf8_bom(text: str) -> bytes:
    return text.encode("utf-8-sig")


def single_newlines(text: str) -> bytes:
    """No empty lines between the lines."""
    return "\n".join(line for line in text.split("\n") if line.strip(" \u3000")).encode("utf-8")


def single_newlines_stray_blank(text: str) -> bytes:
    """No empty lines between the lines, but the line of blanks the page has under a byline block kept as a
    PDF tool writes it: one stray empty line on the whole page."""
    return "\n".join(line for line in text.split("\n") if line).encode("utf-8")


def ascii_indents(text: str) -> bytes:
    """Paragraph indents as four ASCII spaces instead of two full-width ones."""
    return re.sub(r"(?m)^ ?\u3000\u3000", "    ", text).encode("utf-8")


def trailing_spaces(text: str) -> bytes:
    return "\n".join(line + "  " if line else line for line in text.split("\n")).encode("utf-8")


def _paragraph_ranges(golden: dict) -> dict[int, tuple[int, str]]:
    """First line -> (last line, text) of every body paragraph."""
    out = {}
    for article in golden["articles"]:
        for para in article["paragraphs"]:
            if para["kind"] == "body":
                out[para["lines"][0]] = (para["lines"][1], para["text"])
    return out


def rewrapped(width: int, *, blank_between: bool = True) -> bytes:
    """Every body paragraph broken again at another column width, indented with full-width spaces as the
    seed indents it: a continuation running on after its marker (上接第一版 反映出…) stays flush."""
    lines = _lines()
    ranges = _paragraph_ranges(seed_golden())
    out: list[str] = []
    no = 1
    while no <= len(lines):
        if no in ranges:
            last, text = ranges[no]
            wrapped = textwrap.wrap(text, width=width, break_long_words=True, drop_whitespace=False)
            wrapped = [w for w in wrapped if w.strip()]
            if lines[no - 1][:1] in " \u3000":
                wrapped[0] = "\u3000\u3000" + wrapped[0]
            out.extend(wrapped)
            no = last + 1
            continue
        if lines[no - 1].strip(" \u3000"):
            out.append(lines[no - 1])
        no += 1
    sep = "\n\n" if blank_between else "\n"
    return sep.join(out).encode("utf-8")


def _article_blocks(golden: dict) -> tuple[list[str], list[tuple[dict, list[str]]], list[str]]:
    """Furniture lines, each article's own lines (without headlines), and the headline lines."""
    lines = _lines()
    headline_lines = {n for a in golden["articles"] for n in a["headline_lines"]}
    headline_lines |= {n for h in golden["unmatched_headlines"] for n in h["lines"]}
    furniture = [lines[f["line"] - 1] for f in golden["furniture"]]
    stories = []
    for article in golden["articles"]:
        first, last = article["paragraphs"][0]["lines"][0], article["paragraphs"][-1]["lines"][1]
        own = [
            lines[n - 1] for n in range(first, last + 1) if n not in headline_lines and lines[n - 1].strip()
        ]
        stories.append((article, own))
    headlines = [lines[n - 1] for n in sorted(headline_lines)]
    return furniture, stories, headlines


def headlines_above() -> bytes:
    """The usual layout of most papers: each story's headline lines right above it."""
    lines = _lines()
    furniture, stories, _ = _article_blocks(seed_golden())
    out = list(furniture)
    for article, own in stories:
        out.extend(lines[n - 1] for n in article["headline_lines"])
        out.extend(own)
    return "\n\n".join(out).encode("utf-8")


def stories_reversed() -> bytes:
    """The same stories in the opposite order, headlines still grouped at the end."""
    furniture, stories, headlines = _article_blocks(seed_golden())
    out = list(furniture)
    for _, own in reversed(stories):
        out.extend(own)
    out.extend(headlines)
    return "\n\n".join(out).encode("utf-8")


def headlines_centred(pad: str) -> bytes:
    """Every headline line set in by `pad`, as a layout-keeping PDF tool centres it over its column."""
    golden = seed_golden()
    heads = {n for a in golden["articles"] for n in a["headline_lines"]}
    heads |= {n for h in golden["unmatched_headlines"] for n in h["lines"]}
    return "\n".join(pad + line if n in heads else line for n, line in enumerate(_lines(), 1)).encode("utf-8")


def invisible_characters(text: str) -> bytes:
    """Zero-width spaces inside words and a soft hyphen, as some PDF tools leave them."""
    return text.replace("法治", "法\u200b治").replace("会议", "会\u00ad议").encode("utf-8")


VARIANTS: dict[str, Callable[[], bytes]] = {
    "crlf": lambda: crlf(seed_text()),
    "cr": lambda: cr_only(seed_text()),
    "gb18030": lambda: gb18030(seed_text()),
    "utf8-bom": lambda: utf8_bom(seed_text()),
    "single-newlines": lambda: single_newlines(seed_text()),
    "single-newlines-stray-blank": lambda: single_newlines_stray_blank(seed_text()),
    "ascii-indents": lambda: ascii_indents(seed_text()),
    "trailing-spaces": lambda: trailing_spaces(seed_text()),
    "rewrapped-12": lambda: rewrapped(12),
    "rewrapped-26": lambda: rewrapped(26),
    "rewrapped-40-single-newlines": lambda: rewrapped(40, blank_between=False),
    "headlines-above": headlines_above,
    "stories-reversed": stories_reversed,
    "one-line-paragraphs": lambda: rewrapped(3000, blank_between=False),
    "headlines-centred-8-spaces": lambda: headlines_centred(" " * 8),
    "headlines-centred-4-full-width": lambda: headlines_centred("\u3000" * 4),
    "invisible-characters": lambda: invisible_characters(seed_text()),
}


def summary(page: dict) -> dict[str, dict]:
    """What a reader sees of each story, keyed by its first words; whitespace ignored."""
    out = {}
    for article in page["articles"]:
        paras = [(p["kind"], re.sub(r"\s+", "", p["text"])) for p in article["paragraphs"]]
        key = paras[0][1][:24] if paras else ""
        out[key] = {
            "kind": article["kind"],
            "kicker": article["kicker"],
            "title": article["title"],
            "subtitle": article["subtitle"],
            "labels": article["labels"],
            "dateline": article["dateline"],
            "bylines": article["bylines"],
            "region": article["region"],
            "places": article["places"],
            "continued_from_page": article["continued_from_page"],
            "continued_to_page": article["continued_to_page"],
            "paragraphs": paras,
        }
    return out
