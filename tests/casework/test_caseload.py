"""Caseload sections, the person edit page, and the measures slot on the case page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from connected.casework import presenters, services
from connected.casework.models import Person, Referral
from connected.casework.selectors import caseload

from .builders import make_world, person_details, referral_details, sign_in


@pytest.fixture
def world(db):
    return make_world()


def _referral(world, name: str, days_ago: int) -> Referral:
    return services.referral_create(
        person=person_details(given_name=name, nhs_number=""),
        referral=referral_details(),
        source="gp",
        referrer=world.users["referrer"],
        now=timezone.now() - dt.timedelta(days=days_ago),
    )


def test_sections_sort_cases_by_what_needs_doing(world):
    lw = world.users["link_worker"]
    _referral(world, "Waiting", 9)
    recent = _referral(world, "Recent", 5)
    services.contact_record(referral=recent, by=lw, mode="phone")
    stale = _referral(world, "Stale", 40)
    services.contact_record(referral=stale, by=lw, mode="phone", at=timezone.now() - dt.timedelta(days=30))
    old = _referral(world, "Old", 100)
    services.referral_accept(referral=old, by=lw, now=timezone.now() - dt.timedelta(days=80))
    services.contact_record(referral=old, by=lw, mode="phone")
    tasked = _referral(world, "Tasked", 3)
    services.contact_record(referral=tasked, by=lw, mode="phone")
    services.task_create(referral=tasked, by=lw, description="Call back", due_on=timezone.localdate())
    load = caseload(lw)
    names = {
        section: {c.person.given_name for c in getattr(load, section)}
        for section in ("waiting", "active", "follow_up", "closing_soon")
    }
    assert {"Waiting", "Ada"} <= names["waiting"]
    assert next(c for c in load.waiting if c.person.given_name == "Waiting").days_waiting == 9
    assert names["active"] >= {"Recent", "Stale", "Old", "Tasked"}
    assert names["follow_up"] == {"Stale", "Tasked"}
    assert names["closing_soon"] == {"Old"}
    assert not {"Grace"} & set().union(*names.values())  # another scheme's person never appears


def test_person_edit_validates_and_stamps_consent(world, client):
    person = world.records["own_scheme"].person
    sign_in(client, world.users["link_worker"])
    form = {"given_name": "Ada", "family_name": "Lovelace", "nhs_number": "9434765910", "postcode": "LS6 1AA"}
    refused = client.post(f"/casework/people/{person.pk}/edit/", form)
    assert refused.status_code == 400 and "NHS number is not valid" in refused.content.decode()
    assert Person.objects.get(pk=person.pk).nhs_number == "9434765919"
    ok = client.post(
        f"/casework/people/{person.pk}/edit/",
        form
        | {
            "nhs_number": "9434765919",
            "consent_to_contact": "on",
            "consent_to_share": "on",
            "lives_alone": "on",
            "risk_circumstances": ["bereaved"],
            "language": "Welsh",
            "interpreter_needed": "on",
            "date_of_birth_day": "27",
            "date_of_birth_month": "3",
            "date_of_birth_year": "1950",
        },
    )
    assert ok.status_code == 302
    person = Person.objects.get(pk=person.pk)
    assert person.consent_to_share and person.consent_recorded_by == "lw_a"
    assert person.lives_alone is True and person.risk_circumstances == ["bereaved"] and person.interpreter_needed
    page = client.get(f"/casework/people/{person.pk}/").content.decode()
    assert "Welsh (needs an interpreter)" in page and "Recently bereaved" in page


def test_measures_slot_is_present_and_empty_until_measures_are_recorded(world):
    panel = presenters.measures_panel(world.records["own_scheme"])
    assert panel is not None and panel["series"] == []


def test_measures_on_a_case_show_on_its_page_go_in_the_export_and_go_on_erasure(world, client):
    from connected.casework import erasure
    from connected.casework.export import person_export
    from connected.measures.models import MeasureResponse
    from connected.measures.services import response_record

    referral = world.records["own_scheme"]
    answers = {"lack_companionship": "often", "left_out": "often", "isolated": "some_of_the_time"}
    response_record(
        instrument_code="ucla3",
        answers=answers,
        subject_type="casework.case",
        subject_id=referral.pk,
        timepoint="baseline",
        recorded_by=world.users["link_worker"],
    )
    panel = presenters.measures_panel(referral)
    assert [p["label"] for s in panel["series"] for p in s["points"]] == ["Baseline (first contact)"]
    sign_in(client, world.users["link_worker"])
    assert 'id="measures"' in client.get(f"/casework/cases/{referral.pk}/").content.decode()
    assert len(person_export(referral.person)["measures"]) == 1
    erasure.person_erase(person=referral.person, by=world.users["scheme_manager"], why="test")
    assert not MeasureResponse.objects.filter(subject_id=str(referral.pk)).exists()


def test_link_worker_records_measures_on_a_case(world, client):
    from connected.measures.models import MeasureResponse

    referral = world.records["own_scheme"]
    sign_in(client, world.users["link_worker"])
    page = client.get(f"/casework/cases/{referral.pk}/measures/")
    assert page.status_code == 200 and "/measures/respond/" in page.content.decode()
    partial = client.post(f"/casework/cases/{referral.pk}/measures/", {"timepoint": "baseline"})
    assert partial.status_code == 400 and not MeasureResponse.objects.exists()
    answers = {
        "ucla3-lack_companionship": "often",
        "ucla3-left_out": "often",
        "ucla3-isolated": "often",
        "ons-direct-lonely": "often_always",
        "ons4-life_satisfaction": "4",
        "ons4-worthwhile": "6",
        "ons4-happiness": "5",
        "ons4-anxiety": "7",
        "timepoint": "baseline",
    }
    saved = client.post(f"/casework/cases/{referral.pk}/measures/", answers)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert MeasureResponse.objects.filter(subject_type="casework.case", subject_id=str(referral.pk)).count() == 3
    case_page = client.get(f"/casework/cases/{referral.pk}/").content.decode()
    assert "<svg" in case_page and "Baseline" in case_page
    sign_in(client, world.users["link_worker_b"])
    assert client.get(f"/casework/cases/{referral.pk}/measures/").status_code == 403
