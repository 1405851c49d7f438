"""Newspapers, their issues and pages, and the articles reconstructed from them.

Reads live in the QuerySet classes below; writes live in services (articles/ingest.py, articles/editing/).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import models
from django.db.models import Prefetch, Q
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Left
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils import timezone


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


class PlaceQuerySet(models.QuerySet["Place"]):
    def provinces_counted(self) -> PlaceQuerySet:
        """Province-level places, each with article_count: the live articles it is the region of."""
        live = Q(region_articles__merged_into__isnull=True, region_articles__continues__isnull=True)
        return self.filter(level=Place.PROVINCE).annotate(
            article_count=models.Count("region_articles", filter=live)
        )

    def regions_of(self, person: Person) -> PlaceQuerySet:
        """The regions of a person's live articles, each with article_count, most first."""
        return (
            self.filter(
                region_articles__bylines__person=person,
                region_articles__merged_into__isnull=True,
                region_articles__continues__isnull=True,
            )
            .annotate(article_count=models.Count("region_articles", distinct=True))
            .order_by("-article_count", "code")
        )

    def children_counted(self, place: Place) -> PlaceQuerySet:
        """The places under `place` that live articles name, each with article_count: the articles
        naming it or a place under it (a city's counties), each article once."""
        links = Article.places.through.objects.filter(
            Q(place=models.OuterRef("pk")) | Q(place__parent=models.OuterRef("pk")),
            article__merged_into__isnull=True,
            article__continues__isnull=True,
        )
        count = links.order_by().values(
            n=models.Func(
                "article_id", template="COUNT(DISTINCT %(expressions)s)", output_field=models.IntegerField()
            )
        )
        return (
            self.filter(parent=place)
            .annotate(article_count=models.Subquery(count))
            .filter(article_count__gt=0)
            .order_by("-article_count", "code")
        )


class Place(models.Model):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    LEVELS = [(PROVINCE, "省级"), (CITY, "地级"), (COUNTY, "县级")]

    name = models.CharField("名称", max_length=100)
    level = models.CharField("级别", max_length=10, choices=LEVELS)
    code = models.CharField("区划代码", max_length=12, unique=True, help_text="行政区划代码。")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级",
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = "地名"

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet["Person"]):
    def bylined(self) -> PersonQuerySet:
        """People bylined on live articles, each with article_count; a spelling merged into another
        person is not one of them (its page redirects to that person's)."""
        return self.filter(
            merged_into__isnull=True,
            bylines__article__merged_into__isnull=True,
            bylines__article__continues__isnull=True,
        ).annotate(article_count=models.Count("bylines__article", distinct=True))

    def coauthors_of(self, person: Person) -> PersonQuerySet:
        """The others bylined on `person`'s live articles, each with shared_count, most first."""
        return (
            self.filter(
                bylines__article__bylines__person=person,
                bylines__article__merged_into__isnull=True,
                bylines__article__continues__isnull=True,
            )
            .exclude(pk=person.pk)
            .annotate(shared_count=models.Count("bylines__article", distinct=True))
            .order_by("-shared_count", "name")
        )


class Person(models.Model):
    name = models.CharField("姓名", max_length=100, unique=True)
    # Set by editing.people_merge instead of deleting the other spelling, so that its old address still
    # leads somewhere (the reporter page redirects) and undo has the row to bring back.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name="已并入",
        help_text="这个名字已合并到的署名人；它的记者页面转到那里。",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "署名人"

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
        """Everything to_json needs, in a fixed number of queries; `continued_by_ids`: the live parts that
        continue each article on another page."""
        continued_by = (
            Article.objects.live().filter(continues=models.OuterRef("pk")).order_by("pk").values("pk")
        )
        return (
            self.select_related("page__issue__newspaper", "region")
            .annotate(continued_by_ids=ArraySubquery(continued_by))
            .prefetch_related(
                Prefetch("paragraphs", queryset=Paragraph.objects.order_by("position")),
                Prefetch("bylines", queryset=Byline.objects.select_related("person").order_by("order")),
            )
        )

    def needing_review(self) -> ArticleQuerySet:
        return self.filter(needs_review=True)

    # Points of doubt for the review queue (the admin's), each a reason an editor should look. A story with
    # no headline at all is the worst: readers see 无标题稿件; a photo usually has none, so it weighs less.
    DOUBT_POINTS = {
        "doubt_no_headline": 3,
        "doubt_low_score": 2,
        "doubt_no_lead": 2,
        "doubt_places": 1,
        "doubt_unmatched": 1,
        "doubt_link": 3,
    }
    DOUBT_PHOTO_NO_HEADLINE = 1
    LOW_HEADLINE_SCORE = 0.3  # as ingest's needs_review threshold

    def with_doubt(self) -> ArticleQuerySet:
        """Annotate each reason to doubt the engine (doubt_no_headline, doubt_low_score, doubt_no_lead,
        doubt_places, doubt_unmatched, doubt_link: booleans) and `doubt`, their weighted sum, all computed in SQL."""
        no_headline = Q(title="", kicker="", subtitle="")
        low_score = Q(confidence_headline__lt=self.LOW_HEADLINE_SCORE) & ~no_headline
        no_lead = Q(confidence_lead=False) & ~Q(kind=Article.PHOTO)
        places = ~Q(places_unresolved=[])
        # Headlines the engine left unplaced on the page that no editor has given to an article yet.
        unmatched_open = models.functions.Coalesce(
            models.Func(
                KeyTransform("unmatched_headlines", "page__reconstructed_json"),
                function="jsonb_array_length",
                output_field=models.IntegerField(),
            ),
            0,
        ) - models.functions.Coalesce(
            models.Func("page__headlines_used", function="cardinality", output_field=models.IntegerField()), 0
        )
        unmatched = Q(GreaterThan(unmatched_open, 0))
        reasons = {
            "doubt_no_headline": no_headline,
            "doubt_low_score": low_score,
            "doubt_no_lead": no_lead,
            "doubt_places": places,
            "doubt_unmatched": unmatched,
            # A jump whose other part the engine only suggested: two halves of a story read apart.
            "doubt_link": Q(link_suggested__isnull=False),
        }

        def flag(q: Q) -> models.Case:
            return models.Case(models.When(q, then=True), default=False, output_field=models.BooleanField())

        def points(q: Q, weight: int) -> models.Case:
            return models.Case(models.When(q, then=weight), default=0, output_field=models.IntegerField())

        photo_no_headline = no_headline & Q(kind=Article.PHOTO)
        score = (
            models.Case(
                models.When(photo_no_headline, then=self.DOUBT_PHOTO_NO_HEADLINE),
                models.When(no_headline, then=self.DOUBT_POINTS["doubt_no_headline"]),
                default=0,
                output_field=models.IntegerField(),
            )
            + points(low_score, self.DOUBT_POINTS["doubt_low_score"])
            + points(no_lead, self.DOUBT_POINTS["doubt_no_lead"])
            + points(places, self.DOUBT_POINTS["doubt_places"])
            + points(unmatched, self.DOUBT_POINTS["doubt_unmatched"])
            + points(reasons["doubt_link"], self.DOUBT_POINTS["doubt_link"])
        )
        return self.annotate(**{name: flag(q) for name, q in reasons.items()}, doubt=score)

    def review_queue(self) -> ArticleQuerySet:
        """Live articles the engine flagged or doubted, worst first; ones an editor has touched after the
        untouched, then the lowest headline score, then print order."""
        return (
            self.live()
            .with_doubt()
            .filter(Q(needs_review=True) | Q(doubt__gt=0))
            .select_related("page__issue__newspaper", "region")
            .defer("page__raw", "page__reconstructed_json", "search_vector")
            .order_by(
                "edited",
                "-doubt",
                "confidence_headline",
                "-page__issue__date",
                "page__issue__newspaper__name",
                "page__number",
                "position",
            )
        )

    # -- search (articles/search/ composes these) --
    # ts_rank_cd weights of D, C, B, A: ingest weighs title words A and body words B; one mention in the
    # title counts as much as five in the body.
    SEARCH_WEIGHTS = (0.05, 0.1, 0.2, 1.0)

    def matching(self, query: SearchQuery) -> ArticleQuerySet:
        """Articles whose search vector matches a full-text query; the GIN index finds them."""
        return self.filter(search_vector=query)

    def with_rank(self, query: SearchQuery) -> ArticleQuerySet:
        """Annotate `rank`: ts_rank_cd of the query over the weighted vector, higher is better."""
        rank = SearchRank(
            models.F("search_vector"), query, weights=list(self.SEARCH_WEIGHTS), cover_density=True
        )
        return self.annotate(rank=rank)

    def for_search_results(self, terms: list[str] | tuple[str, ...] = ()) -> ArticleQuerySet:
        """What a search result shows, in one query however many: its headline fields, `paper_name`,
        `issue_date`, `page_number`, `byline_names` (in order), `lead` (see with_lead), and for the snippet
        `term_paragraphs`, the texts of its paragraphs that contain one of the terms (any case), and
        `continued_term_paragraphs`, those of the parts that continue it on other pages.

        Values and arrays rather than related objects and prefetches: on a results page Django's work per
        query and per object costs more than PostgreSQL's."""
        names = Byline.objects.filter(article=models.OuterRef("pk")).order_by("order").values("person__name")
        having = Q()
        for term in terms:
            having |= Q(text__icontains=term)
        paragraphs = (
            Paragraph.objects.filter(having, article=models.OuterRef("pk"))
            if terms
            else Paragraph.objects.none()
        )
        # A story's words may be in the part that continues it on another page (a subquery of its own: an OR
        # of the two would keep PostgreSQL from the paragraphs' article index).
        continued = (
            Paragraph.objects.filter(
                having, article__continues=models.OuterRef("pk"), article__merged_into__isnull=True
            )
            if terms
            else Paragraph.objects.none()
        )
        return (
            self.only("id", "page_id", "position", "kind", "kicker", "title", "subtitle", "region_name")
            .with_lead()
            .annotate(
                paper_name=models.F("page__issue__newspaper__name"),
                issue_date=models.F("page__issue__date"),
                page_number=models.F("page__number"),
                byline_names=ArraySubquery(names),
                term_paragraphs=ArraySubquery(paragraphs.order_by("position").values("text")),
                continued_term_paragraphs=ArraySubquery(
                    continued.order_by("article__page__number", "article__position", "position").values(
                        "text"
                    )
                ),
            )
        )

    def newest_first(self) -> ArticleQuerySet:
        """Latest issue first; within an issue, in print order."""
        return self.order_by("-page__issue__date", "page__issue__newspaper__name", "page__number", "position")

    def by_person(self, person: Person) -> ArticleQuerySet:
        """Articles bylined to `person`, in any role, each once."""
        bylines = Byline.objects.filter(article=models.OuterRef("pk"), person=person)
        return self.filter(models.Exists(bylines))

    def about_place(self, place: Place) -> ArticleQuerySet:
        """A province's articles by their region; a city's or county's by the places they name, a
        city's counties included."""
        if place.level == Place.PROVINCE:
            return self.filter(region=place)
        links = Article.places.through.objects.filter(
            Q(place=place) | Q(place__parent=place), article=models.OuterRef("pk")
        )
        return self.filter(models.Exists(links))

    def for_listing(self, lead_length: int = 120) -> ArticleQuerySet:
        """What a list of headlines across issues shows, in one query: paper, issue date, page number,
        region and `lead` (with_lead), the large columns left unread."""
        return (
            self.select_related("page__issue__newspaper", "region")
            .defer("page__raw", "page__reconstructed_json", "search_vector")
            .with_lead(lead_length)
        )

    def monthly_counts(self) -> models.QuerySet:
        """Rows {"month": its first day, "count": articles} by issue date, oldest first; months with none
        are absent."""
        return (
            self.order_by()
            .values(month=models.functions.TruncMonth("page__issue__date"))
            .annotate(count=models.Count("pk"))
            .order_by("month")
        )

    def live(self) -> ArticleQuerySet:
        """Articles not merged into another (a merged one only redirects to where it went)."""
        return self.filter(merged_into__isnull=True)

    def stories(self) -> ArticleQuerySet:
        """Live articles that begin a story: a continuation on a later page is read as part of the story it
        continues, so lists by reporter, region or search show each story once."""
        return self.filter(merged_into__isnull=True, continues__isnull=True)

    def headlines(self) -> ArticleQuerySet:
        """Just what a list of headlines shows, in print order within a page."""
        return self.only(
            "id",
            "page_id",
            "position",
            "kind",
            "kicker",
            "title",
            "subtitle",
            "labels",
            "continued_from_page",
        ).order_by("position")

    def with_lead(self, length: int = 120) -> ArticleQuerySet:
        """Annotate `lead`: the first body paragraph's first `length` characters and one more (so that
        `truncatechars:length` knows whether it cut), computed in the same query."""
        first_body = Paragraph.objects.filter(article=models.OuterRef("pk"), kind=Paragraph.BODY).order_by(
            "position"
        )
        return self.annotate(lead=Left(models.Subquery(first_body.values("text")[:1]), length + 1))

    def for_reading(self) -> ArticleQuerySet:
        """One article as its page shows it, in three queries: the article, its paragraphs, its bylines.

        Annotates its live neighbours on the page (`prev_id`/`prev_title`, `next_id`/`next_title`),
        whether the pages it continues from / to are in the archive (`from_page_stored`, `to_page_stored`)
        and the part that continues it on another page (`continued_by_id`), if one is linked.
        """
        siblings = Article.objects.live().filter(page=models.OuterRef("page"))
        before = siblings.filter(position__lt=models.OuterRef("position")).order_by("-position")
        after = siblings.filter(position__gt=models.OuterRef("position")).order_by("position")
        issue_pages = Page.objects.filter(issue=models.OuterRef("page__issue"))
        return (
            self.with_details()
            .defer("search_vector", "page__raw", "page__reconstructed_json")
            .annotate(
                prev_id=models.Subquery(before.values("pk")[:1]),
                prev_title=models.Subquery(before.values("title")[:1]),
                prev_kicker=models.Subquery(before.values("kicker")[:1]),
                next_id=models.Subquery(after.values("pk")[:1]),
                next_title=models.Subquery(after.values("title")[:1]),
                next_kicker=models.Subquery(after.values("kicker")[:1]),
                from_page_stored=models.Exists(
                    issue_pages.filter(number=models.OuterRef("continued_from_page"))
                ),
                to_page_stored=models.Exists(issue_pages.filter(number=models.OuterRef("continued_to_page"))),
                continued_by_id=models.Subquery(
                    Article.objects.live()
                    .filter(continues=models.OuterRef("pk"))
                    .order_by("page__number", "position")
                    .values("pk")[:1]
                ),
            )
        )


# A story printed over more pages than this is a loop an editor made, not a newspaper: the parts of a story
# that jumps (Article.continues) are read at most this deep (articles.jumps, articles.search.index).
MAX_STORY_PARTS = 8


class Article(models.Model):
    NEWS = "news"
    FEATURE = "feature"
    COMMENTARY = "commentary"
    PHOTO = "photo"
    BRIEF = "brief"
    KINDS = [
        (NEWS, "消息"),
        (FEATURE, "通讯"),
        (COMMENTARY, "评论"),
        (PHOTO, "图片"),
        (BRIEF, "简讯"),
    ]

    page = models.ForeignKey(  # indexed by article_page_position_uniq
        Page, on_delete=models.CASCADE, related_name="articles", verbose_name="版面", db_index=False
    )
    position = models.PositiveSmallIntegerField("版内顺序", help_text="在本版的第几篇，从 1 起。")
    kind = models.CharField("体裁", max_length=12, choices=KINDS, default=NEWS)
    kicker = models.TextField("引题", blank=True)
    title = models.TextField("主题", blank=True)
    subtitle = models.TextField("副题", blank=True)
    labels = ArrayField(models.TextField(), default=list, blank=True, verbose_name="栏目标签")

    # The dateline as printed; no agency means no dateline.
    dateline_place = models.CharField("电头地点", max_length=100, blank=True)
    dateline_date = models.CharField("电头日期", max_length=100, blank=True)
    dateline_agency = models.CharField(
        "发稿单位", max_length=100, blank=True, help_text="电头里的本报、新华社等；有电头地点或日期就要有它。"
    )

    # The engine's names, in its order; the links below are what the gazetteer resolved them to.
    region_name = models.CharField("识别出的地区", max_length=100, blank=True)
    place_names = ArrayField(
        models.CharField(max_length=100), default=list, blank=True, verbose_name="识别出的地名"
    )
    region = models.ForeignKey(
        Place,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="region_articles",
        verbose_name="地区",
        help_text="省级行政区。",
    )
    places = models.ManyToManyField(Place, blank=True, related_name="articles", verbose_name="提到的地名")

    continued_from_page = models.PositiveSmallIntegerField("上接版次", null=True, blank=True)
    continued_to_page = models.PositiveSmallIntegerField("下转版次", null=True, blank=True)
    continues = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continued_by",
        verbose_name="接续的稿件",
        help_text="本篇所接续的、在前面版面上的稿件。",
    )
    # A link the engine was not sure of is suggested to the editors (the review queue) instead of asserted.
    link_suggested = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggested_continuations",
        verbose_name="可能接续的稿件",
        help_text="本篇可能接续的开头部分；匹配太弱，须编辑确认才连接。",
    )
    link_score = models.FloatField(
        "接续匹配分", null=True, blank=True, help_text="已连接或建议连接的两部分有多吻合。"
    )
    link_manual = models.BooleanField(
        "编辑定的接续", default=False, help_text="编辑连接或取消了本篇的接续；再次导入不会改动。"
    )

    headline_lines = ArrayField(
        models.PositiveIntegerField(), default=list, blank=True, verbose_name="标题所在行"
    )
    confidence_headline = models.FloatField("标题匹配分", default=0.0)
    confidence_lead = models.BooleanField("有明确开头", default=False)
    places_unresolved = ArrayField(
        models.CharField(max_length=100), default=list, blank=True, verbose_name="未能确定的地名"
    )
    needs_review = models.BooleanField("待审核", default=False)
    edited = models.BooleanField("编辑改过", default=False, help_text="编辑改过的稿件，再次导入时保留。")
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name="已并入",
    )

    # The jieba words of the headline (weight A) and of the text (B), made by PostgreSQL at ingest
    # (articles/search/index.py, search_vector_of); remade by article_search_refresh after corrections and jump
    # links, with the text of the parts that continue the story on later pages.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["page", "position"]
        verbose_name = verbose_name_plural = "稿件"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "position"],
                name="article_page_position_uniq",
                deferrable=models.Deferrable.DEFERRED,
            ),
        ]
        indexes = [
            # Search finds whole stories: not merged articles, not the continuations of a story (their text is
            # in the vector of the story's beginning). With the condition in the index, counting matches never
            # reads the table (articles/search/ranking.py).
            GinIndex(
                fields=["search_vector"],
                name="article_search_story_gin",
                condition=Q(merged_into__isnull=True, continues__isnull=True),
            ),
            models.Index(
                fields=["needs_review"],
                name="article_needs_review_idx",
                condition=Q(needs_review=True),
            ),
        ]

    def __str__(self) -> str:
        if self.title or self.kicker:
            return self.title or self.kicker
        return f"无标题稿件（{self.page.issue} 第{self.page.number}版第{self.position}篇）"

    def get_absolute_url(self) -> str:
        """Its page on the reading site, /articles/<id>/ (the admin's 在网站上查看 too)."""
        return reverse("articles:article", args=[self.pk])

    @property
    def headline(self) -> str:
        """The words a reader knows it by: its title, else its kicker or subtitle, else what it is."""
        fallback = "图片新闻" if self.kind == self.PHOTO else f"无标题稿件（第{self.position}篇）"
        return self.title or self.kicker or self.subtitle or fallback


class Paragraph(models.Model):
    BODY = "body"
    HEADING = "heading"
    LABEL = "label"
    BYLINE = "byline"
    CAPTION = "caption"
    JUMP = "jump"  # a jump marker on a line of its own: （下转第二版）
    KINDS = [
        (BODY, "正文"),
        (HEADING, "小标题"),
        (LABEL, "栏目标签"),
        (BYLINE, "署名"),
        (CAPTION, "图片说明"),
        (JUMP, "转版提示"),
    ]

    article = models.ForeignKey(  # indexed by paragraph_article_position_uniq
        Article, on_delete=models.CASCADE, related_name="paragraphs", verbose_name="稿件", db_index=False
    )
    position = models.PositiveSmallIntegerField("顺序")
    kind = models.CharField("类型", max_length=10, choices=KINDS, default=BODY)
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


class Byline(models.Model):
    REPORTER = "reporter"
    CORRESPONDENT = "correspondent"
    PHOTOGRAPHER = "photographer"
    AUTHOR = "author"
    ROLES = [
        (REPORTER, "记者"),
        (CORRESPONDENT, "通讯员"),
        (PHOTOGRAPHER, "摄影"),
        (AUTHOR, "作者"),
    ]

    article = models.ForeignKey(  # indexed by byline_article_person_role_uniq
        Article, on_delete=models.CASCADE, related_name="bylines", verbose_name="稿件", db_index=False
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="bylines", verbose_name="署名人"
    )
    role = models.CharField("身份", max_length=15, choices=ROLES)
    order = models.PositiveSmallIntegerField("顺序")

    class Meta:
        ordering = ["article", "order"]
        verbose_name = verbose_name_plural = "署名"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person", "role"], name="byline_article_person_role_uniq"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.get_role_display()}）"


class CorrectionQuerySet(models.QuerySet["Correction"]):
    def for_article(self, article: Article | int) -> CorrectionQuerySet:
        """The corrections that touched an article, newest first (its id survives the article's deletion)."""
        pk = article if isinstance(article, int) else article.pk
        return self.filter(article_ids__contains=[pk]).order_by("-created_at", "-pk")

    def for_page(self, page: Page) -> CorrectionQuerySet:
        """The corrections made on a page, of every version of it, newest first."""
        return self.filter(page=page).order_by("-created_at", "-pk")


class Correction(models.Model):
    """One editor's change to reconstructed articles, with the state before and after (articles/editing/).

    Rows outlive what they describe: a forced re-ingest deletes the page's articles but not their corrections,
    whose snapshots hold the corrected text and whose page_version holds the source they were made on.
    """

    ARTICLES_MERGE = "articles_merge"
    ARTICLE_SPLIT = "article_split"
    PARAGRAPH_SPLIT = "paragraph_split"
    PARAGRAPHS_MOVE = "paragraphs_move"
    HEADLINE_SET = "headline_set"
    HEADLINE_REASSIGN = "headline_reassign"
    BYLINE_ADD = "byline_add"
    BYLINE_REMOVE = "byline_remove"
    BYLINE_ROLE_SET = "byline_role_set"
    PEOPLE_MERGE = "people_merge"
    FIELDS_SET = "fields_set"
    PARTS_LINK = "parts_link"
    PARTS_UNLINK = "parts_unlink"
    UNDO = "undo"
    ACTIONS = [
        (ARTICLES_MERGE, "合并稿件"),
        (ARTICLE_SPLIT, "拆分稿件"),
        (PARAGRAPH_SPLIT, "拆分段落"),
        (PARAGRAPHS_MOVE, "移动段落"),
        (HEADLINE_SET, "修改标题"),
        (HEADLINE_REASSIGN, "转移标题"),
        (BYLINE_ADD, "添加署名"),
        (BYLINE_REMOVE, "删除署名"),
        (BYLINE_ROLE_SET, "修改署名身份"),
        (PEOPLE_MERGE, "合并署名人"),
        (FIELDS_SET, "修改电头、地区或体裁"),
        (PARTS_LINK, "连接跨版稿件"),
        (PARTS_UNLINK, "取消跨版连接"),
        (UNDO, "撤销"),
    ]

    created_at = models.DateTimeField("时间", default=timezone.now)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name="编辑",
    )
    action = models.CharField("操作", max_length=20, choices=ACTIONS)
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
