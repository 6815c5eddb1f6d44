"""Admin at national size (issue 16): no edit page renders a select of every row of a big table.

Every foreign key and many-to-many on every admin form and inline is a raw id or an autocomplete,
read-only, left out, or points at one of the few small tables listed here.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.models import Group, Permission

from connected.directory.models import Feed, Taxonomy
from connected.policy.models import Strategy

SMALL = {Group, Permission, Feed, Taxonomy, Strategy}  # a handful of rows each, at any size of deployment


# Admins that never show an edit form (no change permission): their relations render as text.
READ_ONLY = {"ServiceCorrection", "AuditEvent"}


def _unguarded(model, model_admin, parent=None) -> list[str]:
    guarded = (
        set(model_admin.raw_id_fields or ())
        | set(model_admin.autocomplete_fields or ())
        | set(model_admin.readonly_fields or ())
        | set(model_admin.exclude or ())
    )
    found = []
    for f in model._meta.get_fields():
        if not (f.is_relation and f.concrete and not f.auto_created and f.editable):
            continue
        if f.related_model in SMALL or (parent is not None and f.related_model is parent):
            continue  # a small table, or the inline's own parent (never shown in the inline)
        shown = model_admin.fields is None or f.name in model_admin.fields
        if shown and f.name not in guarded:
            found.append(f"{model.__name__}.{f.name}")
    return found


def test_every_relation_to_a_big_table_is_a_raw_id_or_an_autocomplete():
    problems = []
    for model, model_admin in admin.site._registry.items():
        if model.__name__ not in READ_ONLY:
            problems += _unguarded(model, model_admin)
        for inline_class in model_admin.inlines:
            inline = inline_class(model, admin.site)
            problems += _unguarded(inline.model, inline, parent=model)
    assert problems == []
