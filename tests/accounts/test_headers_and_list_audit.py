"""A strict Content-Security-Policy everywhere, no-store on personal data, and list pages audited
(security issue, points 7 and 8)."""

from __future__ import annotations

import re

import pytest

from connected.core import audit
from connected.core.models import AuditEvent
from tests.casework.builders import make_world, sign_in


@pytest.fixture
def world(db):
    return make_world()


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def _staff_pages(world) -> list[str]:
    referral = world.records["own_scheme"]
    return [
        "/casework/caseload/",
        f"/casework/cases/{referral.pk}/",
        f"/casework/people/{referral.person_id}/",
        f"/casework/people/{referral.person_id}/export/",
        "/casework/audit/",
    ]


@pytest.mark.parametrize("path", ["/", "/refer-yourself/", "/accounts/login/", "/accessibility/", "/api/"])
def test_every_public_page_has_a_strict_policy(db, client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]


def test_inline_scripts_carry_the_nonce_the_header_allows(db, client):
    response = client.get("/")
    nonce = next(p for p in _policy(response)["script-src"] if p.startswith("'nonce-"))[len("'nonce-") : -1]
    body = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", body)
    assert len(inline) >= 2  # the page template's js-enabled line and our initAll
    assert all(f'nonce="{nonce}"' in attrs for attrs in inline)
    assert ' style="' not in body
    assert client.get("/")["Content-Security-Policy"] != response["Content-Security-Policy"]  # fresh per request


def test_staff_pages_and_the_export_are_never_stored(world, client):
    sign_in(client, world.users["scheme_manager"])
    for path in _staff_pages(world):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], path
        assert "Content-Security-Policy" in response, path


def test_public_pages_may_be_cached_but_personal_forms_may_not(db, client):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    assert "no-store" in client.get("/refer-yourself/")["Cache-Control"]
    assert "no-store" in client.get("/accounts/login/")["Cache-Control"]


def test_the_caseload_is_audited_naming_everyone_shown(world, client):
    user = world.users["link_worker"]
    sign_in(client, user)
    body = client.get("/casework/caseload/").content.decode()
    event = AuditEvent.objects.get(actor=user, why="caseload")
    shown = {pk for pk in event.people_shown.split(",") if pk}
    visible = [r for r in world.records.values() if r.scheme_id == user.membership.scheme_id and r.is_open]
    assert shown and shown == {str(r.person_id) for r in visible}
    assert all(r.person.family_name in body for r in visible)
    for referral in visible:  # each person's subject access events include the list view
        assert event in audit.person_events(referral.person_id)


def test_my_referrals_is_audited_naming_everyone_shown(world, client):
    user = world.users["referrer"]
    sign_in(client, user)
    assert client.get("/casework/my-referrals/").status_code == 200
    event = AuditEvent.objects.get(actor=user, why="my referrals")
    mine = {str(r.person_id) for r in world.records.values() if r.referrer_id == user.pk}
    assert mine and {pk for pk in event.people_shown.split(",") if pk} == mine


def test_a_person_not_shown_is_not_matched_by_a_prefix(world):
    """people_shown is delimited, so person 1 does not match a list that showed person 12."""
    event = audit.record(actor="system", action="view", why="caseload", people_shown=[12, 3])
    assert event in AuditEvent.objects.about_person(12)
    assert event not in AuditEvent.objects.about_person(1)
    assert event not in AuditEvent.objects.about_person(2)
