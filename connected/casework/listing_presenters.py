"""A provider's listings (freshness, ORUK validity, corrections) and a directory manager's review queue (ADR 0026).

No personal data here: listings and corrections are about activities, not people.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from connected.core import rules
from connected.directory.corrections import CORRECTABLE
from connected.directory.freshness import freshness
from connected.directory.models import Service, ServiceCorrection
from connected.directory.oruk_validity import service_problems

from .presenters import when

FRESH_COLOURS = {"fresh": "green", "due": "yellow", "stale": "red"}


def _age(days: int | None) -> str:
    if days is None:
        return "Never checked"
    if days < 31:
        return f"Checked {days} day{'' if days == 1 else 's'} ago"
    months = days // 30
    return f"Checked about {months} month{'' if months == 1 else 's'} ago"


def listings(user) -> list[dict[str, Any]]:
    services = (
        Service.objects.filter(rules.scope(user, "service"))
        .select_related("organization")
        .prefetch_related("corrections")
        .order_by("organization__name", "name")
    )
    out = []
    for service in services:
        fresh = freshness(service.assured_date)
        problems = service_problems(service)
        corrections = sorted(service.corrections.all(), key=lambda c: c.proposed_at, reverse=True)
        latest = corrections[0] if corrections else None
        out.append(
            {
                "id": str(service.pk),
                "name": service.name,
                "organisation": service.organization.name if service.organization else "",
                "status": service.get_status_display(),
                "assured": when(service.assured_date) if service.assured_date else "Never",
                "age": _age(fresh.days),
                "fresh": {"text": fresh.label, "classes": f"nhsuk-tag--{FRESH_COLOURS[fresh.band]}"},
                "valid": not problems,
                "problems": [{"where": p.where, "message": p.message} for p in problems[:10]],
                "more_problems": max(len(problems) - 10, 0),
                "latest": _correction_line(latest) if latest else "",
                "waiting": bool(latest and latest.status == ServiceCorrection.Status.PROPOSED),
                "correct_href": reverse("providers:correct", args=[service.pk]),
            }
        )
    return out


def _correction_line(correction: ServiceCorrection) -> str:
    line = f"Correction sent {when(correction.proposed_at)}: {correction.get_status_display().lower()}"
    if correction.status == ServiceCorrection.Status.REJECTED and correction.review_note:
        line += f" ({correction.review_note})"
    return line


def change_rows(correction: ServiceCorrection) -> list[dict[str, str]]:
    """Each proposed change as the listing had it and as the provider would have it."""
    return [
        {
            "label": CORRECTABLE[code].label if code in CORRECTABLE else code,
            "before": correction.before.get(code) or "(empty)",
            "after": value or "(empty)",
        }
        for code, value in correction.changes.items()
    ]


def review_queue() -> list[dict[str, Any]]:
    waiting = ServiceCorrection.objects.filter(status=ServiceCorrection.Status.PROPOSED).select_related(
        "service__organization"
    )
    return [
        {
            "href": reverse("providers:review", args=[c.pk]),
            "service": c.service.name,
            "organisation": c.service.organization.name if c.service.organization else "",
            "by": c.proposed_by_label,
            "at": when(c.proposed_at),
            "summary": ", ".join(r["label"] for r in change_rows(c)) or "No changes: confirms the listing is right",
        }
        for c in waiting.order_by("proposed_at", "id")
    ]


def review_page(correction: ServiceCorrection) -> dict[str, Any]:
    service = correction.service
    return {
        "correction": correction,
        "service": service,
        "organisation": service.organization.name if service.organization else "",
        "feed": service.feed.name if service.feed_id else "Edited here",
        "rows": change_rows(correction),
        "by": correction.proposed_by_label,
        "at": when(correction.proposed_at),
        "assured": when(service.assured_date) if service.assured_date else "Never",
    }
