"""The bulk first load's database side: secondary indexes off and on, rows in, statistics after.

Everything here runs inside the load's transaction, so a failed load puts the
indexes and constraints back with everything else (both databases roll back
DDL). Which indexes and constraints to set aside is read from the database's
own catalogue for the tables the load writes, so a new model or index needs
no change here.
"""

# SQL here is assembled from catalogue names and fixed fragments only; every value goes as a parameter.
# ruff: noqa: S608

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection

from .upsert import ORDER
from .validate import MODELS

SEARCH_TABLES = ("directory_search_entry", "directory_search_session", "directory_search_term")


def directory_tables() -> list[str]:
    return [MODELS[entity]._meta.db_table for entity in ORDER]


@dataclass
class SetAside:
    """What was dropped for the load, as the statements that put it back."""

    indexes: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)

    def restore(self, cursor) -> None:
        sqlite = connection.vendor == "sqlite"
        if sqlite:  # the load's workers are done by now: let SQLite sort each index on both cores
            cursor.execute("PRAGMA threads = 2")
        for statement in [*self.indexes, *self.foreign_keys]:
            cursor.execute(statement)
        if sqlite:
            cursor.execute("PRAGMA threads = 0")
        self.indexes, self.foreign_keys = [], []


def set_aside(cursor, tables: list[str], *, foreign_keys: bool) -> SetAside:
    """Drop the tables' secondary indexes (and on PostgreSQL their foreign keys) until `restore`.

    An index built once over sorted rows costs a fraction of one kept up to date row by row; for the
    unique (feed, feed id) indexes most of all, whose random keys land on any page of a B-tree larger
    than the page cache at national scale. Unique indexes are still the database's own check on the
    load: built at the end, a duplicate fails the build, and the load rolls back to the ordinary path.
    Primary keys and unique constraints stay (time-ordered keys append). On PostgreSQL each row would
    queue a foreign-key check for the commit; one check per constraint over the whole table, when it
    is put back, does the same work in a single join.
    """
    out = SetAside()
    marks = ",".join(["%s"] * len(tables))
    if connection.vendor == "sqlite":
        cursor.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({marks}) AND sql IS NOT NULL",
            tables,
        )
        for name, sql in cursor.fetchall():  # autoindexes (keys, UNIQUE columns) have no sql: they stay
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
            out.indexes.append(sql)
        return out
    cursor.execute(
        f"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ({marks}) "
        "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))",
        tables,
    )
    for name, sql in cursor.fetchall():
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        out.indexes.append(sql)
    if foreign_keys:
        # Checks queued by earlier statements of this transaction would make ALTER TABLE refuse; run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            f"WHERE c.contype = 'f' AND c.conrelid::regclass::text IN ({marks})",
            tables,
        )
        for table, name, definition in cursor.fetchall():
            quoted = connection.ops.quote_name(name)
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quoted}")
            out.foreign_keys.append(f"ALTER TABLE {table} ADD CONSTRAINT {quoted} {definition}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return out


def write_tables(cursor, tables: dict) -> None:
    """One worker message's rows, table by table: executemany on SQLite, COPY on PostgreSQL."""
    for entity in ORDER:
        rows = tables.get(entity)
        if not rows:
            continue
        model = MODELS[entity]
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(fld.column) for fld in model._meta.concrete_fields)
        if connection.vendor == "sqlite":
            marks = ", ".join(["%s"] * len(model._meta.concrete_fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
        else:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # psycopg 3
                copy.write(rows)


def write_raw(cursor, tables: dict) -> None:
    """The search index's rows from one worker message: {table: (columns, rows)}."""
    for table, (columns, rows) in tables.items():
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        if connection.vendor == "sqlite":
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        else:
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                copy.write(rows)


def shared_terms() -> tuple[dict[str, tuple], dict[str, str]]:
    """Every stored term and taxonomy, for the index of a feed that links to them: hex id -> what it shows."""
    from connected.directory import models as m

    terms = {
        pk.hex: (code, name, taxonomy_name, taxonomy.hex if taxonomy else None)
        for pk, code, name, taxonomy_name, taxonomy in m.TaxonomyTerm.objects.values_list(
            "id", "code", "name", "taxonomy_name", "taxonomy_id"
        ).iterator(chunk_size=5000)
    }
    taxonomies = {pk.hex: name for pk, name in m.Taxonomy.objects.values_list("id", "name")}
    return terms, taxonomies


def analyze(cursor, tables: list[str]) -> None:
    """PostgreSQL: statistics for the tables the load filled (its planner has none for fresh rows).

    Not on SQLite, where the ordinary importer has never run ANALYZE either: with statistics, SQLite answered
    the importer's own orphan query (organisations no service or location uses) by scanning every location
    for each organisation when all of a feed's locations have no organisation, 64 s instead of 0.06 s at
    20,000 services (measured), and the search's SQL fixes its own join order (docs/benchmarks.md).
    """
    if connection.vendor == "postgresql":
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def shared_vocabulary(feed_id: int) -> dict[str, set]:
    """Other feeds' taxonomies and terms by primary key: a feed links to them rather than writing its own."""
    from uuid import UUID

    out: dict[str, set] = {}
    for entity in ("taxonomy", "taxonomy_term"):
        ids = MODELS[entity].objects.exclude(feed_id=feed_id).values_list("id", flat=True)
        out[entity] = {pk if isinstance(pk, UUID) else UUID(str(pk)) for pk in ids.iterator(chunk_size=5000)}
    return out
