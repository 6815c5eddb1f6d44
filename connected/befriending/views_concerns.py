"""Safeguarding concerns for coordinators and safeguarding leads: the list, one concern, acknowledge, act."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from connected.casework.fields import error_list, macro_fields
from connected.core import audit, rules
from connected.core.auth_views.decorators import staff_required

from . import concern_services, presenters
from .access import get_concern, nav, require
from .forms import ActionForm
from .models import Concern
from .pages import add_errors
from .vocabulary import ConcernStatus


@require_safe
@staff_required
def concerns(request: HttpRequest) -> HttpResponse:
    """Open concerns first (newest first), then those acted on: read fresh on every load."""
    require(request, "view_concerns")
    found = list(Concern.objects.filter(rules.scope(request.user, "concern")).select_related("match__request__person"))
    found.sort(key=lambda c: (c.status == ConcernStatus.ACTED, -c.raised_at.timestamp()))
    audit.record(
        actor=request.user,
        action="view",
        object_type="befriending.concern",
        why="concerns list",
        people_shown=[c.match.request.person_id for c in found],
    )
    rows = presenters.concern_rows(found)
    open_count = sum(c.status != ConcernStatus.ACTED for c in found)
    return render(
        request, "befriending/concerns.jinja", nav(request, page_title="Concerns", rows=rows, open_count=open_count)
    )


@require_http_methods(["GET", "POST"])
@staff_required
def concern(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_concern(request, pk, "view_concern", why="concern" if request.method == "GET" else "")
    form = ActionForm(request.POST or None)
    if request.method == "POST":
        found = get_concern(request, pk, "act_on_concern")
        if request.POST.get("step") == "acknowledge":
            concern_services.concern_acknowledge(concern=found, by=request.user)
            messages.success(request, "Acknowledged: now record what you do about it")
            return redirect("befriending:concern", pk=found.pk)
        if form.is_valid():
            try:
                concern_services.concern_act(concern=found, by=request.user, action=form.cleaned_data["action"])
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "Action recorded")
                return redirect("befriending:concerns")
    context = nav(
        request,
        page_title=("Error: " if form.errors else "") + "Concern",
        concern=found,
        person=found.match.request.person,
        fields=macro_fields(form),
        errors=error_list(form),
        status={"text": found.get_status_display(), "classes": presenters.TAG[found.status]},
        raised_at=presenters.day(found.raised_at),
        acknowledged_at=presenters.day(found.acknowledged_at),
        raised_by=found.raised_by.get_username() if found.raised_by else "Connected (missed calls)",
    )
    return render(request, "befriending/concern.jinja", context, status=400 if form.errors else 200)
