"""Getting a record for a request: 404 if it does not exist, 403 (and an audit entry) if rules.py says no.

Views never compare roles themselves; they call `get_referral`/`get_person` with an action.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from connected.core import audit, rules

from .models import Person, Referral

# Why a refusal happened, in plain words, for the 403 page (never naming the person).
REFUSALS = {
    "view_case": "Only the link workers and managers of the person's own scheme can open their case.",
    "manage_case": "Only the link workers and managers of the person's own scheme can change their case.",
    "reassign_case": "Only the scheme's manager can give a case to another link worker.",
    "view_person": "Only the link workers and managers of the person's own scheme can see their details.",
    "edit_person": "Only the link workers and managers of the person's own scheme can change their details.",
    "export_person": "Only the scheme's manager can export a person's record.",
    "erase_person": "Only the scheme's manager can erase a person's details.",
    "view_referral": "You can see referrals you made yourself, and those sent to your own scheme.",
}


def _check(request: HttpRequest, action: str, obj, person_id) -> None:
    if not rules.can(request.user, action, obj):
        audit.record(actor=request.user, action="denied", obj=obj, person_id=person_id, why=action)
        raise PermissionDenied(REFUSALS.get(action, ""))


def get_referral(request: HttpRequest, pk, action: str, *, why: str = "") -> Referral:
    referral = Referral.objects.select_related("person", "scheme", "referrer").filter(pk=pk).first()
    if referral is None:
        raise Http404
    _check(request, action, referral, referral.person_id)
    if why:
        audit.record(actor=request.user, action="view", obj=referral, person_id=referral.person_id, why=why)
    return referral


def get_person(request: HttpRequest, pk, action: str, *, why: str = "") -> Person:
    person = Person.objects.select_related("scheme").filter(pk=pk).first()
    if person is None:
        raise Http404
    _check(request, action, person, person.pk)
    if why:
        audit.record(actor=request.user, action="view", obj=person, person_id=person.pk, why=why)
    return person


def require(request: HttpRequest, action: str) -> None:
    """For actions that need no record (create_referral, view_aggregates)."""
    if not rules.can(request.user, action):
        raise PermissionDenied


def staff_context(request: HttpRequest, **extra) -> dict:
    """Header navigation for signed-in staff, by what their role may do."""
    user = request.user
    items = []
    if rules.can(user, "work_cases"):
        items.append({"href": "/casework/caseload/", "text": "Caseload"})
    if rules.can(user, "create_referral"):
        items += [
            {"href": "/casework/refer/", "text": "Make a referral"},
            {"href": "/casework/my-referrals/", "text": "My referrals"},
        ]
    if rules.can(user, "place_referrals"):
        items.append({"href": "/casework/unassigned/", "text": "Unassigned referrals"})
    if rules.can(user, "view_aggregates"):
        items.append({"href": "/evidence/", "text": "Reports"})
    if rules.can(user, "answer_introductions"):
        items += [
            {"href": "/providers/", "text": "Introductions"},
            {"href": "/providers/listings/", "text": "Listings"},
        ]
    if rules.can(user, "review_corrections"):
        items.append({"href": "/providers/corrections/", "text": "Listing corrections"})
    if rules.can(user, "view_audit"):
        items.append({"href": "/casework/audit/", "text": "Audit log"})
    if rules.can(user, "export_evaluation"):
        items.append({"href": "/evidence/evaluation/", "text": "Evaluation"})
    if rules.can(user, "view_funds"):
        items.append({"href": "/evidence/funds/", "text": "Grants"})
    if rules.can(user, "screen_policies"):
        items.append({"href": "/policy/", "text": "Loneliness Tests"})
    if rules.can(user, "track_commitments"):
        items.append({"href": "/policy/commitments/", "text": "Commitments"})
    account = {
        "items": [
            {"text": user.get_username(), "icon": True},
            {"href": "/accounts/two-factor/", "text": "Two-factor"},
            {"action": "/accounts/logout/", "text": "Sign out"},
        ]
    }
    return {"navigation_items": items, "account_menu": account, **extra}
