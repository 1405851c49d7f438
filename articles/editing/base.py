"""What every correction shares: the refusal, the field groups, page locks and liveness checks, and the
way refusals and summaries name an article.

Every other module of the package builds on this one and this one on none of them, so the package has
no import cycles (a contract in pyproject.toml keeps it so).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist

from articles.models import Article, Page

HEADLINE = ("kicker", "title", "subtitle")
DATELINE = ("dateline_place", "dateline_date", "dateline_agency")
NAME_MAX = 100  # Person.name, the dateline fields

Editor = AbstractBaseUser | None


class CorrectionRefused(ValueError):
    """A correction that makes no sense for these articles; the message says why, for the editor."""


def articles_locked(ids: Iterable[int], *, missing_ok: bool = False) -> dict[int, Article]:
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


def article_live(article: Article) -> Article:
    """The article as of its page's lock, refused if it has been merged into another."""
    found = articles_locked([article.pk])[article.pk]
    live_check(found)
    return found


def live_check(article: Article) -> None:
    """Refuse to correct an article merged into another: the editor means that one."""
    if article.merged_into_id is not None:
        raise CorrectionRefused(
            f"{article_name(article)}已并入{article_name(article.merged_into)}；请更正那一篇。"
        )


def same_issue_check(articles: Iterable[Article], verb: str) -> None:
    """Refuse a correction between articles of different issues; `verb` says what it would have done."""
    if len({article.page.issue_id for article in articles}) > 1:
        raise CorrectionRefused(f"只有同一期的稿件才能{verb}；这几篇不在同一期。")


def fresh(article: Article) -> Article:
    """The article as the database now has it, for a service to return."""
    return Article.objects.get(pk=article.pk)


def article_name(article: Article) -> str:
    """An article as a refusal or a summary names it, as an editor knows it (never by id): 《为谱写现代化建设新篇章…》,
    无标题稿件（第3篇）."""
    headline = article.title or article.kicker or article.subtitle
    return f"《{clip(headline)}》" if headline else article.headline


def field_label(name: str) -> str:
    """An article field as the admin labels it: dateline_place → 电头地点; a name it does not know as is."""
    try:
        return str(Article._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def clip(text: str, length: int = 20) -> str:
    """The text, cut to `length` characters with an ellipsis if it is longer."""
    return text if len(text) <= length else text[: length - 1] + "…"
