"""`manage.py import_postcodes FILE [--if-empty]`: load postcodes and the area reference data."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from connected.core.geography_import import ImportFileError, load_postcodes
from connected.core.geography_reference import load_areas, load_outcodes, reference_loaded
from connected.core.models import Postcode


class Command(BaseCommand):
    help = (
        "Load postcodes from the GB NSPL extract (postcode,lat,long; .csv or .csv.gz) or a full ONS Postcode "
        "Directory CSV (pcds, lat, long, laua, lsoa11/lsoa21, imd), replacing those held, plus the outcode "
        "centroids, LSOA centroids and local authorities from the shared open data."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="Postcode file: .csv, .csv.gz or an ONSPD .zip")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing for tables that already hold data.")
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=Path(settings.SHARED_DIR) / "data",
            help="Folder with postcodes/gb_outcode_centroids.csv and geography/ (default: SHARED_DIR/data).",
        )
        parser.add_argument("--no-reference", action="store_true", help="Load only the postcode file.")

    def handle(self, *args, file: Path, if_empty: bool, data_dir: Path, no_reference: bool, **options) -> None:
        if if_empty and Postcode.objects.exists():
            self.stdout.write("Postcodes already loaded; skipped (--if-empty).")
        else:
            self._postcodes(file, progress=options.get("verbosity", 1) >= 1)
        if no_reference:
            return
        if if_empty and reference_loaded():
            self.stdout.write("Outcodes and areas already loaded; skipped (--if-empty).")
            return
        try:
            outcodes = load_outcodes(data_dir)
            authorities, lsoas = load_areas(data_dir)
        except (OSError, KeyError, ValueError) as error:
            raise CommandError(f"Could not load the area data from {data_dir}: {error}") from error
        self.stdout.write(
            f"Loaded {outcodes:,} outcode centroids, {lsoas:,} LSOA centroids, {authorities:,} local authorities."
        )

    def _postcodes(self, file: Path, *, progress: bool) -> None:
        try:
            summary = load_postcodes(file, progress=progress)
        except ImportFileError as error:
            raise CommandError(f"{error}. Nothing was changed.") from error
        except (OSError, UnicodeDecodeError, csv.Error, zipfile.BadZipFile) as error:
            raise CommandError(f"Could not read {file} as a postcode file ({error}). Nothing was changed.") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {summary.loaded:,} postcodes ({summary.layout}) in {summary.seconds:.1f} s, "
                f"{summary.rows_per_second:,.0f} rows/s; {summary.without_position:,} have no position; "
                f"rows rejected: {summary.rejected:,}."
            )
        )
        for example in summary.rejected_examples:
            self.stdout.write(f"  rejected {example}")
