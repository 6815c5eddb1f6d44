"""Harvesting a whole directory with format=ndjson: speed and memory while streaming (issue 19, ADR 0044).

Builds a synthetic directory (bench/search_data.py, through the product's importer) into the SQLite file
given, once; then streams /api/services?format=ndjson&full=true through Django's test client, stopping
after --items lines. Reports items/s, the growth of the process's peak RSS and, with --trace, Python's
own peak heap (tracemalloc: slow, but it shows whether memory grows with the number of items).

    DEBUG=0 DATABASE_URL=sqlite:////tmp/stream.sqlite3 .venv/bin/python bench/ndjson_stream.py --build 10000
    DEBUG=0 DATABASE_URL=sqlite:////tmp/stream.sqlite3 .venv/bin/python bench/ndjson_stream.py --items 3000 --trace
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", type=int, default=0, help="import this many synthetic services first")
    parser.add_argument("--items", type=int, default=10_000, help="stop after this many lines")
    parser.add_argument("--trace", action="store_true", help="measure Python's peak heap with tracemalloc")
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bench.search_data import england_positions, generate
    from connected.directory import models as m
    from connected.directory.importer import import_services

    setup_test_environment()
    if args.build:
        call_command("migrate", verbosity=0)
        feed, _ = m.Feed.objects.get_or_create(name="bench")
        import_services(feed, generate(args.build, 1, england_positions(2000, 1)))
    client = Client()
    client.get("/api/services?per_page=1")  # imports and the connection, outside the measure
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if args.trace:
        tracemalloc.start()
    start, items = time.perf_counter(), 0
    for chunk in client.get("/api/services?format=ndjson&full=true").streaming_content:
        items += chunk.count(b"\n")
        if items >= args.items:
            break
    took = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if args.trace else float("nan")
    growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"items={items} items/s={items / took:.0f} rss_growth_MiB={growth:.0f} python_peak_MiB={peak:.1f}")


if __name__ == "__main__":
    main()
