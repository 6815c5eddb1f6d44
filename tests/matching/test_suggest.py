"""Suggestions for one person over a small Leeds directory: constraints, order, reasons, and feedback."""

from __future__ import annotations

import pytest

from connected.casework import services as casework
from connected.matching.seekers import seeker_for
from connected.matching.suggest import suggestions
from tests.casework.builders import make_world
from tests.matching.builders import case_with_profile, leeds_directory


@pytest.fixture
def world(db):
    world = make_world()
    world.services = leeds_directory()
    return world


def names(found) -> list[str]:
    return [x.candidate.name for x in found]


def test_walker_gets_nearby_outdoor_activities_first_with_reasons(world):
    referral = case_with_profile(world, travel="walk", free_times=["TU-morning", "TH-afternoon"])
    found = suggestions(seeker_for(referral))
    got = names(found)
    assert got[0] == "Headingley Walkers"
    assert "Kirkstall Community Garden" in got
    # Too far to walk, wrong age, inactive: never suggested. The choir is 3 km away and on a Wednesday evening.
    for never in ("York Walking Group", "Youth Walks", "Old Walking Club", "Community Choir"):
        assert never not in got
    walk = found[0]
    assert walk.reason.startswith("A walking group 8 minutes' walk away, on Tuesday mornings, free; ")
    assert "you said “I miss being outdoors”" in walk.reason
    assert walk.distance == "About 8 minutes walk (0.4 miles)"


def test_bus_reaches_the_choir_and_singing_in_church_finds_it(world):
    referral = case_with_profile(world, travel="bus")
    got = suggestions(seeker_for(referral))
    choir = next(x for x in got if x.candidate.name == "Community Choir")
    assert "you said “I used to sing in church”" in choir.reason
    assert "Wednesday evenings" in choir.reason


def test_no_travel_means_phone_and_online_only(world):
    referral = case_with_profile(world, travel="none")
    got = names(suggestions(seeker_for(referral)))
    assert got == ["Telephone Friends"]


def test_free_only_and_access_needs_exclude(world):
    referral = case_with_profile(world, travel="bus", max_cost_pounds=0, access_needs=["step-free"])
    got = names(suggestions(seeker_for(referral)))
    assert "Community Choir" not in got  # costs £3
    assert "Kirkstall Community Garden" not in got  # not step-free
    assert "Headingley Walkers" in got


def test_a_stopped_activity_type_ranks_down_and_says_why(world):
    referral = case_with_profile(world, travel="walk")
    lw = world.users["link_worker"]
    intro = casework.introduction_create(referral=referral, by=lw, service=world.services["far"])
    casework.introduction_update(introduction=intro, by=lw, status="stopped", stopped_reason="knees hurt on hills")
    found = suggestions(seeker_for(referral))
    assert names(found)[0] == "Kirkstall Community Garden"
    walk = next(x for x in found if x.candidate.name == "Headingley Walkers")
    assert walk.ranked_down == "ranked lower: they stopped going to York Walking Group (knees hurt on hills)"
    assert walk.reason.endswith(walk.ranked_down)


def test_what_they_can_pay_is_a_limit(world):
    referral = case_with_profile(world, travel="bus", max_cost_pounds=2)
    assert "Community Choir" not in names(suggestions(seeker_for(referral)))  # £3 a session
    referral = case_with_profile(world, travel="bus", max_cost_pounds=3)
    assert "Community Choir" in names(suggestions(seeker_for(referral)))
