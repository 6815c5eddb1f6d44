"""Writes: a person's matching profile, a case's shortlist, and the introduction the person picks."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from connected.casework import services as casework
from connected.casework.models import Introduction, Person, Referral
from connected.core import audit
from connected.directory.models import Service

from .models import Profile, Shortlisted


@transaction.atomic
def profile_save(*, person: Person, by, data: dict) -> Profile:
    profile, _ = Profile.objects.get_or_create(person=person)
    for name in ("travel", "free_times", "max_cost_pounds", "access_needs", "interests"):
        setattr(profile, name, data.get(name, getattr(profile, name)))
    profile.updated_at = timezone.now()
    profile.save()
    audit.record(actor=by, action="update", obj=profile, person_id=person.pk, why="matching profile")
    return profile


def shortlist_add(*, referral: Referral, by, service: Service, reason: str) -> Shortlisted | None:
    """Shortlist an activity for the case; None when it is already on the shortlist."""
    try:
        with transaction.atomic():
            made = Shortlisted.objects.create(referral=referral, service=service, reason=reason[:1000], added_by=by)
    except IntegrityError:
        return None
    audit.record(actor=by, action="create", obj=made, person_id=referral.person_id, why="shortlist")
    return made


@transaction.atomic
def shortlist_remove(*, item: Shortlisted, by) -> None:
    audit.record(actor=by, action="delete", obj=item, person_id=item.referral.person_id, why="shortlist")
    item.delete()


@transaction.atomic
def shortlist_pick(*, item: Shortlisted, by) -> Introduction:
    """The person chose this one: make the introduction (casework's service) and take it off the shortlist."""
    made = casework.introduction_create(referral=item.referral, by=by, service=item.service)
    item.delete()
    return made
