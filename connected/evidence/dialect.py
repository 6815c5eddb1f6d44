"""The few SQL phrases that differ between SQLite and PostgreSQL, so the report queries are written once.

Reports are SQL aggregates (ADR 0027): grouping, counting and percentiles happen in the database, never
in a Python loop over rows, so they hold at a million referrals. Dates are grouped by UTC month.
"""

from __future__ import annotations

import re

from django.db import connection

_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def month(column: str) -> str:
    """'YYYY-MM' of a timestamp, in UTC."""
    if is_postgres():
        return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM')"
    return f"strftime('%%Y-%%m', {column})"


def days_between(later: str, earlier: str) -> str:
    """Days (fractional) from `earlier` to `later`."""
    if is_postgres():
        return f"(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0)"
    return f"(julianday({later}) - julianday({earlier}))"


def age_years(at: str, born: str) -> str:
    """Whole years of age on the date of `at` (a timestamp) for a date of birth `born`."""
    if is_postgres():
        return f"EXTRACT(YEAR FROM age(({at} AT TIME ZONE 'UTC')::date, {born}))"
    return (
        f"(CAST(strftime('%%Y', {at}) AS INTEGER) - CAST(strftime('%%Y', {born}) AS INTEGER)"
        f" - (strftime('%%m-%%d', {at}) < strftime('%%m-%%d', {born})))"
    )


def json_elements(column: str, alias: str) -> str:
    """A FROM-clause item giving one row per element of a JSON list of strings, as `alias`.value."""
    if is_postgres():
        return f"jsonb_array_elements_text({column}) AS {alias}(value)"
    return f"json_each({column}) AS {alias}"


def json_int(column: str, key: str) -> str:
    """An integer read from a JSON object's key (None where absent)."""
    if not _IDENT.match(key):
        raise ValueError(f"Not a score key: {key!r}")
    if is_postgres():
        return f"(({column} ->> '{key}')::numeric)::integer"
    return f"CAST(json_extract({column}, '$.{key}') AS INTEGER)"


def uuid_text(column: str) -> str:
    """A UUID primary key as the text other apps store it in (with dashes: measures' subject_id)."""
    if is_postgres():
        return f"{column}::text"
    h = column
    return (
        f"(substr({h},1,8) || '-' || substr({h},9,4) || '-' || substr({h},13,4) || '-' || "
        f"substr({h},17,4) || '-' || substr({h},21,12))"
    )


def month_number(column: str) -> str:
    """YYYYMM of a timestamp as an integer, in UTC."""
    if is_postgres():
        return f"CAST(to_char({column} AT TIME ZONE 'UTC', 'YYYYMM') AS INTEGER)"
    return f"CAST(strftime('%%Y%%m', {column}) AS INTEGER)"


def clear(table: str) -> str:
    """Empty a summary table (TRUNCATE on PostgreSQL: no dead rows left behind a rebuild)."""
    if not _IDENT.match(table):
        raise ValueError(table)
    return f"TRUNCATE {table}" if is_postgres() else f"DELETE FROM {table}"  # noqa: S608 - checked name
