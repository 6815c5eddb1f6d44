"""Recording loneliness and wellbeing measures on a case (issue 6 item 4), through connected.measures.

Measures may not import casework, so the page that checks who may record on a
case lives here: it asks rules.py, then hands the answers to
measures.services.response_set_record with subject "casework.case" and the
referral id. The questions and their order come from measures' own forms.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from connected.core import audit
from connected.core.auth_views.decorators import staff_required

from .access import get_referral, staff_context
from .case_lifecycle import CLOSED_MESSAGE
from .export import MEASURES_SUBJECT_TYPE


def scheme_codes(scheme) -> tuple[str, ...]:
    from connected.measures import registry

    return tuple(scheme.measure_instruments or registry.DEFAULT_SCHEME_SET)


def answered_forms(request: HttpRequest, forms: list) -> list:
    """The instruments the person answered at least one question of: those are checked and saved, the
    rest left out, so a person who skips one measure can have the others recorded (issue 16)."""
    if request.method != "POST":
        return []
    return [form for form in forms if any(request.POST.get(form.add_prefix(name)) for name in form.fields)]


@require_http_methods(["GET", "POST"])
@staff_required
def measures_record(request: HttpRequest, pk) -> HttpResponse:
    from connected.measures.forms import bind_set
    from connected.measures.links import invitation_path
    from connected.measures.models import MeasureResponse, Timepoint
    from connected.measures.services import response_set_record

    referral = get_referral(request, pk, "manage_case", why="case form" if request.method == "GET" else "")
    if not referral.is_open:
        messages.warning(request, CLOSED_MESSAGE)
        return redirect("casework:case", pk=referral.pk)
    codes = scheme_codes(referral.scheme)
    earlier = MeasureResponse.objects.for_subject(MEASURES_SUBJECT_TYPE, referral.pk).exists()
    default_point = Timepoint.FOLLOW_UP if earlier else Timepoint.BASELINE
    timepoint = request.POST.get("timepoint") or request.GET.get("timepoint") or default_point
    submission = bind_set(codes, request.POST if request.method == "POST" else None)
    started = answered_forms(request, submission.forms)
    errors = [error for form in started for error in form.error_list()] if request.method == "POST" else []
    if request.method == "POST" and not started:
        first = submission.forms[0]
        href = f"#{first.field_id(first.instrument.items[0].id)}" if submission.forms else "#main-content"
        errors.append({"text": "Answer the questions of at least one measure", "href": href})
    if timepoint not in Timepoint.values:
        errors.insert(0, {"text": "Select when these answers were given", "href": "#timepoint"})
    if request.method == "POST" and not errors:
        responses = response_set_record(
            answers_by_instrument={form.instrument.code: dict(form.cleaned_data) for form in started},
            subject_type=MEASURES_SUBJECT_TYPE,
            subject_id=referral.pk,
            timepoint=timepoint,
            recorded_by=request.user,
        )
        for response in responses:
            audit.record(
                actor=request.user, action="create", obj=response, person_id=referral.person_id, why="measures"
            )
        messages.success(request, "Measures saved")
        return redirect(f"/casework/cases/{referral.pk}/#measures")
    link = invitation_path(
        subject_type=MEASURES_SUBJECT_TYPE,
        subject_id=referral.pk,
        codes=codes,
        timepoint=timepoint if timepoint in Timepoint.values else default_point,
    )
    context = staff_context(
        request,
        page_title=("Error: " if errors else "") + "Record measures",
        referral=referral,
        person=referral.person,
        forms=submission.forms,
        errors=errors,
        timepoint=timepoint,
        timepoints=[{"value": v, "text": str(t), "checked": v == timepoint} for v, t in Timepoint.choices],
        invitation=request.build_absolute_uri(link),
    )
    return render(request, "casework/measures_record.jinja", context, status=400 if errors else 200)
