"""Faults an operator meets while the archive runs: writers side by side, hostile requests and files."""

from __future__ import annotations

import datetime
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from articles import ingest, models
from articles.reconstruct import page as page_module
from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.values import PageError

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"
PAPER = "法治日报"
DATE = datetime.date(2025, 1, 24)
ATOM = "{http://www.w3.org/2005/Atom}"


def _at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads of their own (each its own database session), started together; their
    results or exceptions, in order."""
    start = threading.Barrier(len(calls))
    out: list[Any] = [None] * len(calls)

    def run(n: int) -> None:
        try:
            start.wait()
            out[n] = calls[n]()
        except Exception as exc:  # reported to the test
            out[n] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return out


@pytest.mark.django_db(transaction=True)
def test_the_same_page_ingested_by_two_writers_at_once_is_stored_once_and_both_succeed() -> None:
    data = SEED.read_bytes()

    def ingest_it() -> str:
        result = ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=data, source_name=SEED.name)
        return result.status

    statuses = _at_once(ingest_it, ingest_it)
    assert sorted(statuses) == [ingest.CREATED, ingest.UNCHANGED]
    assert models.Page.objects.count() == 1
    alone = len(reconstruct_page(data).articles)
    assert models.Article.objects.count() == alone


@pytest.mark.django_db
def test_a_search_whose_result_vanishes_while_it_runs_shows_the_others(client: Client) -> None:
    # A page re-ingested beside a search deletes the articles the search has just ranked: the query that
    # fetches them finds one fewer. Here the delete runs right before that query, on the same session.
    ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=SEED.read_bytes(), source_name=SEED.name)
    deleted: list[int] = []

    def delete_first_ranked(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        ids = next((p for p in params or () if isinstance(p, list) and p and isinstance(p[0], int)), None)
        if ids and not deleted and "articles_article" in sql:
            deleted.append(ids[0])
            models.Article.objects.filter(pk=ids[0]).delete()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(delete_first_ranked):
        response = client.get("/search/", {"q": "法治"})
    assert deleted
    assert response.status_code == 200
    shown = [hit.article.pk for hit in response.context["results"].hits]
    assert shown and deleted[0] not in shown
    assert f"/articles/{shown[0]}/" in response.content.decode()


@pytest.mark.django_db
def test_markup_in_a_page_reaches_feed_readers_as_text_not_markup(client: Client) -> None:
    page = "\n".join(
        [
            "法治要闻",
            "　　本报讯 记者王明 今天召开法治工作会议，会议总结了过去一年的工作，部署了今年的任务。"
            '<script>alert(1)</script>"><img src=x onerror=alert(1)>',
        ]
    )
    ingest.page_ingest(
        paper=PAPER, date=DATE, number=1, data=page.encode(), source_name="x_2025-01-24_01.txt"
    )
    feed = ET.fromstring(client.get("/feed/").content)
    summary = feed.find(f"{ATOM}entry/{ATOM}summary")
    assert summary is not None and summary.get("type") == "html"
    # What a feed reader renders as HTML: escaped markup, shown as the characters the page printed.
    assert "<script>" not in summary.text and "<img" not in summary.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/%00/2025-01-24/",
        "/%E6%B3%95%00/2025-01-24/1/",
        "/%0A%0D/",
        "/search/?q=%00",
        "/search/?q=%E4%BF%A1%00%E7%94%A8",
        "/articles/1/?q=%00",
        "/admin/articles/article/?q=%00",
        "/reporters/?page=%00",
    ],
)
def test_control_characters_in_a_request_get_a_client_error_not_a_500(client: Client, path: str) -> None:
    ingest.page_ingest(paper=PAPER, date=DATE, number=2, data=SEED.read_bytes(), source_name=SEED.name)
    response = client.get(path)
    assert response.status_code == 400
    assert "地址有误" in response.content.decode()


def _ingest_file(path: Path) -> tuple[str, str, int]:
    """`manage.py ingest FILE --paper 法治日报` as an operator runs it: (stdout, stderr, exit code)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", str(path), "--paper", PAPER, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), f"{err.getvalue()}{exc}", exc.returncode
    return out.getvalue(), err.getvalue(), 0


PAIR = "依法治国新篇章第{n}号\n　　本报讯 今天召开全面推进依法治国工作会议，部署今年的任务。\n"
HOSTILE = {
    # 19,999 lines of one character: nothing but "headlines".
    "one character repeated": "法\n" * 19_999,
    # Thousands of one headline line.
    "one headline repeated": "全面推进依法治国\n" * 5_000,
    # Headline/story pairs up to the line limit (~1.6 MB): matching every headline to every story would
    # cost gigabytes and minutes.
    "ten thousand stories": "".join(PAIR.format(n=n) for n in range(9_995)),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_file_no_newspaper_prints_is_refused_and_keeps_the_stored_page(tmp_path: Path, kind: str) -> None:
    real = tmp_path / "fazhi_2025-01-24_02.txt"
    real.write_bytes(SEED.read_bytes())
    _ingest_file(real)
    stored = list(models.Article.objects.values_list("pk", "title"))

    real.write_text(HOSTILE[kind], encoding="utf-8")
    out, err, code = _ingest_file(real)
    assert code == 1
    assert "一个版面容纳不下" in err or "读不出任何稿件" in err
    assert "Traceback" not in out + err
    assert list(models.Article.objects.values_list("pk", "title")) == stored


@pytest.mark.django_db
def test_a_new_file_with_far_fewer_stories_is_held_for_review_not_stored_over_the_page(
    tmp_path: Path,
) -> None:
    real = tmp_path / "fazhi_2025-01-24_02.txt"
    real.write_bytes(SEED.read_bytes())
    _ingest_file(real)
    stored = list(models.Article.objects.values_list("pk", "title"))

    real.write_text("依法治国新篇章\n" + PAIR.format(n=1).split("\n", 1)[1], encoding="utf-8")
    out, _, code = _ingest_file(real)
    page = models.Page.objects.get()
    assert page.needs_review and "只读出 1 篇稿件" in page.review_reason
    assert list(models.Article.objects.values_list("pk", "title")) == stored


JUMPS = Path(__file__).resolve().parent.parent / "fixtures" / "jumps"


@pytest.mark.django_db(transaction=True)
def test_the_pages_of_one_issue_ingested_at_once_are_linked_as_one_after_the_other() -> None:
    # Page 1 holds beginnings that jump to page 2; each page's ingest links what the other holds, so two
    # writers at once must not each miss the other's page.
    def ingest_page(number: int) -> Callable[[], str]:
        path = JUMPS / f"jump_2025-01-25_0{number}.txt"
        date = datetime.date(2025, 1, 25)
        return lambda: (
            ingest.page_ingest(
                paper="跨版示例", date=date, number=number, data=path.read_bytes(), source_name=path.name
            ).status
        )

    # The issue is there already (a third page came first): nothing about it is being created.
    ingest.page_ingest(
        paper="跨版示例",
        date=datetime.date(2025, 1, 25),
        number=3,
        data=SEED.read_bytes(),
        source_name=SEED.name,
    )
    assert _at_once(ingest_page(1), ingest_page(2)) == [ingest.CREATED, ingest.CREATED]
    linked = models.Article.objects.filter(continues__isnull=False).count()
    assert linked == 3  # the three jumps of the sample issue, as when its pages come one after the other


def test_a_text_of_more_headline_lines_than_a_page_holds_is_refused_before_it_is_cut_into_stories(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Cutting ten thousand stories alike into stories took 40 s before the refusal, so long that the
    # database ended the ingest's transaction. The headline lines are counted first now.
    def no_cut(*_: object) -> None:
        raise AssertionError("the text was cut into stories before it was refused")

    monkeypatch.setattr(page_module.cut, "page", no_cut)
    with pytest.raises(PageError, match="行标题，一个版面容纳不下"):
        page_module.reconstruct_page(
            "".join(PAIR.format(n=n) for n in range(page_module.MAX_HEADLINE_LINES + 1))
        )
