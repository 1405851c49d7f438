"""The upload page (上传版面): page files into the database through the browser, as `manage.py ingest` takes
them from the disk.

The same service does the work (articles.ingest: page_job, pages_ingest, file_outcome), so the rules and a
refused file's reason are the command's: each file is read from a temporary copy as the command reads one
from the disk, addressed from its name (or the date and page given), and stored in its own transaction; a
bad file writes nothing and the rest go on. The engine runs in this process (workers=1): a web worker does
not fork engine processes, and at about 40 pages a second a batch of the most files Django accepts in one
request (DATA_UPLOAD_MAX_NUMBER_FILES, 100) takes a few seconds. So the page is a plain form whose answer
lists each file's outcome; while it waits the browser says how many files are on their way.
"""

from __future__ import annotations

import functools
import logging
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import CsrfViewMiddleware
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from articles import ingest, models
from articles.admin.forms import UploadForm

log = logging.getLogger(__name__)

# The most bytes one upload may send: room for the most files Django takes in one request at a dense page's
# size, and for a file or two over ingest's limit to be refused by name (too large) rather than the request.
UPLOAD_MAX_BYTES = 10 * ingest.MAX_PAGE_BYTES
UPLOAD_PERMISSION = "articles.add_page"  # pages have no add form: adding a page is uploading its file

STATUS_NAMES = {
    ingest.CREATED: "已新建",
    ingest.REPLACED: "已替换",
    ingest.UNCHANGED: "未改动",
    ingest.NEEDS_REVIEW: "待审核",
    ingest.FAILED: "未收入",
}


@dataclass(frozen=True)
class FileRow:
    """One uploaded file's outcome as the page shows it."""

    outcome: ingest.FileOutcome
    status_name: str
    said: str
    page: models.Page | None

    @property
    def status(self) -> str:
        return self.outcome.status

    @property
    def admin_url(self) -> str:
        return reverse("admin:articles_page_change", args=[self.page.pk]) if self.page else ""

    @property
    def site_url(self) -> str:
        if self.page is None:
            return ""
        issue = self.page.issue
        return reverse("articles:page", args=[issue.newspaper.slug, issue.date, self.page.number])


def upload_view(model_admin: admin.ModelAdmin) -> Callable[..., HttpResponse]:
    """The page's view, behind the admin's login and staff check.

    CSRF is checked in the view, after the upload is read (pages_upload): the middleware would read it
    first, and an upload of more files than Django takes (TooManyFilesSent) would then end on the site's
    generic 400 page instead of this one saying what was wrong.
    """

    @functools.wraps(pages_upload)
    def view(request: HttpRequest) -> HttpResponse:
        return pages_upload(model_admin, request)

    return model_admin.admin_site.admin_view(csrf_exempt(view))


def pages_upload(model_admin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    """The form; on POST, each file ingested, and each file's outcome."""
    if not request.user.has_perm(UPLOAD_PERMISSION):
        raise PermissionDenied
    if request.method != "POST":
        return _render(model_admin, request, UploadForm(initial={"paper": _paper_last_used()}))
    refusal = _request_refusal(request)
    if refusal:
        return _render(model_admin, request, UploadForm(initial={"paper": _paper_last_used()}), error=refusal)
    csrf_failure = CsrfViewMiddleware(lambda _: HttpResponse()).process_view(request, None, (), {})
    if csrf_failure is not None:
        return csrf_failure
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(model_admin, request, form)
    rows = _files_ingest(form.cleaned_data)
    counts = Counter(row.status for row in rows)
    form = UploadForm(initial={"paper": form.cleaned_data["paper"]})
    return _render(model_admin, request, form, rows=rows, summary=_summary(counts))


def _request_refusal(request: HttpRequest) -> str:
    """Why the request cannot be read as an upload at all (too many files, too many bytes); "" if it can.
    Reading it here, before anything else does, is what lets the page say so."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > UPLOAD_MAX_BYTES:
        return (
            f"一次上传的文件太大（{length / 1024 / 1024:.1f} MB，上限 {UPLOAD_MAX_BYTES // 1024 // 1024} MB），"
            "没有收入任何文件。请分几次上传。"
        )
    try:
        request.POST, request.FILES  # noqa: B018 - reading the body is the point
    except TooManyFilesSent:
        return (
            f"一次最多上传 {settings.DATA_UPLOAD_MAX_NUMBER_FILES} 个文件，这次选得太多，"
            "没有收入任何文件。请分几次上传。"
        )
    except RequestDataTooBig:
        return "表单内容太大，没有收入任何文件。"
    except MultiPartParserError:
        return "上传没有完整送到（连接中断或格式有误），没有收入任何文件。请重新上传。"
    return ""


def _files_ingest(data: dict[str, Any]) -> list[FileRow]:
    """Each uploaded file through ingest, in the order given: its temporary copy read as a file on disk."""
    uploads = data["files"]
    with tempfile.TemporaryDirectory(prefix="newsroom-upload-") as folder:
        jobs = []
        for n, upload in enumerate(uploads):
            copy = Path(folder) / f"{n:04}.txt"
            with copy.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            jobs.append(
                ingest.page_job(
                    name=Path(upload.name),
                    path=copy,
                    paper=data["paper"],
                    date=data["date"],
                    number=data["number"],
                    date_hint="在表单里填写出版日期",
                    page_hint="在表单里填写版次",
                )
            )
        results = ingest.pages_ingest(jobs=jobs, workers=1, force=data["force"])
        outcomes = [ingest.file_outcome(job=job, result=result) for job, result in results]
    stored = {o.result.page.pk for o in outcomes if o.result is not None}
    pages = models.Page.objects.for_reading().in_bulk(stored)
    return [_row(o, pages.get(o.result.page.pk) if o.result is not None else None) for o in outcomes]


def _row(outcome: ingest.FileOutcome, page: models.Page | None) -> FileRow:
    result = outcome.result
    if result is None:
        said = f"没有写入：{outcome.message}"
        if outcome.unexpected:
            log.error("upload of %s failed", outcome.label, exc_info=outcome.error)
            said += "（程序出错，已记入日志，请报告）"
        return FileRow(outcome, STATUS_NAMES[ingest.FAILED], said, None)
    if result.status == ingest.CREATED:
        said = f"新建版面，{result.article_count} 篇稿件。"
    elif result.status == ingest.REPLACED:
        said = f"文件有变，已替换，现有 {result.article_count} 篇稿件。"
        if result.corrections_kept:
            said += f"旧版本上编辑的 {result.corrections_kept} 条更正留在版面的历史中。"
    elif result.status == ingest.NEEDS_REVIEW:
        said = f"{page.review_reason if page else ''}。（在本页勾选“强制替换”再上传即可替换。）"
    else:
        said = "与已收入的文件相同，没有改动。"
    return FileRow(outcome, STATUS_NAMES[result.status], said, page)


def _summary(counts: Counter[str]) -> str:
    parts = [f"{STATUS_NAMES[status]} {counts[status]} 个" for status in STATUS_NAMES if counts[status]]
    return f"共 {counts.total()} 个文件：{'，'.join(parts)}。"


def _paper_last_used() -> str:
    """The paper of the page ingested last: most uploads continue it."""
    page = models.Page.objects.select_related("issue__newspaper").order_by("-ingested_at").first()
    return page.issue.newspaper.name if page else ""


def _render(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    form: UploadForm,
    *,
    rows: list[FileRow] | None = None,
    summary: str = "",
    error: str = "",
) -> TemplateResponse:
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "上传版面",
        "form": form,
        "rows": rows,
        "summary": summary,
        "error": error,
        "papers": list(models.Newspaper.objects.order_by("name").values_list("name", flat=True)),
        "max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
        "max_bytes": UPLOAD_MAX_BYTES,
        "changelist_url": reverse("admin:articles_page_changelist"),
    }
    return TemplateResponse(request, "admin/articles/page/upload.html", context)
