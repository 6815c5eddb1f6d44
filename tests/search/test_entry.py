"""The index entry builder (search/entry.py) is memoised and fast, and must write what the plain version wrote.

The plain version (before issue 19's bulk load made speed matter) is kept here as the oracle: a dict of values
per entry, words split by regex from one joined text, every stem taken in turn. Generated batches of services
(names and texts with accents, apostrophes and digits; places shared, missing or repeated; schedules of every
kind; terms of our vocabularies and others) go through both, and every column, session, term and word agrees.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, time
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connected.directory.search.entry import ENTRY_COLUMNS, _Batch, rule_to_json
from connected.directory.search.masks import ACCESS_BIT, DAY_BIT, DELIVERY_BIT, TERM_BIT
from connected.directory.search.source import Schedule
from connected.directory.search.text import stem, words
from connected.directory.sessions import rule_from_schedule
from connected.directory.vocabulary import ACTIVITIES_TAXONOMY, DAYS, NEEDS_TAXONOMY, normalise_delivery

_SPLIT = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2019\u2018`]")


def plain_words(text: str) -> list[str]:
    text = text or ""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _APOSTROPHES.sub("", text.lower())
    return [w for w in _SPLIT.split(text) if w and not w.isdigit()]


def plain_tokens(tokens) -> str:
    unique = list(dict.fromkeys(tokens))
    return f" {' '.join(unique)} " if unique else " "


def plain_entry(b, s: dict, same_place: list[dict]) -> tuple:
    """The entry as the plain version made it: (row, sessions, sorted term ids, words)."""
    sid = s["id"]
    sal = same_place[0] if same_place else None
    schedules = b.schedules.get(sid, []) + [x for one in same_place for x in b.schedules.get(one["id"], [])]
    location_type = sal["location__location_type"] if sal else ""
    rules = [r for r in (rule_from_schedule(x) for x in schedules) if r is not None]
    delivery = {normalise_delivery(x.attending_type, location_type) for x in schedules if x.attending_type}
    delivery = delivery or {normalise_delivery("", location_type)}
    sessions, day_mask = [], 0
    for rule in rules:
        opens = rule.opens_at.hour * 60 + rule.opens_at.minute if rule.opens_at else 0
        closes = rule.closes_at.hour * 60 + rule.closes_at.minute if rule.closes_at else 24 * 60
        closes = 24 * 60 if closes <= opens else closes
        for day in sorted(rule.weekdays):
            day_mask |= DAY_BIT[DAYS[day]]
            sessions.append((day, opens, closes))
    term_ids, term_mask, labels = set(), 0, []
    for term_id, code, name, taxonomy in b.terms.get(sid, []):
        term_ids.add(term_id)
        labels.append(name)
        if taxonomy in (ACTIVITIES_TAXONOMY, NEEDS_TAXONOMY) and code in TERM_BIT:
            term_mask |= TERM_BIT[code]
    place = {"location_name": "", "address": "", "postcode": "", "latitude": None, "longitude": None}
    access: set = set()
    if sal:
        access = b.access.get(sal["location_id"], set()).union(*(b.access.get(x["id"], ()) for x in same_place))
        if a := b.addresses.get(sal["location_id"]):
            place["address"] = ", ".join(p for p in (a["address_1"], a["address_2"], a["city"]) if p)
            place["postcode"] = a["postal_code"]
        place["location_name"] = sal["location__name"] or ""
        if sal["location__latitude"] is not None and sal["location__longitude"] is not None:
            place["latitude"], place["longitude"] = sal["location__latitude"], sal["location__longitude"]
    org = s["organization__name"] or ""
    name_words = plain_words(f"{s['name']} {s['alternate_name']}")
    text_words = name_words + plain_words(
        " ".join([s["description"], org, place["location_name"], place["address"], *labels])
    )
    costs = b.costs.get(sid, [])
    fees = (s["fees_description"] or "").lower()
    free = "free" in fees and "£" not in fees
    if costs:
        free = all(c["amount"] is not None and c["amount"] == 0 for c in costs)
    values = {
        "id": None, "entry_key": f"{sid}:{sal['location_id'] if sal else ''}", "service_id": sid,
        "location_id": sal["location_id"] if sal else None, "feed_id": s["feed_id"], "service_name": s["name"],
        "organization_name": org, **place, "sort_name": s["name"].lower(),
        "name_stems": plain_tokens(stem(w) for w in name_words), "stems": plain_tokens(stem(w) for w in text_words),
        "min_age": 0 if s["minimum_age"] is None else s["minimum_age"],
        "max_age": 150 if s["maximum_age"] is None else s["maximum_age"], "day_mask": day_mask,
        "access_mask": sum(ACCESS_BIT[c] for c in access), "delivery_mask": sum(DELIVERY_BIT[d] for d in delivery),
        "term_mask": term_mask, "is_free": int(free), "rules": json.dumps([rule_to_json(r) for r in rules]),
        "also_listed_by": json.dumps(sorted(n for n in b.also.get(sid, set()) if n and n != s["feed__name"])),
    }  # fmt: skip
    return [values[c] for c in ENTRY_COLUMNS], sessions, sorted(term_ids), set(text_words)


def plain_entries(b) -> list[tuple]:
    out = []
    for s in b.services:
        at: dict[str, list[dict]] = {}
        for sal in b.sals.get(s["id"], ()):
            at.setdefault(sal["location_id"], []).append(sal)
        out.extend(plain_entry(b, s, same) for same in (at.values() if at else [[]]))
    return out


class Parts(_Batch):
    def __init__(self, **parts) -> None:
        self.__dict__.update(parts)


TEXT = st.text(st.sampled_from("ab cdé' \u2019 12,.-ÅßI\u0131\u0301\ufb01Z9`"), max_size=24)
NAMES = st.sampled_from(["Walk & Talk", "Men\u2019s Shed", "", "Café 2 u", "ST. JOHN'S", "walking walks"])
CODES = st.sampled_from([*list(TERM_BIT)[:4], "other", *list(ACCESS_BIT)[:3]])
TAXONOMIES = st.sampled_from([ACTIVITIES_TAXONOMY, NEEDS_TAXONOMY, "Connected accessibility", "Theirs", None])
SCHEDULES = st.builds(
    Schedule,
    freq=st.sampled_from(["WEEKLY", "MONTHLY", "weekly", "", "DAILY"]),
    interval=st.sampled_from([None, 1, 2]),
    byday=st.sampled_from(["TU", "MO,TH", "2MO", "-1FR", "", "XX,SU"]),
    bymonthday=st.sampled_from(["", "1,15", "40"]),
    dtstart=st.sampled_from([None, date(2025, 1, 6)]),
    valid_from=st.sampled_from([None, date(2025, 2, 1)]),
    valid_to=st.sampled_from([None, date(2026, 1, 1)]),
    until=st.none(),
    opens_at=st.sampled_from([None, time(10), time(14, 30)]),
    closes_at=st.sampled_from([None, time(11), time(9)]),
    count=st.sampled_from([None, 0, 5]),
    attending_type=st.sampled_from(["", "Online via Zoom", "in person", "By telephone"]),
)


@st.composite
def batches(draw) -> dict:
    services, sals, addresses, terms, access, schedules, costs, also = [], {}, {}, {}, {}, {}, {}, {}
    locations = [f"{i:032x}" for i in range(1, 4)]
    for n in range(draw(st.integers(1, 4))):
        sid = f"{0xA0 + n:032x}"
        services.append({
            "id": sid, "name": draw(NAMES | TEXT), "alternate_name": draw(NAMES), "description": draw(TEXT),
            "feed_id": 1, "feed__name": "Ours", "minimum_age": draw(st.sampled_from([None, 0, 18])),
            "maximum_age": draw(st.sampled_from([None, 64])),
            "fees_description": draw(st.sampled_from(["", "Free", "£2 or free"])),
            "organization__name": draw(st.sampled_from([None, "", "Age UK", "Ca'fe 1"])),
        })  # fmt: skip
        for k in range(draw(st.integers(0, 3))):
            location, sal = draw(st.sampled_from(locations)), f"{0xB0 + n * 4 + k:032x}"
            sals.setdefault(sid, []).append({
                "id": sal, "service_id": sid, "location_id": location, "location__name": draw(NAMES),
                "location__latitude": draw(st.sampled_from([None, 53.5])), "location__longitude": -1.5,
                "location__location_type": draw(st.sampled_from(["physical", "virtual", ""])),
            })  # fmt: skip
            schedules[sal] = draw(st.lists(SCHEDULES, max_size=2))
            access[sal] = set(draw(st.lists(st.sampled_from(list(ACCESS_BIT)[:3]), max_size=2)))
        schedules[sid] = draw(st.lists(SCHEDULES, max_size=2))
        terms[sid] = [
            (f"{0xC0 + t:032x}", draw(CODES), draw(NAMES), draw(TAXONOMIES)) for t in draw(st.lists(st.integers(0, 3)))
        ]
        amounts = st.lists(st.sampled_from([None, Decimal(0), Decimal("2.50"), 0]), max_size=2)
        costs[sid] = [{"amount": a} for a in draw(amounts)]
        also[sid] = set(draw(st.lists(st.sampled_from(["Ours", "Theirs", "", "Council"]), max_size=2)))
    for location in locations:
        if draw(st.booleans()):
            lines = {"address_1": draw(TEXT), "address_2": draw(NAMES), "city": draw(st.sampled_from(["", "Leeds"]))}
            addresses[location] = {**lines, "postal_code": "LS1 1AA"}
        access[location] = set(draw(st.lists(st.sampled_from(list(ACCESS_BIT)[:3]), max_size=2)))
    return {"services": services, "sals": sals, "addresses": addresses, "terms": terms, "access": access,
            "schedules": schedules, "costs": costs, "also": also}  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches())
def test_entries_are_what_the_plain_version_made(parts):
    made = [
        (row, list(sessions), list(term_ids), set(found)) for row, sessions, term_ids, found in Parts(**parts).entries()
    ]
    expected = plain_entries(Parts(**parts))
    assert made == expected
    assert [[type(v) for v in e[0]] for e in made] == [[type(v) for v in e[0]] for e in expected]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(max_size=30) | TEXT, max_size=4))
def test_words_are_the_regex_split_and_split_alike_text_by_text(texts):
    joined = " ".join(texts)
    assert words(joined) == plain_words(joined)
    assert words(joined) == [w for text in texts for w in words(text)]
