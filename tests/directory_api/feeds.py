"""Compare two feeds' copies of a directory, record by record and field by field.

Feed B was harvested from our API while it served feed A, so each B record's
`source_id` is the id we published for its A record. Every A record must
have a B twin whose fields are equal, and whose foreign keys (and attribute
links) point at the twins of what A's point at. Taxonomies and terms with
UUID ids are shared vocabulary (the importer links to the existing row rather
than copying it), so there the "twin" is the row itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

from connected.directory import models as m

PROVENANCE = {"id", "feed", "source_id", "content_hash", "imported_at"}
ATTRIBUTE_TARGETS = {
    "service": m.Service,
    "organization": m.Organization,
    "location": m.Location,
    "service_at_location": m.ServiceAtLocation,
    "contact": m.Contact,
    "address": m.Address,
    "accessibility": m.Accessibility,
    "phone": m.Phone,
    "schedule": m.Schedule,
}
VOCABULARY = (m.Taxonomy, m.TaxonomyTerm)  # UUID-keyed terms are shared between feeds, not copied (importer.upsert)
MODELS = (
    m.Organization, m.OrganizationIdentifier, m.Service, m.Location, m.ServiceAtLocation, m.Address,
    m.Accessibility, m.Contact, m.Phone, m.Schedule, m.CostOption, m.Language, m.ServiceArea, m.Funding,
    m.Taxonomy, m.TaxonomyTerm, m.Attribute,
)  # fmt: skip


def _compared_fields(model: type[models.Model], skip: set[str]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in PROVENANCE and f.name not in skip]


def _twin_id(model: type[models.Model], feed: m.Feed, value: Any) -> str | None:
    """The id (in feed A's terms) that the B row `value` stands for: its source_id."""
    if value is None:
        return None
    row = model.objects.filter(pk=value).first()
    if row is None:
        return f"<missing {model.__name__} {value}>"
    if getattr(row, "feed_id", None) != feed.id:
        if model in VOCABULARY:
            return str(row.pk)  # shared vocabulary: B links to the very row A uses
        return f"<{model.__name__} {value} of another feed>"
    return row.source_id


def differences(
    feed_a: m.Feed,
    feed_b: m.Feed,
    skip: dict[type, set[str]] | None = None,
    not_carried: Callable[[models.Model], bool] = lambda row: False,
) -> list[str]:
    """Every way feed B differs from feed A; empty when B reproduces A.

    `skip` names fields not compared; `not_carried(row)` says an A row is known not to come across.
    """
    skip = skip or {}
    found: list[str] = []
    for model in MODELS:
        rows_a = {str(r.id): r for r in model.objects.filter(feed=feed_a)}
        rows_b = {r.source_id: r for r in model.objects.filter(feed=feed_b)}
        if model in VOCABULARY and not rows_b:
            continue  # shared, not copied: the attributes' links below show each term arrived
        for missing in sorted(set(rows_a) - set(rows_b)):
            if not_carried(rows_a[missing]):
                continue
            found.append(f"{model.__name__} {missing} ({rows_a[missing]}) did not come across")
        for extra in sorted(set(rows_b) - set(rows_a)):
            found.append(f"{model.__name__} {extra} in B has no A original")
        for key in sorted(set(rows_a) & set(rows_b)):
            a, b = rows_a[key], rows_b[key]
            own_skip = skip.get(model, set()) | ({"link_id"} if model is m.Attribute else set())
            for field in _compared_fields(model, own_skip):
                va, vb = getattr(a, field.attname), getattr(b, field.attname)
                if field.is_relation:
                    va = None if va is None else str(va)
                    vb = _twin_id(field.related_model, feed_b, vb)
                if va != vb:
                    found.append(f"{model.__name__} {key}.{field.name}: A {va!r} != B {vb!r}")
            if model is m.Attribute:
                target = ATTRIBUTE_TARGETS.get(a.link_entity)
                linked = _twin_id(target, feed_b, b.link_id) if target else str(b.link_id)
                if linked != str(a.link_id):
                    found.append(f"Attribute {key}.link_id: A {a.link_id} != B's twin {linked}")
    return found
