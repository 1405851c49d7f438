"""Undo: put what a correction touched back as its "before" snapshot says, and record that as a correction.

Only while the articles are as the correction left them (their position on the page and `edited` aside),
so undo never overwrites a later correction; an undo is itself a correction and can be undone in turn.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F

from articles.editing.base import CorrectionRefused, Editor, articles_locked
from articles.editing.record import STATE_FIELDS, Change, article_state
from articles.models import Article, Byline, Correction, Page, Paragraph, Person

UNCOMPARED = ("position", "edited")  # what other corrections may change without blocking an undo


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
    existing = articles_locked([*after_ids, *before_ids], missing_ok=True)
    for state in after["articles"]:
        if state["id"] not in existing:
            raise CorrectionRefused(
                "这条更正改动的稿件已不存在（版面后来重新导入过）；更正前后的内容仍留在历史记录里。"
            )
        if _comparable(article_state(existing[state["id"]]), like=state) != _comparable(state):
            raise CorrectionRefused("后来的更正又改动了这些稿件；请先撤销那些更正。")
    if any(pk in existing for pk in set(before_ids) - set(after_ids)):
        raise CorrectionRefused("后来的更正又改动了这些稿件；请先撤销那些更正。")

    change = Change(sorted(existing), people=[p["id"] for p in [*before["people"], *after["people"]]])
    _state_restore(target=before, current=after)
    change.articles_add(before_ids)
    return change.record(
        action=Correction.Action.UNDO,
        summary=f"撤销：{original.summary}",
        page_id=original.page_id,
        editor=editor,
        reason=reason,
        undo_of=original,
    )


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


def _articles_renumber(page_id: int) -> None:
    ids = Article.objects.filter(page_id=page_id).order_by("position", "pk").values_list("pk", flat=True)
    Article.objects.bulk_update(
        [Article(pk=pk, position=n) for n, pk in enumerate(ids, start=1)], ["position"]
    )
