"""Words resolved against the vocabulary cached in the process (PostgreSQL) still follow the index at once:
a word the index learns after the cache was filled is found, and one it forgets no longer matches."""

from __future__ import annotations

import pytest

from connected.directory import models as m
from connected.directory.search import SearchQuery, refresh_index, search

from .factories import add_service, vocabulary_terms

HERE = dict(latitude=52.0, longitude=-1.0, radius_km=10.0)


@pytest.fixture
def feed(db):
    return m.Feed.objects.create(name="Council A")


def test_a_word_added_after_the_cache_was_filled_is_found_at_once(feed):
    terms = vocabulary_terms()
    walk = add_service(feed, terms, name="Riverside Walking Group", point=(52.01, -1.0), activity="walking-group")
    refresh_index([walk.id])
    for _ in range(2):  # the first search fills the cache, the second answers from it
        assert search(SearchQuery(text="walking", **HERE)).total == 1
        assert search(SearchQuery(text="ukulele", **HERE)).total == 0
    uke = add_service(feed, terms, name="Ukulele Club", point=(52.02, -1.0), activity="choir")
    refresh_index([uke.id])
    page = search(SearchQuery(text="ukulele", **HERE))
    assert page.total == 1 and page.results[0].service_name == "Ukulele Club"
    assert search(SearchQuery(text="ukulele walking", **HERE)).total == 0  # both words now known: none has both
    assert (
        search(SearchQuery(text="ukelele", **HERE)).results[0].reasons[1] == "Matches “ukulele” (you typed “ukelele”)"
    )


def test_a_word_the_index_no_longer_has_stops_matching(feed):
    terms = vocabulary_terms()
    uke = add_service(feed, terms, name="Ukulele Club", point=(52.02, -1.0), activity="choir")
    walk = add_service(feed, terms, name="Riverside Walking Group", point=(52.01, -1.0), activity="walking-group")
    refresh_index(None)
    assert search(SearchQuery(text="ukulele walking", **HERE)).total == 0
    uke.delete()
    refresh_index(None)  # a full rebuild writes the vocabulary afresh, without "ukulele"
    assert search(SearchQuery(text="ukulele walking", **HERE)).total == 1  # an unknown word is dropped
    assert search(SearchQuery(text="ukulele", **HERE)).total == 0
    assert walk.id == search(SearchQuery(text="walking", **HERE)).results[0].service_id
