"""Writing the audit log: one call per view or change of a person's record.

Callers pass ids and short action names; `record` refuses free text that could
carry personal data by limiting `why` to a short label chosen by code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from connected.core.models.audit import AuditEvent


def _label(obj: Any) -> str:
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}"


def record(
    *,
    actor: Any,
    action: str,
    obj: Any = None,
    object_type: str = "",
    object_id: Any = "",
    person_id: Any = "",
    why: str = "",
    people_shown: Iterable[Any] = (),
) -> AuditEvent:
    """Write one event. `obj` (a model instance) fills object_type and object_id when given.

    A page that lists people by name passes every id it showed as `people_shown`, so the list view is
    found among each of those people's events.
    """
    if action not in AuditEvent.Action.values:
        raise ValueError(f"Unknown audit action {action!r}")
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = user.get_username() if user else (actor if isinstance(actor, str) else "anonymous")
    if obj is not None:
        object_type, object_id = _label(obj), obj.pk
    shown = sorted({str(pk) for pk in people_shown})
    return AuditEvent.objects.create(
        actor=user,
        actor_label=str(label)[:150],
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        person_id=str(person_id or ""),
        why=why[:200],
        people_shown=",".join(["", *shown, ""]) if shown else "",
    )


def person_events(person_id: Any):
    """Every event about one person, oldest first (for subject access exports)."""
    return AuditEvent.objects.about_person(person_id).order_by("at", "id")
