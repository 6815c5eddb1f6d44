"""Account pages: sign in (throttled by django-axes), the second factor (django-otp), sign out.

Passwords are checked by Django's validators; failed sign-ins are counted by axes per account and address.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from connected.core import audit

from . import second_factor
from .decorators import ENROL_URL, has_authenticator, needs_second_factor, second_factor_url

FRESH_CODES = "recovery_codes_to_show"


def _account_menu(request: HttpRequest) -> dict:
    """The header's account menu: someone who cannot finish setting up can still sign out."""
    name = {"text": request.user.get_username(), "icon": True}
    return {"items": [name, {"action": "/accounts/logout/", "text": "Sign out"}]}


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
        user = self.request.user
        audit.record(actor=user, action="login", object_type="auth.user", object_id=user.pk)
        if needs_second_factor(user):
            return redirect(second_factor_url(user, _safe_next(self.request)))
        return response

    def get_default_redirect_url(self):
        return "/casework/"


# The NHS.UK header's account menu posts its sign-out form without a CSRF token; the worst a forged
# request can do is sign someone out, so the token is not required here.
@csrf_exempt
@require_http_methods(["POST"])
def logout(request: HttpRequest) -> HttpResponse:
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


class CodeOrRecoveryForm(forms.Form):
    token = forms.CharField(
        max_length=40,
        label="Security code",
        error_messages={
            "required": "Enter the 6-digit security code, or a recovery code",
            "max_length": "Security code must be 6 digits, or a recovery code of 8 letters and numbers",
        },
    )


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app, or one recovery code."""
    if not request.user.is_authenticated:
        return redirect("/accounts/login/")
    if not needs_second_factor(request.user):
        return redirect(_safe_next(request))
    if not has_authenticator(request.user):
        return redirect(second_factor_url(request.user, _safe_next(request)))
    form = CodeOrRecoveryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, wait = second_factor.check(request.user, form.cleaned_data["token"])
        if wait:
            form.add_error("token", second_factor.WAIT)
        elif device is not None:
            otp_login(request, device)
            if device.name == second_factor.RECOVERY_NAME:
                left = second_factor.recovery_codes_left(request.user)
                return redirect(f"{ENROL_URL}?recovery_used={left}")
            return redirect(_safe_next(request))
        else:
            form.add_error("token", "Security code is not right. Enter the code your app shows now, or a recovery code")
    context = {
        "form": form,
        "next": _safe_next(request),
        "page_title": "Enter your security code",
        "account_menu": _account_menu(request),
    }
    return render(request, "accounts/verify.jinja", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app (first sign-in), show recovery codes once, or make new ones."""
    user = request.user
    if not user.is_authenticated:
        return redirect(f"/accounts/login/?next={ENROL_URL}")
    if has_authenticator(user):
        if needs_second_factor(user):
            return redirect(second_factor_url(user, _safe_next(request)))
        if request.method == "POST":
            request.session[FRESH_CODES] = second_factor.new_recovery_codes(user)
            return redirect(ENROL_URL)
        return _two_factor_page(request, form=None, device=None)
    device = second_factor.pending_app(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and second_factor.must_wait(device):
        form.add_error("token", second_factor.WAIT)
    elif request.method == "POST" and form.is_valid():
        codes = second_factor.confirm_app(user, device, form.cleaned_data["token"].strip())
        if codes is not None:
            otp_login(request, device)
            request.session[FRESH_CODES] = codes
            return redirect(f"{ENROL_URL}?next={_safe_next(request)}")
        form.add_error("token", "Security code is not right. Enter the code your app shows now")
    return _two_factor_page(request, form=form, device=device)


def _two_factor_page(request: HttpRequest, *, form, device) -> HttpResponse:
    used = request.GET.get("recovery_used", "")
    failed = form is not None and bool(form.errors)
    context = {
        "form": form,
        "confirmed": device is None,
        "key": second_factor.key_text(device) if device else "",
        "uri": device.config_url if device else "",
        "codes": request.session.pop(FRESH_CODES, None),
        "codes_left": second_factor.recovery_codes_left(request.user),
        "recovery_used": used.isdigit(),
        "next": _safe_next(request),
        "account_menu": _account_menu(request),
        "page_title": ("Error: " if failed else "") + "Two-factor authentication",
    }
    return render(request, "accounts/two_factor.jinja", context, status=400 if failed else 200)
