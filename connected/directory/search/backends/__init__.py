"""Search backends: one per database vendor, sharing query preparation and result shaping."""

from __future__ import annotations

from django.db import connection

from connected.directory.search.backends.base import Backend


def backend_for_connection() -> Backend:
    if connection.vendor == "sqlite":
        from connected.directory.search.backends.sqlite import SQLiteBackend

        return SQLiteBackend()
    if connection.vendor == "postgresql":
        from connected.directory.search.backends.postgresql import PostgreSQLBackend

        return PostgreSQLBackend()
    raise NotImplementedError(f"No search backend for {connection.vendor}")
