"""Rebuild the whole search index from the directory tables (after a bulk load, or if it is ever in doubt)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from connected.directory import models as m
from connected.directory.search.index import refresh


class Command(BaseCommand):
    help = "Rebuild the search index for every active service (one row per service at location)."

    def handle(self, *args, **options):
        total = m.Service.objects.filter(status=m.Service.Status.ACTIVE, duplicate_of__isnull=True).count()
        started = time.perf_counter()
        with tqdm(total=total, unit="service", disable=options["verbosity"] == 0, file=self.stderr) as bar:
            rows = refresh(None, progress=bar.update)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Indexed {total} services as {rows} search rows in {elapsed:.1f}s.")
