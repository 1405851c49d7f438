"""Reconstructed pages into rows: one page, one transaction.

The engine runs before anything is written, so input that is not a page (PageError) writes nothing.

- files: a file's name → its paper's issue date and page number; the size a page may have.
- prepare: the engine's page → plain row values (no database; made in the engine's processes).
- batch: a batch of files, the engine in other processes ahead of the writer, results in order.
- writer: a page's rows with the ORM, in one transaction.
- report: each file's outcome in the words the command prints and the admin's upload page shows.

What callers use is here: `from articles import ingest`, then `ingest.page_ingest(...)`.
"""

from __future__ import annotations

from articles.ingest.batch import BadFile, PageJob, page_job, pages_ingest
from articles.ingest.files import (
    MAX_PAGE_BYTES,
    PAGE_DIR_NAME,
    PAGE_FILE_NAME,
    PAGE_NAME_PATTERNS,
    PAGE_NUMBER_NAME,
    issue_date_parse,
    page_address,
    page_file_read,
    page_name_parse,
    page_number_parse,
    page_source_name,
)
from articles.ingest.prepare import PreparedArticle, PreparedPage, article_needs_review, page_prepare
from articles.ingest.report import FAILED, FileOutcome, batch_summary, file_outcome
from articles.ingest.writer import (
    CREATED,
    NEEDS_REVIEW,
    REPLACED,
    UNCHANGED,
    IngestCache,
    IngestResult,
    page_ingest,
    page_store,
)

__all__ = [
    "CREATED",
    "FAILED",
    "MAX_PAGE_BYTES",
    "NEEDS_REVIEW",
    "PAGE_DIR_NAME",
    "PAGE_FILE_NAME",
    "PAGE_NAME_PATTERNS",
    "PAGE_NUMBER_NAME",
    "REPLACED",
    "UNCHANGED",
    "BadFile",
    "FileOutcome",
    "IngestCache",
    "IngestResult",
    "PageJob",
    "PreparedArticle",
    "PreparedPage",
    "article_needs_review",
    "batch_summary",
    "file_outcome",
    "issue_date_parse",
    "page_address",
    "page_file_read",
    "page_ingest",
    "page_job",
    "page_name_parse",
    "page_number_parse",
    "page_prepare",
    "page_source_name",
    "page_store",
    "pages_ingest",
]
