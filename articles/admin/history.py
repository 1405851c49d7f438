"""Corrections as a person reads them, in an editor's words (articles.editing.words): the article's history
on its change page (one entry per correction, whether it was undone) and the read-only list of every
correction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles import editing, models

HISTORY_LIMIT = 50


@dataclass(frozen=True)
class HistoryEntry:
    """One correction as the article's history lists it: in words, one entry per operation."""

    correction: Any  # articles.editing.Correction
    words: editing.Words
    undone: bool


def history(article: models.Article) -> list[HistoryEntry]:
    """The article's corrections, newest first, each in words and whether it was undone."""
    corrections = list(
        editing.Correction.objects.for_article(article).select_related("editor", "undo_of")[:HISTORY_LIMIT]
    )
    undone = set(
        editing.Correction.objects.filter(undo_of__in=corrections).values_list("undo_of_id", flat=True)
    )
    return [
        HistoryEntry(correction=c, words=editing.correction_words(c), undone=c.pk in undone)
        for c in corrections
    ]


@admin.register(models.Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Every editor's correction, newest first; read-only (undo is on the article's page)."""

    list_display = ["created_at", "action", "editor", "described", "reason", "undo_of"]
    list_filter = ["action", "editor"]
    list_select_related = ["editor", "undo_of"]
    search_fields = ["summary", "reason"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]
    # The before and after snapshots as the article's history shows them, not as JSON.
    fields = [
        "created_at",
        "editor",
        "action",
        "described",
        "reason",
        "page",
        "page_version",
        "article_ids",
        "undo_of",
        "changes",
    ]
    readonly_fields = fields

    @admin.display(description="内容")
    def described(self, correction: models.Correction) -> str:
        return editing.correction_words(correction).sentence

    @admin.display(description="改动")
    def changes(self, correction: models.Correction) -> SafeString:
        details = editing.correction_words(correction).details
        if not details:
            return format_html("—")
        return format_html(
            '<ul class="nr-plain">{}</ul>', format_html_join("", "<li>{}</li>", ((d,) for d in details))
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Correction | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Correction | None = None) -> bool:
        return False
