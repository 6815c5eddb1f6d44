"""The demo builder: every role gets a login, people get valid test NHS numbers, referrals reach every status."""

from __future__ import annotations

import nhs_number
import pytest
from django.contrib.auth import get_user_model

from connected.casework.models import Person, Referral
from connected.casework.vocabulary import Status
from connected.core.models import Membership, Role
from connected.demo import befriending as befriending_demo
from connected.demo import casework as demo
from connected.demo import policy as policy_demo


@pytest.mark.django_db
def test_demo_builds_roles_people_and_every_status():
    logins = demo.demo(seed=3, people=60)
    assert {role for role, _, _ in logins} >= {
        "link worker",
        "scheme manager",
        "referrer",
        "provider",
        "commissioner",
        "funder",
        "administrator",
    }
    _role, username, password = logins[0]
    assert get_user_model().objects.get(username=username).check_password(password)
    assert Person.objects.count() == 60
    assert all(nhs_number.is_valid(p.nhs_number) and p.nhs_number.startswith("999") for p in Person.objects.all())
    assert {r.status for r in Referral.objects.all()} == set(Status.values)
    assert demo.demo(seed=3, if_empty=True) == []  # idempotent under --if-empty
    assert Person.objects.count() == 60
    # The modules right of casework bring their roles' logins in their own builders (policy, befriending)
    for builder in (befriending_demo, policy_demo):
        builder.demo(seed=3)
    assert set(Role.values) <= set(Membership.objects.values_list("role", flat=True))
