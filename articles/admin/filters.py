"""The changelists' filters: an issue's date, a page number, merged or not."""

from __future__ import annotations

import datetime

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from articles import models


class IssueDateFilter(admin.SimpleListFilter):
    title = "出版日期"
    parameter_name = "date"
    LIMIT = 60  # the newest dates; older issues through the date hierarchy above the list

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        dates = models.Issue.objects.order_by("-date").values_list("date", flat=True).distinct()[: self.LIMIT]
        return [(f"{d:%Y-%m-%d}", f"{d:%Y-%m-%d}") for d in dates]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() is None:
            return queryset
        try:
            date = datetime.date.fromisoformat(self.value())
        except ValueError:
            return queryset.none()
        return queryset.filter(page__issue__date=date)


class PageNumberFilter(admin.SimpleListFilter):
    title = "版次"
    parameter_name = "page_number"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        numbers = models.Page.objects.order_by("number").values_list("number", flat=True).distinct()
        return [(str(n), f"第{n}版") for n in numbers]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() is None:
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        return queryset.filter(page__number=int(self.value()))


class LiveFilter(admin.SimpleListFilter):
    """Merged or not, by `merged_into` (articles and people both have it)."""

    title = "是否已合并"
    parameter_name = "merged"
    merged_label = "已并入别的稿件"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("no", "未合并"), ("yes", self.merged_label)]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "no":
            return queryset.filter(merged_into__isnull=True)
        if self.value() == "yes":
            return queryset.filter(merged_into__isnull=False)
        return queryset


class MergedPersonFilter(LiveFilter):
    merged_label = "已合并到别人"
