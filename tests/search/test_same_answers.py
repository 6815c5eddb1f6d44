"""The same queries over the same directory give one expected answer, whichever database runs them.

The directory is generated with fixed ids, so its results can be written down:
tests/search/same_answers.json holds, for each query, the total and the page's
rows and distances. The suite runs on SQLite and on PostgreSQL; both must give
exactly these answers. The file was produced by the pure-Python reference
(`UPDATE_SAME_ANSWERS=1` rewrites it from the reference, never from a backend).
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from connected.directory.search import refresh_index, search

from .factories import random_directory
from .reference import load_rows, reference_search
from .test_oracle import key, random_query

EXPECTED = Path(__file__).with_name("same_answers.json")


@pytest.mark.django_db
def test_every_backend_gives_the_written_down_answers():
    random_directory(seed=5, count=150)
    refresh_index()
    rng = random.Random(21)
    queries = [random_query(rng) for _ in range(80)]
    if os.environ.get("UPDATE_SAME_ANSWERS") == "1":
        rows = load_rows()
        answers = []
        for q in queries:
            total, page = reference_search(rows, q)
            answers.append({"total": total, "rows": [[k, None if d is None else round(d, 3)] for k, d in page]})
        EXPECTED.write_text(json.dumps(answers, indent=0) + "\n")
    expected = json.loads(EXPECTED.read_text())
    assert len(expected) == len(queries)
    assert sum(1 for a in expected if a["rows"]) >= 25  # the fixture is not a set of empty pages
    for q, answer in zip(queries, expected, strict=True):
        page = search(q)
        assert page.total == answer["total"], q
        assert [key(r) for r in page.results] == [k for k, _ in answer["rows"]], q
        for result, (_, dist) in zip(page.results, answer["rows"], strict=True):
            assert result.distance_km == (None if dist is None else pytest.approx(dist, abs=0.0011)), q
