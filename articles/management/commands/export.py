"""Print one issue's stored articles as JSON, in the engine's shape with database ids."""

from __future__ import annotations

import argparse
import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles import ingest, models
from articles.reconstruct.values import PageError


class Command(BaseCommand):
    help = (
        "Print the stored articles of one issue (or one page of it) as JSON: "
        '{"paper", "date", "pages": [{"number", "section", "proofreader", "source", "encoding", '
        '"articles": [...], "unmatched_headlines": [...]}]}, each article with its database "id".'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--paper", required=True, help="The newspaper's name: 法治日报.")
        parser.add_argument("--date", required=True, type=_date_argument, help="The issue date, YYYY-MM-DD.")
        parser.add_argument(
            "--page", type=int, help="Only this page number (default: every page of the issue)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paper: str = options["paper"]
        date: datetime.date = options["date"]
        number: int | None = options["page"]

        pages = models.Page.objects.for_issue(paper, date)
        if number is not None:
            pages = pages.filter(number=number)
        found = list(pages.in_print_order().with_articles().defer("raw"))
        if not found:
            raise CommandError(_nothing_found(paper=paper, date=date, number=number))
        document = found[0].issue.to_json(found)
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))


def _nothing_found(*, paper: str, date: datetime.date, number: int | None) -> str:
    """Say precisely what is missing: the paper, the issue, or the page."""
    if not models.Newspaper.objects.filter(name=paper).exists():
        known = ", ".join(models.Newspaper.objects.values_list("name", flat=True)[:10])
        return f"no newspaper named {paper!r} (known: {known or 'none yet'})"
    issue = models.Issue.objects.filter(newspaper__name=paper, date=date).first()
    if issue is None:
        return f"{paper} has no issue dated {date:%Y-%m-%d}"
    numbers = ", ".join(str(n) for n in issue.pages.order_by("number").values_list("number", flat=True))
    return f"{paper} {date:%Y-%m-%d} has no page {number} (pages: {numbers or 'none'})"


def _date_argument(text: str) -> datetime.date:
    try:
        return ingest.issue_date_parse(text)
    except PageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
