"""Audit log, subject access export, erasure and retention."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models

from connected.casework import erasure, services
from connected.casework.models import Person, Referral
from connected.core.models import AuditEvent
from connected.core.models.audit import AppendOnlyError

from .builders import make_world, sign_in


@pytest.fixture
def world(db):
    return make_world()


def _work_the_case(world, referral):
    lw = world.users["link_worker"]
    services.contact_record(referral=referral, by=lw, mode="phone", notes="Ada talked about Lovelace family history")
    services.conversation_record(referral=referral, by=lw, goals="Ada wants to sing", interests="Music, LS6 choir")
    services.task_create(referral=referral, by=lw, description="Call Ada Lovelace back", due_on=dt.date(2030, 1, 1))
    from connected.directory.models import Service

    intro = services.introduction_create(referral=referral, by=lw, service=Service.objects.create(name="Choir"))
    services.introduction_update(introduction=intro, by=lw, status="stopped", stopped_reason="Ada found it too loud")


def test_reading_a_record_writes_an_audit_entry(world, client):
    referral = world.records["own_scheme"]
    sign_in(client, world.users["link_worker"])
    before = AuditEvent.objects.count()
    assert client.get(f"/casework/cases/{referral.pk}/").status_code == 200
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.object_type, event.object_id) == ("view", "casework.referral", str(referral.pk))
    assert event.person_id == str(referral.person_id) and event.actor == world.users["link_worker"]
    client.get(f"/casework/people/{referral.person_id}/")
    assert AuditEvent.objects.filter(action="view", object_type="casework.person").count() == 1


def test_refusals_are_audited_too(world, client):
    sign_in(client, world.users["link_worker_b"])
    referral = world.records["own_scheme"]
    assert client.get(f"/casework/cases/{referral.pk}/").status_code == 403
    assert AuditEvent.objects.filter(action="denied", object_id=str(referral.pk)).exists()


def test_audit_events_are_append_only(world):
    event = AuditEvent.objects.first()
    event.why = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(why="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_audit_admin_is_read_only(world, rf):
    from django.contrib import admin

    model_admin = admin.site._registry[AuditEvent]
    request = rf.get("/admin/")
    request.user = world.users["administrator"]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, AuditEvent.objects.first())
    assert not model_admin.has_delete_permission(request, AuditEvent.objects.first())


def test_audit_text_holds_no_personal_data(world):
    _work_the_case(world, world.records["own_scheme"])
    for event in AuditEvent.objects.all():
        text = " ".join(str(getattr(event, f.attname)) for f in AuditEvent._meta.concrete_fields)
        for secret in ("Ada", "Lovelace", "9434765919", "LS6 1AA", "Grace", "Hopper"):
            assert secret not in text


def test_export_contains_everything_held(world, client):
    referral = world.records["own_scheme"]
    _work_the_case(world, referral)
    sign_in(client, world.users["scheme_manager"])
    response = client.get(f"/casework/people/{referral.person_id}/export/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["person"]["nhs_number"] == "9434765919" and data["person"]["family_name"] == "Lovelace"
    assert [r["id"] for r in data["referrals"]] == [str(referral.pk)]
    for key in ("contacts", "conversations", "introductions", "tasks", "status_changes", "measures", "audit"):
        assert key in data
    assert data["contacts"][0]["notes"].startswith("Ada talked")
    assert data["conversations"][0]["goals"] == "Ada wants to sing"
    assert data["introductions"][0]["stopped_reason"] == "Ada found it too loud"
    # The export is audited once, and what it hands over includes that entry.
    assert AuditEvent.objects.filter(action="export", person_id=str(referral.person_id)).count() == 1
    assert any(e["action"] == "export" for e in data["audit"])
    assert client.get(f"/casework/people/{referral.person_id}/export/").status_code == 200
    sign_in(client, world.users["link_worker"])
    assert client.get(f"/casework/people/{referral.person_id}/export/").status_code == 403


def _text_columns():
    for model in apps.get_models():
        if model._meta.app_label == "core" and model._meta.model_name in {
            "postcode",
            "outcodecentroid",
            "lsoacentroid",
            "localauthority",
        }:
            continue  # public reference geography, not about anyone
        columns = [
            f.column
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if columns:
            yield model._meta.db_table, columns


def _tables_holding(value: str) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table, columns in _text_columns():
            qn = connection.ops.quote_name
            # Case-sensitive on both databases: SQLite's LIKE ignores case, so "Ada" would match the "ada"
            # that turns up by chance in a hex UUID.
            if connection.vendor == "sqlite":
                where = " OR ".join(f"instr(CAST({qn(c)} AS TEXT), %s) > 0" for c in columns)
                params = [value] * len(columns)
            else:
                where = " OR ".join(f"CAST({qn(c)} AS TEXT) LIKE %s" for c in columns)
                params = [f"%{value}%"] * len(columns)
            cursor.execute(f"SELECT COUNT(*) FROM {qn(table)} WHERE {where}", params)  # noqa: S608
            if cursor.fetchone()[0]:
                found.append(table)
    return found


def test_erasure_leaves_no_personal_data_anywhere(world, client):
    referral = world.records["own_scheme"]
    _work_the_case(world, referral)
    assert _tables_holding("Lovelace") and _tables_holding("Ada")  # the scan finds them before erasure
    sign_in(client, world.users["scheme_manager"])
    refused = client.post(f"/casework/people/{referral.person_id}/erase/", {})
    assert refused.status_code == 400 and _tables_holding("Lovelace")
    response = client.post(f"/casework/people/{referral.person_id}/erase/", {"confirm": "erase"})
    assert response.status_code == 302
    for secret in ("Lovelace", "Ada", "9434765919", "LS6 1AA", "0113 496 0000", "family history", "too loud"):
        assert _tables_holding(secret) == [], secret
    referral.refresh_from_db()
    assert (referral.reason, referral.hopes, referral.source_payload) == ("", "", {})
    person = Person.objects.get(pk=referral.person_id)
    assert person.erased_at is not None and person.date_of_birth is None
    assert Referral.objects.filter(pk=referral.pk, status="in_progress").exists()  # counts still add up
    assert AuditEvent.objects.filter(action="erase", person_id=str(person.pk)).exists()
    # The other person is untouched.
    assert _tables_holding("Hopper")


def test_retention_anonymises_only_after_the_period(world):
    referral = world.records["own_scheme"]
    lw = world.users["link_worker"]
    services.referral_accept(referral=referral, by=lw)
    closed_at = dt.datetime(2020, 6, 1, tzinfo=dt.UTC)
    services.referral_close(referral=referral, by=lw, outcome="goals_met", now=closed_at)
    world.scheme_a.retention_years = 3
    world.scheme_a.save()
    out = StringIO()
    call_command("casework_retention", "--today", "2023-05-31", stdout=out)
    assert out.getvalue().startswith("0 record")
    assert not erasure.due_for_anonymising(today=dt.date(2023, 5, 31))
    call_command("casework_retention", "--today", "2023-06-02", "--dry-run", stdout=out)
    assert Person.objects.get(pk=referral.person_id).erased_at is None
    call_command("casework_retention", "--today", "2023-06-02", stdout=out)
    assert Person.objects.get(pk=referral.person_id).erased_at is not None
    assert Person.objects.get(pk=world.records["other_scheme"].person_id).erased_at is None


def test_audit_log_page_is_scoped(world, client):
    own, other = world.records["own_scheme"], world.records["other_scheme"]
    sign_in(client, world.users["scheme_manager"])
    client.get(f"/casework/cases/{own.pk}/")
    body = client.get("/casework/audit/").content.decode()
    assert str(own.pk) in body and str(other.pk) not in body
    assert "Lovelace" not in body
    sign_in(client, world.users["administrator"])
    body = client.get("/casework/audit/").content.decode()
    assert str(own.pk) in body and str(other.pk) in body
    for role in ("link_worker", "referrer", "commissioner", "provider"):
        sign_in(client, world.users[role])
        assert client.get("/casework/audit/").status_code == 403
