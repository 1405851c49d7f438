"""Search text: Chinese has no spaces between words, so we segment with jieba and let PostgreSQL's
'simple' configuration index the space-separated tokens."""

from __future__ import annotations

import re

from articles.reconstruct.segment import cut

WORDLIKE = re.compile(r"[^\W_]")  # a token with a letter, digit or hanzi in it: 政法, 2025; not ，or


def search_tokens(text: str) -> list[str]:
    """Words of text for the index: jieba tokens without spaces and punctuation, ASCII lowercased.

    >>> search_tokens("江苏省委政法工作会议，今天召开。COVID")
    ['江苏省委', '政法', '工作', '会议', '今天', '召开', 'covid']
    """
    return [token.lower() for token in cut(text) if WORDLIKE.search(token)]


def search_text_for(*, title_parts: list[str], body: str) -> tuple[str, str]:
    """The title and body search texts of an article: segmented tokens joined by spaces.

    Punctuation tokens stay in: PostgreSQL's parser skips them (and lowercases), and filtering thousands
    of tokens in Python costs more than the segmentation itself.
    """
    title = " ".join(cut(" ".join(part for part in title_parts if part)))
    return title, " ".join(cut(body))
