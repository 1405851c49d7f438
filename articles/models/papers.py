"""Newspapers, their issues and pages, and the earlier sources of a page: the archive's printed frame.

Page and issue reads prefetch their articles, so this module imports the article models; those name Page by
string ("articles.Page") to keep the imports one way.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone

from articles.models.articles import UNTITLED_LEAD, Article
from articles.models.paragraphs import Paragraph
from articles.models.people import Byline


class Newspaper(models.Model):
    name = models.CharField("报名", max_length=100, unique=True)
    slug = models.SlugField("网址名", max_length=100, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "报纸"

    def __str__(self) -> str:
        return self.name


class IssueQuerySet(models.QuerySet["Issue"]):
    def newest_first(self) -> IssueQuerySet:
        return self.select_related("newspaper").order_by("-date", "newspaper__name")

    def with_front_page(self) -> IssueQuerySet:
        """Each issue's lowest-numbered page as `front_pages` (a list of one), with its headlines.

        Two queries for the whole list, however many issues: the pages, then their articles.
        """
        lowest = Page.objects.filter(issue=models.OuterRef("issue")).order_by("number").values("number")[:1]
        front = (
            Page.objects.filter(number=models.Subquery(lowest))
            .defer("raw", "reconstructed_json")
            .prefetch_related(Prefetch("articles", queryset=Article.objects.live().headlines()))
        )
        return self.prefetch_related(Prefetch("pages", queryset=front, to_attr="front_pages"))

    def with_pages(self) -> IssueQuerySet:
        """Pages in order (without their large columns), each with its articles' headlines."""
        pages = (
            Page.objects.order_by("number")
            .defer("raw", "reconstructed_json")
            .prefetch_related(Prefetch("articles", queryset=Article.objects.live().headlines()))
        )
        return self.select_related("newspaper").prefetch_related(Prefetch("pages", queryset=pages))

    def with_neighbours(self) -> IssueQuerySet:
        """Annotate `prev_date` and `next_date`: the same paper's issues just before and after (None at
        either end), in the issue's own query."""
        same_paper = Issue.objects.filter(newspaper=models.OuterRef("newspaper")).values("date")
        before = same_paper.filter(date__lt=models.OuterRef("date")).order_by("-date")[:1]
        after = same_paper.filter(date__gt=models.OuterRef("date")).order_by("date")[:1]
        return self.annotate(prev_date=models.Subquery(before), next_date=models.Subquery(after))

    def paper_years(self) -> models.QuerySet:
        """Rows {"year", "name", "slug", "count", "first", "last"}: each paper's issues in each year, newest
        year first, papers by name."""
        return (
            self.order_by()
            .values(
                "newspaper__name",
                "newspaper__slug",
                year=models.functions.ExtractYear("date"),
            )
            .annotate(count=models.Count("pk"), first=models.Min("date"), last=models.Max("date"))
            .order_by("-year", "newspaper__name")
        )

    def in_month(self, year: int, month: int | None = None) -> IssueQuerySet:
        """Issues of a year, or of one month of it, oldest first."""
        issues = self.filter(date__year=year)
        if month is not None:
            issues = issues.filter(date__month=month)
        return issues.select_related("newspaper").order_by("date", "newspaper__name")


class Issue(models.Model):
    newspaper = models.ForeignKey(
        Newspaper, on_delete=models.CASCADE, related_name="issues", verbose_name="报纸"
    )
    date = models.DateField("出版日期")

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["newspaper", "date"]
        verbose_name = verbose_name_plural = "期次"
        constraints = [
            models.UniqueConstraint(fields=["newspaper", "date"], name="issue_newspaper_date_uniq"),
        ]
        # The latest issues of every paper (the home page), the first and last dates, the latest years' months:
        # read off the index, not by sorting every issue (58,823 at 1,000,000 articles).
        indexes = [models.Index(fields=["-date"], name="issue_date_idx")]

    def __str__(self) -> str:
        return f"{self.newspaper} {self.date:%Y-%m-%d}"

    def to_json(self, pages: Iterable[Page]) -> dict[str, Any]:
        """The issue as `manage.py export` prints it, with these of its pages (all, or the one asked for)."""
        return {
            "paper": self.newspaper.name,
            "date": f"{self.date:%Y-%m-%d}",
            "pages": [p.to_json() for p in pages],
        }


class PageQuerySet(models.QuerySet["Page"]):
    def for_issue(self, paper: str, date: datetime.date) -> PageQuerySet:
        """Pages of one issue, the paper given by name."""
        return self.filter(issue__newspaper__name=paper, issue__date=date)

    def in_print_order(self) -> PageQuerySet:
        return self.order_by("issue__newspaper__name", "issue__date", "number")

    def with_articles(self) -> PageQuerySet:
        """Prefetch everything the export needs: a fixed number of queries however many articles."""
        articles = Article.objects.in_print_order().with_details()
        return self.select_related("issue__newspaper").prefetch_related(
            Prefetch("articles", queryset=articles)
        )

    def needing_review(self) -> PageQuerySet:
        return self.filter(needs_review=True)

    def for_reading(self) -> PageQuerySet:
        """Pages with their issue and paper, leaving the large columns (raw, the engine's JSON) unread."""
        return self.select_related("issue__newspaper").defer("raw", "reconstructed_json")

    def with_stories(self) -> PageQuerySet:
        """for_reading, plus the page's live articles with bylines, a lead and, for a part linked to the
        story it continues, that story's title (`continues_title`); three queries in all."""
        articles = (
            Article.objects.live()
            .order_by("position")
            .with_lead()
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("person")))
            .annotate(continues_title=models.F("continues__title"))  # the story a linked part belongs to
            .defer("search_vector")
        )
        return self.for_reading().prefetch_related(Prefetch("articles", queryset=articles))

    def with_source(self) -> PageQuerySet:
        """Pages with their raw bytes and every article's line ranges: what the source view marks."""
        articles = (
            Article.objects.order_by("position")
            .only(
                "id",
                "page_id",
                "position",
                "kind",
                "kicker",
                "title",
                "subtitle",
                "headline_lines",
                "merged_into",
            )
            .with_lead(UNTITLED_LEAD)
            .prefetch_related(
                Prefetch(
                    "paragraphs",
                    queryset=Paragraph.objects.order_by("position").only(
                        "id", "article_id", "position", "kind", "line_start", "line_end"
                    ),
                )
            )
        )
        return (
            self.select_related("issue__newspaper")
            .defer("reconstructed_json")
            .prefetch_related(Prefetch("articles", queryset=articles))
        )


class Page(models.Model):
    # No index of its own: page_issue_number_uniq (issue, number) serves lookups by issue (as for the
    # other links below whose unique constraint starts with them); each index costs every ingested row.
    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="pages", verbose_name="期次", db_index=False
    )
    number = models.PositiveSmallIntegerField("版次")
    section = models.CharField("版名", max_length=100, blank=True)
    proofreader = models.CharField("校对", max_length=100, blank=True)
    raw = models.BinaryField("原始文件", help_text="版面文件的原始字节，原样保存。")
    encoding = models.CharField("编码", max_length=20)
    content_hash = models.CharField(
        "内容指纹", max_length=64, db_index=True, help_text="原始文件的 SHA-256，十六进制。"
    )
    source_name = models.CharField("文件名", max_length=255, help_text="版面来自哪个文件。")
    line_count = models.PositiveIntegerField("行数")
    # The newest ingested_at is part of the archive's version (articles/pagecache.py).
    ingested_at = models.DateTimeField("导入时间", default=timezone.now, db_index=True)
    reconstructed_json = models.JSONField(
        "引擎输出", help_text="引擎对原始文件的识别结果，留作核查（段落只记类型和行号，文字见各段落）。"
    )
    needs_review = models.BooleanField("待审核", default=False)
    review_reason = models.TextField("审核原因", blank=True)
    headlines_used = ArrayField(
        models.PositiveSmallIntegerField(),
        default=list,
        blank=True,
        verbose_name="已用的标题",
        help_text="引擎未能归位的标题中，编辑已配给稿件的那些（序号）。",
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["issue", "number"]
        verbose_name = verbose_name_plural = "版面"
        constraints = [
            models.UniqueConstraint(fields=["issue", "number"], name="page_issue_number_uniq"),
            models.CheckConstraint(condition=Q(number__gte=1), name="page_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.issue} 第{self.number}版"

    def unmatched_headlines_open(self) -> list[tuple[int, dict]]:
        """The engine's headline groups that matched no story and no editor has used yet, with the index
        article_split takes ({"unmatched": index})."""
        groups = (self.reconstructed_json or {}).get("unmatched_headlines", [])
        return [(n, group) for n, group in enumerate(groups) if n not in self.headlines_used]

    def to_json(self) -> dict[str, Any]:
        """The page in an export: its furniture, articles and the headlines the engine could not place.

        Expects the prefetches of PageQuerySet.with_articles; without them each article costs queries.
        """
        return {
            "number": self.number,
            "section": self.section or None,
            "proofreader": self.proofreader or None,
            "source": self.source_name,
            "encoding": self.encoding,
            "articles": [article.to_json() for article in self.articles.all()],
            # Not rows of their own: they are the engine's leftovers, shown for an editor to place.
            "unmatched_headlines": self.reconstructed_json.get("unmatched_headlines", []),
        }


class PageVersion(models.Model):
    """A page's earlier source, kept when a later file replaced it."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="versions", verbose_name="版面")
    raw = models.BinaryField("原始文件")
    content_hash = models.CharField("内容指纹", max_length=64, db_index=True)
    source_name = models.CharField("文件名", max_length=255)
    created_at = models.DateTimeField("首次导入时间", help_text="这个版本第一次导入的时间。")
    replaced_at = models.DateTimeField("被替换时间", null=True, blank=True)

    class Meta:
        ordering = ["page", "created_at"]
        verbose_name = verbose_name_plural = "版面旧版本"

    def __str__(self) -> str:
        return f"{self.page}（{self.created_at:%Y-%m-%d %H:%M} 导入的版本）"
