"""What an article says of itself: its headline (kicker, title, subtitle), dateline, region and kind.

The corrections that change an article's own fields and leave its text where it is: set a headline, give
one article's headline group to another, set the dateline, region or kind.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from articles.editing.base import (
    DATELINE,
    HEADLINE,
    NAME_MAX,
    CorrectionRefused,
    Editor,
    article_live,
    article_name,
    articles_locked,
    field_label,
    fresh,
    live_check,
    same_issue_check,
)
from articles.editing.record import Change
from articles.models import Article, Correction, Place

SETTABLE = (*DATELINE, "region", "kind")  # what article_fields_set takes


# -- Headlines -----------------------------------------------------------------------------------------


@transaction.atomic
def article_headline_set(
    *, article: Article, kicker: str, title: str, subtitle: str, editor: Editor, reason: str = ""
) -> Article:
    """Set an article's kicker, title and subtitle ("" for none)."""
    article = article_live(article)
    typed = {"kicker": kicker, "title": title, "subtitle": subtitle}
    for name, value in typed.items():
        if not isinstance(value, str):
            raise CorrectionRefused(f"{field_label(name)}必须是文字。")
    typed = {name: value.strip() for name, value in typed.items()}
    if all(getattr(article, name) == value for name, value in typed.items()):
        raise CorrectionRefused("标题已经是这样，无需修改。")
    change = Change([article.pk])
    Article.objects.filter(pk=article.pk).update(**typed)
    change.record(
        action=Correction.Action.HEADLINE_SET,
        summary=f"把标题从“{_headline_text(article)}”改为"
        f"“{' '.join(v for v in typed.values() if v) or '（无）'}”。",
        page_id=article.page_id,
        editor=editor,
        reason=reason,
    )
    return fresh(article)


@transaction.atomic
def headline_reassign(
    *, from_article: Article, to_article: Article, editor: Editor, reason: str = ""
) -> None:
    """Give one article's headline group (kicker, title, subtitle and their lines) to another of the issue;
    if that one has a headline, the two swap."""
    if from_article.pk == to_article.pk:
        raise CorrectionRefused("请选择两篇不同的稿件。")
    rows = articles_locked([from_article.pk, to_article.pk])
    source, target = rows[from_article.pk], rows[to_article.pk]
    live_check(source)
    live_check(target)
    same_issue_check(rows.values(), "互相转移标题")
    if not any(getattr(source, f) for f in HEADLINE):
        raise CorrectionRefused(f"{article_name(source)}没有标题可以转给别的稿件。")
    change = Change([source.pk, target.pk])
    group = (*HEADLINE, "headline_lines")
    given = {name: getattr(source, name) for name in group}
    Article.objects.filter(pk=source.pk).update(**{name: getattr(target, name) for name in group})
    Article.objects.filter(pk=target.pk).update(**given)
    swapped = any(getattr(target, f) for f in HEADLINE)
    change.record(
        action=Correction.Action.HEADLINE_REASSIGN,
        summary=f"把标题“{_headline_text(source)}”转给{article_name(target)}"
        + (f"，换回它的标题“{_headline_text(target)}”。" if swapped else "。"),
        page_id=source.page_id,
        editor=editor,
        reason=reason,
    )


# -- Dateline, region, kind ----------------------------------------------------------------------------


@transaction.atomic
def article_fields_set(*, article: Article, editor: Editor, reason: str = "", **fields: Any) -> Article:
    """Set any of dateline_place, dateline_date, dateline_agency ("" for none), region (a province, or
    None) and kind. A dateline needs its agency (本报, 新华社): place or date without one is refused."""
    unknown = sorted(set(fields) - set(SETTABLE))
    if unknown:
        raise CorrectionRefused(
            f"这里不能修改{'、'.join(field_label(n) for n in unknown)}；"
            f"只能修改{'、'.join(field_label(n) for n in SETTABLE)}。"
        )
    if not fields:
        raise CorrectionRefused("没有要修改的内容。")
    article = article_live(article)
    values: dict[str, Any] = {}
    for name in DATELINE:
        if name in fields:
            value = fields[name]
            if not isinstance(value, str) or len(value.strip()) > NAME_MAX:
                raise CorrectionRefused(f"{field_label(name)}必须是文字，最多{NAME_MAX}个字。")
            values[name] = value.strip()
    if "kind" in fields:
        if fields["kind"] not in Article.Kind.values:
            raise CorrectionRefused(f"体裁必须是{'、'.join(Article.Kind.labels)}之一。")
        values["kind"] = fields["kind"]
    if "region" in fields:
        region = fields["region"]
        if region is not None and (not isinstance(region, Place) or region.level != Place.Level.PROVINCE):
            raise CorrectionRefused("地区必须是省级行政区，或者不填。")
        values["region_id"] = region.pk if region else None
        values["region_name"] = region.name if region else ""
    dateline = {name: values.get(name, getattr(article, name)) for name in DATELINE}
    if (dateline["dateline_place"] or dateline["dateline_date"]) and not dateline["dateline_agency"]:
        raise CorrectionRefused("电头要有发稿单位（本报、新华社等），不能只有地点或日期。")
    if all(getattr(article, name) == value for name, value in values.items()):
        raise CorrectionRefused("稿件已经是这样，无需修改。")
    change = Change([article.pk])
    Article.objects.filter(pk=article.pk).update(**values)
    change.record(
        action=Correction.Action.FIELDS_SET,
        summary=f"修改{article_name(article)}：{_fields_text(values)}。",
        page_id=article.page_id,
        editor=editor,
        reason=reason,
        text=False,
    )
    return fresh(article)


def _headline_text(article: Article) -> str:
    return " ".join(getattr(article, f) for f in HEADLINE if getattr(article, f)) or "（无）"


def _fields_text(values: dict[str, Any]) -> str:
    """What article_fields_set changed, in words: 电头地点改为“苏州”，体裁改为“简讯”."""
    shown = []
    for name, value in values.items():
        if name == "region_id":
            continue  # region_name says it
        if name == "kind":
            value = dict(Article.Kind.choices).get(value, value)
        label = "地区" if name == "region_name" else field_label(name)
        shown.append(f"{label}改为“{value}”" if value else f"清空{label}")
    return "，".join(shown)
