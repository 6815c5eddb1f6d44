"""`python manage.py import_oruk SOURCE [--feed NAME] [--kind api|json|csv] [--dry-run]`."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from connected.directory import models as m
from connected.directory.importer import FeedError, harvest
from connected.directory.importer.sources import detect_kind


def default_name(source: str) -> str:
    if source.startswith(("http://", "https://")):
        return source.split("://", 1)[1].rstrip("/")[:200]
    return Path(source).resolve().name[:200] or source[:200]


class Command(BaseCommand):
    help = "Import an Open Referral UK feed: an API base URL, a JSON file or an HSDS CSV folder."

    def add_arguments(self, parser):
        parser.add_argument("source", help="http(s) URL of an ORUK API, a .json file, or a CSV package folder")
        parser.add_argument("--feed", default="", help="Feed name (created if missing; defaults from SOURCE)")
        parser.add_argument("--kind", choices=["api", "json", "csv"], help="What SOURCE is (guessed if not given)")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; save nothing")

    def handle(self, *args, source: str, feed: str, kind: str | None, dry_run: bool, verbosity: int, **options):
        kind = kind or detect_kind(source)
        name = feed or default_name(source)
        row = m.Feed.objects.filter(name=name).first() or m.Feed(name=name, kind=kind, source=source)
        bar = tqdm(total=0, unit="service", desc=name[:40], file=sys.stderr, disable=verbosity == 0)

        def on_read(count: int) -> None:
            bar.set_postfix_str("")
            bar.reset(total=count)

        def on_fetch(message: str) -> None:
            bar.set_postfix_str(f"reading {message}")

        try:
            result = harvest(
                row, source=source, kind=kind, dry_run=dry_run, progress=bar.update, on_read=on_read, on_fetch=on_fetch
            )
        except FeedError as error:
            raise CommandError(f"Nothing imported: {error}") from None
        finally:
            bar.close()
        for problem in result.problems:
            self.stdout.write(problem.line())
        self.stdout.write(self.style.SUCCESS(f"{name}: {result.summary()}"))
