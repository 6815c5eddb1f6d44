"""The four-way search benchmark's table: percentiles per side, ratios to the fastest at p95, by kind of query."""

from __future__ import annotations

import json
import statistics
from datetime import UTC, datetime

from search_shares import summary

LABELS = {
    "orm_sqlite": "naive ORM + box on indexed lat/lon, SQLite",
    "orm_postgresql": "naive ORM + box on indexed lat/lon, PostgreSQL",
    "postgis": "PostGIS ST_DWithin (GiST geography) + GIN tsvector",
    "ours_sqlite": "our search(), SQLite",
    "ours_postgresql": "our search(), PostgreSQL",
}


def _cut(samples: list[float], at: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[at - 1] * 1000


def _table(sides: dict[str, list[float]]) -> list[str]:
    p95 = {n: _cut(t, 95) for n, t in sides.items()}
    fastest = min(p95.values())
    lines = [
        "| side | queries | p50 | p95 | p99 | mean | p95 ÷ fastest p95 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, times in sorted(sides.items(), key=lambda kv: p95[kv[0]]):
        lines.append(
            f"| {LABELS.get(name, name)} | {len(times)} | {_cut(times, 50):.2f} ms | {p95[name]:.2f} ms | "
            f"{_cut(times, 99):.2f} ms | {statistics.fmean(times) * 1000:.2f} ms | {p95[name] / fastest:.2f} times |"
        )
    return lines


def _by_kind(sides: dict[str, list[float]], kinds: list[str]) -> list[str]:
    names = sorted(sides)
    lines = ["| kind | cases | " + " | ".join(LABELS.get(n, n) for n in names) + " |",
             "| --- | ---: |" + " ---: |" * len(names)]  # fmt: skip
    for kind in sorted(set(kinds)):
        idx = [i for i, k in enumerate(kinds) if k == kind]
        cells = []
        for n in names:
            t = sorted(sides[n][i] for i in idx)
            cells.append(f"{t[min(len(t) - 1, int(0.95 * len(t)))] * 1000:.2f}")
        lines.append(f"| {kind} | {len(idx)} | " + " | ".join(cells) + " |")
    return lines


def report(results: list[dict], problems: list[str], args) -> str:
    sides = {n: s["times"] for r in results for n, s in r["sides"].items()}
    kinds = results[0]["kinds"]
    verdict = "agree on every case" if not problems else f"DISAGREE on {len(problems)} cases"
    out = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {len(kinds)} queries per side, {args.warmup} warm-up "
        f"queries per side; totals {verdict}."
    ]
    for r in results:
        for load in r.get("loads") or [{"part": r.get("part"), "before": r["load_before"], "after": r["load_after"]}]:
            out.append(
                f"- {r['vendor']}, cases {load['part']}: load average (1, 5, 15 min) {load['before']} before, "
                f"{load['after']} after"
            )
    out += ["", *_table(sides), "", "p95 by kind of query (ms):", "", *_by_kind(sides, kinds), ""]
    out.append("Our search's time by part (ms per query; mean over all cases, then over the slowest tenth):")
    out.append("```json")
    out.append(json.dumps({r["vendor"]: summary(r["shares"]) for r in results}, indent=1))
    out.append("```")
    out += problems[:20]
    return "\n".join(out)
