"""The record a correction leaves: snapshots of what it touched, before and after, in a Correction row.

A snapshot is plain JSON (an article's fields, paragraphs, bylines and places; the people and the pages'
used headlines), so the record survives a re-ingest that deletes the articles themselves, and undo
(articles.editing.undo) can put the "before" back. Every service takes a Change before it writes and
calls its record() after: that also marks the articles `edited` (so ingest keeps them) and refreshes their
search text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from articles.counts import Touched
from articles.editing.base import DATELINE, HEADLINE, Editor
from articles.models import Article, Byline, Correction, Page, Paragraph, Person
from articles.search.index import article_search_refresh

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
    "reviewed_at",  # ISO text in a snapshot
    "reviewed_by_id",
)

# The corrections of what the review queue doubts (the headline, where a story starts and ends, its jump,
# its dateline and region): making one takes the story out of the queue as reviewed by its editor, and
# undoing it puts the story back. Bylines, a paragraph cut in two and merged people are not what it doubts.
FIXES = frozenset(
    {
        Correction.Action.ARTICLES_MERGE,
        Correction.Action.ARTICLE_SPLIT,
        Correction.Action.PARAGRAPHS_MOVE,
        Correction.Action.HEADLINE_SET,
        Correction.Action.HEADLINE_REASSIGN,
        Correction.Action.FIELDS_SET,
        Correction.Action.PARTS_LINK,
        Correction.Action.PARTS_UNLINK,
    }
)


class Change:
    """The state of what a correction touches, taken before it changes anything; record() takes the after
    and writes the Correction."""

    def __init__(self, article_ids: Iterable[int], *, people: Iterable[int] = ()) -> None:
        self.article_ids = list(dict.fromkeys(article_ids))
        self.people = list(dict.fromkeys(people))
        self.before = _state(self.article_ids, self.people)
        self.counts = Touched(people=set(self.people)).before(self.article_ids)

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
        """Mark the articles edited (a review marks nothing: ingest may replace a reviewed story, which keeps
        its mark), and reviewed when the correction is one of FIXES; refresh their search text (unless
        `text` is False: the correction left it alone) and write the Correction with the before and after
        states."""
        articles = Article.objects.filter(pk__in=self.article_ids)
        reviewing = Correction.Action.REVIEW in (action, getattr(undo_of, "action", None))
        if not reviewing:  # a review, or its undo, edits nothing
            articles.update(edited=True)
        if action in FIXES:
            articles.filter(reviewed_at__isnull=True).update(
                reviewed_at=timezone.now(), reviewed_by=_editor_or_none(editor)
            )
        if text:
            for article in articles.only("pk", *HEADLINE):
                article_search_refresh(article=article)
        after = _state(self.article_ids, self.people)
        # Whatever it changed (a byline, a place, a story merged, split, linked as a continuation), only the
        # people and places of these articles can have moved.
        self.counts.after(self.article_ids).refresh()
        return Correction.objects.create(
            editor=_editor_or_none(editor),
            action=action,
            summary=summary,
            reason=(reason or "").strip(),
            page_id=page_id,
            article_ids=self.article_ids,
            before=self.before,
            after=after,
            undo_of=undo_of,
        )


def article_state(article: Article) -> dict[str, Any]:
    """One article as a snapshot holds it: its position, `edited`, the STATE_FIELDS, its places, and its
    paragraphs and bylines in order, as JSON."""
    state: dict[str, Any] = {"id": article.pk, "position": article.position, "edited": article.edited}
    state |= {name: getattr(article, name) for name in STATE_FIELDS}
    state["labels"] = list(state["labels"])
    state["headline_lines"] = list(state["headline_lines"])
    state["reviewed_at"] = state["reviewed_at"] and state["reviewed_at"].isoformat()
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


def _editor_or_none(editor: Editor) -> Editor:
    return editor if getattr(editor, "is_authenticated", False) else None


def _state(article_ids: Iterable[int], people: Iterable[int]) -> dict[str, Any]:
    """The articles (those that exist), the people and the pages' used headlines, as JSON."""
    articles = Article.objects.filter(pk__in=list(article_ids)).order_by("page_id", "position")
    states = [article_state(article) for article in articles]
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
