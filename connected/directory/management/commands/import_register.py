"""`python manage.py import_register FILE.csv [--feed NAME]`: a CSV register of schemes (columns: register_csv.py)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from connected.directory import models as m
from connected.directory.register_csv import import_register_csv


class Command(BaseCommand):
    help = "Import social prescribing schemes from a CSV register, one row per scheme (see register_csv.py)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--feed", default="", help="Feed name (created if missing; defaults to the file's name)")

    def handle(self, *args, file: Path, feed: str, **options):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Could not read {file} as UTF-8 CSV ({error}). Nothing was changed.") from None
        name = feed or file.name[:200]
        row, _ = m.Feed.objects.get_or_create(name=name, defaults={"kind": m.Feed.Kind.CSV, "source": str(file)})
        result = import_register_csv(row, text)
        for problem in result.problems:
            self.stdout.write(problem.line())
        self.stdout.write(result.summary())
