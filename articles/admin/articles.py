"""The article admin: the list editors work from and the change page they correct an article on.

Every change goes through articles/editing/ and is recorded; the article's own pages (split, join, move,
bylines, link, undo) are in views.py, the merge action in merge.py, the review queue in review.py.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from articles import editing, models
from articles.admin import display, filters, forms, history, merge, review, views

HEADLINE_FIELDS = ("kicker", "title", "subtitle")


@admin.register(models.Article)
class ArticleAdmin(admin.ModelAdmin):
    """Articles as editors correct them: every change goes through articles/editing/, recorded."""

    form = forms.ArticleForm
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
        "reviewed",
    ]
    list_display_links = ["headline"]
    list_filter = [
        ("page__issue__newspaper", admin.RelatedOnlyFieldListFilter),
        filters.IssueDateFilter,
        filters.PageNumberFilter,
        "kind",
        ("region", admin.RelatedOnlyFieldListFilter),
        "edited",
        "needs_review",
        ("reviewed_at", admin.EmptyFieldListFilter),
        filters.LiveFilter,
    ]
    list_select_related = ["page__issue__newspaper", "region", "reviewed_by"]
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
    actions = ["merge_selected", "review_selected"]

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

    @admin.display(description="审核", ordering="reviewed_at")
    def reviewed(self, article: models.Article) -> str:
        if article.reviewed_at is None:
            return "—"
        return f"{article.reviewed_by or ''} {timezone.localtime(article.reviewed_at):%m-%d %H:%M}".strip()

    @admin.display(description="版面")
    def page_link(self, article: models.Article) -> SafeString:
        page = article.page
        url = reverse("articles:page_source", args=[page.issue.newspaper.slug, page.issue.date, page.number])
        return format_html('<a href="{}">{}</a>', url, page)

    @admin.display(description="网站上的页面")
    def public_link(self, article: models.Article) -> SafeString:
        if not article.pk:
            return format_html("")
        return display.public_link(article)

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

    def save_model(self, request: HttpRequest, obj: models.Article, form: ModelForm, change: bool) -> None:
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

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: list, change: bool) -> None:
        """Nothing: no inlines and no many-to-many fields are edited here."""

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context = {**(extra_context or {}), **self._editing_context(request, article)}
        elif (went_to := _text_went_to(object_id)) is not None:
            # An article a correction retired (an undone split's second part): where its text is now.
            messages.info(request, "这篇稿件已不存在：撤销拆分后，它的文字回到了这一篇。")
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[went_to]))
        return super().change_view(request, object_id, form_url, extra_context)

    def _editing_context(self, request: HttpRequest, article: models.Article) -> dict:
        page = models.Page.objects.only("raw", "encoding", "reconstructed_json", "headlines_used").get(
            pk=article.page_id
        )
        lines = display.page_lines(page)
        paragraphs = list(article.paragraphs.order_by("position"))
        link_form = forms.LinkForm(article=article, auto_id="id_link_%s")
        continued_by = list(
            models.Article.objects.live().filter(continues=article).select_related("page").order_by("pk")
        )
        return {
            "paragraph_rows": display.paragraph_rows(paragraphs, lines),
            "headline_source": display.headline_source(article, lines),
            "unmatched": display.unmatched_headlines(page),
            "move_form": forms.MoveForm(article=article, auto_id="id_move_%s"),
            "headline_form": forms.HeadlineGiveForm(article=article, auto_id="id_give_%s"),
            "bylines": list(article.bylines.select_related("person").order_by("order")),
            "byline_form": forms.BylineAddForm(auto_id="id_byline_%s"),
            "roles": models.Byline.Role.choices,
            "history": history.history(article),
            "can_edit": self.has_change_permission(request, article),
            "public_url": article.get_absolute_url(),
            "survivor": article.merged_into,
            "link_form": link_form,
            "can_link": link_form.fields["beginning"].queryset.exists(),
            "continued_by": continued_by,
            "jump_known": bool(
                continued_by
                or article.continues_id
                or article.link_suggested_id
                or article.link_manual
                or article.continued_from_page
            ),
            "neighbours": display.neighbours(article),
            **review.article_review_state(article),
        }

    # -- The merge action and the custom pages --

    @admin.action(description="合并所选稿件", permissions=["change"])
    def merge_selected(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return merge.articles_merge(self, request, queryset)

    @admin.action(description="审核通过所选稿件", permissions=["change"])
    def review_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        review.articles_review_action(request, queryset)

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
            path("review/", view(review.review_queue), name=f"{name}_review"),
            path("review/mark/", view(review.queue_review), name=f"{name}_review_mark"),
            path("review/undo/", view(review.queue_review_undo), name=f"{name}_review_undo"),
            path("<path:object_id>/review/", view(review.article_review), name=f"{name}_article_review"),
            path(
                "<path:object_id>/split/<int:paragraph_id>/",
                view(views.article_split),
                name=f"{name}_split",
            ),
            path(
                "<path:object_id>/paragraphs/<int:paragraph_id>/split/",
                view(views.paragraph_split),
                name=f"{name}_paragraph_split",
            ),
            path("<path:object_id>/move/", view(views.paragraphs_move), name=f"{name}_move"),
            path("<path:object_id>/join/<int:other_id>/", view(views.article_join), name=f"{name}_join"),
            path(
                "<path:object_id>/headline/give/",
                view(views.headline_give),
                name=f"{name}_headline_give",
            ),
            path("<path:object_id>/bylines/add/", view(views.byline_add), name=f"{name}_byline_add"),
            path(
                "<path:object_id>/bylines/<int:byline_id>/remove/",
                view(views.byline_remove),
                name=f"{name}_byline_remove",
            ),
            path(
                "<path:object_id>/bylines/<int:byline_id>/role/",
                view(views.byline_role),
                name=f"{name}_byline_role",
            ),
            path("<path:object_id>/link/", view(views.parts_link), name=f"{name}_link"),
            path("<path:object_id>/unlink/", view(views.parts_unlink), name=f"{name}_unlink"),
            path(
                "<path:object_id>/undo/<int:correction_id>/",
                view(views.correction_undo),
                name=f"{name}_undo",
            ),
            *super().get_urls(),
        ]


def _text_went_to(object_id: str) -> int | None:
    return models.Correction.objects.text_went_to(forms.int_or(object_id, default=0))
