"""Editors' corrections: what changed, who changed it, and the state before and after (for history and undo)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils import timezone

from articles.models.articles import Article
from articles.models.papers import Page, PageVersion
from articles.models.paragraphs import Paragraph


class CorrectionQuerySet(models.QuerySet["Correction"]):
    def for_article(self, article: Article | int) -> CorrectionQuerySet:
        """The corrections that touched an article, newest first (its id survives the article's deletion)."""
        pk = article if isinstance(article, int) else article.pk
        return self.filter(article_ids__contains=[pk]).order_by("-created_at", "-pk")

    def for_page(self, page: Page) -> CorrectionQuerySet:
        """The corrections made on a page, of every version of it, newest first."""
        return self.filter(page=page).order_by("-created_at", "-pk")

    def text_went_to(self, article_id: int) -> int | None:
        """Where the text of an article corrections no longer have went: the live article that now holds
        most of it (by characters), found through the paragraphs of its last snapshot; None if the record
        knows no such article or its text is gone (a forced re-ingest). An undone split's second part, for
        one, is back in the article it was cut from. Two queries."""
        last = self.for_article(article_id).only("before", "after").first()
        if last is None:
            return None
        states = [s for s in (*last.after["articles"], *last.before["articles"]) if s["id"] == article_id]
        sizes = {p["id"]: len(p["text"]) for p in states[0]["paragraphs"]} if states else {}
        held: dict[int, int] = {}
        for paragraph_id, holder, merged_into in Paragraph.objects.filter(pk__in=sizes).values_list(
            "pk", "article_id", "article__merged_into_id"
        ):
            holder = merged_into or holder  # merged since: its text is read where it went
            held[holder] = held.get(holder, 0) + sizes[paragraph_id]
        held.pop(article_id, None)
        return max(held, key=lambda pk: (held[pk], -pk)) if held else None


class Correction(models.Model):
    """One editor's change to reconstructed articles, with the state before and after (articles/editing/).

    Rows outlive what they describe: a forced re-ingest deletes the page's articles but not their corrections,
    whose snapshots hold the corrected text and whose page_version holds the source they were made on.
    """

    class Action(models.TextChoices):
        ARTICLES_MERGE = "articles_merge", "合并稿件"
        ARTICLE_SPLIT = "article_split", "拆分稿件"
        PARAGRAPH_SPLIT = "paragraph_split", "拆分段落"
        PARAGRAPHS_MOVE = "paragraphs_move", "移动段落"
        HEADLINE_SET = "headline_set", "修改标题"
        HEADLINE_REASSIGN = "headline_reassign", "转移标题"
        BYLINE_ADD = "byline_add", "添加署名"
        BYLINE_REMOVE = "byline_remove", "删除署名"
        BYLINE_ROLE_SET = "byline_role_set", "修改署名身份"
        PEOPLE_MERGE = "people_merge", "合并署名人"
        FIELDS_SET = "fields_set", "修改电头、地区或体裁"
        PARTS_LINK = "parts_link", "连接跨版稿件"
        PARTS_UNLINK = "parts_unlink", "取消跨版连接"
        REVIEW = "review", "审核通过"
        UNDO = "undo", "撤销"

    created_at = models.DateTimeField("时间", default=timezone.now)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name="编辑",
    )
    action = models.CharField("操作", max_length=20, choices=Action)
    summary = models.TextField("内容", blank=True, help_text="做了什么，用文字说明。")
    reason = models.TextField("理由", blank=True, help_text="编辑写下的理由。")
    page = models.ForeignKey(
        Page,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name="版面",
    )
    page_version = models.ForeignKey(
        PageVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name="版面旧版本",
        help_text="强制重新导入替换了版面后，这条更正所依据的原版面。",
    )
    article_ids = ArrayField(
        models.BigIntegerField(),
        default=list,
        verbose_name="涉及的稿件",
        help_text="涉及的稿件编号；存编号，稿件删除后仍可查。",
    )
    before = models.JSONField("更正前", default=dict, help_text="涉及的稿件、署名人和版面原来的样子。")
    after = models.JSONField("更正后", default=dict, help_text="同上，更正之后的样子。")
    undo_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="undone_by",
        verbose_name="撤销的更正",
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = verbose_name_plural = "更正记录"
        indexes = [GinIndex(fields=["article_ids"], name="correction_article_ids_gin")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"
