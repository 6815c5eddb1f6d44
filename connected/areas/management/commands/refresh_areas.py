"""`manage.py refresh_areas [--enqueue]`: recompute the area figures after the directory or schemes change."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from connected.areas.refresh import refresh_figures
from connected.areas.tasks import refresh_area_figures


class Command(BaseCommand):
    help = "Recompute supply and unmet need (and risk) for every area; --enqueue hands it to the task queue."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Run it through django-tasks' worker.")
        parser.add_argument("--data-dir", type=Path, default=Path(settings.SHARED_DIR) / "data")

    def handle(self, *args, enqueue: bool, data_dir: Path, **options) -> None:
        if enqueue:
            result = refresh_area_figures.enqueue(str(data_dir))
            self.stdout.write(f"Enqueued area refresh {result.id}.")
            return
        done = refresh_figures(data_dir)
        self.stdout.write(f"Refreshed {done.small_areas:,} small areas and {done.authorities:,} authorities.")
