"""The loneliness risk model: who lives in an area, weighted by published evidence on who is lonely.

A composition model, fitted to nothing. For each factor k an area has a value x_k (the share of its people
or homes in a group at higher risk); published studies give the odds ratio OR_k of loneliness for people in
that group. The area's score is

    risk = 100 x Σ_k ln(OR_k) x (x_k - England's x_k)

that is, to first order, how much higher (or lower) the log-odds of loneliness of someone living there are
than England's average, from the make-up of the area alone; +10 is roughly odds 10% higher. Each term is
that factor's contribution, so the contributions add up to the score and say what raises or lowers it.
England's average is population-weighted, so England scores 0, and an authority's score (the
population-weighted mean of its areas') is the sum of its factors' contributions too.

No measured loneliness figure was used to choose, fit, tune or check a weight: the weights come from the
sources named beside them, and where a size is our assumption the factor says so (`assumed`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from connected.areas.inputs import SmallAreaInputs

ONS_2018 = (
    "ONS (2018) Loneliness - what characteristics and circumstances are associated with feeling lonely? "
    "Analysis of the Community Life Survey 2016 to 2017, with its technical report (logistic regression)"
)
VICTOR_2020 = (
    "Victor C R, Pikhartova J (2020) Lonely places or lonely people? Investigating the relationship between "
    "loneliness and place of residence. BMC Public Health 20:778 (English Longitudinal Study of Ageing), Table 2 "
    "model B"
)
CAMPAIGN = (
    "Kantar Public for the Co-op and British Red Cross (2016) Trapped in a bubble: an investigation into triggers "
    "for loneliness in the UK (life transitions: bereavement, disability, retirement, living alone)"
)

# Odds of loneliness by IMD quintile, 1 = least deprived, against the least deprived (VICTOR_2020, model B:
# adjusted for age, sex and individual circumstances, so this is what place adds beyond the other factors).
IMD_QUINTILE_ODDS = {1: 1.0, 2: 1.26, 3: 1.28, 4: 1.19, 5: 1.38}


def imd_quintile(decile: int | None) -> int | None:
    """IMD decile (1 = most deprived) to the quintile numbering above (5 = most deprived)."""
    if decile is None:
        return None
    return 5 - (decile - 1) // 2


@dataclass(frozen=True)
class Factor:
    code: str
    label: str
    source_file: str
    measure: str
    weight: float  # ln(odds ratio) per unit of the value; 1.0 for deprivation, whose value is itself ln(OR)
    evidence: str
    why: str
    assumed: bool
    value: Callable[[SmallAreaInputs], float | None]


def _share(count: Callable[[SmallAreaInputs], int]) -> Callable[[SmallAreaInputs], float | None]:
    return lambda a: count(a) / a.population if a.population else None


def _deprivation(area: SmallAreaInputs) -> float | None:
    quintile = imd_quintile(area.imd_decile)
    return math.log(IMD_QUINTILE_ODDS[quintile]) if quintile else None


FACTORS: tuple[Factor, ...] = (
    Factor(
        "disabled",
        "Disabled people",
        "disability21_lsoa21_ew.csv (Census 2021 TS038)",
        "share of residents disabled under the Equality Act",
        round(math.log(1.9), 3),
        ONS_2018,
        "People in poor health or with a limiting condition were about 1.9 times as likely to be often lonely, "
        "other things equal.",
        False,
        lambda a: a.disabled,
    ),
    Factor(
        "young_adults",
        "Young adults (16 to 24)",
        "population20_lsoa11_agebands.csv (ONS mid-2020)",
        "share of residents aged 16 to 24",
        round(math.log(2.7) / 2, 3),
        ONS_2018,
        "16 to 24 year olds were 2.7 times as likely as people aged 75 and over to be often lonely; against all "
        "other ages the gap is smaller, so we take half the log-odds.",
        True,
        _share(lambda a: a.age_16_24),
    ),
    Factor(
        "older_people",
        "People aged 75 and over",
        "population20_lsoa11_agebands.csv (ONS mid-2020)",
        "share of residents aged 75 and over",
        round(0.4 * math.log(3.6), 3),
        f"{ONS_2018}; {CAMPAIGN}",
        "Age itself does not raise the odds, but widowhood (3.6 times as likely as married people) and living "
        "alone do, and about 4 in 10 people aged 75 and over are widowed: the weight is 0.4 x ln 3.6.",
        True,
        _share(lambda a: a.age_75_plus),
    ),
    Factor(
        "renting",
        "Renting homes",
        "household_tenure21_lsoa21_wide.csv (Census 2021 TS054)",
        "share of households renting (private, social) or living rent free",
        round(math.log(1.5), 3),
        ONS_2018,
        "Renters were lonely more often than owners, independently of age; the odds ratio of 1.5 is our "
        "assumption of a moderate effect.",
        True,
        lambda a: a.rented,
    ),
    Factor(
        "flats",
        "Flats and shared houses",
        "accommodation_type21_lsoa21_wide.csv (Census 2021 TS044)",
        "share of households in flats, maisonettes or shared houses",
        round(math.log(1.15), 3),
        f"{ONS_2018}; {CAMPAIGN}",
        "Stands in for living alone (one-person households by area, Census TS003, is not in the inputs): most "
        "people who live alone live in flats. A small assumed weight (odds ratio 1.15), as it is a proxy and "
        "overlaps renting.",
        True,
        lambda a: a.flats,
    ),
    Factor(
        "deprivation",
        "Deprivation",
        "imd2019_england_lsoa11.csv (English Indices of Deprivation 2019)",
        "the area's IMD quintile, as ln(odds) against the least deprived fifth (1.26, 1.28, 1.19, 1.38)",
        1.0,
        VICTOR_2020,
        "Living in more deprived places goes with loneliness beyond individual circumstances; the value is the "
        "quintile's log odds ratio itself.",
        False,
        _deprivation,
    ),
)
FACTOR_BY_CODE = {f.code: f for f in FACTORS}


def values(area: SmallAreaInputs) -> dict[str, float | None]:
    return {f.code: f.value(area) for f in FACTORS}


def england_means(areas: Iterable[tuple[int, Mapping[str, float | None]]]) -> dict[str, float]:
    """Population-weighted mean of each factor over (population, values) pairs; unknown values are skipped."""
    sums = {f.code: 0.0 for f in FACTORS}
    weights = {f.code: 0.0 for f in FACTORS}
    for population, vals in areas:
        for code, value in vals.items():
            if value is not None:
                sums[code] += population * value
                weights[code] += population
    return {code: (sums[code] / weights[code] if weights[code] else 0.0) for code in sums}


def contributions(vals: Mapping[str, float | None], means: Mapping[str, float]) -> dict[str, float]:
    """Each factor's points: 100 x weight x (value - England's); an unknown value counts as England's (0)."""
    out = {}
    for f in FACTORS:
        value = vals.get(f.code)
        out[f.code] = 0.0 if value is None else 100 * f.weight * (value - means[f.code])
    return out


def score(contribs: Mapping[str, float]) -> float:
    return sum(contribs.values())


def weighted_mean(parts: Iterable[tuple[int, Mapping[str, float]]]) -> dict[str, float]:
    """Population-weighted mean of dictionaries of numbers (an authority from its small areas)."""
    totals: dict[str, float] = {}
    weight = 0
    for population, numbers in parts:
        weight += population
        for key, number in numbers.items():
            totals[key] = totals.get(key, 0.0) + population * number
    return {key: (total / weight if weight else 0.0) for key, total in totals.items()}
