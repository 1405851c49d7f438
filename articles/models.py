"""Newspapers, their issues and pages, and the articles reconstructed from them.

Reads live in the QuerySet classes below; writes live in services (articles/ingest.py, articles/editing.py).
"""

from __future__ import annotations

import datetime

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone


class Newspaper(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Issue(models.Model):
    newspaper = models.ForeignKey(Newspaper, on_delete=models.CASCADE, related_name="issues")
    date = models.DateField()

    class Meta:
        ordering = ["newspaper", "date"]
        constraints = [
            models.UniqueConstraint(fields=["newspaper", "date"], name="issue_newspaper_date_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.newspaper} {self.date:%Y-%m-%d}"


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


class Page(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveSmallIntegerField()
    section = models.CharField(max_length=100, blank=True)
    proofreader = models.CharField(max_length=100, blank=True)
    raw = models.BinaryField(help_text="The page file's bytes, verbatim.")
    encoding = models.CharField(max_length=20)
    content_hash = models.CharField(max_length=64, db_index=True, help_text="sha256 of raw, hex.")
    source_name = models.CharField(max_length=255, help_text="The file name the page came from.")
    line_count = models.PositiveIntegerField()
    ingested_at = models.DateTimeField(default=timezone.now)
    reconstructed_json = models.JSONField(help_text="The engine's output for raw, kept for audit.")
    needs_review = models.BooleanField(default=False)
    review_reason = models.TextField(blank=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["issue", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "number"], name="page_issue_number_uniq"),
            models.CheckConstraint(condition=Q(number__gte=1), name="page_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.issue} page {self.number}"


class PageVersion(models.Model):
    """A page's earlier source, kept when a later file replaced it."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="versions")
    raw = models.BinaryField()
    content_hash = models.CharField(max_length=64, db_index=True)
    source_name = models.CharField(max_length=255)
    created_at = models.DateTimeField(help_text="When this version was first ingested.")
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["page", "created_at"]

    def __str__(self) -> str:
        return f"{self.page} as of {self.created_at:%Y-%m-%d %H:%M}"


class Place(models.Model):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    LEVELS = [(PROVINCE, "province"), (CITY, "city"), (COUNTY, "county")]

    name = models.CharField(max_length=100)
    level = models.CharField(max_length=10, choices=LEVELS)
    code = models.CharField(max_length=12, unique=True, help_text="The administrative division code.")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class ArticleQuerySet(models.QuerySet["Article"]):
    def for_issue(self, paper: str, date: datetime.date) -> ArticleQuerySet:
        """Articles of one issue, the paper given by name."""
        return self.filter(page__issue__newspaper__name=paper, page__issue__date=date)

    def for_page(self, number: int) -> ArticleQuerySet:
        return self.filter(page__number=number)

    def in_print_order(self) -> ArticleQuerySet:
        return self.order_by("page__issue__date", "page__number", "position")

    def with_details(self) -> ArticleQuerySet:
        """Everything to_json needs, in a fixed number of queries."""
        return self.select_related("page__issue__newspaper", "region").prefetch_related(
            Prefetch("paragraphs", queryset=Paragraph.objects.order_by("position")),
            Prefetch("bylines", queryset=Byline.objects.select_related("person").order_by("order")),
        )

    def needing_review(self) -> ArticleQuerySet:
        return self.filter(needs_review=True)


class Article(models.Model):
    NEWS = "news"
    FEATURE = "feature"
    COMMENTARY = "commentary"
    PHOTO = "photo"
    BRIEF = "brief"
    KINDS = [
        (NEWS, "news"),
        (FEATURE, "feature"),
        (COMMENTARY, "commentary"),
        (PHOTO, "photo"),
        (BRIEF, "brief"),
    ]

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveSmallIntegerField(help_text="1-based order on the page.")
    kind = models.CharField(max_length=12, choices=KINDS, default=NEWS)
    kicker = models.TextField(blank=True)
    title = models.TextField(blank=True)
    subtitle = models.TextField(blank=True)
    labels = ArrayField(models.TextField(), default=list, blank=True)

    # The dateline as printed; no agency means no dateline.
    dateline_place = models.CharField(max_length=100, blank=True)
    dateline_date = models.CharField(max_length=100, blank=True)
    dateline_agency = models.CharField(max_length=100, blank=True)

    # The engine's names, in its order; the links below are what the gazetteer resolved them to.
    region_name = models.CharField(max_length=100, blank=True)
    place_names = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    region = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="region_articles"
    )
    places = models.ManyToManyField(Place, blank=True, related_name="articles")

    continued_from_page = models.PositiveSmallIntegerField(null=True, blank=True)
    continued_to_page = models.PositiveSmallIntegerField(null=True, blank=True)
    continues = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continued_by",
        help_text="The article on an earlier page that this one continues.",
    )
    link_score = models.FloatField(null=True, blank=True)
    link_manual = models.BooleanField(default=False)

    headline_lines = ArrayField(models.PositiveIntegerField(), default=list, blank=True)
    confidence_headline = models.FloatField(default=0.0)
    confidence_lead = models.BooleanField(default=False)
    places_unresolved = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    needs_review = models.BooleanField(default=False)
    edited = models.BooleanField(default=False, help_text="Changed by an editor; ingest keeps it.")
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_from"
    )

    # jieba tokens joined by spaces; the vector is computed from them in SQL at ingest.
    search_title = models.TextField(blank=True)
    search_body = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["page", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "position"],
                name="article_page_position_uniq",
                deferrable=models.Deferrable.DEFERRED,
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_vector_gin"),
            models.Index(
                fields=["needs_review"],
                name="article_needs_review_idx",
                condition=Q(needs_review=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.kicker or f"{self.page}, article {self.position}"


class Paragraph(models.Model):
    BODY = "body"
    HEADING = "heading"
    LABEL = "label"
    BYLINE = "byline"
    CAPTION = "caption"
    KINDS = [
        (BODY, "body"),
        (HEADING, "heading"),
        (LABEL, "label"),
        (BYLINE, "byline"),
        (CAPTION, "caption"),
    ]

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=KINDS, default=BODY)
    text = models.TextField()
    line_start = models.PositiveIntegerField()
    line_end = models.PositiveIntegerField()

    class Meta:
        ordering = ["article", "position"]
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


class Byline(models.Model):
    REPORTER = "reporter"
    CORRESPONDENT = "correspondent"
    PHOTOGRAPHER = "photographer"
    AUTHOR = "author"
    ROLES = [
        (REPORTER, "reporter"),
        (CORRESPONDENT, "correspondent"),
        (PHOTOGRAPHER, "photographer"),
        (AUTHOR, "author"),
    ]

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField(max_length=15, choices=ROLES)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["article", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person", "role"], name="byline_article_person_role_uniq"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.role})"
