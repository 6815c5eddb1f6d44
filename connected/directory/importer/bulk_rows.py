"""The bulk first load's worker side: service documents in, each table's finished rows out.

Runs in a forked worker process and never touches the database. It does what
`core._run` and `upsert.Writer` do for a feed that owns no records yet (every
record is new), in the same order and with the same 500-service batches, so
the reject report is the one the ordinary importer gives: the same `Planner`
validates and plans, then each row gets its key and its parents' keys. Rows
come out ready for the database: a tuple per row for SQLite's executemany,
COPY text for PostgreSQL. The field list is each model's own (`_meta`), so
new HSDS fields and entities need nothing here.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from connected.core.ids import uuid7

from .documents import BATCH, canonical_hash, service_id
from .mapping import Plan, Planner, Ref, Row
from .report import REJECTED, ImportResult, Problem
from .upsert import GLOBAL, ORDER, _adapter, _uuid
from .validate import MODELS

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(value: Any) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    kind = value.__class__
    if kind is str:
        return value.translate(_COPY_ESCAPES)
    if kind is bool:
        return "t" if value else "f"
    if kind in (int, float, Decimal, uuid.UUID):
        return str(value)
    if kind in (datetime, date, time):
        return value.isoformat()
    return str(value).translate(_COPY_ESCAPES)


class Table:
    """One model's rows in column order, as the database takes them."""

    def __init__(self, entity: str, vendor: str) -> None:
        model = MODELS[entity]
        fields = model._meta.concrete_fields
        self.table = model._meta.db_table
        self.columns = [fld.column for fld in fields]
        self.defaults = [(fld.attname, None if fld.primary_key else fld.get_default()) for fld in fields]
        self.vendor = vendor
        self.convert = []
        if vendor == "sqlite":  # the adapters Writer._insert uses: UUIDs as hex, dates and times as text
            self.convert = [
                (i, prep)
                for i, fld in enumerate(fields)
                if (prep := _adapter(fld.target_field if fld.is_relation else fld)) is not None
            ]
        self.rows: list = []

    def add(self, values: dict) -> None:
        get = values.get
        out = [get(name, default) for name, default in self.defaults]
        if self.vendor == "sqlite":
            for i, prep in self.convert:
                if (value := out[i]) is not None:
                    out[i] = prep(value)
            self.rows.append(out)
        else:
            self.rows.append("\t".join([copy_text(v) for v in out]) + "\n")

    def take(self) -> Any:
        """The rows gathered since the last take: a list of lists (SQLite) or COPY bytes (PostgreSQL)."""
        rows, self.rows = self.rows, []
        if self.vendor == "sqlite":
            return rows
        return "".join(rows).encode("utf-8", "surrogatepass")


class RawTable:
    """Rows for a table that is not a model's (the search index's), in the given columns."""

    def __init__(self, table: str, columns: tuple[str, ...], vendor: str) -> None:
        self.table, self.columns, self.vendor, self.rows = table, columns, vendor, []

    def extend(self, rows: list) -> None:
        if self.vendor == "sqlite":
            self.rows.extend(rows)
        else:
            self.rows.extend("\t".join([copy_text(v) for v in row]) + "\n" for row in rows)

    def take(self) -> tuple[tuple[str, ...], Any]:
        rows, self.rows = self.rows, []
        data = rows if self.vendor == "sqlite" else "".join(rows).encode("utf-8", "surrogatepass")
        return self.columns, data


class Planned:
    """The worker's state across one feed: what `core._run` keeps, and the keys given so far."""

    def __init__(
        self, feed_id: int, now: datetime, vendor: str, vocabulary: dict[str, set[uuid.UUID]], search=None
    ) -> None:
        from connected.directory.search.index import ENTRY_COLUMNS

        from .bulk_search import SESSION_COLUMNS, TERM_COLUMNS

        self.feed_id, self.now = feed_id, now
        self.search = search  # a bulk_search.SearchRows, or None to leave the index to refresh_feed
        self.raw = [
            RawTable("directory_search_entry", ENTRY_COLUMNS, vendor),
            RawTable("directory_search_session", SESSION_COLUMNS, vendor),
            RawTable("directory_search_term", TERM_COLUMNS, vendor),
        ]
        self.vocabulary = vocabulary  # other feeds' shared taxonomies and terms, by primary key
        self.result = ImportResult()
        self.planner = Planner(self.result.problems.append, {})
        self.seen: set[str] = set()
        self.batch: list[Plan] = []
        self.known: dict[Ref, uuid.UUID] = {}
        self.tables = {entity: Table(entity, vendor) for entity in ORDER}
        self.fk_null = {
            entity: {f.name: f.null for f in MODELS[entity]._meta.concrete_fields if f.is_relation} for entity in ORDER
        }

    def take(self, raws: list) -> None:
        """Validate and plan these documents (as `core._run` does); resolve each full batch of plans."""
        for raw in raws:
            source_id = service_id(raw, self.result)
            if source_id is None:
                continue
            if source_id in self.seen:
                self.result.problems.append(
                    Problem("service", source_id, "id", "listed twice in this feed; kept the first")
                )
                continue
            self.seen.add(source_id)
            plan = self.planner.plan(raw, source_id, canonical_hash(raw))
            if plan is not None:
                self.batch.append(plan)
            if len(self.batch) >= BATCH:
                self.resolve()

    def out(self) -> dict:
        """Everything ready since the last call: problems, services added, each table's rows."""
        message = {
            "problems": self.result.problems,
            "added": self.result.added,
            "tables": {e: t.take() for e, t in self.tables.items() if t.rows},
            "search": {t.table: t.take() for t in self.raw if t.rows},
        }
        self.result.problems, self.result.added = [], 0
        self.planner.report = self.result.problems.append
        return message

    def resolve(self) -> None:
        """Keys for a batch of plans, as `Writer.write` gives them to a feed with nothing stored yet."""
        plans, self.batch = self.batch, []
        by_entity: dict[str, list[Row]] = defaultdict(list)
        for plan in plans:
            for row in plan.rows:
                by_entity[row.entity].append(row)
        assigned: dict[Ref, uuid.UUID] = {}
        for entity in ORDER:
            if rows := by_entity.get(entity):
                self._entity(entity, rows, assigned)
        if self.search is not None:
            for table, rows in zip(self.raw, self.search.entries(), strict=True):
                table.extend(rows)

    def _entity(self, entity: str, rows: list[Row], assigned: dict[Ref, uuid.UUID]) -> None:
        shared = self.vocabulary.get(entity, set())
        creating = []
        for row in rows:  # every key first, so rows may point at each other (term parents)
            own = _uuid(row.source_id) if entity in GLOBAL else None
            if own is not None and own in shared:
                assigned[(entity, row.source_id)] = own  # another feed's term: link to it, write nothing
                continue
            pk = own or uuid7()
            assigned[(entity, row.source_id)] = pk
            creating.append((row, pk))
        table, nullable, written = self.tables[entity], self.fk_null[entity], []
        for row, pk in creating:
            values = dict(row.values)
            missing = self._parents(row, values, nullable, assigned)
            if missing:
                del assigned[(entity, row.source_id)]
                self.result.problems.append(
                    Problem(entity, row.source_id, missing, "refers to a record the feed does not have", REJECTED)
                )
                continue
            values.update(id=pk, feed_id=self.feed_id, source_id=row.source_id, content_hash=row.digest)
            values["imported_at"] = self.now
            table.add(values)
            if self.search is not None:
                self.search.row(entity, pk, values)
            written.append(((entity, row.source_id), pk))
            if entity == "service":
                self.result.added += 1
        self.known.update(written)

    def _parents(self, row: Row, values: dict, nullable: dict[str, bool], assigned: dict) -> str:
        """Our keys for the row's parents (as `Writer._resolve`); the name of a required one that is missing."""
        for name, ref in row.refs.items():
            pk = self._lookup(ref, assigned)
            if pk is None and ref is not None and not nullable[name]:
                return name
            values[f"{name}_id"] = pk
        if row.link is not None:
            values["link_entity"], linked = row.link
            values["link_id"] = self._lookup(linked, assigned)
            if values["link_id"] is None:
                return "link_id"
        return ""

    def _lookup(self, ref: Ref | None, assigned: dict) -> uuid.UUID | None:
        if ref is None:
            return None
        pk = assigned.get(ref) or self.known.get(ref)
        if pk is None and ref[0] in GLOBAL and (own := _uuid(ref[1])) and own in self.vocabulary.get(ref[0], ()):
            return own
        return pk
