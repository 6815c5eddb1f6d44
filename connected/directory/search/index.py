"""Build and refresh the denormalised search index from the directory models.

One row per place a service can be found (service at location), plus one per
service with no location (online, phone, or visits at home). Duplicates listed
by other feeds are folded into their canonical service (`Service.duplicate_of`),
whose row names the other feeds. Only active services are indexed.

The index is plain tables shared by both databases; each database adds its own
text and spatial indexes (see migration 0002_search). Writing goes through
`refresh()`: the importer calls it with the services a feed touched, and
`manage.py rebuild_search_index` calls it for everything.
"""

# SQL here is assembled from fixed fragments and %s placeholders only; every value goes as a parameter.
# ruff: noqa: S608

from __future__ import annotations

import gc
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime
from uuid import UUID

from django.db import connection, transaction

from connected.directory import models as m
from connected.directory.search.backends.sqlite import DELETE_TRIGGER
from connected.directory.search.entry import ENTRY_COLUMNS, Entry, _Batch, is_free, rule_to_json
from connected.directory.search.signals import index_refreshed
from connected.directory.search.source import hexid, indexable
from connected.directory.search.text import stem

__all__ = ["ENTRY_COLUMNS", "is_free", "refresh", "refresh_feed", "rule_to_json"]

BATCH = 1000


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _delete(cursor, service_hex: list[str]) -> None:
    for chunk in _chunks(service_hex, 500):
        marks = ",".join(["%s"] * len(chunk))
        inner = f"SELECT id FROM directory_search_entry WHERE service_id IN ({marks})"
        cursor.execute(f"DELETE FROM directory_search_session WHERE entry_id IN ({inner})", chunk)
        cursor.execute(f"DELETE FROM directory_search_term WHERE entry_id IN ({inner})", chunk)
        cursor.execute(f"DELETE FROM directory_search_entry WHERE service_id IN ({marks})", chunk)


def _clear(cursor) -> None:
    for table in ("directory_search_session", "directory_search_term", "directory_search_vocab"):
        cursor.execute(f"DELETE FROM {table}")
    if connection.vendor == "sqlite":
        # Faster than letting the delete trigger unpick each row from FTS5 and the R*Tree.
        cursor.execute("DELETE FROM directory_search_rtree")
        cursor.execute("DELETE FROM directory_search_geo")
        cursor.execute("INSERT INTO directory_search_fts (directory_search_fts) VALUES ('delete-all')")
        cursor.execute("DROP TRIGGER IF EXISTS directory_search_entry_ad")
        cursor.execute("DELETE FROM directory_search_entry")
        cursor.execute(DELETE_TRIGGER)
    else:
        cursor.execute("DELETE FROM directory_search_entry")


def _write(cursor, entries: list[Entry], next_id: int) -> int:
    rows, sessions, terms = [], [], []
    for entry in entries:
        entry.row[0] = next_id
        rows.append(entry.row)
        sessions.extend((next_id, *s) for s in entry.sessions)
        terms.extend((next_id, t) for t in entry.term_ids)
        next_id += 1
    insert_rows(cursor, "directory_search_entry", ENTRY_COLUMNS, rows)
    insert_rows(cursor, "directory_search_session", ("entry_id", "day", "opens", "closes"), sessions)
    insert_rows(cursor, "directory_search_term", ("entry_id", "term_id"), terms)
    return next_id


def insert_rows(cursor, table: str, columns: tuple[str, ...], rows: list) -> None:
    """Many rows at once: COPY on PostgreSQL (an order of magnitude faster than INSERTs), executemany on SQLite."""
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ",".join(["%s"] * len(columns))
    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _write_vocabulary(cursor, counts: Counter) -> None:
    rows = sorted((w, stem(w), n) for w, n in counts.items())
    cursor.executemany(
        "INSERT INTO directory_search_vocab (word, stem, df) VALUES (%s,%s,%s) "
        "ON CONFLICT (word) DO UPDATE SET df = directory_search_vocab.df + excluded.df",
        rows,
    )
    cursor.execute(
        "INSERT INTO directory_search_meta (key, value) VALUES ('version', %s) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [random.getrandbits(62)],
    )


def _affected(service_ids: Iterable[UUID]) -> list[UUID]:
    """The services given, plus the canonical services they duplicate (whose 'also listed by' changes)."""
    ids = {UUID(str(i)) for i in service_ids}
    out = set(ids)
    for chunk in _chunks(sorted(ids), 500):
        out.update(
            x
            for x in m.Service.objects.filter(id__in=chunk, duplicate_of__isnull=False).values_list(
                "duplicate_of_id", flat=True
            )
        )
    return sorted(out)


# SQLite triggers that copy each new search row into FTS5, the R*Tree and the narrow table. A refresh drops
# them while it writes and fills those three for its new rows at the end, one statement each (the narrow table
# in map order), instead of row by row; a delete still goes through the delete trigger.
_INSERT_TRIGGERS = ("directory_search_entry_ai", "directory_search_entry_ai_geo")
_FILL_NEW = (
    "INSERT INTO directory_search_fts (rowid, stems) SELECT id, stems FROM directory_search_entry WHERE id >= %s",
    "INSERT INTO directory_search_rtree (id, min_lat, max_lat, min_lon, max_lon) "
    "SELECT id, latitude, latitude, longitude, longitude FROM directory_search_entry "
    "WHERE id >= %s AND latitude IS NOT NULL",
    "INSERT INTO directory_search_geo (cell, id, latitude, longitude, min_age, max_age, day_mask, access_mask, "
    "delivery_mask, term_mask, is_free) "
    "SELECT CAST((latitude + 90) * 50 AS INTEGER) * 20000 + CAST((longitude + 180) * 50 AS INTEGER), id, "
    "latitude, longitude, min_age, max_age, day_mask, access_mask, delivery_mask, term_mask, is_free "
    "FROM directory_search_entry WHERE id >= %s AND latitude IS NOT NULL ORDER BY 1, 2",
)


def _drop_insert_triggers(cursor) -> list[str]:
    """Drop the per-row insert triggers (SQLite), returning their SQL to put them back."""
    if connection.vendor != "sqlite":
        return []
    marks = ",".join(["%s"] * len(_INSERT_TRIGGERS))
    cursor.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})", _INSERT_TRIGGERS
    )
    saved = cursor.fetchall()
    for name, _ in saved:
        cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
    return [sql for _, sql in saved]


def _fill_new(cursor, first_id: int, triggers: list[str]) -> None:
    """Index rows from `first_id` on into FTS5, the R*Tree and the narrow table; put the triggers back."""
    if connection.vendor != "sqlite":
        return
    for statement in _FILL_NEW:
        cursor.execute(statement, [first_id])
    for sql in triggers:
        cursor.execute(sql)


def refresh(service_ids: Iterable[UUID] | None = None, progress=None) -> int:
    """Rewrite the index rows of these services (None = rebuild everything); returns rows written.

    The cyclic garbage collector is paused meanwhile: a rebuild makes millions of short-lived objects and no
    cycles, and at 500k services the collector's full passes over the long-lived ones add up.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _refresh(service_ids, progress)
    finally:
        if paused:
            gc.enable()


def _refresh(service_ids: Iterable[UUID] | None, progress) -> int:
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if service_ids is None:
            _clear(cursor)
            cursor.execute(
                "SELECT id FROM directory_service WHERE status = 'active' AND duplicate_of_id IS NULL ORDER BY id"
            )
            ids = [hexid(r[0]) for r in cursor.fetchall()]
        else:
            ids = [i.hex for i in _affected(service_ids)]
            _delete(cursor, ids)
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM directory_search_entry")
        next_id = first_id = cursor.fetchone()[0] + 1
        triggers = _drop_insert_triggers(cursor)
        counts: Counter = Counter()
        for chunk in _chunks(ids, BATCH):
            entries = list(_Batch(cursor, chunk).entries())
            for entry in entries:
                counts.update(entry.words)
            next_id = _write(cursor, entries, next_id)
            written += len(entries)
            if progress:
                progress(len(chunk))
        _write_vocabulary(cursor, counts)
        _fill_new(cursor, first_id, triggers)
        index_refreshed.send(sender=refresh, service_hex=ids, everything=service_ids is None)
    return written


def refresh_feed(feed_id: int, changed_since: datetime | None = None) -> int:
    """After a feed's import: re-index its services written since `changed_since` (None = all of them),
    and drop rows of its services that are gone, duplicated or no longer active."""
    services = m.Service.objects.filter(feed_id=feed_id)
    if changed_since is not None:
        services = services.filter(imported_at__gte=changed_since)
    ids = {UUID(str(i)) for i in services.values_list("id", flat=True)}
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT service_id FROM directory_search_entry WHERE feed_id = %s", [feed_id])
        indexed = {UUID(r[0]) for r in cursor.fetchall()}
    return refresh(ids | (indexed - _current(indexed)))


def _current(ids: set[UUID]) -> set[UUID]:
    """Those of these services that should have index rows."""
    out: set[UUID] = set()
    for chunk in _chunks(sorted(ids), 5000):
        rows = m.Service.objects.filter(id__in=chunk).values_list("id", "status", "duplicate_of_id")
        out.update(pk for pk, status, duplicate_of in rows if indexable(status, duplicate_of))
    return out
