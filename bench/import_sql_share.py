"""Benchmark: how much of a first import is the database's own time, and so the fastest it could go.

    DATABASE_URL=sqlite:////tmp/share.sqlite3 .venv/bin/python bench/import_sql_share.py [--services 500000]

Imports the search benchmark's ORUK documents (bench/search_data.py) into a fresh
database through `import_services`, summing the time spent inside Django's cursor
calls (every statement the importer and the index refresh run). Services per second
over that time alone is what the import would reach if Python took no time at all.
On PostgreSQL, COPY is streamed outside those calls, so the figure there is not a
floor. Never point it at the development database. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.backends import utils  # noqa: E402
from search_data import england_positions, generate  # noqa: E402

from connected.directory import models as m  # noqa: E402
from connected.directory.importer import import_services  # noqa: E402
from connected.directory.search import index as search_index  # noqa: E402

spent = {"sql": 0.0}


def _timed(method):
    def wrapper(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            spent["sql"] += time.perf_counter() - started

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    if str(connection.settings_dict["NAME"]).endswith("db.sqlite3"):
        sys.exit("Refusing to run against the development database; set DATABASE_URL to a scratch database.")
    call_command("migrate", verbosity=0)
    if m.Service.objects.exists():
        sys.exit("The database already has services; give an empty one.")
    utils.CursorWrapper._execute = _timed(utils.CursorWrapper._execute)
    utils.CursorWrapper._executemany = _timed(utils.CursorWrapper._executemany)
    refresh_feed, refresh = search_index.refresh_feed, {}

    def timed_refresh(*a, **k):
        started, before = time.perf_counter(), spent["sql"]
        try:
            return refresh_feed(*a, **k)
        finally:
            refresh.update(seconds=time.perf_counter() - started, sql=spent["sql"] - before)

    search_index.refresh_feed = timed_refresh
    positions = england_positions(min(args.services, 250_000), args.seed)
    feed = m.Feed.objects.create(name="Benchmark national feed", kind="json")
    started = time.perf_counter()
    result = import_services(feed, generate(args.services, args.seed, positions))
    total = time.perf_counter() - started
    print(json.dumps({
        "vendor": connection.vendor, "services": args.services, "added": result.added, "seconds": round(total, 1),
        "services_per_s": round(args.services / total), "sql_seconds": round(spent["sql"], 1),
        "services_per_s_if_only_sql": round(args.services / spent["sql"]),
        "index_refresh_seconds": round(refresh["seconds"], 1), "index_refresh_sql_seconds": round(refresh["sql"], 1),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
