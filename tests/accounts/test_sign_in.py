"""Sign in, throttling (django-axes), optional TOTP (django-otp), sign out, strong passwords, session expiry."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from connected.core.models import AuditEvent
from tests.casework.builders import PASSWORD, make_world, sign_in


@pytest.fixture
def world(db):
    return make_world()


def _login(client, username, password=PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password, "next": "/casework/"})


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def test_sign_in_and_out(world, client):
    assert client.get("/casework/caseload/")["Location"].startswith("/accounts/login/")
    page = client.get("/accounts/login/")
    assert page.status_code == 200 and "Sign in" in page.content.decode()
    response = _login(client, "lw_a")
    assert response.status_code == 302 and response["Location"] == "/accounts/two-factor/?next=%2Fcasework%2F"
    assert client.get("/casework/caseload/")["Location"].startswith("/accounts/two-factor/")
    assert "Set up two-factor authentication" in client.get("/accounts/two-factor/").content.decode()
    device = TOTPDevice.objects.get(user=world.users["link_worker"], confirmed=False)
    client.post("/accounts/two-factor/", {"token": _code(device), "next": "/casework/"})
    assert client.get("/casework/caseload/").status_code == 200
    assert AuditEvent.objects.filter(action="login", actor=world.users["link_worker"]).exists()
    client.post("/accounts/logout/")
    assert client.get("/casework/caseload/").status_code == 302


def test_wrong_password_is_refused_with_a_message(world, client):
    response = _login(client, "lw_a", "wrong")
    assert response.status_code == 200 and "Enter a correct username and password" in response.content.decode()


def test_repeated_failures_lock_the_account_out(world, client, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "lw_a", "wrong")
    locked = _login(client, "lw_a")  # even the right password is refused now
    assert locked.status_code in (403, 429)
    assert client.get("/casework/caseload/").status_code == 302


def test_totp_set_up_then_required_at_sign_in(world, client):
    _login(client, "lw_a")
    page = client.get("/accounts/two-factor/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=world.users["link_worker"], confirmed=False)
    bad = client.post("/accounts/two-factor/", {"token": "000000" if _code(device) != "000000" else "111111"})
    assert "Security code is not right" in bad.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # django-otp slows guessing
    device.throttle_reset()
    client.post("/accounts/two-factor/", {"token": _code(device)})
    device.refresh_from_db()
    assert device.confirmed
    client.post("/accounts/logout/")
    response = _login(client, "lw_a")
    assert response["Location"].startswith("/accounts/verify/")
    assert client.get("/casework/caseload/")["Location"].startswith("/accounts/verify/")
    device.refresh_from_db()
    device.last_t = -1  # allow the same time step again in a fast test
    device.save()
    verified = client.post("/accounts/verify/", {"token": _code(device), "next": "/casework/caseload/"})
    assert verified.status_code == 302 and verified["Location"] == "/casework/caseload/"
    assert client.get("/casework/caseload/").status_code == 200


def test_open_redirects_are_refused(world, client):
    response = client.post(
        "/accounts/login/", {"username": "lw_a", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/accounts/two-factor/?next=%2Fcasework%2F"


@pytest.mark.parametrize("weak", ["password123", "short", "12345678901234", "Password1"])
def test_weak_passwords_are_rejected(world, weak):
    with pytest.raises(ValidationError):
        validate_password(weak, user=world.users["link_worker"])


def test_sessions_expire():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 60 * 60


def test_header_sign_out_works_without_a_csrf_token(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    sign_in(client, world.users["link_worker"])
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/casework/caseload/").status_code == 302
    assert AuditEvent.objects.filter(action="logout").exists()
