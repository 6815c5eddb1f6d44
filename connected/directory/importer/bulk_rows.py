"""The bulk first load's rows: service documents in, each table's finished rows out.

It does what `core._run` and `upsert.Writer` do for a feed that owns no
records yet (every record is new), in the same order and with the same
500-service batches, so the reject report is the one the ordinary importer
gives. `Planning` runs in the forked worker and never touches the database:
the same `Planner` validates and plans. `Keying` runs in the process that
writes: each row gets its key and its parents' keys and comes out ready for
the database: a tuple per row for SQLite's executemany, COPY text for
PostgreSQL. The field list is each model's own (`_meta`), so new HSDS fields
and entities need nothing here.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db import connection

from connected.core.ids import uuid7_hexes

from .documents import BATCH, canonical_hash, service_id
from .mapping import SHARED, Plan, Planner, Ref
from .report import REJECTED, ImportResult, Problem
from .upsert import GLOBAL, KEPT_BY, ORDER, _adapter, _uuid
from .validate import MODELS

# A planned row between the two workers: (entity, feed id, values, parents, link, digest), as `mapping.Row`.
Flat = tuple[str, str, dict[str, Any], dict[str, Ref | None], tuple[str, Ref] | None, str]

# `KEPT_BY` turned round for the keying worker: by the entity of the row that uses a record, (its column, the
# entity it keeps).
_USES: dict[str, list[tuple[str, str]]] = defaultdict(list)
for _kept, _users in KEPT_BY.items():
    for _user, _field in _users:
        _USES[_user].append((MODELS[_user]._meta.get_field(_field).attname, _kept))

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_SPECIAL = re.compile(r"[\\\t\n\r]").search  # most text has none of these: skip translate's per-character work


def copy_text(value: Any) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    kind = value.__class__
    if kind is str:
        return value.translate(_COPY_ESCAPES) if _SPECIAL(value) else value
    if kind is bool:
        return "t" if value else "f"
    if kind in (int, float, Decimal, uuid.UUID):
        return str(value)
    if kind in (datetime, date, time):
        return value.isoformat()
    return str(value).translate(_COPY_ESCAPES)


class Table:
    """One model's rows in column order, as the database takes them.

    The row maker is compiled once per model (`_maker`): a generic loop over columns with a dict lookup and
    an adapter call per value cost about a tenth of the worker's time at national scale.
    """

    def __init__(self, entity: str, vendor: str) -> None:
        model = MODELS[entity]
        fields = model._meta.concrete_fields
        self.table = model._meta.db_table
        self.columns = [fld.column for fld in fields]
        self.vendor = vendor
        self.make = _maker(fields, vendor)
        self.rows: list = []

    def add(self, values: dict) -> None:
        self.rows.append(self.make(values))

    def take(self) -> Any:
        """The rows gathered since the last take: a list of tuples (SQLite) or COPY bytes (PostgreSQL)."""
        rows, self.rows = self.rows, []
        if self.vendor == "sqlite":
            return rows
        return "".join(rows).encode("utf-8", "surrogatepass")


_TEXT_FIELDS = frozenset({"CharField", "TextField", "EmailField", "URLField"})


def _maker(fields, vendor: str) -> Any:
    """A function from a row's values (by attribute name) to the database's row, written out per column.

    Each column is `values.get(name, default)`, then on SQLite the database adapter that `Writer._insert`
    uses (UUIDs as hex, dates and times as text), on PostgreSQL its COPY text: the same as the generic
    loop, one expression per column.
    """
    scope: dict[str, Any] = {"_copy": copy_text, "_esc": _COPY_ESCAPES, "_sp": _SPECIAL}
    parts = []
    for i, fld in enumerate(fields):
        scope[f"_d{i}"] = None if fld.primary_key else fld.get_default()
        get = f"get({fld.attname!r}, _d{i})"
        target = fld.target_field if fld.is_relation else fld
        kind = target.get_internal_type()
        if kind == "DateTimeField":  # mostly the one import time: format each distinct value once, in bounded memory
            prep = connection.ops.adapt_datetimefield_value if vendor == "sqlite" else copy_text
            scope[f"_p{i}"] = lru_cache(maxsize=1024)(lambda x, prep=prep: "\\N" if x is None else prep(x))
            parts.append(f"(None if (x := {get}) is None else _p{i}(x))" if vendor == "sqlite" else f"_p{i}({get})")
        elif vendor == "sqlite":
            prep = _adapter(target)
            if prep is None:
                parts.append(get)
            elif kind == "UUIDField":
                parts.append(f"(x if (x := {get}) is None or x.__class__ is str else x.hex)")
            else:
                scope[f"_p{i}"] = prep
                parts.append(f"(None if (x := {get}) is None else _p{i}(x))")
        elif kind in _TEXT_FIELDS:
            parts.append(f"((x.translate(_esc) if _sp(x) else x) if (x := {get}).__class__ is str else _copy(x))")
        elif kind == "UUIDField":  # PostgreSQL reads a UUID's 32 hex digits without the hyphens too
            parts.append(f"('\\\\N' if (x := {get}) is None else x if x.__class__ is str else x.hex)")
        else:
            parts.append(f"_copy({get})")
    body = ", ".join(parts)
    code = f"(({body},))" if vendor == "sqlite" else f'"\\t".join(({body},)) + "\\n"'
    exec(f"def make(values):\n    get = values.get\n    return {code}\n", scope)  # noqa: S102 - built from _meta
    return scope["make"]


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


class Planning:
    """The worker's half: documents in feed order to planned rows, as `core._run` plans them.

    Planning must run in feed order (shared records are claimed by the first service that brings them), and
    so must keying; each has a process of its own, so the two overlap (`Keying` runs in the second worker).
    Each full batch of plans is closed as one segment: the problems reported up to it and its rows.
    """

    def __init__(self) -> None:
        self.result = ImportResult()
        self.planner = Planner(self.result.problems.append, {})
        self.seen: set[str] = set()
        self.batch: list[Plan] = []
        self.segments: list[tuple[list[Problem], list[Flat]]] = []

    def take(self, raws: list, hashes: list[str] | None = None) -> None:
        """Validate and plan these documents; close each full batch.

        `hashes` are the documents' canonical hashes when the sender has worked them out already."""
        for i, raw in enumerate(raws):
            source_id = service_id(raw, self.result)
            if source_id is None:
                continue
            if source_id in self.seen:
                self.result.problems.append(
                    Problem("service", source_id, "id", "listed twice in this feed; kept the first")
                )
                continue
            self.seen.add(source_id)
            plan = self.planner.plan(raw, source_id, hashes[i] if hashes else canonical_hash(raw))
            if plan is not None:
                self.batch.append(plan)
            if len(self.batch) >= BATCH:
                self.close()

    def close(self) -> None:
        """End the batch: the problems reported so far and the batch's rows become one segment.

        Rows travel as plain tuples (`Flat`): unpickling a `Row` calls its constructor, which cost the keying
        worker a fifth of its unpickling."""
        rows = [(r.entity, r.source_id, r.values, r.refs, r.link, r.digest) for plan in self.batch for r in plan.rows]
        self.segments.append((self.result.problems, rows))
        self.batch, self.result.problems = [], []
        self.planner.report = self.result.problems.append

    def out(self) -> list[tuple[list[Problem], list[Flat]]]:
        segments, self.segments = self.segments, []
        return segments


class Keying:
    """The second worker's half: keys for each segment's rows, as `Writer.write` gives them to a feed with
    nothing stored yet, then each table's rows and the search index's, ready to write."""

    def __init__(
        self, feed_id: int, now: datetime, vendor: str, vocabulary: dict[str, set[uuid.UUID]], search=None
    ) -> None:
        from connected.directory.search.index import ENTRY_COLUMNS

        from .bulk_search import SESSION_COLUMNS, TERM_COLUMNS

        self.result, self.feed_id, self.now = ImportResult(), feed_id, now
        self.search = search  # a bulk_search.SearchRows, or None to leave the index to refresh_feed
        self.raw = [
            RawTable("directory_search_entry", ENTRY_COLUMNS, vendor),
            RawTable("directory_search_session", SESSION_COLUMNS, vendor),
            RawTable("directory_search_term", TERM_COLUMNS, vendor),
        ]
        self.vocabulary = vocabulary  # other feeds' shared taxonomies and terms, by primary key
        # Our keys (hex digits, or a shared term's UUID) for the records a later batch may refer to: only shared
        # ones (a plan's other records refer within the plan), which keeps millions of keys out of memory.
        self.known: dict[Ref, uuid.UUID | str] = {}
        self.tables = {entity: Table(entity, vendor) for entity in ORDER}
        # For `orphans`: the keys rows use, by the entity they point at (all shared, so all in `known`).
        self.used: dict[str, set] = {kept: set() for kept in KEPT_BY}
        self.fk_null = {
            entity: {f.name: f.null for f in MODELS[entity]._meta.concrete_fields if f.is_relation} for entity in ORDER
        }

    def take(self, segment: tuple[list[Problem], list[Flat]]) -> None:
        """One segment: its problems into the report, then its rows keyed (their own problems after)."""
        problems, rows = segment
        self.result.problems.extend(problems)
        by_entity: dict[str, list[Flat]] = defaultdict(list)
        for row in rows:
            by_entity[row[0]].append(row)
        assigned: dict[Ref, uuid.UUID | str] = {}
        for entity in ORDER:
            if batch := by_entity.get(entity):
                self._entity(entity, batch, assigned)
        if self.search is not None:
            for table, entries in zip(self.raw, self.search.entries(), strict=True):
                table.extend(entries)

    def out(self) -> dict:
        """Everything ready since the last call: problems, services added, each table's rows, the index's."""
        message = {
            "problems": self.result.problems,
            "added": self.result.added,
            "tables": {e: t.take() for e, t in self.tables.items() if t.rows},
            "search": {t.table: t.take() for t in self.raw if t.rows},
        }
        self.result.problems, self.result.added = [], 0
        return message

    def _entity(self, entity: str, rows: list[Flat], assigned: dict[Ref, uuid.UUID | str]) -> None:
        shared = self.vocabulary.get(entity, set())
        creating, fresh = [], iter(uuid7_hexes(len(rows)))  # 32 hex digits, which both databases take for a UUID
        for row in rows:  # every key first, so rows may point at each other (term parents)
            source_id = row[1]
            own = _uuid(source_id) if entity in GLOBAL else None
            if own is not None and own in shared:
                assigned[(entity, source_id)] = own  # another feed's term: link to it, write nothing
                continue
            pk = own or next(fresh)
            assigned[(entity, source_id)] = pk
            creating.append((row, pk))
        table, nullable, written = self.tables[entity], self.fk_null[entity], []
        remember = entity in SHARED
        uses = [(name, self.used[target]) for name, target in _USES.get(entity, ())]
        for (_, source_id, values, refs, link, digest), pk in creating:
            # values: this process's own copy (unpickled), so it is filled in place
            missing = self._parents(refs, link, values, nullable, assigned)
            if missing:
                del assigned[(entity, source_id)]
                self.result.problems.append(
                    Problem(entity, source_id, missing, "refers to a record the feed does not have", REJECTED)
                )
                continue
            values.update(id=pk, feed_id=self.feed_id, source_id=source_id, content_hash=digest)
            values["imported_at"] = self.now
            table.add(values)
            if self.search is not None:
                self.search.row(entity, pk, values)
            if remember:
                written.append(((entity, source_id), pk))
            for name, used in uses:
                used.add(values.get(name))
            if entity == "service":
                self.result.added += 1
        self.known.update(written)

    def orphans(self) -> bool:
        """Whether `Writer.remove_orphans` could find anything: an organisation, location, term or taxonomy
        written that no written row uses (links were checked as they were keyed, so no attribute points at a
        missing record). A feed that lists nothing unused is spared its queries, seconds at national scale."""
        return any(pk not in self.used[entity] for (entity, _), pk in self.known.items() if entity in self.used)

    def _parents(self, refs: dict, link: tuple | None, values: dict, nullable: dict[str, bool], assigned: dict) -> str:
        """Our keys for the row's parents (as `Writer._resolve`); the name of a required one that is missing."""
        for name, ref in refs.items():
            pk = self._lookup(ref, assigned)
            if pk is None and ref is not None and not nullable[name]:
                return name
            values[f"{name}_id"] = pk
        if link is not None:
            values["link_entity"], linked = link
            values["link_id"] = self._lookup(linked, assigned)
            if values["link_id"] is None:
                return "link_id"
        return ""

    def _lookup(self, ref: Ref | None, assigned: dict) -> uuid.UUID | str | None:
        if ref is None:
            return None
        pk = assigned.get(ref) or self.known.get(ref)
        if pk is None and ref[0] in GLOBAL and (own := _uuid(ref[1])) and own in self.vocabulary.get(ref[0], ()):
            return own
        return pk
