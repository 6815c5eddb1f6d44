"""Django admin for the directory: every ORUK entity, and feeds with their last harvest and report."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from . import models as m
from .importer import FeedError, harvest

PROVENANCE = ("feed", "source_id", "content_hash", "imported_at")


@admin.register(m.Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "active", "priority", "last_harvested_at", "last_status", "counts")
    list_filter = ("kind", "active", "last_status")
    search_fields = ("name", "publisher", "source")
    readonly_fields = (
        "last_harvest_started_at", "last_harvested_at", "last_status", "last_error", "counts", "report_table",
    )  # fmt: skip
    exclude = ("last_counts", "last_report")
    actions = ["harvest_now"]

    @admin.display(description="last counts")
    def counts(self, feed: m.Feed) -> str:
        return ", ".join(f"{k} {v}" for k, v in (feed.last_counts or {}).items()) or "-"

    @admin.display(description="last report")
    def report_table(self, feed: m.Feed) -> str:
        lines = feed.last_report or []
        if not lines:
            return "No problems."
        head = mark_safe("<tr><th>entity</th><th>id</th><th>field</th><th>problem</th><th>action</th></tr>")
        body = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((p.get("entity"), p.get("id"), p.get("field"), p.get("problem"), p.get("action")) for p in lines),
        )
        return format_html("<table>{}{}</table>", head, body)

    @admin.action(description="Harvest now")
    def harvest_now(self, request, queryset) -> None:
        for feed in queryset:
            try:
                result = harvest(feed)
            except FeedError as error:
                self.message_user(request, f"{feed.name}: {error}", messages.ERROR)
            else:
                self.message_user(request, f"{feed.name}: {result.summary()}", messages.SUCCESS)


def related_fields(model) -> tuple[str, ...]:
    """Every editable foreign key and many-to-many of `model`, to show as raw ids: at national size a select
    of every location or phone number is tens of thousands of options per row (issue 16; ADR 0033)."""
    return tuple(
        f.name
        for f in model._meta.get_fields()
        if f.is_relation and f.concrete and not f.auto_created and f.editable and f.name not in PROVENANCE
    )


class SourcedAdmin(admin.ModelAdmin):
    list_filter = ("feed",)
    readonly_fields = PROVENANCE
    list_select_related = ("feed",)
    show_full_result_count = False  # one count per list page, not two, over half a million rows


def _inline(model, fk: str | None = None) -> type[admin.TabularInline]:
    return type(
        f"{model.__name__}Inline",
        (admin.TabularInline,),
        {
            "model": model,
            "fk_name": fk,
            "extra": 0,
            "exclude": PROVENANCE,
            "show_change_link": True,
            "raw_id_fields": related_fields(model),
        },
    )


@admin.register(m.Service)
class ServiceAdmin(SourcedAdmin):
    list_display = ("name", "organization", "status", "feed", "duplicate_of")
    list_filter = ("status", "feed")
    # Words in the name, or a feed's exact id: at 500,000 services a search across the join to organisations
    # took 1.7 s (docs/benchmarks.md); find an organisation's services from its own admin page instead.
    search_fields = ("name", "=source_id")
    raw_id_fields = ("organization", "duplicate_of", "scheme", "program")
    list_select_related = ("feed", "organization", "duplicate_of")
    inlines = [
        _inline(m.ServiceAtLocation), _inline(m.Schedule, "service"), _inline(m.CostOption),
        _inline(m.Language, "service"), _inline(m.ServiceArea), _inline(m.Funding, "service"),
        _inline(m.Contact, "service"), _inline(m.Phone, "service"),
    ]  # fmt: skip

    def get_inlines(self, request, obj):
        return self.inlines if obj else []


@admin.register(m.Organization)
class OrganizationAdmin(SourcedAdmin):
    list_display = ("name", "website", "feed")
    search_fields = ("name", "source_id")
    raw_id_fields = ("parent_organization",)
    inlines = [_inline(m.OrganizationIdentifier), _inline(m.Phone, "organization")]


@admin.register(m.Location)
class LocationAdmin(SourcedAdmin):
    list_display = ("name", "location_type", "latitude", "longitude", "feed")
    search_fields = ("name", "source_id", "addresses__postal_code")
    raw_id_fields = ("organization",)
    inlines = [
        _inline(m.Address),
        _inline(m.Accessibility),
        _inline(m.Schedule, "location"),
        _inline(m.Phone, "location"),
    ]


@admin.register(m.TaxonomyTerm)
class TaxonomyTermAdmin(SourcedAdmin):
    list_display = ("name", "code", "taxonomy", "taxonomy_name", "feed")
    search_fields = ("name", "code", "source_id")
    raw_id_fields = ("parent", "taxonomy")


@admin.register(m.Attribute)
class AttributeAdmin(SourcedAdmin):
    list_display = ("taxonomy_term", "link_entity", "link_id", "link_type", "feed")
    list_filter = ("link_entity", "feed")
    raw_id_fields = ("taxonomy_term",)


for _model in (
    m.Taxonomy, m.OrganizationIdentifier, m.ServiceAtLocation, m.Address, m.Accessibility, m.Contact, m.Phone,
    m.Schedule, m.CostOption, m.Language, m.ServiceArea, m.Funding,
):  # fmt: skip
    admin.site.register(
        _model,
        type(
            f"{_model.__name__}Admin",
            (SourcedAdmin,),
            {"list_display": ("__str__", "feed"), "raw_id_fields": related_fields(_model)},
        ),
    )


@admin.register(m.ServiceCorrection)
class ServiceCorrectionAdmin(admin.ModelAdmin):
    """Read-only here: corrections are decided on /providers/corrections/, which applies them (ADR 0026)."""

    list_display = ("service", "status", "proposed_by_label", "proposed_at", "reviewed_by_label", "reviewed_at")
    list_filter = ("status",)
    search_fields = ("service__name", "proposed_by_label")
    raw_id_fields = ("service",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
