"""A casework world with providers: two directory organisations (the provider answers for one), a listing
each, and introductions to both from the Leeds scheme; one person shares their details, one does not."""

from __future__ import annotations

from dataclasses import dataclass

from connected.casework import services
from connected.casework.models import Person, ProviderLink
from connected.core.models import Role
from tests.casework.builders import World, make_user, make_world, person_details, referral_details
from tests.directory_api import factories as f


@dataclass
class ProviderWorld:
    world: World
    garden: object  # the provider's organisation
    other: object  # an organisation the provider does not answer for
    listing: object  # the garden's listing
    other_listing: object
    shared: object  # introduction of a person who agreed to share (to the garden)
    private: object  # introduction of a person who did not (to the garden)
    elsewhere: object  # introduction to the other organisation
    users: dict


def make_provider_world() -> ProviderWorld:
    world = make_world()
    link_worker = world.users["link_worker"]
    garden = f.organization(1, name="Kirkstall Community Garden")
    other = f.organization(2, name="Headingley Choir")
    listing = f.service(garden, 1, name="Gardening club")
    other_listing = f.service(other, 2, name="Community choir")
    provider = world.users["provider"]
    ProviderLink.objects.create(user=provider, organization=garden)
    users = dict(world.users)
    users["directory_manager"] = make_user("dm_1", Role.DIRECTORY_MANAGER, world.pcn)
    users["provider_other"] = make_user("provider_2", Role.PROVIDER, world.pcn)
    ProviderLink.objects.create(user=users["provider_other"], organization=other)

    own = world.records["own_scheme"]  # Ada: has not agreed to share
    sharing = services.referral_create(
        person=person_details(given_name="Mary", family_name="Seacole", nhs_number="9434765838", email="m@example.org"),
        referral=referral_details(),
        source="nurse",
        referrer=world.users["referrer"],
        scheme=world.scheme_a,
    )
    Person.objects.filter(pk=sharing.person_id).update(consent_to_share=True, preferred_name="Molly")
    for referral in (own, sharing):
        services.referral_accept(referral=referral, by=link_worker)
    return ProviderWorld(
        world=world,
        garden=garden,
        other=other,
        listing=listing,
        other_listing=other_listing,
        shared=services.introduction_create(referral=sharing, by=link_worker, service=listing),
        private=services.introduction_create(referral=own, by=link_worker, service=listing),
        elsewhere=services.introduction_create(referral=own, by=link_worker, service=other_listing),
        users=users,
    )
