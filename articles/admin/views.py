"""The article's own pages in the admin: split, paragraph split, join, move, headline, bylines, link, undo.

Every change goes through a service in articles/editing/, which records it as a Correction; a refusal
(CorrectionRefused) becomes an error message and changes nothing. These views only read, validate and call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from articles import editing, models
from articles.admin.display import change_url, public_link, unmatched_headlines
from articles.admin.forms import (
    BylineAddForm,
    BylineRoleForm,
    HeadlineGiveForm,
    LinkForm,
    MoveForm,
    ParagraphSplitForm,
    ReasonForm,
    SplitForm,
    int_or,
)


def article_split(
    model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str, paragraph_id: str
) -> HttpResponse:
    """Confirm a split before a paragraph: the new article's headline and a reason."""
    article = _article_for_change(model_admin, request, object_id)
    paragraph = get_object_or_404(article.paragraphs, pk=paragraph_id)
    page = models.Page.objects.only("reconstructed_json", "headlines_used").get(pk=article.page_id)
    form = SplitForm(request.POST or None, unmatched=unmatched_headlines(page))
    if request.method == "POST" and form.is_valid():
        try:
            new = editing.article_split(
                article=article,
                at_paragraph=paragraph,
                headline=form.service_headline(),
                editor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except editing.CorrectionRefused as refusal:
            return _refused(request, refusal, change_url(article))
        article.refresh_from_db()
        messages.success(
            request,
            format_html(
                "已拆分为{}和{}（新稿件，本版第{}篇）。",
                public_link(article),
                public_link(new),
                new.position,
            ),
        )
        return HttpResponseRedirect(change_url(article))
    paragraphs = list(article.paragraphs.order_by("position"))
    context = {
        **_context(model_admin, request, article, f"拆分稿件《{article.headline}》"),
        "form": form,
        "paragraph": paragraph,
        "staying": [p for p in paragraphs if p.position < paragraph.position],
        "leaving": [p for p in paragraphs if p.position >= paragraph.position],
    }
    return TemplateResponse(request, "admin/articles/article/split.html", context)


def paragraph_split(
    model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str, paragraph_id: str
) -> HttpResponse:
    """Cut one paragraph in two where the editor chose: a place clicked in the text (the change page's, or
    this page's with JavaScript), a sentence end picked here, or after a piece of its text typed here."""
    article = _article_for_change(model_admin, request, object_id)
    paragraph = get_object_or_404(article.paragraphs, pk=paragraph_id)
    form = ParagraphSplitForm(request.POST or None, paragraph=paragraph)
    if request.method == "POST" and form.is_valid():
        try:
            editing.paragraph_split(
                paragraph=paragraph,
                at_char=form.cleaned_data["at"],
                editor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except editing.CorrectionRefused as refusal:
            return _refused(request, refusal, change_url(article))
        messages.success(
            request, format_html("已把{}的第{}段拆成两段。", public_link(article), paragraph.position)
        )
        return HttpResponseRedirect(change_url(article) + f"#p{paragraph.position}")
    context = {
        **_context(model_admin, request, article, f"拆分第{paragraph.position}段"),
        "form": form,
        "paragraph": paragraph,
    }
    return TemplateResponse(request, "admin/articles/article/paragraph_split.html", context)


def paragraphs_move(model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    """Move the paragraphs checked on the change page to another article of the issue (POST only)."""
    article = _article_for_change(model_admin, request, object_id)
    back = change_url(article) + "#paragraphs"
    if request.method != "POST":
        return HttpResponseRedirect(back)
    form = MoveForm(request.POST, article=article)
    if not form.is_valid():
        return _form_refused(request, form, back)
    target = form.cleaned_data["to_article"]
    if not model_admin.has_change_permission(request, target):
        raise PermissionDenied
    chosen = sorted(form.cleaned_data["paragraphs"], key=lambda p: p.position)
    try:
        editing.paragraphs_move(
            paragraphs=chosen,
            to_article=target,
            position=form.cleaned_data["position"],
            editor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except editing.CorrectionRefused as refusal:
        return _refused(request, refusal, back)
    messages.success(
        request,
        format_html(
            '已把{}个段落移到{}（<a href="{}">编辑</a>）。',
            len(chosen),
            public_link(target),
            change_url(target),
        ),
    )
    return HttpResponseRedirect(back)


def article_join(
    model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str, other_id: str
) -> HttpResponse:
    """Join the article and a neighbour on its page that the engine cut from it (POST only): the one printed
    first keeps its address and takes the other's paragraphs after its own."""
    article = _article_for_change(model_admin, request, object_id)
    back = change_url(article)
    if request.method != "POST":
        return HttpResponseRedirect(back)
    other = _article_for_change(model_admin, request, other_id)
    first, second = sorted((article, other), key=lambda a: (a.page.number, a.position))
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        survivor = editing.articles_merge(
            articles=[first, second], editor=request.user, reason=form.cleaned_data.get("reason", "")
        )
    except editing.CorrectionRefused as refusal:
        return _refused(request, refusal, back)
    messages.success(
        request,
        format_html("已把两篇合为{}；如果合错了，在下面的更正历史里撤销。", public_link(survivor)),
    )
    return HttpResponseRedirect(change_url(survivor) + "#paragraphs")


def headline_give(model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    """Give the article's headline to another of the issue (the two swap if that one has one)."""
    article = _article_for_change(model_admin, request, object_id)
    back = change_url(article)
    if request.method != "POST":
        return HttpResponseRedirect(back)
    form = HeadlineGiveForm(request.POST, article=article)
    if not form.is_valid():
        return _form_refused(request, form, back)
    target = form.cleaned_data["to_article"]
    if not model_admin.has_change_permission(request, target):
        raise PermissionDenied
    try:
        editing.headline_reassign(
            from_article=article, to_article=target, editor=request.user, reason=form.cleaned_data["reason"]
        )
    except editing.CorrectionRefused as refusal:
        return _refused(request, refusal, back)
    target.refresh_from_db()
    messages.success(request, format_html("标题已转给{}。", public_link(target)))
    return HttpResponseRedirect(back)


def byline_add(model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    article = _article_for_change(model_admin, request, object_id)

    def apply(data: dict[str, Any]) -> SafeString:
        name = data["name"].strip()
        editing.byline_add(
            article=article, name=name, role=data["role"], editor=request.user, reason=data["reason"]
        )
        return format_html("已在{}上添加署名：{}。", public_link(article), name)

    return _correction_post(
        request, back=change_url(article) + "#bylines", form=BylineAddForm(request.POST), apply=apply
    )


def byline_remove(
    model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str, byline_id: str
) -> HttpResponse:
    article = _article_for_change(model_admin, request, object_id)
    byline = get_object_or_404(article.bylines.select_related("person"), pk=byline_id)

    def apply(data: dict[str, Any]) -> SafeString:
        editing.byline_remove(byline=byline, editor=request.user, reason=data["reason"])
        return format_html("已从{}上删除署名：{}。", public_link(article), byline.person.name)

    return _correction_post(
        request, back=change_url(article) + "#bylines", form=ReasonForm(request.POST), apply=apply
    )


def byline_role(
    model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str, byline_id: str
) -> HttpResponse:
    article = _article_for_change(model_admin, request, object_id)
    byline = get_object_or_404(article.bylines.select_related("person"), pk=byline_id)

    def apply(data: dict[str, Any]) -> SafeString:
        editing.byline_role_set(byline=byline, role=data["role"], editor=request.user, reason=data["reason"])
        role = models.Byline.Role(data["role"]).label
        return format_html("{}的署名身份已改为{}。", byline.person.name, role)

    return _correction_post(
        request, back=change_url(article) + "#bylines", form=BylineRoleForm(request.POST), apply=apply
    )


def parts_link(model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    """Link this article, as the continuation, to the beginning of its story on another page (POST only)."""
    article = _article_for_change(model_admin, request, object_id)

    def apply(data: dict[str, Any]) -> SafeString:
        beginning = data["beginning"]
        editing.parts_link(fragment=article, beginning=beginning, editor=request.user, reason=data["reason"])
        return format_html("{}现在接续{}。", public_link(article), public_link(beginning))

    form = LinkForm(request.POST, article=article)
    return _correction_post(request, back=change_url(article) + "#jump", form=form, apply=apply)


def parts_unlink(model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    """Make this continuation (or suggested one) a story of its own (POST only)."""
    article = _article_for_change(model_admin, request, object_id)

    def apply(data: dict[str, Any]) -> SafeString:
        editing.parts_unlink(fragment=article, editor=request.user, reason=data["reason"])
        return format_html("{}已是独立的稿件；再次导入也不会把它连接起来。", public_link(article))

    return _correction_post(
        request, back=change_url(article) + "#jump", form=ReasonForm(request.POST), apply=apply
    )


def _correction_post(
    request: HttpRequest, *, back: str, form: forms.Form, apply: Callable[[dict[str, Any]], SafeString]
) -> HttpResponse:
    """What every small correction form of the change page does: POST only, a valid form, the service (its
    refusal said to the editor), a message, back to the change page."""
    if request.method != "POST":
        return HttpResponseRedirect(back)
    if not form.is_valid():
        return _form_refused(request, form, back)
    try:
        message = apply(form.cleaned_data)
    except editing.CorrectionRefused as refusal:
        return _refused(request, refusal, back)
    messages.success(request, message)
    return HttpResponseRedirect(back)


def correction_undo(
    model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str, correction_id: str
) -> HttpResponse:
    """Undo one correction of the article's history (POST only)."""
    article = _article_for_change(model_admin, request, object_id)
    back = change_url(article) + "#history"
    if request.method != "POST":
        return HttpResponseRedirect(back)
    correction = get_object_or_404(editing.Correction.objects.for_article(article), pk=correction_id)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        editing.correction_undo(
            correction=correction, editor=request.user, reason=form.cleaned_data.get("reason", "")
        )
    except editing.CorrectionRefused as refusal:
        return _refused(request, refusal, back)
    if models.Article.objects.filter(pk=article.pk).exists():
        article.refresh_from_db()
        messages.success(
            request,
            format_html("已撤销“{}”。请看{}。", correction.get_action_display(), public_link(article)),
        )
        return HttpResponseRedirect(back)
    # Undoing a split removes the article it made: on to the one that holds its text again.
    went_to = models.Correction.objects.text_went_to(article.pk)
    messages.success(request, format_html("已撤销“{}”。", correction.get_action_display()))
    if went_to is None:
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[went_to]))


# -- Helpers ---------------------------------------------------------------------------------------


def _article_for_change(
    model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str
) -> models.Article:
    article = get_object_or_404(
        models.Article.objects.select_related("page__issue__newspaper").defer(
            "page__raw", "page__reconstructed_json", "search_vector"
        ),
        pk=int_or(object_id, default=0),
    )
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    return article


def _context(
    model_admin: admin.ModelAdmin, request: HttpRequest, article: models.Article, title: str
) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": article,
        "title": title,
        "change_url": change_url(article),
        "public_url": article.get_absolute_url(),
    }


def _refused(request: HttpRequest, refusal: Exception, back: str) -> HttpResponseRedirect:
    messages.error(request, f"没有完成：{refusal}")
    return HttpResponseRedirect(back)


def _form_refused(request: HttpRequest, form: forms.Form, back: str) -> HttpResponseRedirect:
    errors = "；".join(
        f"{form.fields[name].label or name}：{''.join(messages_)}"
        if name in form.fields
        else "".join(messages_)
        for name, messages_ in form.errors.items()
    )
    messages.error(request, f"没有完成：{errors}")
    return HttpResponseRedirect(back)
