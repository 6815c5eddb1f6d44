"""What a report counts: a period of whole months, the schemes the user may count, optionally one scheme
and one area (the local authority a person lives in). Read from the query string with a clear message
for anything wrong, and turned into the WHERE clause every report query shares."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from connected.core import rules
from connected.core.models import Scheme

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_MONTHS = 120


class FilterError(ValueError):
    """A filter the report cannot use; `field` names the query parameter at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ReportFilter:
    first_month: dt.date  # the 1st of the first month
    last_month: dt.date  # the 1st of the last month (included)
    scheme_ids: tuple[int, ...]  # every scheme counted (the user's, narrowed by `scheme`)
    allowed_scheme_ids: tuple[int, ...]  # every scheme the user may count
    scheme: int | None = None
    area: str | None = None
    as_of: dt.datetime | None = None  # "still going at 3 months" is judged at this moment

    @property
    def months(self) -> tuple[str, ...]:
        out, day = [], self.first_month
        while day <= self.last_month:
            out.append(f"{day:%Y-%m}")
            day = _next_month(day)
        return tuple(out)

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.first_month, dt.time(), tzinfo=dt.UTC)

    @property
    def end_at(self) -> dt.datetime:
        """The first moment after the period (exclusive)."""
        return dt.datetime.combine(_next_month(self.last_month), dt.time(), tzinfo=dt.UTC)

    def query_string(self) -> str:
        parts = [f"from={self.first_month:%Y-%m}", f"to={self.last_month:%Y-%m}"]
        if self.scheme is not None:
            parts.append(f"scheme={self.scheme}")
        if self.area:
            parts.append(f"area={self.area}")
        return "&".join(parts)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _parse_month(value: str, field: str) -> dt.date:
    match = MONTH.match(value.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
        raise FilterError(field, f"Enter the {'start' if field == 'from' else 'end'} month as YYYY-MM, like 2026-03")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def counted_schemes(user) -> list[Scheme]:
    return list(Scheme.objects.filter(rules.scope(user, "counted_scheme")).distinct().order_by("name"))


def parse_period(
    params: Mapping[str, str], *, scheme_ids: tuple[int, ...], now: dt.datetime | None = None
) -> ReportFilter:
    """The period, scheme and area from `params`, over `scheme_ids` (the schemes that may be counted);
    by default the last twelve whole months, every scheme, every area."""
    now = now or timezone.now()
    this_month = dt.date(now.year, now.month, 1)
    last_complete = dt.date(this_month.year - (this_month.month == 1), (this_month.month - 2) % 12 + 1, 1)
    last = _parse_month(params["to"], "to") if params.get("to") else last_complete
    first = _parse_month(params["from"], "from") if params.get("from") else dt.date(last.year - 1, last.month, 1)
    if not params.get("from"):
        first = _next_month(first)
    if last > last_complete:
        raise FilterError("to", f"The period must end by {last_complete:%B %Y}, the last whole month")
    if first > last:
        raise FilterError("from", "The start month must be on or before the end month")
    if (last.year - first.year) * 12 + last.month - first.month >= MAX_MONTHS:
        raise FilterError("from", f"Choose a period of at most {MAX_MONTHS // 12} years")
    scheme = None
    if params.get("scheme"):
        raw = params["scheme"].strip()
        if not raw.isdigit() or int(raw) not in scheme_ids:
            raise FilterError("scheme", "Choose a scheme from the list")
        scheme = int(raw)
    area = (params.get("area") or "").strip().upper() or None
    if area is not None and not re.fullmatch(r"[A-Z]\d{8}|UNKNOWN", area):
        raise FilterError("area", "Choose an area from the list")
    return ReportFilter(
        first_month=first,
        last_month=last,
        scheme_ids=(scheme,) if scheme else scheme_ids,
        allowed_scheme_ids=scheme_ids,
        scheme=scheme,
        area=area,
        as_of=now,
    )


def parse(user, params: Mapping[str, str], *, now: dt.datetime | None = None) -> ReportFilter:
    """The filter a user asked for, over the schemes they may count."""
    return parse_period(params, scheme_ids=tuple(s.pk for s in counted_schemes(user)), now=now)


def when(value: dt.datetime):
    """A timestamp as the database compares it (SQLite stores naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def base(f: ReportFilter, *, scheme_ids: tuple[int, ...] | None = None, area: bool = True) -> tuple[str, list]:
    """FROM and WHERE for the referrals counted (aliases r and p), with their parameters."""
    ids = f.scheme_ids if scheme_ids is None else scheme_ids
    where = [f"r.scheme_id IN ({', '.join(['%s'] * len(ids))})" if ids else "1 = 0"]
    params: list = list(ids)
    where += ["r.received_at >= %s", "r.received_at < %s"]
    params += [when(f.start_at), when(f.end_at)]
    if area and f.area:
        where.append("p.local_authority_code = %s")
        params.append("" if f.area == "UNKNOWN" else f.area)
    sql = "casework_referral r JOIN casework_person p ON p.id = r.person_id WHERE " + " AND ".join(where)
    return sql, params
