"""Anonymise people whose last case closed longer ago than their scheme's retention period.

Run daily (cron or the task queue). `--dry-run` prints the count only; no names are printed.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand

from connected.casework.erasure import due_for_anonymising, person_erase


class Command(BaseCommand):
    help = "Anonymise records past their scheme's retention period after discharge."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (for testing)")

    def handle(self, *args, **options):
        due = due_for_anonymising(today=options["today"])
        if not options["dry_run"]:
            for person in due:
                person_erase(person=person, by="retention", why="retention rule")
        verb = "would be" if options["dry_run"] else "were"
        self.stdout.write(f"{len(due)} record(s) {verb} anonymised")
