"""Newspapers, their issues and pages, and the articles reconstructed from them.

Reads live in the QuerySet classes below; writes live in services (articles/ingest.py, articles/editing.py).
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
from django.utils import timezone


class Newspaper(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]

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
    newspaper = models.ForeignKey(Newspaper, on_delete=models.CASCADE, related_name="issues")
    date = models.DateField()

    objects = IssueQuerySet.as_manager()

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

    def for_reading(self) -> PageQuerySet:
        """Pages with their issue and paper, leaving the large columns (raw, the engine's JSON) unread."""
        return self.select_related("issue__newspaper").defer("raw", "reconstructed_json")

    def with_stories(self) -> PageQuerySet:
        """for_reading, plus the page's live articles with bylines and a lead; three queries in all."""
        articles = (
            Article.objects.live()
            .order_by("position")
            .with_lead()
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("person")))
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
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveSmallIntegerField()
    section = models.CharField(max_length=100, blank=True)
    proofreader = models.CharField(max_length=100, blank=True)
    raw = models.BinaryField(help_text="The page file's bytes, verbatim.")
    encoding = models.CharField(max_length=20)
    content_hash = models.CharField(max_length=64, db_index=True, help_text="sha256 of raw, hex.")
    source_name = models.CharField(max_length=255, help_text="The file name the page came from.")
    line_count = models.PositiveIntegerField()
    ingested_at = models.DateTimeField(default=timezone.now, db_index=True)  # the archive's version
    reconstructed_json = models.JSONField(help_text="The engine's output for raw, kept for audit.")
    needs_review = models.BooleanField(default=False)
    review_reason = models.TextField(blank=True)
    headlines_used = ArrayField(
        models.PositiveSmallIntegerField(),
        default=list,
        blank=True,
        help_text="Indexes into the engine's unmatched_headlines that an editor gave to an article.",
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["issue", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "number"], name="page_issue_number_uniq"),
            models.CheckConstraint(condition=Q(number__gte=1), name="page_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.issue} page {self.number}"

    def unmatched_headlines_open(self) -> list[tuple[int, dict]]:
        """The engine's headline groups that matched no story and no editor has used yet, with the index
        article_split takes ({"unmatched": index})."""
        groups = (self.reconstructed_json or {}).get("unmatched_headlines", [])
        return [(n, group) for n, group in enumerate(groups) if n not in self.headlines_used]


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
    LEVELS = [(PROVINCE, "province"), (CITY, "city"), (COUNTY, "county")]

    name = models.CharField(max_length=100)
    level = models.CharField(max_length=10, choices=LEVELS)
    code = models.CharField(max_length=12, unique=True, help_text="The administrative division code.")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet["Person"]):
    def bylined(self) -> PersonQuerySet:
        """People bylined on live articles, each with article_count."""
        return self.filter(
            bylines__article__merged_into__isnull=True, bylines__article__continues__isnull=True
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
    name = models.CharField(max_length=100, unique=True)

    objects = PersonQuerySet.as_manager()

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

    # -- search (articles/search.py composes these) --
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
        `term_paragraphs`, the texts of its paragraphs that contain one of the terms (any case).

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
        return (
            self.only("id", "page_id", "position", "kind", "kicker", "title", "subtitle", "region_name")
            .with_lead()
            .annotate(
                paper_name=models.F("page__issue__newspaper__name"),
                issue_date=models.F("page__issue__date"),
                page_number=models.F("page__number"),
                byline_names=ArraySubquery(names),
                term_paragraphs=ArraySubquery(paragraphs.order_by("position").values("text")),
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
    # A link the engine was not sure of is suggested to the editors (the review queue) instead of asserted.
    link_suggested = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggested_continuations",
        help_text="A beginning this fragment may continue, too weak a match to link without an editor.",
    )
    link_score = models.FloatField(
        null=True, blank=True, help_text="How well the linked or suggested parts match."
    )
    link_manual = models.BooleanField(
        default=False, help_text="An editor linked or unlinked this part; ingest leaves its link alone."
    )

    headline_lines = ArrayField(models.PositiveIntegerField(), default=list, blank=True)
    confidence_headline = models.FloatField(default=0.0)
    confidence_lead = models.BooleanField(default=False)
    places_unresolved = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    needs_review = models.BooleanField(default=False)
    edited = models.BooleanField(default=False, help_text="Changed by an editor; ingest keeps it.")
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_from"
    )

    # The jieba words of the headline (weight A) and of the text (B). Made at ingest (articles/search.py,
    # search_vector_binary); remade by article_search_refresh (articles/ingest.py) after corrections and jump
    # links, with the text of the parts that continue the story on later pages.
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
            # Search finds whole stories: not merged articles, not the continuations of a story (their text is
            # in the vector of the story's beginning). With the condition in the index, counting matches never
            # reads the table (articles/search.py).
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
        return self.title or self.kicker or f"{self.page}, article {self.position}"


class Paragraph(models.Model):
    BODY = "body"
    HEADING = "heading"
    LABEL = "label"
    BYLINE = "byline"
    CAPTION = "caption"
    JUMP = "jump"  # a jump marker on a line of its own: （下转第二版）
    KINDS = [
        (BODY, "body"),
        (HEADING, "heading"),
        (LABEL, "label"),
        (BYLINE, "byline"),
        (CAPTION, "caption"),
        (JUMP, "jump"),
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


class CorrectionQuerySet(models.QuerySet["Correction"]):
    def for_article(self, article: Article | int) -> CorrectionQuerySet:
        """The corrections that touched an article, newest first (its id survives the article's deletion)."""
        pk = article if isinstance(article, int) else article.pk
        return self.filter(article_ids__contains=[pk]).order_by("-created_at", "-pk")

    def for_page(self, page: Page) -> CorrectionQuerySet:
        """The corrections made on a page, of every version of it, newest first."""
        return self.filter(page=page).order_by("-created_at", "-pk")


class Correction(models.Model):
    """One editor's change to reconstructed articles, with the state before and after (articles/editing.py).

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
        (ARTICLES_MERGE, "merge articles"),
        (ARTICLE_SPLIT, "split an article"),
        (PARAGRAPH_SPLIT, "split a paragraph"),
        (PARAGRAPHS_MOVE, "move paragraphs"),
        (HEADLINE_SET, "edit a headline"),
        (HEADLINE_REASSIGN, "reassign a headline"),
        (BYLINE_ADD, "add a byline"),
        (BYLINE_REMOVE, "remove a byline"),
        (BYLINE_ROLE_SET, "change a byline's role"),
        (PEOPLE_MERGE, "merge two people"),
        (FIELDS_SET, "edit dateline, region or kind"),
        (PARTS_LINK, "link the parts of a story"),
        (PARTS_UNLINK, "unlink a part of a story"),
        (UNDO, "undo"),
    ]

    created_at = models.DateTimeField(default=timezone.now)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
    )
    action = models.CharField(max_length=20, choices=ACTIONS)
    summary = models.TextField(blank=True, help_text="What was done, in words.")
    reason = models.TextField(blank=True, help_text="Why, as the editor put it.")
    page = models.ForeignKey(
        Page, on_delete=models.SET_NULL, null=True, blank=True, related_name="corrections"
    )
    page_version = models.ForeignKey(
        PageVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
        help_text="The page's source this was made on, once a forced re-ingest replaced it.",
    )
    article_ids = ArrayField(
        models.BigIntegerField(), default=list, help_text="The articles touched; ids, so they outlive them."
    )
    before = models.JSONField(default=dict, help_text="The touched articles, people and page as they were.")
    after = models.JSONField(default=dict, help_text="The same, as the correction left them.")
    undo_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="undone_by"
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [GinIndex(fields=["article_ids"], name="correction_article_ids_gin")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"
