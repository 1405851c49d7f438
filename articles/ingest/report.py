"""How each file of a batch went, in the words every way in to ingest uses: the `ingest` command prints
them, the admin's upload page shows them. One wording, so a file refused here is refused there for the
same reason in the same words.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import DatabaseError

from articles.ingest.batch import PageJob
from articles.ingest.writer import CREATED, NEEDS_REVIEW, REPLACED, UNCHANGED, IngestResult
from articles.reconstruct.values import PageError

FAILED = "failed"  # nothing was written for the file


@dataclass(frozen=True)
class FileOutcome:
    """One file's outcome: its status, a line saying it, and what it stored or why it stored nothing."""

    label: str  # how the user named the file
    status: str  # CREATED | REPLACED | UNCHANGED | NEEDS_REVIEW | FAILED
    message: str  # one line, to follow the label
    job: PageJob | None = None  # None for a file that could not be addressed
    result: IngestResult | None = None  # None when it failed
    error: Exception | None = None

    @property
    def unexpected(self) -> bool:
        """A failure that is neither a bad file nor the database's refusal: a bug."""
        return self.error is not None and not isinstance(self.error, PageError | DatabaseError)


def file_outcome(*, job: PageJob | PageError, result: IngestResult | Exception) -> FileOutcome:
    """What pages_ingest yielded for one file, as an outcome with its line (a refusal's is its reason)."""
    label = getattr(job, "label", "")
    if isinstance(result, PageError):
        return FileOutcome(label, FAILED, str(result), error=result)
    if isinstance(result, DatabaseError):
        return FileOutcome(label, FAILED, f"not stored, database error: {_first_line(result)}", error=result)
    if isinstance(result, Exception):
        message = f"not stored, unexpected {type(result).__name__}: {_first_line(result)}"
        return FileOutcome(label, FAILED, message, error=result)
    assert isinstance(job, PageJob)
    return FileOutcome(label, result.status, _stored_line(job, result), job=job, result=result)


def batch_summary(counts: Counter[str]) -> str:
    """The line that ends a batch: '3 pages: 2 created, 0 unchanged, 0 replaced, 1 failed'."""
    total = counts.total()
    summary = (
        f"{total} page{'s' if total != 1 else ''}: {counts[CREATED]} created, "
        f"{counts[UNCHANGED]} unchanged, {counts[REPLACED]} replaced, "
    )
    if counts[NEEDS_REVIEW]:
        summary += f"{counts[NEEDS_REVIEW]} kept for review, "
    return summary + f"{counts[FAILED]} failed"


def _stored_line(job: PageJob, result: IngestResult) -> str:
    where = f"({job.paper} {job.date:%Y-%m-%d} page {job.number})"
    if result.status == CREATED:
        return f"created {result.article_count} articles {where}"
    if result.status == REPLACED:
        line = f"replaced, now {result.article_count} articles {where}"
        if result.corrections_kept:
            line += (
                f"; {result.corrections_kept} editor's correction{'s' if result.corrections_kept != 1 else ''}"
                " of the old version stay in the page's history"
            )
        return line
    if result.status == NEEDS_REVIEW:
        return (
            f"kept for review: the file changed but editors changed the page {where}; it needs an "
            "editor's look; rerun with --force to replace it (the corrected version stays retrievable)"
        )
    return f"unchanged {where}"


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [""])[0]
