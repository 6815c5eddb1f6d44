"""The policy lead sees no one's record, and the demo gives them a login, commitments and a published test."""

from __future__ import annotations

import itertools

import pytest
from django.test import Client

from connected.core import rules
from connected.demo import policy as demo
from connected.policy.models import Commitment, LonelinessTest
from tests.casework.builders import make_world, sign_in

from .builders import policy_lead

pytestmark = pytest.mark.django_db
PERSON_URLS = ("/casework/people/{person}/", "/casework/cases/{referral}/", "/casework/referrals/{referral}/")


def test_the_policy_lead_screens_and_tracks_but_opens_no_persons_record(client: Client):
    world = make_world()
    lead = policy_lead()
    assert rules.can(lead, "screen_policies") and rules.can(lead, "track_commitments")
    assert not rules.can(lead, "view_aggregates") and not rules.can(lead, "work_cases")
    sign_in(client, lead)
    for url, referral in itertools.product(PERSON_URLS, world.records.values()):
        assert client.get(url.format(person=referral.person_id, referral=referral.pk)).status_code == 403
        for action in ("view_person", "view_case", "view_referral"):
            assert not rules.can(lead, action, referral.person if action == "view_person" else referral)
    nav = client.get("/policy/").content.decode()
    assert 'href="/policy/commitments/"' in nav and "Caseload" not in nav


def test_demo_builds_a_login_commitments_and_a_published_test():
    logins = demo.demo(seed=1)
    assert logins == [("policy lead", "policy.dcms", demo.PASSWORD)]
    assert Commitment.objects.count() == len(demo.COMMITMENTS)
    assert {c.lead for c in Commitment.objects.all()} >= {"Department for Transport", "Department for Education"}
    test = LonelinessTest.objects.get()
    assert test.signed_off and test.is_public
    assert demo.demo(seed=1, if_empty=True) == []  # idempotent under --if-empty
    assert Commitment.objects.count() == len(demo.COMMITMENTS)
