"""An import keeps search in step: new services are found, changed ones re-indexed, removed ones gone."""

from __future__ import annotations

import pytest

from connected.demo.directory import generate_services
from connected.directory import models as m
from connected.directory.importer.core import import_services
from connected.directory.search import SearchQuery, search


def found_ids() -> set:
    return {r.service_id for r in search(SearchQuery(per_page=100)).results}


@pytest.mark.django_db
def test_import_then_search_follows_the_feed():
    feed = m.Feed.objects.create(name="Leeds")
    docs = [dict(d, status="active") for d in generate_services(6, seed=4)]
    assert import_services(feed, docs).added == 6
    ours = {d["id"]: m.Service.objects.get(feed=feed, source_id=d["id"]).id for d in docs}
    assert found_ids() == set(ours.values())

    renamed = dict(docs[0], name="Renamed Knitting Natter")
    import_services(feed, [renamed, *docs[2:]])  # docs[1] is no longer listed
    assert found_ids() == {ours[d["id"]] for d in [renamed, *docs[2:]]}
    (hit,) = search(SearchQuery(text="knitting natter")).results
    assert (hit.service_id, hit.service_name) == (ours[docs[0]["id"]], "Renamed Knitting Natter")


def session(day: str) -> dict:
    return {"id": f"choir-{day}", "freq": "WEEKLY", "byday": day, "opens_at": "18:00", "closes_at": "20:00"}


@pytest.mark.django_db
def test_a_service_listed_twice_at_one_location_imports_and_is_found_on_both_days():
    hall = {"id": "hall", "name": "Church hall", "latitude": 53.8, "longitude": -1.55}
    doc = {
        "id": "choir", "name": "Community choir", "status": "active",
        "service_at_locations": [
            {"id": "choir-tue", "location": hall, "schedules": [session("TU")]},
            {"id": "choir-thu", "location_id": "hall", "schedules": [session("TH")]},
        ],
    }  # fmt: skip
    result = import_services(m.Feed.objects.create(name="Leeds"), [doc])
    assert (result.added, result.rejected) == (1, 0)
    assert m.ServiceAtLocation.objects.count() == 2
    near = {"latitude": 53.8, "longitude": -1.55, "radius_km": 1.0}
    for day in ("TU", "TH"):
        (hit,) = search(SearchQuery(days=(day,), **near)).results
        assert hit.service_name == "Community choir"
    assert search(SearchQuery(days=("WE",), **near)).results == []
