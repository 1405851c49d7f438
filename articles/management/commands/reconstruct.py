"""Show what the engine makes of one page file. Touches no database: it works with the database down."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.ingest import page_file_read
from articles.reconstruct import values
from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.values import PageError


class Command(BaseCommand):
    help = (
        "Reconstruct the articles of one page file (raw text of a printed newspaper page) and print "
        "them: a one-line summary per article, or the engine's JSON with --json. Reads no database."
    )
    requires_system_checks: list[str] = []  # a pure command: nothing to check, nothing to connect to

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The page file: text, UTF-8 or GB18030.")
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print the whole reconstruction as JSON (the page, its articles and paragraphs).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            page = reconstruct_page(page_file_read(path=path))
        except PageError as exc:
            raise CommandError(f"{path}: {exc}") from None
        page = dataclasses.replace(page, source=path.name)
        if options["json"]:
            self.stdout.write(json.dumps(page.to_json(), ensure_ascii=False, indent=2))
        else:
            self._summary_write(page)

    def _summary_write(self, page: values.Page) -> None:
        self.stdout.write(
            f"{page.source}: {len(page.articles)} articles, {page.line_count} lines, "
            f"{page.encoding}, section {page.section or '-'}, proofreader {page.proofreader or '-'}"
        )
        for article in page.articles:
            bylines = ", ".join(f"{b.name} ({b.role})" for b in article.bylines) or "-"
            lines = "lines {}-{}".format(*article.lines) if article.paragraphs else "no text"
            self.stdout.write(
                f"{article.position:>3} {article.kind:<10} {_headline(article)} | {bylines} | "
                f"{article.region or '-'} | {lines}"
            )
        if page.unmatched_headlines:
            unmatched = " / ".join(h.text for h in page.unmatched_headlines)
            self.stdout.write(f"unmatched headlines: {unmatched}")


def _headline(article: values.Article) -> str:
    if article.title:
        return article.title
    if article.continued_from_page is not None:
        return f"(continued from page {article.continued_from_page})"
    return "(no headline)"
