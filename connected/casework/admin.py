"""Admin for accounts (organisations, schemes, memberships, API tokens, second factors) and a read-only audit log.

People and referrals are deliberately not in the admin: every read of them must
go through the casework pages, which check rules.py and write the audit log.
(Core's account models are registered here because casework is their main user
and core has no admin module of its own.)

Separation of duties (ADR 0023): an administrator runs the system but never
grants themselves access. Their own membership is read-only to them, and every
change here is written to the audit log with who made it.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from connected.core import rules
from connected.core.admin_site import AuditedAdmin
from connected.core.models import ApiToken, AuditEvent, Membership, Organisation, Scheme

from .models import ProviderLink

SELF_GRANT = "You cannot change your own role or scheme. Ask another administrator."


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ("name", "kind", "ods_code")
    list_filter = ("kind",)
    search_fields = ("name", "ods_code")


@admin.register(Scheme)
class SchemeAdmin(AuditedAdmin):
    list_display = ("name", "organisation", "retention_years")
    list_select_related = ("organisation",)
    search_fields = ("name",)
    autocomplete_fields = ("organisation", "commissioned_by")


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("user", "role", "organisation", "scheme", "job_title")
    list_filter = ("role", "organisation")
    search_fields = ("user__username",)
    autocomplete_fields = ("user", "organisation", "scheme")
    list_select_related = ("user", "organisation", "scheme")

    def audit_label(self, obj) -> str:
        return f"user {obj.user_id} role {obj.role} scheme {obj.scheme_id or '-'}"

    @staticmethod
    def _own(request, obj) -> bool:
        return obj is not None and obj.user_id == request.user.pk

    def has_change_permission(self, request, obj=None):
        return not self._own(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._own(request, obj) and super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)

        class NotForYourself(base):
            def clean(self):
                cleaned = super().clean()
                if cleaned.get("user") is not None and cleaned["user"].pk == request.user.pk:
                    raise forms.ValidationError(SELF_GRANT)
                return cleaned

        return NotForYourself


@admin.register(ProviderLink)
class ProviderLinkAdmin(AuditedAdmin):
    """Which directory organisations a provider answers for (ADR 0026): set here, by administrators, audited."""

    list_display = ("user", "organization", "created_at")
    search_fields = ("user__username", "organization__name")
    autocomplete_fields = ("user", "organization")
    fields = ("user", "organization")

    def audit_label(self, obj) -> str:
        return f"user {obj.user_id} organisation {obj.organization_id}"

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)

        class ProvidersOnly(base):
            def clean(self):
                cleaned = super().clean()
                user = cleaned.get("user")
                if user is not None and user.pk == request.user.pk:
                    raise forms.ValidationError(SELF_GRANT)
                if user is not None and not rules.can(user, "answer_introductions"):
                    raise forms.ValidationError("Only a user with the activity provider role can be linked")
                return cleaned

        return ProvidersOnly


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ("name", "user", "created_at", "revoked_at")
    readonly_fields = ("digest", "created_at")
    autocomplete_fields = ("user",)

    def audit_label(self, obj) -> str:
        return f"user {obj.user_id} {'revoked' if obj.revoked_at else 'active'}"


class SecondFactorAdmin(AuditedAdmin):
    """Second factors can be listed and removed (a lost phone), never read or made here: a key or
    recovery code seen by an administrator would let them sign in as that person."""

    list_display = ("user", "name", "confirmed")
    fields = ("user", "name", "confirmed")
    search_fields = ("user__username",)
    raw_id_fields = ("user",)

    def audit_label(self, obj) -> str:
        return f"user {obj.user_id} second factor"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


for _device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device):
        admin.site.unregister(_device)
    admin.site.register(_device, SecondFactorAdmin)


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    def audit_label(self, obj) -> str:
        return f"user {obj.pk}"


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, and the admin must not be a way round that."""

    list_display = ("at", "actor_label", "action", "object_type", "object_id", "why")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "person_id", "actor_label")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
