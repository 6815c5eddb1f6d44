"""Load postcodes and the area reference data (outcodes, LSOAs, local authorities).

Postcodes come from either the GB NSPL extract (``postcode,lat,long``) or a
full ONS Postcode Directory CSV (``pcds, lat, long, laua|oslaua, lsoa11|lsoa21,
imd``), plain, gzipped or zipped. 2.6 million rows must load in a few minutes,
so they bypass the ORM: one ``executemany`` per 50,000 rows on SQLite, one
``COPY`` on PostgreSQL, all in one transaction that first empties the table
(a release replaces the last one; a failed load changes nothing).
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction

from connected.core.models import Postcode
from connected.core.postcodes import normalise_fast

BATCH = 50_000
COLUMNS = ("postcode", "lat", "lon", "outcode", "lsoa_code", "la_code", "imd_decile")
# IMD ranks run 1..N within each nation (IMD 2019 England, WIMD 2019, SIMD 2020, NIMDM 2017).
IMD_AREAS = {"E": 32844, "W": 1909, "S": 6976, "9": 890, "N": 890}
_PSEUDO = re.compile(r"^[A-Z]?9{8}$")
Row = tuple[str, float | None, float | None, str, str, str, int | None]


class ImportFileError(ValueError):
    """The file cannot be read as postcodes; nothing was changed."""


@dataclass
class PostcodeImport:
    """What one import did: counts, the file's layout, and a few rejected values to show."""

    layout: str = ""
    read: int = 0
    loaded: int = 0
    without_position: int = 0
    rejected: int = 0
    rejected_examples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.loaded / self.seconds if self.seconds else 0.0


def _open_text(path: Path) -> tuple[io.TextIOBase, io.BufferedReader, int]:
    """The CSV text, the raw byte stream under it (for progress) and its size."""
    raw = open(path, "rb")  # noqa: SIM115 - closed by the caller through the text stream
    size = path.stat().st_size
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8-sig", newline=""), raw, size
    if path.suffix == ".zip":
        archive = zipfile.ZipFile(raw)
        members = [m for m in archive.infolist() if m.filename.lower().endswith(".csv")]
        if not members:
            raise ImportFileError(f"{path.name} holds no CSV file")
        biggest = max(members, key=lambda m: m.file_size)
        return io.TextIOWrapper(archive.open(biggest), encoding="utf-8-sig", newline=""), raw, size
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""), raw, size


def _pick(header: list[str], *names: str, pattern: str | None = None) -> int | None:
    for name in names:
        if name in header:
            return header.index(name)
    if pattern:
        for i, name in enumerate(header):
            if re.fullmatch(pattern, name):
                return i
    return None


def _code(value: str) -> str:
    value = value.strip()
    return "" if not value or _PSEUDO.match(value) else value


def _float(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def imd_decile(rank: str, area_code: str) -> int | None:
    """Decile 1 (most deprived) to 10 from an IMD rank, using the size of that nation's ranking."""
    try:
        value = int(float(rank))
    except ValueError:
        return None
    total = IMD_AREAS.get(area_code[:1]) if area_code else None
    if value < 1 or total is None:
        return None
    return min(10, math.ceil(value * 10 / total))


def read_postcodes(reader: Iterator[list[str]], header: list[str], summary: PostcodeImport) -> Iterator[Row]:
    """Rows for the Postcode table from a CSV reader, counting what is rejected and why."""
    header = [h.strip().lower() for h in header]
    i_pc = _pick(header, "pcds", "postcode", "pcd", "pcd7", "pcd8", "pcd2")
    i_lat = _pick(header, "lat", "latitude")
    i_lon = _pick(header, "long", "lon", "lng", "longitude")
    if i_pc is None or i_lat is None or i_lon is None:
        raise ImportFileError(
            "The file needs a postcode column (postcode or pcds) and lat and long columns; "
            f"its header is: {', '.join(header[:12])}"
        )
    i_la = _pick(header, "laua", "oslaua", "lad", pattern=r"lad\d\dcd")
    # Newest LSOA first; a row with an empty 2021 code (Scotland) falls back to the 2011 one.
    i_lsoas = [i for i in (_pick(header, n) for n in ("lsoa21", "lsoa21cd", "lsoa11", "lsoa11cd")) if i is not None]
    i_imd = _pick(header, "imd", pattern=r"imd\d*(ind|rank)?")
    i_decile = _pick(header, "imd_decile")
    summary.layout = "ONS Postcode Directory" if (i_la is not None or i_lsoas) else "postcode,lat,long"
    width = max(i for i in (i_pc, i_lat, i_lon, i_la, i_imd, i_decile, *i_lsoas) if i is not None) + 1
    previous = ""
    for row in reader:
        summary.read += 1
        if len(row) < width:
            summary.rejected += 1
            if len(summary.rejected_examples) < 5:
                summary.rejected_examples.append(f"line {summary.read + 1}: too few columns")
            continue
        postcode = normalise_fast(row[i_pc])
        if postcode is None or postcode == previous:
            summary.rejected += 1
            if len(summary.rejected_examples) < 5:
                why = "repeated" if postcode else "not a postcode"
                summary.rejected_examples.append(f"line {summary.read + 1}: {row[i_pc][:12]!r} {why}")
            continue
        previous = postcode
        lat, lon = _float(row[i_lat]), _float(row[i_lon])
        if lat is None or lon is None or not (-90 <= lat <= 90) or (lat == 0 and lon == 0):
            lat = lon = None  # ONSPD writes 99.999999 for "no grid reference"
            summary.without_position += 1
        lsoa = next((code for code in (_code(row[i]) for i in i_lsoas) if code), "")
        la = _code(row[i_la]) if i_la is not None else ""
        decile = None
        if i_decile is not None and row[i_decile].strip().isdigit():
            decile = int(row[i_decile]) if 1 <= int(row[i_decile]) <= 10 else None
        elif i_imd is not None:
            decile = imd_decile(row[i_imd], lsoa or la)
        yield (postcode, lat, lon, postcode.split(" ")[0], lsoa, la, decile)


def _batches(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_sqlite(batches: Iterator[list[Row]], tick: Callable[[], None]) -> int:
    table = Postcode._meta.db_table
    connection.ensure_connection()
    sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"  # noqa: S608
    raw = connection.connection
    count = 0
    for batch in batches:
        raw.executemany(sql, batch)
        count += len(batch)
        tick()
    return count


def _write_postgresql(batches: Iterator[list[Row]], tick: Callable[[], None]) -> int:
    table = Postcode._meta.db_table
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
        for batch in batches:
            for row in batch:
                copy.write_row(row)
            count += len(batch)
            tick()
    return count


def _empty_postcodes() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {Postcode._meta.db_table}")
    else:
        Postcode.objects.all().delete()


def load_postcodes(path: Path | str, *, progress: bool = True) -> PostcodeImport:
    """Replace the Postcode table with the file's rows; all or nothing."""
    from tqdm import tqdm

    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"No file at {path}")
    summary = PostcodeImport()
    started = time.perf_counter()
    text, raw, size = _open_text(path)
    with text, tqdm(total=size, unit="B", unit_scale=True, desc=path.name, disable=not progress) as bar:
        reader = csv.reader(text)
        header = next(reader, None)
        if not header:
            raise ImportFileError(f"{path.name} is empty")
        rows = read_postcodes(reader, header, summary)

        def tick() -> None:
            bar.update(raw.tell() - bar.n)
            bar.set_postfix(rows=f"{summary.read:,}", refresh=False)

        write = _write_postgresql if connection.vendor == "postgresql" else _write_sqlite
        with transaction.atomic():
            _empty_postcodes()
            summary.loaded = write(_batches(rows, BATCH), tick)
            if summary.loaded == 0:
                raise ImportFileError(f"{path.name} has no postcodes in it")
    summary.seconds = time.perf_counter() - started
    return summary
