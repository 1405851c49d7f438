"""Newspapers, issues, pages and their earlier versions: what ingest made, for editors to look at.

They come in only through ingest (the `ingest` command or the upload page, upload.py), never by hand: no
admin here adds one, and what a file decides (a page's issue, number, section, source) is read-only. The
page's view shows what the engine read, in words, beside the raw file it read it from.

Deleting: a page goes with its articles, so one only while nothing an editor did would go with it (no
article edited, no correction made on it, no earlier version kept); an issue or a paper only while the same
holds for all its pages. A mistaken upload (a misspelt paper, a wrong date) can so be taken back; corrected
work cannot be lost by a click.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles import editing, models, reading
from articles.admin import upload
from articles.counts import Touched
from articles.reconstruct.text import decode
from articles.reconstruct.values import PageError

FURNITURE_KINDS = {
    "proofreader": "校对",
    "section": "版名",
    "page_header": "版头",
    "editor": "编辑",
    "other": "其他",
}
KIND_NAMES = dict(models.Article.Kind.choices)
ROLE_NAMES = dict(models.Byline.Role.choices)


def deletion_refusal(pages: QuerySet[models.Page]) -> str:
    """Why deleting these pages would lose an editor's work or a kept source; "" when it would not."""
    if models.Article.objects.filter(page__in=pages, edited=True).exists():
        return "编辑改过其中的稿件，删除会丢掉改过的内容"
    if models.Correction.objects.filter(page__in=pages).exists():
        return "有编辑在这里做的更正记录"
    if models.PageVersion.objects.filter(page__in=pages).exists():
        return "保存着被替换的旧版本文件"
    return ""


class IngestedAdmin(admin.ModelAdmin):
    """What only ingest makes: no adding by hand, no bulk delete, deleting one only when nothing is lost."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and deletion_refusal(self.pages_of(obj)):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @transaction.atomic
    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        """Delete, and take its stories out of the kept counts of their reporters and places (with those of
        other pages' parts and merged articles that its deletion frees)."""
        pages = self.pages_of(obj)
        gone = models.Article.objects.filter(
            Q(page__in=pages) | Q(continues__page__in=pages) | Q(merged_into__page__in=pages)
        ).values_list("pk", flat=True)
        touched = Touched().before(gone).after(gone)
        super().delete_model(request, obj)
        touched.refresh()

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple:
        """The articles go with their page. The article admin refuses deleting one on its own (they go
        only by merge), which would refuse every page; a page that may go at all (deletion_refusal) holds
        none an editor touched."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, perms_needed - {models.Article._meta.verbose_name}, protected

    def pages_of(self, obj: Any) -> QuerySet[models.Page]:
        raise NotImplementedError

    @admin.display(description="删除")
    def deletion(self, obj: Any) -> str:
        refusal = deletion_refusal(self.pages_of(obj))
        return f"不能删除：{refusal}。" if refusal else "可以删除：没有编辑改动，同一文件再导入即可恢复。"


@admin.register(models.Newspaper)
class NewspaperAdmin(IngestedAdmin):
    """A paper is made by its first ingested page; editors may correct its name and web name."""

    list_display = ["name", "slug", "issue_count"]
    search_fields = ["name"]
    fields = ["name", "slug", "issue_count", "deletion"]
    readonly_fields = ["issue_count", "deletion"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(issue_total=Count("issues"))

    def pages_of(self, obj: models.Newspaper) -> QuerySet[models.Page]:
        return models.Page.objects.filter(issue__newspaper=obj)

    @admin.display(description="期数", ordering="issue_total")
    def issue_count(self, paper: models.Newspaper) -> int:
        return getattr(paper, "issue_total", None) or paper.issues.count()


@admin.register(models.Issue)
class IssueAdmin(IngestedAdmin):
    """An issue is its paper and date, made by ingest: nothing to change, its pages to look at."""

    list_display = ["newspaper", "date", "page_total"]
    list_filter = ["newspaper"]
    list_select_related = ["newspaper"]
    date_hierarchy = "date"
    fields = ["newspaper", "date", "on_site", "page_list", "deletion"]
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(page_count=Count("pages"))

    def has_change_permission(self, request: HttpRequest, obj: models.Issue | None = None) -> bool:
        return False

    def pages_of(self, obj: models.Issue) -> QuerySet[models.Page]:
        return models.Page.objects.filter(issue=obj)

    @admin.display(description="版数", ordering="page_count")
    def page_total(self, issue: models.Issue) -> int:
        return getattr(issue, "page_count", None) or issue.pages.count()

    @admin.display(description="网站上的页面")
    def on_site(self, issue: models.Issue) -> SafeString:
        url = reverse("articles:issue", args=[issue.newspaper.slug, issue.date])
        return format_html('<a href="{}">{}</a>', url, issue)

    @admin.display(description="版面")
    def page_list(self, issue: models.Issue) -> SafeString:
        pages = (
            issue.pages.defer("raw", "reconstructed_json")
            .annotate(article_count=Count("articles", filter=Q(articles__merged_into__isnull=True)))
            .order_by("number")
        )
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">第{}版</a></td><td>{}</td><td>{}</td><td>{}篇</td><td>{}</td></tr>',
            (
                (
                    reverse("admin:articles_page_change", args=[page.pk]),
                    page.number,
                    page.section or "—",
                    page.source_name,
                    page.article_count,
                    "待审核" if page.needs_review else "",
                )
                for page in pages
            ),
        )
        return format_html(
            '<table class="nr-table"><thead><tr><th>版次</th><th>版名</th><th>文件名</th><th>稿件</th>'
            "<th>审核</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )


@dataclass(frozen=True)
class EngineArticle:
    """One article of the engine's output (Page.reconstructed_json), in words."""

    position: int
    kind: str
    headline: str
    paragraphs: int
    lines: str
    credits: str
    region: str
    score: str
    notes: list[str]


def engine_articles(page: models.Page) -> list[EngineArticle]:
    """The articles the engine read on the page, as it read them (before any editor's correction)."""
    return [_engine_article(article) for article in (page.reconstructed_json or {}).get("articles", [])]


def engine_furniture(page: models.Page) -> list[tuple[str, str, int | None]]:
    """The page's furniture lines (its section, proofreader, header): kind in words, text, line."""
    return [
        (FURNITURE_KINDS.get(item.get("kind"), "其他"), item.get("text", ""), item.get("line"))
        for item in (page.reconstructed_json or {}).get("furniture", [])
    ]


def engine_unmatched(page: models.Page) -> list[tuple[str, str, bool]]:
    """The headlines no story took: the headline, its lines, and whether an editor has since used it."""
    out = []
    for n, group in enumerate((page.reconstructed_json or {}).get("unmatched_headlines", [])):
        parts = [group.get(key) for key in ("kicker", "title", "subtitle", "label")]
        lines = "、".join(map(str, group.get("lines") or []))
        out.append((" / ".join(p for p in parts if p), lines, n in page.headlines_used))
    return out


def engine_jump_headlines(page: models.Page) -> list[tuple[str, int]]:
    """The headline lines the issue's links showed to be jump headlines, with which the engine read the page
    again (ingest: reconstruct/issue.py), each with a line of the story it heads, in line order."""
    shown = (page.reconstructed_json or {}).get("jump_headlines") or {}
    return sorted(shown.items(), key=lambda item: (item[1], item[0]))


def _engine_article(article: dict[str, Any]) -> EngineArticle:
    parts = [article.get(key) for key in ("kicker", "title", "subtitle")]
    paragraphs = article.get("paragraphs") or []
    lines = ""
    if paragraphs:
        lines = f"{paragraphs[0]['lines'][0]}–{paragraphs[-1]['lines'][1]}"
    dateline = article.get("dateline") or {}
    said = "".join(dateline.get(key) or "" for key in ("agency", "place", "date"))
    if dateline.get("place") or dateline.get("date"):
        said += "电"
    bylines = "、".join(
        f"{b['name']}（{ROLE_NAMES.get(b.get('role'), b.get('role'))}）" for b in article.get("bylines") or []
    )
    confidence = article.get("confidence") or {}
    notes = []
    if not confidence.get("lead", True):
        notes.append("无明确开头")
    if confidence.get("places_unresolved"):
        notes.append(f"未能确定的地名：{'、'.join(confidence['places_unresolved'])}")
    if article.get("continued_from_page"):
        notes.append(f"上接第{article['continued_from_page']}版")
    if article.get("continued_to_page"):
        notes.append(f"下转第{article['continued_to_page']}版")
    if article.get("labels"):
        notes.append(f"栏目：{'、'.join(article['labels'])}")
    return EngineArticle(
        position=article.get("position", 0),
        kind=KIND_NAMES.get(article.get("kind"), article.get("kind") or ""),
        headline=" / ".join(p for p in parts if p) or "（无标题）",
        paragraphs=len(paragraphs),
        lines=lines,
        credits="；".join(p for p in (said, bylines) if p),
        region="、".join(p for p in [article.get("region"), *(article.get("places") or [])] if p),
        score=f"{confidence.get('headline', 0):.2f}",
        notes=notes,
    )


@admin.register(models.Page)
class PageAdmin(IngestedAdmin):
    """A page as ingest stored it: its file, what the engine read, its articles now; only the review flag
    is an editor's to change."""

    change_form_template = "admin/articles/page/change_form.html"
    change_list_template = "admin/articles/page/change_list.html"
    list_display = ["issue", "number", "section", "source_name", "line_count", "ingested_at", "needs_review"]
    list_filter = ["needs_review", "issue__newspaper"]
    list_select_related = ["issue__newspaper"]
    search_fields = ["source_name", "section", "content_hash"]
    date_hierarchy = "issue__date"
    fieldsets = [
        ("版面", {"fields": ["issue_link", "number", "section", "proofreader", "on_site"]}),
        ("文件", {"fields": ["source_name", "encoding", "line_count", "ingested_at", "content_hash"]}),
        ("审核", {"fields": ["needs_review", "review_reason"]}),
        (None, {"fields": ["deletion"]}),
    ]
    readonly_fields = [
        "issue_link",
        "number",
        "section",
        "proofreader",
        "on_site",
        "source_name",
        "encoding",
        "line_count",
        "ingested_at",
        "content_hash",
        "review_reason",
        "deletion",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("issue__newspaper")

    def pages_of(self, obj: models.Page) -> QuerySet[models.Page]:
        return models.Page.objects.filter(pk=obj.pk)

    @admin.display(description="期次")
    def issue_link(self, page: models.Page) -> SafeString:
        url = reverse("admin:articles_issue_change", args=[page.issue_id])
        return format_html('<a href="{}">{}</a>', url, page.issue)

    @admin.display(description="网站上的页面")
    def on_site(self, page: models.Page) -> SafeString:
        where = [page.issue.newspaper.slug, page.issue.date, page.number]
        return format_html(
            '<a href="{}">本版稿件</a>　<a href="{}">原文对照</a>',
            reverse("articles:page", args=where),
            reverse("articles:page_source", args=where),
        )

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        page = self.get_object(request, object_id)
        if page is not None:
            extra_context = {**(extra_context or {}), **self._page_context(page)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _page_context(self, page: models.Page) -> dict[str, Any]:
        return {
            "articles_now": list(
                page.articles.order_by("position")
                .annotate(paragraph_count=Count("paragraphs"))
                .select_related("merged_into")
                .defer("search_vector")
            ),
            "engine_articles": engine_articles(page),
            "engine_unmatched": engine_unmatched(page),
            "engine_jump_headlines": engine_jump_headlines(page),
            "engine_furniture": engine_furniture(page),
            "versions": list(page.versions.defer("raw").order_by("-created_at")),
            "raw_text": reading.page_text(page),
        }

    def get_urls(self) -> list[URLPattern]:
        return [
            path("upload/", upload.upload_view(self), name="articles_page_upload"),
            *super().get_urls(),
        ]


@admin.register(models.PageVersion)
class PageVersionAdmin(IngestedAdmin):
    """An earlier file of a page, kept when a changed file replaced it: the source its corrections were
    made on. Nothing to change, and never deleted but with its page."""

    list_display = ["page", "source_name", "created_at", "replaced_at"]
    list_select_related = ["page__issue__newspaper"]
    fields = [
        "page_link",
        "source_name",
        "created_at",
        "replaced_at",
        "content_hash",
        "correction_list",
        "raw_text",
    ]
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).defer("raw")

    def has_change_permission(self, request: HttpRequest, obj: models.PageVersion | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.PageVersion | None = None) -> bool:
        return False

    @admin.display(description="版面")
    def page_link(self, version: models.PageVersion) -> SafeString:
        url = reverse("admin:articles_page_change", args=[version.page_id])
        return format_html('<a href="{}">{}</a>', url, version.page)

    @admin.display(description="在这个版本上做的更正")
    def correction_list(self, version: models.PageVersion) -> SafeString | str:
        corrections = version.corrections.select_related("undo_of").order_by("created_at")
        if not corrections:
            return "—"
        return format_html_join(
            format_html("<br>"),
            '<a href="{}">{:%Y-%m-%d %H:%M} {}</a>',
            (
                (
                    reverse("admin:articles_correction_change", args=[c.pk]),
                    c.created_at,
                    editing.correction_words(c).sentence,
                )
                for c in corrections
            ),
        )

    @admin.display(description="原始文件")
    def raw_text(self, version: models.PageVersion) -> SafeString:
        data = bytes(models.PageVersion.objects.values_list("raw", flat=True).get(pk=version.pk))
        try:
            text, _ = decode(data)  # as ingest decoded it: the old file's encoding may not be the page's now
        except PageError:
            text = data.decode("utf-8", errors="replace")
        return format_html('<pre class="nr-raw">{}</pre>', text)
