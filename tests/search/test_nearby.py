"""Search's bounded form for callers that rank for themselves (`nearby`, ADR 0046), held to `search` itself.

Whatever the circle it starts from, `nearest` gives the nearest places that search finds for the same query,
as many as asked; `remote` gives listings with no place that search finds; `any_words` and `either` widen
the words to any one of them. On SQLite and on PostgreSQL (DATABASE_URL).
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from connected.directory.search import SearchQuery, nearby, refresh_index, search
from connected.directory.search.facts import facts_by_entry
from connected.directory.vocabulary import ACCESSIBILITY, ACTIVITIES, NEEDS

from .factories import CENTRE, random_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    random_directory(seed=46, count=150)
    refresh_index()


def everything(q: SearchQuery) -> list:
    """Every result of `q` from search itself, nearest first."""
    out, page = [], 1
    while True:
        got = search(replace(q, page=page, per_page=100))
        out += got.results
        if page >= got.total_pages:
            return out
        page += 1


def keys(places) -> list[tuple]:
    facts = facts_by_entry(p.entry_id for p in places)
    return [(facts[p.entry_id].service_id, facts[p.entry_id].location_id) for p in places]


def test_nearest_is_searchs_nearest_whatever_the_circle(directory):
    rng = random.Random(46)
    for _ in range(25):
        q = SearchQuery(
            latitude=CENTRE[0] + rng.uniform(-0.1, 0.1),
            longitude=CENTRE[1] + rng.uniform(-0.2, 0.2),
            radius_km=rng.choice((1.6, 8.0, 25.0)),
            term_codes=tuple(rng.sample([t.code for t in (*ACTIVITIES[:8], *NEEDS[:4])], k=rng.choice((0, 1, 2)))),
            age=rng.choice((None, 20, 70)),
            accessibility=tuple(rng.sample([t.code for t in ACCESSIBILITY[:3]], k=rng.choice((0, 0, 1)))),
            free_only=rng.random() < 0.3,
        )
        limit = rng.choice((1, 5, 20))
        found = nearby.nearest(q, limit)
        expected = [r for r in everything(q) if r.distance_km is not None]
        assert len(found) == min(limit, len(expected))
        assert set(keys(found)) <= {(r.service_id, r.location_id) for r in expected}
        distances = [p.distance_km for p in found]
        assert distances == sorted(distances)
        if found:  # nothing search finds is nearer than the farthest given and left out
            left_out = {(r.service_id, r.location_id): r.distance_km for r in expected}.keys() - set(keys(found))
            nearer = [r for r in expected if (r.service_id, r.location_id) in left_out]
            assert all(r.distance_km >= round(distances[-1], 3) - 1e-3 for r in nearer)


def test_either_finds_any_word_or_any_type_and_any_words_widens_search(directory):
    q = SearchQuery(latitude=CENTRE[0], longitude=CENTRE[1], radius_km=25.0)
    found = set(keys(nearby.nearest(replace(q, text="singing knitting", term_codes=("gardening",)), 500, either=True)))
    union = set()
    for one in (replace(q, text="singing"), replace(q, text="knitting"), replace(q, term_codes=("gardening",))):
        union |= {(r.service_id, r.location_id) for r in everything(one)}
    assert found == union and union
    both = {(r.service_id, r.location_id) for r in everything(replace(q, text="singing knitting", any_words=True))}
    words = {(r.service_id, r.location_id) for w in ("singing", "knitting") for r in everything(replace(q, text=w))}
    assert both == words
    assert len(both) > len(everything(replace(q, text="singing knitting")))


def test_remote_gives_listings_with_no_place_that_search_finds(directory):
    q = SearchQuery(delivery=("online", "phone"), term_codes=("telephone-friendship", "digital-skills"))
    found = keys(nearby.remote(q, 200))
    expected = {(r.service_id, r.location_id) for r in everything(q) if r.latitude is None}
    assert set(found) == expected and expected
    assert all(location is None for _, location in found)
    assert len(nearby.remote(q, 3)) == 3
    assert nearby.remote(replace(q, text="xyzzyq", term_codes=()), 10, either=True) == []
