"""The unassigned queue: referrals that no scheme covers, waiting for an administrator to place them (ADR 0035).

Routing never sends a staff or FHIR referral to a scheme that does not cover the person; when none
does, the referral is saved with no scheme, seen only by its referrer and the administrators, and an
administrator places it with a scheme that has agreed to take it.
"""

from __future__ import annotations

from django.db import transaction

from connected.core import audit
from connected.core.models import Scheme

from .models import Person, Referral
from .services import duplicate_of


class PlacementError(ValueError):
    """The referral cannot be placed (already placed, or no such scheme); the message says which."""


def unassigned():
    """Referrals waiting for a scheme, oldest first."""
    return Referral.objects.filter(scheme__isnull=True).select_related("person", "referrer").order_by("received_at")


@transaction.atomic
def referral_place(*, referral: Referral, scheme: Scheme, by) -> Referral:
    """Give an unassigned referral (and its person) to `scheme`; the scheme's link workers see it from now."""
    referral = Referral.objects.select_for_update().select_related("person").get(pk=referral.pk)
    if referral.scheme_id is not None:
        raise PlacementError(f"This referral is already with {referral.scheme}")
    person: Person = referral.person
    referral.scheme = scheme
    referral.possible_duplicate_of = duplicate_of(
        scheme=scheme,
        nhs_number=person.nhs_number,
        given_name=person.given_name,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth,
    )
    referral.save(update_fields=["scheme", "possible_duplicate_of"])
    Person.objects.filter(pk=person.pk, scheme__isnull=True).update(scheme=scheme)
    audit.record(actor=by, action="update", obj=referral, person_id=person.pk, why=f"placed with scheme {scheme.pk}")
    return referral
