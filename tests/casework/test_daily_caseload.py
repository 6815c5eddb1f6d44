"""The caseload at scale (ADR 0032): search, filters, paging, overdue flags, closed cases, the team view."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from connected.casework import promises, services
from connected.casework.caseload_query import reference
from connected.casework.models import Contact, Referral
from connected.core.models import AuditEvent

from .builders import make_world, sign_in
from .caseload_builders import make_caseload


@pytest.fixture
def world(db):
    return make_world()


def test_promises_count_working_days_for_urgent_and_calendar_days_otherwise():
    friday = dt.date(2026, 11, 27)
    assert promises.due_by(friday, "urgent") == dt.date(2026, 12, 1)  # Monday, Tuesday
    assert promises.due_by(friday, "soon") == dt.date(2026, 12, 4)
    assert promises.days_overdue(friday, "urgent", dt.date(2026, 12, 1)) == 0
    assert promises.days_overdue(friday, "urgent", dt.date(2026, 12, 17)) == 16
    for urgency in ("urgent", "soon", "routine"):
        for offset in range(12):
            today = dt.date(2026, 12, 1) + dt.timedelta(days=offset)
            cut = promises.earliest_overdue_received(urgency, today)
            assert promises.days_overdue(cut - dt.timedelta(days=1), urgency, today) > 0
            assert promises.days_overdue(cut, urgency, today) == 0


def test_search_filters_and_pages_stay_at_a_fixed_number_of_queries(world, client):
    lw = world.users["link_worker"]
    cases = make_caseload(world.scheme_a, 60)
    sign_in(client, lw)
    with CaptureQueriesContext(connection) as small:
        page = client.get("/casework/caseload/?section=active").content.decode()
    make_caseload(world.scheme_a, 190, seed=8, start=60)
    with CaptureQueriesContext(connection) as large:
        page = client.get("/casework/caseload/?section=active").content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)  # no query per case
    open_now = Referral.objects.filter(scheme=world.scheme_a).exclude(status__in=["closed", "declined"]).count()
    active = Referral.objects.filter(scheme=world.scheme_a, status__in=["contacted", "in_progress"]).count()
    assert f"Active ({active})" in page and "Page 1 of" in page and page.count('class="app-caseload__item') == 25
    assert open_now == 251
    target = cases[17]
    found = client.get("/casework/caseload/", {"q": target.person.family_name, "section": _section(target)})
    assert found.content.decode().count('class="app-caseload__item') == 1
    assert target.person.full_name in found.content.decode()
    by_ref = client.get("/casework/caseload/", {"q": reference(target).lower(), "section": _section(target)})
    assert target.person.full_name in by_ref.content.decode()
    ada = world.records["own_scheme"]
    by_nhs = client.get("/casework/caseload/", {"q": "943 476 5919"}).content.decode()
    assert ada.person.full_name in by_nhs and "Waiting for first contact (1)" in by_nhs
    soon = client.get("/casework/caseload/", {"urgency": "soon", "source": "self", "section": "waiting"})
    expected = Referral.objects.filter(
        scheme=world.scheme_a, urgency="soon", source="self", status__in=["received", "accepted"]
    ).count()
    assert f"Waiting for first contact ({expected})" in soon.content.decode()
    assert client.get("/casework/caseload/", {"section": "nonsense", "page": "x"}).status_code == 200
    Referral.objects.filter(pk=target.pk).update(assigned_to=world.users["scheme_manager"])
    mine = client.get("/casework/caseload/", {"mine": "1", "q": target.person.family_name, "section": _section(target)})
    assert target.person.full_name not in mine.content.decode()  # held by someone else


def _section(referral: Referral) -> str:
    return "waiting" if referral.status in ("received", "accepted") else "active"


def test_an_urgent_referral_past_two_working_days_is_flagged_overdue(world, client):
    urgent = world.records["own_scheme"]
    Referral.objects.filter(pk=urgent.pk).update(urgency="urgent", received_at=timezone.now() - dt.timedelta(days=20))
    sign_in(client, world.users["link_worker"])
    page = client.get("/casework/caseload/").content.decode()
    assert "Overdue by" in page and "Overdue first contacts" in page
    only = client.get("/casework/caseload/?overdue=1").content.decode()
    assert "Waiting for first contact (1)" in only


def test_closed_case_refuses_additions_lists_as_closed_and_reopens_with_an_audit_entry(world, client):
    lw = world.users["link_worker"]
    case = world.records["own_scheme"]
    services.contact_record(referral=case, by=lw, mode="phone")
    services.referral_close(referral=case, by=lw, outcome="goals_met")
    sign_in(client, lw)
    refused = client.post(f"/casework/cases/{case.pk}/contact/", {"mode": "phone"}, follow=True)
    assert "nothing can be added to it" in refused.content.decode()
    for path in ("introductions/", "tasks/", "measures/", "what-matters/"):
        response = client.get(f"/casework/cases/{case.pk}/{path}")
        assert response.status_code == 302, path
    assert Contact.objects.filter(referral=case).count() == 1
    closed = client.get("/casework/caseload/?section=closed").content.decode()
    assert "Closed (1)" in closed and case.person.full_name in closed
    reopened = client.post(f"/casework/cases/{case.pk}/reopen/")
    assert reopened.status_code == 302
    case.refresh_from_db()
    assert case.status == "in_progress" and case.closed_at is None and case.outcome == ""
    assert AuditEvent.objects.filter(why="reopen", object_id=str(case.pk), actor=lw).exists()
    assert case.status_changes.last().reason == "reopened"


def test_manager_sees_the_team_and_reassigns_and_a_link_worker_may_not(world, client):
    lw, sm = world.users["link_worker"], world.users["scheme_manager"]
    make_caseload(world.scheme_a, 12, worker=lw)
    case = world.records["own_scheme"]
    Referral.objects.filter(pk=case.pk).update(urgency="urgent", received_at=timezone.now() - dt.timedelta(days=9))
    sign_in(client, sm)
    team = client.get("/casework/team/").content.decode()
    assert "lw_a" in team and "Not assigned yet" in team and 'nhsuk-tag--red">1<' in team
    assert client.post(f"/casework/cases/{case.pk}/reassign/", {"assigned_to": str(lw.pk)}).status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == lw
    outsider = world.users["link_worker_b"]
    client.post(f"/casework/cases/{case.pk}/reassign/", {"assigned_to": str(outsider.pk)})
    case.refresh_from_db()
    assert case.assigned_to == lw  # someone outside the scheme is refused
    sign_in(client, lw)
    assert client.get("/casework/team/").status_code == 403
    assert client.post(f"/casework/cases/{case.pk}/reassign/", {"assigned_to": ""}).status_code == 403
