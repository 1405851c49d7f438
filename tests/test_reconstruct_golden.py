"""Golden pages and their variants: the engine's whole output, compared with reviewed expectations."""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

import pytest

from tests import variants

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from golden import PAGES, dump, golden_json  # noqa: E402

from articles.reconstruct.page import reconstruct_page  # noqa: E402
from articles.reconstruct.text import decode  # noqa: E402

CASES = sorted(PAGES.glob("*.txt"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_page(path: Path) -> None:
    expected = path.with_suffix(".expected.json").read_text(encoding="utf-8")
    actual = dump(golden_json(path))
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                "expected",
                "actual",
                n=2,
            )
        )
        pytest.fail(
            f"{path.name} differs from its golden file (update with tools/golden.py --update):\n{diff}"
        )


def _visible(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_character_lands_exactly_once(path: Path) -> None:
    page = reconstruct_page(path.read_bytes())
    pieces = [(f.line, f.text) for f in page.furniture]
    for article in page.articles:
        pieces += [(p.lines[0], p.text) for p in article.paragraphs]
        pieces += [(n, "") for n in article.headline_lines]
    heads = "".join(
        _visible(a.kicker or "") + _visible(a.title or "") + _visible(a.subtitle or "") + "".join(a.labels)
        for a in page.articles
    )
    heads += "".join(_visible(h.text) for h in page.unmatched_headlines)
    stories = "".join(_visible(t) for _, t in sorted(pieces))
    source, _ = decode(path.read_bytes())
    assert sorted(_visible(source)) == sorted(stories + heads)
    assert len(_visible(source)) == len(stories + heads)


@pytest.mark.parametrize("name", sorted(variants.VARIANTS))
def test_seed_variant_reconstructs_like_the_seed(name: str) -> None:
    expected = variants.summary(variants.seed_golden())
    page = reconstruct_page(variants.VARIANTS[name]()).to_json()
    actual = variants.summary(page)
    if actual != expected:
        a = json.dumps(expected, ensure_ascii=False, indent=1).splitlines(keepends=True)
        b = json.dumps(actual, ensure_ascii=False, indent=1).splitlines(keepends=True)
        pytest.fail(f"variant {name} differs:\n" + "".join(difflib.unified_diff(a, b, "seed", name, n=1)))
