"""Merging from the changelists: articles (a confirmation page to order them, then the merge) and two
spellings of one reporter (choose the one to keep, then the merge). Both through articles/editing/.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from articles import editing, models
from articles.admin.display import change_url, public_link
from articles.admin.forms import int_or


def articles_merge(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[models.Article]
) -> HttpResponse | None:
    """The changelist action: a confirmation page to order the articles, then the merge."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    selected = list(queryset.select_related("page__issue__newspaper").order_by("page__number", "position"))
    if len(selected) < 2:
        messages.error(request, "请至少选择两篇稿件来合并。")
        return None
    if request.POST.get("confirm") == "yes":
        ordered = _merge_order(request, selected)
        if ordered is None:
            messages.error(request, "请给每篇稿件一个不同的序号：1 号是其他稿件并入的那一篇。")
        else:
            try:
                survivor = editing.articles_merge(
                    articles=ordered, editor=request.user, reason=request.POST.get("reason", "")[:500]
                )
            except editing.CorrectionRefused as refusal:
                messages.error(request, str(refusal))
                return None
            messages.success(
                request,
                format_html(
                    '已把{}篇稿件合并为{}（<a href="{}">编辑</a>）。',
                    len(ordered),
                    public_link(survivor),
                    change_url(survivor),
                ),
            )
            return None
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "合并稿件",
        "changelist_url": reverse("admin:articles_article_changelist"),
        "articles": selected,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": model_admin.media,
    }
    return TemplateResponse(request, "admin/articles/article/merge_confirm.html", context)


def people_merge(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[models.Person]
) -> HttpResponse | None:
    """The people changelist action: two spellings of one reporter; choose the one to keep, then merge."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    people = list(queryset.order_by("name")[:3])
    if len(people) != 2:
        messages.error(request, "请正好选择两个署名人：要保留的写法和要并入它的写法。")
        return None
    keep_pk = int_or(request.POST.get("keep", ""))
    if request.POST.get("confirm") == "yes" and keep_pk in {p.pk for p in people}:
        keep = next(p for p in people if p.pk == keep_pk)
        merge = next(p for p in people if p.pk != keep_pk)
        try:
            editing.people_merge(
                keep=keep, merge=merge, editor=request.user, reason=request.POST.get("reason", "")[:500]
            )
        except editing.CorrectionRefused as refusal:
            messages.error(request, f"没有完成：{refusal}")
            return None
        url = reverse("articles:reporter", args=[keep.pk])
        messages.success(
            request,
            format_html(
                '已把“{}”合并到“<a href="{}">{}</a>”；旧名字的记者页面会转到这里。',
                merge.name,
                url,
                keep.name,
            ),
        )
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "合并署名人",
        "changelist_url": reverse("admin:articles_person_changelist"),
        "people": models.Person.objects.filter(pk__in=[p.pk for p in people])
        .annotate(credit_count=Count("bylines"))
        .order_by("-credit_count", "name"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/articles/person/merge_confirm.html", context)


def _merge_order(request: HttpRequest, selected: list[models.Article]) -> list[models.Article] | None:
    """The articles in the order the editor numbered them; None when the numbers are missing or repeat."""
    numbers = {}
    for article in selected:
        value = int_or(request.POST.get(f"order_{article.pk}", ""), default=None)
        if value is None:
            return None
        numbers[article.pk] = value
    if len(set(numbers.values())) != len(numbers):
        return None
    return sorted(selected, key=lambda a: numbers[a.pk])
