"""Admin for grants, returns and SROI values: every change is in the audit log (AuditedAdmin).

Grants are set up here (the directory organisations and services they fund are chosen from thousands,
which the admin's search does well); funders and grantees add returns on the funds pages.
"""

from __future__ import annotations

from django.contrib import admin

from connected.core.admin_site import AuditedAdmin

from .models import Grant, GrantReturn, SroiProxy


class GrantReturnInline(admin.TabularInline):
    model = GrantReturn
    extra = 0
    fields = ("period_start", "period_end", "reach", "sessions", "attendances", "people_measured", "people_improved")


@admin.register(Grant)
class GrantAdmin(AuditedAdmin):
    list_display = ("title", "funder", "amount", "starts_on", "ends_on", "uses_connected")
    list_filter = ("funder", "uses_connected")
    search_fields = ("title", "reference")
    autocomplete_fields = ("organisations", "services", "funder", "grantee_account")
    inlines = [GrantReturnInline]
    readonly_fields = ("created_at",)

    def audit_label(self, obj) -> str:
        return f"grant {obj.pk} funder {obj.funder_id}"


@admin.register(GrantReturn)
class GrantReturnAdmin(AuditedAdmin):
    list_display = ("grant", "period_start", "period_end", "reach", "sessions", "attendances")
    list_filter = ("grant__funder",)
    readonly_fields = ("entered_by", "entered_at")
    autocomplete_fields = ("grant",)

    def audit_label(self, obj) -> str:
        return f"grant {obj.grant_id} return"


@admin.register(SroiProxy)
class SroiProxyAdmin(AuditedAdmin):
    list_display = ("scheme", "outcome", "period_start", "period_end", "value", "deadweight")
    list_filter = ("scheme", "outcome")
    readonly_fields = ("entered_by", "entered_at")
    autocomplete_fields = ("scheme",)

    def audit_label(self, obj) -> str:
        return f"scheme {obj.scheme_id} outcome {obj.outcome}"
