"""Refuse a report filter that could be subtracted from another to single out a few people.

A report is asked for a period (whole months), and optionally one scheme and one area. Two filters
whose referrals differ by one person give, by subtraction, that person's row: every category they
fall in. Rounding cannot stop that when a count crosses the threshold (9 hidden, then 10 shown), so
the filters themselves are checked (ADR 0027). A filter is allowed when:

1. the first and last months of the period that hold any referral each hold at least the threshold
   (so stretching or shrinking the period always adds or drops at least that many people); and
2. where a scheme or an area narrows the report (leaves out referrals the user could count), every
   month-scheme-area cell of the period holds none or at least the threshold, so whatever another
   filter adds or leaves out is made of whole cells of that size. Strict on purpose: a proof by
   cells is simple, and the tests check it against every pair of filters.

The rule reads a "cube": referral counts by (month, scheme, area) over everything the user may count,
one SQL GROUP BY in production and a plain dict in the tests, which check it against every pair of
filters over random data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

Cube = Mapping[tuple[str, str, str], int]  # (month "YYYY-MM", scheme id, area code) -> referrals


@dataclass(frozen=True)
class Selection:
    months: tuple[str, ...]  # every month of the period, "YYYY-MM", in order
    scheme: str | None = None
    area: str | None = None

    def holds(self, month: str, scheme: str, area: str) -> bool:
        return (
            month in self.months
            and (self.scheme is None or scheme == self.scheme)
            and (self.area is None or area == self.area)
        )


class FilterRefused(ValueError):
    """The filter could single people out; the message says which part and what to do."""


def check(cube: Cube, selection: Selection, *, limit: int) -> None:
    """Raise FilterRefused unless `selection` is safe to publish alongside any other allowed filter."""
    by_month: dict[str, int] = {}
    for (month, scheme, area), n in cube.items():
        if n and selection.holds(month, scheme, area):
            by_month[month] = by_month.get(month, 0) + n
    filled = [m for m in selection.months if by_month.get(m)]
    for month in {filled[0], filled[-1]} if filled else set():
        if by_month[month] < limit:
            raise FilterRefused(
                f"Too few referrals in {month} to start or end the period there: choose a longer period"
            )
    in_period = [key for key, n in cube.items() if n and key[0] in selection.months]
    schemes = {scheme for _, scheme, _ in in_period}
    areas = {area for _, _, area in in_period}
    narrows_scheme = selection.scheme is not None and schemes - {selection.scheme}
    narrows_area = selection.area is not None and areas - {selection.area}
    if not (narrows_scheme or narrows_area):
        return
    if any(0 < n < limit for (month, _, _), n in cube.items() if month in selection.months):
        raise FilterRefused(
            "Some scheme or area has too few referrals in a month of this period to report one on its own: "
            "choose all schemes and all areas"
        )
