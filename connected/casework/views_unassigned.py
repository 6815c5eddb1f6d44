"""The unassigned queue (ADR 0035): referrals no scheme covers, placed by an administrator; and the
register's gaps and overlaps, reported to the same administrators."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from connected.core import audit
from connected.core.auth_views.decorators import staff_required
from connected.core.models import Scheme
from connected.directory.register_coverage import england, summary

from . import placement, presenters
from .access import require, staff_context
from .models import Referral
from .routing import route


@require_safe
@staff_required
def unassigned(request: HttpRequest) -> HttpResponse:
    require(request, "place_referrals")
    waiting = list(placement.unassigned()[:200])
    audit.record(actor=request.user, action="view", why="unassigned queue", people_shown=[r.person_id for r in waiting])
    rows = [
        {
            "href": f"/casework/unassigned/{r.pk}/",
            "name": r.person.full_name,
            "postcode": r.person.postcode or "Not given",
            "received": presenters.when(r.received_at),
            "source": r.get_source_display(),
        }
        for r in waiting
    ]
    coverage = england()
    context = staff_context(
        request,
        page_title="Referrals waiting for a scheme",
        rows=rows,
        summary=summary(coverage),
        gaps=[r.name for r in coverage if r.gap],
        overlaps=[f"{r.name} ({', '.join(sorted(set(r.whole)))})" for r in coverage if r.overlap],
    )
    return render(request, "casework/unassigned.jinja", context)


@require_http_methods(["GET", "POST"])
@staff_required
def place(request: HttpRequest, pk) -> HttpResponse:
    require(request, "place_referrals")
    referral = Referral.objects.select_related("person").filter(pk=pk, scheme__isnull=True).first()
    if referral is None:
        raise Http404
    error = ""
    if request.method == "POST":
        scheme = Scheme.objects.filter(pk=request.POST.get("scheme") or None).first()
        if scheme is None:
            error = "Choose the scheme that will take this referral"
        else:
            placement.referral_place(referral=referral, scheme=scheme, by=request.user)
            messages.success(request, f"Placed with {scheme.name}")
            return redirect("casework:unassigned")
    audit.record(actor=request.user, action="view", obj=referral, person_id=referral.person_id, why="place referral")
    suggested = route(postcode=referral.person.postcode, local_authority_code=referral.person.local_authority_code)
    context = staff_context(
        request,
        page_title=("Error: " if error else "") + "Place a referral with a scheme",
        referral=referral,
        person=referral.person,
        received=presenters.when(referral.received_at),
        suggested=suggested.scheme,
        schemes=list(Scheme.objects.order_by("name").values_list("pk", "name")),
        error=error,
    )
    return render(request, "casework/place.jinja", context, status=400 if error else 200)
