"""The coordinator's pages: the overview, volunteers and their checks, people waiting, proposals and confirming."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from connected.casework.access import get_referral
from connected.core import audit, rules
from connected.core.auth_views.decorators import staff_required

from . import presenters, services
from .access import get_volunteer, nav, require
from .forms import ChecksForm, RequestForm, SupportForm, TrainingForm
from .models import Request, Volunteer
from .pages import add_errors, form_page
from .vocabulary import RequestStatus


@require_safe
@staff_required
def home(request: HttpRequest) -> HttpResponse:
    """The coordinator's overview; volunteers go to their own matches, safeguarding leads to concerns."""
    user = request.user
    if rules.can(user, "befriend"):
        return redirect("befriending:mine")
    if not rules.can(user, "coordinate_befriending"):
        if rules.can(user, "view_concerns"):
            return redirect("befriending:concerns")
        raise PermissionDenied
    page = presenters.coordinator_home(user.membership.scheme_id, timezone.now())
    if page["people_shown"]:
        audit.record(
            actor=user,
            action="view",
            object_type="befriending.calls",
            why="befriending overview",
            people_shown=page["people_shown"],
        )
    return render(request, "befriending/home.jinja", nav(request, page_title="Befriending", **page))


@require_safe
@staff_required
def volunteers(request: HttpRequest) -> HttpResponse:
    require(request, "coordinate_befriending")
    found = Volunteer.objects.filter(rules.scope(request.user, "volunteer")).order_by("status", "family_name")
    rows = presenters.volunteer_rows(found, timezone.localdate())
    return render(request, "befriending/volunteers.jinja", nav(request, page_title="Volunteers", rows=rows))


@require_http_methods(["GET", "POST"])
@staff_required
def volunteer(request: HttpRequest, pk: int) -> HttpResponse:
    """One volunteer: details, checks, training and support, with the forms to record each and to decide."""
    found = get_volunteer(request, pk, "review_volunteer")
    forms = {"checks": ChecksForm(initial=_checks_initial(found)), "training": TrainingForm(), "support": SupportForm()}
    which = request.POST.get("form", "")
    if request.method == "POST" and which in forms:
        form = forms[which] = type(forms[which])(request.POST)
        if form.is_valid():
            try:
                _save(which, found, request.user, form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "Saved")
                return redirect("befriending:volunteer", pk=found.pk)
    from connected.casework.fields import error_list, macro_fields

    page = presenters.volunteer_page(found, timezone.localdate())
    bad = any(f.errors for f in forms.values())
    context = nav(
        request,
        page_title=("Error: " if bad else "") + found.full_name,
        errors=[e for f in forms.values() for e in error_list(f)],
        forms={name: macro_fields(f) for name, f in forms.items()},
        **page,
    )
    return render(request, "befriending/volunteer.jinja", context, status=400 if bad else 200)


def _checks_initial(found: Volunteer) -> dict:
    fields = ("dbs_level", "dbs_checked_on", "dbs_expires_on", "references_received", "capacity")
    return {f: getattr(found, f) for f in fields}


def _save(which: str, found: Volunteer, by, data: dict) -> None:
    if which == "checks":
        services.volunteer_checks_record(volunteer=found, by=by, data=data)
    elif which == "training":
        services.training_record(volunteer=found, by=by, **data)
    else:
        services.support_record(volunteer=found, by=by, **data)


@require_POST
@staff_required
def volunteer_decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_volunteer(request, pk, "review_volunteer")
    approve = request.POST.get("decision") == "approve"
    services.volunteer_decide(volunteer=found, by=request.user, approve=approve)
    messages.success(request, "Approved: they can be matched once their checks are clear" if approve else "Declined")
    return redirect("befriending:volunteer", pk=found.pk)


@require_safe
@staff_required
def waiting(request: HttpRequest) -> HttpResponse:
    require(request, "coordinate_befriending")
    page = presenters.waiting_page(request.user.membership.scheme_id)
    audit.record(
        actor=request.user,
        action="view",
        object_type="befriending.request",
        why="befriending waiting list",
        people_shown=page["people_shown"],
    )
    return render(request, "befriending/waiting.jinja", nav(request, page_title="Waiting for a befriender", **page))


@require_http_methods(["GET", "POST"])
@staff_required
def take_on(request: HttpRequest, pk) -> HttpResponse:
    """Take a loneliness referral on for befriending: the person's times, ways, wishes and what they share."""
    referral = get_referral(request, pk, "take_on_referral", why="befriending take-on")
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.request_create(referral=referral, by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("befriending:request", pk=made.pk)
    return form_page(
        request,
        form,
        title="Take on for befriending",
        button="Find volunteers",
        caption_text=referral.person.full_name,
        back="/befriending/waiting/",
    )


@require_http_methods(["GET", "POST"])
@staff_required
def proposals(request: HttpRequest, pk: int) -> HttpResponse:
    """Volunteers ranked for one person, with reasons; the coordinator confirms one with a time and a way."""
    found = Request.objects.select_related("person", "scheme").filter(pk=pk).first()
    if found is None:
        raise Http404
    if not rules.can(request.user, "manage_match", found):  # a request is checked as the match it will become
        raise PermissionDenied
    audit.record(actor=request.user, action="view", obj=found, person_id=found.person_id, why="befriending proposals")
    error = ""
    if request.method == "POST":
        chosen = Volunteer.objects.filter(pk=request.POST.get("volunteer"), scheme_id=found.scheme_id).first()
        page = presenters.proposals_page(found)
        offered = {p["volunteer"].pk: p for p in page["proposals"]}
        if chosen is None or chosen.pk not in offered:
            error = "Choose one of the volunteers proposed"
        else:
            try:
                match = services.match_confirm(
                    request=found,
                    volunteer=chosen,
                    by=request.user,
                    slot=request.POST.get("slot", ""),
                    mode=request.POST.get("mode", ""),
                    reasons=offered[chosen.pk]["reasons"],
                )
            except ValidationError as problem:
                error = " ".join(problem.messages)
            else:
                messages.success(request, "Matched: both have been introduced")
                return redirect("befriending:match", pk=match.pk)
    page = presenters.proposals_page(found)
    context = nav(
        request,
        page_title=("Error: " if error else "") + "Proposed volunteers",
        request_=found,
        error=error,
        waiting=found.status == RequestStatus.WAITING,
        **page,
    )
    return render(request, "befriending/proposals.jinja", context, status=400 if error else 200)
