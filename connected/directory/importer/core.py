"""`import_services`: the importer's Python API (the command, the harvester and the demo all use it).

A service whose canonical JSON hashes to what we stored last time is
unchanged and skipped before any validation, so a re-harvest of a national
feed costs one read of the hashes. Everything else is validated, planned and
written in batches, each in a savepoint; if the database refuses a batch
(which validation should make impossible), the batch is retried one service
at a time so a single bad record cannot sink the rest.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from connected.directory import models as m

from . import bulk_write
from .documents import BATCH, canonical_hash
from .documents import service_id as _service_id
from .mapping import Plan, Planner, _org_key
from .report import REJECTED, ImportResult, Problem
from .upsert import Writer

IMPORT_CACHE_KIB = 256 * 1024
# Services written by one import after which PostgreSQL gets fresh statistics before the search index
# is refreshed: its planner has none for rows this transaction wrote, and judged a batch's 1,000 ids
# against a few hundred rows, scanning every attribute of the kind instead (555/s at 500,000 services).
ANALYZE_AFTER = 5_000


class _Rollback(Exception):
    """Raised inside the transaction to undo a dry run."""


def import_services(
    feed: m.Feed,
    services: Iterable[Any],
    *,
    dry_run: bool = False,
    remove_missing: bool = True,
    progress: Callable[[int], object] | None = None,
    notes: Iterable[Problem] = (),
) -> ImportResult:
    """Upsert every service document into `feed`; remove the feed's services not in `services`.

    `services` are ORUK service dicts (as `/services/{id}` returns them).
    Returns the counts and the report; never raises for bad records. `notes` are problems found
    before this point (by the reader) that belong in the same report.
    """
    result = ImportResult(dry_run=dry_run, problems=list(notes))
    try:
        with _no_gc_pauses(), _large_page_cache(), transaction.atomic():
            from connected.directory.search.index import refresh_feed

            from .bulk import bulk_load, first_load

            started = timezone.now()
            services, bulk = first_load(feed, services)
            if bulk:  # a large feed into an empty one: the two-process path (ADR 0043); None once loaded
                services = bulk_load(
                    feed, services, result, remove_missing=remove_missing, progress=progress, started=started
                )
            if services is not None:
                _run(feed, services, result, remove_missing, progress)
            if dry_run:
                raise _Rollback
            if services is not None:
                if result.added + result.updated >= ANALYZE_AFTER:
                    with connection.cursor() as cursor:
                        bulk_write.analyze(cursor, bulk_write.directory_tables())
                refresh_feed(feed.id, changed_since=started)  # keep search in step with what was written
    except _Rollback:
        pass
    return result


@contextmanager
def _large_page_cache() -> Iterator[None]:
    """On SQLite, a page cache big enough for the indexes a large import writes to.

    SQLite's default cache is 2 MiB per connection: at national scale every insert then re-reads index pages
    and spills dirty ones to the WAL mid-transaction, and the import slows as the tables grow. The larger cache
    is allocated only as pages are used, and only for the import's own connection, for its duration.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Pause the cyclic garbage collector while a feed goes in.

    An import allocates hundreds of thousands of small dicts and tuples that live until the end of their
    batch, so the collector keeps walking them (a fifth of a first import's time, measured) and frees
    nothing: they hold no cycles. Memory is bounded by the feed (ORUK_MAX_FEED_BYTES) all the same.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _run(feed: m.Feed, services: Iterable[Any], result: ImportResult, remove_missing: bool, progress) -> None:
    writer = Writer(feed, result, timezone.now())
    known = writer.known_for("service")
    org_keys = {}
    for sid, name, website, email in m.Organization.objects.filter(feed=feed).values_list(
        "source_id", "name", "website", "email"
    ):
        key = _org_key({"name": name, "website": website, "email": email})
        if key:
            org_keys.setdefault(key, sid)
    planner = Planner(result.problems.append, org_keys)
    seen: set[str] = set()
    batch: list[Plan] = []
    for raw in services:
        if progress:
            progress(1)
        source_id = _service_id(raw, result)
        if source_id is None:
            continue
        if source_id in seen:
            result.problems.append(Problem("service", source_id, "id", "listed twice in this feed; kept the first"))
            continue
        seen.add(source_id)
        digest = canonical_hash(raw)
        if source_id in known and known[source_id][1] == digest:
            result.unchanged += 1
            continue
        plan = planner.plan(raw, source_id, digest)
        if plan is not None:
            batch.append(plan)
        if len(batch) >= BATCH:
            _write(writer, batch, result)
            batch = []
    _write(writer, batch, result)
    if remove_missing:
        writer.remove_missing(seen)


def _write(writer: Writer, batch: list[Plan], result: ImportResult) -> None:
    if not batch:
        return
    counts = (result.added, result.updated)
    try:
        with transaction.atomic():
            writer.write(batch)
        return
    except DatabaseError:
        writer.written = []
        result.added, result.updated = counts
    for plan in batch:  # one at a time, so only the record the database refuses is lost
        counts = (result.added, result.updated)
        try:
            with transaction.atomic():
                writer.write([plan])
        except DatabaseError as error:
            writer.written = []
            result.added, result.updated = counts
            result.problems.append(
                Problem("service", plan.source_id, "", f"the database refused it: {error}", REJECTED)
            )
