"""Batches: the engine in other processes, a few pages ahead of the one writer, and the results in the order
of the files.

A page whose stored bytes are the same is never sent to the engine: one query reads the stored hashes of a
few files at a time. Each page is then written in its own transaction (writer.page_write), so a file that
fails leaves nothing behind and the batch goes on.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import datetime
import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError
from django.db.models import Q

from articles import models
from articles.ingest.files import content_digest, page_address, page_file_read, page_source_name
from articles.ingest.prepare import PreparedPage, page_prepare
from articles.ingest.writer import IngestCache, IngestResult, page_write
from articles.reconstruct.values import PageError


@dataclass(frozen=True)
class PageJob:
    """One file of a batch: where it is and where it goes."""

    label: str  # how the user named the file, for messages
    path: Path
    paper: str
    date: datetime.date
    number: int
    source_name: str


class BadFile(PageError):
    """A file of a batch that cannot even be addressed (no date in its name, …): reported like any bad file."""

    def __init__(self, label: str, reason: str) -> None:
        super().__init__(reason)
        self.label = label


def page_job(
    *,
    name: Path,
    path: Path | None = None,
    paper: str,
    date: datetime.date | None = None,
    number: int | None = None,
    date_hint: str,
    page_hint: str,
) -> PageJob | BadFile:
    """A batch's job for the file a user calls `name` (its bytes at `path`, when elsewhere): the paper's
    issue date and page number as given, else from the name (files.page_address); a BadFile saying why
    when there are none."""
    try:
        date, number = page_address(
            name=name, date=date, number=number, date_hint=date_hint, page_hint=page_hint
        )
    except PageError as exc:
        return BadFile(str(name), str(exc))
    return PageJob(
        label=str(name),
        path=path or name,
        paper=paper,
        date=date,
        number=number,
        source_name=page_source_name(name),
    )


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


CHECK_AHEAD = 4  # jobs whose stored pages one query looks up, and one engine task prepares
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
    sent: list[tuple[int, bytes, str]] = []  # the pages for the engine: one task for all, not one each
    for n, job in enumerate(jobs):
        data = files.get(n)
        if not isinstance(job, PageJob):
            started.append(None)
        elif not isinstance(data, bytes):
            started.append(data)
        elif isinstance(hashes, DatabaseError):
            started.append(hashes)
        elif hashes[n] is not None and hashes[n] == content_digest(data):
            started.append(data)
        else:
            started.append(None)  # started below
            sent.append((n, data, job.source_name))
    if sent:
        future = pool.submit(_pages_prepare, [(data, source_name) for _, data, source_name in sent])
        for index, (n, data, _) in enumerate(sent):
            started[n] = _Started(future, index, data)
    return started


def _stored_hashes(jobs: list[PageJob]) -> list[str | None]:
    """The content hash of each job's stored page (None where there is none), in one query."""
    if not jobs:
        return []
    where = Q()
    for job in jobs:
        where |= Q(issue__newspaper__name=job.paper, issue__date=job.date, number=job.number)
    stored = {
        (paper, date, number): digest
        for paper, date, number, digest in models.Page.objects.filter(where).values_list(
            "issue__newspaper__name", "issue__date", "number", "content_hash"
        )
    }
    return [stored.get((job.paper, job.date, job.number)) for job in jobs]


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
            data, prepared = started.data, started.prepared()
        else:
            data, prepared = started, None
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


def _job_store(
    job: PageJob, *, data: bytes, prepared: PreparedPage | None, cache: IngestCache, force: bool = False
) -> IngestResult:
    return page_write(
        paper=job.paper,
        date=job.date,
        number=job.number,
        data=data,
        source_name=job.source_name,
        prepared=prepared,
        cache=cache,
        force=force,
    )
