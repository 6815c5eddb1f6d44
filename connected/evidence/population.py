"""The population of a local authority by age band, sex and deprivation decile, from the open data in
``SHARED_DIR/data`` (ONS mid-2020 LSOA estimates, Census 2021, IMD 2019): what reach is set beside.

Read once per authority and kept; where a file is missing the column is left out, not guessed.
There is no open count by ethnic group or by the at-risk circumstances here, so those rows have none.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from django.conf import settings

AGE_COLUMNS = {
    "0-15": "age_0_15",
    "16-24": "age_16_24",
    "25-49": "age_25_49",
    "50-64": "age_50_64",
    "65-74": "age_65_74",
    "75-84": "age_75_84",
    "85+": "age_85plus",
}


def _data() -> Path:
    return Path(settings.SHARED_DIR) / "data"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def _lsoas_of(la_code: str) -> frozenset[str]:
    path = _data() / "geography" / "lookup_lsoa11_lsoa21_ltla22.csv"
    if not path.exists():
        return frozenset()
    return frozenset(row["lsoa11_code"] for row in _read(path) if row["ltla22_code"] == la_code)


@cache
def _lsoa_rows(name: str, key: str) -> dict[str, dict[str, str]]:
    path = _data() / "areas" / name
    return {row[key]: row for row in _read(path)} if path.exists() else {}


@cache
def area_population(la_code: str) -> dict[str, dict[str, float]]:
    """{"age": {band: people}, "sex": {"female": .., "male": ..}, "imd": {"1": ..}} for one authority."""
    out: dict[str, dict[str, float]] = {}
    lsoas = _lsoas_of(la_code)
    ages = _lsoa_rows("population20_lsoa11_agebands.csv", "lsoa11_code")
    if lsoas and ages:
        out["age"] = {
            band: sum(float(ages[c][col] or 0) for c in lsoas if c in ages) for band, col in AGE_COLUMNS.items()
        }
        imd = _lsoa_rows("imd2019_england_lsoa11.csv", "lsoa11_code")
        if imd:
            deciles: dict[str, float] = {}
            for c in lsoas:
                if c in imd and c in ages and imd[c]["IMD_decile"]:
                    decile = str(int(float(imd[c]["IMD_decile"])))
                    deciles[decile] = deciles.get(decile, 0.0) + float(ages[c]["total_population"] or 0)
            out["imd"] = deciles
    sexes = _lsoa_rows("age_gender21_ltla21_ew.csv", "ltla21_code").get(la_code)
    if sexes:
        out["sex"] = {"female": float(sexes["total_females"]), "male": float(sexes["total_males"])}
    return out
