"""The report's figures as SQL aggregates over the summary tables (rollup_models, rebuilt by rollup):
true counts, before any suppression (reports.py publishes them). No Python loop touches a row."""

from __future__ import annotations

# ruff: noqa: S608 - the SQL is built from constants and dialect phrases only; every value is a parameter
import datetime as dt
import math
from dataclasses import dataclass

from django.db import connection

from .filters import ReportFilter, when

AGE_BANDS = (("0-15", 0, 15), ("16-24", 16, 24), ("25-49", 25, 49), ("50-64", 50, 64), ("65-74", 65, 74))
AGE_BANDS += (("75-84", 75, 84), ("85+", 85, 200))
ETHNIC_GROUPS = {
    "White": "ABC",
    "Mixed": "DEFG",
    "Asian or Asian British": "HJKL",
    "Black or Black British": "MNP",
    "Other ethnic group": "RS",
}
INTRODUCTION_ATTENDED = ("attended", "still_going")
THREE_MONTHS, SIX_MONTHS = dt.timedelta(days=91), dt.timedelta(days=182)


def _rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _grouped(sql: str, params: list) -> dict[str, int]:
    return {("" if key is None else str(key)): int(n) for key, n in _rows(sql, params)}


def summary_where(f: ReportFilter, alias: str, *, scheme_ids: tuple[int, ...] | None = None, area: bool = True):
    """WHERE over a summary table (rollup_models) for the referrals `f` counts, with its parameters."""
    ids = f.scheme_ids if scheme_ids is None else scheme_ids
    where = [f"{alias}.scheme_id IN ({', '.join(['%s'] * len(ids))})" if ids else "1 = 0"]
    where.append(f"{alias}.month BETWEEN %s AND %s")
    params: list = [*ids, _month(f.first_month), _month(f.last_month)]
    if area and f.area:
        where.append(f"{alias}.area = %s")
        params.append("" if f.area == "UNKNOWN" else f.area)
    return " AND ".join(where), params


def _month(day: dt.date) -> int:
    return day.year * 100 + day.month


def cube(f: ReportFilter) -> dict[tuple[str, str, str], int]:
    """Referrals by (month, scheme, area) over every scheme the user may count, in the period: what the
    filter guard reads, and the month table."""
    where, params = summary_where(f, "c", scheme_ids=f.allowed_scheme_ids, area=False)
    rows = _rows(
        f"SELECT c.month, c.scheme_id, c.area, SUM(c.referrals) FROM evidence_referralcube c WHERE {where} "
        "GROUP BY c.month, c.scheme_id, c.area",
        params,
    )
    return {(f"{m // 100:04d}-{m % 100:02d}", str(s), a or "UNKNOWN"): int(n) for m, s, a, n in rows}


def by_column(f: ReportFilter, column: str) -> dict[str, int]:
    """Referrals grouped by one of their own columns (source, status)."""
    if column not in {"source", "status"}:
        raise ValueError(column)
    where, params = summary_where(f, "c")
    return _grouped(
        f"SELECT c.{column}, SUM(c.referrals) FROM evidence_referralcube c WHERE {where} GROUP BY c.{column}", params
    )


def by_need(f: ReportFilter) -> dict[str, int]:
    """Referrals giving each reason (one referral may give several)."""
    where, params = summary_where(f, "c")
    return _grouped(f"SELECT c.need, SUM(c.referrals) FROM evidence_needcube c WHERE {where} GROUP BY c.need", params)


def outcomes(f: ReportFilter) -> dict[str, int]:
    """Closed referrals by discharge outcome."""
    where, params = summary_where(f, "c")
    return _grouped(
        f"SELECT c.outcome, SUM(c.referrals) FROM evidence_referralcube c WHERE {where} AND c.status = 'closed' "
        "GROUP BY c.outcome",
        params,
    )


@dataclass(frozen=True)
class Waits:
    n: int  # referrals with a first contact
    median: float | None  # days
    p90: float | None


def _percentile_positions(n: int, p: float) -> tuple[int, int, float]:
    pos = p * (n - 1)
    return math.floor(pos), math.ceil(pos), pos - math.floor(pos)


def waits(f: ReportFilter) -> Waits:
    """Days from referral to first contact: median and 90th percentile, interpolated as percentile_cont.
    The wait cube says which whole day holds each rank; only that day's waits are read to find it."""
    where, params = summary_where(f, "c")
    days = _rows(
        f"SELECT c.wait_day, SUM(c.referrals) FROM evidence_waitcube c WHERE {where} GROUP BY c.wait_day "
        "ORDER BY c.wait_day",
        params,
    )
    n = sum(int(k) for _, k in days)  # a few dozen day rows, not referrals
    if n == 0:
        return Waits(0, None, None)
    fact_where, _ = summary_where(f, "r")

    def value(rank: int) -> float:  # 0-based rank in the sorted waits
        before = 0
        for day, k in days:
            if rank < before + int(k):
                return float(
                    _rows(
                        f"SELECT r.wait_days FROM evidence_referralfact r WHERE r.wait_day = %s AND {fact_where} "
                        f"ORDER BY r.wait_days LIMIT 1 OFFSET {rank - before:d}",
                        [day, *params],
                    )[0][0]
                )
            before += int(k)
        raise ValueError(rank)

    def at(p: float) -> float:
        lo, hi, frac = _percentile_positions(n, p)
        low = value(lo)
        return low if hi == lo else low + frac * (value(hi) - low)

    return Waits(n, at(0.5), at(0.9))


def activity(f: ReportFilter, people: People | None = None) -> dict[str, int]:
    """People referred and supported, contacts, introductions made, attended and still going."""
    people = people or reach_all(f)
    where, params = summary_where(f, "c")
    counts = _rows(
        "SELECT COALESCE(SUM(c.referrals), 0), COALESCE(SUM(c.contacts), 0), COALESCE(SUM(c.introductions), 0), "
        f"COALESCE(SUM(c.attended), 0) FROM evidence_referralcube c WHERE {where}",
        params,
    )[0]
    as_of = f.as_of or dt.datetime.now(dt.UTC)
    cut3, cut6 = when(as_of - THREE_MONTHS), when(as_of - SIX_MONTHS)
    intro = _rows(
        "SELECT COALESCE(SUM(CASE WHEN i.created_at <= %s THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN i.created_at <= %s THEN i.still_going ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN i.created_at <= %s THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN i.created_at <= %s THEN i.still_going ELSE 0 END), 0) "
        f"FROM evidence_introductionfact i WHERE {summary_where(f, 'i')[0]}",
        [cut3, cut3, cut6, cut6, *params],
    )[0]
    referrals, contacts, introductions, attended = map(int, counts)
    out = {"referrals": referrals, "people_referred": people.referred, "people_supported": people.supported}
    out |= {"contacts": contacts, "introductions": introductions, "attended": attended}
    keys = ("made_3m_ago", "going_at_3m", "made_6m_ago", "going_at_6m")
    return out | dict(zip(keys, map(int, intro), strict=True))


@dataclass(frozen=True)
class People:
    """The people a filter counts, once each: how many, how many supported, and each reach table."""

    referred: int
    supported: int
    reach: dict[str, dict[str, int]]


def reach_all(f: ReportFilter) -> People:
    """People counted once each, on their first referral in the period (the row whose previous referral
    to the scheme is before the period; a person record belongs to one scheme): one sum over the
    people cube gives the totals and every reach table."""
    where, params = summary_where(f, "c")
    rows = _rows(
        f"SELECT c.dimension, c.value, SUM(c.people) FROM evidence_peoplecube c WHERE {where} AND c.since < %s "
        "GROUP BY c.dimension, c.value",
        [*params, _month(f.first_month)],
    )
    reach: dict[str, dict[str, int]] = {"age": {}, "sex": {}, "ethnic": {}, "imd": {}, "circumstances": {}}
    totals = {"all": 0, "supported": 0}
    for dimension, value, n in rows:
        if dimension in totals:
            totals[dimension] = int(n)
        else:
            reach[dimension][value] = int(n)
    return People(totals["all"], totals["supported"], reach)


def reach(f: ReportFilter, dimension: str) -> dict[str, int]:
    """People reached by age band (at their first referral in the period), sex, ethnic group or IMD decile."""
    if dimension not in {"age", "sex", "ethnic", "imd"}:
        raise ValueError(dimension)
    return reach_all(f).reach[dimension]


def reach_circumstances(f: ReportFilter) -> dict[str, int]:
    """People with each at-risk circumstance (one person may have several)."""
    return reach_all(f).reach["circumstances"]
