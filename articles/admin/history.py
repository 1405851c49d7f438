"""Corrections as a person reads them: the article's history on its change page (each correction's changes,
whether it was undone) and the read-only list of every correction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles import editing, models

HISTORY_LIMIT = 50
MAX_CHANGES_SHOWN = 40  # per correction: a merge of long stories lists every paragraph otherwise
SHOWN_CHARS = 80


@dataclass(frozen=True)
class Change:
    """One difference between a correction's before and after snapshots, for a person to read."""

    path: str
    before: str
    after: str

    @property
    def kind(self) -> str:
        if not self.before:
            return "added"
        if not self.after:
            return "removed"
        return "changed"


@dataclass(frozen=True)
class HistoryEntry:
    correction: Any  # articles.editing.Correction
    changes: list[Change]
    more: int  # changes not shown
    undone: bool


def history(article: models.Article) -> list[HistoryEntry]:
    """The article's corrections, newest first, each with what it changed and whether it was undone."""
    corrections = list(
        editing.Correction.objects.for_article(article).select_related("editor")[:HISTORY_LIMIT]
    )
    undone = set(
        editing.Correction.objects.filter(undo_of__in=corrections).values_list("undo_of_id", flat=True)
    )
    entries = []
    for correction in corrections:
        changes = snapshot_changes(correction.before, correction.after)
        entries.append(
            HistoryEntry(
                correction=correction,
                changes=changes[:MAX_CHANGES_SHOWN],
                more=max(0, len(changes) - MAX_CHANGES_SHOWN),
                undone=correction.pk in undone,
            )
        )
    return entries


def snapshot_changes(before: Any, after: Any) -> list[Change]:
    """The differences between two snapshots of articles/editing/: fields changed, paragraphs and bylines
    (matched by id) added or removed. Positions are left out: they follow from what was added or removed.

    >>> snapshot_changes(
    ...     {"articles": [{"id": 7, "title": "a", "paragraphs": [{"id": 1, "text": "x"}]}]},
    ...     {"articles": [{"id": 7, "title": "b", "paragraphs": []}]},
    ... )
    [Change(path='7号稿件 › 主题', before='a', after='b'), Change(path='7号稿件 › 1号段落', before='x', after='')]
    """
    changes: list[Change] = []
    _diff("", before, after, changes)
    return changes


@admin.register(models.Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Every editor's correction, newest first; read-only (undo is on the article's page)."""

    list_display = ["created_at", "action", "editor", "summary", "reason", "undo_of"]
    list_filter = ["action", "editor"]
    list_select_related = ["editor"]
    search_fields = ["summary", "reason"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]
    # The before and after snapshots as the article's history shows them, not as JSON.
    fields = [
        "created_at",
        "editor",
        "action",
        "summary",
        "reason",
        "page",
        "page_version",
        "article_ids",
        "undo_of",
        "changes",
    ]
    readonly_fields = fields

    @admin.display(description="改动")
    def changes(self, correction: models.Correction) -> SafeString:
        rows = snapshot_changes(correction.before, correction.after)
        if not rows:
            return format_html("—")
        return format_html(
            '<table class="nr-diff"><thead><tr><th>改动</th><th>更正前</th><th>更正后</th></tr></thead>{}</table>',
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                ((c.path, c.before or "—", c.after or "—") for c in rows),
            ),
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Correction | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Correction | None = None) -> bool:
        return False


# -- Snapshots in words -----------------------------------------------------------------------------

_MISSING = object()


# Snapshot keys not shown: bookkeeping that follows from the changes shown.
# A person's merged_into is the merge itself, which the correction's summary says by name; a review mark is
# the correction's own editor and time.
UNSHOWN_KEYS = {
    "edited",
    "position",
    "order",
    "person",
    "region_id",
    "page_id",
    "merged_into",
    "reviewed_at",
    "reviewed_by_id",
}
ITEM_NAMES = {
    "articles": "稿件",
    "paragraphs": "段落",
    "bylines": "署名",
    "people": "署名人",
    "pages": "版面",
}
# Snapshot keys (articles/editing/) as the history names them; an article's are its fields' labels.
KEY_NAMES = {
    "merged_into_id": "并入",
    "continues_id": "接续",
    "link_suggested_id": "可能接续",
    "region_name": "地区",
    "places": "地名",
    "text": "文字",
    "name": "姓名",
    "role": "身份",
    "headlines_used": "已配给稿件的标题",
}


def _diff(path: str, before: Any, after: Any, out: list[Change]) -> None:
    if before == after:
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key in dict.fromkeys([*before, *after]):
            if key in UNSHOWN_KEYS or key == "id":
                continue
            _diff(_join(path, key), before.get(key, _MISSING), after.get(key, _MISSING), out)
        return
    if isinstance(before, list) and isinstance(after, list) and _keyed(before) and _keyed(after):
        old = {item["id"]: item for item in before}
        new = {item["id"]: item for item in after}
        *parent, key = path.split(" › ") if path else [""]
        item = ITEM_NAMES.get(key, key)
        for pk in dict.fromkeys([*old, *new]):
            item_path = " › ".join([*parent, f"{pk}号{item}"]) if parent else f"{pk}号{item}"
            was, now = old.get(pk, _MISSING), new.get(pk, _MISSING)
            if was is _MISSING or now is _MISSING:
                out.append(Change(path=item_path, before=_shown(was), after=_shown(now)))
            else:
                _diff(item_path, was, now, out)
        return
    out.append(Change(path=path or "（全部）", before=_shown(before), after=_shown(after)))


def _keyed(items: list[Any]) -> bool:
    return all(isinstance(item, dict) and "id" in item for item in items)


def _join(path: str, key: Any) -> str:
    name = _key_name(str(key))
    return f"{path} › {name}" if path else name


def _key_name(key: str) -> str:
    """A snapshot key in words: title → 主题, continues_id → 接续; the lists of items keep their key (see
    ITEM_NAMES)."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if key in ITEM_NAMES:
        return key
    try:
        return str(models.Article._meta.get_field(key).verbose_name)
    except FieldDoesNotExist:
        try:
            return str(models.Paragraph._meta.get_field(key).verbose_name)
        except FieldDoesNotExist:
            return key.removesuffix("_id").replace("_", " ")


def _shown(value: Any) -> str:
    """A snapshot value in a few words: a paragraph by its text, an article by its headline."""
    if value is _MISSING or value is None or value == "" or value == []:
        return ""
    if isinstance(value, dict):
        for key in ("text", "title", "kicker", "name"):
            if value.get(key):
                return _cut(str(value[key]))
        if "id" in value:
            return f"#{value['id']}"
        return _cut(json.dumps(value, ensure_ascii=False))
    if isinstance(value, list):
        return _cut(", ".join(_shown(v) or "—" for v in value))
    return _cut(str(value))


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"
