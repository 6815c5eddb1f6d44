"""`staff_required`: signed in, and past a second factor (ADR 0023).

Every staff page sits behind this one check: a user who has not set up an
authenticator app is sent to set one up, a user who has is asked for a code.
Only the development setting DEMO_SIGN_IN_WITHOUT_SECOND_FACTOR, which
production refuses, skips it.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django_otp import user_has_device

ENROL_URL = "/accounts/two-factor/"
VERIFY_URL = "/accounts/verify/"


def needs_second_factor(user) -> bool:
    """Whether a signed-in user still has to pass a second factor in this session."""
    if settings.DEMO_SIGN_IN_WITHOUT_SECOND_FACTOR:
        return False
    # Straight after sign-in the request's user is not yet wrapped by django-otp's middleware: not verified.
    is_verified = getattr(user, "is_verified", None)
    return user.is_authenticated and not (is_verified is not None and is_verified())


def has_authenticator(user) -> bool:
    return user_has_device(user, confirmed=True)


def second_factor_url(user, next_url: str) -> str:
    """Where to send a user who is signed in but not verified: set up an app, or enter its code."""
    base = VERIFY_URL if has_authenticator(user) else ENROL_URL
    return f"{base}?{urlencode({'next': next_url})}"


def staff_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{settings.LOGIN_URL}?{urlencode({'next': request.get_full_path()})}")
        if needs_second_factor(request.user):
            return redirect(second_factor_url(request.user, request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapped
