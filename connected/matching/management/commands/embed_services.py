"""Write every indexed listing's vector (ADR 0047): once after upgrading, or after the model table changes.

The index refresh keeps vectors in step from then on; this is the backfill for a directory indexed before.
"""

from __future__ import annotations

import time
from uuid import UUID

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from connected.directory.search.source import hexid
from connected.matching.vectors import store


class Command(BaseCommand):
    help = "Compute and store the sentence vector of every service in the search index."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SELECT DISTINCT service_id FROM directory_search_entry")
            ids = [hexid(r[0]) for r in cursor.fetchall()]
        with transaction.atomic():
            written = store([UUID(h) for h in ids], everything=True)
        self.stdout.write(f"{written} vectors in {time.perf_counter() - started:.1f} s")
