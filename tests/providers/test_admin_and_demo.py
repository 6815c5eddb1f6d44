"""Administrators link providers to directory organisations in the admin (audited, providers only, never
themselves); the demo gives provider.garden an organisation, introductions and a waiting correction."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from connected.casework.models import Introduction, ProviderLink
from connected.core.models import AuditEvent
from connected.demo import casework as casework_demo
from connected.directory.models import ServiceCorrection
from tests.casework.builders import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(pworld, client):
    admin = pworld.users["administrator"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    sign_in(client, admin)
    return client


def test_an_administrator_links_a_provider_and_it_is_audited(pworld, admin_client):
    provider = pworld.users["provider"]
    response = admin_client.post(
        "/admin/casework/providerlink/add/", {"user": provider.pk, "organization": pworld.other.pk}
    )
    assert response.status_code == 302
    link = ProviderLink.objects.get(user=provider, organization=pworld.other)
    event = AuditEvent.objects.get(object_type="casework.providerlink", object_id=str(link.pk))
    assert event.action == "create" and f"organisation {pworld.other.pk}" in event.why
    sign_in(admin_client, provider)
    assert admin_client.get(f"/providers/introductions/{pworld.elsewhere.pk}/").status_code == 200


def test_only_providers_and_never_oneself(pworld, admin_client):
    for user, message in (
        (pworld.users["link_worker"], "Only a user with the activity provider role can be linked"),
        (pworld.users["administrator"], "You cannot change your own role or scheme"),
    ):
        response = admin_client.post(
            "/admin/casework/providerlink/add/", {"user": user.pk, "organization": pworld.other.pk}
        )
        assert response.status_code == 200 and message in response.content.decode()
    assert (
        not ProviderLink.objects.filter(organization=pworld.other).exclude(user=pworld.users["provider_other"]).exists()
    )


def test_the_demo_provider_has_an_organisation_and_introductions():
    call_command("demo", "--services", "60", "--seed", "2", "--areas", "leeds", "--directory-only", verbosity=0)
    logins = casework_demo.demo(seed=2, people=60)
    assert ("directory manager", "directory.leeds", "connected-demo-other") in logins
    link = ProviderLink.objects.get(user__username="provider.garden")
    intros = Introduction.objects.filter(service__organization=link.organization)
    assert intros.count() >= 4
    assert {"accepted", "declined", ""} <= set(intros.values_list("provider_answer", flat=True))
    assert intros.filter(referral__person__consent_to_share=True).exists()
    assert intros.filter(referral__person__consent_to_share=False).exists()
    assert ServiceCorrection.objects.filter(status="proposed", service__organization=link.organization).count() == 1
