"""A match's pages: the match itself (coordinator and its volunteer), the call log, a concern, measures, the end."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from connected.core import audit
from connected.core.auth_views.decorators import staff_required

from . import call_services, concern_services, presenters, services
from .access import get_call, get_match, nav, require
from .forms import CallLogForm, ConcernForm, EndForm
from .pages import add_errors, form_page
from .vocabulary import Mood

MEASURES_SUBJECT = "befriending.match"  # how befriending files ONS measures (subject id: the match's id)
MEASURE_CODES = ("ons-direct", "ucla3")  # the ONS-recommended loneliness measures


@require_safe
@staff_required
def mine(request: HttpRequest) -> HttpResponse:
    """A volunteer's own matches, each with its next call: the page a volunteer lands on."""
    require(request, "befriend")
    rows = presenters.my_matches(request.user, timezone.now())
    return render(request, "befriending/mine.jinja", nav(request, page_title="My befriending", rows=rows))


@require_safe
@staff_required
def match(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_match(request, pk, "view_match", why="befriending match")
    page = presenters.match_page(found, request.user, timezone.now())
    return render(request, "befriending/match.jinja", nav(request, page_title="Befriending match", **page))


@require_http_methods(["GET", "POST"])
@staff_required
def call_log(request: HttpRequest, pk: int) -> HttpResponse:
    """The 30-second log after a call: did it happen, how they seemed, anything to pass on."""
    call = get_call(request, pk, "log_call")
    form = CallLogForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            call_services.call_log(
                call=call,
                by=request.user,
                happened=data["happened"] == "yes",
                mood=data["mood"],
                pass_on=data["pass_on"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if data["mood"] == Mood.WORRIED:
                messages.info(request, "You said you are worried: tell us what you saw or heard")
                return redirect("befriending:concern_raise", pk=call.match_id)
            messages.success(request, "Thank you: your call is logged")
            return redirect("befriending:mine")
    return form_page(
        request,
        form,
        title="Log your call",
        button="Save",
        caption_text=call.match.request.person.given_name,
        back="/befriending/mine/",
    )


@require_http_methods(["GET", "POST"])
@staff_required
def concern_raise(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_match(request, pk, "raise_concern")
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            concern_services.concern_raise(match=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Your concern has been sent to the coordinator, who will act on it")
            return redirect("befriending:match", pk=found.pk)
    intro = "If someone is in danger now, call 999. Otherwise tell us here: your coordinator sees it straight away."
    return form_page(
        request,
        form,
        title="Raise a concern",
        button="Send the concern",
        intro=intro,
        caption_text=found.request.person.given_name,
        back=f"/befriending/matches/{found.pk}/",
    )


@require_http_methods(["GET", "POST"])
@staff_required
def match_end(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_match(request, pk, "manage_match", why="befriending end form" if request.method == "GET" else "")
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.match_end(match=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The match has ended. Record the end measures with the person if you can")
            return redirect("befriending:match_measures", pk=found.pk)
    return form_page(
        request,
        form,
        title="End the match",
        button="End the match",
        caption_text=found.request.person.full_name,
        back=f"/befriending/matches/{found.pk}/",
    )


@require_http_methods(["GET", "POST"])
@staff_required
def match_measures(request: HttpRequest, pk: int) -> HttpResponse:
    """The ONS loneliness measures at the start, during and at the end of a match (connected.measures)."""
    from connected.measures.forms import bind_set
    from connected.measures.models import MeasureResponse, Timepoint
    from connected.measures.services import response_set_record

    found = get_match(request, pk, "manage_match", why="befriending measures" if request.method == "GET" else "")
    earlier = MeasureResponse.objects.for_subject(MEASURES_SUBJECT, found.pk).exists()
    default = Timepoint.DISCHARGE if found.ended_at else (Timepoint.FOLLOW_UP if earlier else Timepoint.BASELINE)
    timepoint = request.POST.get("timepoint") or default
    submission = bind_set(MEASURE_CODES, request.POST if request.method == "POST" else None)
    errors = list(submission.errors)
    if timepoint not in Timepoint.values:
        errors.insert(0, {"text": "Select when these answers were given", "href": "#timepoint"})
    if request.method == "POST" and not errors and submission.is_valid():
        for response in response_set_record(
            answers_by_instrument=submission.answers,
            subject_type=MEASURES_SUBJECT,
            subject_id=found.pk,
            timepoint=timepoint,
            recorded_by=request.user,
        ):
            audit.record(actor=request.user, action="create", obj=response, person_id=found.person_id, why="measures")
        messages.success(request, "Measures saved")
        return redirect("befriending:match", pk=found.pk)
    context = nav(
        request,
        page_title=("Error: " if errors else "") + "Record measures",
        match=found,
        forms=submission.forms,
        errors=errors,
        timepoints=[{"value": v, "text": str(t), "checked": v == timepoint} for v, t in Timepoint.choices],
    )
    return render(request, "befriending/measures.jinja", context, status=400 if errors else 200)
