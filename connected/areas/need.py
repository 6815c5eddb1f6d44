"""Unmet need: high risk where little is on offer, as a score from 0 to 100 with its reasons.

    unmet = 100 x (share of areas with lower risk) x (share of areas with more supply)

Both shares are percentile ranks among areas of the same kind (small areas against England's small areas,
authorities against authorities), ties sharing their average rank. An area scores near 100 only when its
risk is among the highest and its supply among the lowest; high risk with plenty on offer, or little on
offer where risk is low, both score low. Ranks, not raw values, so that neither side's units dominate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from connected.areas.risk import FACTOR_BY_CODE


def percentiles(values: Sequence[float]) -> list[float]:
    """Each value's percentile rank, 0 (lowest) to 1 (highest); ties get their average rank."""
    n = len(values)
    if n <= 1:
        return [0.5] * n
    order = sorted(range(n), key=lambda i: values[i])
    ranks = [0.0] * n
    i = 0
    while i < n:
        j = i
        while j + 1 < n and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 / (n - 1)
        i = j + 1
    return ranks


class Ranked(NamedTuple):
    unmet: list[float]
    risk_pct: list[float]
    risk_ranks: list[int]
    unmet_ranks: list[int]


def ranked(risks: Sequence[float], supplies: Sequence[float]) -> Ranked:
    """Unmet need, risk percentiles and both rankings for one level of areas (risk percentiles worked once)."""
    risk_pct, supply_pct = percentiles(risks), percentiles(supplies)
    unmet = [100 * r * (1 - s) for r, s in zip(risk_pct, supply_pct, strict=True)]
    return Ranked(unmet, risk_pct, ranks(risks), ranks(unmet))


def ranks(values: Sequence[float]) -> list[int]:
    """1 for the highest value; ties broken by position (callers sort by code first, so it is stable)."""
    order = sorted(range(len(values)), key=lambda i: -values[i])
    out = [0] * len(values)
    for rank, i in enumerate(order, start=1):
        out[i] = rank
    return out


def top_factors(contributions: Mapping[str, float], *, raising: bool, count: int = 2) -> list[tuple[str, float]]:
    """The factors that raise (or lower) the score most, as (label, points)."""
    chosen = [(c, p) for c, p in contributions.items() if (p > 0.05 if raising else p < -0.05)]
    chosen.sort(key=lambda cp: -abs(cp[1]))
    return [(FACTOR_BY_CODE[c].label, p) for c, p in chosen[:count]]


def reasons(
    *,
    risk_pct: float,
    contributions: Mapping[str, float],
    in_reach: int,
    per_1000: float,
    england_per_1000: float,
    reach_km: float,
    covered: bool | None,
) -> list[str]:
    """Plain sentences saying why an area's unmet need is what it is."""
    out = []
    raising = top_factors(contributions, raising=True)
    lead = f"Risk higher than {risk_pct * 100:.0f}% of comparable areas"
    if raising:
        out.append(lead + ", mostly from " + " and ".join(f"{label.lower()} (+{p:.1f})" for label, p in raising) + ".")
    else:
        out.append(lead + "; no factor raises it above England's average.")
    if in_reach == 0:
        out.append(f"No activities listed within {reach_km:g} km.")
    else:
        comparison = "below" if per_1000 < england_per_1000 else "at or above"
        out.append(
            f"{in_reach} activities within {reach_km:g} km: {per_1000:.2f} per 1,000 people, {comparison} "
            f"England's {england_per_1000:.2f}."
        )
    if covered is False:
        out.append("No social prescribing scheme covers it.")
    return out
