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
        raise CorrectionRefused("Choose at least two articles to merge.")
    if len(set(ids)) != len(ids):
        raise CorrectionRefused("The same article is chosen twice; choose each article once.")
    rows = _articles_locked(ids)
    for row in rows.values():
        _live_check(row)
    _same_issue_check(rows.values(), "merged")
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
        summary=f"Merged {', '.join(_name(o) for o in others)} into {_name(survivor)}.",
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
        raise CorrectionRefused(f"That paragraph is not in {_name(article)}; split at one of its own.")
    if cut.position == 1:
        raise CorrectionRefused(
            "Cannot split before the first paragraph: the first part would be empty. "
            "Choose a later paragraph, or edit the headline instead."
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
        summary=f"Split {_name(article)} before its paragraph {cut.position}; the rest became {_name(new)}.",
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
        raise CorrectionRefused("That paragraph no longer exists; reload the article.")
    article = _article_live(found.article)
    found = Paragraph.objects.get(pk=found.pk)  # as of the lock
    text = found.text
    if isinstance(at_char, bool) or not isinstance(at_char, int) or not 0 < at_char < len(text):
        raise CorrectionRefused(
            f"Cut inside the paragraph: between 1 and {len(text) - 1} characters from its start "
            f"(it has {len(text)})."
            if len(text) > 1
            else "A paragraph of one character cannot be cut."
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
        summary=f"Split paragraph {found.position} of {_name(article)} after “{_clip(found.text[-12:])}”.",
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
        raise CorrectionRefused("Choose at least one paragraph to move.")
    if len(set(ids)) != len(ids):
        raise CorrectionRefused("The same paragraph is chosen twice; choose each paragraph once.")
    sources = dict(Paragraph.objects.filter(pk__in=ids).values_list("pk", "article_id"))
    if len(sources) != len(ids):
        raise CorrectionRefused("A paragraph chosen no longer exists; reload the article.")
    rows = _articles_locked({*sources.values(), to_article.pk})
    target = rows[to_article.pk]
    if target.merged_into_id is not None:
        raise CorrectionRefused(
            f"{_name(target)} was merged into article {target.merged_into_id}; move the paragraphs there."
        )
    _same_issue_check(rows.values(), "moved between")
    sources = dict(Paragraph.objects.filter(pk__in=ids).values_list("pk", "article_id"))  # as of the lock
    moving = set(ids)
    for source in {*sources.values()} - {target.pk}:
        if set(_paragraph_ids(source)) <= moving:
            raise CorrectionRefused(
                f"This would leave {_name(rows[source])} with no paragraphs; merge the two articles instead."
            )
    staying = [pk for pk in _paragraph_ids(target.pk) if pk not in moving]
    if position is None:
        position = len(staying) + 1
    if isinstance(position, bool) or not isinstance(position, int) or not 1 <= position <= len(staying) + 1:
        raise CorrectionRefused(f"The position must be between 1 and {len(staying) + 1}.")
    order = staying[: position - 1] + ids + staying[position - 1 :]
    if order == _paragraph_ids(target.pk):
        raise CorrectionRefused("The paragraphs are already there; nothing to move.")

    touched = [target.pk, *sorted({*sources.values()} - {target.pk})]
    change = _Change(touched)
    for source in touched[1:]:
        _paragraphs_place(source, [pk for pk in _paragraph_ids(source) if pk not in moving])
    _paragraphs_place(target.pk, order)
    froms = ", ".join(_name(rows[pk]) for pk in touched[1:]) or "within it"
    change.record(
        action=Correction.PARAGRAPHS_MOVE,
        summary=f"Moved {len(ids)} paragraph{'s' if len(ids) != 1 else ''} into {_name(target)} "
        f"at {position} ({'from ' if touched[1:] else ''}{froms}).",
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
            raise CorrectionRefused(f"The {name} must be text.")
    typed = {name: value.strip() for name, value in typed.items()}
    if all(getattr(article, name) == value for name, value in typed.items()):
        raise CorrectionRefused("The headline is already so; nothing to change.")
    change = _Change([article.pk])
    Article.objects.filter(pk=article.pk).update(**typed)
    change.record(
        action=Correction.HEADLINE_SET,
        summary=f"Changed the headline of article {article.pk} from “{_headline_text(article)}” to "
        f"“{' '.join(v for v in typed.values() if v)}”.",
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
        raise CorrectionRefused("Choose two different articles.")
    rows = _articles_locked([from_article.pk, to_article.pk])
    source, target = rows[from_article.pk], rows[to_article.pk]
    _live_check(source)
    _live_check(target)
    _same_issue_check(rows.values(), "given each other's headlines")
    if not any(getattr(source, f) for f in HEADLINE):
        raise CorrectionRefused(f"{_name(source)} has no headline to give.")
    change = _Change([source.pk, target.pk])
    group = (*HEADLINE, "headline_lines")
    given = {name: getattr(source, name) for name in group}
    Article.objects.filter(pk=source.pk).update(**{name: getattr(target, name) for name in group})
    Article.objects.filter(pk=target.pk).update(**given)
    swapped = any(getattr(target, f) for f in HEADLINE)
    change.record(
        action=Correction.HEADLINE_REASSIGN,
        summary=f"Gave the headline “{_headline_text(source)}” of article {source.pk} to article {target.pk}"
        + (f", which gave its “{_headline_text(target)}” in exchange." if swapped else "."),
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
    person, _ = Person.objects.get_or_create(name=name)
    if Byline.objects.filter(article=article, person=person, role=role).exists():
        raise CorrectionRefused(f"{name} is already credited as {role} on {_name(article)}.")
    change = _Change([article.pk])
    byline = Byline.objects.create(
        article=article, person=person, role=role, order=Byline.objects.filter(article=article).count() + 1
    )
    change.record(
        action=Correction.BYLINE_ADD,
        summary=f"Credited {name} as {role} on {_name(article)}.",
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
        summary=f"Removed {found.person.name} ({found.role}) from {_name(article)}.",
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
        raise CorrectionRefused(f"{found.person.name} is already credited as {role}; nothing to change.")
    if Byline.objects.filter(article=found.article_id, person=found.person_id, role=role).exists():
        raise CorrectionRefused(
            f"{found.person.name} is also credited as {role} on this article; remove this credit instead."
        )
    change = _Change([found.article_id])
    old = found.role
    found.role = role
    found.save(update_fields=["role"])
    change.record(
        action=Correction.BYLINE_ROLE_SET,
        summary=f"Credited {found.person.name} as {role}, not {old}, on {_name(found.article)}.",
        page_id=found.article.page_id,
        editor=editor,
        reason=reason,
        text=False,
    )
    return found


@transaction.atomic
def people_merge(*, keep: Person, merge: Person, editor: Editor, reason: str = "") -> Person:
    """Make two spellings of one reporter one person: every credit of `merge` becomes `keep`'s (one credit
    per role an article already gives `keep` is dropped as a repeat) and the `merge` row is deleted, so its
    reporter page goes; undo brings it back with its id."""
    if keep.pk == merge.pk:
        raise CorrectionRefused("Choose two different people.")
    people = {p.pk: p for p in Person.objects.filter(pk__in=[keep.pk, merge.pk])}
    if len(people) != 2:
        raise CorrectionRefused("One of these people no longer exists; reload the list.")
    keep, merge = people[keep.pk], people[merge.pk]
    article_ids = sorted(set(Byline.objects.filter(person=merge).values_list("article_id", flat=True)))
    _articles_locked(article_ids)
    article_ids = sorted(set(Byline.objects.filter(person=merge).values_list("article_id", flat=True)))
    change = _Change(article_ids, people=[keep.pk, merge.pk])
    credited = set(
        Byline.objects.filter(person=keep, article__in=article_ids).values_list("article_id", "role")
    )
    for byline in Byline.objects.filter(person=merge):
        if (byline.article_id, byline.role) in credited:
            byline.delete()
            _bylines_renumber(byline.article_id)
        else:
            Byline.objects.filter(pk=byline.pk).update(person=keep)
    merge.delete()
    pages = set(Article.objects.filter(pk__in=article_ids).values_list("page_id", flat=True))
    change.record(
        action=Correction.PEOPLE_MERGE,
        summary=f"Merged {merge.name} into {keep.name} ({len(article_ids)} articles).",
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
        raise CorrectionRefused(f"Cannot set {', '.join(unknown)} here; only {', '.join(SETTABLE)}.")
    if not fields:
        raise CorrectionRefused("Nothing to change.")
    article = _article_live(article)
    values: dict[str, Any] = {}
    for name in DATELINE:
        if name in fields:
            value = fields[name]
            if not isinstance(value, str) or len(value.strip()) > NAME_MAX:
                raise CorrectionRefused(
                    f"The {name.replace('_', ' ')} must be text of at most {NAME_MAX} characters."
                )
            values[name] = value.strip()
    if "kind" in fields:
        if fields["kind"] not in dict(Article.KINDS):
            raise CorrectionRefused(f"The kind must be one of {', '.join(dict(Article.KINDS))}.")
        values["kind"] = fields["kind"]
    if "region" in fields:
        region = fields["region"]
        if region is not None and (not isinstance(region, Place) or region.level != Place.PROVINCE):
            raise CorrectionRefused("The region must be a province-level place, or none.")
        values["region_id"] = region.pk if region else None
        values["region_name"] = region.name if region else ""
    dateline = {name: values.get(name, getattr(article, name)) for name in DATELINE}
    if (dateline["dateline_place"] or dateline["dateline_date"]) and not dateline["dateline_agency"]:
        raise CorrectionRefused("A dateline needs its agency (本报, 新华社, …) as well as a place or date.")
    if all(getattr(article, name) == value for name, value in values.items()):
        raise CorrectionRefused("These are already the article's; nothing to change.")
    change = _Change([article.pk])
    Article.objects.filter(pk=article.pk).update(**values)
    shown = ", ".join(f"{name.removesuffix('_id')}={value!r}" for name, value in values.items())
    change.record(
        action=Correction.FIELDS_SET,
        summary=f"Set {shown} on {_name(article)}.",
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
        raise CorrectionRefused("An article cannot continue itself; choose the part on the other page.")
    for row in (part, first):
        _live_check(row)
    _same_issue_check((part, first), "linked")
    if part.page_id == first.page_id:
        raise CorrectionRefused("Both parts are on the same page; merge them instead of linking them.")
    if part.pk in jumps.story_ids_above(article_id=first.pk):
        raise CorrectionRefused(
            f"{_name(first)} already continues {_name(part)}; the link would make a loop."
        )
    taken = Article.objects.live().filter(continues=first).exclude(pk=part.pk).first()
    if taken is not None:
        raise CorrectionRefused(f"{_name(first)} is already continued by {_name(taken)}; unlink that first.")
    summary = (
        f"Linked {_name(part)} (page {part.page.number}) as the continuation of {_name(first)} "
        f"(page {first.page.number})."
    )
    touched = [part.pk, first.pk, *([part.continues_id] if part.continues_id else [])]
    return _link_set(part, continues=first.pk, touched=touched, summary=summary, editor=editor, reason=reason)


@transaction.atomic
def parts_unlink(*, fragment: Article, editor: Editor, reason: str = "") -> Article:
    """Make a continuation (or a suggested one) a story of its own again; a later ingest will not link it."""
    part = _article_live(fragment)
    if part.continues_id is None and part.link_suggested_id is None:
        raise CorrectionRefused(f"{_name(part)} is not linked to another part; there is nothing to unlink.")
    was = part.continues_id or part.link_suggested_id
    summary = f"Unlinked {_name(part)} (page {part.page.number}) from article {was}: a story of its own."
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
        raise CorrectionRefused("That correction no longer exists.")
    if Correction.objects.filter(undo_of=original).exists():
        raise CorrectionRefused("This correction has already been undone.")
    before, after = original.before, original.after
    after_ids = [state["id"] for state in after["articles"]]
    before_ids = [state["id"] for state in before["articles"]]
    existing = _articles_locked([*after_ids, *before_ids], missing_ok=True)
    for state in after["articles"]:
        if state["id"] not in existing:
            raise CorrectionRefused(
                "The articles this correction changed are gone (the page was re-ingested since); "
                "its before and after stay in the history."
            )
        if _comparable(_article_state(existing[state["id"]]), like=state) != _comparable(state):
            raise CorrectionRefused("Later corrections changed these articles; undo them first.")
    if any(pk in existing for pk in set(before_ids) - set(after_ids)):
        raise CorrectionRefused("Later corrections changed these articles; undo them first.")

    change = _Change(sorted(existing), people=[p["id"] for p in [*before["people"], *after["people"]]])
    _state_restore(target=before, current=after)
    change.articles_add(before_ids)
    return change.record(
        action=Correction.UNDO,
        summary=f"Undid: {original.summary}",
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
            {"id": pk, "name": name}
            for pk, name in Person.objects.filter(pk__in=list(people)).values_list("pk", "name")
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
        if (
            not Person.objects.filter(pk=person["id"]).exists()
            and not Person.objects.filter(name=person["name"]).exists()
        ):
            Person.objects.create(pk=person["id"], name=person["name"])
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
        raise CorrectionRefused(
            "An article chosen no longer exists (its page may have been re-ingested); reload."
        )
    return rows


def _article_live(article: Article) -> Article:
    found = _articles_locked([article.pk])[article.pk]
    _live_check(found)
    return found


def _live_check(article: Article) -> None:
    if article.merged_into_id is not None:
        raise CorrectionRefused(
            f"{_name(article)} was merged into article {article.merged_into_id}; correct that one instead."
        )


def _same_issue_check(articles: Iterable[Article], verb: str) -> None:
    if len({article.page.issue_id for article in articles}) > 1:
        raise CorrectionRefused(
            f"Only articles of the same issue can be {verb}; these are of different issues."
        )


def _byline_locked(byline: Byline) -> Byline:
    article_id = Byline.objects.filter(pk=byline.pk).values_list("article_id", flat=True).first()
    if article_id is None:
        raise CorrectionRefused("That credit no longer exists; reload the article.")
    _article_live(Article(pk=article_id))
    return Byline.objects.select_related("person", "article").get(pk=byline.pk)


def _name_check(name: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise CorrectionRefused("Give the person's name.")
    if len(name.strip()) > NAME_MAX:
        raise CorrectionRefused(f"A name has at most {NAME_MAX} characters.")
    return name.strip()


def _role_check(role: str) -> None:
    if role not in dict(Byline.ROLES):
        raise CorrectionRefused(f"The role must be one of {', '.join(dict(Byline.ROLES))}.")


def _headline_choice(
    *, page: Page, headline: dict[str, Any] | None
) -> tuple[dict[str, str], list[str], list[int], int | None]:
    """The new article's headline fields, labels, headline lines and the unmatched group it uses, if any."""
    blank = dict.fromkeys(HEADLINE, "")
    if headline is None:
        return blank, [], [], None
    if not isinstance(headline, dict):
        raise CorrectionRefused("The headline must be an unmatched headline of the page, or typed.")
    if "unmatched" in headline:
        index = headline["unmatched"]
        groups = (page.reconstructed_json or {}).get("unmatched_headlines", [])
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(groups):
            raise CorrectionRefused(f"The page has no unmatched headline {index!r}.")
        if index in page.headlines_used:
            raise CorrectionRefused(
                "That headline was already given to an article; choose another or type one."
            )
        group = groups[index]
        fields = {name: group.get(name) or "" for name in HEADLINE}
        return fields, [group["label"]] if group.get("label") else [], list(group.get("lines", [])), index
    unknown = set(headline) - set(HEADLINE)
    if unknown:
        raise CorrectionRefused(
            f"A typed headline has only {', '.join(HEADLINE)}; not {', '.join(sorted(unknown))}."
        )
    if any(not isinstance(value, str) for value in headline.values()):
        raise CorrectionRefused("A headline's parts must be text.")
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
    return " ".join(getattr(article, f) for f in HEADLINE if getattr(article, f)) or "(none)"


def _name(article: Article) -> str:
    headline = article.title or article.kicker or article.subtitle
    return f"article {article.pk} “{_clip(headline)}”" if headline else f"article {article.pk}"


def _clip(text: str, length: int = 20) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
