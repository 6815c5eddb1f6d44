"""A grant's figures for a period, and a funder's portfolio rolled up, with small numbers suppressed.

Where the figures come from, metric by metric: a grant whose participants come through Connected
(`uses_connected`) is counted from casework introductions to its funded services (reach, still going,
measured, improved); sessions and attendances are always the grantee's returns, since Connected does
not take registers. Other grants report everything in their returns. Returns count when their whole
period lies inside the chosen one; reach from returns is summed across them (a person in two returns
counts twice, as in the returns themselves).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from connected.casework.models import Introduction
from connected.casework.vocabulary import IntroductionStatus
from connected.measures import registry
from connected.measures.change import Outcome

from . import measure_pairs
from .evaluation import in_period, still_going_at_3_months
from .funds_models import Grant, GrantReturn
from .suppression import SuppressedTable, suppress_table

METRICS = (
    ("reach", "People reached"),
    ("sessions", "Sessions held"),
    ("attendances", "Attendances"),
    ("still_going", "People still going at 3 months"),
    ("measured", "People measured before and after"),
    ("improved", "People who improved"),
)
FROM_CONNECTED = ("reach", "still_going", "measured", "improved")
RETURN_FIELDS = {"reach": "reach", "sessions": "sessions", "attendances": "attendances"}
RETURN_FIELDS |= {"measured": "people_measured", "improved": "people_improved"}
WENT = (IntroductionStatus.ATTENDED, IntroductionStatus.STILL_GOING, IntroductionStatus.STOPPED)
HEADLINE = ("ons-direct", "lonely")  # "improved" from Connected: less often lonely by the ONS question


@dataclass
class GrantFigures:
    grant: Grant
    values: dict[str, int | None]  # None: not reported
    sources: dict[str, str] = field(default_factory=dict)


def returns_in(grant: Grant, start: date | None, end: date | None):
    found = grant.returns.all()
    if start:
        found = found.filter(period_start__gte=start)
    if end:
        found = found.filter(period_end__lte=end)
    return found


def _from_returns(returns: list[GrantReturn]) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for metric, attr in RETURN_FIELDS.items():
        given = [getattr(r, attr) for r in returns if getattr(r, attr) is not None]
        out[metric] = sum(given) if given else None
    return out


def _introductions(grant: Grant, start: date | None, end: date | None) -> list[dict]:
    return list(
        Introduction.objects.filter(in_period(start, end, "created_at"), service__in=grant.services.all()).values(
            "referral_id", "referral__person_id", "status", "created_at", "updated_at"
        )
    )


def connected_points(grant: Grant, start: date | None, end: date | None) -> tuple[set, set, dict]:
    """The people who went, those still going at 3 months, and their before/after points."""
    intros = _introductions(grant, start, end)
    went = [i for i in intros if i["status"] in WENT]
    people = {i["referral__person_id"] for i in went}
    going = {i["referral__person_id"] for i in intros if still_going_at_3_months(i)}
    owner = {str(i["referral_id"]): i["referral__person_id"] for i in went}
    return people, going, measure_pairs.points(measure_pairs.case_responses(owner), owner.__getitem__)


def _from_connected(grant: Grant, start: date | None, end: date | None) -> dict[str, int]:
    people, going, points = connected_points(grant, start, end)
    paired = [p for (_, c, s), p in points.items() if (c, s) == HEADLINE and p.paired]
    improved = sum(measure_pairs.change_of(*HEADLINE, p) == Outcome.IMPROVED for p in paired)
    return {"reach": len(people), "still_going": len(going), "measured": len(paired), "improved": improved}


def grant_figures(grant: Grant, start: date | None = None, end: date | None = None) -> GrantFigures:
    """Raw figures (before suppression) and where each came from."""
    values = _from_returns(list(returns_in(grant, start, end)))
    values.setdefault("still_going", None)
    sources = {m: "returns" for m in values}
    if grant.uses_connected:
        values |= _from_connected(grant, start, end)
        sources |= dict.fromkeys(FROM_CONNECTED, "Connected")
    return GrantFigures(grant, values, sources)


@dataclass
class Rollup:
    rows: list[tuple[GrantFigures, dict[str, int | None]]]  # figures, shown values (None: withheld)
    totals: dict[str, int | None]
    reported: dict[tuple[int, str], bool]  # (grant id, metric) -> reported at all


def rollup(grants, start: date | None = None, end: date | None = None) -> Rollup:
    """Every grant's figures, each metric suppressed down its column with the portfolio total."""
    figures = [grant_figures(g, start, end) for g in grants]
    shown_rows: list[dict[str, int | None]] = [{} for _ in figures]
    totals: dict[str, int | None] = {}
    for metric, _ in METRICS:
        column: SuppressedTable = suppress_table([[f.values[metric] or 0] for f in figures])
        for i, cell in enumerate(column.cells):
            shown_rows[i][metric] = cell[0]
        totals[metric] = column.total
    reported = {(f.grant.pk, m): f.values[m] is not None for f in figures for m, _ in METRICS}
    return Rollup(list(zip(figures, shown_rows, strict=True)), totals, reported)


def _label(code: str, score_id: str) -> str:
    instrument = registry.get(code)
    if len(instrument.scores) == 1:
        return instrument.name
    return f"{instrument.name}: {instrument.score_def(score_id).label}"


def measures_table(grant: Grant, start: date | None = None, end: date | None = None) -> tuple[list, SuppressedTable]:
    """Connected participants' change per instrument score: improved, same, worse (suppressed)."""
    _, _, points = connected_points(grant, start, end)
    counts: dict[tuple[str, str], Counter] = {}
    for (_, code, score_id), point in points.items():
        change = measure_pairs.change_of(code, score_id, point)
        if change is not None:
            counts.setdefault((code, score_id), Counter())[change] += 1
    keys = sorted(counts)
    labels = [_label(c, s) for c, s in keys]
    rows = [[counts[k][Outcome.IMPROVED], counts[k][Outcome.SAME], counts[k][Outcome.WORSE]] for k in keys]
    return labels, suppress_table(rows)
