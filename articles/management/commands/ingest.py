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
            raise CommandError(f"--page 只能用于单个文件，这次给了 {len(files)} 个文件")
        paper: str = options["paper"].strip()
        if not paper:
            raise CommandError("--paper 必须写明报纸名称")

        counts: Counter[str] = Counter()
        started = time.monotonic()
        jobs = (
            ingest.page_job(
                name=path,
                paper=paper,
                date=options["date"],
                number=options["page"],
                date_hint="用 --date 指定",
                page_hint="用 --page 指定",
            )
            for path in files
        )
        workers = options["jobs"] if len(files) >= PARALLEL_FROM else 1
        results = ingest.pages_ingest(jobs=jobs, workers=max(1, workers), force=options["force"])
        for n, (job, result) in enumerate(results, start=1):
            outcome = ingest.file_outcome(job=job, result=result)
            self._report(outcome, options=options)
            counts[outcome.status] += 1
            if len(files) > PROGRESS_EVERY and (n % PROGRESS_EVERY == 0 or n == len(files)):
                rate = n / max(time.monotonic() - started, 1e-9)
                self.stderr.write(f"[{n}/{len(files)} 个文件，每秒 {rate:.0f} 个]")

        self.stdout.write(ingest.batch_summary(counts))
        if counts[ingest.FAILED]:
            raise CommandError(f"{len(files)} 个文件中有 {counts[ingest.FAILED]} 个未收入", returncode=1)

    def _report(self, outcome: ingest.FileOutcome, *, options: dict[str, Any]) -> None:
        """Say how one file went on one line: a failure on stderr, the rest on stdout (verbosity 1 up)."""
        if outcome.status != ingest.FAILED:
            if options["verbosity"] >= 1:
                self.stdout.write(f"{outcome.label}: {outcome.message}")
            return
        if outcome.unexpected:
            if options["traceback"]:
                raise outcome.error  # type: ignore[misc]
            self.stderr.write(
                f"{outcome.label}: {outcome.message}（程序出错：请加 --traceback 重新运行，并报告）"
            )
            return
        self.stderr.write(f"{outcome.label}: {outcome.message}")


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
