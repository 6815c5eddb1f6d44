"""An administrator runs the system but never grants themselves access, and every change is audited
(security issue, point 2)."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from connected.core.models import ApiToken, AuditEvent, Membership, Role
from tests.casework.builders import sign_in


@pytest.fixture
def world(world_with_superuser_admin):
    return world_with_superuser_admin


@pytest.fixture
def admin_client(world, client):
    sign_in(client, world.users["administrator"])
    return client


def _membership_form(membership: Membership, **changes) -> dict:
    data = {
        "user": membership.user_id,
        "organisation": membership.organisation_id,
        "scheme": membership.scheme_id or "",
        "role": membership.role,
        "job_title": membership.job_title,
    }
    return data | changes


def test_an_administrator_cannot_promote_themselves(world, admin_client):
    own = world.users["administrator"].membership
    url = f"/admin/core/membership/{own.pk}/change/"
    scheme = world.records["own_scheme"].scheme_id
    response = admin_client.post(url, _membership_form(own, role=Role.SCHEME_MANAGER, scheme=scheme))
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.role == Role.ADMINISTRATOR
    assert admin_client.post(f"/admin/core/membership/{own.pk}/delete/", {"post": "yes"}).status_code == 403
    # ...and still cannot open a named record, as an administrator or a superuser.
    referral = world.records["own_scheme"]
    assert admin_client.get(f"/casework/cases/{referral.pk}/").status_code == 403
    assert admin_client.get(f"/casework/people/{referral.person_id}/export/").status_code == 403


def test_an_administrator_cannot_give_themselves_a_membership(world, admin_client):
    admin = world.users["administrator"]
    own = admin.membership
    own_pk = own.pk
    own.delete()
    scheme = world.records["own_scheme"].scheme_id
    form = _membership_form(own, role=Role.SCHEME_MANAGER, scheme=scheme) | {"user": admin.pk}
    response = admin_client.post("/admin/core/membership/add/", form)
    assert response.status_code == 200 and "You cannot change your own role or scheme" in response.content.decode()
    assert not Membership.objects.filter(user=admin).exists()
    assert own_pk is not None


def test_role_changes_to_others_are_audited_with_who_did_it(world, admin_client):
    membership = world.users["link_worker"].membership
    url = f"/admin/core/membership/{membership.pk}/change/"
    response = admin_client.post(url, _membership_form(membership, role=Role.SCHEME_MANAGER))
    assert response.status_code == 302
    event = AuditEvent.objects.get(object_type="core.membership", object_id=str(membership.pk))
    assert event.actor == world.users["administrator"] and event.action == "update"
    assert "role scheme_manager" in event.why and "Role" in event.why


def test_token_and_second_factor_changes_are_audited(world, admin_client):
    user = world.users["referrer"]
    response = admin_client.post("/admin/core/apitoken/add/", {"user": user.pk, "name": "EMIS at Park Surgery"})
    assert response.status_code == 302
    token = ApiToken.objects.get(name="EMIS at Park Surgery")
    assert AuditEvent.objects.filter(object_type="core.apitoken", object_id=str(token.pk), action="create").exists()
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    url = f"/admin/otp_totp/totpdevice/{device.pk}/delete/"
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    event = AuditEvent.objects.get(object_type="otp_totp.totpdevice", object_id=str(device.pk))
    assert event.action == "delete" and event.actor == world.users["administrator"]


def test_no_administrator_can_read_another_persons_second_factor(world, admin_client):
    device = TOTPDevice.objects.create(user=world.users["referrer"], name="Authenticator app", confirmed=True)
    page = admin_client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert device.key not in page.content.decode()
    assert admin_client.get("/admin/otp_totp/totpdevice/add/").status_code == 403
