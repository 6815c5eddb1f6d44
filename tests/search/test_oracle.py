"""The backend in use gives exactly the reference implementation's answers, for many varied queries.

The suite runs on SQLite and again on PostgreSQL (DATABASE_URL), so both
backends are held to the same oracle and hence to each other.
"""

from __future__ import annotations

import random
from datetime import time

import pytest

from connected.directory import models as m
from connected.directory.search import SearchQuery, refresh_index, search
from connected.directory.vocabulary import ACCESSIBILITY, ACTIVITIES, DAYS, NEEDS, Delivery

from .factories import CENTRE, random_directory
from .reference import load_rows, reference_search

TEXTS = (
    "", "", "", "", "", "", "", "walking", "walkng group", "choirs", "singing", "garden", "gardning", "coffee",
    "crafts knitting",
    "lunch older", "phone", "xyzzy", "headingley", "friends", "community",
)  # fmt: skip


def random_query(rng: random.Random, term_ids: list[str] = ()) -> SearchQuery:
    point = rng.random() < 0.7
    start = rng.choice((None, None, None, None, time(9), time(10), time(13), time(18)))
    end = None if start is None or rng.random() < 0.3 else time(min(start.hour + rng.choice((1, 2, 3)), 23))
    return SearchQuery(
        text=rng.choice(TEXTS),
        latitude=CENTRE[0] + rng.uniform(-0.15, 0.15) if point else None,
        longitude=CENTRE[1] + rng.uniform(-0.25, 0.25) if point else None,
        radius_km=rng.choice((3.0, 8.0, 15.0, 25.0, 40.0)) if point else None,
        term_codes=tuple(rng.sample([t.code for t in (*ACTIVITIES[:8], *NEEDS)], k=rng.choice((0, 0, 0, 1, 3)))),
        taxonomy_term_ids=tuple(rng.sample(term_ids, k=2)) if term_ids and rng.random() < 0.1 else (),
        age=rng.choice((None, None, None, 8, 20, 35, 70)),
        days=tuple(rng.sample(DAYS, k=rng.choice((0, 0, 0, 1, 3)))),
        start_time=start,
        end_time=end,
        free_only=rng.random() < 0.2,
        accessibility=tuple(rng.sample([t.code for t in ACCESSIBILITY], k=rng.choice((0, 0, 0, 0, 1, 2)))),
        delivery=tuple(rng.sample([Delivery.IN_PERSON, Delivery.ONLINE, Delivery.PHONE], k=rng.choice((0, 0, 0, 1)))),
        page=rng.choice((1, 1, 1, 1, 2)),
        per_page=rng.choice((5, 10, 20)),
    )


def key(result) -> str:
    return f"{result.service_id.hex}:{result.location_id.hex if result.location_id else ''}"


@pytest.mark.django_db
def test_backend_matches_reference_for_random_queries():
    random_directory(seed=7, count=300)
    refresh_index()
    rows = load_rows()
    term_ids = sorted(str(t) for t in m.TaxonomyTerm.objects.values_list("id", flat=True))
    rng = random.Random(11)
    non_empty = 0
    for _ in range(250):
        q = random_query(rng, term_ids)
        page = search(q)
        total, expected = reference_search(rows, q)
        assert page.total == total, q
        assert [key(r) for r in page.results] == [k for k, _ in expected], q
        for result, (_, dist) in zip(page.results, expected, strict=True):
            if dist is None:
                assert result.distance_km is None
            else:
                assert result.distance_km == pytest.approx(dist, abs=0.001)
        non_empty += bool(page.results)
    # The mix must exercise real answers, not just empty pages.
    assert non_empty >= 80


@pytest.mark.django_db
def test_reference_and_backend_agree_on_a_text_and_place_search():
    random_directory(seed=3, count=80)
    refresh_index()
    q = SearchQuery(text="walkng", latitude=CENTRE[0], longitude=CENTRE[1], radius_km=30, per_page=50)
    total, expected = reference_search(load_rows(), q)
    page = search(q)
    assert total > 0
    assert [key(r) for r in page.results] == [k for k, _ in expected]
    assert all("Walking" in r.service_name for r in page.results)
