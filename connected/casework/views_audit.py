"""The audit log page: scheme managers see events about their scheme's people; administrators see all."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from connected.core import rules
from connected.core.auth_views.decorators import staff_required
from connected.core.models import AuditEvent

from .access import require, staff_context
from .models import Person
from .presenters import when

SHOWN = 200


def events_for(user):
    """Events the user may read: all for administrators, their scheme's people's for scheme managers."""
    events = AuditEvent.objects.select_related("actor")
    if rules.can(user, "view_all_audit"):
        return events
    people = Person.objects.visible_to(user).values_list("pk", flat=True)
    return events.filter(person_id__in=[str(pk) for pk in people])


@require_safe
@staff_required
def audit_log(request: HttpRequest) -> HttpResponse:
    require(request, "view_audit")
    person = (request.GET.get("person") or "").strip()[:64]
    events = events_for(request.user)
    if person:
        events = events.filter(person_id=person)
    rows = [
        {
            "at": when(e.at),
            "who": e.actor_label,
            "action": e.get_action_display(),
            "what": e.object_type,
            "id": e.object_id,
            "why": e.why,
        }
        for e in events[:SHOWN]
    ]
    context = staff_context(request, page_title="Audit log", rows=rows, person=person, shown=SHOWN)
    return render(request, "casework/audit_log.jinja", context)
