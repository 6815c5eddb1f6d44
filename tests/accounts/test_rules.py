"""The permission matrix: every role x action x whose record, through rules.can and through the real URLs.

The expected answer for every cell is written out below (ALLOWED); anything
not listed must be refused. A cell that changes in the code fails here.
"""

from __future__ import annotations

import itertools

import pytest

from connected.casework import services
from connected.core import rules
from connected.core.models import Role
from tests.casework.builders import make_user, make_world, person_details, referral_details, sign_in

ROLES = ["link_worker", "scheme_manager", "referrer", "provider", "commissioner", "administrator", "no_role"]
ACTIONS = ["view_person", "edit_person", "export_person", "erase_person", "view_case", "manage_case", "view_referral"]
WHOSE = ["own_scheme", "other_scheme", "own_referral", "others_referral"]

_SCHEME_WORK = {"view_person", "edit_person", "view_case", "manage_case", "view_referral"}
ALLOWED: set[tuple[str, str, str]] = {
    *{("link_worker", a, w) for a in _SCHEME_WORK for w in ("own_scheme", "others_referral")},
    *{("scheme_manager", a, w) for a in ACTIONS for w in ("own_scheme", "others_referral")},
    ("referrer", "view_referral", "own_referral"),
}
GLOBAL_ALLOWED = {
    "create_referral": {"link_worker", "scheme_manager", "referrer"},
    "view_aggregates": {"scheme_manager", "commissioner", "administrator"},
    "view_audit": {"scheme_manager", "administrator"},
    "view_all_audit": {"administrator"},
    "work_cases": {"link_worker", "scheme_manager"},
    "answer_introductions": {"provider"},
    "review_corrections": {"directory_manager"},
    "export_dataset": {"scheme_manager"},
    "export_evaluation": {"scheme_manager"},
    "view_funds": {"funder", "provider"},
    "screen_policies": {"administrator"},  # and the policy lead (tests/policy/test_access_and_demo.py)
    "track_commitments": {"administrator"},
}
# Every role, the directory manager (ADR 0026) included; ROLES above are the roles with a referral of their own.
ALL_ROLES = [*ROLES, "directory_manager"]

CELLS = list(itertools.product(ROLES, ACTIONS, WHOSE))


@pytest.fixture
def world(db):
    world = make_world()
    world.records["others_referral"] = _another_link_workers_referral(world)
    world.users["directory_manager"] = make_user("dm_1", Role.DIRECTORY_MANAGER, world.pcn)
    return world


def _another_link_workers_referral(world):
    """A referral in the link worker's own scheme, accepted onto a colleague's caseload: not `own_scheme`'s record."""
    colleague = make_user("lw_a2", Role.LINK_WORKER, world.pcn, world.scheme_a)
    referral = services.referral_create(
        person=person_details(given_name="Mary", family_name="Somerville", nhs_number="9434765838"),
        referral=referral_details(),
        source="nurse",
        referrer=world.users["other_referrer"],
        scheme=world.scheme_a,
    )
    referral = services.referral_accept(referral=referral, by=colleague)
    assert referral.assigned_to == colleague and referral.pk != world.records["own_scheme"].pk
    return referral


def _record(world, role: str, action: str, whose: str):
    referral = world.records[f"own_referral:{role}"] if whose == "own_referral" else world.records[whose]
    return referral.person if action.endswith("_person") else referral


@pytest.mark.parametrize(("role", "action", "whose"), CELLS)
def test_rules_can(world, role, action, whose):
    user = world.users[role]
    expected = (role, action, whose) in ALLOWED
    assert rules.can(user, action, _record(world, role, action, whose)) is expected


URLS = {
    "view_person": "/casework/people/{person}/",
    "edit_person": "/casework/people/{person}/edit/",
    "export_person": "/casework/people/{person}/export/",
    "erase_person": "/casework/people/{person}/erase/",
    "view_case": "/casework/cases/{referral}/",
    "manage_case": "/casework/cases/{referral}/contact/",
    "view_referral": "/casework/referrals/{referral}/",
}


@pytest.mark.parametrize(("role", "action", "whose"), CELLS)
def test_urls_follow_rules(world, client, role, action, whose):
    referral = world.records[f"own_referral:{role}"] if whose == "own_referral" else world.records[whose]
    sign_in(client, world.users[role])
    response = client.get(URLS[action].format(person=referral.person_id, referral=referral.pk))
    if (role, action, whose) in ALLOWED:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:  # staff reading a referral go on to the case page they may see
            assert response["Location"] == f"/casework/cases/{referral.pk}/"
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(("role", "action"), list(itertools.product(ALL_ROLES, GLOBAL_ALLOWED)))
def test_actions_without_a_record(world, role, action):
    assert rules.can(world.users[role], action) is (role in GLOBAL_ALLOWED[action])


def test_scopes_match_can(world):
    """visible_to() lists exactly the records can() allows, for every user."""
    from connected.casework.models import Person, Referral

    for user in world.users.values():
        people = set(Person.objects.visible_to(user))
        assert people == {p for p in Person.objects.all() if rules.can(user, "view_person", p)}
        referrals = set(Referral.objects.visible_to(user))
        assert referrals == {r for r in Referral.objects.all() if rules.can(user, "view_referral", r)}
        cases = set(Referral.objects.cases_for(user))
        assert cases == {r for r in Referral.objects.all() if rules.can(user, "view_case", r)}


def test_anonymous_and_inactive_users_can_do_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    link_worker = world.users["link_worker"]
    record = world.records["own_scheme"]
    assert rules.can(link_worker, "view_case", record)
    link_worker.is_active = False
    assert not rules.can(link_worker, "view_case", record)
    assert not rules.can(AnonymousUser(), "view_case", record)
    assert not rules.can(None, "create_referral")


def test_unknown_action_is_an_error(world):
    with pytest.raises(ValueError, match="Unknown action"):
        rules.can(world.users["link_worker"], "delete_everything", world.records["own_scheme"])


def test_commissioner_reaches_no_named_record_by_any_url(world, client):
    """Every casework URL that takes a record id, for every record: never a 2xx or redirect to a record."""
    from django.urls import URLPattern

    from connected.casework import urls as casework_urls
    from connected.casework.models import Referral

    sign_in(client, world.users["commissioner"])
    referrals = list(Referral.objects.all())
    patterns = [p for p in casework_urls.urlpatterns if isinstance(p, URLPattern) and "<uuid:pk>" in str(p.pattern)]
    assert len(patterns) >= 10
    for pattern, referral in itertools.product(patterns, referrals):
        path = "/casework/" + str(pattern.pattern)
        pk = referral.person_id if path.startswith("/casework/people/") else referral.pk
        path = path.replace("<uuid:pk>", str(pk)).replace("<int:intro_id>", "1").replace("<int:task_id>", "1")
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code in (403, 404, 405), (path, response.status_code)
    body = client.get("/casework/overview/", follow=True).content.decode()
    assert "Evidence report" in body
    assert all(r.person.given_name not in body for r in referrals)


def test_counted_scope_is_own_scheme_for_managers_and_commissioned_schemes_for_commissioners(world):
    """What each role may count in aggregates: decided in rules.py, the evidence report's schemes follow it."""
    from connected.casework.models import Referral
    from connected.evidence.filters import counted_schemes

    everything = set(Referral.objects.all())
    manager = world.users["scheme_manager"]
    own = {r for r in everything if r.scheme_id == manager.membership.scheme_id}
    assert own and own != everything
    assert set(Referral.objects.filter(rules.scope(manager, "counted"))) == own
    assert [s.pk for s in counted_schemes(manager)] == [manager.membership.scheme_id]
    assert [s.pk for s in counted_schemes(world.users["commissioner"])] == [world.scheme_a.pk]
    commissioned = {r for r in everything if r.scheme_id == world.scheme_a.pk}
    assert set(Referral.objects.filter(rules.scope(world.users["commissioner"], "counted"))) == commissioned
    assert set(Referral.objects.filter(rules.scope(world.users["administrator"], "counted"))) == everything
    for role in ("link_worker", "referrer", "provider", "no_role"):
        assert not Referral.objects.filter(rules.scope(world.users[role], "counted")).exists()
        assert counted_schemes(world.users[role]) == []


def test_the_directory_manager_opens_no_persons_record(world, client):
    """Listings, not people: every record action refused, through rules and through the URLs."""
    manager = world.users["directory_manager"]
    sign_in(client, manager)
    for action, whose in itertools.product(ACTIONS, ("own_scheme", "other_scheme")):
        referral = world.records[whose]
        assert not rules.can(manager, action, _record(world, "link_worker", action, whose))
        url = URLS[action].format(person=referral.person_id, referral=referral.pk)
        assert client.get(url).status_code == 403, url


# ---- Providers (ADR 0026): introductions to, and listings of, the organisations a provider is linked to ----------

PROVIDER_ACTIONS = ["view_introduction", "answer_introduction", "propose_correction"]
PROVIDER_WHOSE = ["linked_organisation", "other_organisation"]
PROVIDER_ALLOWED = {("provider", action, "linked_organisation") for action in PROVIDER_ACTIONS}
PROVIDER_CELLS = list(itertools.product(ALL_ROLES, PROVIDER_ACTIONS, PROVIDER_WHOSE))
PROVIDER_URLS = {
    "view_introduction": "/providers/introductions/{introduction}/",
    "answer_introduction": "/providers/introductions/{introduction}/decline/",
    "propose_correction": "/providers/listings/{service}/correct/",
}


@pytest.fixture
def pworld(db):
    from tests.providers.builders import make_provider_world

    return make_provider_world()


def _provider_record(pworld, action: str, whose: str):
    linked = whose == "linked_organisation"
    if action == "propose_correction":
        return pworld.listing if linked else pworld.other_listing
    return pworld.shared if linked else pworld.elsewhere


@pytest.mark.parametrize(("role", "action", "whose"), PROVIDER_CELLS)
def test_provider_rules_can(pworld, role, action, whose):
    expected = (role, action, whose) in PROVIDER_ALLOWED
    assert rules.can(pworld.users[role], action, _provider_record(pworld, action, whose)) is expected


@pytest.mark.parametrize(("role", "action", "whose"), PROVIDER_CELLS)
def test_provider_urls_follow_rules(pworld, client, role, action, whose):
    record = _provider_record(pworld, action, whose)
    sign_in(client, pworld.users[role])
    response = client.get(PROVIDER_URLS[action].format(introduction=record.pk, service=record.pk))
    assert response.status_code == (200 if (role, action, whose) in PROVIDER_ALLOWED else 403)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_provider_and_directory_pages_follow_rules(pworld, client, role):
    sign_in(client, pworld.users[role])
    for url, action in (
        ("/providers/", "answer_introductions"),
        ("/providers/listings/", "answer_introductions"),
        ("/providers/corrections/", "review_corrections"),
    ):
        assert client.get(url).status_code == (200 if role in GLOBAL_ALLOWED[action] else 403), url


def test_provider_scopes_match_can(pworld):
    """A provider's inbox and listings hold exactly what can() allows them, for every user."""
    from connected.casework.models import Introduction
    from connected.directory.models import Service

    for user in pworld.users.values():
        inbox = set(Introduction.objects.filter(rules.scope(user, "introduction")))
        assert inbox == {i for i in Introduction.objects.all() if rules.can(user, "view_introduction", i)}
        listings = set(Service.objects.filter(rules.scope(user, "service")))
        assert listings == {s for s in Service.objects.all() if rules.can(user, "propose_correction", s)}
    assert set(Introduction.objects.filter(rules.scope(pworld.users["provider"], "introduction"))) == {
        pworld.shared,
        pworld.private,
    }
