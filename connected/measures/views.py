"""Pages: try an instrument or a set (nothing stored), and answer a set from a link (stored for the subject)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from . import registry
from .forms import bind_set
from .links import InvitationInvalid, invitation_from_token
from .models import CompletedBy, MeasureResponse
from .services import response_set_record


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "measures/index.jinja",
        {"instruments": registry.all(), "sets": registry.SETS, "page_title": "Loneliness and wellbeing measures"},
    )


def _check(request: HttpRequest, codes: tuple[str, ...], title: str) -> HttpResponse:
    submission = bind_set(codes, request.POST if request.method == "POST" else None)
    valid = submission.is_valid()
    results = submission.scored() if valid else []
    errors = submission.errors
    status = 400 if submission.bound and not valid else 200
    context = {
        "forms": submission.forms,
        "errors": errors,
        "results": results,
        "title": title,
        "page_title": ("Error: " if errors else "") + title,
    }
    return render(request, "measures/check.jinja", context, status=status)


def check(request: HttpRequest, code: str) -> HttpResponse:
    try:
        instrument = registry.get(code)
    except registry.UnknownInstrument:
        raise Http404("No such instrument") from None
    return _check(request, (instrument.code,), f"Try the {instrument.short_name}")


def check_set(request: HttpRequest, name: str) -> HttpResponse:
    if name not in registry.SETS:
        raise Http404("No such set")
    return _check(request, registry.SETS[name], "Try a set of measures")


def respond(request: HttpRequest, token: str) -> HttpResponse:
    """A person answers the set their link names; the answers are stored against the subject."""
    try:
        invitation = invitation_from_token(token)
    except InvitationInvalid as exc:
        context = {"page_title": "This link cannot be used", "reason": str(exc)}
        return render(request, "measures/respond_invalid.jinja", context, status=404)
    answered = MeasureResponse.objects.filter(sitting=invitation.sitting).exists()
    submission = bind_set(invitation.codes, request.POST if request.method == "POST" and not answered else None)
    if submission.is_valid():
        try:
            response_set_record(
                answers_by_instrument=submission.answers,
                subject_type=invitation.subject_type,
                subject_id=invitation.subject_id,
                timepoint=invitation.timepoint,
                completed_by=CompletedBy.PERSON,
                sitting=invitation.sitting,
            )
        except ValidationError as exc:
            if "sitting" not in exc.message_dict:  # only "answered in another tab a moment ago" is expected
                raise
        answered = True
    if answered:
        return render(request, "measures/respond_done.jinja", {"page_title": "Thank you"})
    status = 400 if submission.bound else 200
    context = {
        "forms": submission.forms,
        "errors": submission.errors,
        "page_title": ("Error: " if submission.errors else "") + "How you have been feeling",
    }
    return render(request, "measures/respond.jinja", context, status=status)
