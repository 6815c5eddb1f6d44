"""A national-scale synthetic directory for the search benchmark: fast, seeded, realistic enough.

Positions are real postcode positions across England (sampled from the NSPL
file), so density follows where people live. Text is built from the shared
vocabulary and phrase pools, so word frequencies look like a real directory's.
The directory is made as ORUK service documents and goes in through the
product's own importer (validation, upsert, search index), as a national feed would.
"""

from __future__ import annotations

import csv
import gzip
import random
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from connected.demo.directory import term_document
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


def generate(count: int, seed: int, positions: list[tuple[str, float, float]]) -> Iterator[dict]:
    """`count` ORUK service documents (as `/services/{id}` publishes them), one at a time, for `import_services`."""
    rng = random.Random(seed)
    ids = random.Random(seed)
    new_id = lambda: str(uuid.UUID(int=ids.getrandbits(128), version=4))  # noqa: E731
    activities, needs, access = list(ACTIVITIES), list(NEEDS), list(ACCESSIBILITY)
    organization: dict = {}
    for _ in range(count):
        activity = rng.choice(activities)
        place = rng.choice(PLACES)
        postcode, lat, lon = rng.choice(positions)
        venue = f"{place} {rng.choice(VENUES)}"
        if not organization or rng.random() < 0.25:
            organization = {"id": new_id(), "name": f"{place} Community Trust"}
        roll = rng.random()
        delivery = "in_person" if roll < 0.85 else ("online" if roll < 0.93 else "phone")
        price = rng.choice((0, 0, 0, 150, 250, 400))
        ages = rng.choice(((None, None), (None, None), (18, None), (50, None), (16, 25), (None, 11)))
        service = {
            "id": new_id(),
            "name": rng.choice(NAME_STYLES).format(place=place, label=activity.label, venue=venue),
            "description": " ".join((rng.choice(OPENINGS), activity.description + ".", rng.choice(WELCOMES),
                                     f"Near {postcode[:-3].strip()}.")),
            "status": "active",
            "application_process": "Just turn up.",
            "fees_description": "Free" if price == 0 else f"£{price / 100:.2f}",
            "minimum_age": ages[0],
            "maximum_age": ages[1],
            "organization": dict(organization),
        }  # fmt: skip
        if delivery == "in_person":
            features = rng.sample(access, k=rng.choice((0, 1, 1, 2, 3)))
            address = {"id": new_id(), "address_1": f"{rng.randint(1, 200)} High Street", "address_2": place,
                       "city": place, "postal_code": postcode, "country": "GB", "address_type": "physical"}  # fmt: skip
            location = {
                "id": new_id(), "location_type": "physical", "name": venue, "latitude": lat, "longitude": lon,
                "addresses": [address],
                "attributes": [{"id": new_id(), "taxonomy_term": term_document(ACCESSIBILITY_TAXONOMY, t.code)}
                               for t in features],
            }  # fmt: skip
            service["service_at_locations"] = [{"id": new_id(), "location": location}]
        day = rng.choice(DAYCODES)
        freq, interval, byday = "WEEKLY", rng.choice((1, 1, 1, 2)), day
        if rng.random() < 0.15:
            freq, interval, byday = "MONTHLY", 1, f"{rng.choice(('1', '2', '3', '-1'))}{day}"
        start = rng.choice((9, 10, 10, 11, 13, 14, 18, 19))
        service["schedules"] = [{
            "id": new_id(), "valid_from": "2025-01-06", "dtstart": "2025-01-06", "freq": freq, "interval": interval,
            "byday": byday, "opens_at": f"{start:02d}:{rng.choice((0, 30)):02d}",
            "closes_at": f"{start + rng.choice((1, 2)):02d}:00", "attending_type": ATTENDING[delivery],
        }]  # fmt: skip
        service["cost_options"] = [{"id": new_id(), "option": "Per session", "currency": "GBP",
                                    "amount": price / 100}]  # fmt: skip
        terms = [term_document(ACTIVITIES_TAXONOMY, activity.code)]
        terms += [term_document(NEEDS_TAXONOMY, t.code) for t in rng.sample(needs, k=rng.choice((1, 1, 2)))]
        service["attributes"] = [{"id": new_id(), "taxonomy_term": t} for t in terms]
        yield service
