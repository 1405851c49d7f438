"""The review queue: the stories waiting for an editor, worst first, each with its reasons in words; filters
by paper, date and reason; 审核通过 for one or many stories (and its undo), here and on an article's page.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from articles import editing, models
from articles.admin.forms import int_or

REVIEW_PER_PAGE = 50
DATES_OFFERED = 60  # the newest issue dates with stories waiting

# Each reason a story waits, as ArticleQuerySet.with_doubt flags it, in the words an editor reads.
REVIEW_REASONS = {
    "doubt_no_headline": "没有标题",
    "doubt_low_score": "标题可疑：与正文对不上",
    "doubt_no_lead": "没有明确的开头（电头或署名）：稿件可能是从别的稿件切出来的",
    "doubt_link": "跨版接续只是建议：匹配较弱，请连接或取消",
    "doubt_places": "有未能确定的地名",
    "doubt_unmatched": "本版有引擎未能归位的标题",
}
FLAGGED = "导入时标记为待审核"
# The same reasons, short, as the queue's filter offers them.
REASON_CHOICES = [
    ("doubt_no_headline", "没有标题"),
    ("doubt_low_score", "标题可疑"),
    ("doubt_no_lead", "没有明确的开头"),
    ("doubt_link", "接续只是建议"),
    ("doubt_places", "地名未能确定"),
    ("doubt_unmatched", "本版有未归位的标题"),
]


def review_reasons(article: models.Article) -> list[str]:
    """Why an article of ArticleQuerySet.review_queue is there, in words."""
    reasons = [text for flag, text in REVIEW_REASONS.items() if getattr(article, flag, False)]
    if article.places_unresolved:
        reasons = [
            f"未能确定的地名：{'、'.join(article.places_unresolved)}"
            if r == REVIEW_REASONS["doubt_places"]
            else r
            for r in reasons
        ]
    if article.needs_review and not reasons:
        reasons.append(FLAGGED)
    return reasons


class ReviewFilterForm(forms.Form):
    """The queue's filters (GET): paper, issue date, reason; an empty choice is no filter."""

    paper = forms.ChoiceField(label="报纸", required=False)
    date = forms.ChoiceField(label="出版日期", required=False)
    reason = forms.ChoiceField(label="原因", required=False, choices=[("", "全部原因"), *REASON_CHOICES])

    def __init__(self, data: QueryDict) -> None:
        super().__init__(data)
        papers = models.Newspaper.objects.order_by("name").values_list("slug", "name")
        self.fields["paper"].choices = [("", "全部报纸"), *papers]
        dates = (
            models.Article.objects.waiting_review()
            .order_by("-page__issue__date")
            .values_list("page__issue__date", flat=True)
            .distinct()[:DATES_OFFERED]
        )
        offered = [f"{d:%Y-%m-%d}" for d in dates]
        chosen = data.get("date", "")
        if chosen and chosen not in offered and _is_date(chosen):
            # The filter stays as chosen when its last story has just left the queue.
            offered = sorted([*offered, chosen], reverse=True)
        self.fields["date"].choices = [("", "全部日期"), *((d, d) for d in offered)]

    def filter(self, queryset: QuerySet) -> QuerySet:
        """The queue narrowed by the valid filters (an unknown value is ignored, as the admin's lists do)."""
        self.is_valid()
        values = getattr(self, "cleaned_data", {})
        if values.get("paper"):
            queryset = queryset.filter(page__issue__newspaper__slug=values["paper"])
        if values.get("date"):
            queryset = queryset.filter(page__issue__date=datetime.date.fromisoformat(values["date"]))
        if values.get("reason"):
            queryset = queryset.filter(**{values["reason"]: True})
        return queryset


def _is_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def review_queue(model_admin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    """The stories waiting for review, worst first, each with its reasons; those just marked reviewed (the
    `undo` parameter: their corrections) offered for undo."""
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    filters = ReviewFilterForm(request.GET)
    queue = filters.filter(models.Article.objects.review_queue().with_lead(60))
    paginator = Paginator(queue, REVIEW_PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    rows = [(article, review_reasons(article)) for article in page.object_list]
    kept = request.GET.copy()
    for name in ("p", "undo"):
        kept.pop(name, None)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "审核队列",
        "filters": filters,
        "filtered": any(request.GET.get(name) for name in filters.fields),
        "page_obj": page,
        "rows": rows,
        "total": paginator.count,
        "query": kept.urlencode(),
        "just_reviewed": _just_reviewed(request.GET.get("undo", "")),
        "can_review": model_admin.has_change_permission(request),
    }
    return TemplateResponse(request, "admin/articles/article/review_queue.html", context)


def queue_review(model_admin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    """审核通过 for the stories ticked in the queue, or the one whose button was pressed (POST only); back to
    the queue as it was filtered, offering the undo."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    query = _queue_query(request)
    if request.method != "POST":
        return HttpResponseRedirect(_queue_url(query))
    one = request.POST.get("one")
    ids = [one] if one else request.POST.getlist("ids")
    chosen = models.Article.objects.filter(pk__in=[int_or(pk, default=0) for pk in ids])
    corrections = _review(request, chosen)
    if corrections:
        query["undo"] = ",".join(str(c.pk) for c in corrections)
    return HttpResponseRedirect(_queue_url(query))


def queue_review_undo(model_admin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    """Undo the 审核通过 just given in the queue (POST only): each story back in the queue."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    query = _queue_query(request)
    if request.method == "POST":
        ids = [int_or(pk, default=0) for pk in request.POST.getlist("corrections")]
        reviews = editing.Correction.objects.filter(pk__in=ids, action=editing.Correction.Action.REVIEW)
        undone, refused = 0, []
        for correction in reviews.order_by("pk"):
            try:
                editing.correction_undo(correction=correction, editor=request.user)
                undone += 1
            except editing.CorrectionRefused as refusal:
                refused.append(str(refusal))
        if undone:
            messages.success(request, f"已撤销 {undone} 篇稿件的审核通过，它们回到了审核队列。")
        for reason in dict.fromkeys(refused):
            messages.error(request, f"有稿件没有撤销：{reason}")
    return HttpResponseRedirect(_queue_url(query))


def article_review(model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    """审核通过 for one article, from its change page (POST only)."""
    article = get_object_or_404(models.Article, pk=int_or(object_id, default=0))
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    if request.method == "POST":
        _review(request, models.Article.objects.filter(pk=article.pk), reason=request.POST.get("reason", ""))
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


def articles_review_action(request: HttpRequest, queryset: QuerySet) -> None:
    """The changelist's action: 审核通过 for the selected articles."""
    _review(request, queryset)


def article_review_state(article: models.Article) -> dict:
    """What an article's change page says of its review: waiting and why, or who reviewed it when, and the
    review correction to undo (None when a correction of the story, not 审核通过, took it out)."""
    waiting = models.Article.objects.waiting_review().filter(pk=article.pk).first()
    review = None
    if article.reviewed_at is not None:
        review = (
            editing.Correction.objects.for_article(article)
            .filter(action=editing.Correction.Action.REVIEW, undone_by__isnull=True)
            .first()
        )
    return {
        "review_waiting": waiting is not None,
        "review_reasons": review_reasons(waiting) if waiting is not None else [],
        "review_correction": review,
    }


def _review(request: HttpRequest, queryset: QuerySet, reason: str = "") -> list[editing.Correction]:
    try:
        corrections = editing.articles_review(articles=queryset, editor=request.user, reason=reason)
    except editing.CorrectionRefused as refusal:
        messages.warning(request, str(refusal))
        return []
    messages.success(
        request,
        f"{len(corrections)} 篇稿件审核通过，已离开审核队列。"
        if len(corrections) > 1
        else "稿件审核通过，已离开审核队列。",
    )
    return corrections


def _just_reviewed(ids: str) -> list[tuple[editing.Correction, models.Article | None]]:
    """The review corrections named in the queue's `undo` parameter that still stand, each with its story."""
    pks = [int_or(pk, default=0) for pk in ids.split(",") if pk][:REVIEW_PER_PAGE]
    corrections = list(
        editing.Correction.objects.filter(
            pk__in=pks, action=editing.Correction.Action.REVIEW, undone_by__isnull=True
        ).order_by("pk")
    )
    stories = models.Article.objects.select_related("page__issue__newspaper").in_bulk(
        [c.article_ids[0] for c in corrections if c.article_ids]
    )
    return [(c, stories.get(c.article_ids[0]) if c.article_ids else None) for c in corrections]


def _queue_query(request: HttpRequest) -> QueryDict:
    """The queue's filters and page, as the form posting here carried them (`q`)."""
    query = QueryDict(request.POST.get("q", ""), mutable=True)
    query.pop("undo", None)
    return query


def _queue_url(query: QueryDict) -> str:
    url = reverse("admin:articles_article_review")
    return f"{url}?{urlencode(query, doseq=True)}" if query else url
