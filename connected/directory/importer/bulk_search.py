"""The bulk first load's search index, built in the worker from the rows it has just keyed.

The ordinary path writes the directory, then reads it back a batch at a time
(`search.source.Source`) to build the index entries (`search.index._Batch`).
Here the worker already holds every value those queries would return, so it
fills the same dicts from its rows and hands them to the same `_Batch`: the
entries, sessions, terms and vocabulary come out as a refresh would make them
(`test_bulk.py` compares the two), while the other process is still writing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from types import SimpleNamespace
from typing import Any

from connected.directory.search import index as search
from connected.directory.search.masks import ACCESS_BIT
from connected.directory.search.source import indexable
from connected.directory.vocabulary import ACCESSIBILITY_TAXONOMY

SCHEDULE = ("freq", "interval", "byday", "bymonthday", "dtstart", "valid_from", "valid_to", "until", "opens_at",
            "closes_at", "attending_type", "count")  # fmt: skip
SESSION_COLUMNS = ("entry_id", "day", "opens", "closes")
TERM_COLUMNS = ("entry_id", "term_id")


class _Rows(search._Batch):
    """A `_Batch` whose source rows come from the worker, not from the database."""

    def __init__(self, **parts: Any) -> None:
        self.__dict__.update(parts)


class SearchRows:
    """Keeps what the index needs from every row the worker writes; turns each batch's services into entries."""

    def __init__(self, feed_name: str, first_id: int, shared: tuple[dict[str, tuple], dict[str, str]]) -> None:
        self.feed_name, self.next_id = feed_name, first_id
        self.orgs: dict[str, str] = {}
        self.locations: dict[str, tuple] = {}
        self.addresses: dict[str, dict] = {}
        self.terms: dict[str, tuple] = shared[0]  # hex id -> (code, name, taxonomy_name, taxonomy hex)
        self.taxonomies: dict[str, str] = shared[1]
        self.access: dict[str, set[str]] = defaultdict(set)
        self.words: Counter = Counter()
        self._new_batch()

    def _new_batch(self) -> None:
        self.services: list[dict] = []
        self.sals: dict[str, list[dict]] = defaultdict(list)
        self.service_terms: dict[str, list[tuple]] = defaultdict(list)
        self.schedules: dict[str, list[SimpleNamespace]] = defaultdict(list)
        self.costs: dict[str, list[dict]] = defaultdict(list)

    def row(self, entity: str, pk, values: dict) -> None:
        """Note one written row (values hold the model's fields and parents' keys as UUIDs)."""
        key = pk.hex
        if entity == "service":
            if indexable(values.get("status"), None):
                org = self.orgs.get(_hex(values.get("organization_id")))
                self.services.append({
                    "id": key, "name": values["name"], "alternate_name": values["alternate_name"],
                    "description": values["description"], "feed_id": values["feed_id"], "feed__name": self.feed_name,
                    "minimum_age": values["minimum_age"], "maximum_age": values["maximum_age"],
                    "fees_description": values["fees_description"], "organization__name": org,
                })  # fmt: skip
        elif entity == "organization":
            self.orgs[key] = values["name"]
        elif entity == "location":
            self.locations[key] = (values["name"], values["latitude"], values["longitude"], values["location_type"])
        elif entity == "service_at_location":
            self._sal(key, values)
        elif entity == "address":
            self.addresses.setdefault(_hex(values["location_id"]), {
                k: values[k] for k in ("address_1", "address_2", "city", "postal_code")
            })  # fmt: skip
        elif entity == "schedule":
            owner = _hex(values.get("service_at_location_id")) or _hex(values.get("service_id"))
            if owner:
                self.schedules[owner].append(SimpleNamespace(**{k: values[k] for k in SCHEDULE}))
        elif entity == "cost_option":
            self.costs[_hex(values["service_id"])].append({"amount": values["amount"]})
        elif entity == "taxonomy":
            self.taxonomies[key] = values["name"]
        elif entity == "taxonomy_term":
            taxonomy = _hex(values.get("taxonomy_id"))
            self.terms[key] = (values["code"], values["name"], values["taxonomy_name"], taxonomy)
        elif entity == "attribute":
            self._attribute(values)

    def _sal(self, key: str, values: dict) -> None:
        service, location = _hex(values["service_id"]), _hex(values["location_id"])
        name, latitude, longitude, kind = self.locations.get(location, ("", None, None, ""))
        self.sals[service].append({
            "id": key, "service_id": service, "location_id": location, "location__name": name,
            "location__latitude": latitude, "location__longitude": longitude, "location__location_type": kind,
        })  # fmt: skip

    def _attribute(self, values: dict) -> None:
        term_id = _hex(values["taxonomy_term_id"])
        code, name, taxonomy_name, taxonomy_id = self.terms[term_id]
        taxonomy = self.taxonomies.get(taxonomy_id) if taxonomy_id else None
        taxonomy = taxonomy or taxonomy_name
        linked, link = values["link_entity"], _hex(values["link_id"])
        if linked == "service":
            self.service_terms[link].append((term_id, code, name, taxonomy))
        elif (
            linked in ("location", "service_at_location") and taxonomy == ACCESSIBILITY_TAXONOMY and code in ACCESS_BIT
        ):
            self.access[link].add(code)

    def entries(self) -> tuple[list, list, list]:
        """This batch's index rows (entries, sessions, terms), as `search.index._write` makes them."""
        batch = _Rows(
            services=self.services, sals=self.sals, addresses=self.addresses, terms=self.service_terms,
            access=self.access, schedules=self.schedules, costs=self.costs, also={},
        )  # fmt: skip
        rows, sessions, terms = [], [], []
        for entry in batch.entries():
            self.words.update(entry.words)
            entry.values["id"] = entry_id = self.next_id
            self.next_id += 1
            rows.append([entry.values[c] for c in search.ENTRY_COLUMNS])
            sessions.extend((entry_id, *s) for s in entry.sessions)
            terms.extend((entry_id, t) for t in sorted(entry.term_ids))
        self._new_batch()
        return rows, sessions, terms


def _hex(value) -> str | None:
    return value.hex if value is not None else None
