"""Benchmark: the ORUK importer (`import_services`) on generated feeds, SQLite and PostgreSQL.

    .venv/bin/python bench/import_oruk.py [--services 5000] [--postgres postgres://postgres@127.0.0.1:54329/postgres]

For each database (a fresh temporary SQLite file; a scratch PostgreSQL
database created and dropped here): migrate, generate N synthetic services
(`connected.demo.directory.generate_services`, the demo's generator: organisation, venue,
sessions, costs, languages, contacts, phones, terms), then time a first import
(everything inserted), a re-run (everything unchanged) and a run with 10%
of services changed. Duplicate detection is timed separately. Prints JSON and a
Markdown table; a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH_DB = "connected_bench_importer"


def worker(count: int) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from connected.demo.directory import generate_services
    from connected.directory import models as m
    from connected.directory.dedupe import find_duplicates
    from connected.directory.importer import import_services

    call_command("migrate", verbosity=0)
    services = list(generate_services(count, seed=7))
    feed = m.Feed.objects.create(name="bench", kind="local")
    out: dict = {
        "vendor": f"{connection.vendor} "
        + str(connection.Database.sqlite_version if connection.vendor == "sqlite" else connection.pg_version)
    }
    for label, batch in (
        ("first", services),
        ("rerun", services),
        ("changed10", [dict(s, name=s["name"] + " (new)") if i % 10 == 0 else s for i, s in enumerate(services)]),
    ):
        started = time.perf_counter()
        result = import_services(feed, batch)
        seconds = time.perf_counter() - started
        out[label] = {"seconds": round(seconds, 2), "services_per_s": round(count / seconds), **result.counts()}
    started = time.perf_counter()
    duplicates = find_duplicates()
    out["dedupe"] = {"seconds": round(time.perf_counter() - started, 2), "duplicates": duplicates}
    out["rows"] = {
        model.__name__: model.objects.count() for model in (m.Service, m.Location, m.Schedule, m.Attribute, m.Phone)
    }
    return out


def run(database_url: str, count: int) -> dict:
    env = dict(os.environ, DATABASE_URL=database_url)
    code = (
        f"import sys, json; sys.path.insert(0, {str(ROOT)!r}); from bench.import_oruk import worker; "
        f"print(json.dumps(worker({count})))"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--postgres", default="")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        results["sqlite"] = run(f"sqlite:///{folder}/bench.sqlite3", args.services)
    if args.postgres:
        admin = args.postgres.rsplit("/", 1)[0]
        subprocess.run(["psql", args.postgres, "-qc", f"DROP DATABASE IF EXISTS {SCRATCH_DB}"], check=True)
        subprocess.run(["psql", args.postgres, "-qc", f"CREATE DATABASE {SCRATCH_DB}"], check=True)
        try:
            results["postgresql"] = run(f"{admin}/{SCRATCH_DB}", args.services)
        finally:
            subprocess.run(["psql", args.postgres, "-qc", f"DROP DATABASE IF EXISTS {SCRATCH_DB}"], check=True)
    print(json.dumps(results, indent=1))
    print(f"\n{args.services:,} services\n")
    print(
        "| database | first import (services/s) | re-run, unchanged (services/s) "
        "| 10% changed (services/s) | dedupe (s) |"
    )
    print("| --- | ---: | ---: | ---: | ---: |")
    for r in results.values():
        print(
            f"| {r['vendor']} | {r['first']['services_per_s']:,} | {r['rerun']['services_per_s']:,} "
            f"| {r['changed10']['services_per_s']:,} | {r['dedupe']['seconds']} |"
        )


if __name__ == "__main__":
    main()
