"""The review queue: the articles the engine was unsure about, worst first, each with its reasons in words."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from articles import models

REVIEW_PER_PAGE = 50

REVIEW_REASONS = {
    "doubt_no_headline": "没有标题",
    "doubt_low_score": "标题匹配分低",
    "doubt_no_lead": "没有明确的开头（稿件可能从别处开始）",
    "doubt_places": "有未能确定的地名",
    "doubt_unmatched": "本版有引擎未能归位的标题",
    "doubt_link": "可能接续另一版的稿件（匹配较弱，请连接或取消）",
}


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
        reasons.append("引擎标记为待审核")
    return reasons


def review_queue(model_admin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    """Articles the engine was unsure about, worst first, each with its reasons."""
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    paginator = Paginator(models.Article.objects.review_queue().with_lead(60), REVIEW_PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    rows = [(article, review_reasons(article)) for article in page.object_list]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "审核队列",
        "page_obj": page,
        "rows": rows,
        "total": paginator.count,
    }
    return TemplateResponse(request, "admin/articles/article/review_queue.html", context)
