"""An import runs with a large SQLite page cache for its own duration, and leaves the connection as it was;
a large one gives PostgreSQL's planner statistics for what it wrote before the search index is refreshed."""

from __future__ import annotations

import pytest
from django.db import connection

from connected.demo.directory import generate_services
from connected.directory import models as m
from connected.directory.importer import bulk, core
from connected.directory.importer.core import IMPORT_CACHE_KIB, import_services


def cache_setting() -> str:
    """The connection's page cache: SQLite's per-connection cache_size; PostgreSQL's session work_mem."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size" if connection.vendor == "sqlite" else "SHOW work_mem")
        return str(cursor.fetchone()[0])


@pytest.mark.django_db
def test_the_import_has_a_large_cache_while_it_runs_then_the_old_setting():
    before = cache_setting()
    during = []

    def services():
        for service in generate_services(3, seed=2):
            during.append(cache_setting())  # read mid-import, on the import's own connection
            yield service

    assert import_services(m.Feed.objects.create(name="Cache"), services()).added == 3
    # SQLite's default 2 MiB cache makes a national import re-read its indexes; PostgreSQL's is the server's.
    expected = str(-IMPORT_CACHE_KIB) if connection.vendor == "sqlite" else before
    assert during == [expected] * 3
    assert cache_setting() == before


def planner_rows(table: str) -> float | None:
    """The row count the planner believes (PostgreSQL's pg_class); SQLite's sqlite_stat1 row, if any."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchone():
                return None
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
            row = cursor.fetchone()
            return float(row[0].split()[0]) if row else None
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_large_import_leaves_postgresql_statistics_for_the_rows_it_wrote(monkeypatch):
    monkeypatch.setattr(bulk, "FORCE", False)  # the ordinary path: the bulk path analyses at its own end
    monkeypatch.setattr(core, "ANALYZE_AFTER", 20)
    table = m.Attribute._meta.db_table
    assert import_services(m.Feed.objects.create(name="Large"), list(generate_services(20, seed=6))).added == 20
    written = m.Attribute.objects.count()
    if connection.vendor == "postgresql":  # the whole import is one transaction: autovacuum cannot see it
        assert written > 0 and planner_rows(table) == written
    else:  # SQLite's own plans are fixed in the SQL; statistics made its orphan query scan (bulk_write.analyze)
        assert planner_rows(table) is None
