"""The people and places articles name: reporters as bylines spell them (corrected by merging two spellings),
and the gazetteer's places.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse

from articles import models
from articles.admin import filters, merge


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    """People as bylines name them. A name is corrected by merging two spellings (recorded, undoable, the
    old spelling's page redirecting), never by editing it here: that would bypass the corrections."""

    list_display = ["name", "merged_into", "credit_count"]
    list_filter = [filters.MergedPersonFilter]
    list_select_related = ["merged_into"]
    search_fields = ["name"]
    actions = ["merge_selected"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(credits=Count("bylines"))

    @admin.display(description="署名次数", ordering="credits")
    def credit_count(self, person: models.Person) -> int:
        return person.credits

    def get_form(self, request: HttpRequest, obj: models.Person | None = None, **kwargs: Any) -> type:
        if obj is None:
            kwargs["help_texts"] = {"name": "正确的写法。保存后，在署名人列表里把旧的写法合并到它。"}
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: models.Person | None = None) -> list[str]:
        return ["name", "rename_note", "merged_into"] if obj is not None else []

    def get_fields(self, request: HttpRequest, obj: models.Person | None = None) -> list[str]:
        return ["name", "rename_note", "merged_into"] if obj is not None else ["name"]

    @admin.display(description="改名")
    def rename_note(self, person: models.Person) -> str:
        return (
            "名字在这里不能直接改，改名要通过合并：先新增正确的名字（或在稿件上添加这个署名），"
            "再在署名人列表里勾选新旧两个名字，执行“合并所选的两个署名人”。"
            "合并会记入更正记录，可以撤销，旧名字的记者页面会转到新名字。"
        )

    @admin.action(description="合并所选的两个署名人（同一人的两种写法）", permissions=["change"])
    def merge_selected(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return merge.people_merge(self, request, queryset)


@admin.register(models.Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "code", "parent"]
    list_filter = ["level"]
    list_select_related = ["parent"]
    search_fields = ["name", "code"]
    raw_id_fields = ["parent"]
