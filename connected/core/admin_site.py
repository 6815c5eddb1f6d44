"""The admin site behind the same second factor as every staff page, and admin changes in the audit log.

Why a site of our own rather than django-otp's OTPAdminSite: that one adds a
second sign-in form to the admin; ours sends people through the one sign-in
and two-factor journey the rest of Connected uses, so there is one way in.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from connected.core import audit
from connected.core.auth_views.decorators import needs_second_factor, second_factor_url


class StaffAdminSite(admin.AdminSite):
    site_header = "Connected administration"
    site_title = "Connected administration"

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and not needs_second_factor(request.user)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        next_url = request.GET.get("next") or "/admin/"
        if not request.user.is_authenticated:
            return redirect(f"{settings.LOGIN_URL}?{urlencode({'next': next_url})}")
        if needs_second_factor(request.user):
            return redirect(second_factor_url(request.user, next_url))
        return super().login(request, extra_context)


def _fields(message) -> str:
    """The names of the fields an admin change touched (never their values: they may be personal)."""
    names: list[str] = []
    for part in message if isinstance(message, list) else []:
        for detail in part.values():
            names += [str(f) for f in detail.get("fields", [])] if isinstance(detail, dict) else []
    return ", ".join(names)


class AuditedAdmin(admin.ModelAdmin):
    """Writes every add, change and delete made in the admin to the casework audit log, naming who did it."""

    def audit_label(self, obj) -> str:
        """A short, code-chosen description of the record's state worth keeping (e.g. a role); no personal data."""
        return ""

    def _why(self, verb: str, obj, detail: str = "") -> str:
        parts = [f"admin: {verb}", self.audit_label(obj), detail]
        return "; ".join(p for p in parts if p)

    def log_addition(self, request, obj, message):
        audit.record(actor=request.user, action="create", obj=obj, why=self._why("added", obj))
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit.record(actor=request.user, action="update", obj=obj, why=self._why("changed", obj, _fields(message)))
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit.record(actor=request.user, action="delete", obj=obj, why=self._why("deleted", obj))
        return super().log_deletions(request, queryset)
