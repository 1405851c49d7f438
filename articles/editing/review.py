"""审核通过: an editor's word that a story the review queue doubts is right as it stands, and that word kept
on the same story when its page is ingested again.

A review is recorded like any correction (who, when, the state before and after) and undone like one, but
it marks nothing `edited`: a reviewed page is not held from re-ingest. Instead ingest takes each reviewed
story's mark to the new article that is the same story (review_marks before it deletes the old articles,
review_marks_keep after it wrote the new ones), recording that as a review of its own, so the mark stays
undoable from the story's history.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from articles.editing.base import CorrectionRefused, Editor, article_name, articles_locked
from articles.editing.record import Change
from articles.models import Article, Correction, Page, Paragraph
from articles.models.articles import ArticleQuerySet


@transaction.atomic
def articles_review(*, articles: Iterable[Article], editor: Editor, reason: str = "") -> list[Correction]:
    """Mark each live story not yet reviewed as reviewed by `editor` now, one correction each (so each is
    undone on its own); the others are left as they are. Refused when none of them can be."""
    ids = list(dict.fromkeys(article.pk for article in articles))
    if not ids:
        raise CorrectionRefused("请至少选择一篇稿件。")
    rows = articles_locked(ids, missing_ok=True)
    reviewer = editor if getattr(editor, "is_authenticated", False) else None
    corrections = []
    for pk in ids:
        article = rows.get(pk)
        if article is None or article.merged_into_id is not None or article.reviewed_at is not None:
            continue
        change = Change([pk])
        Article.objects.filter(pk=pk).update(reviewed_at=timezone.now(), reviewed_by=reviewer)
        corrections.append(
            change.record(
                action=Correction.Action.REVIEW,
                summary=f"{article_name(article)}审核通过。",
                page_id=article.page_id,
                editor=editor,
                reason=reason,
                text=False,
            )
        )
    if not corrections:
        raise CorrectionRefused(
            "所选的稿件都已审核通过、已并入别的稿件或已不存在，没有改动。"
            if len(ids) > 1
            else "这篇稿件已审核通过、已并入别的稿件或已不存在，没有改动。"
        )
    return corrections


@dataclass(frozen=True)
class ReviewMark:
    reviewed_at: datetime.datetime
    reviewed_by_id: int | None


def review_marks(*, page: Page) -> dict[str, ReviewMark]:
    """The review marks of a page's live stories, by what makes a story the same story (story_key)."""
    return {
        story_key(article): ReviewMark(article.reviewed_at, article.reviewed_by_id)
        for article in _stories(page).filter(reviewed_at__isnull=False)
    }


def review_marks_keep(*, page: Page, marks: dict[str, ReviewMark], source_name: str) -> int:
    """Give the marks to the page's stories (just ingested) that are the same stories, each recorded as a
    review (no editor: ingest did it); return how many kept their mark."""
    if not marks:
        return 0
    kept = 0
    for article in _stories(page).filter(reviewed_at__isnull=True):
        mark = marks.get(story_key(article))
        if mark is None:
            continue
        change = Change([article.pk])
        Article.objects.filter(pk=article.pk).update(
            reviewed_at=mark.reviewed_at, reviewed_by_id=mark.reviewed_by_id
        )
        when = timezone.localtime(mark.reviewed_at)
        change.record(
            action=Correction.Action.REVIEW,
            summary=f"第{page.number}版由 {source_name} 重新导入，{article_name(article)}与原来的稿件相同，"
            f"保留 {when:%Y-%m-%d %H:%M} 的审核通过。",
            page_id=page.pk,
            editor=None,
            reason="",
            text=False,
        )
        kept += 1
    return kept


def story_key(article: Article) -> str:
    """What makes two articles of two versions of a page the same story: kind, headline, dateline, region
    and the text of each paragraph (expects the paragraphs prefetched in order, as _stories does)."""
    parts = [
        article.kind,
        article.kicker,
        article.title,
        article.subtitle,
        article.dateline_agency,
        article.dateline_place,
        article.dateline_date,
        str(article.region_id or ""),
        *(paragraph.text for paragraph in article.paragraphs.all()),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _stories(page: Page) -> ArticleQuerySet:
    return (
        Article.objects.live()
        .filter(page=page)
        .prefetch_related(Prefetch("paragraphs", queryset=Paragraph.objects.order_by("position")))
        .order_by("position")
    )
