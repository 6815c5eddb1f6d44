"""Where our search's time goes, query by query: preparing the words (typo correction), SQL, shaping rows.

Run after the timed rotation, on the same cases, with light instrumentation (so never inside the timed
figures): the time inside the database cursor, inside `prepare` (stemming, the vocabulary lookup and typo
correction), and inside `result` (reasons, the next session, the page's rows as people read them).
"""

from __future__ import annotations

import time as clock
from collections import defaultdict
from contextlib import contextmanager

from django.db import connection

from connected.directory.search import search
from connected.directory.search.backends import base


@contextmanager
def _instrumented(spent: dict[str, float]):
    state = {"phase": "search"}
    prepare, shape = base.Backend.prepare, base.result

    def timed_prepare(self, q):
        started, state["phase"] = clock.perf_counter(), "prepare"
        try:
            return prepare(self, q)
        finally:
            spent["prepare"] += clock.perf_counter() - started
            state["phase"] = "search"

    def timed_shape(*a, **k):
        started = clock.perf_counter()
        try:
            return shape(*a, **k)
        finally:
            spent["shape"] += clock.perf_counter() - started

    def sql(execute, statement, params, many, context):
        started = clock.perf_counter()
        try:
            return execute(statement, params, many, context)
        finally:
            spent[f"sql_{state['phase']}"] += clock.perf_counter() - started
            spent[f"statements_{state['phase']}"] += 1

    base.Backend.prepare, base.result = timed_prepare, timed_shape
    try:
        with connection.execute_wrapper(sql):
            yield
    finally:
        base.Backend.prepare, base.result = prepare, shape


def shares(cases: list) -> list[dict]:
    """Seconds in each part of our search, per case (`summary` gives the means)."""
    per_case = []
    for case in cases:
        spent: dict[str, float] = defaultdict(float)
        with _instrumented(spent):
            started = clock.perf_counter()
            search(case.query)
            spent["total"] = clock.perf_counter() - started
        per_case.append(dict(spent))
    return per_case


def summary(per_case: list[dict]) -> dict:
    """Milliseconds per query in each part (means over the cases), and the same for the slowest tenth."""
    slowest = sorted(per_case, key=lambda s: s["total"])[-max(1, len(per_case) // 10) :]

    def means(rows: list[dict]) -> dict[str, float]:
        keys = {k for r in rows for k in r}
        out = {k: round(sum(r.get(k, 0.0) for r in rows) / len(rows) * (1 if k.startswith("statements") else 1000), 3)
               for k in sorted(keys)}  # fmt: skip
        out["python_other"] = round(
            out["total"] - out.get("sql_search", 0) - out.get("prepare", 0) - out.get("shape", 0), 3
        )
        return out

    return {"all": means(per_case), "slowest_tenth": means(slowest)}
