"""The report's figures as SQL aggregates over the referrals a filter counts: true counts, before any
suppression (reports.py publishes them). One query a table; no Python loop touches a row."""

from __future__ import annotations

# ruff: noqa: S608 - the SQL is built from constants and dialect phrases only; every value is a parameter
import datetime as dt
import math
from dataclasses import dataclass

from django.db import connection

from . import dialect
from .filters import ReportFilter, base, when

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


def cube(f: ReportFilter) -> dict[tuple[str, str, str], int]:
    """Referrals by (month, scheme, area) over every scheme the user may count, in the period: what the
    filter guard reads, and the month table."""
    sql, params = base(f, scheme_ids=f.allowed_scheme_ids, area=False)
    month = dialect.month("r.received_at")
    rows = _rows(
        f"SELECT {month}, r.scheme_id, p.local_authority_code, COUNT(*) FROM {sql} GROUP BY 1, 2, 3",
        params,
    )
    return {(m, str(s), a or "UNKNOWN"): int(n) for m, s, a, n in rows}


def by_column(f: ReportFilter, column: str) -> dict[str, int]:
    """Referrals grouped by one of their own columns (source, status)."""
    if column not in {"source", "status"}:
        raise ValueError(column)
    sql, params = base(f)
    return _grouped(f"SELECT r.{column}, COUNT(*) FROM {sql} GROUP BY r.{column}", params)


def by_need(f: ReportFilter) -> dict[str, int]:
    """Referrals giving each reason (one referral may give several)."""
    sql, params = base(f)
    sql = sql.replace(" WHERE ", f", {dialect.json_elements('r.needs', 'j')} WHERE ", 1)
    return _grouped(f"SELECT j.value, COUNT(DISTINCT r.id) FROM {sql} GROUP BY j.value", params)


def outcomes(f: ReportFilter) -> dict[str, int]:
    """Closed referrals by discharge outcome."""
    sql, params = base(f)
    return _grouped(f"SELECT r.outcome, COUNT(*) FROM {sql} AND r.status = 'closed' GROUP BY r.outcome", params)


@dataclass(frozen=True)
class Waits:
    n: int  # referrals with a first contact
    median: float | None  # days
    p90: float | None


def _percentile_positions(n: int, p: float) -> tuple[int, int, float]:
    pos = p * (n - 1)
    return math.floor(pos), math.ceil(pos), pos - math.floor(pos)


def waits(f: ReportFilter) -> Waits:
    """Days from referral to first contact: median and 90th percentile, interpolated as percentile_cont."""
    sql, params = base(f)
    days = dialect.days_between("r.first_contact_at", "r.received_at")
    where = f"{sql} AND r.first_contact_at IS NOT NULL"
    if dialect.is_postgres():
        n, median, p90 = _rows(
            f"SELECT COUNT(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY {days}), "
            f"percentile_cont(0.9) WITHIN GROUP (ORDER BY {days}) FROM {where}",
            params,
        )[0]
        return Waits(int(n), None if median is None else float(median), None if p90 is None else float(p90))
    n = int(_rows(f"SELECT COUNT(*) FROM {where}", params)[0][0])
    if n == 0:
        return Waits(0, None, None)
    wanted = {p: _percentile_positions(n, p) for p in (0.5, 0.9)}
    ranks = sorted({k + 1 for lo, hi, _ in wanted.values() for k in (lo, hi)})
    values = dict(
        _rows(
            f"SELECT rn, d FROM (SELECT {days} AS d, ROW_NUMBER() OVER (ORDER BY {days}) AS rn FROM {where}) w "
            f"WHERE rn IN ({', '.join(str(k) for k in ranks)})",
            params,
        )
    )

    def at(p: float) -> float:
        lo, hi, frac = wanted[p]
        return values[lo + 1] + frac * (values[hi + 1] - values[lo + 1])

    return Waits(n, at(0.5), at(0.9))


def activity(f: ReportFilter) -> dict[str, int]:
    """People referred and supported, contacts, introductions made, attended and still going."""
    sql, params = base(f)
    people = _rows(
        f"SELECT COUNT(*), COUNT(DISTINCT r.person_id), "
        f"COUNT(DISTINCT CASE WHEN r.accepted_at IS NOT NULL THEN r.person_id END) FROM {sql}",
        params,
    )[0]
    contacts = _rows(f"SELECT COUNT(*) FROM casework_contact c WHERE c.referral_id IN (SELECT r.id FROM {sql})", params)
    as_of = f.as_of or dt.datetime.now(dt.UTC)
    cut3, cut6 = when(as_of - THREE_MONTHS), when(as_of - SIX_MONTHS)
    intro = _rows(
        "SELECT COUNT(*), "
        "COALESCE(SUM(CASE WHEN i.status IN ('attended', 'still_going') THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN i.created_at <= %s THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN i.created_at <= %s AND i.status = 'still_going' THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN i.created_at <= %s THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN i.created_at <= %s AND i.status = 'still_going' THEN 1 ELSE 0 END), 0) "
        f"FROM casework_introduction i WHERE i.referral_id IN (SELECT r.id FROM {sql})",
        [cut3, cut3, cut6, cut6, *params],
    )[0]
    keys = ("referrals", "people_referred", "people_supported")
    out = dict(zip(keys, map(int, people), strict=True)) | {"contacts": int(contacts[0][0])}
    keys = ("introductions", "attended", "made_3m_ago", "going_at_3m", "made_6m_ago", "going_at_6m")
    return out | dict(zip(keys, map(int, intro), strict=True))


def _people_sql(f: ReportFilter) -> tuple[str, list]:
    """One row per person counted, with the moment of their first referral in the period."""
    sql, params = base(f)
    return f"(SELECT r.person_id AS person_id, MIN(r.received_at) AS first_at FROM {sql} GROUP BY r.person_id)", params


def reach(f: ReportFilter, dimension: str) -> dict[str, int]:
    """People reached by age band (at their first referral in the period), sex, ethnic group or IMD decile."""
    people, params = _people_sql(f)
    if dimension == "age":
        age = dialect.age_years("f.first_at", "q.date_of_birth")
        cases = " ".join(f"WHEN {age} BETWEEN {lo} AND {hi} THEN '{label}'" for label, lo, hi in AGE_BANDS)
        key = f"CASE WHEN q.date_of_birth IS NULL THEN 'unknown' {cases} ELSE 'unknown' END"
    elif dimension == "sex":
        key = "CASE WHEN q.gender IN ('male', 'female', 'other') THEN q.gender ELSE 'unknown' END"
    elif dimension == "ethnic":
        cases = " ".join(
            f"WHEN q.ethnic_category IN ({', '.join(repr(c) for c in codes)}) THEN '{label}'"
            for label, codes in ETHNIC_GROUPS.items()
        )
        key = f"CASE {cases} ELSE 'Not stated or not known' END"
    elif dimension == "imd":
        key = "COALESCE(CAST(pc.imd_decile AS VARCHAR(2)), 'unknown')"
    else:
        raise ValueError(dimension)
    join = "LEFT JOIN core_postcode pc ON pc.postcode = q.postcode " if dimension == "imd" else ""
    return _grouped(
        f"SELECT {key} AS k, COUNT(*) FROM {people} f JOIN casework_person q ON q.id = f.person_id {join}GROUP BY 1",
        params,
    )


def reach_circumstances(f: ReportFilter) -> dict[str, int]:
    """People with each at-risk circumstance (one person may have several)."""
    people, params = _people_sql(f)
    items = dialect.json_elements("q.risk_circumstances", "j")
    return _grouped(
        f"SELECT j.value, COUNT(*) FROM {people} f JOIN casework_person q ON q.id = f.person_id, {items} "
        "GROUP BY j.value",
        params,
    )
