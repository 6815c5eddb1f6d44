"""The befriending permission matrix: every role x action x whose record, through rules.can and the real URLs.

A volunteer reaches only their own record and matches, and reads only what the person agreed to share;
concerns are for the scheme's coordinators and safeguarding leads alone.
"""

from __future__ import annotations

import itertools

import pytest

from connected.befriending import concern_services, services
from connected.befriending.models import Concern, Match
from connected.core import rules
from tests.befriending.builders import make_befriending, request_for
from tests.casework.builders import sign_in

pytestmark = pytest.mark.django_db

ROLES = ["coordinator", "safeguarding_lead", "volunteer", "other_volunteer", "coordinator_b", "link_worker",
         "scheme_manager", "no_role"]  # fmt: skip
RECORD_ACTIONS = {
    "match": ["view_match", "manage_match", "log_call", "raise_concern"],
    "concern": ["view_concern", "act_on_concern"],
    "volunteer": ["view_volunteer", "review_volunteer"],
    "request": ["manage_match"],
}
# Everything allowed; every other cell must be refused.
ALLOWED = {
    *{("coordinator", a, "match") for a in ("view_match", "manage_match", "raise_concern")},
    *{("volunteer", a, "match") for a in ("view_match", "log_call", "raise_concern")},
    *{(r, a, "concern") for r in ("coordinator", "safeguarding_lead") for a in ("view_concern", "act_on_concern")},
    ("coordinator", "view_volunteer", "volunteer"),
    ("coordinator", "review_volunteer", "volunteer"),
    ("volunteer", "view_volunteer", "volunteer"),  # their own record
    ("coordinator", "manage_match", "request"),
}
GLOBAL_ALLOWED = {
    "coordinate_befriending": {"coordinator", "coordinator_b"},
    "befriend": {"volunteer", "other_volunteer"},
    "view_concerns": {"coordinator", "safeguarding_lead", "coordinator_b"},
}


@pytest.fixture
def world(db):
    world = make_befriending()
    request = request_for(world, shared=["interests"])
    match = services.match_confirm(
        request=request, volunteer=world.volunteers["volunteer"], by=world.users["coordinator"], slot="tue_pm",
        mode="phone", reasons=["test"],
    )  # fmt: skip
    concern = concern_services.concern_raise(match=match, by=world.users["volunteer"], kind="health", detail="Unwell")
    world.records = {"match": match, "concern": concern, "volunteer": world.volunteers["volunteer"], "request": request}
    return world


def test_matrix_through_rules(world):
    for role, (kind, actions) in itertools.product(ROLES, RECORD_ACTIONS.items()):
        for action in actions:
            expected = (role, action, kind) in ALLOWED
            assert rules.can(world.users[role], action, world.records[kind]) is expected, (role, action, kind)
    for action, roles in GLOBAL_ALLOWED.items():
        assert {r for r in ROLES if rules.can(world.users[r], action)} == roles, action


def test_lists_hold_only_what_can_allows(world):
    for role in ROLES:
        user = world.users[role]
        matches = set(Match.objects.filter(rules.scope(user, "match")))
        assert matches == {m for m in Match.objects.all() if rules.can(user, "view_match", m)}, role
        concerns = set(Concern.objects.filter(rules.scope(user, "concern")))
        assert concerns == {c for c in Concern.objects.all() if rules.can(user, "view_concern", c)}, role


def test_urls_refuse_another_volunteers_match_and_the_concerns(client, world):
    match, concern = world.records["match"], world.records["concern"]
    pages = {
        f"/befriending/matches/{match.pk}/": {"coordinator", "volunteer"},
        f"/befriending/concerns/{concern.pk}/": {"coordinator", "safeguarding_lead"},
        "/befriending/concerns/": {"coordinator", "safeguarding_lead", "coordinator_b"},
        f"/befriending/volunteers/{world.records['volunteer'].pk}/": {"coordinator"},
        f"/befriending/requests/{world.records['request'].pk}/": {"coordinator"},
        f"/befriending/calls/{match.calls.first().pk}/log/": {"volunteer"},
    }
    for role in ["coordinator", "safeguarding_lead", "volunteer", "other_volunteer", "coordinator_b", "link_worker"]:
        sign_in(client, world.users[role])
        for url, allowed in pages.items():
            status = client.get(url).status_code
            assert (status == 200) is (role in allowed), (role, url, status)
            if role not in allowed:
                assert status == 403, (role, url, status)
    sign_in(client, world.users["other_volunteer"])
    assert "Ada" not in client.get("/befriending/mine/").content.decode()


def test_volunteer_reads_only_what_the_person_agreed_to_share(client, world):
    match = world.records["match"]
    sign_in(client, world.users["volunteer"])
    page = client.get(f"/befriending/matches/{match.pk}/").content.decode()
    assert "Ada" in page and "Gardening" in page  # first name, and interests: shared
    for private in ("Lovelace", "0113 496 0000", "1 Leaf Street", "LS6 1AA", "Unwell"):
        assert private not in page, private
    request = match.request
    request.shared = ["interests", "phone"]
    request.save()
    page = client.get(f"/befriending/matches/{match.pk}/").content.decode()
    assert "0113 496 0000" in page and "1 Leaf Street" not in page
    sign_in(client, world.users["coordinator"])
    page = client.get(f"/befriending/matches/{match.pk}/").content.decode()
    assert all(text in page for text in ("Ada Lovelace", "1 Leaf Street", "Health or self-neglect"))
