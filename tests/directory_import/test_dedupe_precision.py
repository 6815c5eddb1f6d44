"""Duplicate detection measured against the demo generator's own truth (`Listing.relist_of`).

`synthetic.generate_listings` relists some services in a neighbouring council's feed and says which; every
other pair is a different activity. The demo's 3,000 services once linked 7 wrong pairs out of 72: phone
services with generic names ("Call and Chat") whose organisations differ only by place.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from connected.demo.councils import AREAS
from connected.demo.directory import generate_listings
from connected.directory import models as m
from connected.directory.dedupe import find_duplicates
from connected.directory.importer import import_services

pytestmark = pytest.mark.django_db


def measure(count: int, seed: int) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) over pairs (copy, the listing it copies)."""
    by_area: dict[str, list[dict]] = defaultdict(list)
    truth: set[frozenset[str]] = set()
    for listing in generate_listings(count, seed):
        by_area[listing.area.key].append(listing.service)
        if listing.relist_of:
            truth.add(frozenset((listing.service["id"], listing.relist_of)))
    for key, services in by_area.items():
        import_services(m.Feed.objects.create(name=AREAS[key].feed_name, kind=m.Feed.Kind.LOCAL), services)
    find_duplicates()
    found = {
        frozenset(pair)
        for pair in m.Service.objects.filter(duplicate_of__isnull=False).values_list(
            "source_id", "duplicate_of__source_id"
        )
    }
    return len(found & truth), len(found - truth), len(truth - found)


def test_demo_sized_directory_links_no_wrong_pairs_and_finds_the_copies() -> None:
    tp, fp, fn = measure(3000, seed=1)
    print(f"dedupe on 3,000 services: {tp} right, {fp} wrong, {fn} missed")  # the figures, shown with -s
    assert tp + fn > 50  # enough copies for the figures to mean something
    assert fp == 0
    assert tp >= 0.95 * (tp + fn)
