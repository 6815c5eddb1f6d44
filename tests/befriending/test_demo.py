"""The befriending demo: a login per befriending role, volunteers, a live match with calls, a concern."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from connected.befriending.models import Concern, Match, Volunteer
from connected.demo import befriending, casework

pytestmark = pytest.mark.django_db


def test_demo_gives_each_befriending_role_a_login_and_a_match_to_work_on():
    assert befriending.demo(seed=2) == []  # nothing to build on before the casework demo
    casework.demo(seed=2, people=40)
    logins = befriending.demo(seed=2)
    assert [role for role, _, _ in logins] == ["befriending coordinator", "befriending volunteer", "safeguarding lead"]
    for _role, username, password in logins:
        assert get_user_model().objects.get(username=username).check_password(password)
    assert Volunteer.objects.count() == 15 and Match.objects.filter(status="active").count() == 1
    assert Match.objects.get().volunteer.user.username == "volunteer.leeds"
    assert Concern.objects.filter(kind="health").exists()
    assert befriending.demo(seed=2, if_empty=True) == []
    assert Volunteer.objects.count() == 15
