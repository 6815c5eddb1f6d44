"""Benchmark: the area pages on SQLite with the full open data imported, and supply at national scale.

    .venv/bin/python bench/areas.py [--db /tmp/areas-bench.sqlite3] [--places 300000]

Migrates a SQLite file (kept between runs), runs `import_areas` on ../shared/data (skipped if its figures
are there), then times, through Django's test client, the national table, the national map and the
authority pages with the most small areas (median of 20 after one warm-up), and the in-process floating
catchment for England's 32,844 small areas against N synthetic places (real LSOA centroids jittered by up
to 3 km, seeded). Prints Markdown; figures go in docs/benchmarks.md by hand. Nothing asserts on time.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(db: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("import_areas", "--if-empty", verbosity=0)
    print(f"import_areas (or skipped): {time.perf_counter() - started:.1f} s")


def time_pages() -> None:
    import logging

    from django.test import Client

    from connected.areas.models import AuthorityFigures

    logging.disable(logging.WARNING)
    biggest = list(AuthorityFigures.objects.order_by("-small_areas").values_list("code", "name", "small_areas")[:2])
    urls = [("National table", "/areas/"), ("National map (unmet need)", "/areas/map/")]
    urls += [(f"Area page: {name} ({n} small areas)", f"/areas/{code}/") for code, name, n in biggest]
    urls += [("local-authorities.csv", "/areas/local-authorities.csv")]
    client = Client()
    print("| page | median ms | p95 ms | bytes |\n| --- | ---: | ---: | ---: |")
    for label, url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        runs = []
        for _ in range(20):
            started = time.perf_counter()
            client.get(url)
            runs.append((time.perf_counter() - started) * 1000)
        runs.sort()
        print(f"| {label} | {statistics.median(runs):.0f} | {runs[18]:.0f} | {len(response.content):,} |")


def time_supply(count: int) -> None:
    from connected.areas.models import SmallAreaFigures
    from connected.areas.supply import Area, Place, floating_catchment

    areas = [
        Area(c, lat, lon, p)
        for c, lat, lon, p in SmallAreaFigures.objects.values_list("code", "lat", "lon", "population")
    ]
    rng = random.Random(29)
    places = []
    for i in range(count):
        a = rng.choice(areas)
        places.append(
            Place(f"s{i // 2}", a.lat + rng.uniform(-0.027, 0.027), a.lon + rng.uniform(-0.045, 0.045), ("choir",))
        )
    started = time.perf_counter()
    supplies = floating_catchment(areas, places)
    seconds = time.perf_counter() - started
    pairs = sum(len(s.services) for s in supplies)
    print(
        f"\nFloating catchment: {len(areas):,} small areas x {count:,} places: {seconds:.1f} s "
        f"({pairs:,} area-service pairs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("/tmp/areas-bench.sqlite3"))  # noqa: S108
    parser.add_argument("--places", type=int, default=300_000)
    args = parser.parse_args()
    setup(args.db)
    time_pages()
    if args.places:
        time_supply(args.places)


if __name__ == "__main__":
    main()
