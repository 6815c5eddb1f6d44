"""Load the small area tables: outcode centroids, LSOA centroids and local authorities.

Sources (``SHARED_DIR/data``, see its README): the outcode means, the LSOA
2011 population-weighted centroids in British National Grid (converted to
WGS84 here, `connected.core.bng`), and the ONS lookups LSOA → MSOA → local
authority → region. Local authorities are named as in April 2023 (after the
Cumbria, North Yorkshire and Somerset mergers); older codes are kept too, so
a postcode directory from an earlier release still finds its authority.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from pathlib import Path

from django.db import connection, transaction

from connected.core.bng import grid_to_wgs84
from connected.core.models import LocalAuthority, LsoaCentroid, OutcodeCentroid

OUTCODES = Path("postcodes/gb_outcode_centroids.csv")
GEOGRAPHY = Path("geography")


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def load_outcodes(data_dir: Path) -> int:
    """Replace the outcode centroids from ``gb_outcode_centroids.csv``."""
    rows = [
        OutcodeCentroid(
            outcode=r["outcode"].strip().upper(),
            lat=float(r["lat"]),
            lon=float(r["long"]),
            n_postcodes=int(r.get("n_postcodes") or 0),
        )
        for r in _rows(data_dir / OUTCODES)
        if r.get("lat") and r.get("long")
    ]
    with transaction.atomic():
        OutcodeCentroid.objects.all().delete()
        OutcodeCentroid.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


NATIONS = {"W": "Wales", "S": "Scotland", "N": "Northern Ireland"}


def _region_of(code: str, regions: dict[str, str]) -> str:
    """An English authority's region; for the other nations, the nation."""
    return NATIONS.get(code[:1], "") if code and code[0] in NATIONS else regions.get(code, "")


def load_areas(data_dir: Path) -> tuple[int, int]:
    """Replace the local authorities and LSOA centroids; returns (authorities, LSOAs)."""
    geo = data_dir / GEOGRAPHY
    regions = {r["ltla21_code"]: r["region21_name"] for r in _rows(geo / "lookup_ltla21_region21.csv")}
    to_2023 = {r["ltla22_code"]: (r["ltla23_code"], r["ltla23_name"]) for r in _rows(geo / "lookup_ltla22_ltla23.csv")}
    authorities = _authorities(geo, regions, to_2023)
    centroids = _centroids(geo, authorities, regions, to_2023)
    with transaction.atomic():
        LsoaCentroid.objects.all().delete()
        LocalAuthority.objects.all().delete()
        LocalAuthority.objects.bulk_create(authorities.values(), batch_size=2000)
        _insert_centroids(centroids)
    return len(authorities), len(centroids)


# The columns of a centroid row, in the order `_centroids` builds them.
CENTROID_COLUMNS = (
    "code", "name", "lsoa21_code", "lat", "lon", "msoa_code", "msoa_name", "la_code", "la_name", "region",
)  # fmt: skip


def _insert_centroids(rows: list[tuple]) -> None:
    """One `executemany` of plain tuples: 35,000 model instances through bulk_create took most of the load."""
    table = connection.ops.quote_name(LsoaCentroid._meta.db_table)
    placeholders = ", ".join(["%s"] * len(CENTROID_COLUMNS))
    sql = f"INSERT INTO {table} ({', '.join(CENTROID_COLUMNS)}) VALUES ({placeholders})"  # noqa: S608 - our names
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _authorities(geo: Path, regions: dict[str, str], to_2023: dict[str, tuple[str, str]]) -> dict[str, LocalAuthority]:
    """Every authority named in the lookups, by code: April 2023's, then the older codes they replaced."""
    region_codes = {r["ltla21_code"]: r["region21_code"] for r in _rows(geo / "lookup_ltla21_region21.csv")}
    authorities: dict[str, LocalAuthority] = {}

    def authority(code: str, name: str, region: str) -> None:
        if code and code not in authorities:
            authorities[code] = LocalAuthority(
                code=code, name=name, region=region, region_code=region_codes.get(code, "")
            )

    # Regions are stable across the 2023 mergers, so a 2023 authority takes its 2022 predecessor's region.
    for old, (new, new_name) in to_2023.items():
        authority(new, new_name, _region_of(old, regions))
    for r in _rows(geo / "lookup_ltla21_region21.csv"):
        authority(r["ltla21_code"], r["ltla21_name"], r["region21_name"])
    for r in _rows(geo / "lookup_msoa11_ltla21.csv"):
        authority(r["ltla21_code"], r["ltla21_name"], _region_of(r["ltla21_code"], regions))
    for new in authorities.values():
        if not new.region_code:
            new.region_code = next(
                (region_codes[o] for o, (n, _) in to_2023.items() if n == new.code and o in region_codes), ""
            )
    return authorities


def _centroids(
    geo: Path, authorities: dict[str, LocalAuthority], regions: dict[str, str], to_2023: dict[str, tuple[str, str]]
) -> list[tuple]:
    """The LSOA population-weighted centroids in WGS84, each with its MSOA, authority and region."""
    msoa_la21 = {r["msoa11_code"]: r["ltla21_code"] for r in _rows(geo / "lookup_msoa11_ltla21.csv")}
    msoa = {r["lsoa11_code"]: (r["msoa11_code"], r["msoa11_name"]) for r in _rows(geo / "lookup_lsoa11_msoa11.csv")}
    lsoa_la: dict[str, tuple[str, str, str]] = {}
    for r in _rows(geo / "lookup_lsoa11_lsoa21_ltla22.csv"):
        lsoa_la.setdefault(r["lsoa11_code"], (r["lsoa21_code"], r["ltla22_code"], r["ltla22_name"]))
    centroids = []
    for code, name, lat, lon in _positions(geo / "lsoa11_population_weighted_centroids_bng.csv"):
        lsoa21, la22, la22_name = lsoa_la.get(code, ("", "", ""))
        la_code, la_name = to_2023.get(la22, (la22, la22_name))
        msoa_code, msoa_name = msoa.get(code, ("", ""))
        if not la_code and msoa_code in msoa_la21:
            la_code = msoa_la21[msoa_code]
            la_name = authorities[la_code].name if la_code in authorities else ""
        region = authorities[la_code].region if la_code in authorities else _region_of(la_code, regions)
        centroids.append((code, name, lsoa21, lat, lon, msoa_code, msoa_name, la_code, la_name, region))
    return centroids


@functools.lru_cache(maxsize=2)
def _positions_of(path: Path, modified: float) -> tuple[tuple[str, str, float, float], ...]:
    """Each LSOA's code, name and WGS84 position: the grid conversion is most of the parse, so it is done once."""
    out = []
    for r in _rows(path):
        lat, lon = grid_to_wgs84(float(r["X"]), float(r["Y"]))
        out.append((r["lsoa11cd"].strip(), r["lsoa11nm"].strip(), round(lat, 6), round(lon, 6)))
    return tuple(out)


def _positions(path: Path) -> tuple[tuple[str, str, float, float], ...]:
    return _positions_of(path, path.stat().st_mtime)


def reference_loaded() -> bool:
    return OutcodeCentroid.objects.exists() and LsoaCentroid.objects.exists() and LocalAuthority.objects.exists()
