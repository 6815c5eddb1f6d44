"""The second factor: an authenticator app (TOTP) and one-time recovery codes, both from django-otp.

Kept apart from the sign-in views because it is the part a security review reads
first: how a code is checked, how recovery codes are made, and what is audited.
"""

from __future__ import annotations

import base64

from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from connected.core import audit

RECOVERY_CODES = 10
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def pending_app(user) -> TOTPDevice:
    """The user's unconfirmed authenticator app, made on first visit; its key is shown until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def key_text(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def confirm_app(user, device: TOTPDevice, token: str) -> list[str] | None:
    """Turn the app on if `token` is right; returns fresh recovery codes to show once, or None."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save()
    audit.record(actor=user, action="create", obj=device, why="second factor: authenticator app set up")
    return new_recovery_codes(user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes; the old ones stop working. Codes are shown once, never again."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    audit.record(actor=user, action="update", obj=device, why="second factor: new recovery codes")
    return codes


def normalise(token: str) -> str:
    return "".join(token.split()).replace("-", "").lower()


WAIT = "You have entered a wrong code more than once. Wait a minute, then enter the code your app shows now"


def _devices(user, token: str):
    kind = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    return list(kind.objects.devices_for_user(user, confirmed=True))


def must_wait(device) -> bool:
    """Whether django-otp's throttle (1, 2, 4... seconds after each wrong code) refuses a try now."""
    return not device.verify_is_allowed()[0]


def check(user, token: str) -> tuple[Device | None, bool]:
    """The device that accepts `token` (an app's 6-digit code or a recovery code), and whether to wait.

    Each device throttles its own failures (django-otp), so guessing slows down whichever kind is tried;
    while any is throttled nothing is tried, and the caller says "wait" rather than "wrong code".
    """
    token = normalise(token)
    devices = _devices(user, token)
    if any(must_wait(device) for device in devices):
        return None, True
    for device in devices:
        if device.verify_token(token):
            if isinstance(device, StaticDevice):
                audit.record(actor=user, action="login", obj=device, why="second factor: recovery code used")
            return device, False
    return None, False


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
