"""Remake every article's search vector (articles/search/index.py, search_reindex)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.search import search_reindex


class Command(BaseCommand):
    help = (
        "Remake the search vector of every stored article from its headline and text, as ingest and jump "
        "links make it now (migration 0013 does it once; run this after changing how articles are indexed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", type=int, default=500, help="Articles read and written together (default 500)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batch: int = options["batch"]
        if batch < 1:
            raise CommandError(f"--batch must be at least 1, not {batch}")
        verbosity: int = options["verbosity"]
        shown = [0]

        def progress(done: int, total: int) -> None:
            if verbosity >= 1 and (done == total or done - shown[0] >= 10_000):
                shown[0] = done
                self.stdout.write(f"search vectors: {done:,} of {total:,} articles")

        count = search_reindex(batch=batch, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Remade the search vectors of {count:,} articles."))
