"""A national-scale synthetic directory for the search benchmark: fast, seeded, realistic enough.

Positions are real postcode positions across England (sampled from the NSPL
file), so density follows where people live. Text is built from the shared
vocabulary and phrase pools, so word frequencies look like a real directory's.
Rows are written straight to the models' tables with executemany: the bulk
path a national import would take (the ORM's per-object cost would dominate).
"""

from __future__ import annotations

import csv
import gzip
import random
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from connected.directory import models as m
from connected.directory.search_index import insert_rows
from connected.directory.vocabulary import (
    ACCESSIBILITY,
    ACCESSIBILITY_TAXONOMY,
    ACTIVITIES,
    ACTIVITIES_TAXONOMY,
    NEEDS,
    NEEDS_TAXONOMY,
)

POSTCODES = Path(settings.SHARED_DIR) / "data" / "postcodes" / "gb_postcodes_nspl_may2025.csv.gz"
# Postcode areas wholly or mostly outside England.
NOT_ENGLAND = {
    *("AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "TD", "ZE"),
    *("CF", "LD", "LL", "NP", "SA", "SY", "BT", "GY", "JE", "IM"),
}
PLACES = (
    "Northfield", "Eastgate", "Westbrook", "Southside", "Riverside", "Hillcrest", "Oakwood", "Ashford", "Brookfield",
    "Fairfield", "Greenhill", "Highfield", "Kingsway", "Meadowbank", "Newtown", "Old Town", "Parkside", "Queensbury",
    "Rosehill", "St Mary's", "Stonebridge", "Thornbury", "Valley", "Woodside", "Millbrook", "Church End", "Marsh Lane",
)  # fmt: skip
VENUES = ("Community Centre", "Library", "Church Hall", "Methodist Hall", "Village Hall", "Leisure Centre", "Park",
          "Family Hub", "Scout Hut", "Quaker Meeting House", "Sports Club", "Allotments")  # fmt: skip
OPENINGS = (
    "A friendly group open to everyone.", "Come along and meet new people.", "Run by local volunteers since 2012.",
    "A warm welcome whether you come every week or once in a while.", "Small, relaxed and informal.",
)  # fmt: skip
WELCOMES = (
    "Carers and family are welcome too.", "No need to book, just turn up.", "Tea, coffee and biscuits provided.",
    "Bring a friend if you like.", "We can help with transport if you ask.", "Newcomers always welcome.",
)  # fmt: skip
NAME_STYLES = ("{place} {label}", "{label} at {venue}", "{place} {label} Club", "Friends of {place} {label}")
ATTENDING = {"in_person": "In person", "online": "Online via Zoom", "phone": "By telephone"}
DAYCODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def england_positions(sample: int, seed: int) -> list[tuple[str, float, float]]:
    """A uniform sample (by postcode, so roughly by population) of English postcode positions."""
    rng = random.Random(seed)
    chosen: list[tuple[str, float, float]] = []
    seen = 0
    with gzip.open(POSTCODES, "rt", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for postcode, lat, lon in reader:
            if not lat:
                continue
            area = postcode[:2] if postcode[1].isalpha() else postcode[:1]
            if area in NOT_ENGLAND:
                continue
            seen += 1
            item = (postcode, float(lat), float(lon))
            if len(chosen) < sample:
                chosen.append(item)
            else:  # reservoir sampling keeps memory flat over 2.6 million rows
                j = rng.randrange(seen)
                if j < sample:
                    chosen[j] = item
    return chosen


def _ensure_terms() -> dict[str, str]:
    """Our vocabulary as TaxonomyTerms; returns code -> term id (as stored)."""
    out = {}
    for name, terms in (
        (ACTIVITIES_TAXONOMY, ACTIVITIES),
        (NEEDS_TAXONOMY, NEEDS),
        (ACCESSIBILITY_TAXONOMY, ACCESSIBILITY),
    ):
        taxonomy, _ = m.Taxonomy.objects.get_or_create(name=name)
        for t in terms:
            row, _ = m.TaxonomyTerm.objects.get_or_create(
                code=t.code, taxonomy=taxonomy, defaults={"name": t.label, "taxonomy_name": name}
            )
            out[t.code] = row.id.hex
    return out


class Writer:
    """executemany into the models' own tables. Values are already strings both databases accept:
    32-digit hex for UUIDs (Django's SQLite form; PostgreSQL casts it) and ISO dates and times."""

    def __init__(self) -> None:
        self.rows: dict[type, list] = {}

    def add(self, model: type, **values) -> None:
        self.rows.setdefault(model, []).append(values)

    def flush(self, cursor) -> None:
        for model in (m.Organization, m.Service, m.Location, m.ServiceAtLocation, m.Address, m.Schedule,
                      m.CostOption, m.Attribute):  # fmt: skip
            rows = self.rows.get(model)
            if not rows:
                continue
            fields = model._meta.concrete_fields
            defaults = {f.name: (None if f.null else f.get_default()) for f in fields}
            names = [f.name for f in fields]
            columns = tuple(f.column for f in fields)
            insert_rows(cursor, model._meta.db_table, columns, [[r.get(n, defaults[n]) for n in names] for r in rows])
        self.rows = {}


_IDS = random.Random()


def new_id() -> str:
    return f"{_IDS.getrandbits(128):032x}"


def generate(count: int, seed: int, positions: list[tuple[str, float, float]], batch: int = 5000) -> Iterator[int]:
    """Write `count` services (and their organisations, places, sessions, costs, terms); yields per batch."""
    rng = random.Random(seed)
    terms = _ensure_terms()
    feed, _ = m.Feed.objects.get_or_create(name="Benchmark national feed")
    activities, needs, access = list(ACTIVITIES), [t.code for t in NEEDS], [t.code for t in ACCESSIBILITY]
    _IDS.seed(seed)
    common = {"feed": feed.id, "content_hash": "", "imported_at": None}
    written = 0
    org_id = None
    while written < count:
        w = Writer()
        for _ in range(min(batch, count - written)):
            written += 1
            activity = rng.choice(activities)
            place = rng.choice(PLACES)
            postcode, lat, lon = rng.choice(positions)
            venue = f"{place} {rng.choice(VENUES)}"
            if org_id is None or rng.random() < 0.25:
                org_id = new_id()
                w.add(m.Organization, id=org_id, source_id=org_id, name=f"{place} Community Trust", **common)
            roll = rng.random()
            delivery = "in_person" if roll < 0.85 else ("online" if roll < 0.93 else "phone")
            sid = new_id()
            name = rng.choice(NAME_STYLES).format(place=place, label=activity.label, venue=venue)
            price = rng.choice((0, 0, 0, 150, 250, 400))
            description = " ".join(
                (
                    rng.choice(OPENINGS),
                    activity.description + ".",
                    rng.choice(WELCOMES),
                    f"Near {postcode[:-3].strip()}.",
                )
            )
            ages = rng.choice(((None, None), (None, None), (18, None), (50, None), (16, 25), (None, 11)))
            w.add(
                m.Service, id=sid, source_id=sid, organization=org_id, name=name, alternate_name="",
                description=description, url="", email="", status="active", interpretation_services="",
                application_process="Just turn up.", fees_description="Free" if price == 0 else f"£{price / 100:.2f}",
                accreditations="", eligibility_description="", minimum_age=ages[0], maximum_age=ages[1],
                assurer_email="", alert="", duplicate_of=None, **common,
            )  # fmt: skip
            if delivery == "in_person":
                lid = new_id()
                w.add(
                    m.Location, id=lid, source_id=lid, organization=org_id, location_type="physical", url="",
                    name=venue, alternate_name="", description="", transportation="", latitude=lat, longitude=lon,
                    external_identifier="", external_identifier_type="", **common,
                )  # fmt: skip
                w.add(m.ServiceAtLocation, id=new_id(), source_id=new_id(), service=sid, location=lid,
                      description="", **common)  # fmt: skip
                w.add(
                    m.Address, id=new_id(), source_id=new_id(), location=lid, attention="",
                    address_1=f"{rng.randint(1, 200)} High Street", address_2=place, city="", region="",
                    state_province="", postal_code=postcode, country="GB", address_type="physical", **common,
                )  # fmt: skip
                for code in rng.sample(access, k=rng.choice((0, 1, 1, 2, 3))):
                    w.add(m.Attribute, id=new_id(), source_id=new_id(), taxonomy_term=terms[code],
                          link_entity="location", link_id=lid, link_type="", value="", label="", **common)  # fmt: skip
            day = rng.choice(DAYCODES)
            freq, interval, byday = "WEEKLY", rng.choice((1, 1, 1, 2)), day
            if rng.random() < 0.15:
                freq, interval, byday = "MONTHLY", 1, f"{rng.choice(('1', '2', '3', '-1'))}{day}"
            start = rng.choice((9, 10, 10, 11, 13, 14, 18, 19))
            w.add(
                m.Schedule, id=new_id(), source_id=new_id(), service=sid, location=None,
                service_at_location=None, valid_from="2025-01-06", valid_to=None, dtstart="2025-01-06",
                timezone="", until=None, count=None, wkst="", freq=freq, interval=interval, byday=byday, byweekno="",
                bymonthday="", byyearday="", description="", opens_at=f"{start:02d}:{rng.choice((0, 30)):02d}:00",
                closes_at=f"{start + rng.choice((1, 2)):02d}:00:00", schedule_link="",
                attending_type=ATTENDING[delivery],
                notes="", **common,
            )  # fmt: skip
            w.add(m.CostOption, id=new_id(), source_id=new_id(), service=sid, valid_from=None, valid_to=None,
                  option="Per session", currency="GBP", amount=price / 100, amount_description="",
                  **common)  # fmt: skip
            for code in [activity.code, *rng.sample(needs, k=rng.choice((1, 1, 2)))]:
                w.add(m.Attribute, id=new_id(), source_id=new_id(), taxonomy_term=terms[code],
                      link_entity="service", link_id=sid, link_type="", value="", label="", **common)  # fmt: skip
        with transaction.atomic(), connection.cursor() as cursor:
            w.flush(cursor)
        yield written
