"""Which text belongs to which article: merge articles, split one in two, split a paragraph, move
paragraphs.

The corrections that redraw the engine's segmentation of a page. None of them drops or copies a
character, and each leaves positions contiguous: articles 1..n on each page (a merged-away article keeps
its place, hidden), paragraphs 1..n in each article. An article's id stays its URL: a split keeps it for
the first part, a merge sets the others' `merged_into` and the reading view redirects there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F

from articles.editing.base import (
    DATELINE,
    HEADLINE,
    CorrectionRefused,
    Editor,
    article_live,
    article_name,
    articles_locked,
    clip,
    field_label,
    fresh,
    live_check,
    same_issue_check,
)
from articles.editing.record import Change
from articles.models import Article, Byline, Correction, Page, Paragraph


@transaction.atomic
def articles_merge(*, articles: Sequence[Article], editor: Editor, reason: str = "") -> Article:
    """Merge articles into the first given: the others' paragraphs follow its own in the order given, their
    bylines and places join its, and they redirect to it. Same page, or the parts of one story across the
    pages of an issue."""
    ids = [a.pk for a in articles]
    if len(ids) < 2:
        raise CorrectionRefused("请至少选择两篇稿件来合并。")
    if len(set(ids)) != len(ids):
        raise CorrectionRefused("同一篇稿件选了两次；每篇只选一次。")
    rows = articles_locked(ids)
    for row in rows.values():
        live_check(row)
    same_issue_check(rows.values(), "合并")
    survivor, others = rows[ids[0]], [rows[pk] for pk in ids[1:]]
    change = Change(ids)

    paragraphs = [pk for article in (survivor, *others) for pk in _paragraph_ids(article.pk)]
    _paragraphs_place(survivor.pk, paragraphs)
    credited = set(Byline.objects.filter(article=survivor).values_list("person_id", "role"))
    order = len(credited)
    for other in others:
        for byline in Byline.objects.filter(article=other).order_by("order"):
            if (byline.person_id, byline.role) in credited:
                byline.delete()
                continue
            credited.add((byline.person_id, byline.role))
            order += 1
            Byline.objects.filter(pk=byline.pk).update(article=survivor, order=order)
        survivor.places.add(*other.places.all())

    # What the first part lacks, the first of the others that has it gives: a headline, a dateline, a region.
    has_headline = any(getattr(survivor, f) for f in HEADLINE)
    if donor := _donor(others, has=lambda o: any(getattr(o, f) for f in HEADLINE), unless=has_headline):
        for name in (*HEADLINE, "headline_lines"):
            setattr(survivor, name, getattr(donor, name))
    if donor := _donor(others, has=lambda o: o.dateline_agency, unless=bool(survivor.dateline_agency)):
        for name in DATELINE:
            setattr(survivor, name, getattr(donor, name))
    if donor := _donor(others, has=lambda o: o.region_id is not None, unless=survivor.region_id is not None):
        survivor.region_id, survivor.region_name = donor.region_id, donor.region_name
    if any(o.page_id != survivor.page_id for o in others):
        survivor.continued_to_page = others[
            -1
        ].continued_to_page  # the story now ends where its last part did
    survivor.save()
    Article.objects.filter(pk__in=ids[1:]).update(merged_into=survivor)

    change.record(
        action=Correction.Action.ARTICLES_MERGE,
        summary=f"把{'、'.join(article_name(o) for o in others)}并入{article_name(survivor)}。",
        page_id=survivor.page_id,
        editor=editor,
        reason=reason,
    )
    return fresh(survivor)


@transaction.atomic
def article_split(
    *,
    article: Article,
    at_paragraph: Paragraph,
    headline: dict[str, Any] | None = None,
    editor: Editor,
    reason: str = "",
) -> Article:
    """Cut an article in two before a paragraph; return the new second article, placed right after it.

    The original keeps its id (its URL), its bylines, dateline and region; the new one gets the headline
    chosen: {"unmatched": index} takes one of the page's unmatched headline groups (which is then no longer
    offered), {"kicker": …, "title": …, "subtitle": …} one typed, None none. The note that the story
    continues on another page goes with the second part, which now holds the end of the text.
    """
    article = article_live(article)
    cut = Paragraph.objects.filter(pk=at_paragraph.pk).first()
    if cut is None or cut.article_id != article.pk:
        raise CorrectionRefused(f"这个段落不在{article_name(article)}里；请在这篇稿件自己的段落处拆分。")
    if cut.position == 1:
        raise CorrectionRefused(
            "不能在第一段之前拆分：前一部分会是空的。请选后面的段落；如果只是标题不对，请直接修改标题。"
        )
    page = Page.objects.defer("raw").get(pk=article.page_id)
    fields, labels, lines, used = _headline_choice(page=page, headline=headline)
    change = Change([article.pk])

    Article.objects.filter(page=article.page_id, position__gt=article.position).update(
        position=F("position") + 1
    )
    new = Article.objects.create(
        page_id=article.page_id,
        position=article.position + 1,
        kind=article.kind,
        labels=labels,
        headline_lines=lines,
        continued_to_page=article.continued_to_page,
        confidence_lead=True,
        edited=True,
        **fields,
    )
    article.continued_to_page = None
    article.save(update_fields=["continued_to_page"])
    tail = Paragraph.objects.filter(article=article, position__gte=cut.position).order_by("position")
    _paragraphs_place(new.pk, list(tail.values_list("pk", flat=True)))
    if used is not None:
        page.headlines_used = sorted({*page.headlines_used, used})
        page.save(update_fields=["headlines_used"])

    change.articles_add([new.pk])
    change.record(
        action=Correction.Action.ARTICLE_SPLIT,
        summary=f"在第{cut.position}段之前拆分{article_name(article)}，后面的部分成为{article_name(new)}。",
        page_id=article.page_id,
        editor=editor,
        reason=reason,
    )
    return fresh(new)


@transaction.atomic
def paragraph_split(*, paragraph: Paragraph, at_char: int, editor: Editor, reason: str = "") -> Paragraph:
    """Cut a paragraph in two at a character offset; return the second half, the next paragraph.

    Lines are estimated, in proportion to the text: the line where the cut falls ends the first half and
    starts the second (so both halves stay within the paragraph's range and the source view still marks
    every line): "甲乙丙丁" on lines 10-13 cut at 2 gives "甲乙" on lines 10-11 and "丙丁" on 11-13.
    """
    found = Paragraph.objects.filter(pk=paragraph.pk).first()
    if found is None:
        raise CorrectionRefused("这个段落已不存在；请重新加载稿件。")
    article = article_live(found.article)
    found = Paragraph.objects.get(pk=found.pk)  # as of the lock
    text = found.text
    if isinstance(at_char, bool) or not isinstance(at_char, int) or not 0 < at_char < len(text):
        raise CorrectionRefused(
            f"只能在段落内部切分：从段首算起第 1 到第 {len(text) - 1} 个字之后（这段共 {len(text)} 个字）。"
            if len(text) > 1
            else "只有一个字的段落不能切分。"
        )
    change = Change([article.pk])
    cut_line = found.line_start + (found.line_end - found.line_start) * at_char // len(text)
    Paragraph.objects.filter(article=article, position__gt=found.position).update(position=F("position") + 1)
    second = Paragraph.objects.create(
        article=article,
        position=found.position + 1,
        kind=found.kind,
        text=text[at_char:],
        line_start=cut_line,
        line_end=found.line_end,
    )
    found.text, found.line_end = text[:at_char], cut_line
    found.save(update_fields=["text", "line_end"])
    change.record(
        action=Correction.Action.PARAGRAPH_SPLIT,
        summary=f"在“{clip(found.text[-12:])}”之后把{article_name(article)}的第{found.position}段拆成两段。",
        page_id=article.page_id,
        editor=editor,
        reason=reason,
    )
    return second


@transaction.atomic
def paragraphs_move(
    *,
    paragraphs: Sequence[Paragraph],
    to_article: Article,
    position: int | None = None,
    editor: Editor,
    reason: str = "",
) -> None:
    """Move paragraphs, in the order given, into an article of the same issue at a 1-based position among
    the paragraphs it keeps (None: at the end); within one article this reorders it.

    Moving every paragraph out of an article is refused: an article of no text is no article, and the
    correction that means is a merge (whose merged article redirects to where its text went).
    """
    ids = [p.pk for p in paragraphs]
    if not ids:
        raise CorrectionRefused("请至少选择一个要移动的段落。")
    if len(set(ids)) != len(ids):
        raise CorrectionRefused("同一个段落选了两次；每段只选一次。")
    sources = dict(Paragraph.objects.filter(pk__in=ids).values_list("pk", "article_id"))
    if len(sources) != len(ids):
        raise CorrectionRefused("所选的段落有的已不存在；请重新加载稿件。")
    rows = articles_locked({*sources.values(), to_article.pk})
    target = rows[to_article.pk]
    if target.merged_into_id is not None:
        raise CorrectionRefused(
            f"{article_name(target)}已并入{article_name(target.merged_into)}；请把段落移到那一篇。"
        )
    same_issue_check(rows.values(), "互相移动段落")
    sources = dict(Paragraph.objects.filter(pk__in=ids).values_list("pk", "article_id"))  # as of the lock
    moving = set(ids)
    for source in {*sources.values()} - {target.pk}:
        if set(_paragraph_ids(source)) <= moving:
            raise CorrectionRefused(f"这样{article_name(rows[source])}就一段也不剩了；请改为合并这两篇稿件。")
    staying = [pk for pk in _paragraph_ids(target.pk) if pk not in moving]
    if position is None:
        position = len(staying) + 1
    if isinstance(position, bool) or not isinstance(position, int) or not 1 <= position <= len(staying) + 1:
        raise CorrectionRefused(f"位置必须在 1 到 {len(staying) + 1} 之间。")
    order = staying[: position - 1] + ids + staying[position - 1 :]
    if order == _paragraph_ids(target.pk):
        raise CorrectionRefused("这些段落已经在那里，无需移动。")

    touched = [target.pk, *sorted({*sources.values()} - {target.pk})]
    change = Change(touched)
    for source in touched[1:]:
        _paragraphs_place(source, [pk for pk in _paragraph_ids(source) if pk not in moving])
    _paragraphs_place(target.pk, order)
    froms = (
        f"来自{'、'.join(article_name(rows[pk]) for pk in touched[1:])}"
        if touched[1:]
        else "在本稿件内调整顺序"
    )
    change.record(
        action=Correction.Action.PARAGRAPHS_MOVE,
        summary=f"把{len(ids)}个段落移到{article_name(target)}第{position}段的位置（{froms}）。",
        page_id=target.page_id,
        editor=editor,
        reason=reason,
    )


def _headline_choice(
    *, page: Page, headline: dict[str, Any] | None
) -> tuple[dict[str, str], list[str], list[int], int | None]:
    """The new article's headline fields, labels, headline lines and the unmatched group it uses, if any."""
    blank = dict.fromkeys(HEADLINE, "")
    if headline is None:
        return blank, [], [], None
    if not isinstance(headline, dict):
        raise CorrectionRefused("标题必须是本版未归位的标题之一，或者手动填写。")
    if "unmatched" in headline:
        index = headline["unmatched"]
        groups = (page.reconstructed_json or {}).get("unmatched_headlines", [])
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(groups):
            raise CorrectionRefused(f"本版没有编号为 {index!r} 的未归位标题。")
        if index in page.headlines_used:
            raise CorrectionRefused("这个标题已经配给了别的稿件；请另选一个，或者手动填写。")
        group = groups[index]
        fields = {name: group.get(name) or "" for name in HEADLINE}
        return fields, [group["label"]] if group.get("label") else [], list(group.get("lines", [])), index
    unknown = set(headline) - set(HEADLINE)
    if unknown:
        raise CorrectionRefused(
            f"手动填写的标题只有{'、'.join(field_label(n) for n in HEADLINE)}，"
            f"没有{'、'.join(field_label(n) for n in sorted(unknown))}。"
        )
    if any(not isinstance(value, str) for value in headline.values()):
        raise CorrectionRefused("标题的各部分必须是文字。")
    return blank | {name: value.strip() for name, value in headline.items()}, [], [], None


def _paragraph_ids(article_id: int) -> list[int]:
    return list(
        Paragraph.objects.filter(article_id=article_id).order_by("position").values_list("pk", flat=True)
    )


def _paragraphs_place(article_id: int, ids: Sequence[int]) -> None:
    """Make these paragraphs the article's, at positions 1..n in this order (the constraint is deferred)."""
    Paragraph.objects.bulk_update(
        [Paragraph(pk=pk, article_id=article_id, position=n) for n, pk in enumerate(ids, start=1)],
        ["article", "position"],
    )


def _donor(others: list[Article], *, has: Callable[[Article], Any], unless: bool) -> Article | None:
    return None if unless else next((o for o in others if has(o)), None)
