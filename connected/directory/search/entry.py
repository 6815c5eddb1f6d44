"""One search-index row per service and place, from a batch's source rows (a refresh's and the bulk load's).

Built for every service of a national first load, so the row is made directly in ENTRY_COLUMNS order and
what repeats across a feed is worked out once: the words of names, organisations, places, address lines and
labels, each word's stem, and each set of schedules' stored rules, sessions and delivery. Those memos are
bounded, and the output is byte for byte what the plain version made (tests/search/test_entry.py keeps that
version as the oracle).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from connected.directory.search.masks import (
    ACCESS_BIT,
    DAY_BIT,
    DELIVERY_BIT,
    TERM_BIT,
    UNKNOWN_MAX_AGE,
    UNKNOWN_MIN_AGE,
)
from connected.directory.search.source import SCHEDULE_RULE, Schedule, Source
from connected.directory.search.text import stem_words, words
from connected.directory.sessions import Rule, rule_from_schedule
from connected.directory.vocabulary import ACTIVITIES_TAXONOMY, DAYS, NEEDS_TAXONOMY, normalise_delivery

ENTRY_COLUMNS = (
    "id", "entry_key", "service_id", "location_id", "feed_id", "service_name", "organization_name", "location_name",
    "address", "postcode", "latitude", "longitude", "sort_name", "name_stems", "stems", "min_age", "max_age",
    "day_mask", "access_mask", "delivery_mask", "term_mask", "is_free", "rules", "also_listed_by",
)  # fmt: skip
_OURS = {ACTIVITIES_TAXONOMY, NEEDS_TAXONOMY}
_WEEK = 24 * 60


class Entry(NamedTuple):
    """One index row, before it is written; `words` feeds the typo-correction vocabulary."""

    row: list  # in ENTRY_COLUMNS order; row[0], the id, is None until written
    sessions: tuple[tuple[int, int, int], ...]  # (weekday, opening minute, closing minute)
    term_ids: tuple[str, ...]  # sorted, each once
    words: Iterable[str]  # each once


def rule_to_json(rule: Rule) -> dict:
    return {
        "freq": rule.freq,
        "interval": rule.interval,
        "byday": [list(d) for d in rule.byday],
        "bymonthday": list(rule.bymonthday),
        "starts": rule.starts.isoformat() if rule.starts else None,
        "ends": rule.ends.isoformat() if rule.ends else None,
        "anchor": rule.anchor.isoformat() if rule.anchor else None,
        "opens_at": rule.opens_at.isoformat() if rule.opens_at else None,
        "closes_at": rule.closes_at.isoformat() if rule.closes_at else None,
        "count": rule.count,
    }


def is_free(fees_description: str, costs: list[dict]) -> bool:
    """Free when every cost option is zero; with no options, when the fee text says free and names no price."""
    if costs:
        for c in costs:
            amount = c["amount"]
            if amount is None or amount != 0:
                return False
        return True
    text = (fees_description or "").lower()
    return "free" in text and "£" not in text


def _minutes(moment) -> int:
    return moment.hour * 60 + moment.minute


@lru_cache(maxsize=32_768)
def _schedule(rule_fields: tuple) -> tuple[str, tuple[tuple[int, int, int], ...], int]:
    """A schedule's stored rule (JSON, '' when it has no usable pattern), weekly sessions and day mask."""
    rule = rule_from_schedule(Schedule(*rule_fields, ""))
    if rule is None:
        return "", (), 0
    opens = _minutes(rule.opens_at) if rule.opens_at else 0
    closes = _minutes(rule.closes_at) if rule.closes_at else _WEEK
    if closes <= opens:
        closes = _WEEK
    days = sorted(rule.weekdays)
    day_mask = 0
    for day in days:
        day_mask |= DAY_BIT[DAYS[day]]
    return json.dumps(rule_to_json(rule)), tuple((day, opens, closes) for day in days), day_mask


@lru_cache(maxsize=32_768)
def _when(location_type: str, schedules: tuple[Schedule, ...]) -> tuple[str, tuple, int, int]:
    """An entry's schedules (its service's, then its places'): the stored rules (a JSON list), weekly sessions,
    day mask and delivery mask."""
    parts, sessions, day_mask, delivery = [], (), 0, set()
    for x in schedules:
        text, weekly, days = _schedule(x[:SCHEDULE_RULE])
        if text:
            parts.append(text)
            sessions += weekly
            day_mask |= days
        if x.attending_type:
            delivery.add(normalise_delivery(x.attending_type, location_type))
    if not delivery:
        delivery.add(normalise_delivery("", location_type))
    return f"[{', '.join(parts)}]", sessions, day_mask, sum(DELIVERY_BIT[d] for d in delivery)


@lru_cache(maxsize=16_384)
def _terms(terms: tuple[tuple, ...]) -> tuple[tuple[str, ...], int, tuple[str, ...]]:
    """A service's terms (id, code, name, taxonomy): their ids (sorted, each once), the mask of our own
    vocabulary's, and the words of their labels (services share a few sets of terms)."""
    ids, term_mask, label_words = set(), 0, []
    for term_id, code, name, taxonomy in terms:
        ids.add(term_id)
        label_words += _short(name)
        if taxonomy in _OURS and code in TERM_BIT:
            term_mask |= TERM_BIT[code]
    return tuple(sorted(ids)), term_mask, tuple(label_words)


def _words(text: str) -> tuple[str, ...]:
    return tuple(words(text))


# Names, organisations, places, address lines and labels repeat across a feed. Descriptions rarely do, and
# a memo of them cost more in misses than it saved (3 µs a service at 50,000, measured), so they are split each time.
_short = lru_cache(maxsize=65_536)(_words)


@lru_cache(maxsize=65_536)
def _name(text: str) -> tuple[tuple[str, ...], str]:
    """A name's words and its tokens as stored."""
    found = _words(text)
    return found, _tokens(stem_words(found))


def _tokens(stems) -> str:
    """Tokens as stored (`text.token_text`): each once, space separated, a space at each end."""
    return f" {' '.join(dict.fromkeys(stems))} " if stems else " "


class _Batch(Source):
    """A batch of canonical services turned into index entries."""

    def entries(self) -> Iterator[Entry]:
        """One entry per service and place. A feed may list a service at one location more than once (a
        service at location for each of its sessions): those become one entry with all their sessions."""
        for s in self.services:
            sals = self.sals.get(s["id"])
            if not sals:
                yield self._entry(s, ())
            elif len(sals) == 1:
                yield self._entry(s, sals)
            else:
                at: dict[str, list[dict]] = {}
                for sal in sals:
                    at.setdefault(sal["location_id"], []).append(sal)
                for same_place in at.values():
                    yield self._entry(s, same_place)

    def _entry(self, s: dict, same_place) -> Entry:
        """The entry for service `s` at the place of `same_place` (its services at that one location), or with
        no place when it is empty."""
        sid = s["id"]
        schedules = self.schedules.get(sid, ())
        if same_place:
            sal = same_place[0]
            location_id = sal["location_id"]
            place, address, postcode, lat, lon, access, line_words = self._place(sal, same_place)
            for one in same_place:
                if more := self.schedules.get(one["id"]):
                    schedules = (*schedules, *more)
            rules, sessions, day_mask, delivery = _when(sal["location__location_type"], tuple(schedules))
        else:
            location_id, place, address, postcode, lat, lon, access, line_words = _NOWHERE
            rules, sessions, day_mask, delivery = _when("", tuple(schedules))
        term_ids, term_mask, label_words = _terms(tuple(self.terms.get(sid, ())))
        org = s["organization__name"] or ""
        name = s["name"]
        name_words, name_tokens = _name(f"{name} {s['alternate_name']}")
        # The words of "name alternate description org place address labels" (a space splits words), each once;
        # their stems each once are those of every word each once (a stem first comes with a word's first use).
        found = dict.fromkeys((
            *name_words, *words(s["description"]), *_short(org), *_short(place), *line_words, *label_words
        ))  # fmt: skip
        stems = stem_words(found)
        also = self.also.get(sid)
        row = [
            None, f"{sid}:{location_id or ''}", sid, location_id, s["feed_id"], name, org, place, address, postcode,
            lat, lon, name.lower(), name_tokens, f" {' '.join(dict.fromkeys(stems))} " if stems else " ",
            UNKNOWN_MIN_AGE if s["minimum_age"] is None else s["minimum_age"],
            UNKNOWN_MAX_AGE if s["maximum_age"] is None else s["maximum_age"],
            day_mask, access, delivery, term_mask, int(is_free(s["fees_description"], self.costs.get(sid))),
            rules, json.dumps(sorted(n for n in also if n and n != s["feed__name"])) if also else "[]",
        ]  # fmt: skip
        return Entry(row, sessions, term_ids, found.keys())

    def _place(self, sal: dict, same_place) -> tuple:
        """Where the entry is: name, address, postcode, position, accessibility mask, and the address's words."""
        location_id = sal["location_id"]
        access = 0
        for code in self.access.get(location_id, ()):
            access |= ACCESS_BIT[code]
        for one in same_place:
            for code in self.access.get(one["id"], ()):
                access |= ACCESS_BIT[code]
        a = self.addresses.get(location_id)
        if a:
            lines = [p for p in (a["address_1"], a["address_2"], a["city"]) if p]
            address, postcode = ", ".join(lines), a["postal_code"]
            line_words = [w for line in lines for w in _short(line)]  # ", " between lines splits words
        else:
            address = postcode = ""
            line_words = ()
        lat, lon = sal["location__latitude"], sal["location__longitude"]
        if lat is None or lon is None:
            lat = lon = None
        return sal["location__name"] or "", address, postcode, lat, lon, access, line_words


_NOWHERE = (None, "", "", "", None, None, 0, ())
