"""The editing admin's own pages: split, move, paragraph split, bylines, undo, merge, the review queue.

Every change goes through a service in articles/editing.py, which records it as a Correction; a refusal
(CorrectionRefused) becomes an error message and changes nothing. These views only read, validate and call.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from articles import editing, models, reading

if TYPE_CHECKING:
    from articles.admin import ArticleAdmin

REVIEW_PER_PAGE = 50
HISTORY_LIMIT = 50
MAX_CHANGES_SHOWN = 40  # per correction: a merge of long stories lists every paragraph otherwise
SHOWN_CHARS = 80

REVIEW_REASONS = {
    "doubt_no_headline": "没有标题",
    "doubt_low_score": "标题匹配分低",
    "doubt_no_lead": "没有明确的开头（稿件可能从别处开始）",
    "doubt_places": "有未能确定的地名",
    "doubt_unmatched": "本版有引擎未能归位的标题",
    "doubt_link": "可能接续另一版的稿件（匹配较弱，请连接或取消）",
}


# -- What the change page shows --------------------------------------------------------------------


@dataclass(frozen=True)
class ParagraphRow:
    """A paragraph beside the raw page lines it came from (blank lines left out)."""

    paragraph: models.Paragraph
    lines: list[reading.SourceLine]
    first: bool


@dataclass(frozen=True)
class Change:
    """One difference between a correction's before and after snapshots, for a person to read."""

    path: str
    before: str
    after: str

    @property
    def kind(self) -> str:
        if not self.before:
            return "added"
        if not self.after:
            return "removed"
        return "changed"


@dataclass(frozen=True)
class HistoryEntry:
    correction: Any  # articles.editing.Correction
    changes: list[Change]
    more: int  # changes not shown
    undone: bool


def page_lines(page: models.Page) -> list[str]:
    """The page's raw lines, numbered as the engine numbered them (index 0 is line 1)."""
    return reading.source_lines(reading.page_text(page))


def paragraph_rows(paragraphs: list[models.Paragraph], lines: list[str]) -> list[ParagraphRow]:
    return [
        ParagraphRow(paragraph=p, lines=_line_range(lines, p.line_start, p.line_end), first=i == 0)
        for i, p in enumerate(paragraphs)
    ]


def headline_source(article: models.Article, lines: list[str]) -> list[reading.SourceLine]:
    """The raw lines the article's headline came from (they may stand far from its text)."""
    return [
        reading.SourceLine(number=n, text=lines[n - 1].rstrip(), headline=True)
        for n in article.headline_lines
        if 1 <= n <= len(lines)
    ]


def unmatched_headlines(page: models.Page) -> list[tuple[int, str]]:
    """The page's headlines the engine placed on no story and no editor has used yet, with the index
    article_split takes."""
    return [(index, _headline_group_text(group)) for index, group in page.unmatched_headlines_open()]


def history(article: models.Article) -> list[HistoryEntry]:
    """The article's corrections, newest first, each with what it changed and whether it was undone."""
    corrections = list(
        editing.Correction.objects.for_article(article).select_related("editor")[:HISTORY_LIMIT]
    )
    undone = set(
        editing.Correction.objects.filter(undo_of__in=corrections).values_list("undo_of_id", flat=True)
    )
    entries = []
    for correction in corrections:
        changes = snapshot_changes(correction.before, correction.after)
        entries.append(
            HistoryEntry(
                correction=correction,
                changes=changes[:MAX_CHANGES_SHOWN],
                more=max(0, len(changes) - MAX_CHANGES_SHOWN),
                undone=correction.pk in undone,
            )
        )
    return entries


def snapshot_changes(before: Any, after: Any) -> list[Change]:
    """The differences between two snapshots of articles/editing.py: fields changed, paragraphs and bylines
    (matched by id) added or removed. Positions are left out: they follow from what was added or removed.

    >>> snapshot_changes(
    ...     {"articles": [{"id": 7, "title": "a", "paragraphs": [{"id": 1, "text": "x"}]}]},
    ...     {"articles": [{"id": 7, "title": "b", "paragraphs": []}]},
    ... )
    [Change(path='7号稿件 › 主题', before='a', after='b'), Change(path='7号稿件 › 1号段落', before='x', after='')]
    """
    changes: list[Change] = []
    _diff("", before, after, changes)
    return changes


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


def public_link(article: models.Article) -> SafeString:
    url = article.get_absolute_url()
    return format_html('<a href="{}">{}</a>', url, article.headline)


# -- Forms -----------------------------------------------------------------------------------------

NO_HEADLINE = "none"
TYPED_HEADLINE = "typed"


class ReasonField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("label", "理由")
        kwargs.setdefault("help_text", "为什么这样改；会记入稿件的历史。")
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 60}))
        super().__init__(**kwargs)


class SplitForm(forms.Form):
    headline = forms.ChoiceField(widget=forms.RadioSelect, label="新稿件的标题")
    kicker = forms.CharField(required=False, label="引题", widget=forms.TextInput(attrs={"size": 50}))
    title = forms.CharField(required=False, label="主题", widget=forms.TextInput(attrs={"size": 50}))
    subtitle = forms.CharField(required=False, label="副题", widget=forms.TextInput(attrs={"size": 50}))
    reason = ReasonField()

    def __init__(self, *args: Any, unmatched: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(index), text) for index, text in unmatched]
        choices += [(TYPED_HEADLINE, "在下面填写"), (NO_HEADLINE, "暂不加标题")]
        self.fields["headline"].choices = choices
        self.fields["headline"].initial = choices[0][0]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("headline") == TYPED_HEADLINE and not (data.get("title") or data.get("kicker")):
            raise forms.ValidationError("请至少为新稿件填写主题（或引题）。")
        return data

    def service_headline(self) -> dict[str, Any] | None:
        """The headline argument of article_split."""
        choice = self.cleaned_data["headline"]
        if choice == NO_HEADLINE:
            return None
        if choice == TYPED_HEADLINE:
            return {key: self.cleaned_data[key].strip() for key in ("kicker", "title", "subtitle")}
        return {"unmatched": int(choice)}


class ParagraphSplitForm(forms.Form):
    after = forms.CharField(
        label="在这段文字之后切分",
        help_text="复制前半段末尾的几个字；后面的文字成为新的一段。",
        widget=forms.TextInput(attrs={"size": 60}),
    )
    reason = ReasonField()

    def __init__(self, *args: Any, paragraph: models.Paragraph, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.paragraph = paragraph

    def clean_after(self) -> int:
        """The character offset the split falls at: after the first occurrence of the text."""
        after = self.cleaned_data["after"].strip()
        text = self.paragraph.text
        found = text.find(after)
        if not after or found < 0:
            raise forms.ValidationError("段落里没有这段文字。")
        if text.find(after, found + 1) >= 0:
            raise forms.ValidationError("这段文字在段落里出现了不止一次；请多复制几个字。")
        at = found + len(after)
        if at >= len(text.rstrip()):
            raise forms.ValidationError("这已是段落的末尾，切开后没有文字可以成为新的一段。")
        return at


class MoveForm(forms.Form):
    paragraphs = forms.ModelMultipleChoiceField(queryset=models.Paragraph.objects.none(), label="段落")
    to_article = forms.ModelChoiceField(queryset=models.Article.objects.none(), label="把所选段落移到")
    position = forms.IntegerField(
        required=False, min_value=1, label="位置", help_text="放在那篇稿件的第几段；不填则放在最后。"
    )
    reason = ReasonField()

    def __init__(self, *args: Any, article: models.Article, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paragraphs"].queryset = article.paragraphs.all()
        self.fields["to_article"].queryset = move_targets(article)
        self.fields["to_article"].label_from_instance = _article_choice_label


class BylineAddForm(forms.Form):
    name = forms.CharField(max_length=100, label="姓名", widget=forms.TextInput(attrs={"size": 12}))
    role = forms.ChoiceField(choices=models.Byline.ROLES, label="身份")
    reason = ReasonField(widget=forms.TextInput(attrs={"size": 30}))


class BylineRoleForm(forms.Form):
    role = forms.ChoiceField(choices=models.Byline.ROLES, label="身份")
    reason = ReasonField()


class ReasonForm(forms.Form):
    reason = ReasonField()


class LinkForm(forms.Form):
    beginning = forms.ModelChoiceField(
        queryset=models.Article.objects.none(), label="本篇接续", empty_label=None
    )
    reason = ReasonField()

    def __init__(self, *args: Any, article: models.Article, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["beginning"]
        field.queryset = move_targets(article).exclude(page_id=article.page_id)
        field.label_from_instance = _article_choice_label
        if article.link_suggested_id or article.continues_id:
            field.initial = article.continues_id or article.link_suggested_id


def move_targets(article: models.Article) -> QuerySet[models.Article]:
    """Where an article's paragraphs may go: the other live articles of its issue, in print order."""
    return (
        models.Article.objects.live()
        .filter(page__issue_id=article.page.issue_id)
        .exclude(pk=article.pk)
        .select_related("page")
        .only("id", "page__number", "position", "kind", "kicker", "title", "subtitle")
        .order_by("page__number", "position")
    )


# -- Views -----------------------------------------------------------------------------------------


def article_split(
    model_admin: ArticleAdmin, request: HttpRequest, object_id: str, paragraph_id: str
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
            return _refused(request, refusal, _change_url(article))
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
        return HttpResponseRedirect(_change_url(article))
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
    model_admin: ArticleAdmin, request: HttpRequest, object_id: str, paragraph_id: str
) -> HttpResponse:
    """Cut one paragraph in two after a given piece of its text."""
    article = _article_for_change(model_admin, request, object_id)
    paragraph = get_object_or_404(article.paragraphs, pk=paragraph_id)
    form = ParagraphSplitForm(request.POST or None, paragraph=paragraph)
    if request.method == "POST" and form.is_valid():
        try:
            editing.paragraph_split(
                paragraph=paragraph,
                at_char=form.cleaned_data["after"],
                editor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except editing.CorrectionRefused as refusal:
            return _refused(request, refusal, _change_url(article))
        messages.success(
            request, format_html("已把{}的第{}段拆成两段。", public_link(article), paragraph.position)
        )
        return HttpResponseRedirect(_change_url(article) + "#paragraphs")
    context = {
        **_context(model_admin, request, article, f"拆分第{paragraph.position}段"),
        "form": form,
        "paragraph": paragraph,
    }
    return TemplateResponse(request, "admin/articles/article/paragraph_split.html", context)


def paragraphs_move(model_admin: ArticleAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    """Move the paragraphs checked on the change page to another article of the issue (POST only)."""
    article = _article_for_change(model_admin, request, object_id)
    back = _change_url(article) + "#paragraphs"
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
            _change_url(target),
        ),
    )
    return HttpResponseRedirect(back)


class HeadlineGiveForm(forms.Form):
    to_article = forms.ModelChoiceField(queryset=models.Article.objects.none(), label="把标题转给")
    reason = ReasonField()

    def __init__(self, *args: Any, article: models.Article, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_article"].queryset = move_targets(article)
        self.fields["to_article"].label_from_instance = _article_choice_label


def headline_give(model_admin: ArticleAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    """Give the article's headline to another of the issue (the two swap if that one has one)."""
    article = _article_for_change(model_admin, request, object_id)
    back = _change_url(article)
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


def byline_add(model_admin: ArticleAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    article = _article_for_change(model_admin, request, object_id)

    def apply(data: dict[str, Any]) -> SafeString:
        name = data["name"].strip()
        editing.byline_add(
            article=article, name=name, role=data["role"], editor=request.user, reason=data["reason"]
        )
        return format_html("已在{}上添加署名：{}。", public_link(article), name)

    return _correction_post(
        request, back=_change_url(article) + "#bylines", form=BylineAddForm(request.POST), apply=apply
    )


def byline_remove(
    model_admin: ArticleAdmin, request: HttpRequest, object_id: str, byline_id: str
) -> HttpResponse:
    article = _article_for_change(model_admin, request, object_id)
    byline = get_object_or_404(article.bylines.select_related("person"), pk=byline_id)

    def apply(data: dict[str, Any]) -> SafeString:
        editing.byline_remove(byline=byline, editor=request.user, reason=data["reason"])
        return format_html("已从{}上删除署名：{}。", public_link(article), byline.person.name)

    return _correction_post(
        request, back=_change_url(article) + "#bylines", form=ReasonForm(request.POST), apply=apply
    )


def byline_role(
    model_admin: ArticleAdmin, request: HttpRequest, object_id: str, byline_id: str
) -> HttpResponse:
    article = _article_for_change(model_admin, request, object_id)
    byline = get_object_or_404(article.bylines.select_related("person"), pk=byline_id)

    def apply(data: dict[str, Any]) -> SafeString:
        editing.byline_role_set(byline=byline, role=data["role"], editor=request.user, reason=data["reason"])
        role = dict(models.Byline.ROLES)[data["role"]]
        return format_html("{}的署名身份已改为{}。", byline.person.name, role)

    return _correction_post(
        request, back=_change_url(article) + "#bylines", form=BylineRoleForm(request.POST), apply=apply
    )


def parts_link(model_admin: ArticleAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    """Link this article, as the continuation, to the beginning of its story on another page (POST only)."""
    article = _article_for_change(model_admin, request, object_id)

    def apply(data: dict[str, Any]) -> SafeString:
        beginning = data["beginning"]
        editing.parts_link(fragment=article, beginning=beginning, editor=request.user, reason=data["reason"])
        return format_html("{}现在接续{}。", public_link(article), public_link(beginning))

    form = LinkForm(request.POST, article=article)
    return _correction_post(request, back=_change_url(article) + "#jump", form=form, apply=apply)


def parts_unlink(model_admin: ArticleAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    """Make this continuation (or suggested one) a story of its own (POST only)."""
    article = _article_for_change(model_admin, request, object_id)

    def apply(data: dict[str, Any]) -> SafeString:
        editing.parts_unlink(fragment=article, editor=request.user, reason=data["reason"])
        return format_html("{}已是独立的稿件；再次导入也不会把它连接起来。", public_link(article))

    return _correction_post(
        request, back=_change_url(article) + "#jump", form=ReasonForm(request.POST), apply=apply
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
    model_admin: ArticleAdmin, request: HttpRequest, object_id: str, correction_id: str
) -> HttpResponse:
    """Undo one correction of the article's history (POST only)."""
    article = _article_for_change(model_admin, request, object_id)
    back = _change_url(article) + "#history"
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
    # Undoing a split removes the article it made: back to the list.
    messages.success(request, format_html("已撤销“{}”。", correction.get_action_display()))
    return HttpResponseRedirect(reverse("admin:articles_article_changelist"))


def articles_merge(
    model_admin: ArticleAdmin, request: HttpRequest, queryset: QuerySet[models.Article]
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
                    _change_url(survivor),
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
    keep_pk = _int(request.POST.get("keep", ""))
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


def review_queue(model_admin: ArticleAdmin, request: HttpRequest) -> HttpResponse:
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


# -- Helpers ---------------------------------------------------------------------------------------


def _article_for_change(model_admin: ArticleAdmin, request: HttpRequest, object_id: str) -> models.Article:
    article = get_object_or_404(
        models.Article.objects.select_related("page__issue__newspaper").defer(
            "page__raw", "page__reconstructed_json", "search_vector"
        ),
        pk=_int(object_id, default=0),
    )
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    return article


def _context(model_admin: ArticleAdmin, request: HttpRequest, article: models.Article, title: str) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": article,
        "title": title,
        "change_url": _change_url(article),
        "public_url": article.get_absolute_url(),
    }


def _change_url(article: models.Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


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


def _merge_order(request: HttpRequest, selected: list[models.Article]) -> list[models.Article] | None:
    """The articles in the order the editor numbered them; None when the numbers are missing or repeat."""
    numbers = {}
    for article in selected:
        value = _int(request.POST.get(f"order_{article.pk}", ""), default=None)
        if value is None:
            return None
        numbers[article.pk] = value
    if len(set(numbers.values())) != len(numbers):
        return None
    return sorted(selected, key=lambda a: numbers[a.pk])


def _article_choice_label(article: models.Article) -> str:
    return f"第{article.page.number}版第{article.position}篇 {article.headline}"


def _int(value: str, default: int | None = None) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _line_range(lines: list[str], start: int, end: int) -> list[reading.SourceLine]:
    out = []
    for n in range(max(start, 1), min(end, len(lines)) + 1):
        text = lines[n - 1].rstrip()
        if text.strip(" \u3000\t\u00a0"):
            out.append(reading.SourceLine(number=n, text=text))
    return out


def _headline_group_text(group: dict[str, Any]) -> str:
    parts = [group.get(key) for key in ("kicker", "title", "subtitle", "label")]
    text = " / ".join(p for p in parts if p)
    lines = group.get("lines") or []
    return f"{text}（第{'、'.join(map(str, lines))}行）" if lines else text


_MISSING = object()


# Snapshot keys not shown: bookkeeping that follows from the changes shown.
# A person's merged_into is the merge itself, which the correction's summary says by name.
UNSHOWN_KEYS = {"edited", "position", "order", "person", "region_id", "page_id", "merged_into"}
ITEM_NAMES = {
    "articles": "稿件",
    "paragraphs": "段落",
    "bylines": "署名",
    "people": "署名人",
    "pages": "版面",
}
# Snapshot keys (articles/editing.py) as the history names them; an article's are its fields' labels.
KEY_NAMES = {
    "merged_into_id": "并入",
    "continues_id": "接续",
    "link_suggested_id": "可能接续",
    "region_name": "地区",
    "places": "地名",
    "text": "文字",
    "name": "姓名",
    "role": "身份",
    "headlines_used": "已配给稿件的标题",
}


def _diff(path: str, before: Any, after: Any, out: list[Change]) -> None:
    if before == after:
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key in dict.fromkeys([*before, *after]):
            if key in UNSHOWN_KEYS or key == "id":
                continue
            _diff(_join(path, key), before.get(key, _MISSING), after.get(key, _MISSING), out)
        return
    if isinstance(before, list) and isinstance(after, list) and _keyed(before) and _keyed(after):
        old = {item["id"]: item for item in before}
        new = {item["id"]: item for item in after}
        *parent, key = path.split(" › ") if path else [""]
        item = ITEM_NAMES.get(key, key)
        for pk in dict.fromkeys([*old, *new]):
            item_path = " › ".join([*parent, f"{pk}号{item}"]) if parent else f"{pk}号{item}"
            was, now = old.get(pk, _MISSING), new.get(pk, _MISSING)
            if was is _MISSING or now is _MISSING:
                out.append(Change(path=item_path, before=_shown(was), after=_shown(now)))
            else:
                _diff(item_path, was, now, out)
        return
    out.append(Change(path=path or "（全部）", before=_shown(before), after=_shown(after)))


def _keyed(items: list[Any]) -> bool:
    return all(isinstance(item, dict) and "id" in item for item in items)


def _join(path: str, key: Any) -> str:
    name = _key_name(str(key))
    return f"{path} › {name}" if path else name


def _key_name(key: str) -> str:
    """A snapshot key in words: title → 主题, continues_id → 接续; the lists of items keep their key (see
    ITEM_NAMES)."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if key in ITEM_NAMES:
        return key
    try:
        return str(models.Article._meta.get_field(key).verbose_name)
    except FieldDoesNotExist:
        try:
            return str(models.Paragraph._meta.get_field(key).verbose_name)
        except FieldDoesNotExist:
            return key.removesuffix("_id").replace("_", " ")


def _shown(value: Any) -> str:
    """A snapshot value in a few words: a paragraph by its text, an article by its headline."""
    if value is _MISSING or value is None or value == "" or value == []:
        return ""
    if isinstance(value, dict):
        for key in ("text", "title", "kicker", "name"):
            if value.get(key):
                return _cut(str(value[key]))
        if "id" in value:
            return f"#{value['id']}"
        return _cut(json.dumps(value, ensure_ascii=False))
    if isinstance(value, list):
        return _cut(", ".join(_shown(v) or "—" for v in value))
    return _cut(str(value))


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"
