"""Demo providers (ADR 0026): `provider.garden` answers for one Leeds directory organisation, with a few
introductions from the Leeds scheme's cases (synthetic people, no real personal data), some answered, one
with messages; one of its listings out of date and one correction waiting for the directory manager.

Called by `connected.demo.casework.demo` once its people exist; does nothing without a demo directory.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from connected.casework import provider_services, services
from connected.casework.models import Person, ProviderLink, Referral
from connected.demo.councils import AREAS
from connected.directory import corrections
from connected.directory.models import Organization, Service


def _organisation() -> Organization | None:
    """The Leeds demo feed's organisation with the most active listings (the seed makes it the same each time)."""
    active = Q(services__status=Service.Status.ACTIVE, services__duplicate_of__isnull=True)
    return (
        Organization.objects.filter(feed__name=AREAS["leeds"].feed_name)
        .annotate(n=Count("services", filter=active))
        .filter(n__gt=0)
        .order_by("-n", "name")
        .first()
    )


def demo(*, provider, scheme, now: dt.datetime | None = None) -> str:
    """Link the provider and give them introductions; returns the organisation's name ("" when none)."""
    org = _organisation()
    if org is None:
        return ""
    now = now or timezone.now()
    ProviderLink.objects.get_or_create(user=provider, organization=org)
    listings = list(org.services.filter(status=Service.Status.ACTIVE, duplicate_of__isnull=True).order_by("name")[:3])
    cases = Referral.objects.filter(scheme=scheme, status="in_progress", assigned_to__isnull=False)
    for i, referral in enumerate(cases.select_related("person", "assigned_to").order_by("received_at")[:6]):
        _introduce(referral, listings[i % len(listings)], step=i, provider=provider)
    stale = listings[-1]
    Service.objects.filter(pk=stale.pk).update(assured_date=(now - dt.timedelta(days=400)).date())
    corrections.correction_propose(
        service=listings[0],
        by=provider,
        values={"fees_description": "Free. Tea and biscuits 50p (demo correction)"},
        note="Our prices changed this month (demo)",
    )
    return org.name


def _introduce(referral: Referral, listing: Service, *, step: int, provider) -> None:
    worker = referral.assigned_to
    if step % 2 == 0:  # half have agreed to share their details with providers
        Person.objects.filter(pk=referral.person_id).update(consent_to_share=True)
    intro = services.introduction_create(referral=referral, by=worker, service=listing)
    provider_services.introduction_message(
        introduction=intro,
        by=worker,
        text="Would like to come with a friend at first (demo)",
        from_provider=False,
    )
    if step in (1, 2, 3):
        provider_services.introduction_accept(introduction=intro, by=provider)
    if step == 2:
        provider_services.introduction_attendance(introduction=intro, by=provider, status="still_going")
    if step == 3:
        provider_services.introduction_message(
            introduction=intro, by=provider, text="We have saved a seat for Thursday (demo)", from_provider=True
        )
    if step == 4:
        provider_services.introduction_decline(introduction=intro, by=provider, reason="full")
