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
        return FileOutcome(label, FAILED, f"没有写入，数据库出错：{_first_line(result)}", error=result)
    if isinstance(result, Exception):
        message = f"没有写入，程序出错（{type(result).__name__}）：{_first_line(result)}"
        return FileOutcome(label, FAILED, message, error=result)
    assert isinstance(job, PageJob)
    return FileOutcome(label, result.status, _stored_line(job, result), job=job, result=result)


def batch_summary(counts: Counter[str]) -> str:
    """The line that ends a batch: '共 3 个文件：已新建 2，未改动 0，已替换 0，未收入 1'."""
    summary = (
        f"共 {counts.total()} 个文件：已新建 {counts[CREATED]}，未改动 {counts[UNCHANGED]}，"
        f"已替换 {counts[REPLACED]}，"
    )
    if counts[NEEDS_REVIEW]:
        summary += f"待审核 {counts[NEEDS_REVIEW]}，"
    return summary + f"未收入 {counts[FAILED]}"


def _stored_line(job: PageJob, result: IngestResult) -> str:
    where = f"（{job.paper} {job.date:%Y-%m-%d} 第{job.number}版）"
    if result.status == CREATED:
        return f"已新建，{result.article_count} 篇稿件{where}"
    if result.status == REPLACED:
        line = f"已替换，现有 {result.article_count} 篇稿件{where}"
        if result.corrections_kept:
            line += f"；旧版本上编辑的 {result.corrections_kept} 条更正留在版面的历史中"
        return line
    if result.status == NEEDS_REVIEW:
        return (
            f"待审核：文件有变，但编辑改过本版稿件{where}，需要编辑查看；如要替换，加 --force 重新导入"
            "（编辑改过的版本仍可查）"
        )
    return f"未改动：与已收入的文件相同{where}"


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [""])[0]
