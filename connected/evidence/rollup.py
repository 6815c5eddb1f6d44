"""Rebuild the report's summary tables (ADR 0027, "Summary tables") from casework and measures.

One `INSERT … SELECT` a table, the same SQL on SQLite and PostgreSQL (`dialect` phrases), in one
transaction: a report never sees half a rebuild. Run by `manage.py evidence_refresh`, the
`refresh_evidence` task (nightly in a deployment), after `manage.py demo`, and on the first request
when the tables were never built. The report says "Figures as of" the time kept in `RollupState`.
"""

from __future__ import annotations

# ruff: noqa: S608 - the SQL is built from constants, the vocabularies and dialect phrases only
import datetime as dt
import re
import time

from django.db import connection, transaction
from django.utils import timezone

from connected.measures import registry

from . import dialect
from .queries import AGE_BANDS, ETHNIC_GROUPS
from .rollup_models import RollupState

SUBJECT_TYPE = "casework.case"
TABLES = ("evidence_changecube", "evidence_introductionfact", "evidence_needcube", "evidence_referralcube")
TABLES += ("evidence_peoplecube", "evidence_referralfact", "evidence_waitcube")


def _fact_sql() -> str:
    age = dialect.age_years("r.received_at", "p.date_of_birth")
    bands = " ".join(f"WHEN {age} BETWEEN {lo} AND {hi} THEN {i}" for i, (_, lo, hi) in enumerate(AGE_BANDS))
    age_band = f"CASE WHEN p.date_of_birth IS NULL THEN 100 WHEN {age} < 0 THEN -1 {bands} ELSE 99 END"
    groups = " ".join(
        f"WHEN p.ethnic_category IN ({', '.join(repr(c) for c in codes)}) THEN {i}"
        for i, codes in enumerate(ETHNIC_GROUPS.values())
    )
    month, accepted = dialect.month_number("r.received_at"), "CASE WHEN r.accepted_at IS NOT NULL THEN 1 ELSE 0 END"
    wait = dialect.days_between("r.first_contact_at", "r.received_at")
    return (
        "INSERT INTO evidence_referralfact (referral_id, person_id, scheme_id, month, area, accepted, first_since, "
        "accepted_since, wait_days, wait_day, age_band, sex, ethnic_group, imd_decile) "
        f"SELECT r.id, r.person_id, r.scheme_id, {month}, p.local_authority_code, {accepted}, "
        f"COALESCE(LAG({month}) OVER (PARTITION BY r.person_id, r.scheme_id ORDER BY r.received_at, r.id), 0), "
        f"COALESCE(LAG({month}) OVER (PARTITION BY r.person_id, r.scheme_id, {accepted} "
        "ORDER BY r.received_at, r.id), 0), "
        f"CASE WHEN r.first_contact_at IS NOT NULL THEN {wait} END, "
        f"CASE WHEN r.first_contact_at IS NOT NULL THEN CAST({wait} AS INTEGER) END, {age_band}, "
        "CASE WHEN p.gender IN ('male', 'female', 'other') THEN p.gender ELSE 'unknown' END, "
        f"CASE {groups} ELSE {len(ETHNIC_GROUPS)} END, pc.imd_decile "
        "FROM casework_referral r JOIN casework_person p ON p.id = r.person_id "
        "LEFT JOIN core_postcode pc ON pc.postcode = p.postcode "
        "WHERE r.scheme_id IS NOT NULL"  # unassigned referrals (ADR 0035) belong to no scheme's figures yet
    )


def _cube_sql() -> str:
    attended = "CASE WHEN i.status IN ('attended', 'still_going') THEN 1 ELSE 0 END"
    return (
        "INSERT INTO evidence_referralcube (scheme_id, month, area, source, status, outcome, referrals, contacts, "
        "introductions, attended) "
        "SELECT f.scheme_id, f.month, f.area, r.source, r.status, r.outcome, COUNT(*), "
        "COALESCE(SUM(c.n), 0), COALESCE(SUM(i.n), 0), COALESCE(SUM(i.attended), 0) "
        "FROM evidence_referralfact f JOIN casework_referral r ON r.id = f.referral_id "
        "LEFT JOIN (SELECT referral_id, COUNT(*) AS n FROM casework_contact GROUP BY referral_id) c "
        "ON c.referral_id = f.referral_id "
        f"LEFT JOIN (SELECT i.referral_id, COUNT(*) AS n, SUM({attended}) AS attended FROM casework_introduction i "
        "GROUP BY i.referral_id) i ON i.referral_id = f.referral_id "
        "GROUP BY f.scheme_id, f.month, f.area, r.source, r.status, r.outcome"
    )


def _waits_sql() -> str:
    return (
        "INSERT INTO evidence_waitcube (scheme_id, month, area, wait_day, referrals) "
        "SELECT f.scheme_id, f.month, f.area, f.wait_day, COUNT(*) FROM evidence_referralfact f "
        "WHERE f.wait_day IS NOT NULL GROUP BY f.scheme_id, f.month, f.area, f.wait_day"
    )


def _needs_sql() -> str:
    return (
        "INSERT INTO evidence_needcube (scheme_id, month, area, need, referrals) "
        "SELECT f.scheme_id, f.month, f.area, j.value, COUNT(DISTINCT r.id) "
        f"FROM evidence_referralfact f JOIN casework_referral r ON r.id = f.referral_id, "
        f"{dialect.json_elements('r.needs', 'j')} GROUP BY f.scheme_id, f.month, f.area, j.value"
    )


def _people_sql() -> str:
    """The people cube from the referral facts: one SELECT a dimension, each counting a person on every
    row (only the row of their first referral in a period is read, by `since`)."""
    ages = " ".join(f"WHEN {i} THEN '{label}'" for i, (label, _, _) in enumerate(AGE_BANDS))
    groups = " ".join(f"WHEN {i} THEN '{label}'" for i, label in enumerate(ETHNIC_GROUPS))
    dimensions = {
        "all": "'all'",
        "age": f"CASE f.age_band {ages} ELSE 'unknown' END",
        "sex": "f.sex",
        "ethnic": f"CASE f.ethnic_group {groups} ELSE 'Not stated or not known' END",
        "imd": "COALESCE(CAST(f.imd_decile AS VARCHAR(2)), 'unknown')",
    }
    keys = "f.scheme_id, f.month, f.area, f.first_since"
    selects = [
        f"SELECT {keys}, '{name}', {value}, COUNT(*) FROM evidence_referralfact f "
        f"GROUP BY {keys}{'' if value.startswith(chr(39)) else ', ' + value}"  # PostgreSQL: no constant groups
        for name, value in dimensions.items()
    ]
    selects.append(
        "SELECT f.scheme_id, f.month, f.area, f.accepted_since, 'supported', 'all', COUNT(*) "
        "FROM evidence_referralfact f WHERE f.accepted = 1 GROUP BY f.scheme_id, f.month, f.area, f.accepted_since"
    )
    selects.append(
        f"SELECT {keys}, 'circumstances', j.value, COUNT(*) FROM evidence_referralfact f "
        f"JOIN casework_person p ON p.id = f.person_id, {dialect.json_elements('p.risk_circumstances', 'j')} "
        f"GROUP BY {keys}, j.value"
    )
    return (
        "INSERT INTO evidence_peoplecube (scheme_id, month, area, since, dimension, value, people) "
        + " UNION ALL ".join(selects)
    )


def _introductions_sql() -> str:
    return (
        "INSERT INTO evidence_introductionfact (scheme_id, month, area, created_at, still_going) "
        "SELECT f.scheme_id, f.month, f.area, i.created_at, CASE WHEN i.status = 'still_going' THEN 1 ELSE 0 END "
        "FROM casework_introduction i JOIN evidence_referralfact f ON f.referral_id = i.referral_id"
    )


def _change_sql(code: str) -> str:
    """Each case's first baseline and latest follow-up or discharge value of every score of `code`
    (the pairing of `change`'s first design), counted by scheme, month, area and the two values."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", code):
        raise ValueError(f"Not an instrument code: {code!r}")
    scores = [s.id for s in registry.get(code).scores]
    values = ", ".join(f"{dialect.json_int('mr.scores', s)} AS s_{s}" for s in scores)
    phase = "CASE WHEN mr.timepoint = 'baseline' THEN 0 ELSE 1 END"
    m = (
        f"SELECT mr.subject_id, mr.timepoint, {values}, "
        f"ROW_NUMBER() OVER (PARTITION BY mr.subject_id, {phase} ORDER BY mr.administered_at, mr.id) AS first_n, "
        f"ROW_NUMBER() OVER (PARTITION BY mr.subject_id, {phase} "
        "ORDER BY mr.administered_at DESC, mr.id DESC) AS last_n "
        "FROM measures_measureresponse mr WHERE mr.subject_type = %s AND mr.instrument_code = %s "
        "AND mr.timepoint IN ('baseline', 'follow_up', 'discharge')"
    )
    picks = ", ".join(
        f"MAX(CASE WHEN m.timepoint = 'baseline' AND m.first_n = 1 THEN m.s_{s} END) AS b_{s}, "
        f"MAX(CASE WHEN m.timepoint <> 'baseline' AND m.last_n = 1 THEN m.s_{s} END) AS a_{s}"
        for s in scores
    )
    pairs = (
        f"SELECT m.subject_id, {picks} FROM ({m}) m GROUP BY m.subject_id "
        "HAVING MAX(CASE WHEN m.timepoint = 'baseline' THEN 1 ELSE 0 END) = 1"
    )
    keyed = f"pairs p JOIN evidence_referralfact f ON {dialect.uuid_text('f.referral_id')} = p.subject_id"
    selects = " UNION ALL ".join(
        f"SELECT f.scheme_id, f.month, f.area, '{code}', '{s}', p.b_{s}, p.a_{s}, COUNT(*) FROM {keyed} "
        f"GROUP BY f.scheme_id, f.month, f.area, p.b_{s}, p.a_{s}"
        for s in scores
    )
    return (
        f"WITH pairs AS ({pairs}) INSERT INTO evidence_changecube "
        f"(scheme_id, month, area, instrument, score, baseline, latest, pairs) {selects}"
    )


def refresh() -> RollupState:
    """Rebuild every summary table from the raw rows, in one transaction; returns the new state."""
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(dialect.clear(table))
        for sql in (_fact_sql(), _cube_sql(), _needs_sql(), _waits_sql(), _people_sql(), _introductions_sql()):
            cursor.execute(sql, [])  # parameters given, so "%%" in the dialect phrases reads as "%"
        for instrument in registry.all():
            cursor.execute(_change_sql(instrument.code), [SUBJECT_TYPE, instrument.code])
        if dialect.is_postgres():
            for table in TABLES:
                cursor.execute(f"ANALYZE {table}")
        state, _ = RollupState.objects.update_or_create(
            pk=1, defaults={"built_at": timezone.now(), "seconds": round(time.perf_counter() - started, 2)}
        )
    return state


def built_at() -> dt.datetime | None:
    """When the summary tables were last rebuilt; None if never."""
    return RollupState.objects.filter(pk=1).values_list("built_at", flat=True).first()


def ensure() -> dt.datetime:
    """The time of the figures, building the summary tables first if they were never built."""
    return built_at() or refresh().built_at
