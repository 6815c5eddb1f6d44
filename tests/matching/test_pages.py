"""The link worker's suggestions page: top 10 with reasons, the profile form, shortlist and the pick."""

from __future__ import annotations

import pytest

from connected.core.models import AuditEvent
from connected.matching.models import Profile
from tests.casework.builders import make_world, sign_in
from tests.matching.builders import case_with_profile, leeds_directory


@pytest.fixture
def world(db):
    world = make_world()
    world.services = leeds_directory()
    return world


def test_case_to_suggestion_to_introduction(world, client):
    referral = case_with_profile(world, travel="walk")
    sign_in(client, world.users["link_worker"])
    case = client.get(f"/casework/cases/{referral.pk}/").content.decode()
    assert f'href="/matching/cases/{referral.pk}/"' in case
    page = client.get(f"/matching/cases/{referral.pk}/").content.decode()
    assert "Headingley Walkers" in page and "you said “I miss being outdoors”" in page
    assert "About 8 minutes walk (0.4 miles)" in page
    assert AuditEvent.objects.filter(why="suggestions", person_id=referral.person_id).exists()
    walk = world.services["walk"]
    client.post(f"/matching/cases/{referral.pk}/shortlist/", {"service": str(walk.pk), "reason": "Near, outdoors"})
    client.post(f"/matching/cases/{referral.pk}/shortlist/", {"service": str(walk.pk), "reason": "again"})
    item = referral.shortlist.get()
    assert item.reason == "Near, outdoors"
    picked = client.post(f"/matching/cases/{referral.pk}/shortlist/{item.pk}/", {"action": "pick"})
    assert picked["Location"] == f"/casework/cases/{referral.pk}/"
    intro = referral.introductions.get()
    assert intro.service == walk and intro.status == "suggested" and not referral.shortlist.exists()
    # Introduced now: no longer suggested.
    after = client.get(f"/matching/cases/{referral.pk}/").content.decode()
    assert "Headingley Walkers" not in after.split('id="suggestions-heading"')[1]


def test_profile_form_saves_and_names_bad_input(world, client):
    referral = world.records["own_scheme"]
    sign_in(client, world.users["link_worker"])
    url = f"/matching/cases/{referral.pk}/profile/"
    bad = client.post(url, {"travel": "walk", "max_cost_pounds": "lots"})
    assert bad.status_code == 400 and "Most they can pay must be a number of pounds" in bad.content.decode()
    assert not Profile.objects.exists()
    client.post(url, {"travel": "car", "free_times": ["MO-morning", "SA-evening"], "max_cost_pounds": "2.50"})
    profile = Profile.objects.get(person=referral.person)
    assert profile.travel == "car" and profile.free_times == ["MO-morning", "SA-evening"]
    assert "Monday morning, Saturday evening" in client.get(f"/matching/cases/{referral.pk}/").content.decode()


def test_another_schemes_link_worker_cannot_see_suggestions(world, client):
    referral = world.records["own_scheme"]
    sign_in(client, world.users["link_worker_b"])
    assert client.get(f"/matching/cases/{referral.pk}/").status_code in (403, 404)
    assert client.post(f"/matching/cases/{referral.pk}/shortlist/", {"service": "x"}).status_code in (403, 404)


def test_demo_profiles_are_seeded_and_idempotent(world):
    from connected.demo.matching import demo

    demo(seed=3, share=1.0)
    first = sorted(Profile.objects.values_list("person_id", "travel", "interests"))
    assert len(first) == world.records["own_scheme"].person.__class__.objects.count()
    demo(seed=3, share=1.0)
    assert sorted(Profile.objects.values_list("person_id", "travel", "interests")) == first
