"""Run the benchmarks (`make bench`) and write their figures to docs/benchmarks.md.

Each benchmark runs in its own process per database, against its own
database (never the development db.sqlite3): SQLite files under bench/out/,
PostgreSQL databases named connected_bench_*. Set BENCH_POSTGRES_URL (a server
URL without a database name, e.g. postgres://postgres@127.0.0.1:54329) to
include PostgreSQL, and BENCH_SERVICES to change the size (default 500000). BENCH_REUSE=1 searches the
databases of the last run again (after a change to search code) and keeps that run's import figures.
Other benchmarks may add their own section; each section sits between its
own markers in docs/benchmarks.md and is replaced in place.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- search-benchmark:start -->", "<!-- search-benchmark:end -->"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")
        )
        memory = f"{mem_kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration):
        memory = "unknown RAM"
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{os.cpu_count()} cores (nproc), {cpu}, {memory}, {system}"


def sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version


def _run(url: str, args: list[str]) -> dict:
    env = dict(os.environ, DATABASE_URL=url, DEBUG="0")
    cmd = [sys.executable, str(ROOT / "bench" / "search.py"), *args]
    print("$ DATABASE_URL=" + url, " ".join(cmd[1:]), file=sys.stderr, flush=True)
    done = subprocess.run(cmd, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_search(url: str, services: int, extra: list[str], previous: dict | None = None) -> dict:
    """Import in one process, search in a fresh one, as an importer and a web server would.

    With `previous` (BENCH_REUSE=1), the database from the last run is searched again and its import figures kept.
    """
    if previous is not None:
        return {**previous, **_run(url, ["--services", str(services), "--reuse", *extra])}
    imported = _run(url, ["--services", str(services), "--import-only", *extra])
    searched = _run(url, ["--services", str(services), "--reuse", *extra])
    return {**imported, **searched}


def fresh_postgres(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
        version = conn.execute("SHOW server_version").fetchone()[0]
    return version


def _ms(figures: dict | None, key: str) -> str:
    return f"{figures[key]} ms" if figures else "not run"


def table(results: dict[str, dict]) -> list[str]:
    lines = [
        "| database | import through `import_services` (services/s) | search index rebuild (services/s) "
        "| search() p50 | p95 | p99 | HTTP /find/ p50 | HTTP p95 "
        "| baseline p95 (same queries) | search() p95 (same queries) | faster than baseline (p95) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        imp, s, http = r.get("import", {}), r["search"], r.get("http")
        lines.append(
            f"| {name} | {imp.get('import_services_per_s', '-'):,} | {imp.get('rebuild_services_per_s', '-'):,} "
            f"| {s['p50_ms']} ms | {s['p95_ms']} ms | {s['p99_ms']} ms "
            f"| {_ms(http, 'p50_ms')} | {_ms(http, 'p95_ms')} "
            f"| {r['baseline']['p95_ms']} ms | {r['search_same_queries']['p95_ms']} ms | {r['speedup_p95']} times |"
        )
    return lines


def write_doc(section: str) -> None:
    text = DOC.read_text() if DOC.exists() else "# Benchmarks\n\nFigures written by `make bench` (bench/run.py).\n"
    block = f"{START}\n{section.rstrip()}\n{END}"
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text)


def render(results: dict[str, dict], services: int, server: str, extra: list[str], when: str, reuse: bool) -> str:
    first = next(iter(results.values()))
    counts = first.get("import", {})
    http = first.get("http")
    return "\n".join(
        [
            "## Search",
            "",
            f"Run {when} on {machine()}.",
            "1-minute load average on its cores before and after each timed search mix: "
            + ", ".join(
                f"{name} {r['search'].get('load_before', '?')} to {r['search'].get('load_after', '?')}"
                for name, r in results.items()
            )
            + ". Other work on the machine inflates the latencies, the tails most of all.",
            "",
            f"{services:,} synthetic services ({counts.get('index_rows', '?'):,} search rows) across England at real "
            "postcode positions, one weekly or monthly session each, costs, activity, need and accessibility terms "
            "(bench/search_data.py), made as ORUK service documents (about 9 records each: organisation, service, "
            "location, address, service at location, schedule, cost, terms). Import = the product's importer "
            "(`import_services`, as `import_oruk` runs it: validation, upsert by feed id, then the search index for "
            "what it wrote) taking the whole directory as one feed into an empty database, in one process; index "
            "rebuild = `rebuild_search_index` over all of it afterwards. Searches run in a "
            "fresh process, as a web server would: a fixed mix of "
            f"{first['search']['queries']} queries (a postcode point, a radius of 2 to 16 km, words in a third "
            "of them with typos and plurals, and day, time, free, step-free, age and need filters in some), timed "
            "one by one through `connected.directory.search.search()`, after 100 warm-up queries. "
            + (
                f"HTTP: {http['requests']} GETs of the public finder `/find/` (postcode lookup, form, search, "
                "page rendering) through Django's test client in the same process. "
                if http
                else ""
            )
            + f"Baseline: the first {first['baseline']['queries']} of the same queries through the Django ORM "
            "with `icontains` and the haversine distance computed by the database for every located service, no "
            "search index (bench/search_baseline.py); it does no stemming or typo correction, which only flatters it.",
            "",
            *table(results),
            "",
            "Command:",
            "",
            "```",
            f"BENCH_SERVICES={services} BENCH_POSTGRES_URL={server or 'postgres://USER@HOST:PORT'} "
            + (f"BENCH_ARGS='{' '.join(extra)}' " if extra else "")
            + "make bench",
            *(
                [
                    "# then, after a change to the search code, searches re-timed on the same databases",
                    f"BENCH_REUSE=1 BENCH_SERVICES={services} "
                    + (f"BENCH_POSTGRES_URL={server} " if server else "")
                    + (f"BENCH_ARGS='{' '.join(extra)}' " if extra else "")
                    + "make bench",
                ]
                if reuse
                else []
            ),
            "```",
            "",
            "Raw figures:",
            "",
            "```json",
            json.dumps(results, indent=1),
            "```",
        ]
    )


def main() -> None:
    services = int(os.environ.get("BENCH_SERVICES", "500000"))
    extra = os.environ.get("BENCH_ARGS", "").split()
    server = os.environ.get("BENCH_POSTGRES_URL", "")
    OUT.mkdir(parents=True, exist_ok=True)
    saved = OUT / f"search_{services}.json"
    reuse = os.environ.get("BENCH_REUSE") == "1" and saved.exists()
    before = json.loads(saved.read_text()) if reuse else {}
    results: dict[str, dict] = dict(before)  # with BENCH_REUSE=1 and no BENCH_POSTGRES_URL, keep its last figures
    db = OUT / f"search_{services}.sqlite3"
    if not reuse:
        for path in OUT.glob(f"search_{services}.sqlite3*"):
            path.unlink()
    label = f"SQLite {sqlite_version()}"
    results[label] = run_search(f"sqlite:///{db}", services, extra, before.get(label) if reuse else None)
    if server:
        name = f"connected_bench_search_{services}"
        previous = next((v for k, v in before.items() if k.startswith("PostgreSQL")), None)
        if reuse and previous is not None:
            results[next(k for k in before if k.startswith("PostgreSQL"))] = run_search(
                f"{server}/{name}", services, extra, previous
            )
        else:
            version = fresh_postgres(server, name)
            results[f"PostgreSQL {version.split()[0]}"] = run_search(f"{server}/{name}", services, extra)
    saved.write_text(json.dumps(results, indent=1))
    section = render(results, services, server, extra, f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC", reuse)
    write_doc(section)
    print(section)


if __name__ == "__main__":
    main()
