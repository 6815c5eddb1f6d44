"""Time the commissioner's evidence report over a million referrals and three million measure records.

Builds a PostgreSQL database of its own (dropped and made again), loads it in SQL with generate_series
(no Python loop over rows), then times `evidence.reports.build` for a commissioner of two of the three
schemes, over two years, three times, and writes the figures to docs/benchmarks.md with --write.

    .venv/bin/python bench/evidence.py --referrals 1000000 --write
    (PostgreSQL at 127.0.0.1:54329 by default; --server postgres://user@host:port to change it)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = "bench_evidence"


def _recreate(server: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB}")
        conn.execute(f"CREATE DATABASE {DB}")


def _defaults(model, overrides: dict[str, str]) -> tuple[str, str]:
    """Column list and SELECT expressions for every column of `model`, `overrides` first."""
    from django.db import models

    cols, exprs = [], []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.AutoField | models.BigAutoField):
            continue
        cols.append(field.column)
        if field.column in overrides:
            exprs.append(overrides[field.column])
        elif field.null:
            exprs.append("NULL")
        elif isinstance(field, models.BooleanField):
            exprs.append("false")
        elif isinstance(field, models.JSONField):
            exprs.append("'[]'::jsonb" if field.default is list else "'{}'::jsonb")
        elif isinstance(field, models.DateTimeField):
            exprs.append("now()")
        else:
            exprs.append("''")
    return ", ".join(cols), ", ".join(exprs)


def _insert(cursor, model, overrides: dict[str, str], rows: int) -> None:
    cols, exprs = _defaults(model, overrides)
    cursor.execute(f"INSERT INTO {model._meta.db_table} ({cols}) SELECT {exprs} FROM generate_series(0, {rows - 1}) g")


def load(referrals: int) -> dict:
    from django.db import connection

    from connected.casework.models import Contact, Introduction, Person, Referral
    from connected.core.models import Membership, Organisation, Role, Scheme
    from connected.measures.models import MeasureResponse
    from tests.casework.builders import make_user

    council = Organisation.objects.create(name="Bench Council", kind=Organisation.Kind.COUNCIL)
    runner = Organisation.objects.create(name="Bench Charity", kind=Organisation.Kind.CHARITY)
    schemes = [Scheme.objects.create(organisation=runner, name=f"Bench scheme {i}") for i in range(3)]
    for scheme in schemes[:2]:
        scheme.commissioned_by.add(council)
    make_user("bench_commissioner", Role.COMMISSIONER, council)
    assert Membership.objects.count() == 1
    people = max(referrals * 4 // 5, 1)
    ids = ", ".join(str(s.pk) for s in schemes)
    pick = "(ARRAY[{}])[1 + floor(random() * {})::int]"
    started = time.perf_counter()
    with connection.cursor() as c:
        c.execute("SELECT setseed(0.14)")
        _insert(c, Person, {
            "id": "md5('p' || g)::uuid", "scheme_id": f"(ARRAY[{ids}])[1 + g % 3]", "given_name": "'Bench'",
            "family_name": "'Person'", "date_of_birth": "date '1930-01-01' + floor(random() * 30000)::int",
            "gender": pick.format("'male','female','other','unknown',''", 5),
            "ethnic_category": pick.format("'A','B','C','H','J','M','N','R','S','Z',''", 11),
            "local_authority_code": pick.format("'E08000035','E08000036','E08000034',''", 4),
            "risk_circumstances": "CASE WHEN random() < 0.3 THEN '[\"bereaved\"]'::jsonb WHEN random() < 0.2 "
            "THEN '[\"carer\", \"disability\"]'::jsonb ELSE '[]'::jsonb END",
            "language": "'English'",
        }, people)  # fmt: skip
        _insert(c, Referral, {
            "id": "md5('r' || g)::uuid", "person_id": f"md5('p' || (g % {people}))::uuid",
            "scheme_id": f"(ARRAY[{ids}])[1 + (g % {people}) % 3]",
            "source": pick.format("'gp','nurse','self','social_worker','voluntary','fhir'", 6),
            "needs": "CASE WHEN random() < 0.5 THEN '[\"loneliness\"]'::jsonb "
            "ELSE '[\"loneliness\", \"money\"]'::jsonb END",
            "urgency": "'routine'", "snomed_code": "'871731000000106'",
            "status": pick.format("'received','accepted','contacted','in_progress','closed','declined'", 6),
            "received_at": "timestamptz '2024-01-01 00:00+00' + random() * interval '730 days'",
            "accepted_at": "timestamptz '2024-01-01 00:00+00' + random() * interval '730 days'",
            "first_contact_at": "CASE WHEN random() < 0.8 THEN timestamptz '2024-01-01 00:00+00' END",
            "source_payload": "'{}'::jsonb",
        }, referrals)  # fmt: skip
        c.execute("UPDATE casework_referral SET first_contact_at = received_at + (random() * interval '40 days') "
                  "WHERE first_contact_at IS NOT NULL")  # fmt: skip
        c.execute("UPDATE casework_referral SET outcome = (ARRAY['connected','goals_met','moved','other'])"
                  "[1 + floor(random() * 4)::int] WHERE status = 'closed'")  # fmt: skip
        _insert(c, Contact, {"referral_id": "md5('r' || g)::uuid", "mode": "'phone'"}, referrals)
        _insert(c, Introduction, {
            "referral_id": f"md5('r' || (g * 2 % {referrals}))::uuid", "service_name": "'Walking group'",
            "status": pick.format("'suggested','accepted','attended','still_going','stopped'", 5),
            "created_at": "timestamptz '2024-01-01 00:00+00' + random() * interval '730 days'",
        }, referrals // 2)  # fmt: skip
        r = f"(g % {referrals})"
        scores = (
            f"CASE {r} % 3 WHEN 0 THEN jsonb_build_object('total', 3 + floor(random() * 7)::int) "
            "WHEN 1 THEN jsonb_build_object('lonely', 1 + floor(random() * 5)::int) "
            "ELSE jsonb_build_object('life_satisfaction', floor(random() * 11)::int, 'worthwhile', "
            "floor(random() * 11)::int, 'happiness', floor(random() * 11)::int, "
            "'anxiety', floor(random() * 11)::int) END"
        )
        _insert(c, MeasureResponse, {
            "id": "md5('m' || g)::uuid", "instrument_code": f"(ARRAY['ucla3','ons-direct','ons4'])[1 + {r} % 3]",
            "instrument_version": "'1'", "answers": "'{}'::jsonb", "scores": scores, "bands": "'{}'::jsonb",
            "subject_type": "'casework.case'", "subject_id": f"md5('r' || {r})::uuid::text",
            "timepoint": f"(ARRAY['baseline','follow_up','discharge'])[1 + g / {referrals}]",
            "completed_by": "'link_worker'",
            "administered_at": f"timestamptz '2024-01-01 00:00+00' + (g / {referrals}) * interval '60 days'",
        }, referrals * 3)  # fmt: skip
        c.execute("ANALYZE")
    return {"people": people, "load_seconds": round(time.perf_counter() - started, 1)}


def _loaded() -> dict:
    """The figures of data loaded by an earlier run (--reuse)."""
    from connected.casework.models import Person

    return {"people": Person.objects.count(), "load_seconds": None}


def rebuild() -> dict:
    """The nightly rebuild of the summary tables the report reads (connected.evidence.rollup)."""
    from connected.evidence import rollup

    started = time.perf_counter()
    rollup.refresh()
    return {"rebuild_seconds": round(time.perf_counter() - started, 1)}


def time_report(runs: int) -> dict:
    from django.contrib.auth import get_user_model

    from connected.evidence import reports
    from connected.evidence.filters import parse

    user = get_user_model().objects.get(username="bench_commissioner")
    now = dt.datetime(2026, 1, 15, tzinfo=dt.UTC)
    f = parse(user, {"from": "2024-01", "to": "2025-12"}, now=now)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        report = reports.build(f)
        times.append(time.perf_counter() - started)
    referrals = report.table("activity").rows[0][1]
    return {"runs": [round(t, 2) for t in times], "median_s": round(statistics.median(times), 2), "counted": referrals}


def write(figures: dict, command: str) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8")
    marker = "## Evidence: the commissioner report"
    section = (
        f"{marker}\n\n"
        f"`{command}` (PostgreSQL 15 on the shared 2-core machine, load average {figures['load_average']} "
        "at the time, other agents running).\n\n"
        f"- Data: {figures['referrals']:,} referrals of {figures['people']:,} people in three schemes, "
        f"{figures['referrals'] * 3:,} measure records, {figures['referrals']:,} contacts, "
        f"{figures['referrals'] // 2:,} introductions; loaded in SQL with generate_series "
        f"{'by an earlier run' if figures['load_seconds'] is None else 'in ' + str(figures['load_seconds']) + ' s'}; "
        "the summary tables rebuilt from them (`manage.py evidence_refresh`, "
        f"the nightly task) in {figures['rebuild_seconds']} s.\n"
        f"- The report (every table, 24 months, a commissioner of two of the three schemes, "
        f"{figures['counted']:,} referrals counted): {figures['runs']} s per run, median **{figures['median_s']} s** "
        "(target 2 s).\n"
    )
    if marker in text:
        start = text.index(marker)
        end = text.find("\n## ", start + len(marker))
        text = text[:start] + section + (text[end:] if end != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--referrals", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:54329")
    parser.add_argument("--write", action="store_true", help="write the figures to docs/benchmarks.md")
    parser.add_argument("--reuse", action="store_true", help="keep the data already loaded; rebuild and time only")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")
    os.environ["DATABASE_URL"] = f"{args.server}/{DB}"
    if not args.reuse:
        _recreate(args.server)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    loaded = _loaded() if args.reuse else load(args.referrals)
    figures = {"referrals": args.referrals, **loaded, **rebuild(), **time_report(args.runs)}
    figures["load_average"] = round(os.getloadavg()[0], 2)
    print(json.dumps(figures))
    if args.write:
        reuse = " --reuse" if args.reuse else ""
        write(figures, f".venv/bin/python bench/evidence.py --referrals {args.referrals}{reuse} --write")


if __name__ == "__main__":
    main()
