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
