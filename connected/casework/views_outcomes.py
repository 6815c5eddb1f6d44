"""Messages back to the referrer (the letter, sending again) and the PRSB dataset downloads (ADR 0025)."""

from __future__ import annotations

import datetime as dt
import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from connected.core import audit, rules
from connected.core.auth_views.decorators import staff_required

from . import letters, outcomes, prsb
from .access import get_person, get_referral, require, staff_context

LONGEST_PERIOD = dt.timedelta(days=366 * 5)


def _message(referral, message_id):
    found = referral.outcome_messages.filter(pk=message_id).first()
    if found is None:
        raise Http404
    return found


@require_safe
@staff_required
def outcome_letter(request: HttpRequest, pk, message_id) -> HttpResponse:
    """The message as a letter (PDF), for referrers with no system to post to; every download audited."""
    referral = get_referral(request, pk, "view_case")
    message = _message(referral, message_id)
    audit.record(actor=request.user, action="export", obj=message, person_id=referral.person_id, why="outcome letter")
    response = HttpResponse(letters.letter_pdf(message), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="outcome-{message.event}-{referral.pk}.pdf"'
    return response


@require_POST
@staff_required
def outcome_retry(request: HttpRequest, pk, message_id) -> HttpResponse:
    referral = get_referral(request, pk, "manage_case")
    outcomes.outcome_retry(message=_message(referral, message_id), by=request.user)
    messages.success(request, "The message is queued to send again")
    return redirect("casework:case", pk=referral.pk)


@require_safe
@staff_required
def person_dataset(request: HttpRequest, pk, fmt: str) -> HttpResponse:
    """One person's PRSB dataset, FHIR (json) or CSV: scheme managers only, as for subject access."""
    subject = get_person(request, pk, "export_person")
    audit.record(actor=request.user, action="export", obj=subject, person_id=subject.pk, why=f"prsb dataset {fmt}")
    if fmt == "json":
        body, kind = json.dumps(prsb.person_bundle(subject), indent=2), "application/fhir+json"
    else:
        body, kind = prsb.to_csv(prsb.person_rows(subject)), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="prsb-{subject.pk}.{fmt}"'
    return response


def _period(data) -> tuple[dt.date | None, dt.date | None, list[dict]]:
    """The period asked for, or errors naming each field at fault."""
    errors, found = [], {}
    for field in ("start", "end"):
        try:
            found[field] = dt.date.fromisoformat((data.get(field) or "").strip())
        except ValueError:
            text = f"Enter the {field} date as a real date, for example 2026-04-01"
            errors.append({"text": text, "href": f"#{field}"})
    if not errors and found["start"] > found["end"]:
        errors.append({"text": "The start date must be on or before the end date", "href": "#start"})
    elif not errors and found["end"] - found["start"] > LONGEST_PERIOD:
        errors.append({"text": "Choose a period of 5 years or less", "href": "#start"})
    return found.get("start"), found.get("end"), errors


@require_safe
@staff_required
def scheme_dataset(request: HttpRequest) -> HttpResponse:
    """The scheme's PRSB dataset for a period, as one pseudonymous CSV (scheme managers of that scheme)."""
    require(request, "export_dataset")
    scheme = rules.membership_of(request.user).scheme
    if scheme is None:
        raise Http404
    errors: list[dict] = []
    if "start" in request.GET or "end" in request.GET:
        start, end, errors = _period(request.GET)
        if not errors:
            audit.record(actor=request.user, action="export", obj=scheme, why=f"prsb dataset {start}..{end}")
            response = HttpResponse(prsb.to_csv(prsb.scheme_rows(scheme, start, end)), content_type="text/csv")
            response["Content-Disposition"] = f'attachment; filename="prsb-{start}-{end}.csv"'
            return response
    context = staff_context(
        request,
        page_title=("Error: " if errors else "") + "PRSB dataset",
        scheme=scheme,
        errors=errors,
        start=(request.GET.get("start") or "")[:10],
        end=(request.GET.get("end") or "")[:10],
    )
    return render(request, "casework/prsb_dataset.jinja", context, status=400 if errors else 200)
