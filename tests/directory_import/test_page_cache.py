"""An import runs with a large SQLite page cache for its own duration, and leaves the connection as it was."""

from __future__ import annotations

import pytest
from django.db import connection

from connected.demo.directory import generate_services
from connected.directory import models as m
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
