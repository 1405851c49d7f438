"""What the admin shows of an article beside its fields: its public link, the raw page lines its paragraphs
and headline came from, and the page's headlines no story took.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from articles import models, reading

NAMED = ("id", "page_id", "position", "kind", "kicker", "title", "subtitle")  # what naming an article reads


@dataclass(frozen=True)
class ParagraphRow:
    """A paragraph beside the raw page lines it came from (blank lines left out)."""

    paragraph: models.Paragraph
    lines: list[reading.SourceLine]
    first: bool


def page_lines(page: models.Page) -> list[str]:
    """The page's raw lines, numbered as the engine numbered them (index 0 is line 1)."""
    return reading.source_lines(reading.page_text(page))


def paragraph_rows(paragraphs: list[models.Paragraph], lines: list[str]) -> list[ParagraphRow]:
    return [
        ParagraphRow(paragraph=p, lines=_line_range(lines, p.line_start, p.line_end), first=i == 0)
        for i, p in enumerate(paragraphs)
    ]


def headline_source(article: models.Article, lines: list[str]) -> list[reading.SourceLine]:
    """The raw lines the article's headline came from (they may stand far from its text)."""
    return [
        reading.SourceLine(number=n, text=lines[n - 1].rstrip(), headline=True)
        for n in article.headline_lines
        if 1 <= n <= len(lines)
    ]


def unmatched_headlines(page: models.Page) -> list[tuple[int, str]]:
    """The page's headlines the engine placed on no story and no editor has used yet, with the index
    article_split takes."""
    return [(index, _headline_group_text(group)) for index, group in page.unmatched_headlines_open()]


def neighbours(article: models.Article) -> tuple[models.Article | None, models.Article | None]:
    """The live articles printed just before and just after this one on its page (None at either end):
    the parts of a story the engine may have cut in two."""
    if article.merged_into_id is not None:
        return None, None
    page = models.Article.objects.live().filter(page_id=article.page_id).only(*NAMED)
    return (
        page.filter(position__lt=article.position).order_by("-position").first(),
        page.filter(position__gt=article.position).order_by("position").first(),
    )


def public_link(article: models.Article) -> SafeString:
    url = article.get_absolute_url()
    return format_html('<a href="{}">{}</a>', url, article.headline)


def change_url(article: models.Article) -> str:
    """The article's change page in the admin."""
    return reverse("admin:articles_article_change", args=[article.pk])


def _line_range(lines: list[str], start: int, end: int) -> list[reading.SourceLine]:
    out = []
    for n in range(max(start, 1), min(end, len(lines)) + 1):
        text = lines[n - 1].rstrip()
        if text.strip(" \u3000\t\u00a0"):
            out.append(reading.SourceLine(number=n, text=text))
    return out


def _headline_group_text(group: dict[str, Any]) -> str:
    parts = [group.get(key) for key in ("kicker", "title", "subtitle", "label")]
    text = " / ".join(p for p in parts if p)
    lines = group.get("lines") or []
    return f"{text}（第{'、'.join(map(str, lines))}行）" if lines else text
