"""Newspapers, issues, pages and their earlier versions: plain registrations for looking at the data."""

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
