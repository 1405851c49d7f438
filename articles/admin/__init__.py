"""The admin: plain registrations for looking at the data, and the editing admin of articles.

Editors change articles only through the services of articles/editing.py, each recorded as a Correction;
the pages of their own (split, move, undo, merge, the review queue) are in articles/admin/views.py.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles import editing, models
from articles.admin import views as admin_views

# The admin index links to the review queue; the header names the newsroom's admin, not Django.
admin.site.index_template = "admin/articles/index.html"
admin.site.site_header = admin.site.site_title = "稿件编辑后台"


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


class ArticleForm(forms.ModelForm):
    """The article's own fields; saving routes each change through a service (ArticleAdmin.save_model)."""

    reason = admin_views.ReasonField()

    class Meta:
        model = models.Article
        fields = [
            "kind",
            "kicker",
            "title",
            "subtitle",
            "dateline_agency",
            "dateline_place",
            "dateline_date",
            "region",
        ]
        widgets = {
            "kicker": forms.TextInput(attrs={"size": 60}),
            "title": forms.TextInput(attrs={"size": 60}),
            "subtitle": forms.TextInput(attrs={"size": 60}),
        }


HEADLINE_FIELDS = ("kicker", "title", "subtitle")


@admin.register(models.Article)
class ArticleAdmin(admin.ModelAdmin):
    """Articles as editors correct them: every change goes through articles/editing.py, recorded."""

    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    list_display = [
        "where",
        "number",
        "headline",
        "kind",
        "region",
        "confidence",
        "edited",
        "needs_review",
    ]
    list_display_links = ["headline"]
    list_filter = [
        ("page__issue__newspaper", admin.RelatedOnlyFieldListFilter),
        IssueDateFilter,
        PageNumberFilter,
        "kind",
        ("region", admin.RelatedOnlyFieldListFilter),
        "edited",
        "needs_review",
        LiveFilter,
    ]
    list_select_related = ["page__issue__newspaper", "region"]
    list_per_page = 50
    search_fields = ["title", "kicker", "subtitle", "paragraphs__text"]
    date_hierarchy = "page__issue__date"
    ordering = ["-page__issue__date", "page__issue__newspaper__name", "page__number", "position"]
    raw_id_fields = ["region"]
    readonly_fields = [
        "page_link",
        "position",
        "public_link",
        "merged_into",
        "edited",
        "labels",
        "needs_review",
        "confidence_headline",
        "confidence_lead",
        "places_unresolved",
        "region_name",
        "place_names",
        "continued_from_page",
        "continued_to_page",
        "headline_lines",
    ]
    fieldsets = [
        (None, {"fields": ["page_link", "position", "public_link", "merged_into", "edited"]}),
        ("标题", {"fields": ["kind", "kicker", "title", "subtitle", "labels"]}),
        ("电头和地区", {"fields": ["dateline_agency", "dateline_place", "dateline_date", "region"]}),
        (
            "引擎识别情况",
            {
                "fields": [
                    "needs_review",
                    "confidence_headline",
                    "confidence_lead",
                    "places_unresolved",
                    "region_name",
                    "place_names",
                    "continued_from_page",
                    "continued_to_page",
                    "headline_lines",
                ],
                "classes": ["collapse"],
            },
        ),
        (None, {"fields": ["reason"]}),
    ]
    actions = ["merge_selected"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .defer("page__raw", "page__reconstructed_json", "search_vector")
            .with_lead(30)
        )

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple:
        # A match in several paragraphs is still one article: ask for distinct rows however Django joins.
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset.distinct() if search_term else queryset, False

    # -- What the list shows --

    @admin.display(description="标题")
    def headline(self, article: models.Article) -> str:
        """The title, else the kicker or subtitle, else the first words of the text."""
        if article.title or article.kicker or article.subtitle:
            return article.headline
        lead = getattr(article, "lead", None)
        return f"（{lead}…）" if lead else article.headline

    @admin.display(description="篇", ordering="position")
    def number(self, article: models.Article) -> int:
        return article.position

    @admin.display(description="期次、版面", ordering="page__issue__date")
    def where(self, article: models.Article) -> SafeString:
        page = article.page
        return format_html(
            "{}<br>{} 第{}版", page.issue.newspaper, f"{page.issue.date:%Y-%m-%d}", page.number
        )

    @admin.display(description="标题匹配分", ordering="confidence_headline")
    def confidence(self, article: models.Article) -> str:
        score = f"{article.confidence_headline:.2f}"
        return score if article.confidence_lead else f"{score}，无明确开头"

    @admin.display(description="版面")
    def page_link(self, article: models.Article) -> SafeString:
        page = article.page
        url = reverse("articles:page_source", args=[page.issue.newspaper.slug, page.issue.date, page.number])
        return format_html('<a href="{}">{}</a>', url, page)

    @admin.display(description="网站上的页面")
    def public_link(self, article: models.Article) -> SafeString:
        if not article.pk:
            return format_html("")
        return admin_views.public_link(article)

    # -- Permissions: articles come from ingest and go only by merge --

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Article | None = None) -> bool:
        return False

    # -- Saving goes through the services --

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except editing.CorrectionRefused as refusal:
            # The admin's transaction rolled back: nothing changed.
            messages.error(request, f"没有保存：{refusal}")
            return HttpResponseRedirect(request.path)

    def save_model(
        self, request: HttpRequest, obj: models.Article, form: forms.ModelForm, change: bool
    ) -> None:
        """Each changed field through its service: the headline together, the others in one correction."""
        if not change:
            raise PermissionDenied
        changed = [name for name in form.changed_data if name != "reason"]
        if not changed:
            return
        reason = form.cleaned_data.get("reason", "")
        article = models.Article.objects.get(pk=obj.pk)  # as stored: obj already holds the form's values
        if any(name in HEADLINE_FIELDS for name in changed):
            editing.article_headline_set(
                article=article,
                **{name: form.cleaned_data[name] for name in HEADLINE_FIELDS},
                editor=request.user,
                reason=reason,
            )
            article.refresh_from_db()
        fields = {name: form.cleaned_data[name] for name in changed if name not in HEADLINE_FIELDS}
        if fields:
            editing.article_fields_set(article=article, editor=request.user, reason=reason, **fields)
        obj.refresh_from_db()

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: list, change: bool) -> None:
        """Nothing: no inlines and no many-to-many fields are edited here."""

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context = {**(extra_context or {}), **self._editing_context(request, article)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _editing_context(self, request: HttpRequest, article: models.Article) -> dict:
        page = models.Page.objects.only("raw", "encoding", "reconstructed_json", "headlines_used").get(
            pk=article.page_id
        )
        lines = admin_views.page_lines(page)
        paragraphs = list(article.paragraphs.order_by("position"))
        return {
            "paragraph_rows": admin_views.paragraph_rows(paragraphs, lines),
            "headline_source": admin_views.headline_source(article, lines),
            "unmatched": admin_views.unmatched_headlines(page),
            "move_form": admin_views.MoveForm(article=article, auto_id="id_move_%s"),
            "headline_form": admin_views.HeadlineGiveForm(article=article, auto_id="id_give_%s"),
            "bylines": list(article.bylines.select_related("person").order_by("order")),
            "byline_form": admin_views.BylineAddForm(auto_id="id_byline_%s"),
            "roles": models.Byline.ROLES,
            "history": admin_views.history(article),
            "can_edit": self.has_change_permission(request, article),
            "public_url": article.get_absolute_url(),
            "survivor": article.merged_into,
            "link_form": admin_views.LinkForm(article=article, auto_id="id_link_%s"),
            "continued_by": list(
                models.Article.objects.live().filter(continues=article).select_related("page").order_by("pk")
            ),
        }

    # -- The merge action and the custom pages --

    @admin.action(description="合并所选稿件", permissions=["change"])
    def merge_selected(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return admin_views.articles_merge(self, request, queryset)

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_urls(self) -> list[URLPattern]:
        def view(function: Callable) -> Callable:
            @functools.wraps(function)
            def wrapper(request: HttpRequest, *args: str, **kwargs: str) -> HttpResponse:
                return function(self, request, *args, **kwargs)

            return self.admin_site.admin_view(wrapper)

        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("review/", view(admin_views.review_queue), name=f"{name}_review"),
            path(
                "<path:object_id>/split/<int:paragraph_id>/",
                view(admin_views.article_split),
                name=f"{name}_split",
            ),
            path(
                "<path:object_id>/paragraphs/<int:paragraph_id>/split/",
                view(admin_views.paragraph_split),
                name=f"{name}_paragraph_split",
            ),
            path("<path:object_id>/move/", view(admin_views.paragraphs_move), name=f"{name}_move"),
            path(
                "<path:object_id>/headline/give/",
                view(admin_views.headline_give),
                name=f"{name}_headline_give",
            ),
            path("<path:object_id>/bylines/add/", view(admin_views.byline_add), name=f"{name}_byline_add"),
            path(
                "<path:object_id>/bylines/<int:byline_id>/remove/",
                view(admin_views.byline_remove),
                name=f"{name}_byline_remove",
            ),
            path(
                "<path:object_id>/bylines/<int:byline_id>/role/",
                view(admin_views.byline_role),
                name=f"{name}_byline_role",
            ),
            path("<path:object_id>/link/", view(admin_views.parts_link), name=f"{name}_link"),
            path("<path:object_id>/unlink/", view(admin_views.parts_unlink), name=f"{name}_unlink"),
            path(
                "<path:object_id>/undo/<int:correction_id>/",
                view(admin_views.correction_undo),
                name=f"{name}_undo",
            ),
            *super().get_urls(),
        ]


class MergedPersonFilter(LiveFilter):
    merged_label = "已合并到别人"


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    """People as bylines name them. A name is corrected by merging two spellings (recorded, undoable, the
    old spelling's page redirecting), never by editing it here: that would bypass the corrections."""

    list_display = ["name", "merged_into", "credit_count"]
    list_filter = [MergedPersonFilter]
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
        return admin_views.people_merge(self, request, queryset)


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
        rows = admin_views.snapshot_changes(correction.before, correction.after)
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


@admin.register(models.Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "code", "parent"]
    list_filter = ["level"]
    list_select_related = ["parent"]
    search_fields = ["name", "code"]
    raw_id_fields = ["parent"]
