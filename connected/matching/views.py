"""Link workers' matching pages: suggestions for a case, its profile, the shortlist, and the pick."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from connected.casework.access import get_referral, staff_context
from connected.casework.case_lifecycle import CaseClosed
from connected.casework.fields import error_list, macro_fields
from connected.casework.validation import IntakeError
from connected.core.auth_views.decorators import staff_required
from connected.directory.models import Service

from . import presenters, services
from .forms import ProfileForm
from .models import Profile
from .seekers import seeker_for
from .suggest import suggestions


@require_safe
@staff_required
def suggest(request: HttpRequest, pk) -> HttpResponse:
    """The top 10 for the person on this case, each with why; the shortlist beside them."""
    referral = get_referral(request, pk, "manage_case", why="suggestions")
    seeker = seeker_for(referral)
    found = suggestions(seeker)
    shortlisted = set(referral.shortlist.values_list("service_id", flat=True))
    context = staff_context(
        request,
        page_title="Suggest activities",
        referral=referral,
        person=referral.person,
        profile_rows=presenters.profile_rows(Profile.objects.filter(person=referral.person).first(), seeker),
        suggestions=presenters.suggestion_items(found, shortlisted),
        shortlist=presenters.shortlist_items(referral),
    )
    return render(request, "matching/suggest.jinja", context)


@require_http_methods(["GET", "POST"])
@staff_required
def profile(request: HttpRequest, pk) -> HttpResponse:
    referral = get_referral(request, pk, "manage_case", why="matching profile" if request.method == "GET" else "")
    current = Profile.objects.filter(person=referral.person).first()
    initial = (
        {f: getattr(current, f) for f in ("travel", "free_times", "max_cost_pounds", "access_needs", "interests")}
        if current
        else {"travel": "bus"}
    )
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.profile_save(person=referral.person, by=request.user, data=form.cleaned_data)
        messages.success(request, "How they can take part: saved")
        return redirect("matching:suggest", pk=referral.pk)
    title = "How they can take part"
    context = staff_context(
        request,
        page_title=("Error: " if form.errors else "") + title,
        title=title,
        fields=macro_fields(form),
        errors=error_list(form),
        action=request.path,
        button_text="Save",
        referral=referral,
        person=referral.person,
    )
    return render(request, "casework/case_form.jinja", context, status=400 if form.errors else 200)


@require_POST
@staff_required
def shortlist_add(request: HttpRequest, pk) -> HttpResponse:
    referral = get_referral(request, pk, "manage_case")
    service = Service.objects.filter(pk=_uuid(request.POST.get("service")), status="active").first()
    if service is None:
        messages.error(request, "That activity is no longer listed")
    elif services.shortlist_add(
        referral=referral, by=request.user, service=service, reason=request.POST.get("reason", "")
    ):
        messages.success(request, f"Shortlisted: {service.name}")
    else:
        messages.info(request, f"Already on the shortlist: {service.name}")
    return redirect("matching:suggest", pk=referral.pk)


@require_POST
@staff_required
def shortlist_update(request: HttpRequest, pk, item_id: int) -> HttpResponse:
    """The person picked this one (make the introduction), or it comes off the shortlist."""
    referral = get_referral(request, pk, "manage_case")
    item = get_object_or_404(referral.shortlist.select_related("service"), pk=item_id)
    if request.POST.get("action") == "pick":
        try:
            services.shortlist_pick(item=item, by=request.user)
        except CaseClosed:
            messages.error(request, "This case is closed: reopen it before making an introduction")
            return redirect("casework:case", pk=referral.pk)
        except IntakeError as error:
            messages.error(request, error.errors["service"])
            return redirect("matching:suggest", pk=referral.pk)
        messages.success(request, f"Introduction made: {item.service.name}")
        return redirect("casework:case", pk=referral.pk)
    services.shortlist_remove(item=item, by=request.user)
    messages.success(request, f"Taken off the shortlist: {item.service.name}")
    return redirect("matching:suggest", pk=referral.pk)


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
