"""Read the open inputs in ``SHARED_DIR/data/areas`` into plain dictionaries keyed by area code.

Small areas are LSOA 2011 (the unit of the population estimates, the IMD and the centroids). Census 2021
tables come by LSOA 2021 and are brought to 2011 through the ONS lookup: an unchanged or merged area takes
its 2021 area's shares; a 2011 area split in 2021 takes its parts' shares weighted by their totals.

Nothing here reads a measured loneliness figure. The public health extract is read through a list of the
columns we show (`PHOF_COLUMNS`), and any column whose name mentions loneliness or isolation is refused
outright (`EXCLUDED_WORDS`), so a later extract that adds one cannot slip it in.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

AREAS = Path("areas")
GEOGRAPHY = Path("geography")

# Census shares we keep, each the sum of the named columns' shares.
RENTED = (
    "prop_private_rented_other_private_rented",
    "prop_private_rented_private_landlord_or_letti",
    "prop_social_rented_other_social_rented",
    "prop_social_rented_rents_from_council_or_loca",
    "prop_lives_rent_free",
)
FLATS = (
    "prop_in_a_purpose_built_block_of_flats_or_ten",
    "prop_part_of_a_converted_or_shared_house_incl",
    "prop_part_of_another_converted_building_for_e",
    "prop_in_a_commercial_building_for_example_in_",
)
# Shown on an authority's page for context; never part of the score.
PHOF_COLUMNS = {
    "low_income_children": "Children in low-income families (%)",
    "ltc_employment_gap": "Employment gap for people with a long-term condition (percentage points)",
    "fuel_poverty": "Households in fuel poverty (%)",
    "inactive_adults": "Physically inactive adults (%)",
    "homelessness": "Households owed a homelessness duty (per 1,000)",
}
EXCLUDED_WORDS = ("lonel", "isolat")


class InputError(ValueError):
    """An input file is missing or not in the layout we expect; nothing was changed."""


@dataclass
class SmallAreaInputs:
    population: int = 0
    age_16_24: int = 0
    age_75_plus: int = 0
    imd_decile: int | None = None
    rented: float | None = None
    flats: float | None = None
    disabled: float | None = None


@dataclass
class Inputs:
    small_areas: dict[str, SmallAreaInputs] = field(default_factory=dict)
    phof: dict[str, dict[str, float]] = field(default_factory=dict)
    imd_la_score: dict[str, float] = field(default_factory=dict)
    households: dict[str, int] = field(default_factory=dict)
    published_population: dict[str, int] = field(default_factory=dict)
    excluded_columns: list[str] = field(default_factory=list)


def rows(path: Path) -> Iterator[dict[str, str]]:
    if not path.is_file():
        raise InputError(f"No file at {path}")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        yield from reader


def _need(path: Path, row: dict[str, str], *columns: str) -> None:
    missing = [c for c in columns if c not in row]
    if missing:
        raise InputError(f"{path.name} has no column {', '.join(missing)}")


def _number(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def excluded(column: str) -> bool:
    """True for a column that measures loneliness or isolation: never read into the model."""
    name = column.lower()
    return any(word in name for word in EXCLUDED_WORDS)


def read_phof(path: Path) -> tuple[dict[str, dict[str, float]], list[str]]:
    """The context indicators by authority code, and the columns refused as loneliness measures."""
    found: dict[str, dict[str, float]] = {}
    refused: list[str] = []
    for row in rows(path):
        _need(path, row, "la_code")
        refused = [c for c in row if excluded(c)]
        values = {c: _number(row[c]) for c in PHOF_COLUMNS if c in row and not excluded(c)}
        found[row["la_code"].strip()] = {c: v for c, v in values.items() if v is not None}
    return found, refused


def _lsoa21_shares(data: Path) -> dict[str, tuple[float, float | None, float | None]]:
    """By LSOA 2021: (households, rented share, flats share), plus disabled share by residents."""
    tenure_path = data / AREAS / "household_tenure21_lsoa21_wide.csv"
    accommodation_path = data / AREAS / "accommodation_type21_lsoa21_wide.csv"
    out: dict[str, list] = {}
    for row in rows(tenure_path):
        _need(tenure_path, row, "lsoa21_code", "total_households", *RENTED)
        out[row["lsoa21_code"]] = [_number(row["total_households"]) or 0.0, sum(_number(row[c]) or 0 for c in RENTED)]
    for row in rows(accommodation_path):
        _need(accommodation_path, row, "lsoa21_code", *FLATS)
        if row["lsoa21_code"] in out:
            out[row["lsoa21_code"]].append(sum(_number(row[c]) or 0 for c in FLATS))
    return {code: (v[0], v[1], v[2] if len(v) > 2 else None) for code, v in out.items()}


def _disabled21(data: Path) -> dict[str, tuple[float, float]]:
    path = data / AREAS / "disability21_lsoa21_ew.csv"
    out = {}
    for row in rows(path):
        _need(path, row, "lsoa21_code", "total_residents", "prop_disabled")
        share = _number(row["prop_disabled"])
        if share is not None:
            out[row["lsoa21_code"]] = (_number(row["total_residents"]) or 0.0, share)
    return out


def _weighted(parts: list[tuple[float, float | None]]) -> float | None:
    known = [(w, v) for w, v in parts if v is not None]
    total = sum(w for w, _ in known)
    if not known:
        return None
    if total <= 0:
        return sum(v for _, v in known) / len(known)
    return sum(w * v for w, v in known) / total


def _census_to_2011(data: Path, small: dict[str, SmallAreaInputs]) -> None:
    """Fill rented, flats and disabled shares for each LSOA 2011 from its 2021 area(s)."""
    successors: dict[str, list[str]] = defaultdict(list)
    for row in rows(data / GEOGRAPHY / "lookup_lsoa11_lsoa21_ltla22.csv"):
        successors[row["lsoa11_code"]].append(row["lsoa21_code"])
    homes = _lsoa21_shares(data)
    disabled = _disabled21(data)
    for code, area in small.items():
        parts = successors.get(code) or [code]
        area.rented = _weighted([(homes[c][0], homes[c][1]) for c in parts if c in homes])
        area.flats = _weighted([(homes[c][0], homes[c][2]) for c in parts if c in homes])
        area.disabled = _weighted([disabled[c] for c in parts if c in disabled])


def _small_areas(data: Path) -> dict[str, SmallAreaInputs]:
    """England's LSOAs (those in the IMD), with their 2020 population and deprivation decile."""
    imd_path = data / AREAS / "imd2019_england_lsoa11.csv"
    small: dict[str, SmallAreaInputs] = {}
    for row in rows(imd_path):
        _need(imd_path, row, "lsoa11_code", "IMD_decile")
        decile = _number(row["IMD_decile"])
        small[row["lsoa11_code"]] = SmallAreaInputs(imd_decile=int(decile) if decile else None)
    population_path = data / AREAS / "population20_lsoa11_agebands.csv"
    for row in rows(population_path):
        _need(population_path, row, "lsoa11_code", "total_population", "age_16_24", "age_75_84", "age_85plus")
        area = small.get(row["lsoa11_code"])
        if area is None:
            continue  # Wales: no English IMD, not modelled
        area.population = int(_number(row["total_population"]) or 0)
        area.age_16_24 = int(_number(row["age_16_24"]) or 0)
        area.age_75_plus = int((_number(row["age_75_84"]) or 0) + (_number(row["age_85plus"]) or 0))
    return small


def _by_authority(path: Path, code: str, value: str) -> dict[str, float]:
    out = {}
    for row in rows(path):
        _need(path, row, code, value)
        number = _number(row[value])
        if number is not None:
            out[row[code]] = number
    return out


def read_inputs(data: Path) -> Inputs:
    """Every input the model and the pages use, from the shared open data folder."""
    small = _small_areas(data)
    _census_to_2011(data, small)
    phof, refused = read_phof(data / AREAS / "phof_selected_indicators_lad_2023extract.csv")
    return Inputs(
        small_areas=small,
        phof=phof,
        excluded_columns=refused,
        imd_la_score=_by_authority(data / AREAS / "imd2019_england_ltla23.csv", "ltla23_code", "Score"),
        households={
            k: int(v)
            for k, v in _by_authority(data / AREAS / "households21_ltla21.csv", "ltla21_code", "households").items()
        },
        published_population={
            k: int(v)
            for k, v in _by_authority(
                data / AREAS / "population20_ltla21.csv", "ltla21_code", "total_population"
            ).items()
        },
    )
