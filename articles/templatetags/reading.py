"""Filters for the reading site: {% load reading %}.

{{ paragraph.text|highlight:terms }}   search terms wrapped in <mark>, everything else escaped
{{ byline.role|role_name }}            记者, 通讯员, 摄影, 作者
{{ issue.date|date_zh }}               2025年1月24日
{{ article|headline }}                 its one name (Article.headline): the title, …, else its first words
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

from articles import models, reading

register = template.Library()


@register.filter
def highlight(text: str | None, terms: Sequence[str] | None) -> SafeString:
    """The text HTML-escaped, each occurrence of a term wrapped in <mark>.

    Matching runs on the plain text and each piece is escaped on its own, so a term can never match
    inside an entity the escaping made (`amp` in `&amp;`), and nothing of the text or the terms is
    ever output unescaped.

    >>> highlight("法治<b>日报</b>", ["日报"])
    '法治&lt;b&gt;<mark>日报</mark>&lt;/b&gt;'
    """
    if not text:
        return mark_safe("")
    terms = [t for t in (terms or ()) if t]
    if not terms:
        return conditional_escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece above is escaped


@register.filter
def headline_parts(text: str | None, terms: Sequence[str] | None = None) -> SafeString:
    """A headline's space-separated parts as unbreakable spans, highlighted like `highlight`.

    A two-part Chinese headline (以更高标准更严要求 提升最高检办案质效) wraps at its space, not
    inside a phrase; a part longer than the line still wraps (see .headline-part in site.css).
    """
    parts = (text or "").split()
    return mark_safe(
        " ".join(f'<span class="headline-part">{highlight(part, terms)}</span>' for part in parts)
    )


@register.filter
def role_name(role: str) -> str:
    return reading.role_name(role)


@register.filter
def date_zh(date: datetime.date | None) -> str:
    return reading.issue_date_text(date) if date else ""


@register.filter
def headline(article: models.Article) -> str:
    return article.headline
