"""Articles reconstructed from a page, and every read of them (ArticleQuerySet): reading, review, search;
the reads along a story's parts come from StoryReads (articles/models/stories.py).

Writes live in services (articles/ingest/, articles/editing/).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

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

from articles.models.paragraphs import Paragraph
from articles.models.people import Byline, Person
from articles.models.places import Place
from articles.models.stories import StoryReads
from articles.reconstruct.text import STOP_PUNCT
from articles.reconstruct.values import ArticleKind

UNTITLED_WORDS = 24  # characters of its text that name a story printed without a headline
UNTITLED_CLAUSE = 36  # …or, when its first clause is longer but not longer than this, that clause whole
UNTITLED_LEAD = 48  # characters of the lead read for that: the words and a caption's date before them
PHOTO_MARK = "图片"
_NOT_READ = object()  # an article whose `lead` no query annotated
CAPTION_DATE = re.compile(r"^\d{1,2}月\d{1,2}日[，,]\s*")  # 1月22日，(a caption's date names nothing)
CLAUSE_STOP = re.compile(r"[，,、：:]")  # where a clause ends inside a sentence: 开展登船赠春联活动，


def first_words(text: str, limit: int = UNTITLED_WORDS, *, clause: bool = False) -> str:
    """The start of a text, to stand for a headline: its first sentence when short; with `clause`, else its
    first clause when not much longer (a caption's subject); else `limit` characters.

    >>> first_words("会议还研究了其他事项。")
    '会议还研究了其他事项'
    >>> first_words("珠海边检总站开平边检站移民管理警察在三埠港口岸开展登船赠春联活动，为船员送上祝福。", clause=True)
    '珠海边检总站开平边检站移民管理警察在三埠港口岸开展登船赠春联活动'
    >>> first_words("一二三四五六七八九十" * 5)
    '一二三四五六七八九十一二三四五六七八九十一二三四…'
    """
    text = " ".join(text.split())
    end = STOP_PUNCT.search(text)
    if end and end.start() <= limit:
        return text[: end.start()]
    stop = CLAUSE_STOP.search(text) if clause else None
    if stop and stop.start() <= UNTITLED_CLAUSE and (not end or stop.start() < end.start()):
        return text[: stop.start()]
    return text if len(text) <= limit else text[:limit] + "…"


def headline_of(*, title: str, kicker: str, subtitle: str, kind: str, lead: str | None, position: int) -> str:
    """The one name of a story wherever it is listed: its title, else its kicker or subtitle; a story printed
    without a headline goes by the first words of its text, a photo by its caption's subject, marked 图片.

    >>> headline_of(title="", kicker="", subtitle="", kind="photo", lead="1月22日，开平边检站开展活动。", position=7)
    '图片：开平边检站开展活动'
    """
    if title or kicker or subtitle:
        return title or kicker or subtitle
    if kind == ArticleKind.PHOTO:
        words = first_words(CAPTION_DATE.sub("", lead), clause=True) if lead and lead.strip() else ""
        return f"{PHOTO_MARK}：{words}" if words else PHOTO_MARK
    return (first_words(lead) if lead and lead.strip() else "") or f"本版第{position}篇"


class ArticleQuerySet(StoryReads, models.QuerySet["Article"]):
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
    # no headline at all is the worst: readers see only its first words. A photo usually has no headline of
    # its own and no lead: neither is a doubt for a photo.
    DOUBT_POINTS = {
        "doubt_no_headline": 3,
        "doubt_low_score": 2,
        "doubt_no_lead": 2,
        "doubt_places": 1,
        "doubt_unmatched": 1,
        "doubt_link": 3,
    }
    LOW_HEADLINE_SCORE = 0.3  # as ingest's needs_review threshold

    def with_doubt(self) -> ArticleQuerySet:
        """Annotate each reason to doubt the engine (doubt_no_headline, doubt_low_score, doubt_no_lead,
        doubt_places, doubt_unmatched, doubt_link: booleans) and `doubt`, their weighted sum, all computed in SQL."""
        headless = Q(title="", kicker="", subtitle="")
        photo = Q(kind=Article.Kind.PHOTO)
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
        reasons = {
            "doubt_no_headline": headless & ~photo,
            "doubt_low_score": Q(confidence_headline__lt=self.LOW_HEADLINE_SCORE) & ~headless,
            "doubt_no_lead": Q(confidence_lead=False) & ~photo,
            "doubt_places": ~Q(places_unresolved=[]),
            "doubt_unmatched": Q(GreaterThan(unmatched_open, 0)),
            # A jump whose other part the engine only suggested: two halves of a story read apart.
            "doubt_link": Q(link_suggested__isnull=False),
        }

        def flag(q: Q) -> models.Case:
            return models.Case(models.When(q, then=True), default=False, output_field=models.BooleanField())

        def points(q: Q, weight: int) -> models.Case:
            return models.Case(models.When(q, then=weight), default=0, output_field=models.IntegerField())

        score = sum(
            (points(q, self.DOUBT_POINTS[name]) for name, q in reasons.items()),
            start=models.Value(0, output_field=models.IntegerField()),
        )
        return self.annotate(**{name: flag(q) for name, q in reasons.items()}, doubt=score)

    def waiting_review(self) -> ArticleQuerySet:
        """Live stories the engine flagged or doubted that no editor has reviewed or fixed yet (reviewed_at:
        审核通过, or a correction of what is doubted, articles/editing/record.py FIXES); with_doubt's
        annotations. A photo flagged at ingest only for having no headline is not waiting."""
        return (
            self.live()
            .filter(reviewed_at__isnull=True)
            .with_doubt()
            .filter((Q(needs_review=True) & ~Q(kind=Article.Kind.PHOTO)) | Q(doubt__gt=0))
        )

    def review_queue(self) -> ArticleQuerySet:
        """The stories waiting for review (waiting_review), worst first; ones an editor has touched (a
        byline, say) after the untouched, then the lowest headline score, then print order."""
        return (
            self.waiting_review()
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
    # ts_rank_cd weights of D, C, B, A (articles/search/index.py): a word as jieba cut it weighs A in the
    # headline, B in the text; a piece inside a longer word (检察 in 检察院) C in the headline, D in the text.
    # A word in the title counts as much as five in the body (as before issue 15); an exact word as twenty pieces.
    SEARCH_WEIGHTS = (0.01, 0.05, 0.2, 1.0)

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
            self.only(
                "id",
                "page_id",
                "position",
                "kind",
                "kicker",
                "title",
                "subtitle",
                "region_name",
                "issue_date",
            )
            .with_lead()
            .annotate(
                paper_name=models.F("page__issue__newspaper__name"),
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
        """Latest issue first; within an issue's date, in the order they were stored (a page's articles in
        print order, its pages as they came in). An index holds this order (Article.Meta)."""
        return self.order_by("-issue_date", "id")

    def by_person(self, person: Person) -> ArticleQuerySet:
        """Articles bylined to `person`, in any role, each once."""
        bylines = Byline.objects.filter(article=models.OuterRef("pk"), person=person)
        return self.filter(models.Exists(bylines))

    def about_place(self, place: Place) -> ArticleQuerySet:
        """Articles naming the place or a place under it (a city's counties; a province's cities and their
        counties), and for a province those it is the region of: what Place counts (provinces_counted)."""
        # The places under it (a handful of rows) as a subquery of their own, so that PostgreSQL reads only
        # their links, by index, never every article's.
        under = Q(pk=place.pk) | Q(parent=place)
        if place.level == Place.Level.PROVINCE:
            under |= Q(parent__parent=place)
        places = Place.objects.filter(under).values("pk")
        links = Article.places.through.objects.filter(place_id__in=places, article=models.OuterRef("pk"))
        if place.level == Place.Level.PROVINCE:
            return self.filter(Q(region=place) | models.Exists(links))
        return self.filter(models.Exists(links))

    def for_listing(self, lead_length: int = 120) -> ArticleQuerySet:
        """What a list of headlines across issues shows, in one query: paper, issue date, page number,
        region and `lead` (with_lead), the large columns left unread."""
        return (
            self.select_related("page__issue__newspaper", "region")
            .defer("page__raw", "page__reconstructed_json", "search_vector")
            .with_lead(lead_length)
        )

    def live(self) -> ArticleQuerySet:
        """Articles not merged into another (a merged one only redirects to where it went)."""
        return self.filter(merged_into__isnull=True)

    def stories(self) -> ArticleQuerySet:
        """Live articles that begin a story: a continuation on a later page is read as part of the story it
        continues, so lists by reporter, region or search show each story once."""
        return self.filter(merged_into__isnull=True, continues__isnull=True)

    def headlines(self) -> ArticleQuerySet:
        """Just what a list of headlines shows, in print order within a page (a `lead` long enough to name
        an untitled story)."""
        return (
            self.only(
                "id",
                "page_id",
                "position",
                "kind",
                "kicker",
                "title",
                "subtitle",
                "labels",
                "continued_from_page",
            )
            .order_by("position")
            .with_lead(UNTITLED_LEAD)
        )

    def with_lead(self, length: int = 120) -> ArticleQuerySet:
        """Annotate `lead`: the first body paragraph's first `length` characters and one more (so that
        `truncatechars:length` knows whether it cut), computed in the same query."""
        first_body = Paragraph.objects.filter(article=models.OuterRef("pk"), kind=Paragraph.Kind.BODY)
        first_text = first_body.order_by("position").values("text")[:1]
        return self.annotate(lead=Left(models.Subquery(first_text), length + 1))

    def for_reading(self) -> ArticleQuerySet:
        """One article as its page shows it, in four queries: the article, its paragraphs, its bylines and its
        page's live articles in print order (`page.live_articles`: its neighbours, prev_on_page and
        next_on_page, are named from them).

        Annotates whether the pages it continues from / to are in the archive (`from_page_stored`,
        `to_page_stored`) and the part that continues it on another page (`continued_by_id`), if one is linked.
        The neighbours are a query of their own (0.7 ms), not annotations: with their fourteen subqueries,
        Django took 6.1 ms to build and compile this query, of the article page's 10 ms of Python at 1,000,000
        articles (issue 14); without them 2.4.
        """
        from articles.models.papers import (
            Page,
        )  # papers imports this module: its page reads prefetch articles

        issue_pages = Page.objects.filter(issue=models.OuterRef("page__issue"))
        return (
            self.with_details()
            .defer("search_vector", "page__raw", "page__reconstructed_json")
            .prefetch_related(
                Prefetch(
                    "page__articles", queryset=Article.objects.live().headlines(), to_attr="live_articles"
                )
            )
            .annotate(
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
    class Kind(models.TextChoices):
        NEWS = ArticleKind.NEWS, "消息"
        FEATURE = ArticleKind.FEATURE, "通讯"
        COMMENTARY = ArticleKind.COMMENTARY, "评论"
        PHOTO = ArticleKind.PHOTO, "图片"
        BRIEF = ArticleKind.BRIEF, "简讯"

    page = models.ForeignKey(  # indexed by article_page_position_uniq
        "articles.Page",
        on_delete=models.CASCADE,
        related_name="articles",
        verbose_name="版面",
        db_index=False,
    )
    position = models.PositiveSmallIntegerField("版内顺序", help_text="在本版的第几篇，从 1 起。")
    kind = models.CharField("体裁", max_length=12, choices=Kind, default=Kind.NEWS)
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
    # Who took it out of the review queue, and when: 审核通过, or a correction of what the queue doubts
    # (articles/editing/review.py); a re-ingest keeps it on the same story.
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_articles",
        verbose_name="审核人",
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name="已并入",
    )

    # The issue's date, kept on the article by PostgreSQL itself (a trigger on insert and on a change of page,
    # migration 0013), so that lists across issues (a reporter's, a region's, the feeds) are read newest first
    # off an index, however large the archive: they never sort it.
    issue_date = models.DateField("出版日期", null=True, editable=False)

    # The jieba words of the headline (weight A) and of the text (B) and the pieces inside them (C, D), written
    # out at ingest (articles/search/index.py, search_vector_text); remade by article_search_refresh after
    # corrections and jump links, with the text of the parts that continue the story on later pages.
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
            # Stories newest first (ArticleQuerySet.newest_first): all of them, and a province's.
            models.Index(
                fields=["-issue_date", "id"],
                name="article_story_date_idx",
                condition=Q(merged_into__isnull=True, continues__isnull=True),
            ),
            models.Index(
                fields=["region", "-issue_date", "id"],
                name="article_region_story_date_idx",
                condition=Q(merged_into__isnull=True, continues__isnull=True),
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
        """The words a reader knows it by (headline_of). An untitled one reads its first words from the
        `lead` annotation (with_lead) or prefetched paragraphs; without either, one query."""
        lead = None
        if not (self.title or self.kicker or self.subtitle):
            # Annotated, `lead` is None for a story with no body paragraph: no query to find that again.
            lead = getattr(self, "lead", _NOT_READ)
            if lead is _NOT_READ:
                lead = next((p.text for p in self._body_paragraphs()), None)
        return headline_of(
            title=self.title,
            kicker=self.kicker,
            subtitle=self.subtitle,
            kind=self.kind,
            lead=lead,
            position=self.position,
        )

    @property
    def prev_on_page(self) -> Article | None:
        """The live article printed just before it on its page, from ArticleQuerySet.for_reading's prefetch."""
        return next((a for a in reversed(self.page.live_articles) if a.position < self.position), None)

    @property
    def next_on_page(self) -> Article | None:
        """The live article printed just after it on its page, from ArticleQuerySet.for_reading's prefetch."""
        return next((a for a in self.page.live_articles if a.position > self.position), None)

    def _body_paragraphs(self) -> list[Paragraph]:
        if "paragraphs" in getattr(self, "_prefetched_objects_cache", {}):
            return [p for p in self.paragraphs.all() if p.kind == Paragraph.Kind.BODY]
        return list(self.paragraphs.filter(kind=Paragraph.Kind.BODY).order_by("position")[:1])

    def to_json(self) -> dict[str, Any]:
        """The engine's JSON of it (values.Article.to_json), with its "id" first and its jump links last.

        Expects the prefetches of ArticleQuerySet.with_details; without them each article costs queries.
        """
        return {
            "id": self.pk,
            "position": self.position,
            "kind": self.kind,
            "kicker": self.kicker or None,
            "title": self.title or None,
            "subtitle": self.subtitle or None,
            "labels": list(self.labels),
            "dateline": self._dateline_json(),
            "bylines": [{"name": byline.person.name, "role": byline.role} for byline in self.bylines.all()],
            "region": self.region_name or None,
            "places": list(self.place_names),
            "continued_from_page": self.continued_from_page,
            "continued_to_page": self.continued_to_page,
            "headline_lines": list(self.headline_lines),
            "confidence": {
                "headline": round(self.confidence_headline, 3),
                "lead": self.confidence_lead,
                "places_unresolved": list(self.places_unresolved),
            },
            "paragraphs": [
                {"kind": p.kind, "text": p.text, "lines": [p.line_start, p.line_end]}
                for p in self.paragraphs.all()
            ],
            # The story's other parts on other pages (ids of this export), and how sure the link is.
            "continues": self.continues_id,
            "continued_by": list(getattr(self, "continued_by_ids", None) or []),
            "link_score": self.link_score,
        }

    def _dateline_json(self) -> dict[str, Any] | None:
        if not self.dateline_agency:
            return None
        return {
            "place": self.dateline_place or None,
            "date": self.dateline_date or None,
            "agency": self.dateline_agency,
        }
