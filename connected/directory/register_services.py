"""Writing to the register: schemes go in through the importer, then become casework schemes (ADR 0034)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from connected.core.models import Scheme

from . import models as m
from .importer import ImportResult, Problem, import_services
from .register import link_schemes
from .register_documents import SchemeSpec, scheme_document

REGISTER_FEED = "Connected register"


def register_feed() -> m.Feed:
    """The feed that holds schemes entered here (not harvested from another register)."""
    feed, _ = m.Feed.objects.get_or_create(
        name=REGISTER_FEED, defaults={"kind": m.Feed.Kind.LOCAL, "publisher": "Connected", "active": False}
    )
    return feed


@transaction.atomic
def schemes_register(
    specs: Iterable[SchemeSpec],
    *,
    feed: m.Feed | None = None,
    existing: dict[str, Scheme] | None = None,
    remove_missing: bool = False,
    notes: Iterable[Problem] = (),
) -> ImportResult:
    """Import the schemes' documents (validated and reported like any feed), then link each to its
    casework scheme: `existing` maps a spec's key to a scheme already made; others get a new one."""
    feed = feed or register_feed()
    specs = list(specs)
    result = import_services(
        feed, [scheme_document(s) for s in specs], remove_missing=remove_missing, notes=list(notes)
    )
    for key, scheme in (existing or {}).items():
        doc_id = scheme_document(next(s for s in specs if s.key == key))["id"]
        service = m.Service.objects.filter(feed=feed, source_id=doc_id).first()
        if service is not None and service.scheme_id != scheme.pk:
            m.Service.objects.filter(scheme=scheme).exclude(pk=service.pk).update(scheme=None)
            service.scheme = scheme
            service.save(update_fields=["scheme"])
    link_schemes(feed)
    return result
