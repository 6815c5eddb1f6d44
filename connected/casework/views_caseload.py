"""The caseload at scale, the scheme manager's team view, and reopening or reassigning a case (ADR 0032).

Every change is a POST that redirects (post/redirect/get), so a refresh repeats nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from connected.core import audit, rules
from connected.core.auth_views.decorators import staff_required

from . import case_lifecycle, caseload_presenters, caseload_query, team
from .access import get_referral, require, staff_context
from .validation import IntakeError


@require_safe
@staff_required
def caseload(request: HttpRequest) -> HttpResponse:
    """Sections with counts, one paged at a time; search, filters and sort from the query string."""
    if not rules.can(request.user, "work_cases"):
        return render(request, "casework/no_role.jinja", staff_context(request, page_title="No access"), status=403)
    membership = request.user.membership
    managing = rules.can(request.user, "manage_team")
    f = caseload_query.Filters.from_query(request.GET, mine_of=request.user)
    result = caseload_query.caseload_page(request.user, f)
    shown = [case.person_id for case in result.page.object_list] if result.page else []
    audit.record(actor=request.user, action="view", why="caseload", people_shown=shown)
    members = team.members(membership.scheme_id) if managing else None
    context = caseload_presenters.caseload_context(request.GET, f, result, members)
    title = "Caseload" + (f": {context['section']['title'].lower()}" if f.section != "waiting" else "")
    return render(
        request,
        "casework/caseload.jinja",
        staff_context(request, page_title=title, managing=managing, mine=request.GET.get("mine") == "1", **context),
    )


@require_safe
@staff_required
def team_view(request: HttpRequest) -> HttpResponse:
    """Each link worker's open cases, waits and overdue first contacts, for the scheme manager."""
    require(request, "manage_team")
    rows = team.team_rows(request.user, scheme_id=request.user.membership.scheme_id, today=timezone.localdate())
    totals = {key: sum(r[key] for r in rows) for key in ("open", "waiting", "overdue")}
    return render(request, "casework/team.jinja", staff_context(request, page_title="Team", rows=rows, totals=totals))


@require_POST
@staff_required
def reopen(request: HttpRequest, pk) -> HttpResponse:
    referral = get_referral(request, pk, "manage_case")
    try:
        case_lifecycle.referral_reopen(referral=referral, by=request.user)
    except IntakeError as error:
        messages.warning(request, error.errors["__all__"])
    else:
        messages.success(request, "Case reopened")
    return redirect("casework:case", pk=referral.pk)


@require_POST
@staff_required
def reassign(request: HttpRequest, pk) -> HttpResponse:
    referral = get_referral(request, pk, "reassign_case")
    chosen = request.POST.get("assigned_to", "")
    try:
        to = int(chosen) if chosen.isdigit() else None
        if chosen and to is None:
            raise IntakeError({"assigned_to": "Choose a link worker in this scheme"})
        case_lifecycle.referral_reassign(referral=referral, by=request.user, to_user_id=to)
    except IntakeError as error:
        messages.error(request, error.errors["assigned_to"])
    else:
        to_name = team.display_name(referral.assigned_to) if referral.assigned_to else "no one"
        messages.success(request, f"Case now held by {to_name}")
    return redirect("casework:case", pk=referral.pk)
