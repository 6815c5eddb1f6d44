"""`staff_required`: signed in, and past the second factor when the user has set one up."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django_otp import user_has_device


def needs_second_factor(user) -> bool:
    return user_has_device(user, confirmed=True) and not user.is_verified()


def staff_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{settings.LOGIN_URL}?{urlencode({'next': request.get_full_path()})}")
        if needs_second_factor(request.user):
            return redirect(f"/accounts/verify/?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapped
