"""Benchmark: the bulk load worker's search-index entries alone (bulk_search.SearchRows), CPU µs per service.

    .venv/bin/python bench/search_entries.py --services 50000 --documents /tmp/bulk_docs_500k.msgpack

Plans the first N documents of bench/import_bulk.py's documents file once, untimed, recording every row the
worker hands to `SearchRows.row` and where each batch's `entries()` falls; then replays those calls into a
fresh `SearchRows` with every memo emptied (as in a new worker) and reports the CPU time (process time, so
other processes on the machine count less) of the rows and of the entries per service. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import struct
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")

import django

django.setup()

import msgspec  # noqa: E402

from connected.directory.importer.bulk_rows import Planned  # noqa: E402
from connected.directory.importer.bulk_search import SearchRows  # noqa: E402
from connected.directory.search import entry, text  # noqa: E402


def documents(path: str, count: int) -> list:
    header, decode, out = struct.Struct("<Q"), msgspec.msgpack.Decoder().decode, []
    with open(path, "rb") as f:
        while len(out) < count and (head := f.read(8)):
            out.extend(decode(f.read(header.unpack(head)[0])))
    return out[:count]


def record(docs: list) -> list:
    calls: list = []

    class Recording(SearchRows):
        def row(self, entity, pk, values):
            calls.append((entity, pk, dict(values)))
            super().row(entity, pk, values)

        def entries(self):
            calls.append(None)
            return super().entries()

    state = Planned(1, datetime.now(UTC), "sqlite", {}, Recording("feed", 1, ({}, {})))
    state.take(docs)
    state.resolve()
    return calls


def replay(calls: list) -> tuple[float, float]:
    for memo in (entry._schedule, entry._when, entry._terms, entry._short, entry._name, text.stem):
        memo.cache_clear()
    text._STEMS.clear()
    rows = SearchRows("feed", 1, ({}, {}))
    clock, in_entries = time.process_time, 0.0
    started = clock()
    for call in calls:
        if call is None:
            t = clock()
            rows.entries()
            in_entries += clock() - t
        else:
            rows.row(*call)
    return clock() - started - in_entries, in_entries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--documents", required=True, help="bench/import_bulk.py's documents file")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    calls = record(documents(args.documents, args.services))
    services = sum(1 for c in calls if c and c[0] == "service")
    gc.disable()
    best = min((replay(calls) for _ in range(args.repeat)), key=sum)
    per = [round(t / services * 1e6, 1) for t in best]
    print(json.dumps({"services": services, "rows_us": per[0], "entries_us": per[1], "total_us": round(sum(per), 1),
                      "load": os.getloadavg()}))  # fmt: skip


if __name__ == "__main__":
    main()
