"""Stories over several pages: link a part to the story it continues, or unlink it.

An editor's link or unlink is marked `link_manual`, so a later ingest leaves it alone; the stories it
changes are searchable as they now are (articles.jumps refreshes their story text).
"""

from __future__ import annotations

from django.db import transaction

from articles import jumps
from articles.editing.base import (
    CorrectionRefused,
    Editor,
    article_live,
    article_name,
    articles_locked,
    fresh,
    live_check,
    same_issue_check,
)
from articles.editing.record import Change
from articles.models import Article, Correction

HEADLINE_NAMED = ("id", "position", "kind", "kicker", "title", "subtitle")  # what article_name reads


@transaction.atomic
def parts_link(*, fragment: Article, beginning: Article, editor: Editor, reason: str = "") -> Article:
    """Make `fragment` the part that continues `beginning` on another page of the issue, whatever the
    engine thought; a later ingest leaves this link alone."""
    rows = articles_locked([fragment.pk, beginning.pk])
    part, first = rows[fragment.pk], rows[beginning.pk]
    if part.pk == first.pk:
        raise CorrectionRefused("稿件不能接续它自己；请选择另一版上的那一部分。")
    for row in (part, first):
        live_check(row)
    same_issue_check((part, first), "连接")
    if part.page_id == first.page_id:
        raise CorrectionRefused("两部分在同一版上；请合并它们，而不是连接。")
    if part.pk in Article.objects.story_ids_above(first.pk):
        raise CorrectionRefused(f"{article_name(first)}已经接续{article_name(part)}，再这样连接就成了循环。")
    taken = Article.objects.live().filter(continues=first).exclude(pk=part.pk).first()
    if taken is not None:
        raise CorrectionRefused(f"{article_name(first)}已经由{article_name(taken)}接续；请先取消那个连接。")
    summary = f"把第{part.page.number}版的{article_name(part)}连接为第{first.page.number}版{article_name(first)}的接续部分。"
    touched = [part.pk, first.pk, *([part.continues_id] if part.continues_id else [])]
    return _link_set(part, continues=first.pk, touched=touched, summary=summary, editor=editor, reason=reason)


@transaction.atomic
def parts_unlink(*, fragment: Article, editor: Editor, reason: str = "") -> Article:
    """Make a continuation (or a suggested one) a story of its own again; a later ingest will not link it."""
    part = article_live(fragment)
    if part.continues_id is None and part.link_suggested_id is None:
        raise CorrectionRefused(f"{article_name(part)}没有和别的部分连接，无需取消。")
    was = part.continues_id or part.link_suggested_id
    other = article_name(Article.objects.only(*HEADLINE_NAMED).get(pk=was))
    summary = f"取消第{part.page.number}版{article_name(part)}与{other}的连接，使它成为独立的稿件。"
    return _link_set(
        part, continues=None, touched=[part.pk, was], summary=summary, editor=editor, reason=reason
    )


def _link_set(
    part: Article, *, continues: int | None, touched: list[int], summary: str, editor: Editor, reason: str
) -> Article:
    """An editor's link (or unlink, continues None) of a part: recorded, kept from ingest (link_manual), the
    stories it changes searchable as they now are."""
    change = Change(touched)
    Article.objects.filter(pk=part.pk).update(
        continues=continues, link_suggested=None, link_manual=True, link_score=None, needs_review=False
    )
    correction = change.record(
        action=Correction.Action.PARTS_LINK if continues else Correction.Action.PARTS_UNLINK,
        summary=summary,
        page_id=part.page_id,
        editor=editor,
        reason=reason,
        text=False,
    )
    jumps.story_search_refresh(article_ids={*correction.article_ids})
    return fresh(part)
