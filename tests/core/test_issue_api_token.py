"""manage.py issue_api_token: the token is printed once, works at /fhir/, and only its digest is kept."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from connected.core.models import ApiToken
from tests.casework.builders import make_world


@pytest.fixture
def world(db):
    return make_world()


def test_issues_a_working_token_shown_once(world, client):
    out = io.StringIO()
    call_command("issue_api_token", "gp_1", "--name", "EMIS at Park Surgery", stdout=out)
    plain = out.getvalue().strip().splitlines()[-1]
    token = ApiToken.objects.get(name="EMIS at Park Surgery")
    assert token.user == world.users["referrer"] and plain not in token.digest
    assert ApiToken.objects.user_for(plain) == world.users["referrer"]
    response = client.get(
        "/fhir/ServiceRequest/00000000-0000-0000-0000-000000000000", HTTP_AUTHORIZATION=f"Bearer {plain}"
    )
    assert response.status_code == 404  # authenticated, just nothing there


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody_at_all", "--name", "X"], "No active user named 'nobody_at_all'"),
        (["commissioner_1", "--name", "X"], "may not make referrals"),
        (["gp_1", "--name", " "], "--name must be 1 to 100 characters"),
    ],
)
def test_refuses_unknown_users_non_referrers_and_empty_names(world, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("issue_api_token", *args)
    assert not ApiToken.objects.exists()
