"""Getting a befriending record for a request: 404 if missing, 403 (audited) if rules.py says no.

Reads of a match or concern are audited against the person they are about; views never compare roles.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest

from connected.casework.access import staff_context
from connected.core import audit, rules

from .models import Call, Concern, Match, Volunteer


def _get(request: HttpRequest, queryset, pk, action: str, *, why: str = "", person=lambda o: "") -> Model:
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    if not rules.can(request.user, action, obj):
        audit.record(actor=request.user, action="denied", obj=obj, person_id=person(obj), why=action)
        raise PermissionDenied
    if why:
        audit.record(actor=request.user, action="view", obj=obj, person_id=person(obj), why=why)
    return obj


def get_volunteer(request: HttpRequest, pk, action: str, *, why: str = "") -> Volunteer:
    return _get(request, Volunteer.objects.select_related("scheme"), pk, action, why=why)


def get_match(request: HttpRequest, pk, action: str, *, why: str = "") -> Match:
    matches = Match.objects.select_related("request__person", "volunteer", "scheme")
    return _get(request, matches, pk, action, why=why, person=lambda m: m.request.person_id)


def get_call(request: HttpRequest, pk, action: str) -> Call:
    """A call, checked as its match: the volunteer logs calls on their own matches only."""
    call = Call.objects.select_related("match__request__person", "match__volunteer").filter(pk=pk).first()
    if call is None:
        raise Http404
    if not rules.can(request.user, action, call.match):
        audit.record(actor=request.user, action="denied", obj=call, person_id=call.match.person_id, why=action)
        raise PermissionDenied
    return call


def get_concern(request: HttpRequest, pk, action: str, *, why: str = "") -> Concern:
    concerns = Concern.objects.select_related("match__request__person", "match__volunteer")
    return _get(request, concerns, pk, action, why=why, person=lambda c: c.match.request.person_id)


def require(request: HttpRequest, action: str) -> None:
    if not rules.can(request.user, action):
        raise PermissionDenied


def nav(request: HttpRequest, **extra) -> dict:
    """Casework's header navigation, with the befriending pages the user's role may open."""
    context = staff_context(request, **extra)
    user, items = request.user, []
    if rules.can(user, "coordinate_befriending"):
        items += [
            {"href": "/befriending/", "text": "Befriending"},
            {"href": "/befriending/volunteers/", "text": "Volunteers"},
            {"href": "/befriending/waiting/", "text": "Waiting"},
        ]
    if rules.can(user, "view_concerns"):
        items.append({"href": "/befriending/concerns/", "text": "Concerns"})
    if rules.can(user, "befriend"):
        items.append({"href": "/befriending/mine/", "text": "My befriending"})
    context["navigation_items"] = [*context["navigation_items"], *items]
    return context
