"""Subject access: everything held about one person, as plain JSON-ready data.

Walks every model with a path to the person (found from Django's model graph,
so a new casework table is included without editing this file), plus measures
recorded on their cases and the audit entries about them.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models
from django.forms.models import model_to_dict

from connected.core import audit

from .models import Person, Referral

MEASURES_SUBJECT_TYPE = "casework.case"


def _row(obj: models.Model) -> dict[str, Any]:
    data = model_to_dict(obj)
    data["id"] = str(obj.pk)
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.DateTimeField | models.DateField):
            value = getattr(obj, field.name)
            data[field.name] = value.isoformat() if value else None
    return data


def _case_models() -> list[type[models.Model]]:
    """Casework models with a foreign key to Referral (contacts, conversations, ...)."""
    found = []
    for model in apps.get_app_config("casework").get_models():
        linked = any(isinstance(f, models.ForeignKey) and f.related_model is Referral for f in model._meta.fields)
        if linked and model is not Referral:
            found.append(model)
    return found


def person_export(person: Person) -> dict[str, Any]:
    referrals = list(Referral.objects.filter(person=person).order_by("received_at"))
    ids = [r.pk for r in referrals]
    out: dict[str, Any] = {
        "person": _row(person),
        "scheme": person.scheme.name if person.scheme else "",
        "referrals": [_row(r) for r in referrals],
    }
    for model in _case_models():
        key = model._meta.verbose_name_plural.replace(" ", "_")
        out[key] = [_row(o) for o in model.objects.filter(referral_id__in=ids)]
    out["measures"] = _measures(ids)
    out["audit"] = [_row(e) for e in audit.person_events(person.pk)]
    return out


def _measures(referral_ids: list) -> list[dict[str, Any]]:
    if not apps.is_installed("connected.measures"):
        return []
    try:
        from connected.measures.models import MeasureResponse
    except ImportError:
        return []
    rows = MeasureResponse.objects.filter(
        subject_type=MEASURES_SUBJECT_TYPE, subject_id__in=[str(i) for i in referral_ids]
    )
    return [_row(r) for r in rows]
