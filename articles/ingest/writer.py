"""The writer: a page and its rows, with the ORM, in one transaction.

The page row, then its articles (their search vectors as the engine processes wrote them out), paragraphs,
bylines and place links, each table in one bulk_create; the people, places, paper and issue they name are
looked up (or created) once a batch (IngestCache). A changed file replaces a page: its old
bytes become a PageVersion, which keeps the editors' corrections, unless editors corrected the page, when
the new file is held for review (force replaces it anyway).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from articles import jumps, models
from articles.counts import Touched
from articles.editing.review import review_marks, review_marks_keep
from articles.ingest.files import content_digest, page_size_check
from articles.ingest.prepare import PreparedPage, page_prepare
from articles.ingest.rows import IngestCache, articles_write, cache_merge, issue_id_find
from articles.reconstruct import values
from articles.reconstruct.issue import READ_ROUNDS, reread
from articles.reconstruct.page import reconstruct_page

CREATED = "created"
UNCHANGED = "unchanged"
REPLACED = "replaced"
NEEDS_REVIEW = "needs_review"  # the file changed but the page has edited articles: kept as it was
# (force=True replaces it anyway; its old bytes become a PageVersion and its corrections stay, linked to it)


@dataclass(frozen=True)
class IngestResult:
    status: str  # CREATED | UNCHANGED | REPLACED | NEEDS_REVIEW
    page: models.Page
    article_count: int  # articles the page has now
    # REPLACED over corrected articles (force): how many corrections now point at the old version
    corrections_kept: int = 0


def page_ingest(
    *,
    paper: str,
    date: datetime.date,
    number: int,
    data: bytes,
    source_name: str,
    cache: IngestCache | None = None,
    force: bool = False,
) -> IngestResult:
    """Reconstruct a page file and store it; the same bytes again change nothing.

    Changed bytes over a page with edited articles are held (NEEDS_REVIEW) unless force is true.
    """
    page_size_check(len(data))
    return page_write(
        paper=paper,
        date=date,
        number=number,
        data=data,
        source_name=source_name,
        prepared=None,
        cache=cache or IngestCache(),
        force=force,
    )


def page_store(
    *,
    paper: str,
    date: datetime.date,
    number: int,
    data: bytes,
    source_name: str,
    reconstructed: values.Page,
    cache: IngestCache | None = None,
) -> IngestResult:
    """Store an already reconstructed page; page_ingest without the engine."""
    return page_write(
        paper=paper,
        date=date,
        number=number,
        data=data,
        source_name=source_name,
        prepared=PreparedPage.of(reconstructed),
        cache=cache or IngestCache(),
    )


@transaction.atomic
def page_write(
    *,
    paper: str,
    date: datetime.date,
    number: int,
    data: bytes,
    source_name: str,
    prepared: PreparedPage | None,
    cache: IngestCache,
    force: bool = False,
) -> IngestResult:
    """Store a page's bytes (and its rows, prepared, or made here when None) over what is stored there.

    Writers of one issue take turns (_issue_lock): each page links its stories to the other pages' jumps,
    which a page written at the same moment would not yet show; and of two processes storing the same
    page at once, the second finds the first's page once it is committed (unchanged, or replaced as any
    stored page)."""
    _issue_lock(paper=paper, date=date)
    stored = _page_current(paper=paper, date=date, number=number)
    digest = content_digest(data)
    if stored is not None and stored.page.content_hash == digest:
        return IngestResult(UNCHANGED, stored.page, stored.article_count)
    prepared = prepared or page_prepare(data=data, source_name=source_name)
    if stored is not None and not force:
        held = _hold_reason(stored=stored, prepared=prepared, digest=digest, source_name=source_name)
        if held:
            return _page_hold(stored, held)

    found = IngestCache()
    now = timezone.now()
    fields = {
        "section": prepared.section,
        "proofreader": prepared.proofreader,
        "raw": data,
        "encoding": prepared.encoding,
        "content_hash": digest,
        "source_name": source_name,
        "line_count": prepared.line_count,
        "ingested_at": now,
        "reconstructed_json": prepared.json,
        # a new version's review state
        "needs_review": False,
        "review_reason": "",
        "headlines_used": [],
    }
    kept = 0
    # Whose kept counts the page changes: its old and new stories, those they free (continuations and merged
    # articles of other pages whose beginning goes) and the parts the issue's jumps link or unlink; all of
    # the issue's articles as they are before (a few hundred rows, one query), for the parts.
    issue = Q(page__issue__newspaper__name=paper, page__issue__date=date)
    if stored is not None:
        issue |= Q(continues__page=stored.page) | Q(merged_into__page=stored.page)
    touched = Touched().before(models.Article.objects.filter(issue).values_list("pk", flat=True))
    if stored is None:
        issue_id = issue_id_find(paper=paper, date=date, cache=cache, found=found)
        page = models.Page.objects.create(issue_id=issue_id, number=number, **fields)
        status = CREATED
    else:
        page = stored.page
        marks = review_marks(page=page)  # a reviewed story keeps its mark if the new file has it too
        touched.after(  # its old articles, and those they free
            models.Article.objects.filter(
                Q(page=page) | Q(continues__page=page) | Q(merged_into__page=page)
            ).values_list("pk", flat=True)
        )
        kept = _page_old_version_keep(page=page, source_name=source_name, replaced_at=now)
        for name, value in fields.items():
            setattr(page, name, value)
        page.save(update_fields=list(fields))
        status = REPLACED
    touched.after(articles_write(page=page, prepared=prepared, cache=cache, found=found))
    if status == REPLACED:
        review_marks_keep(page=page, marks=marks, source_name=source_name)
    if models.Page.objects.filter(issue_id=page.issue_id).exclude(pk=page.pk).exists():
        # Stories that jump to or from this page are linked now, whichever of their pages came first. (A
        # page alone in its issue has nothing to link: a story jumps to another page, and the page's old
        # articles and their links are gone.)
        # A part linked stops being a story of its own (one unlinked is one again): its people and places.
        linked = jumps.issue_jumps_link(issue_id=page.issue_id)
        touched.after(change.fragment_id for change in linked.changes)
        # The links may show jump headlines a page read alone gave the wrong story: read those pages again.
        _issue_pages_reread(issue_id=page.issue_id, linked=linked, cache=cache, found=found, touched=touched)
    touched.refresh()  # once, at the end: its row locks taken in one order (counts_refresh)
    transaction.on_commit(lambda: cache_merge(cache, found))
    return IngestResult(status, page, prepared.count, kept)


def _issue_pages_reread(
    *,
    issue_id: int,
    linked: jumps.IssueLinks,
    cache: IngestCache,
    found: IngestCache,
    touched: Touched,
) -> None:
    """Read the issue's pages again with what its links show (reconstruct/issue.py: the jump headlines, the
    other halves of jumping stories) where this changed since a page was last read, and link again, until the
    links show nothing new (READ_ROUNDS at most). A page editors have worked on keeps its articles: their
    reading stands."""
    for _ in range(READ_ROUNDS):  # as issue.issue_read reads an issue
        changed = []
        for page in models.Page.objects.filter(issue_id=issue_id).defer("raw"):
            shown = _shown(linked.jump_headlines.get(page.number, {}), linked.jump_texts.get(page.number, {}))
            if {key: page.reconstructed_json.get(key, {}) for key in SHOWN} != shown:
                changed.append((page, shown))
        if not changed:
            return
        read = [
            page
            for page, shown in changed
            if _page_reread(page=page, shown=shown, cache=cache, found=found, touched=touched)
        ]
        if not read:
            return
        linked = jumps.issue_jumps_link(issue_id=issue_id)
        touched.after(change.fragment_id for change in linked.changes)


# What a page was last read with, as its stored reading keeps it (JSON: the other halves' texts by their
# line's number as a string).
SHOWN = ("jump_headlines", "jump_texts")


def _shown(headlines: dict[str, int], texts: dict[int, str]) -> dict[str, dict[str, Any]]:
    """What the issue shows a page (issue.jump_headlines, issue.jump_texts) as its stored reading keeps it."""
    return {
        "jump_headlines": headlines,
        "jump_texts": {str(line): text for line, text in texts.items()},
    }


def _page_reread(
    *,
    page: models.Page,
    shown: dict[str, dict[str, Any]],
    cache: IngestCache,
    found: IngestCache,
    touched: Touched,
) -> bool:
    """Read a stored page again with what its issue shows (`shown`, as _shown gives it: empty for nothing)
    and, where that reads its stories otherwise, replace its articles; whether it did. The reading is kept
    with what it was given (reconstructed_json["jump_headlines"], ["jump_texts"]); one that does not
    give each jump headline to its fragment is not taken (issue.reread), and the page is read alone."""
    raw = bytes(models.Page.objects.values_list("raw", flat=True).get(pk=page.pk))
    headlines = shown["jump_headlines"]
    texts = {int(line): text for line, text in shown["jump_texts"].items()}
    reading = reread(raw, headlines, texts) if headlines or texts else None
    reading = reading or reconstruct_page(raw)
    prepared = PreparedPage.of(dataclasses.replace(reading, source=page.source_name))
    prepared.json.update(shown)
    changed = _stories_of(prepared.json) != _stories_of(page.reconstructed_json)
    if changed and _editors_worked_on(page):
        changed = False  # the editors' reading stands; the page remembers what the issue showed
        prepared = dataclasses.replace(prepared, json={**page.reconstructed_json, **shown})
    if changed:
        _stories_replace(page=page, prepared=prepared, cache=cache, found=found, touched=touched)
        page.headlines_used = []
    page.reconstructed_json = prepared.json
    page.save(update_fields=["reconstructed_json", "headlines_used"])
    return changed


def _stories_replace(
    *, page: models.Page, prepared: PreparedPage, cache: IngestCache, found: IngestCache, touched: Touched
) -> None:
    """Put a new reading's articles in place of the page's, keeping the row of every story it reads the
    same (its address, its links and its search text stay): only the others go, and only new ones are
    written. The rows stand as the engine wrote them (no editor worked on the page), so the stored
    reading says which row is which story."""
    rows = dict(page.articles.values_list("position", "pk"))
    stored = page.reconstructed_json["articles"]
    kept_by_story = {_story(a): rows[a["position"]] for a in stored if a["position"] in rows}
    unnamed = set(rows.values()) - set(kept_by_story.values())  # rows the stored reading does not name
    kept: dict[int, int] = {}  # new position -> the row kept for it
    new = []
    for article, story in zip(prepared.articles, prepared.json["articles"], strict=True):
        pk = kept_by_story.pop(_story(story), None)
        if pk is None:
            new.append(article)
        else:
            kept[story["position"]] = pk
    gone = list(unnamed | set(kept_by_story.values()))
    # Those that go and the parts of other pages that lose what they were linked to; the links come back
    # when the issue is linked again.
    touched.after(
        models.Article.objects.filter(Q(pk__in=gone) | Q(continues__in=gone)).values_list("pk", flat=True)
    )
    models.Article.objects.filter(pk__in=gone).delete()
    for position, pk in kept.items():
        models.Article.objects.filter(pk=pk).exclude(position=position).update(position=position)
    new_rows = dataclasses.replace(prepared, articles=tuple(new))
    touched.after(articles_write(page=page, prepared=new_rows, cache=cache, found=found))


def _story(article: dict[str, Any]) -> str:
    """What the engine read of a story, wherever on the page it stands (its position aside)."""
    return json.dumps(
        {k: v for k, v in article.items() if k != "position"}, sort_keys=True, ensure_ascii=False
    )


def _stories_of(reading: dict[str, Any]) -> list[Any]:
    """What a reading of a page says, less what it was told (the jump headlines it was read with)."""
    return [reading.get("articles"), reading.get("unmatched_headlines")]


def _editors_worked_on(page: models.Page) -> bool:
    """Whether an editor corrected, linked, merged or reviewed any of the page's stories (a review is a
    correction too)."""
    ids = list(page.articles.values_list("pk", flat=True))
    return (
        models.Correction.objects.filter(Q(page=page) | Q(article_ids__overlap=ids)).exists()
        or models.Article.objects.filter(
            Q(page=page, edited=True)
            | Q(page=page, link_manual=True)
            | Q(continues__page=page, link_manual=True)
            | Q(merged_into__page=page)
        ).exists()
    )


def _issue_lock(*, paper: str, date: datetime.date) -> None:
    """Hold the issue's transaction-level advisory lock until this transaction ends (keyed on a hash of
    paper and date: a collision only makes two issues wait for each other)."""
    key = int.from_bytes(
        hashlib.sha256(f"{paper}\n{date.isoformat()}".encode()).digest()[:8], "big", signed=True
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


@dataclass(frozen=True)
class _Stored:
    page: models.Page  # without raw and reconstructed_json (read when used)
    article_count: int


def _page_current(*, paper: str, date: datetime.date, number: int) -> _Stored | None:
    """The stored page and how many articles it has, locked until the transaction ends."""
    try:
        page = (
            models.Page.objects.select_for_update(of=("self",))
            .defer("raw", "reconstructed_json")
            .get(issue__newspaper__name=paper, issue__date=date, number=number)
        )
    except models.Page.DoesNotExist:
        return None
    return _Stored(page, page.articles.count())


def _hold_reason(*, stored: _Stored, prepared: PreparedPage, digest: str, source_name: str) -> str:
    """Why a changed file is not stored over the page without --force; "" when it may be."""
    page = stored.page
    if page.articles.filter(edited=True).exists():
        return (
            f"{source_name}（sha256 {digest[:12]}）与已收入的 {page.source_name} 不同，但编辑改过本版稿件："
            "已保留编辑的版本，新文件未采用；如要替换，用 ingest --force（更正记录仍保留在历史中）"
        )
    if prepared.count * 2 < stored.article_count:
        # Far fewer stories than the stored page: a damaged file, or another page under this name.
        return (
            f"{source_name}（sha256 {digest[:12]}）只读出 {prepared.count} 篇稿件，已收入的 {page.source_name} "
            f"有 {stored.article_count} 篇：可能文件损坏或不是同一版面，已保留原版面；确认无误可用 ingest --force 替换"
        )
    return ""


def _page_hold(stored: _Stored, reason: str) -> IngestResult:
    """Keep the stored page as it is and flag it for review, saying why the new file was not taken."""
    page = stored.page
    page.needs_review, page.review_reason = True, reason
    page.save(update_fields=["needs_review", "review_reason"])
    return IngestResult(NEEDS_REVIEW, page, stored.article_count)


def _page_old_version_keep(*, page: models.Page, source_name: str, replaced_at: datetime.datetime) -> int:
    """Before a page's articles go: keep its bytes as a PageVersion, move its corrections onto that version
    (their snapshots hold the corrected text, the version the source they were made on), flag the articles
    of other pages that lose what they were merged or linked into, and delete its articles. Returns how
    many corrections the old version keeps."""
    old = models.Page.objects.values("raw", "content_hash", "source_name", "ingested_at").get(pk=page.pk)
    version = models.PageVersion.objects.create(
        page=page,
        raw=old["raw"],
        content_hash=old["content_hash"],
        source_name=old["source_name"],
        created_at=old["ingested_at"],
        replaced_at=replaced_at,
    )
    kept = models.Correction.objects.filter(page=page, page_version__isnull=True).update(page_version=version)
    _continuations_flag(page=page, source_name=source_name)
    jumps.page_links_release(page=page, source_name=source_name)
    page.articles.all().delete()
    return kept


def _continuations_flag(*, page: models.Page, source_name: str) -> None:
    """Articles of other pages an editor merged into this page's articles, or whose paragraphs an editor
    moved into them, would lose that text; flag them and their pages for review. (Their text stays in the
    corrections' snapshots.)"""
    merged = models.Article.objects.filter(merged_into__page=page).exclude(page=page)
    if not merged.exists():
        return
    reason = f"第{page.number}版被 {source_name} 替换，曾并入该版稿件的稿件需要核对"
    models.Page.objects.filter(articles__in=merged).update(needs_review=True, review_reason=reason)
    merged.update(needs_review=True)
