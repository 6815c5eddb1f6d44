"""Two factors for every staff role: enrolment on first sign-in, recovery codes, the admin behind the same check,
and lockout per account and address (security issue, points 1 and 5)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from connected.core.models import AuditEvent
from tests.casework.builders import PASSWORD, sign_in

STAFF_ROLES = ["link_worker", "scheme_manager", "referrer", "provider", "commissioner", "administrator"]


@pytest.fixture
def world(world_with_superuser_admin):
    return world_with_superuser_admin


def _login(client, username, password=PASSWORD, next_url="/casework/"):
    return client.post("/accounts/login/", {"username": username, "password": password, "next": next_url})


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def _enrol(client, user) -> list[str]:
    """Set up an app through the pages, as a person would; returns the recovery codes shown once."""
    client.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post("/accounts/two-factor/", {"token": _code(device), "next": "/casework/"})
    body = client.get("/accounts/two-factor/").content.decode()
    return re.findall(r"<li><code>([a-z0-9]{4}-[a-z0-9]{4})</code></li>", body)


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_a_password_alone_reaches_no_staff_page_for_any_role(world, client, role):
    user = world.users[role]
    response = _login(client, user.username)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/")
    for path in ("/casework/", "/casework/caseload/", "/casework/my-referrals/", "/casework/overview/"):
        assert client.get(path)["Location"].startswith("/accounts/two-factor/"), path
    admin = client.get("/admin/", follow=True)
    assert admin.redirect_chain[-1][0].startswith("/accounts/two-factor/")
    assert "Connected administration" not in admin.content.decode()


def test_an_enrolled_user_must_enter_a_code_for_caseload_and_admin(world, client):
    user = world.users["link_worker"]
    _login(client, user.username)
    _enrol(client, user)
    assert client.get("/casework/caseload/").status_code == 200
    client.post("/accounts/logout/")
    assert _login(client, user.username)["Location"].startswith("/accounts/verify/")
    assert client.get("/casework/caseload/")["Location"].startswith("/accounts/verify/")
    assert client.get("/accounts/two-factor/")["Location"].startswith("/accounts/verify/")


def test_the_admin_and_its_login_page_need_the_second_factor(world, client):
    admin = world.users["administrator"]
    TOTPDevice.objects.create(user=admin, name="Authenticator app", confirmed=True)
    _login(client, admin.username, next_url="/admin/")
    for path in ("/admin/", "/admin/login/", "/admin/core/membership/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/accounts/verify/" in response["Location"] or "/admin/login/" in response["Location"], path
    assert client.get("/admin/login/")["Location"].startswith("/accounts/verify/")
    sign_in(client, admin)
    assert client.get("/admin/").status_code == 200


def test_recovery_codes_are_shown_once_and_each_works_once(world, client):
    user = world.users["scheme_manager"]
    _login(client, user.username)
    codes = _enrol(client, user)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "<li><code>" not in client.get("/accounts/two-factor/").content.decode()  # never shown again
    client.post("/accounts/logout/")
    _login(client, user.username)
    used = client.post("/accounts/verify/", {"token": codes[0], "next": "/casework/caseload/"})
    assert used.status_code == 302 and used["Location"] == "/accounts/two-factor/?recovery_used=9"
    assert "You have 9 recovery codes left" in client.get(used["Location"]).content.decode()
    assert client.get("/casework/caseload/").status_code == 200
    assert AuditEvent.objects.filter(actor=user, why="second factor: recovery code used").count() == 1
    client.post("/accounts/logout/")
    _login(client, user.username)
    again = client.post("/accounts/verify/", {"token": codes[0], "next": "/casework/caseload/"})
    assert again.status_code == 400 and "Security code is not right" in again.content.decode()


def test_new_recovery_codes_replace_the_old(world, client):
    user = world.users["link_worker"]
    _login(client, user.username)
    old = {normal.replace("-", "") for normal in _enrol(client, user)}
    client.post("/accounts/two-factor/")
    new = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(new) == 10 and not (new & old)
    assert StaticDevice.objects.filter(user=user).count() == 1


def test_the_demo_setting_skips_the_second_factor_in_development_only(world, client, settings):
    settings.DEMO_SIGN_IN_WITHOUT_SECOND_FACTOR = True
    assert _login(client, "lw_a")["Location"] == "/casework/"
    assert client.get("/casework/caseload/").status_code == 200
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | {
        "DJANGO_ENV": "production",
        "SECRET_KEY": "x" * 60,
        "DEMO_SIGN_IN_WITHOUT_SECOND_FACTOR": "1",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "DEMO_SIGN_IN_WITHOUT_SECOND_FACTOR must not be set when DJANGO_ENV=production" in done.stderr


def test_one_accounts_lockout_does_not_lock_another_user_at_the_same_address(world, client, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "lw_a", "wrong")
    assert _login(client, "lw_a").status_code in (403, 429)  # locked, even with the right password
    other = _login(client, "lw_b")  # same test client, so the same address
    assert other.status_code == 302 and other["Location"].startswith("/accounts/two-factor/")


def test_settings_lock_out_by_account_and_address():
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_after_wrong_codes_the_page_says_to_wait(world, client):
    """django-otp refuses tries for 1, 2, 4... seconds after wrong codes; the page says so, not 'wrong code'."""
    from django.utils import timezone

    user = world.users["link_worker"]
    _login(client, user.username)
    _enrol(client, user)
    client.post("/accounts/logout/")
    _login(client, user.username)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    device.throttling_failure_count, device.throttling_failure_timestamp = 3, timezone.now()
    device.save()
    device.last_t = -1
    response = client.post("/accounts/verify/", {"token": _code(device), "next": "/casework/caseload/"})
    assert response.status_code == 400 and "Wait a minute" in response.content.decode()
    assert client.get("/casework/caseload/")["Location"].startswith("/accounts/verify/")
