"""Recount the kept story counts of people and places (articles/counts.py) and report any that differed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from articles.counts import counts_recount


class Command(BaseCommand):
    help = (
        "Recount every reporter's and place's story count from the articles, report each kept count that "
        "differed from the recount and set it right (exit status 1 when any differed, for monitoring)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Report the counts that differ without changing them."
        )
        parser.add_argument("--show", type=int, default=50, help="How many differences to list (default 50).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["show"] < 0:
            raise CommandError(f"--show must not be negative, not {options['show']}")
        with transaction.atomic():
            drifts = counts_recount(fix=not options["dry_run"])
        if not drifts:
            self.stdout.write(self.style.SUCCESS("Every kept count equals a recount."))
            return
        for d in drifts[: options["show"]]:
            kind = "署名人" if d.kind == "person" else "地名"
            self.stdout.write(f"{kind} {d.name}（#{d.pk}）: kept {d.kept}, counted {d.counted}")
        if len(drifts) > options["show"]:
            self.stdout.write(f"… and {len(drifts) - options['show']} more")
        done = "reported only (--dry-run)" if options["dry_run"] else "set right"
        raise CommandError(f"{len(drifts)} kept counts differed from a recount: {done}.", returncode=1)
