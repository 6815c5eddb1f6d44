"""Shaping the register for the public pages: one card per scheme, and the coverage table (ADR 0034)."""

from __future__ import annotations

import csv
import io
from typing import Any

from connected.casework.waits import wait_words, weeks_to_first_contact
from connected.core.models import Organisation
from connected.directory import register
from connected.directory.models import Service
from connected.directory.register_coverage import AuthorityCoverage
from connected.directory.vocabulary import DAY_NAMES, DAYS

ROUTE_LINKS = {"self-referral": "url", "web-form": "url", "bars-fhir": "text", "email": "mailto", "phone": "tel"}
KIND_WORDS = dict(Organisation.Kind.choices)


def _route(code: str, value: str) -> dict[str, str]:
    how = ROUTE_LINKS[code]
    href = {"url": value, "mailto": f"mailto:{value}", "tel": "tel:" + value.replace(" ", "")}.get(how, "")
    return {"label": register.ROUTES[code], "value": value, "href": href}


def scheme_cards(covers: list[register.Cover]) -> list[dict[str, Any]]:
    """Everything a person or referrer needs to reach each covering scheme, most specific coverage first."""
    ids = [c.service_id for c in covers]
    services = {
        s.id: s
        for s in Service.objects.filter(id__in=ids)
        .select_related("organization", "scheme__organisation")
        .prefetch_related("languages", "schedules")
    }
    routes = register.routes_of(ids)
    areas = register.coverage_of(ids)
    waits = weeks_to_first_contact([c.scheme_id for c in covers])
    cards = []
    for cover in covers:
        service = services[cover.service_id]
        org = service.scheme.organisation
        ages = _ages(service.minimum_age, service.maximum_age)
        cards.append(
            {
                "name": service.name,
                "service_url": f"/services/{service.id}/",
                "run_by": f"{org.name} ({KIND_WORDS.get(org.kind, 'Other')})",
                "why": f"It covers your {register.KIND_LABELS[cover.kind].lower()}",
                "areas": ", ".join(name or code for _, code, name in areas.get(service.id, [])),
                "routes": [_route(code, value) for code, value in routes.get(service.id, [])],
                "eligibility": " ".join(p for p in (service.eligibility_description, ages) if p) or "Not stated",
                "languages": ", ".join(lang.name for lang in service.languages.all()) or "Not stated",
                "hours": "; ".join(_hours(s) for s in service.schedules.all()) or "Not stated",
                "wait": wait_words(waits.get(cover.scheme_id)),
            }
        )
    return cards


def _hours(schedule) -> str:
    """ "Monday to Friday, 09:00 to 17:00" from a weekly schedule; its own words where it has no days."""
    days = [d for d in (schedule.byday or "").split(",") if d in DAYS]
    if not days:
        return schedule.description
    run = "".join(DAYS[DAYS.index(days[0]) : DAYS.index(days[0]) + len(days)]) == "".join(days) and len(days) > 2
    named = f"{DAY_NAMES[days[0]]} to {DAY_NAMES[days[-1]]}" if run else ", ".join(DAY_NAMES[d] for d in days)
    times = (
        f", {schedule.opens_at:%H:%M} to {schedule.closes_at:%H:%M}" if schedule.opens_at and schedule.closes_at else ""
    )
    return named + times


def _ages(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"Ages {low} to {high}."
    if low is not None:
        return f"Ages {low} and over."
    return f"Ages up to {high}." if high is not None else ""


def coverage_rows(rows: list[AuthorityCoverage]) -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "name": r.name,
            "region": r.region,
            "whole": ", ".join(sorted(set(r.whole))) or "None",
            "part": ", ".join(sorted(set(r.part))) or "None",
            "status": "No scheme" if r.gap else ("Overlap" if r.overlap else "Covered"),
        }
        for r in rows
    ]


def coverage_csv(rows: list[AuthorityCoverage]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["la_code", "la_name", "region", "status", "schemes_whole", "schemes_part"])
    for row in coverage_rows(rows):
        writer.writerow([row["code"], row["name"], row["region"], row["status"], row["whole"], row["part"]])
    return out.getvalue()
