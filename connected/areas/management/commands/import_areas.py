"""`manage.py import_areas [--data-dir DIR] [--if-empty] [--reach-km KM]`: load the area inputs and compute."""

from __future__ import annotations

import csv
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from connected.areas.inputs import InputError
from connected.areas.models import SmallAreaFigures
from connected.areas.refresh import STEPS, refresh_figures
from connected.areas.supply import REACH_KM
from connected.core.geography_reference import OUTCODES, load_areas, load_outcodes
from connected.core.models import LsoaCentroid, OutcodeCentroid


class Command(BaseCommand):
    help = (
        "Load the open inputs in DATA_DIR/areas (deprivation, population, census tables, public health context) "
        "with the LSOA centroids and lookups in DATA_DIR/geography, and compute every area's loneliness risk, "
        "supply and unmet need. Replaces the figures held; running it twice gives the same tables."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--data-dir", type=Path, default=Path(settings.SHARED_DIR) / "data")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if figures are already held.")
        parser.add_argument("--reach-km", type=float, default=REACH_KM, help=f"Reach (default {REACH_KM} km).")

    def handle(self, *args, data_dir: Path, if_empty: bool, reach_km: float, **options) -> None:
        from tqdm import tqdm

        if if_empty and SmallAreaFigures.objects.exists():
            self.stdout.write("Area figures already computed; skipped (--if-empty).")
            return
        if not 0.2 <= reach_km <= 50:
            raise CommandError(f"--reach-km must be between 0.2 and 50 km, not {reach_km}.")
        progress = options.get("verbosity", 1) >= 1
        try:
            self._reference(data_dir, progress=progress)
            with tqdm(total=len(STEPS), desc="areas", disable=not progress) as bar:

                def step(name: str) -> None:
                    bar.set_postfix_str(name)
                    if bar.n < len(STEPS) and name != STEPS[0]:
                        bar.update(1)

                done = refresh_figures(data_dir, reach_km=reach_km, step=step)
                bar.update(len(STEPS) - bar.n)
        except (InputError, OSError, KeyError, ValueError, csv.Error) as error:
            raise CommandError(
                f"Could not load the area inputs from {data_dir}: {error}. Nothing was changed."
            ) from error
        if progress:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Computed {done.small_areas:,} small areas and {done.authorities:,} local authorities against "
                    f"{done.places:,} activity places in {done.seconds:.1f} s."
                )
            )

    def _reference(self, data_dir: Path, *, progress: bool) -> None:
        """Core's LSOA centroids and authorities, and the outcode centres schemes' coverage needs, if missing."""
        if not LsoaCentroid.objects.exists():
            authorities, lsoas = load_areas(data_dir)
            if progress:
                self.stdout.write(f"Loaded {lsoas:,} LSOA centroids and {authorities:,} local authorities.")
        if not OutcodeCentroid.objects.exists() and (data_dir / OUTCODES).is_file():
            count = load_outcodes(data_dir)
            if progress:
                self.stdout.write(f"Loaded {count:,} outcode centroids.")
