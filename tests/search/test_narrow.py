"""Ranking on the narrow data: ties at a page's edge, deep pages, and the narrow copy kept in step with the index.

With no words, places are counted and ranked from narrow rows (SQLite: a map-ordered table kept by triggers;
PostgreSQL: the GiST index's INCLUDE columns), and names break ties only for the rows near the page. These
tests put many services at one spot (one venue, many groups), so ties run past the rows fetched for a page.
"""

from __future__ import annotations

import random

import pytest
from django.db import connection

from connected.directory import models as m
from connected.directory.search import SearchQuery, refresh_index, search
from connected.directory.search.ranking import SLIM_MAX_ROWS, TIE_SLACK

from .factories import CENTRE, add_service, vocabulary_terms
from .reference import load_rows, reference_search
from .test_oracle import key


def crowded_venue(rng: random.Random, at_spot: int, nearby: int) -> list[m.Service]:
    terms = vocabulary_terms()
    feed = m.Feed.objects.create(name="Venue feed", priority=0)
    spot = (CENTRE[0] + 0.01, CENTRE[1] + 0.01)
    services = []
    for i in range(at_spot):
        # Few distinct names, so names tie too and the entry key decides.
        name = rng.choice(("Coffee morning", "Choir", "Lunch club", f"Group {i}"))
        services.append(add_service(feed, terms, name=name, point=spot, rng=rng))
    for i in range(nearby):
        point = (CENTRE[0] + rng.uniform(-0.03, 0.03), CENTRE[1] + rng.uniform(-0.05, 0.05))
        services.append(add_service(feed, terms, name=f"Nearby {i}", point=point, rng=rng))
    return services


def assert_pages_match_reference(queries: list[SearchQuery]) -> None:
    rows = load_rows()
    for q in queries:
        page = search(q)
        total, expected = reference_search(rows, q)
        assert page.total == total, q
        assert [key(r) for r in page.results] == [k for k, _ in expected], q
        for result, (_, dist) in zip(page.results, expected, strict=True):
            assert result.distance_km == pytest.approx(dist, abs=0.001), q


@pytest.mark.django_db
def test_ties_past_the_fetched_rows_are_ordered_as_the_reference_orders_them():
    crowded_venue(random.Random(3), at_spot=TIE_SLACK + 40, nearby=30)
    refresh_index()
    queries = [
        SearchQuery(latitude=CENTRE[0], longitude=CENTRE[1], radius_km=10, page=page, per_page=per_page)
        for per_page in (5, 20, 100)
        for page in (1, 2, 3, 6, 30)
    ]
    queries.append(SearchQuery(latitude=CENTRE[0], longitude=CENTRE[1], radius_km=10, free_only=True, per_page=7))
    assert_pages_match_reference(queries)
    # The spot holds more tied rows than the slack: the first page's edge falls inside the tie.
    assert search(queries[0]).total > TIE_SLACK + 40


@pytest.mark.django_db
def test_ties_inside_the_smaller_circle_are_taken_from_it_in_the_reference_order():
    # Enough places that the page comes from a smaller circle, and a venue in it holding more groups than the
    # slack: the page's last metre runs past the fetched rows and is completed from the smaller circle. Thirty
    # groups nearer than the venue, each at its own metre, share its map cell, so the rows come back from the
    # cell interleaved with the venue's: the page's edge must be found in distance order, not scan order.
    rng = random.Random(9)
    crowded_venue(rng, at_spot=TIE_SLACK + 40, nearby=400)
    spot = (CENTRE[0] + 0.01, CENTRE[1] + 0.01)
    here = (spot[0] + 0.0004, spot[1])  # 44 m north of the venue
    feed, terms = m.Feed.objects.get(name="Venue feed"), vocabulary_terms()
    for i in range(30):
        add_service(feed, terms, name=f"Next door {i}", point=(here[0], here[1] + 0.00001 * i), rng=rng)
    refresh_index()
    queries = [
        SearchQuery(latitude=here[0], longitude=here[1], radius_km=10, page=page, per_page=per_page)
        for per_page, pages in ((5, range(7, 21)), (20, range(2, 6)), (100, (1,)))
        for page in pages
    ]
    queries.append(SearchQuery(latitude=spot[0], longitude=spot[1], radius_km=10, per_page=20))
    assert_pages_match_reference(queries)
    assert search(queries[0]).total > 2 * (100 + TIE_SLACK)


@pytest.mark.django_db
def test_deep_pages_beyond_the_narrow_limit_give_the_reference_answers():
    crowded_venue(random.Random(5), at_spot=20, nearby=20)
    refresh_index()
    per_page = 100
    deep = SLIM_MAX_ROWS // per_page + 1  # ranked with the wide rows instead
    queries = [SearchQuery(latitude=CENTRE[0], longitude=CENTRE[1], radius_km=10, per_page=per_page)]
    queries.append(SearchQuery(latitude=CENTRE[0], longitude=CENTRE[1], radius_km=10, page=deep, per_page=per_page))
    assert_pages_match_reference(queries)
    assert search(queries[-1]).results == []


@pytest.mark.django_db
def test_refreshing_some_services_keeps_the_narrow_copy_in_step():
    services = crowded_venue(random.Random(7), at_spot=30, nearby=30)
    refresh_index()
    # Move some services elsewhere, remove others, and refresh only those: the delete and insert triggers
    # (SQLite) must leave exactly the current places in the narrow copy.
    moved, removed = services[:10], services[10:15]
    for s in moved:
        m.Location.objects.filter(service_at_locations__service=s).update(latitude=CENTRE[0] + 0.05)
    for s in removed:
        s.status = "inactive"
        s.save()
    refresh_index([s.id for s in moved + removed])
    queries = [
        SearchQuery(latitude=CENTRE[0], longitude=CENTRE[1], radius_km=r, page=p, per_page=10)
        for r in (2, 5, 10)
        for p in (1, 3)
    ]
    assert_pages_match_reference(queries)
    if connection.vendor == "sqlite":
        # A refresh fills FTS5, the R*Tree and the narrow table for its new rows in bulk, with the per-row
        # insert triggers dropped meanwhile: all three must match the rows, and the triggers must be back.
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM directory_search_entry WHERE latitude IS NOT NULL")
            located = cursor.fetchone()[0]
            for table in ("directory_search_geo", "directory_search_rtree"):
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - fixed names
                assert cursor.fetchone()[0] == located, table
            cursor.execute("INSERT INTO directory_search_fts (directory_search_fts) VALUES ('integrity-check')")
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'directory_search_entry'"
            )
            assert {r[0] for r in cursor.fetchall()} == {
                "directory_search_entry_ai", "directory_search_entry_ai_geo", "directory_search_entry_ad"
            }  # fmt: skip
