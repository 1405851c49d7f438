"""Editors' corrections to reconstructed articles: merge, split, move, headlines, bylines, fields, undo.

Every service is keyword-only and atomic. It either makes its change, marks the articles it touched
`edited` (so ingest keeps them), refreshes their search text, and records one Correction holding the state
of everything it touched before and after; or it raises CorrectionRefused, saying why, and changes nothing.

What holds after any sequence of corrections (tests/test_editing_property.py):
- the text is whole: a correction moves paragraphs or cuts one in two, it never drops or copies a character;
- positions are contiguous: articles 1..n on each page (a merged-away article keeps its place, hidden),
  paragraphs 1..n in each article, bylines 1..n;
- an article's id stays its URL: a split keeps it for the first part, a merge sets the others'
  `merged_into` and the reading view redirects there.

Undo restores the "before" snapshot of the articles a correction touched, and only while they are as it
left them (their position on the page and `edited` aside), so undo never overwrites a later correction.
Writers lock the pages they touch (ingest locks its page too), so a correction and a re-ingest of the same
page never interleave.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import F

from articles import jumps
from articles.ingest import article_search_refresh
from articles.models import Article, Byline, Correction, Page, Paragraph, Person, Place

HEADLINE = ("kicker", "title", "subtitle")
DATELINE = ("dateline_place", "dateline_date", "dateline_agency")
SETTABLE = (*DATELINE, "region", "kind")  # what article_fields_set takes
# An article's own fields in a snapshot: what a correction may change and undo restores.
STATE_FIELDS = (
    "page_id",
    "kind",
    *HEADLINE,
    "labels",
    "headline_lines",
    *DATELINE,
    "region_id",
    "region_name",
    "continued_from_page",
    "continued_to_page",
    "continues_id",
    "link_suggested_id",
    "link_score",
    "link_manual",
    "merged_into_id",
)
UNCOMPARED = ("position", "edited")  # what other corrections may change without blocking an undo
NAME_MAX = 100  # Person.name, the dateline fields

Editor = AbstractBaseUser | None


class CorrectionRefused(ValueError):
    """A correction that makes no sense for these articles; the message says why, for the editor."""


# -- Articles ------------------------------------------------------------------------------------------


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
    rows = _articles_locked(ids)
    for row in rows.values():
        _live_check(row)
    _same_issue_check(rows.values(), "合并")
    survivor, others = rows[ids[0]], [rows[pk] for pk in ids[1:]]
    change = _Change(ids)

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
        action=Correction.ARTICLES_MERGE,
        summary=f"把{'、'.join(_name(o) for o in others)}并入{_name(survivor)}。",
        page_id=survivor.page_id,
        editor=editor,
        reason=reason,
    )
    return _fresh(survivor)


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
    article = _article_live(article)
    cut = Paragraph.objects.filter(pk=at_paragraph.pk).first()
    if cut is None or cut.article_id != article.pk:
        raise CorrectionRefused(f"这个段落不在{_name(article)}里；请在这篇稿件自己的段落处拆分。")
    if cut.position == 1:
        raise CorrectionRefused(
            "不能在第一段之前拆分：前一部分会是空的。请选后面的段落；如果只是标题不对，请直接修改标题。"
        )
    page = Page.objects.defer("raw").get(pk=article.page_id)
    fields, labels, lines, used = _headline_choice(page=page, headline=headline)
    change = _Change([article.pk])

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
        action=Correction.ARTICLE_SPLIT,
        summary=f"在第{cut.position}段之前拆分{_name(article)}，后面的部分成为{_name(new)}。",
        page_id=article.page_id,
        editor=editor,
        reason=reason,
    )
    return _fresh(new)


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
    article = _article_live(found.article)
    found = Paragraph.objects.get(pk=found.pk)  # as of the lock
    text = found.text
    if isinstance(at_char, bool) or not isinstance(at_char, int) or not 0 < at_char < len(text):
        raise CorrectionRefused(
            f"只能在段落内部切分：从段首算起第 1 到第 {len(text) - 1} 个字之后（这段共 {len(text)} 个字）。"
            if len(text) > 1
            else "只有一个字的段落不能切分。"
        )
    change = _Change([article.pk])
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
        action=Correction.PARAGRAPH_SPLIT,
        summary=f"在“{_clip(found.text[-12:])}”之后把{_name(article)}的第{found.position}段拆成两段。",
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
    rows = _articles_locked({*sources.values(), to_article.pk})
    target = rows[to_article.pk]
    if target.merged_into_id is not None:
        raise CorrectionRefused(f"{_name(target)}已并入{target.merged_into_id}号稿件；请把段落移到那一篇。")
    _same_issue_check(rows.values(), "互相移动段落")
    sources = dict(Paragraph.objects.filter(pk__in=ids).values_list("pk", "article_id"))  # as of the lock
    moving = set(ids)
    for source in {*sources.values()} - {target.pk}:
        if set(_paragraph_ids(source)) <= moving:
            raise CorrectionRefused(f"这样{_name(rows[source])}就一段也不剩了；请改为合并这两篇稿件。")
    staying = [pk for pk in _paragraph_ids(target.pk) if pk not in moving]
    if position is None:
        position = len(staying) + 1
    if isinstance(position, bool) or not isinstance(position, int) or not 1 <= position <= len(staying) + 1:
        raise CorrectionRefused(f"位置必须在 1 到 {len(staying) + 1} 之间。")
    order = staying[: position - 1] + ids + staying[position - 1 :]
    if order == _paragraph_ids(target.pk):
        raise CorrectionRefused("这些段落已经在那里，无需移动。")

    touched = [target.pk, *sorted({*sources.values()} - {target.pk})]
    change = _Change(touched)
    for source in touched[1:]:
        _paragraphs_place(source, [pk for pk in _paragraph_ids(source) if pk not in moving])
    _paragraphs_place(target.pk, order)
    froms = f"来自{'、'.join(_name(rows[pk]) for pk in touched[1:])}" if touched[1:] else "在本稿件内调整顺序"
    change.record(
        action=Correction.PARAGRAPHS_MOVE,
        summary=f"把{len(ids)}个段落移到{_name(target)}第{position}段的位置（{froms}）。",
        page_id=target.page_id,
        editor=editor,
        reason=reason,
    )


# -- Headlines -----------------------------------------------------------------------------------------


@transaction.atomic
def article_headline_set(
    *, article: Article, kicker: str, title: str, subtitle: str, editor: Editor, reason: str = ""
) -> Article:
    """Set an article's kicker, title and subtitle ("" for none)."""
    article = _article_live(article)
    typed = {"kicker": kicker, "title": title, "subtitle": subtitle}
    for name, value in typed.items():
        if not isinstance(value, str):
            raise CorrectionRefused(f"{_label(name)}必须是文字。")
    typed = {name: value.strip() for name, value in typed.items()}
    if all(getattr(article, name) == value for name, value in typed.items()):
        raise CorrectionRefused("标题已经是这样，无需修改。")
    change = _Change([article.pk])
    Article.objects.filter(pk=article.pk).update(**typed)
    change.record(
        action=Correction.HEADLINE_SET,
        summary=f"把{article.pk}号稿件的标题从“{_headline_text(article)}”改为"
        f"“{' '.join(v for v in typed.values() if v) or '（无）'}”。",
        page_id=article.page_id,
        editor=editor,
        reason=reason,
    )
    return _fresh(article)


@transaction.atomic
def headline_reassign(
    *, from_article: Article, to_article: Article, editor: Editor, reason: str = ""
) -> None:
    """Give one article's headline group (kicker, title, subtitle and their lines) to another of the issue;
    if that one has a headline, the two swap."""
    if from_article.pk == to_article.pk:
        raise CorrectionRefused("请选择两篇不同的稿件。")
    rows = _articles_locked([from_article.pk, to_article.pk])
    source, target = rows[from_article.pk], rows[to_article.pk]
    _live_check(source)
    _live_check(target)
    _same_issue_check(rows.values(), "互相转移标题")
    if not any(getattr(source, f) for f in HEADLINE):
        raise CorrectionRefused(f"{_name(source)}没有标题可以转给别的稿件。")
    change = _Change([source.pk, target.pk])
    group = (*HEADLINE, "headline_lines")
    given = {name: getattr(source, name) for name in group}
    Article.objects.filter(pk=source.pk).update(**{name: getattr(target, name) for name in group})
    Article.objects.filter(pk=target.pk).update(**given)
    swapped = any(getattr(target, f) for f in HEADLINE)
    change.record(
        action=Correction.HEADLINE_REASSIGN,
        summary=f"把{source.pk}号稿件的标题“{_headline_text(source)}”转给{target.pk}号稿件"
        + (f"，换回它的标题“{_headline_text(target)}”。" if swapped else "。"),
        page_id=source.page_id,
        editor=editor,
        reason=reason,
    )


# -- Bylines -------------------------------------------------------------------------------------------


@transaction.atomic
def byline_add(*, article: Article, name: str, role: str, editor: Editor, reason: str = "") -> Byline:
    """Credit a person (found or created by name) in a role, after the article's other credits."""
    article = _article_live(article)
    name = _name_check(name)
    _role_check(role)
    person, _ = Person.objects.select_related("merged_into").get_or_create(name=name)
    if person.merged_into is not None:  # a spelling editors merged away: credit the person it became
        person = person.merged_into
    if Byline.objects.filter(article=article, person=person, role=role).exists():
        raise CorrectionRefused(f"{person.name}已经以{_role(role)}身份署名在{_name(article)}上。")
    change = _Change([article.pk])
    byline = Byline.objects.create(
        article=article, person=person, role=role, order=Byline.objects.filter(article=article).count() + 1
    )
    change.record(
        action=Correction.BYLINE_ADD,
        summary=f"在{_name(article)}上添加署名：{_role(role)}{person.name}。",
        page_id=article.page_id,
        editor=editor,
        reason=reason,
        text=False,
    )
    return byline


@transaction.atomic
def byline_remove(*, byline: Byline, editor: Editor, reason: str = "") -> None:
    """Remove one credit; the others close up."""
    found = _byline_locked(byline)
    article = found.article
    change = _Change([article.pk])
    found.delete()
    _bylines_renumber(article.pk)
    change.record(
        action=Correction.BYLINE_REMOVE,
        summary=f"从{_name(article)}上删除署名：{_role(found.role)}{found.person.name}。",
        page_id=article.page_id,
        editor=editor,
        reason=reason,
        text=False,
    )


@transaction.atomic
def byline_role_set(*, byline: Byline, role: str, editor: Editor, reason: str = "") -> Byline:
    """Change the role a person is credited in."""
    found = _byline_locked(byline)
    _role_check(role)
    if found.role == role:
        raise CorrectionRefused(f"{found.person.name}的署名身份已经是{_role(role)}，无需修改。")
    if Byline.objects.filter(article=found.article_id, person=found.person_id, role=role).exists():
        raise CorrectionRefused(
            f"{found.person.name}在这篇稿件上另有{_role(role)}署名；请改为删除这一条署名。"
        )
    change = _Change([found.article_id])
    old = found.role
    found.role = role
    found.save(update_fields=["role"])
    change.record(
        action=Correction.BYLINE_ROLE_SET,
        summary=f"把{_name(found.article)}上{found.person.name}的署名身份从{_role(old)}改为{_role(role)}。",
        page_id=found.article.page_id,
        editor=editor,
        reason=reason,
        text=False,
    )
    return found


@transaction.atomic
def people_merge(*, keep: Person, merge: Person, editor: Editor, reason: str = "") -> Person:
    """Make two spellings of one reporter one person: every credit of `merge` becomes `keep`'s (one credit
    per role an article already gives `keep` is dropped as a repeat) and `merge` is marked merged into
    `keep` (so are the spellings merged into it before), so its reporter page redirects to `keep`'s; undo
    makes it a person of its own again, with its credits."""
    if keep.pk == merge.pk:
        raise CorrectionRefused("请选择两个不同的署名人。")
    people = {
        p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk]).order_by("pk")
    }
    if len(people) != 2:
        raise CorrectionRefused("其中一人已不存在；请重新加载列表。")
    keep, merge = people[keep.pk], people[merge.pk]
    for person in (keep, merge):
        if person.merged_into_id is not None:
            into = Person.objects.get(pk=person.merged_into_id)
            raise CorrectionRefused(f"“{person.name}”已合并到“{into.name}”；请用“{into.name}”来合并。")
    article_ids = sorted(set(Byline.objects.filter(person=merge).values_list("article_id", flat=True)))
    _articles_locked(article_ids)
    article_ids = sorted(set(Byline.objects.filter(person=merge).values_list("article_id", flat=True)))
    earlier = list(Person.objects.filter(merged_into=merge).values_list("pk", flat=True))
    change = _Change(article_ids, people=[keep.pk, merge.pk, *earlier])
    credited = set(
        Byline.objects.filter(person=keep, article__in=article_ids).values_list("article_id", "role")
    )
    for byline in Byline.objects.filter(person=merge):
        if (byline.article_id, byline.role) in credited:
            byline.delete()
            _bylines_renumber(byline.article_id)
        else:
            Byline.objects.filter(pk=byline.pk).update(person=keep)
    Person.objects.filter(pk__in=[merge.pk, *earlier]).update(merged_into=keep)
    pages = set(Article.objects.filter(pk__in=article_ids).values_list("page_id", flat=True))
    change.record(
        action=Correction.PEOPLE_MERGE,
        summary=f"把“{merge.name}”合并到“{keep.name}”（涉及{len(article_ids)}篇稿件）。",
        page_id=pages.pop() if len(pages) == 1 else None,
        editor=editor,
        reason=reason,
        text=False,
    )
    return keep


# -- Dateline, region, kind ----------------------------------------------------------------------------


@transaction.atomic
def article_fields_set(*, article: Article, editor: Editor, reason: str = "", **fields: Any) -> Article:
    """Set any of dateline_place, dateline_date, dateline_agency ("" for none), region (a province, or
    None) and kind. A dateline needs its agency (本报, 新华社): place or date without one is refused."""
    unknown = sorted(set(fields) - set(SETTABLE))
    if unknown:
        raise CorrectionRefused(
            f"这里不能修改{'、'.join(_label(n) for n in unknown)}；"
            f"只能修改{'、'.join(_label(n) for n in SETTABLE)}。"
        )
    if not fields:
        raise CorrectionRefused("没有要修改的内容。")
    article = _article_live(article)
    values: dict[str, Any] = {}
    for name in DATELINE:
        if name in fields:
            value = fields[name]
            if not isinstance(value, str) or len(value.strip()) > NAME_MAX:
                raise CorrectionRefused(f"{_label(name)}必须是文字，最多{NAME_MAX}个字。")
            values[name] = value.strip()
    if "kind" in fields:
        if fields["kind"] not in dict(Article.KINDS):
            raise CorrectionRefused(f"体裁必须是{'、'.join(dict(Article.KINDS).values())}之一。")
        values["kind"] = fields["kind"]
    if "region" in fields:
        region = fields["region"]
        if region is not None and (not isinstance(region, Place) or region.level != Place.PROVINCE):
            raise CorrectionRefused("地区必须是省级行政区，或者不填。")
        values["region_id"] = region.pk if region else None
        values["region_name"] = region.name if region else ""
    dateline = {name: values.get(name, getattr(article, name)) for name in DATELINE}
    if (dateline["dateline_place"] or dateline["dateline_date"]) and not dateline["dateline_agency"]:
        raise CorrectionRefused("电头要有发稿单位（本报、新华社等），不能只有地点或日期。")
    if all(getattr(article, name) == value for name, value in values.items()):
        raise CorrectionRefused("稿件已经是这样，无需修改。")
    change = _Change([article.pk])
    Article.objects.filter(pk=article.pk).update(**values)
    change.record(
        action=Correction.FIELDS_SET,
        summary=f"修改{_name(article)}：{_fields_text(values)}。",
        page_id=article.page_id,
        editor=editor,
        reason=reason,
        text=False,
    )
    return _fresh(article)


# -- Stories over several pages -----------------------------------------------------------------------


@transaction.atomic
def parts_link(*, fragment: Article, beginning: Article, editor: Editor, reason: str = "") -> Article:
    """Make `fragment` the part that continues `beginning` on another page of the issue, whatever the
    engine thought; a later ingest leaves this link alone."""
    rows = _articles_locked([fragment.pk, beginning.pk])
    part, first = rows[fragment.pk], rows[beginning.pk]
    if part.pk == first.pk:
        raise CorrectionRefused("稿件不能接续它自己；请选择另一版上的那一部分。")
    for row in (part, first):
        _live_check(row)
    _same_issue_check((part, first), "连接")
    if part.page_id == first.page_id:
        raise CorrectionRefused("两部分在同一版上；请合并它们，而不是连接。")
    if part.pk in jumps.story_ids_above(article_id=first.pk):
        raise CorrectionRefused(f"{_name(first)}已经接续{_name(part)}，再这样连接就成了循环。")
    taken = Article.objects.live().filter(continues=first).exclude(pk=part.pk).first()
    if taken is not None:
        raise CorrectionRefused(f"{_name(first)}已经由{_name(taken)}接续；请先取消那个连接。")
    summary = (
        f"把第{part.page.number}版的{_name(part)}连接为第{first.page.number}版{_name(first)}的接续部分。"
    )
    touched = [part.pk, first.pk, *([part.continues_id] if part.continues_id else [])]
    return _link_set(part, continues=first.pk, touched=touched, summary=summary, editor=editor, reason=reason)


@transaction.atomic
def parts_unlink(*, fragment: Article, editor: Editor, reason: str = "") -> Article:
    """Make a continuation (or a suggested one) a story of its own again; a later ingest will not link it."""
    part = _article_live(fragment)
    if part.continues_id is None and part.link_suggested_id is None:
        raise CorrectionRefused(f"{_name(part)}没有和别的部分连接，无需取消。")
    was = part.continues_id or part.link_suggested_id
    summary = f"取消第{part.page.number}版{_name(part)}与{was}号稿件的连接，使它成为独立的稿件。"
    return _link_set(
        part, continues=None, touched=[part.pk, was], summary=summary, editor=editor, reason=reason
    )


def _link_set(
    part: Article, *, continues: int | None, touched: list[int], summary: str, editor: Editor, reason: str
) -> Article:
    """An editor's link (or unlink, continues None) of a part: recorded, kept from ingest (link_manual), the
    stories it changes searchable as they now are."""
    change = _Change(touched)
    Article.objects.filter(pk=part.pk).update(
        continues=continues, link_suggested=None, link_manual=True, link_score=None, needs_review=False
    )
    correction = change.record(
        action=Correction.PARTS_LINK if continues else Correction.PARTS_UNLINK,
        summary=summary,
        page_id=part.page_id,
        editor=editor,
        reason=reason,
        text=False,
    )
    jumps.story_search_refresh(article_ids={*correction.article_ids})
    return _fresh(part)


# -- Undo ----------------------------------------------------------------------------------------------


@transaction.atomic
def correction_undo(*, correction: Correction, editor: Editor, reason: str = "") -> Correction:
    """Put what a correction touched back as it was before, if it is still as the correction left it;
    record the undo (itself a correction, which can be undone in turn)."""
    original = Correction.objects.select_for_update().filter(pk=correction.pk).first()
    if original is None:
        raise CorrectionRefused("这条更正已不存在。")
    if Correction.objects.filter(undo_of=original).exists():
        raise CorrectionRefused("这条更正已经撤销过了。")
    before, after = original.before, original.after
    after_ids = [state["id"] for state in after["articles"]]
    before_ids = [state["id"] for state in before["articles"]]
    existing = _articles_locked([*after_ids, *before_ids], missing_ok=True)
    for state in after["articles"]:
        if state["id"] not in existing:
            raise CorrectionRefused(
                "这条更正改动的稿件已不存在（版面后来重新导入过）；更正前后的内容仍留在历史记录里。"
            )
        if _comparable(_article_state(existing[state["id"]]), like=state) != _comparable(state):
            raise CorrectionRefused("后来的更正又改动了这些稿件；请先撤销那些更正。")
    if any(pk in existing for pk in set(before_ids) - set(after_ids)):
        raise CorrectionRefused("后来的更正又改动了这些稿件；请先撤销那些更正。")

    change = _Change(sorted(existing), people=[p["id"] for p in [*before["people"], *after["people"]]])
    _state_restore(target=before, current=after)
    change.articles_add(before_ids)
    return change.record(
        action=Correction.UNDO,
        summary=f"撤销：{original.summary}",
        page_id=original.page_id,
        editor=editor,
        reason=reason,
        undo_of=original,
    )


# -- Snapshots -----------------------------------------------------------------------------------------


class _Change:
    """The state of what a correction touches, taken before it changes anything; record() takes the after
    and writes the Correction."""

    def __init__(self, article_ids: Iterable[int], *, people: Iterable[int] = ()) -> None:
        self.article_ids = list(dict.fromkeys(article_ids))
        self.people = list(dict.fromkeys(people))
        self.before = _state(self.article_ids, self.people)

    def articles_add(self, ids: Iterable[int]) -> None:
        """Articles the correction made (or brought back): only in the after state."""
        self.article_ids = list(dict.fromkeys([*self.article_ids, *ids]))

    def record(
        self,
        *,
        action: str,
        summary: str,
        page_id: int | None,
        editor: Editor,
        reason: str,
        text: bool = True,
        undo_of: Correction | None = None,
    ) -> Correction:
        articles = Article.objects.filter(pk__in=self.article_ids)
        articles.update(edited=True)
        if text:
            for article in articles.only("pk", *HEADLINE):
                article_search_refresh(article=article)
        return Correction.objects.create(
            editor=editor if getattr(editor, "is_authenticated", False) else None,
            action=action,
            summary=summary,
            reason=(reason or "").strip(),
            page_id=page_id,
            article_ids=self.article_ids,
            before=self.before,
            after=_state(self.article_ids, self.people),
            undo_of=undo_of,
        )


def _state(article_ids: Iterable[int], people: Iterable[int]) -> dict[str, Any]:
    """The articles (those that exist), the people and the pages' used headlines, as JSON."""
    articles = Article.objects.filter(pk__in=list(article_ids)).order_by("page_id", "position")
    states = [_article_state(article) for article in articles]
    page_ids = sorted({state["page_id"] for state in states})
    return {
        "articles": states,
        "people": [
            {"id": pk, "name": name, "merged_into": merged_into}
            for pk, name, merged_into in Person.objects.filter(pk__in=list(people)).values_list(
                "pk", "name", "merged_into"
            )
        ],
        "pages": [
            {"id": pk, "headlines_used": used}
            for pk, used in Page.objects.filter(pk__in=page_ids)
            .order_by("pk")
            .values_list("pk", "headlines_used")
        ],
    }


def _article_state(article: Article) -> dict[str, Any]:
    state: dict[str, Any] = {"id": article.pk, "position": article.position, "edited": article.edited}
    state |= {name: getattr(article, name) for name in STATE_FIELDS}
    state["labels"] = list(state["labels"])
    state["headline_lines"] = list(state["headline_lines"])
    state["places"] = sorted(article.places.values_list("pk", flat=True))
    state["paragraphs"] = list(
        Paragraph.objects.filter(article=article)
        .order_by("position")
        .values("id", "position", "kind", "text", "line_start", "line_end")
    )
    state["bylines"] = [
        {"id": pk, "person": person, "name": name, "role": role, "order": order}
        for pk, person, name, role, order in Byline.objects.filter(article=article)
        .order_by("order")
        .values_list("pk", "person_id", "person__name", "role", "order")
    ]
    return state


def _comparable(state: dict[str, Any], *, like: dict[str, Any] | None = None) -> dict[str, Any]:
    """The state without what other corrections may change; only the keys of `like` (a snapshot taken by
    an older version, which knew fewer fields) when given."""
    return {
        name: value
        for name, value in state.items()
        if name not in UNCOMPARED and (like is None or name in like)
    }


def _state_restore(*, target: dict[str, Any], current: dict[str, Any]) -> None:
    """Make the articles of `current` (as they are now) what `target` says: fields, paragraphs, bylines,
    places; delete those target lacks and bring back those only target has; the pages' used headlines and
    the people likewise."""
    wanted = {state["id"]: state for state in target["articles"]}
    now = {state["id"] for state in current["articles"]}
    involved = now | set(wanted)
    Paragraph.objects.filter(article_id__in=involved).delete()
    Byline.objects.filter(article_id__in=involved).delete()
    for person in target["people"]:
        merged_into = person.get("merged_into")  # snapshots older than Person.merged_into lack it: None
        if Person.objects.filter(pk=person["id"]).exists():
            Person.objects.filter(pk=person["id"]).update(merged_into=merged_into)
        elif not Person.objects.filter(name=person["name"]).exists():
            Person.objects.create(pk=person["id"], name=person["name"], merged_into_id=merged_into)
    Article.objects.filter(pk__in=now - set(wanted)).delete()

    pages = set()
    for pk, state in wanted.items():
        fields = {name: state[name] for name in STATE_FIELDS if name in state}  # older snapshots lack some
        article = Article.objects.filter(pk=pk).first()
        if article is None:  # made by the correction undone, deleted since: back at its old place
            Article.objects.filter(page=state["page_id"], position__gte=state["position"]).update(
                position=F("position") + 1
            )
            article = Article.objects.create(pk=pk, position=state["position"], **fields)
        else:
            Article.objects.filter(pk=pk).update(**fields)
        article.places.set(state["places"])
        pages.add(state["page_id"])
    Paragraph.objects.bulk_create(
        Paragraph(
            pk=p["id"],
            article_id=state["id"],
            position=p["position"],
            kind=p["kind"],
            text=p["text"],
            line_start=p["line_start"],
            line_end=p["line_end"],
        )
        for state in wanted.values()
        for p in state["paragraphs"]
    )
    Byline.objects.bulk_create(
        Byline(pk=b["id"], article_id=state["id"], person_id=_person_id(b), role=b["role"], order=b["order"])
        for state in wanted.values()
        for b in state["bylines"]
    )
    pages |= {state["page_id"] for state in current["articles"]}
    for page_id in pages:
        _articles_renumber(page_id)

    used_then = {page["id"]: set(page["headlines_used"]) for page in target["pages"]}
    used_now = {page["id"]: set(page["headlines_used"]) for page in current["pages"]}
    for page in Page.objects.filter(pk__in=used_then.keys() | used_now.keys()).only("pk", "headlines_used"):
        then, now_used = used_then.get(page.pk, set()), used_now.get(page.pk, set())
        page.headlines_used = sorted((set(page.headlines_used) - (now_used - then)) | (then - now_used))
        page.save(update_fields=["headlines_used"])

    kept = {person["id"] for person in target["people"]}
    gone = [person["id"] for person in current["people"] if person["id"] not in kept]
    Person.objects.filter(pk__in=gone, bylines__isnull=True).delete()


def _person_id(byline: dict[str, Any]) -> int:
    if Person.objects.filter(pk=byline["person"]).exists():
        return byline["person"]
    person, _ = Person.objects.get_or_create(name=byline["name"])
    return person.pk


# -- Helpers -------------------------------------------------------------------------------------------


def _articles_locked(ids: Iterable[int], *, missing_ok: bool = False) -> dict[int, Article]:
    """The articles by id, read after locking their pages (in id order, so two editors never deadlock)."""
    ids = list(dict.fromkeys(ids))
    page_ids = set(Article.objects.filter(pk__in=ids).values_list("page_id", flat=True))
    list(Page.objects.filter(pk__in=page_ids).order_by("pk").select_for_update().values_list("pk", flat=True))
    rows = {
        a.pk: a
        for a in Article.objects.filter(pk__in=ids)
        .select_related("page")
        .defer("page__raw", "page__reconstructed_json")
    }
    if not missing_ok and len(rows) != len(ids):
        raise CorrectionRefused("所选的稿件有的已不存在（版面可能重新导入过）；请重新加载。")
    return rows


def _article_live(article: Article) -> Article:
    found = _articles_locked([article.pk])[article.pk]
    _live_check(found)
    return found


def _live_check(article: Article) -> None:
    if article.merged_into_id is not None:
        raise CorrectionRefused(f"{_name(article)}已并入{article.merged_into_id}号稿件；请更正那一篇。")


def _same_issue_check(articles: Iterable[Article], verb: str) -> None:
    if len({article.page.issue_id for article in articles}) > 1:
        raise CorrectionRefused(f"只有同一期的稿件才能{verb}；这几篇不在同一期。")


def _byline_locked(byline: Byline) -> Byline:
    article_id = Byline.objects.filter(pk=byline.pk).values_list("article_id", flat=True).first()
    if article_id is None:
        raise CorrectionRefused("这条署名已不存在；请重新加载稿件。")
    _article_live(Article(pk=article_id))
    return Byline.objects.select_related("person", "article").get(pk=byline.pk)


def _name_check(name: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise CorrectionRefused("请填写姓名。")
    if len(name.strip()) > NAME_MAX:
        raise CorrectionRefused(f"姓名最多{NAME_MAX}个字。")
    return name.strip()


def _role_check(role: str) -> None:
    if role not in dict(Byline.ROLES):
        raise CorrectionRefused(f"身份必须是{'、'.join(dict(Byline.ROLES).values())}之一。")


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
            f"手动填写的标题只有{'、'.join(_label(n) for n in HEADLINE)}，"
            f"没有{'、'.join(_label(n) for n in sorted(unknown))}。"
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


def _articles_renumber(page_id: int) -> None:
    ids = Article.objects.filter(page_id=page_id).order_by("position", "pk").values_list("pk", flat=True)
    Article.objects.bulk_update(
        [Article(pk=pk, position=n) for n, pk in enumerate(ids, start=1)], ["position"]
    )


def _bylines_renumber(article_id: int) -> None:
    ids = Byline.objects.filter(article_id=article_id).order_by("order", "pk").values_list("pk", flat=True)
    Byline.objects.bulk_update([Byline(pk=pk, order=n) for n, pk in enumerate(ids, start=1)], ["order"])


def _donor(others: list[Article], *, has: Callable[[Article], Any], unless: bool) -> Article | None:
    return None if unless else next((o for o in others if has(o)), None)


def _fresh(article: Article) -> Article:
    return Article.objects.get(pk=article.pk)


def _headline_text(article: Article) -> str:
    return " ".join(getattr(article, f) for f in HEADLINE if getattr(article, f)) or "（无）"


def _name(article: Article) -> str:
    """An article as a refusal or a summary names it: 12号稿件《为谱写现代化建设新篇章…》."""
    headline = article.title or article.kicker or article.subtitle
    return f"{article.pk}号稿件《{_clip(headline)}》" if headline else f"{article.pk}号稿件"


def _label(name: str) -> str:
    """An article field as the admin labels it: dateline_place → 电头地点; a name it does not know as is."""
    try:
        return str(Article._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _role(role: str) -> str:
    """A byline role in Chinese: reporter → 记者."""
    return dict(Byline.ROLES).get(role, role)


def _fields_text(values: dict[str, Any]) -> str:
    """What article_fields_set changed, in words: 电头地点改为“苏州”，体裁改为“简讯”."""
    shown = []
    for name, value in values.items():
        if name == "region_id":
            continue  # region_name says it
        if name == "kind":
            value = dict(Article.KINDS).get(value, value)
        label = "地区" if name == "region_name" else _label(name)
        shown.append(f"{label}改为“{value}”" if value else f"清空{label}")
    return "，".join(shown)


def _clip(text: str, length: int = 20) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
