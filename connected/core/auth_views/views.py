"""Account pages. Passwords are checked by Django's validators; failed sign-ins are counted by axes."""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from connected.core import audit

from .decorators import needs_second_factor


def _safe_next(request: HttpRequest, default: str = "/casework/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.jinja"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(actor=self.request.user, action="login", object_type="auth.user", object_id=self.request.user.pk)
        if user_has_device(self.request.user, confirmed=True):
            return redirect(f"/accounts/verify/?next={quote(_safe_next(self.request))}")
        return response

    def get_default_redirect_url(self):
        return "/casework/"


# The NHS.UK header's account menu posts its sign-out form without a CSRF token; the worst a forged
# request can do is sign someone out, so the token is not required here.
@csrf_exempt
@require_http_methods(["POST"])
def logout(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth import logout as auth_logout

    if request.user.is_authenticated:
        audit.record(actor=request.user, action="logout", object_type="auth.user", object_id=request.user.pk)
    auth_logout(request)
    return redirect("/accounts/login/")


class TokenForm(forms.Form):
    token = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label="Security code",
        error_messages={"required": "Enter the 6-digit security code", "invalid": "Security code must be 6 digits"},
    )


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in, for users with a confirmed authenticator app."""
    if not request.user.is_authenticated:
        return redirect("/accounts/login/")
    if not needs_second_factor(request.user):
        return redirect(_safe_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        for device in TOTPDevice.objects.devices_for_user(request.user, confirmed=True):
            if device.verify_token(token):
                otp_login(request, device)
                return redirect(_safe_next(request))
        form.add_error("token", "Security code is not right. Enter the code your app shows now")
    return render(
        request,
        "accounts/verify.jinja",
        {"form": form, "next": _safe_next(request), "page_title": "Enter your security code"},
    )


@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: show the key, confirm with one code."""
    if not request.user.is_authenticated:
        return redirect("/accounts/login/?next=/accounts/two-factor/")
    if needs_second_factor(request.user):
        return redirect("/accounts/verify/?next=/accounts/two-factor/")
    confirmed = user_has_device(request.user, confirmed=True)
    device = None
    if not confirmed:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            audit.record(actor=request.user, action="update", object_type="otp.totpdevice", object_id=device.pk)
            return redirect("/accounts/two-factor/")
        form.add_error("token", "Security code is not right. Enter the code your app shows now")
    key = ""
    if device is not None:
        import base64

        key = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "confirmed": confirmed,
        "key": key,
        "uri": device.config_url if device else "",
        "page_title": "Two-factor authentication",
    }
    return render(request, "accounts/two_factor.jinja", context)
