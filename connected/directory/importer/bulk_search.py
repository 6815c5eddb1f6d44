"""The bulk first load's search index, built in the worker from the rows it has just keyed.

The ordinary path writes the directory, then reads it back a batch at a time
(`search.source.Source`) to build the index entries (`search.index._Batch`).
Here the worker already holds every value those queries would return, so it
fills the same dicts from its rows and hands them to the same `_Batch`: the
entries, sessions, terms and vocabulary come out as a refresh would make them
(`test_bulk.py` compares the two), while the other process is still writing.
"""

from __future__ import annotations

from collections import Counter, _count_elements, defaultdict
from itertools import repeat
from operator import itemgetter
from typing import Any
from uuid import UUID

from connected.directory.search import entry as search
from connected.directory.search.masks import ACCESS_BIT
from connected.directory.search.source import Schedule, indexable
from connected.directory.vocabulary import ACCESSIBILITY_TAXONOMY

SCHEDULE = Schedule._fields
_SCHEDULE_VALUES = itemgetter(*SCHEDULE)
_ADDRESS = ("address_1", "address_2", "city", "postal_code")
_ADDRESS_VALUES = itemgetter(*_ADDRESS)
_LOCATION = itemgetter("name", "latitude", "longitude", "location_type")
_new = tuple.__new__
SESSION_COLUMNS = ("entry_id", "day", "opens", "closes")
TERM_COLUMNS = ("entry_id", "term_id")
_HEXES = 50_000  # how many ids' hex forms are remembered before the memo starts again


class _Rows(search._Batch):
    """A `_Batch` whose source rows come from the worker, not from the database."""

    def __init__(self, **parts: Any) -> None:
        self.__dict__.update(parts)


class _Hexes(dict):
    """UUID.int -> UUID.hex, remembered: `.hex` costs ~0.7 us, and each id is read back several times (its
    children's rows, attributes). A dict subclass, so a hit is a plain subscript."""

    def __missing__(self, key: int) -> str:
        value = self[key] = format(key, "032x")
        return value


class SearchRows:
    """Keeps what the index needs from every row the worker writes; turns each batch's services into entries."""

    def __init__(self, feed_name: str, first_id: int, shared: tuple[dict[str, tuple], dict[str, str]]) -> None:
        self.feed_name, self.next_id = feed_name, first_id
        self.orgs: dict[str, str] = {}
        self.locations: dict[str, tuple] = {}
        self.addresses: dict[str, dict] = {}
        self.terms: dict[str, tuple] = shared[0]  # hex id -> (code, name, taxonomy_name, taxonomy hex)
        self.taxonomies: dict[str, str] = shared[1]
        self.attributes: dict[str, tuple] = {}  # a term's hex id -> what an attribute of it adds (see _attribute)
        self.access: dict[str, set[str]] = defaultdict(set)
        self.words: Counter = Counter()
        self.hexes = _Hexes()
        self._rows = {
            "service": self._service, "organization": self._organization, "location": self._location,
            "service_at_location": self._sal, "address": self._address, "schedule": self._schedule,
            "cost_option": self._cost, "taxonomy": self._taxonomy, "taxonomy_term": self._term,
            "attribute": self._attribute,
        }  # fmt: skip
        self._new_batch()

    def _new_batch(self) -> None:
        self.services: list[dict] = []
        self.sals: dict[str, list[dict]] = defaultdict(list)
        self.service_terms: dict[str, list[tuple]] = defaultdict(list)
        self.schedules: dict[str, list[Schedule]] = defaultdict(list)
        self.costs: dict[str, list[dict]] = defaultdict(list)
        if len(self.hexes) > _HEXES:
            self.hexes = _Hexes()

    def _hex(self, key: UUID | str) -> str:
        """A key's 32 hex digits: the bulk load's own keys are those already; shared terms' are UUIDs."""
        return key if key.__class__ is str else self.hexes[key.int]

    def row(self, entity: str, pk: UUID | str, values: dict) -> None:
        """Note one written row (values hold the model's fields and parents' keys as UUIDs)."""
        if keep := self._rows.get(entity):
            keep(pk, values)

    def _service(self, pk: UUID | str, values: dict) -> None:
        if indexable(values.get("status"), None):
            org = values.get("organization_id")
            self.services.append({
                "id": self._hex(pk), "name": values["name"], "alternate_name": values["alternate_name"],
                "description": values["description"], "feed_id": values["feed_id"], "feed__name": self.feed_name,
                "minimum_age": values["minimum_age"], "maximum_age": values["maximum_age"],
                "fees_description": values["fees_description"],
                "organization__name": None if org is None else self.orgs.get(self._hex(org)),
            })  # fmt: skip

    def _organization(self, pk: UUID | str, values: dict) -> None:
        self.orgs[self._hex(pk)] = values["name"]

    def _location(self, pk: UUID | str, values: dict) -> None:
        self.locations[self._hex(pk)] = _LOCATION(values)

    def _sal(self, pk: UUID | str, values: dict) -> None:
        service, location = self._hex(values["service_id"]), self._hex(values["location_id"])
        name, latitude, longitude, kind = self.locations.get(location, ("", None, None, ""))
        self.sals[service].append({
            "id": self._hex(pk), "service_id": service, "location_id": location, "location__name": name,
            "location__latitude": latitude, "location__longitude": longitude, "location__location_type": kind,
        })  # fmt: skip

    def _address(self, pk: UUID | str, values: dict) -> None:
        location = self._hex(values["location_id"])
        if location not in self.addresses:
            self.addresses[location] = dict(zip(_ADDRESS, _ADDRESS_VALUES(values), strict=True))

    def _schedule(self, pk: UUID | str, values: dict) -> None:
        owner = values.get("service_at_location_id") or values.get("service_id")
        if owner is not None:
            self.schedules[self._hex(owner)].append(_new(Schedule, _SCHEDULE_VALUES(values)))

    def _cost(self, pk: UUID | str, values: dict) -> None:
        self.costs[self._hex(values["service_id"])].append({"amount": values["amount"]})

    def _taxonomy(self, pk: UUID | str, values: dict) -> None:
        self.taxonomies[self._hex(pk)] = values["name"]
        self.attributes.clear()

    def _term(self, pk: UUID | str, values: dict) -> None:
        taxonomy = values.get("taxonomy_id")
        taxonomy = None if taxonomy is None else self._hex(taxonomy)
        self.terms[self._hex(pk)] = (values["code"], values["name"], values["taxonomy_name"], taxonomy)
        self.attributes.clear()

    def _attribute(self, pk: UUID | str, values: dict) -> None:
        term = self._hex(values["taxonomy_term_id"])
        found = self.attributes.get(term)
        if found is None:
            found = self.attributes[term] = self._term_facts(term)
        linked = values["link_entity"]
        if linked == "service":
            self.service_terms[self._hex(values["link_id"])].append(found[0])
        elif found[1] and linked in ("location", "service_at_location"):
            self.access[self._hex(values["link_id"])].add(found[1])

    def _term_facts(self, term_id: str) -> tuple[tuple, str]:
        """What an attribute of this term adds: to a service, (id, code, name, taxonomy); to a place, its
        accessibility code ('' when it is none). Remembered until a term or taxonomy row changes them."""
        code, name, taxonomy_name, taxonomy_id = self.terms[term_id]
        taxonomy = self.taxonomies.get(taxonomy_id) if taxonomy_id else None
        taxonomy = taxonomy or taxonomy_name
        access = code if taxonomy == ACCESSIBILITY_TAXONOMY and code in ACCESS_BIT else ""
        return (term_id, code, name, taxonomy), access

    def entries(self) -> tuple[list, list, list]:
        """This batch's index rows (entries, sessions, terms), as `search.index._write` makes them."""
        batch = _Rows(
            services=self.services, sals=self.sals, addresses=self.addresses, terms=self.service_terms,
            access=self.access, schedules=self.schedules, costs=self.costs, also={},
        )  # fmt: skip
        rows, sessions, terms = [], [], []
        counts, entry_id = self.words, self.next_id
        for row, entry_sessions, term_ids, entry_words in batch.entries():
            _count_elements(counts, entry_words)  # Counter.update without its per-call checks
            row[0] = entry_id
            rows.append(row)
            for session in entry_sessions:
                sessions.append((entry_id, *session))
            terms.extend(zip(repeat(entry_id), term_ids))
            entry_id += 1
        self.next_id = entry_id
        self._new_batch()
        return rows, sessions, terms
