"""Admin for accounts (organisations, schemes, memberships, API tokens) and a read-only audit log.

People and referrals are deliberately not in the admin: every read of them must
go through the casework pages, which check rules.py and write the audit log.
(Core's account models are registered here because casework is their main user
and core has no admin module of its own.)
"""

from __future__ import annotations

from django.contrib import admin

from connected.core.models import ApiToken, AuditEvent, Membership, Organisation, Scheme


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "ods_code")
    list_filter = ("kind",)
    search_fields = ("name", "ods_code")


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "covers", "is_default", "retention_years")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "organisation", "scheme", "job_title")
    list_filter = ("role", "organisation")
    search_fields = ("user__username",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created_at", "revoked_at")
    readonly_fields = ("digest", "created_at")


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
