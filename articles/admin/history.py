"""Corrections as a person reads them, in an editor's words (articles.editing.words): the article's history
on its change page (one entry per correction, whether it was undone) and the read-only list of every
correction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

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
        "stories",
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
        return (
            format_html_join(mark_safe("<br>"), "{}", ((d,) for d in details)) if details else mark_safe("—")
        )

    @admin.display(description="涉及的稿件")
    def stories(self, correction: models.Correction) -> SafeString:
        """The articles it touched by name (as its snapshots had them), each linked while it exists."""
        names = {
            state["id"]: editing.story_name(state)
            for state in (*correction.before.get("articles", []), *correction.after.get("articles", []))
        }
        existing = set(
            models.Article.objects.filter(pk__in=correction.article_ids).values_list("pk", flat=True)
        )
        return format_html_join(
            "、",
            "{}",
            (
                (
                    format_html(
                        '<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[pk]), name
                    )
                    if pk in existing
                    else format_html("{}（已不存在）", name),
                )
                for pk, name in names.items()
            ),
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Correction | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Correction | None = None) -> bool:
        return False
