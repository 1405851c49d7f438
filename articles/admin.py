"""Plain registrations for looking at the data; the editing admin comes later (articles/editing.py)."""

from __future__ import annotations

from django.contrib import admin

from articles import models


@admin.register(models.Newspaper)
class NewspaperAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["newspaper", "date"]
    list_filter = ["newspaper"]
    date_hierarchy = "date"


@admin.register(models.Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["issue", "number", "section", "source_name", "line_count", "needs_review"]
    list_filter = ["needs_review", "issue__newspaper"]
    list_select_related = ["issue__newspaper"]
    search_fields = ["source_name", "section", "content_hash"]
    exclude = ["raw"]
    readonly_fields = ["content_hash", "encoding", "line_count", "ingested_at", "reconstructed_json"]


@admin.register(models.PageVersion)
class PageVersionAdmin(admin.ModelAdmin):
    list_display = ["page", "source_name", "content_hash", "created_at", "replaced_at"]
    list_select_related = ["page__issue__newspaper"]
    exclude = ["raw"]


class ParagraphInline(admin.TabularInline):
    model = models.Paragraph
    extra = 0


class BylineInline(admin.TabularInline):
    model = models.Byline
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(models.Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "page", "position", "kind", "region", "needs_review", "edited"]
    list_filter = ["kind", "needs_review", "edited", "page__issue__newspaper"]
    list_select_related = ["page__issue__newspaper", "region"]
    search_fields = ["title", "kicker", "subtitle"]
    raw_id_fields = ["page", "continues", "merged_into", "region"]
    filter_horizontal = ["places"]
    exclude = ["search_title", "search_body"]
    inlines = [BylineInline, ParagraphInline]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(models.Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "code", "parent"]
    list_filter = ["level"]
    list_select_related = ["parent"]
    search_fields = ["name", "code"]
    raw_id_fields = ["parent"]
