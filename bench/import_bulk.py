"""Benchmark: a first load of the search benchmark's directory through the bulk path (ADR 0043), by phase.

    DATABASE_URL=sqlite:////tmp/bulk.sqlite3 .venv/bin/python bench/import_bulk.py --services 500000
    DATABASE_URL=postgres://postgres@127.0.0.1:54329/bulk500k .venv/bin/python bench/import_bulk.py --services 500000

The documents (bench/search_data.py, about 9 records a service) are generated
first and kept as MessagePack chunks in a temporary file, untimed, as a feed is
read before it is imported. Then `import_services` takes them into one new feed
on an empty database (it chooses the bulk path itself) and the clock runs from
the call to its return: validation, writing, indexes, search index, statistics.
`--reimport` then imports the same documents again (all unchanged, the
ordinary path). Prints one JSON object. Never point it at the development database.
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")

import django

django.setup()

import msgspec  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from search_data import england_positions, generate  # noqa: E402

from connected.directory import models as m  # noqa: E402
from connected.directory.importer import bulk, bulk_write, import_services  # noqa: E402
from connected.directory.importer import upsert as importer_upsert  # noqa: E402
from connected.directory.search import index as search_index  # noqa: E402

HEADER = struct.Struct("<Q")
spent: dict[str, float] = {}


def timed(owner, name: str, label: str) -> None:
    """Add the time spent in owner.name to spent[label]."""
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - started

    setattr(owner, name, wrapper)


def spool(services: int, seed: int, path: str | None):
    """The documents as MessagePack chunks: in `path` when given (made once, then reused), else a temporary file."""
    if path and Path(path).exists():
        return open(path, "rb")
    out = open(f"{path}.part", "w+b") if path else tempfile.TemporaryFile()  # noqa: SIM115
    positions = england_positions(min(services, 250_000), seed)
    encode, chunk = msgspec.msgpack.Encoder().encode, []
    for doc in generate(services, seed, positions):
        chunk.append(doc)
        if len(chunk) == 1000:
            data = encode(chunk)
            out.write(HEADER.pack(len(data)) + data)
            chunk = []
    if chunk:
        data = encode(chunk)
        out.write(HEADER.pack(len(data)) + data)
    if path:
        out.flush()
        os.replace(f"{path}.part", path)  # only a whole file is ever reused
    return out


def machine_cpu() -> tuple[float, float, float]:
    """Busy, idle and stolen CPU seconds of the whole machine so far (Linux /proc/stat): every process, the
    database server's too, so a run shows how much of the machine's cores it kept busy."""
    with open("/proc/stat") as stat:
        user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in stat.readline().split()[1:9])
    tick = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq) / tick, (idle + iowait) / tick, steal / tick


def documents(file, count: int) -> Iterator[dict]:
    """The first `count` documents (a file made for a larger run serves a smaller one)."""
    decode = msgspec.msgpack.Decoder().decode
    file.seek(0)
    while count > 0 and (header := file.read(HEADER.size)):
        chunk = decode(file.read(HEADER.unpack(header)[0]))[:count]
        count -= len(chunk)
        yield from chunk


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--reimport", action="store_true")
    parser.add_argument("--documents", help="a file to keep the generated documents in, and reuse")
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--path", choices=("auto", "bulk", "ordinary"), default="auto", help="force a write path")
    args = parser.parse_args()
    if str(connection.settings_dict["NAME"]).endswith("db.sqlite3"):
        sys.exit("Refusing to run against the development database; set DATABASE_URL to a scratch database.")
    made = time.perf_counter()
    file = spool(args.services, args.seed, args.documents)
    generated = time.perf_counter() - made
    if args.generate_only:
        return
    call_command("migrate", verbosity=0)
    if m.Service.objects.exists():
        sys.exit("The database already has services; give an empty one.")
    timed(bulk_write, "write_tables", "writing rows (main process)")
    timed(bulk_write.SetAside, "restore", "indexes and foreign keys back")
    timed(bulk_write, "analyze", "statistics")
    timed(bulk_write, "write_raw", "writing search rows (main process)")
    timed(search_index, "_fill_new", "full-text, R*Tree and map tables filled")
    timed(importer_upsert.Writer, "remove_orphans", "records no service kept removed")
    timed(connection, "commit", "commit (on SQLite, with its WAL checkpoint)")
    bulk.FORCE = {"auto": None, "bulk": True, "ordinary": False}[args.path]
    feed = m.Feed.objects.create(name="Benchmark national feed", kind="json")
    load = os.getloadavg()
    started, cpu, machine = time.perf_counter(), time.process_time(), machine_cpu()
    result = import_services(feed, documents(file, args.services))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    busy, idle, stolen = (round(after - before, 1) for after, before in zip(machine_cpu(), machine, strict=True))
    if result.added != args.services or result.rejected:
        raise RuntimeError(f"the importer took {result.added} of {args.services} services: {result.counts()}")
    out = {
        "vendor": connection.vendor, "path": args.path, "services": args.services, "seconds": round(seconds, 1),
        "services_per_s": round(args.services / seconds), "generate_seconds_untimed": round(generated, 1),
        "phases_seconds": {k: round(v, 1) for k, v in spent.items()},
        # On a shared machine the CPU time each process used says what two free cores would do.
        "main_cpu_seconds": round(cpu, 1),
        "machine_cpu_seconds": {"busy": busy, "idle": idle, "stolen": stolen, "cores": os.cpu_count()},
        "workers_cpu_seconds": dict(zip(("planning", "keying"), [round(x, 1) for x in bulk.WORKER_CPU[-1]]))  # noqa: B905
        if bulk.WORKER_CPU else None,  # the ordinary path has no workers
        "load_before": [round(x, 2) for x in load], "load_after": [round(x, 2) for x in os.getloadavg()],
    }  # fmt: skip
    if args.reimport:
        started = time.perf_counter()
        again = import_services(feed, documents(file, args.services))
        took = time.perf_counter() - started
        out["reimport"] = {"unchanged": again.unchanged, "seconds": round(took, 1)}
        out["reimport"]["services_per_s"] = round(args.services / took)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
