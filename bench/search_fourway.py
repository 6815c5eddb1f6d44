"""Search against baselines a sceptic would accept: four ways, one run, the same directory and queries.

Sides (bench/search_sides.py): the naive Django ORM query with a box on indexed latitude and longitude
(on both databases), PostgreSQL + PostGIS (`ST_DWithin` on a GiST geography index, a GIN tsvector), and our
`search()` on SQLite and on PostgreSQL. Each database runs in its own process (Django reads DATABASE_URL at
start-up); within a process the sides take turns query by query, in an order that rotates, so that each sees
the same machine and the same warm pages. Every side gets the same warm-up queries first. Totals are checked
to agree across every side and both databases; the run fails if one does not.

    # once per database copy: the variety feed and the baselines' indexes (not timed; see search_variety.py)
    DATABASE_URL=sqlite:///$PWD/bench/out/fourway_500000.sqlite3 .venv/bin/python bench/search_fourway.py --prepare
    # (PostgreSQL at 500k: PGOPTIONS='-c work_mem=256MB', or the importer's orphan sweep runs for many minutes)
    PGOPTIONS='-c work_mem=256MB' DATABASE_URL=postgres://postgres@127.0.0.1:54329/fourway500k \\
        .venv/bin/python bench/search_fourway.py --prepare
    # the timed run, both databases, one table (the shared benchmark lock held for each database in turn)
    .venv/bin/python bench/search_fourway.py --lock /tmp/bench.lock --queries 300 --warmup 30 \\
        --sqlite bench/out/fourway_500000.sqlite3 --postgres postgres://postgres@127.0.0.1:54329/fourway500k
    # too long for one hold of the lock: time the cases in pieces, each its own worker, then one report
    .venv/bin/python bench/search_fourway.py --lock /tmp/bench.lock --part 1/3 --postgres ... --save pg-1.json
    .venv/bin/python bench/search_fourway.py --merge sqlite.json pg-1.json pg-2.json pg-3.json

PostGIS is Debian's `postgresql-15-postgis-3` (`apt-get install postgresql-15-postgis-3`), in the same server;
`--prepare` runs `CREATE EXTENSION postgis` in the benchmark database only. CI does not need it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time as clock
from datetime import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
TEXTS = ("walking", "choir", "singing", "coffee morning", "lunch club", "crafts", "gardening", "befriending",
         "digital skills", "bereavement support", "exercise", "reading", "knitting", "chair yoga",
         "dementia")  # fmt: skip
TYPOS = ("walkng", "choirr", "gardning", "befriendng", "singng club", "cofee morning", "knittng")
ABSENT = ("zumba", "underwater hockey", "xylophone lessons", "walking xylophone", "qwertyuiop")
WINDOWS = ((time(9), time(12)), (time(12), time(17)), (time(17), time(21)))
KINDS = (("words", 30), ("place", 18), ("typo", 8), ("absent", 7), ("no place", 5), ("deep", 12), ("variety", 20))


def _filters(rng: random.Random) -> dict:
    window = rng.choice(WINDOWS) if rng.random() < 0.15 else (None, None)
    return {
        "days": (rng.choice(("MO", "TU", "WE", "TH", "FR", "SA")),) if rng.random() < 0.2 else (),
        "start_time": window[0],
        "end_time": window[1],
        "free_only": rng.random() < 0.2,
        "accessibility": ("step-free",) if rng.random() < 0.1 else (),
        "age": rng.choice((70, 30)) if rng.random() < 0.15 else None,
        "term_codes": ("loneliness",) if rng.random() < 0.08 else (),
    }


@lru_cache(maxsize=4)
def _positions(seed: int) -> tuple[list, list]:
    from search_data import england_positions
    from search_variety import variety_positions

    return england_positions(5000, seed), variety_positions()


def mix(count: int, seed: int) -> list[tuple[str, object]]:
    """(kind, SearchQuery) pairs: words, places only, typos, words not in the directory, text with no place,
    deep pages, and points where services have several places, are inactive or are duplicates."""
    from connected.directory.search import SearchQuery

    rng = random.Random(seed)
    people, variety = _positions(2027)
    kinds = [k for k, weight in KINDS for _ in range(weight)]
    out = []
    for _ in range(count):
        kind = rng.choice(kinds)
        _, lat, lon = rng.choice(variety if kind == "variety" else people)
        text = {"words": TEXTS, "typo": TYPOS, "absent": ABSENT, "no place": TEXTS}.get(kind, ("",) * 3 + TEXTS)
        q = {"text": rng.choice(text), "latitude": lat, "longitude": lon, **_filters(rng)}
        q["radius_km"] = rng.choice((2.0, 3.0, 5.0, 5.0, 8.0, 10.0, 16.0))
        if kind == "place":
            q["text"] = ""
        if kind == "no place":
            q.update(latitude=None, longitude=None, radius_km=None)
        if kind == "deep":
            q.update(radius_km=rng.choice((8.0, 16.0)), page=rng.choice((5, 10, 25, 50, 100, 300)))
        out.append((kind, SearchQuery(**q)))
    return out


def percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50_ms": round(cuts[49] * 1000, 2), "p95_ms": round(cuts[94] * 1000, 2),
            "p99_ms": round(cuts[98] * 1000, 2), "mean_ms": round(statistics.fmean(samples) * 1000, 2)}  # fmt: skip


def _rotating(sides: dict, cases: list) -> dict[str, dict]:
    """Each case on every side, the first side moving on by one each case; times and totals per side."""
    names = list(sides)
    out = {n: {"times": [], "totals": []} for n in names}
    for i, case in enumerate(cases):
        for name in names[i % len(names) :] + names[: i % len(names)]:
            started = clock.perf_counter()
            total = sides[name](case)
            out[name]["times"].append(clock.perf_counter() - started)
            out[name]["totals"].append(total)
    return out


def worker(args: argparse.Namespace) -> dict:
    """One database: resolve the cases, warm every side alike, then the timed rotation and the shares."""
    from django.db import connection
    from search_shares import shares
    from search_sides import orm_search, our_search, postgis_search, resolve

    vendor = connection.vendor
    sides = {f"ours_{vendor}": our_search}
    if vendor == "postgresql":
        sides["postgis"] = postgis_search
    if (vendor == "postgresql" or args.orm_on_sqlite) and not args.no_orm:
        sides[f"orm_{vendor}"] = orm_search
    warm = [resolve(k, q) for k, q in mix(args.warmup, args.seed + 100)]
    first, last = _part(args.part, args.queries)
    cases = [resolve(k, q) for k, q in mix(args.queries, args.seed)[first:last]]
    _rotating(sides, warm)
    load_before = os.getloadavg()
    timed = _rotating(sides, cases)
    return {
        "vendor": vendor,
        "part": [first, last],
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "kinds": [c.kind for c in cases],
        "sides": timed,
        "shares": shares(cases),
    }


def _part(part: str, count: int) -> tuple[int, int]:
    """The slice of the cases a part times: "2/3" is the second third (every part warms up alike)."""
    index, parts = (int(x) for x in part.split("/"))
    if not 1 <= index <= parts:
        raise SystemExit(f"--part {part}: give K/N with 1 <= K <= N")
    return count * (index - 1) // parts, count * index // parts


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()


def run_database(url: str, args: argparse.Namespace) -> dict:
    command = [sys.executable, __file__, "--worker", "--queries", str(args.queries), "--warmup", str(args.warmup),
               "--seed", str(args.seed), "--part", args.part, *(["--orm-on-sqlite"] if args.orm_on_sqlite else []),
               *(["--no-orm"] if args.no_orm else [])]  # fmt: skip
    if args.lock:  # the shared machine's benchmark lock, held for one database's timed part at a time
        command = ["flock", args.lock, *command]
    done = subprocess.run(command, env={**os.environ, "DATABASE_URL": url}, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{url}: the worker failed\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def merge(parts: list[dict]) -> list[dict]:
    """One result per database from its parts, in case order; each part's load averages kept."""
    out: dict[str, dict] = {}
    for r in sorted(parts, key=lambda r: (r["vendor"], r["part"][0])):
        into = out.setdefault(r["vendor"], {**r, "sides": {n: {"times": [], "totals": []} for n in r["sides"]},
                                            "kinds": [], "shares": [], "loads": []})  # fmt: skip
        if r["part"][0] != len(into["kinds"]):
            raise SystemExit(f"{r['vendor']}: parts do not follow on at case {len(into['kinds'])}")
        into["kinds"] += r["kinds"]
        into["shares"] += r["shares"]
        into["loads"].append({"part": r["part"], "before": r["load_before"], "after": r["load_after"]})
        for name, side in r["sides"].items():
            into["sides"][name]["times"] += side["times"]
            into["sides"][name]["totals"] += side["totals"]
    return list(out.values())


def check_totals(results: list[dict]) -> list[str]:
    """Every side's total for each case, compared; a line per disagreement."""
    per_side = {name: side["totals"] for r in results for name, side in r["sides"].items()}
    names, problems = list(per_side), []
    for i in range(len(per_side[names[0]])):
        seen = {n: per_side[n][i] for n in names}
        if len(set(seen.values())) > 1:
            problems.append(f"case {i} ({results[0]['kinds'][i]}): {seen}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sqlite", help="path of the SQLite benchmark database")
    parser.add_argument("--postgres", help="URL of the PostgreSQL benchmark database (with PostGIS)")
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--warmup", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--orm-on-sqlite", action="store_true", help="time the ORM on SQLite too (about a second a query at 20,000)"
    )
    parser.add_argument("--no-orm", action="store_true", help="leave the ORM out (it takes seconds a query)")
    parser.add_argument("--lock", help="a lock file to hold (flock) while each database's worker runs")
    parser.add_argument("--prepare", action="store_true", help="add the variety feed and the baselines' indexes")
    parser.add_argument("--part", default="1/1", help="K/N: time only the K-th of N slices of the cases")
    parser.add_argument("--save", help="write each database's result (JSON) here, to --merge with other parts")
    parser.add_argument("--merge", nargs="+", help="report on saved parts (one or more --save files) instead")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare or args.worker:
        _setup()
        from search_variety import add_baseline_indexes, add_variety

        if args.prepare:
            print(json.dumps({**add_variety(2025), "indexes": add_baseline_indexes() or "made"}))
        else:
            print(json.dumps(worker(args)))
        return
    if args.merge:
        results = merge([r for path in args.merge for r in json.loads(Path(path).read_text())])
    else:
        urls = [f"sqlite:///{Path(args.sqlite).resolve()}"] if args.sqlite else []
        urls += [args.postgres] if args.postgres else []
        results = [run_database(url, args) for url in urls]
        if args.save:
            Path(args.save).write_text(json.dumps(results))
    problems = check_totals(results)
    from search_report import report

    print(report(results, problems, args))
    if problems:
        raise SystemExit(f"{len(problems)} cases disagree on their totals")


if __name__ == "__main__":
    main()
