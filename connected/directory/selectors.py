"""Reads of the directory for other modules (casework's introductions): canonical services only."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from connected.directory.models import Service


def canonical_service(service_id: str) -> Service | None:
    """The service with this id unless it is a duplicate folded into another; None for an id that is not a UUID."""
    try:
        return Service.objects.filter(pk=service_id, duplicate_of__isnull=True).first()
    except (ValueError, TypeError, ValidationError):
        return None


def active_services_named(query: str, limit: int = 10) -> list[Service]:
    """Active canonical services whose name contains `query`, by name, with their organisation."""
    return list(
        Service.objects.filter(name__icontains=query, status="active", duplicate_of__isnull=True)
        .select_related("organization")
        .order_by("name")[:limit]
    )
