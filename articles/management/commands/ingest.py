"""Load page files into the database: reconstruct each one and store its articles."""

from __future__ import annotations

import argparse
import datetime
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from articles import ingest
from articles.reconstruct.values import PageError

PROGRESS_EVERY = 50  # files
PARALLEL_FROM = 8  # files: below this, starting engine processes costs more than it saves


class Command(BaseCommand):
    help = (
        "Reconstruct page files of one newspaper and store their articles, one transaction per page. "
        "The issue date and page number come from each file's name, "
        f"{ingest.PAGE_NAME_PATTERNS}, unless --date / --page are given. "
        "The same file again changes nothing; a changed file replaces the page's articles, unless "
        "editors changed some, when the page is kept and marked for review (--force replaces it; the "
        "old file and the editors' corrections stay retrievable). A bad file is reported "
        "and skipped; the command exits 1 if any file failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="Page files (text).")
        parser.add_argument(
            "--paper", required=True, help="The newspaper's name, as it should appear: 法治日报."
        )
        parser.add_argument(
            "--date",
            type=_date_argument,
            help="The issue date, YYYY-MM-DD, for every file; overrides the date in file names.",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=min(2, os.cpu_count() or 1),
            help="Processes that run the engine ahead of the writer on batches (default: up to 2; 1 = none).",
        )
        parser.add_argument(
            "--page",
            type=_page_argument,
            help="The page number; only with a single file. Overrides the number in its name.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace changed pages even where editors corrected articles. The old file is kept as a "
            "version of the page and the corrections stay in its history, but the articles are the "
            "engine's again.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[Path] = options["files"]
        if options["page"] is not None and len(files) > 1:
            raise CommandError(f"--page applies to a single file, but {len(files)} files were given")
        paper: str = options["paper"].strip()
        if not paper:
            raise CommandError("--paper must name the newspaper")

        counts: Counter[str] = Counter()
        started = time.monotonic()
        jobs = (_job(path=path, paper=paper, options=options) for path in files)
        workers = options["jobs"] if len(files) >= PARALLEL_FROM else 1
        results = ingest.pages_ingest(jobs=jobs, workers=max(1, workers), force=options["force"])
        for n, (job, result) in enumerate(results, start=1):
            status = self._report(job=job, result=result, options=options)
            counts[status] += 1
            if len(files) > PROGRESS_EVERY and (n % PROGRESS_EVERY == 0 or n == len(files)):
                rate = n / max(time.monotonic() - started, 1e-9)
                self.stderr.write(f"[{n}/{len(files)} files, {rate:.0f} files/s]")

        total = len(files)
        summary = (
            f"{total} page{'s' if total != 1 else ''}: {counts[ingest.CREATED]} created, "
            f"{counts[ingest.UNCHANGED]} unchanged, {counts[ingest.REPLACED]} replaced, "
        )
        if counts[ingest.NEEDS_REVIEW]:
            summary += f"{counts[ingest.NEEDS_REVIEW]} kept for review, "
        self.stdout.write(summary + f"{counts['failed']} failed")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} of {total} files failed", returncode=1)

    def _report(
        self,
        *,
        job: ingest.PageJob | _BadFile,
        result: ingest.IngestResult | Exception,
        options: dict[str, Any],
    ) -> str:
        """Say how one file went on one line; return its status, or "failed"."""
        label = job.label
        if isinstance(result, PageError):
            self.stderr.write(f"{label}: {result}")
            return "failed"
        if isinstance(result, DatabaseError):
            self.stderr.write(f"{label}: not stored, database error: {_first_line(result)}")
            return "failed"
        if isinstance(result, Exception):
            if options["traceback"]:
                raise result
            self.stderr.write(
                f"{label}: not stored, unexpected {type(result).__name__}: {_first_line(result)} "
                "(a bug: rerun with --traceback and report it)"
            )
            return "failed"
        assert isinstance(job, ingest.PageJob)
        where = f"({job.paper} {job.date:%Y-%m-%d} page {job.number})"
        if result.status == ingest.CREATED:
            line = f"created {result.article_count} articles {where}"
        elif result.status == ingest.REPLACED:
            line = f"replaced, now {result.article_count} articles {where}"
            if result.corrections_kept:
                line += (
                    f"; {result.corrections_kept} editor's correction{'s' if result.corrections_kept != 1 else ''}"
                    " of the old version stay in the page's history"
                )
        elif result.status == ingest.NEEDS_REVIEW:
            line = (
                f"kept for review: the file changed but editors changed the page {where}; it needs an "
                "editor's look; rerun with --force to replace it (the corrected version stays retrievable)"
            )
        else:
            line = f"unchanged {where}"
        if options["verbosity"] >= 1:
            self.stdout.write(f"{label}: {line}")
        return result.status


class _BadFile(PageError):
    """A file that cannot even be addressed (no date in its name, …): reported like any bad file."""

    def __init__(self, label: str, reason: str) -> None:
        super().__init__(reason)
        self.label = label


def _job(*, path: Path, paper: str, options: dict[str, Any]) -> ingest.PageJob | _BadFile:
    try:
        date, number = _page_address(path=path, date=options["date"], page=options["page"])
    except PageError as exc:
        return _BadFile(str(path), str(exc))
    return ingest.PageJob(
        label=str(path), path=path, paper=paper, date=date, number=number, source_name=_source_name(path)
    )


def _page_address(*, path: Path, date: datetime.date | None, page: int | None) -> tuple[datetime.date, int]:
    """The issue date and page number of a file: from the options, else from its name."""
    name_date, name_page = ingest.page_name_parse(path=path)
    if date is None:
        if name_date is None:
            raise PageError(f"no date in the file name; name it {ingest.PAGE_NAME_PATTERNS}, or pass --date")
        date = ingest.issue_date_parse(name_date)
    if page is None:
        if name_page is None:
            raise PageError(
                f"no page number in the file name; name it {ingest.PAGE_NAME_PATTERNS}, or pass --page"
            )
        page = ingest.page_number_parse(name_page)
    return date, page


def _source_name(path: Path) -> str:
    """The file name, with its date folder when the folder is what dates it: 2025-01-24/02.txt."""
    if ingest.PAGE_DIR_NAME.match(path.parent.name) and ingest.PAGE_NUMBER_NAME.match(path.name):
        return f"{path.parent.name}/{path.name}"
    return path.name


def _date_argument(text: str) -> datetime.date:
    try:
        return ingest.issue_date_parse(text)
    except PageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _page_argument(text: str) -> int:
    try:
        return ingest.page_number_parse(text)
    except PageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [""])[0]
