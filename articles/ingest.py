"""Reconstructed pages into rows: one page, one transaction.

The engine runs before anything is written, so input that is not a page (PageError) writes nothing.

A new page is written by one SQL statement (_page_sql): the page row, its articles with their search
vectors, paragraphs, bylines and place links, from JSON rows and vectors made in the engine's processes
(PreparedPage), bound on the server and planned once: no ORM object, no quoting and no round trip per row.
The ORM keeps the rare paths: a replaced page's old version and corrections, pages held for review.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import dataclasses
import datetime
import functools
import hashlib
import itertools
import json
import multiprocessing
import os
import re
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, transaction
from django.db import models as django_models
from django.db.models import signals
from django.utils import timezone
from django.utils.text import slugify
from psycopg.adapt import Dumper
from psycopg.pq import Format

from articles import jumps, models
from articles.reconstruct import values
from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.places import PROVINCE, Place, gazetteer
from articles.reconstruct.values import PageError
from articles.search import search_text_for, search_vector_binary, search_words_for

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
    issues: dict[tuple[int, datetime.date], int] = field(default_factory=dict)  # (newspaper, date) -> id
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
    job = PageJob(
        label=source_name,
        path=Path(source_name),
        paper=paper,
        date=date,
        number=number,
        source_name=source_name,
    )
    return _job_store(job, data=data, prepared=None, cache=cache or IngestCache(), force=force)


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
        stored=_page_current(paper=paper, date=date, number=number),
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
    """The pure half of ingest: what the writer sends for a page, made from the engine's page (no database,
    so it can be made in another process while this one writes the previous page). Text and bytes only:
    handing the engine's objects between processes cost the writer more than a tenth of its time a page.
    """

    section: str
    proofreader: str
    encoding: str
    line_count: int
    articles: str  # their rows, as _page_sql reads them (_articles_json)
    paragraphs: str  # the rows of their paragraphs (_paragraphs_json)
    json: str  # the engine's output, as Page.reconstructed_json keeps it (_engine_json)
    # Each article's search vector in PostgreSQL's binary form (search_vector_binary); None for an article
    # with a word whose parsing only PostgreSQL knows: its row has its search texts, to make it from.
    vectors: tuple[bytes | None, ...]
    credits: tuple[tuple[tuple[str, str], ...], ...]  # each article's (name, role), in order, no repeats
    places: tuple[tuple[str | None, tuple[str, ...]], ...]  # each article's region and place names

    @property
    def count(self) -> int:
        """How many articles the page has."""
        return len(self.vectors)

    @classmethod
    def of(cls, page: values.Page) -> PreparedPage:
        vectors = tuple(_search_vector_of(a) for a in page.articles)
        return cls(
            section=page.section or "",
            proofreader=page.proofreader or "",
            encoding=page.encoding,
            line_count=page.line_count,
            articles=_articles_json(page, vectors),
            paragraphs=_paragraphs_json(page),
            json=_engine_json(page),
            vectors=tuple(v if isinstance(v, bytes) else None for v in vectors),
            credits=tuple(tuple(dict.fromkeys((b.name, b.role) for b in a.bylines)) for a in page.articles),
            places=tuple((a.region, a.places) for a in page.articles),
        )


def page_prepare(*, data: bytes, source_name: str) -> PreparedPage:
    """Reconstruct a page file and make its search vectors; PageError for what is not a page."""
    return PreparedPage.of(dataclasses.replace(reconstruct_page(data), source=source_name))


def _engine_json(page: values.Page) -> str:
    """The engine's output as Page.reconstructed_json keeps it: page.to_json() without the paragraphs' text,
    which their rows hold (and a correction's snapshot, once an editor changes one); each paragraph's kind
    and source lines say where in the raw page, kept verbatim, it came from. Storing the text a third time
    cost ingest about a tenth of its speed."""
    out = page.to_json()
    for article in out["articles"]:
        for paragraph in article["paragraphs"]:
            del paragraph["text"]
    return json.dumps(out, ensure_ascii=False)


def _search_vector_of(article: values.Article) -> bytes | tuple[str, str]:
    """An article's search vector (search_vector_binary), or its search texts where it can't be made here."""
    title, body = search_words_for(title_parts=_title_parts(article), body=article.text)
    vector = search_vector_binary(title, body)
    return vector if vector is not None else (" ".join(title), " ".join(body))


def _title_parts(article: values.Article | models.Article) -> list[str]:
    return [t for t in (article.kicker, article.title, article.subtitle) if t]


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
    # engine, and multiprocessing ends them with os._exit, so no finaliser closes it under us. They end
    # with this process however it ends (_engine_worker_start): alive, they would keep its connection open,
    # its transaction and locks held, and the next ingest would wait for them forever.
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_engine_worker_start,
        initargs=(os.getpid(),),
    ) as pool:
        window: deque[tuple[PageJob | PageError, _Started | bytes | Exception | None]] = deque()
        pending = iter(jobs)
        while chunk := list(itertools.islice(pending, CHECK_AHEAD)):
            window.extend(zip(chunk, _jobs_submit(chunk, pool), strict=True))
            while len(window) > (workers + 1) * CHECK_AHEAD:  # the engine processes busy while this writes
                yield _job_finish(*window.popleft(), cache=cache, force=force)
        while window:
            yield _job_finish(*window.popleft(), cache=cache, force=force)


CHECK_AHEAD = 4  # jobs whose stored pages one query looks up
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies (Linux)


def _engine_worker_start(writer: int) -> None:
    """In a new engine process: be killed when the writer dies, even by SIGKILL (Linux; elsewhere the
    process lingers until it next reads its task queue)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != writer:  # it died before the line above took effect
        os._exit(1)


def _jobs_submit(
    jobs: list[PageJob | PageError], pool: ProcessPoolExecutor
) -> list[_Started | bytes | Exception | None]:
    """Start the engine on each job's file; the bytes alone for a page stored unchanged. One query reads
    the stored hashes of all the jobs."""
    files: dict[int, bytes | PageError] = {}
    for n, job in enumerate(jobs):
        if isinstance(job, PageJob):
            try:
                files[n] = page_file_read(path=job.path)
            except PageError as exc:
                files[n] = exc
    readable = [n for n, data in files.items() if isinstance(data, bytes)]
    try:
        hashes: dict[int, str | None] | DatabaseError = dict(
            zip(readable, _stored_hashes([jobs[n] for n in readable]), strict=True)  # type: ignore[misc]
        )
    except DatabaseError as exc:
        hashes = exc
    started: list[_Started | bytes | Exception | None] = []
    sent: list[tuple[int, bytes, str, bool]] = []  # the pages for the engine: one task for all, not one each
    for n, job in enumerate(jobs):
        data = files.get(n)
        if not isinstance(job, PageJob):
            started.append(None)
        elif not isinstance(data, bytes):
            started.append(data)
        elif isinstance(hashes, DatabaseError):
            started.append(hashes)
        elif hashes[n] is not None and hashes[n] == _digest(data):
            started.append(data)
        else:
            started.append(None)  # started below
            sent.append((n, data, job.source_name, hashes[n] is None))
    if sent:
        future = pool.submit(_pages_prepare, [(data, source_name) for _, data, source_name, _ in sent])
        for index, (n, data, _, absent) in enumerate(sent):
            started[n] = _Started(future, index, data, absent)
    return started


def _pages_prepare(pages: list[tuple[bytes, str]]) -> list[PreparedPage | Exception]:
    """page_prepare of each (data, source name), in an engine process: a page's error is its own."""
    out: list[PreparedPage | Exception] = []
    for data, source_name in pages:
        try:
            out.append(page_prepare(data=data, source_name=source_name))
        except Exception as exc:  # sent back to be reported for its file
            out.append(exc)
    return out


@dataclass(frozen=True)
class _Started:
    """A page on its way through the engine, the index-th of those one task prepares."""

    future: Future[list[PreparedPage | Exception]]
    index: int
    data: bytes
    absent: bool  # no page was stored at its place when the batch looked

    def prepared(self) -> PreparedPage:
        result = self.future.result()[self.index]
        if isinstance(result, Exception):
            raise result
        return result


def _job_finish(
    job: PageJob | PageError,
    started: _Started | bytes | Exception | None,
    *,
    cache: IngestCache,
    force: bool = False,
) -> tuple[PageJob | PageError, IngestResult | Exception]:
    if isinstance(job, PageError):
        return job, job
    if isinstance(started, Exception):
        return job, started
    try:
        if isinstance(started, _Started):
            data, prepared, absent = started.data, started.prepared(), started.absent
        else:
            data, prepared, absent = started, None, False
        return job, _job_store(job, data=data, prepared=prepared, cache=cache, force=force, absent=absent)
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
    job: PageJob,
    *,
    data: bytes,
    prepared: PreparedPage | None,
    cache: IngestCache,
    force: bool = False,
    absent: bool = False,
) -> IngestResult:
    """Store a job's page. `absent`: no page was stored when the batch looked, a moment ago: then the page
    is inserted unless it is there by now, without first locking what is not there (a round trip less);
    if it is, it is stored the usual way.

    A new page is only ever inserted if absent: of two processes storing the same page at the same moment,
    the second finds the first's page once it is committed (unchanged, or replaced as any stored page).
    Writers of one issue take turns (_issue_lock): each page links its stories to the other pages' jumps,
    which a page written at the same moment would not yet show."""
    _issue_lock(paper=job.paper, date=job.date)
    stored = None
    if not (absent and prepared is not None):
        stored = _page_current(paper=job.paper, date=job.date, number=job.number)
    if stored is None:
        prepared = prepared or page_prepare(data=data, source_name=job.source_name)
        created = _page_store(
            stored=None,
            paper=job.paper,
            date=job.date,
            number=job.number,
            data=data,
            source_name=job.source_name,
            prepared=prepared,
            cache=cache,
            if_absent=True,
        )
        if created is not None:
            return created
        stored = _page_current(paper=job.paper, date=job.date, number=job.number)
    if stored is not None and stored.page.content_hash == _digest(data):
        return IngestResult(UNCHANGED, stored.page, stored.article_count)
    return _page_store(
        stored=stored,
        paper=job.paper,
        date=job.date,
        number=job.number,
        data=data,
        source_name=job.source_name,
        prepared=prepared or page_prepare(data=data, source_name=job.source_name),
        cache=cache,
        force=force,
    )


def _page_hold(stored: _Stored, reason: str) -> IngestResult:
    """Keep the stored page as it is and flag it for review, saying why the new file was not taken."""
    page = stored.page
    page.needs_review, page.review_reason = True, reason
    page.save(update_fields=["needs_review", "review_reason"])
    return IngestResult(NEEDS_REVIEW, page, stored.article_count)


def _issue_lock(*, paper: str, date: datetime.date) -> None:
    """Hold the issue's transaction-level advisory lock until this transaction ends (keyed on a hash of
    paper and date: a collision only makes two issues wait for each other)."""
    key = int.from_bytes(
        hashlib.sha256(f"{paper}\n{date.isoformat()}".encode()).digest()[:8], "big", signed=True
    )
    with _cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


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


# The tables, as the SQL below names them.
_PAGE = models.Page._meta.db_table
_ISSUE = models.Issue._meta.db_table
_NEWSPAPER = models.Newspaper._meta.db_table
_ARTICLE = models.Article._meta.db_table
_PAGE_OF = (  # a paper's issue's page: its name, date and number are parameters
    f"FROM {_PAGE} p JOIN {_ISSUE} i ON i.id = p.issue_id JOIN {_NEWSPAPER} n ON n.id = i.newspaper_id "
    "WHERE n.name = %s AND i.date = %s AND p.number = %s"
)
# A page's columns but the two large ones, which ingest never reads back.
_PAGE_FIELDS = [f for f in models.Page._meta.concrete_fields if f.name not in ("raw", "reconstructed_json")]


@contextlib.contextmanager
def _cursor() -> Iterator[psycopg.Cursor]:
    """A cursor on Django's connection, in its transaction, that binds parameters on the server: they
    travel beside the SQL, in binary where they can (a page's bytes as they are, arrays unquoted), and a
    statement run with prepare=True is planned once per connection. (Django's cursors bind on the client,
    quoting every value into the SQL.) Errors come out as Django's, as from any query."""
    connection.ensure_connection()
    raw = connection.connection
    # Django leaves psycopg's prepare_threshold at None, which turns preparing off altogether; a huge one
    # prepares only what asks (prepare=True), for as long as this cursor is used.
    threshold, raw.prepare_threshold = raw.prepare_threshold, PREPARE_ASKED_ONLY
    try:
        with connection.wrap_database_errors, psycopg.Cursor(raw) as cursor:
            cursor.adapters.register_dumper(_TsVector, _TsVectorDumper)
            yield cursor
    finally:
        raw.prepare_threshold = threshold


PREPARE_ASKED_ONLY = 2**31 - 1  # as a prepare_threshold: no statement is run that many times


class _TsVector(bytes):
    """A tsvector in PostgreSQL's binary form (search_vector_binary), sent as it is."""


class _TsVectorDumper(Dumper):
    format = Format.BINARY
    oid = psycopg.postgres.types["tsvector"].oid

    def dump(self, obj: bytes) -> bytes:
        return obj


def _stored_hashes(jobs: list[PageJob]) -> list[str | None]:
    """The content hash of each job's stored page (None where there is none), in one query."""
    if not jobs:
        return []
    with _cursor() as cursor:
        cursor.execute(
            "SELECT p.content_hash FROM unnest(%s::text[], %s::date[], %s::int[]) WITH ORDINALITY "
            "AS j(paper, date, number, at) "
            f"LEFT JOIN ({_PAGE} p JOIN {_ISSUE} i ON i.id = p.issue_id "
            f"JOIN {_NEWSPAPER} n ON n.id = i.newspaper_id) "
            "ON n.name = j.paper AND i.date = j.date AND p.number = j.number ORDER BY j.at",
            [[j.paper for j in jobs], [j.date for j in jobs], [j.number for j in jobs]],
            prepare=True,
        )
        return [digest for (digest,) in cursor.fetchall()]


@dataclass(frozen=True)
class _Stored:
    page: models.Page  # without raw and reconstructed_json (read when used)
    article_count: int


def _page_current(*, paper: str, date: datetime.date, number: int) -> _Stored | None:
    """The stored page and how many articles it has, locked until the transaction ends; one query."""
    columns = ", ".join(f"p.{connection.ops.quote_name(f.column)}" for f in _PAGE_FIELDS)
    count = f"(SELECT count(*) FROM {_ARTICLE} a WHERE a.page_id = p.id)"
    with _cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}, {count} {_PAGE_OF} FOR UPDATE OF p", [paper, date, number], prepare=True
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return _Stored(_page_instance(dict(zip((f.attname for f in _PAGE_FIELDS), row, strict=False))), row[-1])


def _page_instance(values: dict[str, object]) -> models.Page:
    """A Page as a query would give it, its large columns deferred."""
    return models.Page.from_db(
        connection.alias, [f.attname for f in _PAGE_FIELDS], [values[f.attname] for f in _PAGE_FIELDS]
    )


def _page_store(
    *,
    stored: _Stored | None,
    paper: str,
    date: datetime.date,
    number: int,
    data: bytes,
    source_name: str,
    prepared: PreparedPage,
    cache: IngestCache,
    force: bool = False,
    if_absent: bool = False,
) -> IngestResult | None:
    """Store a reconstructed page over `stored`, the page there now (locked) or None. if_absent: there was
    no page when last looked (unlocked); None, and nothing written, when there is one by now."""
    digest = _digest(data)
    if stored is not None and stored.page.content_hash == digest:
        return IngestResult(UNCHANGED, stored.page, stored.article_count)
    if stored is not None and not force and stored.page.articles.filter(edited=True).exists():
        return _page_hold(
            stored,
            f"{source_name}（sha256 {digest[:12]}）与已收入的 {stored.page.source_name} 不同，但编辑改过本版稿件："
            "已保留编辑的版本，新文件未采用；如要替换，用 ingest --force（更正记录仍保留在历史中）",
        )
    if stored is not None and not force and prepared.count * 2 < stored.article_count:
        # Far fewer stories than the stored page: a damaged file, or another page under this name.
        return _page_hold(
            stored,
            f"{source_name}（sha256 {digest[:12]}）只读出 {prepared.count} 篇稿件，已收入的 {stored.page.source_name} "
            f"有 {stored.article_count} 篇：可能文件损坏或不是同一版面，已保留原版面；确认无误可用 ingest --force 替换",
        )

    found = IngestCache()
    fields: dict[str, object] = {
        "section": prepared.section,
        "proofreader": prepared.proofreader,
        "raw": data,
        "encoding": prepared.encoding,
        "content_hash": digest,
        "source_name": source_name,
        "line_count": prepared.line_count,
        "ingested_at": timezone.now(),
    }
    params: dict[str, object] = {**fields, "json": prepared.json, "number": number}
    kept = 0
    if stored is None:
        newspaper_id = _newspaper_id(paper=paper, cache=cache, found=found)
        issue_id = cache.issues.get((newspaper_id, date))
        params |= {"newspaper_id": newspaper_id, "date": date, "issue_id": issue_id}
        status = CREATED
    else:
        page = stored.page
        version = _page_version_keep(page=page, replaced_at=fields["ingested_at"])
        # The corrections made on this version outlive its articles: their snapshots hold the corrected
        # text, the version the source they were made on.
        kept = models.Correction.objects.filter(page=page, page_version__isnull=True).update(
            page_version=version
        )
        _continuations_flag(page=page, source_name=source_name)
        jumps.page_links_release(page=page, source_name=source_name)
        page.articles.all().delete()
        params["page_id"] = page.pk
        issue_id = page.issue_id
        status = REPLACED
    params |= _rows_params(prepared=prepared, cache=cache, found=found)
    sql = _page_sql(replace=stored is not None, issue_known=issue_id is not None, if_absent=if_absent)
    with _cursor() as cursor:
        # Planning this statement costs PostgreSQL more than a tenth of the page's time, and with the
        # values at hand it would plan it again for every page (a "custom plan"): the plan made once for
        # any values is as good here. One round trip for both.
        with cursor.connection.pipeline():
            cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
            cursor.execute(sql, params, prepare=True)
        row = cursor.fetchone()
    if row is None:  # if_absent, and a page is there
        return None
    page_id, issue_id, other_pages = row
    if stored is None:
        found.issues[(params["newspaper_id"], date)] = issue_id
    page = _page_instance({"id": page_id, "issue_id": issue_id, "number": number, **fields, **_PAGE_RESET})
    # As Page.save would: what listens (the public pages' cache) learns of the change at once.
    signals.post_save.send(
        models.Page,
        instance=page,
        created=status == CREATED,
        update_fields=None,
        raw=False,
        using=connection.alias,
    )
    if other_pages:
        # Stories that jump to or from this page are linked now, whichever of their pages came first. (A
        # page alone in its issue has nothing to link: a story jumps to another page, and the page's old
        # articles and their links are gone.)
        jumps.issue_jumps_link(issue_id=issue_id)
    transaction.on_commit(lambda: _cache_merge(cache, found))
    return IngestResult(status, page, prepared.count, kept)


_PAGE_RESET = {
    "needs_review": False,
    "review_reason": "",
    "headlines_used": [],
}  # a new version's review state


@functools.cache
def _page_sql(*, replace: bool, issue_known: bool, if_absent: bool = False) -> str:
    """One statement that writes a page and everything on it: its issue when new, the page row (updated
    in place when replaced: its old articles are deleted before), its articles with ids from their
    sequence, their paragraphs, bylines and place links (from JSON rows, _rows_params); it returns the
    page's id, its issue's and whether the issue has other pages. One round trip, planned once. if_absent:
    a new page is written only if the issue has no page of its number (none stored: no row returned)."""
    columns = (
        "section, proofreader, raw, encoding, content_hash, source_name, line_count, ingested_at, "
        "reconstructed_json, needs_review, review_reason, headlines_used"
    )
    values = (
        "%(section)s, %(proofreader)s, %(raw)b, %(encoding)s, %(content_hash)s, %(source_name)s, "
        "%(line_count)s, %(ingested_at)s, %(json)s::jsonb, false, '', '{}'"
    )
    if replace:
        page = f"UPDATE {_PAGE} SET ({columns}) = ({values}) WHERE id = %(page_id)s RETURNING id, issue_id"
        ctes = [f"page AS ({page})"]
    else:
        issue = (
            "SELECT %(issue_id)s::bigint AS id"
            if issue_known
            else f"INSERT INTO {_ISSUE} (newspaper_id, date) VALUES (%(newspaper_id)s, %(date)s) "
            "ON CONFLICT (newspaper_id, date) DO UPDATE SET date = EXCLUDED.date RETURNING id"
        )
        # Two processes inserting the same page at once: the second waits for the first to commit, then
        # inserts nothing (so none of the rows below either) rather than failing on the unique constraint.
        absent = " ON CONFLICT (issue_id, number) DO NOTHING"
        page = (
            f"INSERT INTO {_PAGE} (issue_id, number, {columns}) "
            f"SELECT issue.id, %(number)s, {values} FROM issue{absent if if_absent else ''} RETURNING id, issue_id"
        )
        ctes = [f"issue AS ({issue})", f"page AS ({page})"]
    sequence = _sequence(_ARTICLE)
    ctes.append(f"ids AS (SELECT nextval('{sequence}') AS id, n FROM generate_series(1, %(articles)s) AS n)")
    for name, rows in _rows().items():
        record = ", ".join(f"{connection.ops.quote_name(column)} {kind}" for column, kind in rows.record)
        # Beside the articles: their vectors, in PostgreSQL's binary form (%b: as %s psycopg would send
        # bytea), and their regions' ids.
        vectors = (
            " JOIN unnest(%(vectors)b::tsvector[], %(regions)s::bigint[]) WITH ORDINALITY AS v(vector, region, n)"
            " ON v.n = r.n"
        )
        ctes.append(
            f"{name} AS (INSERT INTO {rows.table} ({', '.join(rows.columns)}) SELECT {', '.join(rows.values)} "
            f"FROM page CROSS JOIN ROWS FROM (json_to_recordset(%({name})s::json) AS ({record})) "
            f"WITH ORDINALITY AS r JOIN ids ON ids.n = r.n{vectors if name == 'article' else ''} "
            "ORDER BY r.ordinality)"  # rows get their ids in the page's order, as they did one by one
        )
    others = f"EXISTS (SELECT FROM {_PAGE} o WHERE o.issue_id = page.issue_id AND o.id <> page.id)"
    # Kept under 4,096 characters: psycopg converts the placeholders of a longer statement anew each time
    # it runs, which cost the writer ~0.5 ms a page (tests/test_ingest_speedups.py).
    return f"WITH {', '.join(ctes)} SELECT page.id, page.issue_id, {others} FROM page"


@functools.cache
def _sequence(table: str) -> str:
    """The sequence of a table's id column."""
    with _cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        return cursor.fetchone()[0]


@dataclass(frozen=True)
class _Rows:
    """How _page_sql inserts one table's rows: from a JSON array of objects read as records r (`record`:
    their keys and SQL types; r.n is the article's number on the page, 1…), as `values` over r, `page`,
    `ids` (the article's id) and, for articles, v.vector and v.region."""

    table: str
    record: tuple[tuple[str, str], ...]
    columns: tuple[str, ...]
    values: tuple[str, ...]


@functools.cache
def _rows() -> dict[str, _Rows]:
    def rows(model: type[django_models.Model], record: tuple[tuple[str, str], ...], **values: str) -> _Rows:
        given = {key for key, _ in record}
        columns, exprs = [], []
        for f in model._meta.concrete_fields:
            if f.attname == "id" and "id" not in values:
                continue
            columns.append(connection.ops.quote_name(f.column))
            if f.attname in values:
                exprs.append(values[f.attname])
            elif f.name in given:
                exprs.append(f"r.{connection.ops.quote_name(f.name)}")
            elif f.null:  # a link or a merge: none yet
                exprs.append("NULL")
            elif f.get_default() is False:  # edited, link_manual
                exprs.append("false")
            else:
                raise ImproperlyConfigured(f"ingest writes no value for {model.__name__}.{f.attname}")
        return _Rows(model._meta.db_table, record, tuple(columns), tuple(exprs))

    def typed(model: type[django_models.Model], *names: str) -> tuple[tuple[str, str], ...]:
        return (("n", "int"), *((name, model._meta.get_field(name).db_type(connection)) for name in names))

    article_fields = (
        "position",
        "kind",
        "kicker",
        "title",
        "subtitle",
        "labels",
        "dateline_place",
        "dateline_date",
        "dateline_agency",
        "region_name",
        "place_names",
        "continued_from_page",
        "continued_to_page",
        "headline_lines",
        "confidence_headline",
        "confidence_lead",
        "places_unresolved",
        "needs_review",
    )
    return {
        "article": rows(
            models.Article,
            (
                *typed(models.Article, *article_fields),
                ("title_text", "text"),  # the search texts, for PostgreSQL to make the vector of an article
                ("body_text", "text"),  # whose words search_vector_binary does not know; else null
            ),
            id="ids.id",
            page_id="page.id",
            region_id="v.region",
            search_vector=(
                "coalesce(v.vector, setweight(to_tsvector('simple', r.title_text), 'A') "
                "|| setweight(to_tsvector('simple', r.body_text), 'B'))"
            ),
        ),
        "paragraph": rows(
            models.Paragraph,
            typed(models.Paragraph, "position", "kind", "text", "line_start", "line_end"),
            article_id="ids.id",
        ),
        "byline": rows(models.Byline, typed(models.Byline, "person", "role", "order"), article_id="ids.id"),
        "link": rows(
            models.Article.places.through, typed(models.Article.places.through, "place"), article_id="ids.id"
        ),
    }


def _paragraphs_json(page: values.Page) -> str:
    """The page's paragraphs as _page_sql reads them (made in the engine's processes)."""
    return json.dumps(
        [
            {
                "n": n,
                "position": at,
                "kind": p.kind,
                "text": p.text,
                "line_start": p.lines[0],
                "line_end": p.lines[1],
            }
            for n, article in enumerate(page.articles, start=1)
            for at, p in enumerate(article.paragraphs, start=1)
        ],
        ensure_ascii=False,
    )


def _articles_json(page: values.Page, vectors: tuple[bytes | tuple[str, str], ...]) -> str:
    """The page's articles as _page_sql reads them (made in the engine's processes); their region, bylines
    and places are rows of the database, looked up by the writer (_rows_params)."""
    rows = []
    for n, (article, vector) in enumerate(zip(page.articles, vectors, strict=True), start=1):
        dateline = article.dateline
        title_text, body_text = (None, None) if isinstance(vector, bytes) else vector
        rows.append(
            {
                "n": n,
                "position": article.position,
                "kind": article.kind,
                "kicker": article.kicker or "",
                "title": article.title or "",
                "subtitle": article.subtitle or "",
                "labels": article.labels,
                "dateline_place": (dateline.place or "") if dateline else "",
                "dateline_date": (dateline.date or "") if dateline else "",
                "dateline_agency": dateline.agency if dateline else "",
                "region_name": article.region or "",
                "place_names": article.places,
                "continued_from_page": article.continued_from_page,
                "continued_to_page": article.continued_to_page,
                "headline_lines": article.headline_lines,
                "confidence_headline": article.confidence.headline,
                "confidence_lead": article.confidence.lead,
                "places_unresolved": article.confidence.places_unresolved,
                "needs_review": article_needs_review(article),
                "title_text": title_text,
                "body_text": body_text,
            }
        )
    return json.dumps(rows, ensure_ascii=False)


def _rows_params(*, prepared: PreparedPage, cache: IngestCache, found: IngestCache) -> dict[str, object]:
    """What _page_sql writes a page's rows from: the prepared rows, and the ids of the people, regions
    and places they name."""
    people = _people_ids(
        names={name for credits in prepared.credits for name, _ in credits}, cache=cache, found=found
    )
    places = _PlaceLinker(cache=cache, found=found)
    regions: list[int | None] = []
    bylines: list[dict[str, object]] = []
    links: list[dict[str, object]] = []
    for n, (credits, (region, names)) in enumerate(
        zip(prepared.credits, prepared.places, strict=True), start=1
    ):
        regions.append(places.region_id(region) if region else None)
        bylines += [
            {"n": n, "person": people[name], "role": role, "order": order}
            for order, (name, role) in enumerate(credits, start=1)
        ]
        place_ids = dict.fromkeys(places.place_id(name, region=region) for name in names)
        links += [{"n": n, "place": place_id} for place_id in place_ids if place_id is not None]
    return {
        "articles": prepared.count,
        "article": prepared.articles,
        "vectors": [None if v is None else _TsVector(v) for v in prepared.vectors],
        "regions": regions,
        "paragraph": prepared.paragraphs,
        "byline": json.dumps(bylines, ensure_ascii=False),
        "link": json.dumps(links),
    }


def _continuations_flag(*, page: models.Page, source_name: str) -> None:
    """Before a page's articles go: articles of other pages an editor merged into them, or whose
    paragraphs an editor moved into them, would lose that text; flag them and their pages for review.
    (Their text stays in the corrections' snapshots.)"""
    merged = models.Article.objects.filter(merged_into__page=page).exclude(page=page)
    if not merged.exists():
        return
    reason = f"第{page.number}版被 {source_name} 替换，曾并入该版稿件的稿件需要核对"
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


def _newspaper_id(*, paper: str, cache: IngestCache, found: IngestCache) -> int:
    newspaper_id = cache.newspapers.get(paper)
    if newspaper_id is None:
        newspaper, _ = models.Newspaper.objects.get_or_create(
            name=paper, defaults={"slug": _newspaper_slug(paper)}
        )
        newspaper_id = found.newspapers[paper] = newspaper.pk
    return newspaper_id


def _newspaper_slug(name: str) -> str:
    base = slugify(name, allow_unicode=True) or "paper"
    slug, n = base, 1
    while models.Newspaper.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _search_vectors_compute(texts: list[tuple[int, str, str]]) -> None:
    """Have PostgreSQL make the search vectors of articles from their search texts (id, title, body)."""
    with _cursor() as cursor:
        cursor.execute(
            f"UPDATE {_ARTICLE} a SET search_vector = setweight(to_tsvector('simple', u.title), 'A') "
            "|| setweight(to_tsvector('simple', u.body), 'B') "
            "FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS u(id, title, body) WHERE a.id = u.id",
            [list(column) for column in zip(*texts, strict=True)],
        )


def article_search_refresh(*, article: models.Article) -> None:
    """Recompute an article's search vector from its headline and paragraphs and those of the parts that
    continue it on later pages (live articles whose `continues` is it, and theirs, in page order), so that
    a story is found by words on any of its pages; for corrections and jump links."""
    with connection.cursor() as cursor:
        cursor.execute(_STORY_TEXTS, [article.pk, jumps.MAX_PARTS])
        texts = [text for (text,) in cursor.fetchall()]
    title, body = search_text_for(title_parts=_title_parts(article), body="\n".join(texts))
    _search_vectors_compute([(article.pk, title, body)])


_STORY_TEXTS = f"""
    WITH RECURSIVE part(id, depth, path) AS (
        SELECT id, 0, ARRAY[id] FROM {_ARTICLE} WHERE id = %s
        UNION ALL
        SELECT a.id, part.depth + 1, part.path || a.id
        FROM part JOIN {_ARTICLE} a ON a.continues_id = part.id
        WHERE a.merged_into_id IS NULL AND a.id <> ALL(part.path) AND part.depth < %s
    )
    SELECT t.text
    FROM part
    JOIN {_ARTICLE} a ON a.id = part.id
    JOIN {_PAGE} p ON p.id = a.page_id
    JOIN {models.Paragraph._meta.db_table} t ON t.article_id = part.id
    ORDER BY part.depth > 0, p.number, a.position, t.position
"""


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
        # A spelling an editor merged into another person credits that person (editing.people_merge).
        kept = dict(
            models.Person.objects.filter(
                pk__in=[p.pk for p in people], merged_into__isnull=False
            ).values_list("pk", "merged_into_id")
        )
        for person in people:
            ids[person.name] = found.people[person.name] = kept.get(person.pk, person.pk)
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

    @staticmethod
    @functools.lru_cache(maxsize=20_000)  # the gazetteer is fixed: a name settles the same way every time
    def _one(name: str, *, level: str | None = None, region: str | None = None) -> Place | None:
        places = gazetteer()
        matches = places.lookup(name)
        matches = [p for p in matches if p.name == name] or matches  # a full name over a short form
        if level is not None:
            matches = [p for p in matches if p.level == level]
        if len(matches) > 1 and region is not None:
            matches = [p for p in matches if places.province_of(p).name == region]
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
    cache.issues.update(found.issues)
    cache.people.update(found.people)
    cache.places.update(found.places)
