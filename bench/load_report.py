"""Turn locust's per-route CSV (bench/load_run.sh) into the table docs/benchmarks.md shows, and a JSON summary.

.venv/bin/python bench/load_report.py bench/out/load500k_stats.csv --load 1.9 2.3 --duration 10m
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path


def rows(stats: Path) -> list[dict]:
    out = []
    with stats.open(newline="") as handle:
        for row in csv.DictReader(handle):
            out.append(
                {
                    "route": f"{row['Type']} {row['Name']}".strip() if row["Name"] != "Aggregated" else "all",
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "p50_ms": int(float(row["50%"] or 0)),
                    "p95_ms": int(float(row["95%"] or 0)),
                    "p99_ms": int(float(row["99%"] or 0)),
                    "per_s": round(float(row["Requests/s"]), 2),
                }
            )
    return out


def table(found: list[dict]) -> str:
    lines = ["| route | requests | failures | p50 ms | p95 ms | p99 ms | req/s |", "| --- |" + " ---: |" * 6]
    for r in found:
        cells = [r["route"], r["requests"], r["failures"], r["p50_ms"], r["p95_ms"], r["p99_ms"], r["per_s"]]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stats", type=Path)
    parser.add_argument("--load", nargs=2, metavar=("BEFORE", "AFTER"), default=("", ""))
    parser.add_argument("--duration", default="")
    args = parser.parse_args()
    found = rows(args.stats)
    total = next(r for r in found if r["route"] == "all")
    summary = {"duration": args.duration, "requests": total["requests"], "failures": total["failures"]}
    summary["load_average"] = {"before": args.load[0], "after": args.load[1]}
    print(table(found))
    print(json.dumps(summary))
    failures = args.stats.with_name(args.stats.name.replace("_stats.csv", "_failures.csv"))
    if failures.exists() and total["failures"]:
        print(failures.read_text())


if __name__ == "__main__":
    main()
