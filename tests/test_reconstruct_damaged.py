"""Damaged pages: lines dropped, blocks shuffled, a window cut out, lines in random order. Real extraction tools
lose and reorder lines; the engine must still return a page (or refuse it with PageError) and keep every
character it was given, never crash. Seeded, so a failure names its page: `_damaged(seed)` rebuilds it."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.values import Page, PageError

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    ROOT / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt",
    ROOT / "fixtures" / "jumps" / "jump_2025-01-25_01.txt",
    ROOT / "fixtures" / "jumps" / "jump_2025-01-25_02.txt",
]
SEEDS = range(40)


def _damaged(seed: int) -> str:
    rng = random.Random(seed)
    lines = rng.choice(SOURCES).read_text(encoding="utf-8").split("\n")
    damage = seed % 4
    if damage == 0:  # lines lost
        lines = [line for line in lines if rng.random() > 0.3]
    elif damage == 1:  # blocks of lines in the wrong order
        size = rng.randrange(2, 40)
        chunks = [lines[i : i + size] for i in range(0, len(lines), size)]
        rng.shuffle(chunks)
        lines = [line for chunk in chunks for line in chunk]
    elif damage == 2:  # a window of the page
        start = rng.randrange(len(lines))
        lines = lines[start : start + rng.randrange(3, 60)]
    else:  # a few lines in random order
        lines = [line for line in lines if line.strip()]
        rng.shuffle(lines)
        lines = lines[: rng.randrange(2, 30)]
    return "\n".join(lines)


def _characters(page: Page) -> Counter[str]:
    texts = [f.text for f in page.furniture]
    for article in page.articles:
        texts += [p.text for p in article.paragraphs]
        texts += [article.kicker or "", article.title or "", article.subtitle or "", *article.labels]
    texts += [h.text for h in page.unmatched_headlines]
    return Counter(re.sub(r"\s+", "", "".join(texts)))


@pytest.mark.parametrize("seed", SEEDS)
def test_a_damaged_page_is_reconstructed_or_refused_and_loses_no_character(seed: int) -> None:
    text = _damaged(seed)
    try:
        page = reconstruct_page(text)
    except PageError:
        return  # too little of a page left: refused with a reason, as for any non-page
    assert _characters(page) == Counter(re.sub(r"\s+", "", text))
