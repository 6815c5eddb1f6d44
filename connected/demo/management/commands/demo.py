"""`python manage.py demo`: a realistic, seeded directory of community activities for local use.

It creates one feed per council (see `connected.demo.councils.AREAS`), generates
ORUK service dicts with `connected.demo.directory.generate_listings` and puts
them in through the importer, exactly as a harvested feed goes in (validation,
upsert by feed id, report). Then it links cross-feed duplicates, refreshes the
search index and runs the other modules' demo builders, in the order data
flows. A module joins in with a builder in this package,
`connected/demo/<module>.py`, providing

    def demo(*, seed: int, if_empty: bool) -> Iterable[dict | tuple | str] | None

returning the logins it made (printed here, for local use only). Builders
must be idempotent when `if_empty` is set, as `make run` calls
`demo --if-empty` every time. The command lives in `connected.demo`, at the
top of the module line, so product modules never reach up to load it.

Running `demo` again replaces each demo feed's contents with the new run's
(the importer removes what a feed no longer lists); `--if-empty` leaves a
directory that has any services alone.
"""

from __future__ import annotations

import importlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from connected.demo.councils import AREAS, Area, resolve_areas
from connected.demo.directory import generate_listings
from connected.directory import models as m
from connected.directory.dedupe import find_duplicates
from connected.directory.importer import ImportResult, import_services
from connected.directory.importer.harvest import record_outcome
from connected.directory.search import refresh_index

# Modules after the directory, in the order data flows (ARCHITECTURE.md); each may bring a builder here.
BUILDER_APPS = (
    "measures",
    "register",
    "casework",
    "matching",
    "befriending",
    "evidence",
    "funds",
    "areas",
    "policy",
    "public",
)


def feed_for(area: Area, seed: int) -> m.Feed:
    feed, _ = m.Feed.objects.get_or_create(
        name=area.feed_name,
        defaults={
            "publisher": area.council,
            "kind": m.Feed.Kind.LOCAL,  # nothing to harvest: the scheduler leaves local feeds alone
            "source": f"demo data (synthetic, seed {seed})",
        },
    )
    return feed


def app_builders() -> list[tuple[str, Callable[..., object]]]:
    builders = []
    for app in BUILDER_APPS:
        try:
            module = importlib.import_module(f"connected.demo.{app}")
        except ModuleNotFoundError as error:
            if error.name != f"connected.demo.{app}":
                raise  # the module exists but something it imports does not: that is a bug to show
            continue
        builder = getattr(module, "demo", None)
        if callable(builder):
            builders.append((app, builder))
    return builders


def describe_login(login: object) -> str:
    if isinstance(login, dict):
        return ", ".join(f"{k}: {v}" for k, v in login.items())
    if isinstance(login, list | tuple):
        return " / ".join(str(part) for part in login)
    return str(login)


class Command(BaseCommand):
    help = "Load a seeded, realistic demo directory across several English councils (no real people's data)."

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, default=3000, help="How many services in all (default 3000).")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same directory.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the directory has services.")
        parser.add_argument("--areas", default="", help=f"Comma-separated areas (default all): {', '.join(AREAS)}.")
        parser.add_argument(
            "--directory-only", action="store_true", help="Load the directory only, not the other apps' demo data."
        )

    def handle(self, *args, services: int, seed: int, if_empty: bool, areas: str, directory_only: bool, **options):
        if services < 0:
            raise CommandError("--services must be 0 or more")
        try:
            chosen = resolve_areas([a.strip() for a in areas.split(",") if a.strip()] or None)
        except ValueError as error:
            raise CommandError(str(error)) from error
        existing = m.Service.objects.count()
        if if_empty and existing:
            self.stdout.write(f"The directory already has {existing} services; no demo directory loaded.")
        else:
            self.load_directory(chosen, services, seed, show_progress=options["verbosity"] > 0)
        if directory_only:
            return
        for app, builder in app_builders():
            logins = builder(seed=seed, if_empty=if_empty) or ()
            self.print_logins(app, logins)
        from connected.evidence import rollup  # the evidence report reads summary tables (ADR 0027)

        rollup.refresh()

    def load_directory(self, areas: tuple[Area, ...], count: int, seed: int, show_progress: bool) -> None:
        started = time.monotonic()
        by_feed: dict[str, list[dict]] = defaultdict(list)
        for listing in generate_listings(count, seed, areas):
            by_feed[listing.area.key].append(listing.service)
        results: list[tuple[m.Feed, int, ImportResult]] = []
        with tqdm(total=count, unit="service", desc="Demo directory", disable=not show_progress) as bar:
            for area in areas:
                feed = feed_for(area, seed)
                batch = by_feed.get(area.key, [])
                result = import_services(feed, batch, progress=bar.update)
                record_outcome(feed, result)
                results.append((feed, len(batch), result))
        imported = time.monotonic()
        duplicates = find_duplicates()
        refresh_index()
        finished = time.monotonic()
        self.stdout.write(
            self.style.SUCCESS(f"Demo directory: {count} services in {len(areas)} feeds, {finished - started:.1f}s")
        )
        for feed, n, result in results:
            self.stdout.write(f"  {feed.name}: {n} services ({result.summary()})")
            for problem in result.problems[:5]:
                self.stdout.write(self.style.WARNING(f"    {problem.line()}"))
        self.stdout.write(
            f"  totals: {m.Organization.objects.count()} organisations, {m.Location.objects.count()} locations, "
            f"{m.Service.objects.count()} services, {duplicates} listed by two feeds"
        )
        self.stdout.write(f"  import {imported - started:.1f}s, duplicates and search index {finished - imported:.1f}s")

    def print_logins(self, app: str, logins: Iterable[object]) -> None:
        logins = list(logins)
        if not logins:
            return
        self.stdout.write(self.style.WARNING(f"Demo logins from {app} (local use only):"))
        for login in logins:
            self.stdout.write(f"  {describe_login(login)}")
