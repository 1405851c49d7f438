"""An article's paragraphs: its text, each with its kind and the lines of the page it came from."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from articles.reconstruct.values import ParagraphKind


class Paragraph(models.Model):
    class Kind(models.TextChoices):
        BODY = ParagraphKind.BODY, "正文"
        HEADING = ParagraphKind.HEADING, "小标题"
        LABEL = ParagraphKind.LABEL, "栏目标签"
        BYLINE = ParagraphKind.BYLINE, "署名"
        CAPTION = "caption", "图片说明"  # not one the engine makes
        JUMP = ParagraphKind.JUMP, "转版提示"  # a jump marker on a line of its own: （下转第二版）

    article = models.ForeignKey(  # indexed by paragraph_article_position_uniq
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="paragraphs",
        verbose_name="稿件",
        db_index=False,
    )
    position = models.PositiveSmallIntegerField("顺序")
    kind = models.CharField("类型", max_length=10, choices=Kind, default=Kind.BODY)
    text = models.TextField("文字")
    line_start = models.PositiveIntegerField("起始行")
    line_end = models.PositiveIntegerField("结束行")

    class Meta:
        ordering = ["article", "position"]
        verbose_name = verbose_name_plural = "段落"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"],
                name="paragraph_article_position_uniq",
                deferrable=models.Deferrable.DEFERRED,
            ),
            models.CheckConstraint(
                condition=Q(line_end__gte=models.F("line_start")), name="paragraph_lines_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:30]
