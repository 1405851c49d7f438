"""Decoding, normalising and classifying the lines of a raw page."""

from __future__ import annotations

import codecs
import re
from itertools import count, islice
from typing import NamedTuple

from .values import PageError

MAX_PAGE_BYTES = 5 * 1024 * 1024  # a printed page is ~30 kB of text; 5 MB is not a page
MAX_LINES = 20_000  # a broadsheet page has ~1,000 lines; more is not a page and would only cost time
# This many empty lines or fewer, on a page of more than STRAY_SPAN lines each, are strays (page breaks, a line
# of blanks under a byline): they mark no paragraph's end.
STRAY_EMPTY_LINES = 2
STRAY_SPAN = 80

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]+")  # 法治
# The high bytes of UTF-16 code units outside CJK: all but U+3400–U+9FFF and U+F900–U+FAFF (see count_cjk).
NOT_CJK_HIGH = bytes(b for b in range(256) if not (0x34 <= b <= 0x9F or 0xF9 <= b <= 0xFA))
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]+")  # control characters of binary data
# The bytes that are not CONTROL characters, to count those among a text's Latin-1 characters (see check_is_page).
NOT_CONTROL = bytes(b for b in range(256) if not CONTROL.match(chr(b)))
BLANK = " \u3000\t\u00a0\r\f\v"  # what a blank line may hold
# Characters that print nothing, as some PDF tools leave them inside words: zero-width spaces and joiners,
# a byte-order mark inside the text (pages joined), soft hyphens. 法\u200b治 reads 法治.
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
MULTISPACE = re.compile(r"  +")  # runs of spaces inside a line
# One character that justification may have spaced out: `2 0 2 5年`, `两 会 顺 利`, `1 4 . 7 %`, `劣 Ⅴ 类`, `… …`.
SPACEABLE = re.compile(f"^[{CJK}0-9０-９.．%％Ⅰ-Ⅻ…—·，。、；：！？“”‘’（）《》]$")
# The sentence-end rule, defined once: the characters, then a pattern named for each use of them.
FULL_STOP_CHARS = "。！？!?"  # end a sentence
# Ends a sentence at the end of a line or a text; inside a text, it often closes a list of examples after
# which the sentence goes on (写春联、看年画、逛庙会……中国春节正成为…).
ELLIPSIS = "…"
SENTENCE_STOP_CHARS = FULL_STOP_CHARS + ELLIPSIS
CLAUSE_STOP_CHARS = "；;"  # end a clause: the end of an item of a list (一是…；), of a paragraph or not
CLOSING_CHARS = "”’」』）)】"  # may follow the end of a sentence: 召开。” / 好！）
# A line that ends a sentence, closing quotes allowed, or ends with its jump marker: the paragraph may end
# there (召开。” / …标准（下转第四版）). Not at a clause's stop: a paragraph's line ending at ； goes on with the
# sentence's next clause, and taken for an end, the flush line after it would be read as a headline.
SENTENCE_END = re.compile(
    rf"[{SENTENCE_STOP_CHARS}][{CLOSING_CHARS}]*$|[（(](?:下转|转)第?[0-9一二三四五六七八九十]{{1,3}}版[）)]$"
)
# A text that ends a sentence or a clause, closing quotes allowed (万无一失。 / 召开。” / 一是加强监管；): a story's
# beginning that ends so was not cut mid-sentence by its jump. A paragraph may end at a clause's stop (an item
# of a list), though a line ending there seldom ends its paragraph (see SENTENCE_END).
CLAUSE_END = re.compile(rf"[{SENTENCE_STOP_CHARS}{CLAUSE_STOP_CHARS}][{CLOSING_CHARS}]*$")
# Where a sentence or a clause stops inside a text, not at an ellipsis (see ELLIPSIS): the end of a text's
# first sentence (会议指出。).
STOP_PUNCT = re.compile(rf"[{FULL_STOP_CHARS}{CLAUSE_STOP_CHARS}]")
SENTENCE_STOPS = frozenset(SENTENCE_STOP_CHARS)  # a text ending in one of these ends a sentence
# The other characters SENTENCE_END can end at: closing quotes, and a final \n (where `$` matches too).
SENTENCE_LAST = frozenset(CLOSING_CHARS + "\n")
LATIN_LETTER = re.compile(r"[A-Za-z]")  # a letter join_text may put a space before: a
# Punctuation that only running text has (headlines rarely carry a comma or a full stop).
BODY_PUNCT = re.compile(r"[，。；、！？：,;]")
CLOSING_PUNCT = frozenset("，。、；：！？”’）》」』…,.;:!?)")  # what never begins a line of its own


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
        raise PageError("文件是空的")
    if len(data) > MAX_PAGE_BYTES:
        raise PageError(f"文件太大，不像一个版面（{len(data):,} 字节，上限 {MAX_PAGE_BYTES:,} 字节）")
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name).removeprefix("\ufeff"), name
            except UnicodeDecodeError as exc:
                raise PageError(f"文件带 {name} 的字节顺序标记（BOM），内容却不是有效的 {name}") from exc
    if b"\x00" in data:
        raise PageError("文件是二进制数据，不是文本")
    for name in ("utf-8", "gb18030"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise PageError("文件既不是 UTF-8 也不是 GB18030 编码的文本")


def check_is_page(text: str) -> None:
    """Refuse text that cannot be a Chinese newspaper page."""
    controls = count_controls(text)
    if controls > max(4, len(text) // 200):
        raise PageError("文件是二进制数据，不是文本")
    cjk = count_cjk(text)
    visible = len("".join(text.split()))
    if cjk < 20 or cjk < 0.3 * visible:
        raise PageError("文字不像中文报纸的版面（中文太少）")


def count_controls(text: str) -> int:
    """How many characters of `text` are CONTROL characters.

    Every one is a Latin-1 character: they are counted among those, in C, with no regex reading each
    character of the page.

    >>> count_controls("法治\x07\x00 a")
    2
    """
    return len(text.encode("latin-1", "ignore").translate(None, NOT_CONTROL))


def count_cjk(text: str) -> int:
    """How many characters of `text` are in CJK.

    Counted in C on the UTF-16 code units' high bytes, which place a character in the ranges of CJK (a page
    has thousands of CJK runs to collect otherwise). One high byte, 0x4D, is shared by CJK (U+4D00–U+4DBF)
    and the Yijing hexagrams (U+4DC0–U+4DFF): text with any character there is counted the slow way.

    >>> count_cjk("2025年，法治㐀")
    4
    """
    high = text.encode("utf-16-le", "surrogatepass")[1::2]
    if 0x4D in high:
        return sum(map(len, CJK_CHAR.findall(text)))
    return len(high.translate(None, NOT_CJK_HIGH))


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
        out += tok if in_run and not _spaced_pair(tokens, spacing, i) else " " + tok
    return out


def _spaced_pair(tokens: list[str], spacing: list[bool], i: int) -> bool:
    """Whether space i opens a two-character word spaced out to a name's width between two longer words:
    the space before its lone first character is a real one (`李明远 丁 一摄` is 李明远 and 丁一, `记者 丁 一摄`)."""
    return (
        i + 2 < len(tokens)
        and spacing[i + 1]
        and not (i > 0 and spacing[i - 1])
        and not (i + 2 < len(spacing) and spacing[i + 2])
        and len(tokens[i]) > 1
        and len(tokens[i + 1]) == 1
        and len(tokens[i + 2]) > 1
    )


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
    if INVISIBLE.search(text):
        text = INVISIBLE.sub("", text)
    raw_lines = text.split("\n")
    blank = [not raw.strip(BLANK) for raw in raw_lines]
    blank.append(False)
    out: list[Line] = []
    # A page has hundreds of lines: the tuple is built directly (Line(...) with keywords costs a Python
    # call per line), and the cheap cases (no indent, no full-width space) skip their string copies.
    make = tuple.__new__
    for no, raw, empty, blank_after in zip(count(1), raw_lines, blank, islice(blank, 1, None)):
        if empty:
            continue
        clean = raw.rstrip()
        stripped = clean.lstrip(" \u3000")
        indent = len(clean) - len(stripped)
        if indent:
            lead = clean[:indent]
            indented = "\u3000" in lead or lead.count(" ") >= 2
        else:
            indented = False
        body = stripped.replace("\u3000", " ") if "\u3000" in stripped else stripped
        if " " in body:
            body = despace(MULTISPACE.sub(" ", body))
        width = len(body) - 0.5 * len(body.encode("ascii", "ignore"))  # display_width(), inlined
        out.append(make(Line, (no, raw, body, indented, blank_after, width)))
    return out


def blank_lines_separate_paragraphs(lines: list[Line]) -> bool:
    """True when empty lines mark paragraph ends: the page sets some, but not one after every line (the
    seed's style); one or two strays on a long page (page breaks, a line of blanks under a byline) mark
    nothing."""
    if len(lines) < 4:
        return False
    with_blank = sum(1 for line in lines[:-1] if line.blank_after)
    stray = with_blank <= STRAY_EMPTY_LINES and with_blank < len(lines) / STRAY_SPAN
    return not stray and with_blank < 0.6 * (len(lines) - 1)


def column_width(lines: list[Line]) -> float:
    """The usual width of a body line: the upper quartile of lines that carry running-text punctuation."""
    # Most body lines have a comma, found without starting the regex.
    widths = sorted(
        line.width
        for line in lines
        if line.width >= 6 and ("，" in line.text or BODY_PUNCT.search(line.text))
    )
    if not widths:
        return 20.0
    return widths[min(len(widths) - 1, int(len(widths) * 0.75))]


def ends_sentence(text: str) -> bool:
    # Called for nearly every line: decide from the last character where it can (SENTENCE_END is anchored
    # at the end, so any other last character cannot match), searching only when it may be a closing quote.
    last = text[-1:]
    if last in SENTENCE_STOPS:
        return True
    return last in SENTENCE_LAST and bool(SENTENCE_END.search(text))


def join_text(parts: list[str]) -> str:
    """Join broken lines of one paragraph: no space between CJK, one between Latin words."""
    joined = "".join(parts)
    # A space only ever goes before a Latin letter, and most paragraphs have none at all.
    if LATIN_LETTER.search(joined) is None:
        return joined
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and part[:1].isascii() and part[:1].isalpha():
            out += " "
        out += part
    return out
