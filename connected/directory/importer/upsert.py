"""Writes plans to the database: upsert by (feed, source_id), in bulk, and removes what the feed dropped.

Existing (feed id -> our id, hash) maps are read once per entity, so a batch
of services costs a handful of queries whatever its size: one bulk insert and
one bulk update per table, then one delete per (table, parent) for children
the feed no longer lists. Taxonomies and terms whose feed id is a UUID are
shared vocabulary: the row's primary key is that UUID, the first feed to
bring it owns it, and other feeds link to it.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Exists, Model, OuterRef

from connected.core.ids import uuid7
from connected.directory import models as m

from .mapping import Plan, Ref, Row
from .report import REJECTED, ImportResult, Problem
from .validate import MODELS, SPECS

ORDER = (
    "taxonomy", "taxonomy_term", "organization", "organization_identifier", "program", "service", "location",
    "service_at_location", "address", "accessibility", "contact", "phone", "schedule", "cost_option",
    "language", "service_area", "funding", "required_document", "attribute",
)  # fmt: skip
GLOBAL = frozenset({"taxonomy", "taxonomy_term"})
# Links that point at a record without owning it: a service's organisation or a link's location keeps
# its other services when this one changes, so these never make a record "stale".
NOT_OWNED = frozenset({
    ("service", "organization"), ("location", "organization"), ("service_at_location", "location"),
    ("organization", "parent_organization"), ("attribute", "taxonomy_term"), ("service", "program"),
})  # fmt: skip
PASS_THROUGH = frozenset({
    "CharField", "TextField", "EmailField", "URLField", "IntegerField", "FloatField", "PositiveIntegerField",
    "PositiveSmallIntegerField", "BigAutoField", "BooleanField",
})  # fmt: skip
LINKED = ("service", "organization", "location", "service_at_location", "contact", "accessibility", "phone")
# What keeps a shared record once its services are gone: the rows that use it, as (entity, field). One with
# none is an orphan (`Writer.remove_orphans`; the bulk load's keying worker reads the same table).
KEPT_BY: dict[str, tuple[tuple[str, str], ...]] = {
    "location": (("service_at_location", "location"),),
    "organization": (("service", "organization"), ("location", "organization")),
    "taxonomy_term": (("attribute", "taxonomy_term"), ("taxonomy_term", "parent")),
    "taxonomy": (("taxonomy_term", "taxonomy"),),
}
CHUNK = 900  # stays under every database's limit on query parameters


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _adapter(fld) -> Any:
    """The database's own adapter for a column's Python value, without Django's per-value field machinery."""
    kind, ops = fld.get_internal_type(), connection.ops
    if kind in PASS_THROUGH:
        return None
    if kind == "UUIDField":
        return None if connection.features.has_native_uuid_field else (lambda v: v.hex)
    if kind == "DateField":
        return ops.adapt_datefield_value
    if kind == "DateTimeField":  # mostly the one import time: adapt each distinct value once
        memo: dict = {}
        return lambda v: memo[v] if v in memo else memo.setdefault(v, ops.adapt_datetimefield_value(v))
    if kind == "TimeField":
        return ops.adapt_timefield_value
    if kind == "DecimalField":
        return lambda v: ops.adapt_decimalfield_value(v, fld.max_digits, fld.decimal_places)
    return lambda v: fld.get_db_prep_save(v, connection)


class Writer:
    def __init__(self, feed: m.Feed, result: ImportResult, now: datetime) -> None:
        self.feed, self.result, self.now = feed, result, now
        self.known: dict[str, dict[str, tuple[uuid.UUID, str]]] = {}
        self.foreign: dict[str, dict[uuid.UUID, tuple[int | None, str]]] = {}  # shared vocabulary: pk -> (feed, hash)
        self.fk_fields = {e: self._fk_fields(MODELS[e]) for e in ORDER}
        self.written: list[tuple[str, str, uuid.UUID, str]] = []

    @staticmethod
    def _fk_fields(model: type[Model]) -> dict[str, Any]:
        return {f.name: f for f in model._meta.concrete_fields if f.is_relation and f.name != "feed"}

    def known_for(self, entity: str) -> dict[str, tuple[uuid.UUID, str]]:
        if entity not in self.known:
            rows = MODELS[entity].objects.filter(feed=self.feed).values_list("source_id", "id", "content_hash")
            self.known[entity] = {sid: (pk, digest) for sid, pk, digest in rows.iterator(chunk_size=5000)}
        return self.known[entity]

    def vocabulary(self, entity: str) -> dict[uuid.UUID, tuple[int | None, str]]:
        if entity not in self.foreign:
            rows = MODELS[entity].objects.values_list("id", "feed_id", "content_hash")
            self.foreign[entity] = {pk: (feed_id, digest) for pk, feed_id, digest in rows.iterator(chunk_size=5000)}
        return self.foreign[entity]

    def lookup(self, ref: Ref | None, assigned: dict[Ref, uuid.UUID]) -> uuid.UUID | None:
        if ref is None:
            return None
        if ref in assigned:
            return assigned[ref]
        entity, sid = ref
        if sid in self.known_for(entity):
            return self.known_for(entity)[sid][0]
        if entity in GLOBAL and (pk := _uuid(sid)) and pk in self.vocabulary(entity):
            return pk
        return None

    def write(self, plans: list[Plan]) -> None:
        """Insert or update every row of these plans; delete children their parents no longer list."""
        assigned: dict[Ref, uuid.UUID] = {}
        by_entity: dict[str, list[Row]] = defaultdict(list)
        for plan in plans:
            for row in plan.rows:
                by_entity[row.entity].append(row)
        touched: dict[str, set[uuid.UUID]] = defaultdict(set)  # every row this batch keeps
        existed: dict[str, set[uuid.UUID]] = defaultdict(set)  # ... of which were there before: may have stale children
        for entity in ORDER:
            rows = by_entity.get(entity, [])
            if rows:
                self._write_entity(entity, rows, assigned, touched, existed)
        self._delete_stale(touched, existed)
        for entity, sid, pk, digest in self.written:
            if entity in GLOBAL and _uuid(sid) == pk:
                self.vocabulary(entity)[pk] = (self.feed.id, digest)
            else:
                self.known_for(entity)[sid] = (pk, digest)
        self.written = []

    def _write_entity(self, entity: str, rows: list[Row], assigned: dict, touched: dict, existed: dict) -> None:
        model, known = MODELS[entity], self.known_for(entity)
        new, changed, live = [], [], []
        for row in rows:  # first give every row its key, so rows may point at each other (term parents)
            ref = (entity, row.source_id)
            if row.source_id in known:
                pk, old = known[row.source_id]
                live.append((row, pk, "update" if old != row.digest else "keep"))
            elif entity in GLOBAL and (pk := _uuid(row.source_id)) and pk in self.vocabulary(entity):
                owner, old = self.vocabulary(entity)[pk]
                mine = owner == self.feed.id
                live.append((row, pk, ("update" if old != row.digest else "keep") if mine else "link"))
            else:  # a time-ordered key appends to the indexes rather than landing anywhere in them
                pk = (_uuid(row.source_id) if entity in GLOBAL else None) or uuid7()
                live.append((row, pk, "create"))
            assigned[ref] = pk
        fks = self.fk_fields[entity]
        for row, pk, action in live:
            if action != "create":
                existed[entity].add(pk)
            if action in ("keep", "link"):
                touched[entity].add(pk)
                continue
            values = dict(row.values)
            missing = self._resolve(row, values, fks, assigned)
            if missing:
                del assigned[(entity, row.source_id)]
                self.result.problems.append(
                    Problem(entity, row.source_id, missing, "refers to a record the feed does not have", REJECTED)
                )
                continue
            values.update(id=pk, feed_id=self.feed.id, source_id=row.source_id, content_hash=row.digest)
            values["imported_at"] = self.now
            if action == "create":
                new.append(values)
            else:
                changed.append(model(**values))
            self.written.append((entity, row.source_id, pk, row.digest))
            touched[entity].add(pk)
            if entity == "service":
                if action == "create":
                    self.result.added += 1
                else:
                    self.result.updated += 1
        self._insert(model, new)
        if changed:
            names = [*SPECS[entity], *(f"{n}" for n in fks), "content_hash", "imported_at"]
            names += ["link_entity", "link_id"] if entity == "attribute" else []
            model.objects.bulk_update(changed, names, batch_size=200)

    def _resolve(self, row: Row, values: dict, fks: dict, assigned: dict) -> str:
        """Our keys for the row's parents; returns the name of a required parent that is missing."""
        for name, ref in row.refs.items():
            pk = self.lookup(ref, assigned)
            if pk is None and ref is not None and not fks[name].null:
                return name
            values[f"{name}_id"] = pk
        if row.link is not None:
            values["link_entity"], linked = row.link
            values["link_id"] = self.lookup(linked, assigned)
            if values["link_id"] is None:
                return "link_id"
        return ""

    def _insert(self, model: type[Model], rows: list[dict]) -> None:
        """A plain multi-row INSERT: Django's bulk_create builds a model instance per row, which costs more
        than the database does. Values go through each field's own conversion where it has one."""
        if not rows:
            return
        fields = model._meta.concrete_fields
        columns_with_defaults = [(fld.attname, fld.get_default()) for fld in fields]
        convert = [  # only the columns whose values need the database's adapter (on SQLite: UUIDs, dates, times)
            (i, prep)
            for i, fld in enumerate(fields)
            if (prep := _adapter(fld.target_field if fld.is_relation else fld)) is not None
        ]
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(fld.column) for fld in fields)
        placeholders = f"({', '.join(['%s'] * len(fields))})"
        sql = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608 - names from _meta
        params = []
        for row in rows:
            get = row.get
            out = [get(name, default) for name, default in columns_with_defaults]
            for i, prep in convert:
                if (value := out[i]) is not None:
                    out[i] = prep(value)
            params.append(out)
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":  # executemany is SQLite's fast path
                for chunk in _chunks(params, 2000):
                    cursor.executemany(sql + placeholders, chunk)
                return
            # PostgreSQL: COPY, which skips per-statement parsing and planning altogether
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # psycopg 3
                for row in params:
                    copy.write_row(row)

    def _delete_stale(self, touched: dict[str, set[uuid.UUID]], existed: dict[str, set[uuid.UUID]]) -> None:
        """Children of records that were there before this batch and that the feed no longer lists."""
        for entity in ORDER:
            model, kept = MODELS[entity], touched.get(entity, set())
            for name, fk in self.fk_fields[entity].items():
                parent = next((e for e in ORDER if MODELS[e] is fk.related_model), None)
                if parent in (None, entity) or not existed.get(parent) or entity in GLOBAL:
                    continue
                if (entity, name) in NOT_OWNED:
                    continue
                for chunk in _chunks(sorted(existed[parent])):
                    stale = model.objects.filter(feed=self.feed, **{f"{name}_id__in": chunk}).exclude(id__in=kept)
                    stale.delete()
        linked = [pk for e in LINKED for pk in existed.get(e, ())]
        for chunk in _chunks(linked):
            m.Attribute.objects.filter(feed=self.feed, link_id__in=chunk).exclude(
                id__in=touched.get("attribute", set())
            ).delete()

    def remove_missing(self, seen: set[str]) -> None:
        """Services the feed no longer lists go, with their children, and what only they used."""
        gone = [pk for sid, (pk, _) in self.known_for("service").items() if sid not in seen]
        for chunk in _chunks(gone):
            m.Service.objects.filter(id__in=chunk).delete()
        self.result.removed = len(gone)
        self.remove_orphans()

    def remove_orphans(self) -> None:
        """Records of this feed that no service keeps any more (also after a bulk first load).

        Each test is a NOT EXISTS on an indexed key: the joins Django writes for `__isnull` multiplied
        (an organisation's services by its locations; every attribute of a term) and took seconds at
        national scale, and PostgreSQL ran a NOT IN once per row when the ids outgrew `work_mem`.
        """
        feed = self.feed
        self._remove_unused("location")
        self._remove_unused("organization")
        for entity in LINKED:  # attributes of what went: before the terms, which they use
            linked = MODELS[entity].objects.filter(id=OuterRef("link_id"))
            m.Attribute.objects.filter(~Exists(linked), feed=feed, link_entity=entity).delete()
        self._remove_unused("taxonomy_term")
        self._remove_unused("taxonomy")

    def _remove_unused(self, entity: str) -> None:
        unused = [_unused(MODELS[user], field) for user, field in KEPT_BY[entity]]
        MODELS[entity].objects.filter(*unused, feed=self.feed).delete()


def _unused(model: type[Model], field: str) -> Exists:
    """True where no row of model points at this one through field."""
    return ~Exists(model.objects.filter(**{field: OuterRef("pk")}))
