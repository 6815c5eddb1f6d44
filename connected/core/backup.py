"""Back up and restore the whole database, and prove a restore complete, table by table (docs/reliability.md).

SQLite uses its online backup API, which copies a consistent snapshot while the site keeps running.
PostgreSQL uses `pg_dump --format=custom` and `pg_restore --clean`, the tools its own documentation gives
for a logical backup. `table_checksums` reads every table in primary-key order and hashes its rows, so the
same data gives the same digest before a backup and after a restore.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.db import connection

from connected.core import atomic_files


class BackupError(RuntimeError):
    """A backup or restore could not be made; the message says why."""


def table_checksums() -> dict[str, dict]:
    """Rows and a SHA-256 of their values for every table Django manages, in primary-key order."""
    result: dict[str, dict] = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.proxy or not model._meta.managed:
                continue
            table = model._meta.db_table
            columns = [f.column for f in model._meta.local_concrete_fields]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            order = connection.ops.quote_name(model._meta.pk.column)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)} ORDER BY {order}")  # noqa: S608
            digest, rows = hashlib.sha256(), 0
            while batch := cursor.fetchmany(2000):
                for row in batch:
                    digest.update(repr(tuple(_canonical(v) for v in row)).encode())
                    rows += 1
            result[table] = {"rows": rows, "sha256": digest.hexdigest()}
    return result


def _canonical(value: object) -> object:
    """The same value reads back as the same Python object on both drivers (memoryview vs bytes)."""
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def backup(path: Path) -> Path:
    """Write a backup to `path` whole, or nothing there at all (a full disk is named as such)."""
    connection.ensure_connection()
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"no backup method for the {connection.vendor} database")
    try:
        with atomic_files.atomic_path(path) as temporary:
            _write(temporary)
    except (OSError, sqlite3.Error, BackupError) as error:
        raise BackupError(atomic_files.explain(path, error)) from error
    return path


def _write(path: Path) -> None:
    if connection.vendor == "sqlite":
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={path}", _dbname()])


def restore(path: Path) -> None:
    """Replace the current database's contents with the backup's."""
    if not path.is_file():
        raise BackupError(f"{path} is not a backup file")
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        connection.close()  # nothing of ours holds a lock while pg_restore drops and recreates the tables
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={_dbname()}",
                str(path),
            ]
        )
    else:
        raise BackupError(f"no restore method for the {connection.vendor} database")


def _dbname() -> str:
    """A libpq connection string for the tools; the password travels in the environment, not on a command line."""
    s = connection.settings_dict
    parts = {"dbname": s["NAME"], "host": s.get("HOST"), "port": s.get("PORT"), "user": s.get("USER")}
    return " ".join(f"{k}={v}" for k, v in parts.items() if v)


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)")
    env = {**os.environ, "PGPASSWORD": connection.settings_dict.get("PASSWORD") or ""}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]}")
