"""Decoding, normalising and classifying the lines of a raw page."""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from .values import PageError

MAX_PAGE_BYTES = 5 * 1024 * 1024  # a printed page is ~30 kB of text; 5 MB is not a page
MAX_LINES = 20_000  # a broadsheet page has ~1,000 lines; more is not a page and would only cost time

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]+")  # 法治
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]+")  # control characters of binary data
BLANK = " \u3000\t\u00a0\r\f\v"  # what a blank line may hold
MULTISPACE = re.compile(r"  +")  # runs of spaces inside a line
# One character that justification may have spaced out: `2 0 2 5年`, `两 会 顺 利`.
SPACEABLE = re.compile(f"^[{CJK}0-9０-９]$")  # 两
# Characters that end a sentence or a paragraph: `。` `！` `？` and closing quotes after them.
SENTENCE_END = re.compile(
    r"[。！？!?…][”’」』）)】]*$|[（(](?:下转|转)第?[0-9一二三四五六七八九十]{1,3}版[）)]$"
)
# Punctuation that only running text has (headlines rarely carry a comma or a full stop).
BODY_PUNCT = re.compile(r"[，。；、！？：,;]")


class Line(NamedTuple):
    """One non-blank input line, normalised (a tuple: pages have hundreds, made in a hot loop)."""

    no: int  # 1-based line number in the input
    raw: str  # the line as read (newline removed)
    text: str  # stripped, letter-spacing removed, inner spaces kept
    indented: bool
    blank_after: bool  # an empty line follows it
    width: float  # display width of `text` in CJK cells


def decode(data: bytes | str) -> tuple[str, str]:
    """Return (text, encoding name) for page bytes; raise PageError for what is not text.

    >>> decode("法治".encode("gb18030"))
    ('法治', 'gb18030')
    """
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), "utf-8"
    if not data.strip():
        raise PageError("the file is empty")
    if len(data) > MAX_PAGE_BYTES:
        raise PageError(f"the file is too large to be a page ({len(data):,} bytes, limit {MAX_PAGE_BYTES:,})")
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name).removeprefix("\ufeff"), name
            except UnicodeDecodeError as exc:
                raise PageError(f"the file has a {name} byte-order mark but is not valid {name}") from exc
    if b"\x00" in data:
        raise PageError("the file is binary, not text")
    for name in ("utf-8", "gb18030"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise PageError("the file is neither UTF-8 nor GB18030 text")


def check_is_page(text: str) -> None:
    """Refuse text that cannot be a Chinese newspaper page."""
    controls = sum(map(len, CONTROL.findall(text)))
    if controls > max(4, len(text) // 200):
        raise PageError("the file is binary, not text")
    cjk = sum(map(len, CJK_CHAR.findall(text)))
    visible = len("".join(text.split()))
    if cjk < 20 or cjk < 0.3 * visible:
        raise PageError("the text is not a Chinese newspaper page (too little Chinese text)")


def display_width(text: str) -> float:
    """Width in CJK cells: an ASCII character counts half."""
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))


def despace(text: str) -> str:
    """Remove the letter-spacing of justified lines, keep real spaces.

    A space is letter-spacing when it stands between two characters of which one is a lone character,
    in a run of at least two such spaces: one lone character at a line's end is just a broken word.

    >>> despace("展新成效。2 0 2 5年，全市")
    '展新成效。2025年，全市'
    >>> despace("“化解矛盾风险 维护社会稳定”")
    '“化解矛盾风险 维护社会稳定”'
    >>> despace("记者黄洁 北")
    '记者黄洁 北'
    """
    if " " not in text:
        return text
    tokens = text.split(" ")
    spacing = [
        bool(SPACEABLE.match(a[-1:]) and SPACEABLE.match(b[:1]) and (len(a) == 1 or len(b) == 1))
        for a, b in zip(tokens, tokens[1:], strict=False)
    ]
    out = tokens[0]
    for i, tok in enumerate(tokens[1:]):
        in_run = spacing[i] and ((i > 0 and spacing[i - 1]) or (i + 1 < len(spacing) and spacing[i + 1]))
        out += tok if in_run else " " + tok
    return out


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_count(text: str) -> int:
    """Lines as an editor numbers them: a final newline does not start another line."""
    text = normalise_newlines(text)
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def split_lines(text: str) -> list[Line]:
    """Normalise newlines and return the non-blank lines with their numbers."""
    text = normalise_newlines(text)
    if "\u00a0" in text or "\t" in text:
        text = text.replace("\u00a0", " ").replace("\t", "    ")
    raw_lines = text.split("\n")
    blank = [not raw.strip(BLANK) for raw in raw_lines]
    blank.append(False)
    out: list[Line] = []
    for i, raw in enumerate(raw_lines):
        if blank[i]:
            continue
        clean = raw.rstrip()
        stripped = clean.lstrip(" \u3000")
        lead = clean[: len(clean) - len(stripped)]
        body = stripped.replace("\u3000", " ")
        if " " in body:
            body = despace(MULTISPACE.sub(" ", body))
        out.append(
            Line(
                no=i + 1,
                raw=raw,
                text=body,
                indented="\u3000" in lead or lead.count(" ") >= 2,
                blank_after=blank[i + 1],
                width=display_width(body),
            )
        )
    return out


def blank_lines_separate_paragraphs(lines: list[Line]) -> bool:
    """True when empty lines mark paragraph ends, not just every line (the seed's style)."""
    if len(lines) < 4:
        return False
    with_blank = sum(1 for line in lines[:-1] if line.blank_after)
    return with_blank < 0.6 * (len(lines) - 1)


def column_width(lines: list[Line]) -> float:
    """The usual width of a body line: the upper quartile of lines that carry running-text punctuation."""
    widths = sorted(line.width for line in lines if BODY_PUNCT.search(line.text) and line.width >= 6)
    if not widths:
        return 20.0
    return widths[min(len(widths) - 1, int(len(widths) * 0.75))]


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


def join_text(parts: list[str]) -> str:
    """Join broken lines of one paragraph: no space between CJK, one between Latin words."""
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and part[:1].isascii() and part[:1].isalpha():
            out += " "
        out += part
    return out
