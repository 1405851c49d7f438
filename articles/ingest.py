"""Reconstructed pages into rows: one page, one transaction.

The engine runs before anything is written, so input that is not a page (PageError) writes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import multiprocessing
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.postgres.search import CombinedSearchVector, SearchVector
from django.db import DatabaseError, connection, connections, transaction
from django.db import models as django_models
from django.db.models import Value
from django.utils import timezone
from django.utils.text import slugify

from articles import jumps, models
from articles.reconstruct import values
from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.places import PROVINCE, Place, gazetteer
from articles.reconstruct.values import PageError
from articles.search import search_text_for

CREATED = "created"
UNCHANGED = "unchanged"
REPLACED = "replaced"
NEEDS_REVIEW = "needs_review"  # the file changed but the page has edited articles: kept as it was
# (force=True replaces it anyway; its old bytes become a PageVersion and its corrections stay, linked to it)

MAX_PAGE_BYTES = 5 * 1024 * 1024  # a dense broadsheet page is under 100 KB of text
LOW_HEADLINE_SCORE = 0.3

PAGE_FILE_NAME = re.compile(r"_(\d{4}-\d{2}-\d{2})_(\d+)\.txt$")  # fazhi_2025-01-24_02.txt
PAGE_DIR_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})$")  # 2025-01-24 (holding 02.txt)
PAGE_NUMBER_NAME = re.compile(r"^(\d+)\.txt$")  # 02.txt
PAGE_NAME_PATTERNS = "<anything>_YYYY-MM-DD_NN.txt (e.g. fazhi_2025-01-24_02.txt) or YYYY-MM-DD/NN.txt"


@dataclass(frozen=True)
class IngestResult:
    status: str  # CREATED | UNCHANGED | REPLACED | NEEDS_REVIEW
    page: models.Page
    article_count: int  # articles the page has now
    # REPLACED over corrected articles (force): how many corrections now point at the old version
    corrections_kept: int = 0


@dataclass
class IngestCache:
    """Row ids looked up during one batch, so each person, place and paper costs a query once.

    Ids found in a transaction are kept only once it commits: a rolled-back page leaves none behind.
    """

    newspapers: dict[str, int] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)  # administrative code -> Place id


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
    _size_check(len(data))
    with transaction.atomic():
        page = _page_current(paper=paper, date=date, number=number)
        if page is not None and page.content_hash == _digest(data):
            return IngestResult(UNCHANGED, page, page.articles.count())
        return _page_store(
            page=page,
            paper=paper,
            date=date,
            number=number,
            data=data,
            source_name=source_name,
            prepared=page_prepare(data=data, source_name=source_name),
            cache=cache or IngestCache(),
            force=force,
        )


@transaction.atomic
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
    return _page_store(
        page=_page_current(paper=paper, date=date, number=number),
        paper=paper,
        date=date,
        number=number,
        data=data,
        source_name=source_name,
        prepared=PreparedPage.of(reconstructed),
        cache=cache or IngestCache(),
    )


@dataclass(frozen=True)
class PreparedPage:
    """The pure half of ingest: the engine's page and each article's search text. No database, so it
    can be made in another process while this one writes the previous page."""

    page: values.Page
    search: tuple[tuple[str, str], ...]  # (title, body) search text of each article, in order

    @classmethod
    def of(cls, page: values.Page) -> PreparedPage:
        return cls(page, tuple(_search_text(a) for a in page.articles))


def page_prepare(*, data: bytes, source_name: str) -> PreparedPage:
    """Reconstruct a page file and segment its search text; PageError for what is not a page."""
    return PreparedPage.of(dataclasses.replace(reconstruct_page(data), source=source_name))


def _search_text(article: values.Article) -> tuple[str, str]:
    return search_text_for(
        title_parts=[t for t in (article.kicker, article.title, article.subtitle) if t], body=article.text
    )


@dataclass(frozen=True)
class PageJob:
    """One file of a batch: where it is and where it goes."""

    label: str  # how the user named the file, for messages
    path: Path
    paper: str
    date: datetime.date
    number: int
    source_name: str


def pages_ingest(
    *,
    jobs: Iterable[PageJob | PageError],
    workers: int = 1,
    cache: IngestCache | None = None,
    force: bool = False,
) -> Iterator[tuple[PageJob | PageError, IngestResult | Exception]]:
    """Ingest a batch in order, one transaction per page, yielding each job's result or error.

    force: replace changed pages even where editors corrected articles (see page_ingest).

    With workers > 1 the engine runs in that many processes, a few pages ahead of the one being written;
    a page whose stored bytes are the same is never sent to the engine.
    """
    cache = cache or IngestCache()
    if workers <= 1:
        for job in jobs:
            yield job, _job_run(job, cache=cache, force=force)
        return
    # Forked workers inherit this process's database connection but never touch it: they only run the
    # engine, and multiprocessing ends them with os._exit, so no finaliser closes it under us.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        window: deque[tuple[PageJob | PageError, Future[PreparedPage] | bytes | Exception | None]] = deque()
        for job in jobs:
            window.append((job, _job_submit(job, pool)))
            if len(window) > 2 * workers:
                yield _job_finish(*window.popleft(), cache=cache, force=force)
        while window:
            yield _job_finish(*window.popleft(), cache=cache, force=force)


def _job_submit(
    job: PageJob | PageError, pool: ProcessPoolExecutor
) -> Future[PreparedPage] | bytes | Exception | None:
    """Start the engine on a job's file; the bytes alone when the page is stored unchanged."""
    if isinstance(job, PageError):
        return None
    try:
        data = page_file_read(path=job.path)
        stored = (
            models.Page.objects.for_issue(job.paper, job.date)
            .filter(number=job.number)
            .values_list("content_hash", flat=True)
            .first()
        )
    except (PageError, DatabaseError) as exc:
        return exc
    if stored == _digest(data):
        return data
    return pool.submit(_prepare_in_worker, data, job.source_name)


def _prepare_in_worker(data: bytes, source_name: str) -> tuple[bytes, PreparedPage]:
    return data, page_prepare(data=data, source_name=source_name)


def _job_finish(
    job: PageJob | PageError,
    started: Future[PreparedPage] | bytes | Exception | None,
    *,
    cache: IngestCache,
    force: bool = False,
) -> tuple[PageJob | PageError, IngestResult | Exception]:
    if isinstance(job, PageError):
        return job, job
    if isinstance(started, Exception):
        return job, started
    try:
        if isinstance(started, bytes):
            data, prepared = started, None
        else:
            data, prepared = started.result()  # type: ignore[union-attr, misc]
        return job, _job_store(job, data=data, prepared=prepared, cache=cache, force=force)
    except Exception as exc:  # reported per file by the caller; the batch goes on
        return job, exc


def _job_run(
    job: PageJob | PageError, *, cache: IngestCache, force: bool = False
) -> IngestResult | Exception:
    if isinstance(job, PageError):
        return job
    try:
        return _job_store(job, data=page_file_read(path=job.path), prepared=None, cache=cache, force=force)
    except Exception as exc:
        return exc


@transaction.atomic
def _job_store(
    job: PageJob, *, data: bytes, prepared: PreparedPage | None, cache: IngestCache, force: bool = False
) -> IngestResult:
    page = _page_current(paper=job.paper, date=job.date, number=job.number)
    if page is not None and page.content_hash == _digest(data):
        return IngestResult(UNCHANGED, page, page.articles.count())
    return _page_store(
        page=page,
        paper=job.paper,
        date=job.date,
        number=job.number,
        data=data,
        source_name=job.source_name,
        prepared=prepared or page_prepare(data=data, source_name=job.source_name),
        cache=cache,
        force=force,
    )


def page_file_read(*, path: Path) -> bytes:
    """The bytes of a page file, or a PageError saying in words why there are none."""
    try:
        if path.is_dir():
            raise PageError("is a directory, not a page file")
        size = path.stat().st_size
        _size_check(size)
        return path.read_bytes()
    except FileNotFoundError:
        raise PageError("no such file") from None
    except PermissionError:
        raise PageError("cannot be read: permission denied") from None
    except OSError as exc:
        raise PageError(f"cannot be read: {exc.strerror or exc}") from None


def page_name_parse(*, path: Path) -> tuple[str | None, str | None]:
    """The date and page number a file's path spells, as text; None for what it does not spell.

    >>> page_name_parse(path=Path("in/fazhi_2025-01-24_02.txt"))
    ('2025-01-24', '02')
    >>> page_name_parse(path=Path("in/2025-01-24/02.txt"))
    ('2025-01-24', '02')
    """
    if match := PAGE_FILE_NAME.search(path.name):
        return match[1], match[2]
    number = PAGE_NUMBER_NAME.match(path.name)
    folder = PAGE_DIR_NAME.match(path.parent.name)
    if number and folder:
        return folder[1], number[1]
    return None, None


def issue_date_parse(text: str) -> datetime.date:
    """An issue date written YYYY-MM-DD; PageError when it is no date (2025-02-30)."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise PageError(f"{text} is not a date (YYYY-MM-DD)") from None


def page_number_parse(text: str) -> int:
    """A page number, 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise PageError(f"{text} is not a page number (1 or more)")
    return int(text)


def _size_check(size: int) -> None:
    if size > MAX_PAGE_BYTES:
        raise PageError(
            f"too large to be a page ({size / 1024 / 1024:.1f} MB; "
            f"the limit is {MAX_PAGE_BYTES // 1024 // 1024} MB)"
        )


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _page_current(*, paper: str, date: datetime.date, number: int) -> models.Page | None:
    """The stored page, locked until the transaction ends; its large columns are left unread."""
    return (
        models.Page.objects.for_issue(paper, date)
        .filter(number=number)
        .defer("raw", "reconstructed_json")
        .select_for_update(of=("self",))
        .first()
    )


def _page_store(
    *,
    page: models.Page | None,
    paper: str,
    date: datetime.date,
    number: int,
    data: bytes,
    source_name: str,
    prepared: PreparedPage,
    cache: IngestCache,
    force: bool = False,
) -> IngestResult:
    reconstructed = prepared.page
    digest = _digest(data)
    with connections["default"].cursor() as cursor:
        # A batch load: the commit need not wait for the disk. A crash can lose the last few pages
        # (the next ingest of the batch redoes them), never half a page.
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
    if page is not None and page.content_hash == digest:
        return IngestResult(UNCHANGED, page, page.articles.count())
    if page is not None and not force and page.articles.filter(edited=True).exists():
        page.needs_review = True
        page.review_reason = (
            f"{source_name} (sha256 {digest[:12]}) differs from the ingested {page.source_name}, "
            "but editors changed articles on this page: they were kept and the new file was not applied; "
            "ingest it with --force to replace them (their corrections stay in the history)"
        )
        page.save(update_fields=["needs_review", "review_reason"])
        return IngestResult(NEEDS_REVIEW, page, page.articles.count())

    found = IngestCache()
    fields = {
        "section": reconstructed.section or "",
        "proofreader": reconstructed.proofreader or "",
        "raw": data,
        "encoding": reconstructed.encoding,
        "content_hash": digest,
        "source_name": source_name,
        "line_count": reconstructed.line_count,
        "ingested_at": timezone.now(),
        "reconstructed_json": reconstructed.to_json(),
        "needs_review": False,
        "review_reason": "",
        "headlines_used": [],
    }
    if page is None:
        issue_id = _issue_id(paper=paper, date=date, cache=cache, found=found)
        page = models.Page.objects.create(issue_id=issue_id, number=number, **fields)
        status = CREATED
    else:
        version = _page_version_keep(page=page, replaced_at=fields["ingested_at"])
        # The corrections made on this version outlive its articles: their snapshots hold the corrected
        # text, the version the source they were made on.
        kept = models.Correction.objects.filter(page=page, page_version__isnull=True).update(
            page_version=version
        )
        _continuations_flag(page=page, source_name=source_name)
        page.articles.all().delete()
        for name, value in fields.items():
            setattr(page, name, value)
        page.save(update_fields=list(fields))
        status = REPLACED

    _articles_create(page=page, prepared=prepared, cache=cache, found=found)
    # Stories that jump to or from this page are linked now, whichever of their pages came first.
    jumps.issue_jumps_link(issue_id=page.issue_id)
    transaction.on_commit(lambda: _cache_merge(cache, found))
    return IngestResult(status, page, len(reconstructed.articles), kept if status == REPLACED else 0)


def _continuations_flag(*, page: models.Page, source_name: str) -> None:
    """Before a page's articles go: articles of other pages an editor merged into them, or whose
    paragraphs an editor moved into them, would lose that text; flag them and their pages for review.
    (Their text stays in the corrections' snapshots.)"""
    merged = models.Article.objects.filter(merged_into__page=page).exclude(page=page)
    if not merged.exists():
        return
    reason = f"an article merged into one on page {page.number} was replaced by {source_name}: check it"
    models.Page.objects.filter(articles__in=merged).update(needs_review=True, review_reason=reason)
    merged.update(needs_review=True)


def _page_version_keep(*, page: models.Page, replaced_at: datetime.datetime) -> models.PageVersion:
    old = models.Page.objects.values("raw", "content_hash", "source_name", "ingested_at").get(pk=page.pk)
    return models.PageVersion.objects.create(
        page=page,
        raw=old["raw"],
        content_hash=old["content_hash"],
        source_name=old["source_name"],
        created_at=old["ingested_at"],
        replaced_at=replaced_at,
    )


def _issue_id(*, paper: str, date: datetime.date, cache: IngestCache, found: IngestCache) -> int:
    newspaper_id = cache.newspapers.get(paper)
    if newspaper_id is None:
        newspaper, _ = models.Newspaper.objects.get_or_create(
            name=paper, defaults={"slug": _newspaper_slug(paper)}
        )
        newspaper_id = found.newspapers[paper] = newspaper.pk
    issue_id = (
        models.Issue.objects.filter(newspaper_id=newspaper_id, date=date).values_list("pk", flat=True).first()
    )
    if issue_id is None:
        # An upsert, not get_or_create: one query, and safe against a concurrent ingest of the issue.
        (issue,) = models.Issue.objects.bulk_create(
            [models.Issue(newspaper_id=newspaper_id, date=date)],
            update_conflicts=True,
            unique_fields=["newspaper", "date"],
            update_fields=["date"],
        )
        issue_id = issue.pk
    return issue_id


def _newspaper_slug(name: str) -> str:
    base = slugify(name, allow_unicode=True) or "paper"
    slug, n = base, 1
    while models.Newspaper.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _articles_create(
    *, page: models.Page, prepared: PreparedPage, cache: IngestCache, found: IngestCache
) -> None:
    articles = prepared.page.articles
    people = _people_ids(names={b.name for a in articles for b in a.bylines}, cache=cache, found=found)
    places = _PlaceLinker(cache=cache, found=found)
    rows = [
        _article_row(page=page, article=a, search=search, places=places)
        for a, search in zip(articles, prepared.search, strict=True)
    ]
    models.Article.objects.bulk_create(rows)

    paragraphs: list[tuple[int, int, str, str, int, int]] = []
    bylines: list[tuple[int, int, str, int]] = []
    links: list[tuple[int, int]] = []
    for row, article in zip(rows, articles, strict=True):
        paragraphs += [
            (row.pk, n, p.kind, p.text, p.lines[0], p.lines[1])
            for n, p in enumerate(article.paragraphs, start=1)
        ]
        credits = dict.fromkeys((b.name, b.role) for b in article.bylines)  # ordered, no repeats
        bylines += [(row.pk, people[name], role, n) for n, (name, role) in enumerate(credits, start=1)]
        place_ids = dict.fromkeys(places.place_id(name, region=article.region) for name in article.places)
        links += [(row.pk, place_id) for place_id in place_ids if place_id is not None]
    _rows_copy(
        models.Paragraph, ("article", "position", "kind", "text", "line_start", "line_end"), paragraphs
    )
    _rows_copy(models.Byline, ("article", "person", "role", "order"), bylines)
    _rows_copy(models.Article.places.through, ("article", "place"), links)


def _rows_copy(model: type[django_models.Model], fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Write many rows with PostgreSQL's COPY: a page's sixty paragraphs in one round trip, without the ORM
    building an object and quoting every value of each. The rows' constraints hold as for any insert."""
    if not rows:
        return
    meta = model._meta
    columns = ", ".join(connection.ops.quote_name(meta.get_field(f).column) for f in fields)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _article_row(
    *, page: models.Page, article: values.Article, search: tuple[str, str], places: _PlaceLinker
) -> models.Article:
    dateline = article.dateline
    search_title, search_body = search
    return models.Article(
        page=page,
        position=article.position,
        kind=article.kind,
        kicker=article.kicker or "",
        title=article.title or "",
        subtitle=article.subtitle or "",
        labels=list(article.labels),
        dateline_place=(dateline.place or "") if dateline else "",
        dateline_date=(dateline.date or "") if dateline else "",
        dateline_agency=dateline.agency if dateline else "",
        region_name=article.region or "",
        place_names=list(article.places),
        region_id=places.region_id(article.region) if article.region else None,
        continued_from_page=article.continued_from_page,
        continued_to_page=article.continued_to_page,
        headline_lines=list(article.headline_lines),
        confidence_headline=article.confidence.headline,
        confidence_lead=article.confidence.lead,
        places_unresolved=list(article.confidence.places_unresolved),
        needs_review=article_needs_review(article),
        search_title=search_title,
        search_body=search_body,
        # Computed by PostgreSQL in the INSERT itself (no second pass over the rows).
        search_vector=_search_vector(search_title, search_body),
    )


def _search_vector(search_title: str, search_body: str) -> CombinedSearchVector:
    """The weighted vector of an article's search texts: title words weigh A, body words B."""
    return SearchVector(Value(search_title), config="simple", weight="A") + SearchVector(
        Value(search_body), config="simple", weight="B"
    )


def article_search_refresh(*, article: models.Article) -> None:
    """Recompute an article's search texts and vector from its stored headline and paragraphs, as ingest
    computes them from the engine's; for corrections."""
    texts = (
        models.Paragraph.objects.filter(article=article).order_by("position").values_list("text", flat=True)
    )
    search_title, search_body = search_text_for(
        title_parts=[t for t in (article.kicker, article.title, article.subtitle) if t], body="\n".join(texts)
    )
    models.Article.objects.filter(pk=article.pk).update(
        search_title=search_title,
        search_body=search_body,
        search_vector=_search_vector(search_title, search_body),
    )


def article_needs_review(article: values.Article) -> bool:
    """Whether an editor should look at what the engine made of this article.

    A fragment continued from another page carries its headline there, so only its lead counts.
    """
    confidence = article.confidence
    if not confidence.lead or confidence.places_unresolved:
        return True
    if article.continued_from_page is not None:
        return False
    return not article.title or confidence.headline < LOW_HEADLINE_SCORE


def _people_ids(*, names: set[str], cache: IngestCache, found: IngestCache) -> dict[str, int]:
    ids = {name: cache.people[name] for name in names if name in cache.people}
    missing = names - ids.keys()
    if missing:
        # Upsert: one query returns the ids of new and existing people alike.
        people = models.Person.objects.bulk_create(
            [models.Person(name=name) for name in sorted(missing)],
            update_conflicts=True,
            unique_fields=["name"],
            update_fields=["name"],
        )
        for person in people:
            ids[person.name] = found.people[person.name] = person.pk
    return ids


class _PlaceLinker:
    """The engine's place names to Place rows, creating each one's province → city → county chain.

    The engine gives full names (江苏省, 南京市, 朝阳区); a name several divisions share is settled by
    the article's region, and left unlinked when that does not settle it: no guessing.
    """

    def __init__(self, *, cache: IngestCache, found: IngestCache) -> None:
        self.cache = cache
        self.found = found
        self.gazetteer = gazetteer()

    def region_id(self, name: str) -> int | None:
        return self._row_id(self._one(name, level=PROVINCE))

    def place_id(self, name: str, *, region: str | None) -> int | None:
        return self._row_id(self._one(name, region=region))

    def _one(self, name: str, *, level: str | None = None, region: str | None = None) -> Place | None:
        matches = self.gazetteer.lookup(name)
        matches = [p for p in matches if p.name == name] or matches  # a full name over a short form
        if level is not None:
            matches = [p for p in matches if p.level == level]
        if len(matches) > 1 and region is not None:
            matches = [p for p in matches if self.gazetteer.province_of(p).name == region]
        return matches[0] if len(matches) == 1 else None

    def _row_id(self, place: Place | None) -> int | None:
        if place is None:
            return None
        known = self.cache.places.get(place.code) or self.found.places.get(place.code)
        if known is not None:
            return known
        parent = self.gazetteer.place(place.parent) if place.parent is not None else None
        row, _ = models.Place.objects.get_or_create(
            code=place.code,
            defaults={"name": place.name, "level": place.level, "parent_id": self._row_id(parent)},
        )
        self.found.places[place.code] = row.pk
        return row.pk


def _cache_merge(cache: IngestCache, found: IngestCache) -> None:
    cache.newspapers.update(found.newspapers)
    cache.people.update(found.people)
    cache.places.update(found.places)
