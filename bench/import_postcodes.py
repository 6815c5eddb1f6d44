"""Benchmark: load the real 2.6M-row GB postcode file on SQLite and PostgreSQL, then time locate().

    .venv/bin/python bench/import_postcodes.py [--postgres postgres://postgres@127.0.0.1:54329/postgres]

Each database is fresh (a temporary SQLite file; a scratch PostgreSQL
database created and dropped here), migrated, then loaded by the same code
that `manage.py import_postcodes` runs. Prints a Markdown table; figures go in
docs/benchmarks.md by hand. A benchmark, not a test: nothing asserts on time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT.parent / "shared" / "data" / "postcodes" / "gb_postcodes_nspl_may2025.csv.gz"
SCRATCH_DB = "connected_bench_postcodes"


def worker(path: Path) -> dict:
    """Runs inside a child process whose DATABASE_URL names the database under test."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from connected.core.geography_import import load_postcodes
    from connected.core.geography_reference import load_areas, load_outcodes
    from connected.core.models import Postcode
    from connected.core.places import locate

    call_command("migrate", verbosity=0)
    summary = load_postcodes(path, progress=False)
    started = time.perf_counter()
    data_dir = path.parent.parent
    load_outcodes(data_dir)
    authorities, lsoas = load_areas(data_dir)
    reference_s = time.perf_counter() - started

    rng = random.Random(2025)
    sample = [pc for pc in Postcode.objects.filter(lat__isnull=False).values_list("postcode", flat=True)[:200_000]]
    queries = [rng.choice(sample) for _ in range(2000)]
    timings = []
    for query in queries:
        t0 = time.perf_counter()
        locate(query)
        timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    return {
        "rows": summary.loaded,
        "seconds": round(summary.seconds, 1),
        "rows_per_s": round(summary.rows_per_second),
        "reference_s": round(reference_s, 1),
        "lsoas": lsoas,
        "authorities": authorities,
        "locate_p50_ms": round(statistics.median(timings), 2),
        "locate_p95_ms": round(timings[int(len(timings) * 0.95)], 2),
    }


def run_child(database_url: str, path: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, __file__, "--worker", str(path)], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def _postgres(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--postgres", help="An admin URL for a PostgreSQL server; a scratch database is made there.")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.file)))
        return

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["SQLite"] = run_child(f"sqlite:///{tmp}/bench.sqlite3", args.file)
    if args.postgres:
        base = args.postgres.rsplit("/", 1)[0]
        _postgres(args.postgres, f"DROP DATABASE IF EXISTS {SCRATCH_DB}")
        _postgres(args.postgres, f"CREATE DATABASE {SCRATCH_DB}")
        try:
            results["PostgreSQL"] = run_child(f"{base}/{SCRATCH_DB}", args.file)
        finally:
            _postgres(args.postgres, f"DROP DATABASE IF EXISTS {SCRATCH_DB}")

    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    print(f"\nMachine: {machine}")
    print(f"File: {args.file.name}\n")
    print("| database | postcodes | load (s) | rows/s | areas (s) | locate p50 (ms) | locate p95 (ms) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        print(
            f"| {name} | {r['rows']:,} | {r['seconds']} | {r['rows_per_s']:,} | {r['reference_s']} | "
            f"{r['locate_p50_ms']} | {r['locate_p95_ms']} |"
        )


if __name__ == "__main__":
    main()
