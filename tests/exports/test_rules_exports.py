"""The new rules, cell by cell: who may export a scheme's evaluation, see funds, and read or return on a grant."""

from __future__ import annotations

import itertools

import pytest

from connected.core import rules
from connected.evidence.models import Grant
from tests.casework.builders import make_world

from .builders import funders, grant

pytestmark = pytest.mark.django_db
ROLES = ["link_worker", "scheme_manager", "referrer", "provider", "commissioner", "administrator", "no_role"]
ROLES += ["funder", "funder_two", "grantee"]
GLOBAL = {"export_evaluation": {"scheme_manager"}, "view_funds": {"funder", "funder_two", "grantee", "provider"}}
# (role, grant) pairs allowed for both view_grant and enter_grant_return; anything else refused.
ALLOWED = {("funder", "one_to_grantee"), ("funder", "one"), ("funder_two", "two"), ("grantee", "one_to_grantee")}


@pytest.fixture
def world():
    world = make_world()
    extra = funders(world)
    world.users |= {k: extra[k] for k in ("funder", "funder_two", "grantee")}
    world.records["grants"] = {
        "one": grant(extra["one"], title="One"),
        "one_to_grantee": grant(extra["one"], title="One to grantee", grantee_account=extra["grantee_org"]),
        "two": grant(extra["two"], title="Two"),
    }
    return world


@pytest.mark.parametrize(("role", "action"), list(itertools.product(ROLES, GLOBAL)))
def test_actions_without_a_record(world, role, action):
    assert rules.can(world.users[role], action) is (role in GLOBAL[action])


@pytest.mark.parametrize(("role", "whose"), list(itertools.product(ROLES, ["one", "one_to_grantee", "two"])))
def test_grant_cells(world, role, whose):
    user, record = world.users[role], world.records["grants"][whose]
    for action in ("view_grant", "enter_grant_return"):
        assert rules.can(user, action, record) is ((role, whose) in ALLOWED)
    assert rules.can(user, "view_grant", None) is False


def test_grant_scope_lists_exactly_what_can_allows(world):
    for user in world.users.values():
        listed = set(Grant.objects.filter(rules.scope(user, "grant")))
        assert listed == {g for g in Grant.objects.all() if rules.can(user, "view_grant", g)}


@pytest.mark.parametrize("role", ["funder", "scheme_manager"])
def test_a_password_alone_reaches_no_evidence_page(world, client, role):
    client.force_login(world.users[role])  # signed in, no second factor this session
    grant_id = world.records["grants"]["one"].pk
    for path in ("/evidence/evaluation/", "/evidence/evaluation/extract.csv", "/evidence/sroi/", "/evidence/funds/"):
        assert client.get(path)["Location"].startswith("/accounts/two-factor/"), path
    assert client.get(f"/evidence/funds/grants/{grant_id}/")["Location"].startswith("/accounts/two-factor/")
