"""The bulk first load: a large feed into a feed with nothing stored, in a near-empty directory.

A pipeline of three processes: a forked planning worker validates and plans
every record with the ordinary importer's `Planner`; a second forked worker
keys the rows, formats them and builds the search entries (`bulk_rows`); this
process feeds the documents and streams the rows into the database
(`bulk_write`), with the tables' secondary indexes set aside and built once at
the end, then the search index, then statistics. Documents go to the first
worker as MessagePack (msgspec), rows travel on pickled. The report, the counts
and what is stored are those of the ordinary importer (the importer's tests run
through both paths); see docs/adr/0043-bulk-first-load.md.

If the database refuses any row (validation should make that impossible), the
load's savepoint is rolled back and the feed goes through the ordinary
importer instead, from a spooled copy of the documents, so a single bad record
costs only itself, as it does there.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import pickle
import struct
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

import msgspec
from django.db import DatabaseError, connection, transaction

from connected.directory import models as m

from . import bulk_write as db
from .documents import canonical_hash
from .report import ImportResult
from .upsert import ORDER, Writer
from .validate import MODELS

BULK_MIN = 2_000  # services in the feed, at least: below this the fork and the index rebuilds are not worth it
NEAR_EMPTY = 10_000  # services already in the directory, at most: their indexes are rebuilt too
CHUNK = 1_000  # documents per message to the worker
FLUSH = 2  # worker messages carry the rows of this many chunks (2,000 documents: the two processes overlap)
FORCE: bool | None = None  # tests: True = bulk whenever the feed owns nothing; False = never; None = decide
_HEADER = struct.Struct("<Q")
_NO_HASH = " " * 64  # in place of a hash for a document that is not an object (the worker reports it)
WORKER_CPU: list[list[float]] = []  # the workers' CPU seconds (planning, keying), per load (bench/import_bulk.py)


def first_load(feed: m.Feed, services: Iterable[Any]) -> tuple[Iterable[Any], bool]:
    """Whether this import is a bulk first load; returns the documents (some may have been read ahead)."""
    if FORCE is False or not feed.pk or connection.vendor not in ("sqlite", "postgresql"):
        return services, False
    if any(MODELS[entity].objects.filter(feed=feed).exists() for entity in ORDER):
        return services, False  # a re-import: updates, unchanged records and removals are the ordinary path's
    if FORCE:
        return services, True
    if isinstance(services, list | tuple):
        head = services[:BULK_MIN]
    else:
        iterator = iter(services)
        head = list(itertools.islice(iterator, BULK_MIN))
        services = itertools.chain(head, iterator)
    if len(head) < BULK_MIN or m.Service.objects.count() >= NEAR_EMPTY:
        return services, False
    return services, True


def bulk_load(
    feed: m.Feed,
    services: Iterable[Any],
    result: ImportResult,
    *,
    remove_missing: bool,
    progress: Callable[[int], object] | None,
    started: datetime,
) -> Iterable[Any] | None:
    """Load the feed; None when done, or the documents again when the ordinary importer must take them."""
    notes = list(result.problems)
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed when the replay ends or here
    try:
        with transaction.atomic():
            _load(feed, services, result, spool, remove_missing, progress, started)
    except DatabaseError:
        result.problems[:] = notes
        result.added = 0
        return _replay(spool)
    spool.close()
    return None


def _load(feed, services, result, spool, remove_missing: bool, progress, started: datetime) -> None:
    from connected.directory.search import index as search_index

    from .bulk_rows import Keying, Planning
    from .bulk_search import SearchRows

    end: dict = {}  # the keying worker's last message: the vocabulary's words, whether orphans are possible
    with connection.cursor() as cursor:
        directory = db.set_aside(cursor, db.directory_tables(), foreign_keys=True)
        search = db.set_aside(cursor, list(db.SEARCH_TABLES), foreign_keys=False)
        triggers = search_index._drop_insert_triggers(cursor)
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM directory_search_entry")
        first_id = cursor.fetchone()[0] + 1
        index = SearchRows(feed.name, first_id, db.shared_terms())
        keying = Keying(feed.id, started, connection.vendor, db.shared_vocabulary(feed.id), index)
        for message in _pipeline(services, spool, Planning(), keying, end):
            result.problems.extend(message["problems"])
            result.added += message["added"]
            db.write_tables(cursor, message["tables"])
            db.write_raw(cursor, message["search"])
            if progress:
                progress(message["read"])
        directory.restore(cursor)
        search_index._write_vocabulary(cursor, end["words"])
        search_index._fill_new(cursor, first_id, triggers)
    if remove_missing and end["orphans"]:  # records no service kept (a venue whose only link was rejected)
        Writer(feed, result, started).remove_orphans()
    with connection.cursor() as cursor:
        search.restore(cursor)
        db.analyze(cursor, [*db.directory_tables(), *db.SEARCH_TABLES])


def _pipeline(services, spool, planning, keying, final: dict) -> Iterator[dict]:
    """The keying worker's messages, while a thread here feeds the planning worker the documents (and
    spools them): documents -> planning -> keying -> this process, each in its own process. `final` gets
    the keying worker's last message (the vocabulary's words, whether orphans are possible)."""
    context = multiprocessing.get_context("fork")
    docs_in, docs_out = context.Pipe(duplex=False)
    plans_in, plans_out = context.Pipe(duplex=False)
    rows_in, rows_out = context.Pipe(duplex=False)
    ends = (docs_in, docs_out, plans_in, plans_out, rows_in, rows_out)
    workers = [
        context.Process(target=_only, args=(_plan, planning, docs_in, plans_out, ends), daemon=True),
        context.Process(target=_only, args=(_key, keying, plans_in, rows_out, ends), daemon=True),
    ]
    for worker in workers:
        worker.start()
    for end in (docs_in, plans_out, plans_in, rows_out):
        end.close()  # each end belongs to one worker now, so a worker that stops is seen as the end of its pipe
    failed: list[BaseException] = []
    feeder = threading.Thread(target=_feed, args=(services, docs_out, spool, failed), daemon=True)
    feeder.start()
    finished = False
    try:
        while True:
            try:
                message = pickle.loads(rows_in.recv_bytes())  # noqa: S301 - our own forked worker
            except EOFError:
                raise RuntimeError("the bulk load's worker process stopped unexpectedly") from None
            if "error" in message:
                raise RuntimeError(f"the bulk load's worker failed: {message['error']}")
            if message.get("done"):
                WORKER_CPU.append(message["cpu"])
                final.update(message)
                break
            yield message
        finished = True
    finally:
        if not finished:  # stop the workers; the feeder then spools the rest of the documents for a replay
            for worker in workers:
                worker.kill()
        for worker in workers:
            worker.join()
        rows_in.close()
        feeder.join()
        docs_out.close()
    if failed:
        raise failed[0]


def _feed(services: Iterable[Any], pipe, spool, failed: list) -> None:
    """Send the documents to the worker in chunks, keeping a copy in case the ordinary path must replay them.

    Each chunk's canonical hashes follow it (64 hex digits each): this thread works them out while the main
    thread waits on the database, which leaves the worker, the load's bottleneck, that much less to do."""
    encode = msgspec.msgpack.Encoder().encode
    sending = True
    try:
        iterator = iter(services)
        while chunk := list(itertools.islice(iterator, CHUNK)):
            data = encode(chunk)
            spool.write(_HEADER.pack(len(data)))
            spool.write(data)
            if sending:
                hashes = "".join(canonical_hash(raw) if isinstance(raw, dict) else _NO_HASH for raw in chunk)
                try:
                    pipe.send_bytes(data)
                    pipe.send_bytes(hashes.encode("ascii"))
                except OSError:
                    sending = False  # the load stopped: keep spooling, for the replay
        if sending:
            pipe.send_bytes(b"")
    except BaseException as error:  # handed to the main thread, which raises it
        failed.append(error)
        with contextlib.suppress(OSError):  # the worker may be gone already
            pipe.send_bytes(b"")


def _only(work, state, inbox, outbox, ends) -> None:
    """Run a worker holding only its own two pipe ends, so each pipe ends when the one process writing it does."""
    for end in ends:
        if end is not inbox and end is not outbox:
            end.close()
    work(state, inbox, outbox)


def _plan(planning, inbox, outbox) -> None:
    """The planning worker: decode, validate and plan; pass the closed segments on every FLUSH chunks."""
    decode = msgspec.msgpack.Decoder().decode
    read = chunks = 0
    try:
        while data := inbox.recv_bytes():
            raws, hashes = decode(data), inbox.recv_bytes().decode("ascii")
            planning.take(raws, [hashes[i : i + 64] for i in range(0, len(hashes), 64)])
            read, chunks = read + len(raws), chunks + 1
            if chunks % FLUSH == 0:
                outbox.send_bytes(pickle.dumps({"segments": planning.out(), "read": read}, protocol=5))
                read = 0
        planning.close()
        outbox.send_bytes(pickle.dumps({"segments": planning.out(), "read": read}, protocol=5))
        outbox.send_bytes(pickle.dumps({"done": True, "cpu": time.process_time()}))
    except Exception as error:  # passed on to the parent, which rolls the load back
        outbox.send_bytes(pickle.dumps({"error": f"{type(error).__name__}: {error}"}))


def _key(keying, inbox, outbox) -> None:
    """The keying worker: keys and the database's rows for each segment; the planning worker's end passed on."""
    try:
        while True:
            message = pickle.loads(inbox.recv_bytes())  # noqa: S301 - our own forked worker
            if "error" in message:
                outbox.send_bytes(pickle.dumps(message))
                return
            if message.get("done"):
                break
            for segment in message["segments"]:
                keying.take(segment)
            outbox.send_bytes(pickle.dumps({**keying.out(), "read": message["read"]}, protocol=5))
        cpu = [message["cpu"], time.process_time()]
        end = {"done": True, "cpu": cpu, "words": keying.search.words, "orphans": keying.orphans()}
        outbox.send_bytes(pickle.dumps(end))
    except EOFError:
        outbox.send_bytes(pickle.dumps({"error": "the planning worker stopped unexpectedly"}))
    except Exception as error:  # reported to the parent, which rolls the load back
        outbox.send_bytes(pickle.dumps({"error": f"{type(error).__name__}: {error}"}))


def _replay(spool) -> Iterator[Any]:
    """The spooled documents, for the ordinary importer."""
    decode = msgspec.msgpack.Decoder().decode
    with spool:
        spool.seek(0)
        while header := spool.read(_HEADER.size):
            (size,) = _HEADER.unpack(header)
            yield from decode(spool.read(size))
