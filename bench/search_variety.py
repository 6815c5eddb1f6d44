"""What the four-way search benchmark adds to a copy of the 500,000-service directory before it runs.

The shared directory (bench/search_data.py) has one place per service, every service active and none
folded into another. Real feeds are not like that, and each of those cases is one a baseline can get wrong,
so the benchmark's copy gets, through the product's own importer and the same seed on both databases:
services at several places, inactive services, and duplicates of other services (`duplicate_of` set, as
`dedupe` would). Then the indexes each baseline needs, in the benchmark's copy only: b-tree indexes on the
locations' latitude and longitude for the ORM query's box, and on PostgreSQL a PostGIS geography column with
a GiST index (the text index, a GIN index on a tsvector of the same stems, is the product's own).
"""

from __future__ import annotations

import copy
import random
import uuid

from django.db import connection
from search_data import england_positions, generate

from connected.directory import models as m

FEED = "Benchmark variety feed"
MULTI, INACTIVE, DUPLICATES = 3_000, 2_000, 2_000  # services at 3 places each, inactive, duplicate pairs
EXTRA_PLACES = 2


def variety_documents(seed: int, positions: list[tuple[str, float, float]]) -> list[dict]:
    """Seeded ORUK documents: multi-place services, then inactive ones, then each duplicate's original and copy."""
    rng = random.Random(seed * 7919)  # not generate()'s own id stream, which starts from `seed`
    new_id = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))  # noqa: E731
    docs = list(generate(MULTI + INACTIVE + DUPLICATES, seed, positions))
    for doc in docs[:MULTI]:
        for sal in list(doc.get("service_at_locations", ()))[:1]:
            for _ in range(EXTRA_PLACES):
                place = copy.deepcopy(sal)
                postcode, lat, lon = rng.choice(positions)
                place["id"], place["location"]["id"] = new_id(), new_id()
                place["location"].update(latitude=lat, longitude=lon, name=f"{place['location']['name']} annexe")
                for item in place["location"]["addresses"] + place["location"]["attributes"]:
                    item["id"] = new_id()
                place["location"]["addresses"][0]["postal_code"] = postcode
                doc["service_at_locations"].append(place)
    for doc in docs[MULTI : MULTI + INACTIVE]:
        doc["status"] = "inactive"
    copies = []
    for doc in docs[MULTI + INACTIVE :]:
        twin = copy.deepcopy(doc)
        twin["id"] = new_id()
        for record in _records(twin):
            record["id"] = new_id()
        copies.append(twin)
    return docs + copies


def _records(doc: dict) -> list[dict]:
    """Every nested record with an id in a service document (not the organisation: the copy shares it)."""
    out = []
    for key in ("schedules", "cost_options", "attributes"):
        out += doc.get(key, [])
    for sal in doc.get("service_at_locations", []):
        location = sal["location"]
        out += [sal, location, *location["addresses"], *location["attributes"]]
    return out


def add_variety(seed: int) -> dict:
    """Import the variety feed and mark the duplicates; returns what was added. Idempotent per database."""
    from connected.directory.importer import import_services
    from connected.directory.search import refresh_index

    if m.Feed.objects.filter(name=FEED).exists():
        return {"added": 0}
    positions = variety_positions(seed)
    docs = variety_documents(seed + 11, positions)
    feed = m.Feed.objects.create(name=FEED, kind="json")
    result = import_services(feed, docs)
    if result.rejected:
        raise RuntimeError(f"the variety feed was not taken whole: {result.counts()}")
    originals = docs[MULTI + INACTIVE : MULTI + INACTIVE + DUPLICATES]
    twins = docs[MULTI + INACTIVE + DUPLICATES :]
    by_feed_id = dict(m.Service.objects.filter(feed=feed).values_list("source_id", "id"))
    for original, twin in zip(originals, twins, strict=True):
        m.Service.objects.filter(id=by_feed_id[twin["id"]]).update(duplicate_of=by_feed_id[original["id"]])
    refresh_index([by_feed_id[t["id"]] for t in twins])
    return {"added": len(docs), "duplicates": len(twins), "inactive": INACTIVE, "multi_place": MULTI}


POSTGIS = (
    "CREATE EXTENSION IF NOT EXISTS postgis",
    "ALTER TABLE directory_search_entry ADD COLUMN IF NOT EXISTS geog geography(Point, 4326) "
    "GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography) STORED",
    "CREATE INDEX IF NOT EXISTS bench_search_entry_geog ON directory_search_entry USING gist (geog)",
)
ORM_INDEXES = (
    "CREATE INDEX IF NOT EXISTS bench_location_latitude ON directory_location (latitude)",
    "CREATE INDEX IF NOT EXISTS bench_location_longitude ON directory_location (longitude)",
)


def add_baseline_indexes() -> None:
    """The indexes the baselines need, in this benchmark database only; then fresh statistics for every side."""
    with connection.cursor() as cursor:
        for statement in ORM_INDEXES + (POSTGIS if connection.vendor == "postgresql" else ()):
            cursor.execute(statement)
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def variety_positions(seed: int = 2025) -> list[tuple[str, float, float]]:
    """The positions the variety feed's services were placed at (query points that reach them)."""
    return england_positions(2_000, seed + 11)
