"""Snippets: the words of a query marked in real text, HTML-escaped. A snippet comes from the article's
own paragraphs (the indexed text has spaces between words), from the sentence of the first match."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

from articles.reconstruct.text import STOP_PUNCT  # where a snippet may start: after 。 ！ ？ or ；

SNIPPET_CHARS = 120
SNIPPET_BEFORE = 30  # at most this much of a sentence before the first match


def terms_pattern(terms: Sequence[str], *, prefix: bool = False) -> re.Pattern[str] | None:
    """A regex finding the terms in real text, longest first, any case.

    A Latin term matches whole words only (`ai` not in `said`); as a prefix, the start of a word.
    """
    alternatives = []
    for term in sorted(dict.fromkeys(terms), key=len, reverse=True):
        piece = re.escape(term)
        if term.isascii() and term[:1].isalnum():
            piece = rf"(?<![0-9a-z]){piece}" + ("" if prefix else r"(?![0-9a-z])")
        alternatives.append(piece)
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


def highlight_html(text: str, pattern: re.Pattern[str] | None) -> SafeString:
    """text HTML-escaped, the matches of pattern wrapped in <mark>.

    >>> highlight_html("<b>信用</b>修复", terms_pattern(["信用"]))
    '&lt;b&gt;<mark>信用</mark>&lt;/b&gt;修复'
    """
    return mark_safe(_marked(text, pattern, 0, len(text)))  # _marked escapes every piece


def snippet_html(
    paragraphs: Sequence[str], pattern: re.Pattern[str] | None, *, lead: str | None = None
) -> SafeString:
    """About SNIPPET_CHARS characters of the paragraph with the most distinct terms, from the sentence
    of its first match, escaped and marked; when none has a term, the start of `lead` (else of the
    first paragraph)."""
    texts = [p for p in paragraphs if p.strip()]
    if lead and lead.strip():
        best = lead
    elif texts:
        best = texts[0]
    else:
        return mark_safe("")
    best_score, first = 0, None
    for text in texts:
        found = list(pattern.finditer(text)) if pattern else []
        score = len({m.group().lower() for m in found})
        if score > best_score:
            best, best_score, first = text, score, found[0]
    start = 0
    if first is not None and first.start() > SNIPPET_BEFORE:
        start = first.start() - SNIPPET_BEFORE
        sentences = list(STOP_PUNCT.finditer(best, start, first.start()))
        if sentences:
            start = sentences[-1].end()
    end = min(len(best), start + SNIPPET_CHARS)
    if pattern and end < len(best):
        for match in pattern.finditer(best, max(0, end - 40), min(len(best), end + 40)):
            if match.start() < end < match.end():  # never cut a marked word
                end = match.end()
    html = _marked(best, pattern, start, end)
    return mark_safe(("…" if start else "") + html + ("…" if end < len(best) else ""))


def _marked(text: str, pattern: re.Pattern[str] | None, start: int, end: int) -> str:
    """text[start:end] escaped, each run of matches side by side in one <mark> (信用 修复: 信用修复)."""
    out: list[str] = []
    at = start
    if pattern:
        spans: list[list[int]] = []
        for match in pattern.finditer(text, start, end):
            if spans and spans[-1][1] == match.start():
                spans[-1][1] = match.end()
            else:
                spans.append([match.start(), match.end()])
        for left, right in spans:
            out.append(escape(text[at:left]))
            out.append(f"<mark>{escape(text[left:right])}</mark>")
            at = right
    out.append(escape(text[at:end]))
    return "".join(out)  # escaped by the standard library's html.escape: Django's own is slower
