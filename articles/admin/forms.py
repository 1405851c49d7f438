"""The admin's forms: the article's own fields, the small forms of the change page's corrections
(split, paragraph split, move, headline, bylines, link), each with the editor's reason, and the upload of
page files (UploadForm).
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import QuerySet

from articles import models

NO_HEADLINE = "none"
SENTENCE_END = re.compile(r"[。！？；!?;…]+[”’」』）)]*")  # 依法履职。” — where a paragraph may be cut
TYPED_HEADLINE = "typed"


class ReasonField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("label", "理由")
        kwargs.setdefault("help_text", "为什么这样改；会记入稿件的历史。")
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 60}))
        super().__init__(**kwargs)


class ArticleForm(forms.ModelForm):
    """The article's own fields; saving routes each change through a service (ArticleAdmin.save_model)."""

    reason = ReasonField()

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
    """Where to cut a paragraph: `at`, the number of characters before the cut (chosen on the text, with
    `before`, those characters' end as the editor saw them), or `after`, a piece of text typed or copied
    that the cut follows."""

    at = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    before = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    after = forms.CharField(
        required=False,
        label="或者：在这段文字之后切分",
        help_text="复制前半段末尾的几个字；后面的文字成为新的一段。",
        widget=forms.TextInput(attrs={"size": 60}),
    )
    reason = ReasonField()

    def __init__(self, *args: Any, paragraph: models.Paragraph, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.paragraph = paragraph

    def clean(self) -> dict[str, Any]:
        """`at`: the character offset the split falls at, checked against the text."""
        data = super().clean()
        if self.errors:
            return data
        if data.get("at") is not None:
            data["at"] = self._at_checked(data["at"], data.get("before") or "")
        elif (data.get("after") or "").strip():
            data["at"] = self._after_found(data["after"].strip())
        else:
            raise forms.ValidationError(
                "请选择在哪里拆分：点一下段落中两个字之间，或者填写前半段末尾的几个字。"
            )
        return data

    def sentence_cuts(self) -> list[tuple[int, str, str]]:
        """Where the paragraph may be cut without typing: after each sentence with text after it, as
        (offset, the sentence's end, the next words)."""
        text = self.paragraph.text
        return [
            (at, text[max(0, at - 16) : at], text[at : at + 8])
            for at in (m.end() for m in SENTENCE_END.finditer(text))
            if text[at:].strip()
        ]

    def _at_checked(self, at: int, before: str) -> int:
        text = self.paragraph.text
        if not text[:at].strip() or not text[at:].strip():
            raise forms.ValidationError("只能在段落中间拆分：切开后两边都要有文字。")
        if not text[:at].endswith(before):
            raise forms.ValidationError("段落在您打开页面后改过了；请重新选择拆分的位置。")
        return at

    def _after_found(self, after: str) -> int:
        text = self.paragraph.text
        found = text.find(after)
        if found < 0:
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


class HeadlineGiveForm(forms.Form):
    to_article = forms.ModelChoiceField(queryset=models.Article.objects.none(), label="把标题转给")
    reason = ReasonField()

    def __init__(self, *args: Any, article: models.Article, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_article"].queryset = move_targets(article)
        self.fields["to_article"].label_from_instance = _article_choice_label


class BylineAddForm(forms.Form):
    name = forms.CharField(max_length=100, label="姓名", widget=forms.TextInput(attrs={"size": 12}))
    role = forms.ChoiceField(choices=models.Byline.Role.choices, label="身份")
    reason = ReasonField(widget=forms.TextInput(attrs={"size": 30}))


class BylineRoleForm(forms.Form):
    role = forms.ChoiceField(choices=models.Byline.Role.choices, label="身份")
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


def int_or(value: str, default: int | None = None) -> int | None:
    """A number typed in a URL or posted by a form; default when it is not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _article_choice_label(article: models.Article) -> str:
    return f"第{article.page.number}版第{article.position}篇 {article.headline}"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or many files from one <input type=file multiple>: a list of uploaded files. An empty file is
    let through: ingest refuses it with its own reason, as it refuses any bad file."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,text/plain"}))
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = (data if isinstance(data, list | tuple) else [data]) or [None]  # none: "required"
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class UploadForm(forms.Form):
    """Page files to ingest, as `manage.py ingest` takes them: the paper, and the date and page number
    from each file's name unless given here (the page number only for a single file)."""

    paper = forms.CharField(
        label="报名",
        max_length=100,
        help_text="版面所属报纸的名称，如“法治日报”；新报名会新建一份报纸。",
        widget=forms.TextInput(attrs={"list": "known-papers", "size": 30, "autocomplete": "off"}),
    )
    files = MultipleFileField(
        label="版面文件",
        help_text="一个或多个文本文件，一版一个；文件名写明日期和版次，如 fazhi_2025-01-24_02.txt。",
    )
    date = forms.DateField(
        label="出版日期",
        required=False,
        help_text="不填则取自文件名；填了就用于所有文件。",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    number = forms.IntegerField(
        label="版次",
        required=False,
        min_value=1,
        max_value=32767,
        help_text="不填则取自文件名；只能用于单个文件。",
    )
    force = forms.BooleanField(
        label="强制替换",
        required=False,
        help_text="文件有变而编辑改过该版稿件时，也用新文件替换（旧文件和更正记录仍可查）；不勾选则保留编辑的版本，标为待审核。",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        files = cleaned.get("files") or []
        if cleaned.get("number") is not None and len(files) > 1:
            self.add_error("number", f"版次只能用于单个文件，这次选了 {len(files)} 个文件。")
        return cleaned
