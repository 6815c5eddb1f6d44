"""The PRSB Social Prescribing dataset: one person (FHIR and CSV) and a scheme's period (pseudonymous CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from connected.casework import erasure, prsb, services
from connected.casework.models import Person
from connected.core.models import AuditEvent

from .builders import make_world, sign_in
from .outcome_helpers import record_ucla, validate_fhir


@pytest.fixture
def world(db):
    world = make_world()
    referral = world.records["own_scheme"]
    person = referral.person
    Person.objects.filter(pk=person.pk).update(
        gp_practice_code="B86001",
        gp_practice_name="Park Surgery",
        ethnic_category="A",
        gender="female",
        risk_circumstances=["bereaved", "unemployed"],
        lsoa_code="E01011264",
    )
    worker = world.users["link_worker"]
    services.referral_accept(referral=referral, by=worker)
    services.contact_record(referral=referral, by=worker, mode="phone")
    services.conversation_record(referral=referral, by=worker, goals='=HYPERLINK("x") Get out to the allotment')
    record_ucla(referral, worker, timepoint="baseline", level="often")
    record_ucla(referral, worker, timepoint="follow_up", level="hardly_ever_or_never", days=30)
    services.referral_close(referral=referral, by=worker, outcome="goals_met")
    return world


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def subject(world) -> Person:
    return Person.objects.get(pk=world.records["own_scheme"].person_id)


def test_person_bundle_is_valid_fhir_with_every_section(world):
    person = subject(world)
    data = prsb.person_bundle(person)
    kinds = validate_fhir(data)
    assert {"Patient", "ServiceRequest", "Condition", "Goal", "Encounter", "Observation"} <= set(kinds)
    patient = data["entry"][0]["resource"]
    assert patient["generalPractitioner"][0]["identifier"]["value"] == "B86001"
    assert patient["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "A"
    codes = [e["resource"]["code"] for e in data["entry"] if e["resource"]["resourceType"] == "Condition"]
    assert {"coding": [{"system": "http://snomed.info/sct", "code": "73438004", "display": "Unemployed"}],
            "text": "Unemployed"} in codes  # fmt: skip
    assert {"text": "Recently bereaved"} in codes  # no concept: words only


def test_person_csv_has_the_standards_sections_coded(world):
    rows = rows_of(prsb.to_csv(prsb.person_rows(subject(world))))
    assert {r["section"] for r in rows} == set(prsb.SECTIONS)
    outcome = next(r for r in rows if r["section"] == "Outcomes")
    assert outcome["snomed_code"] == "1362721000000106" and outcome["value"] == "Goals met"
    goal = next(r for r in rows if r["item"] == "What matters to me")
    assert goal["value"].startswith("'=HYPERLINK")  # a spreadsheet will not run it
    assert any(r["item"] == "NHS number" and r["value"] == "9434765919" for r in rows)


def test_scheme_csv_names_no_one_and_keeps_to_the_scheme_and_period(world):
    start, end = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
    text = prsb.to_csv(prsb.scheme_rows(world.scheme_a, start, end))
    for identifying in ("Lovelace", "Ada", "9434765919", "LS6 1AA", "allotment", "1950-03-27", "bereaved, rarely"):
        assert identifying not in text
    rows = rows_of(text)
    person = subject(world)
    assert {r["person"] for r in rows} == {prsb.pseudonym(person.pk)}  # scheme B's people are not in it
    assert next(r["value"] for r in rows if r["item"] == "Age band")
    assert next(r for r in rows if r["item"] == "GP practice ODS code")["value"] == "B86001"
    assert not rows_of(prsb.to_csv(prsb.scheme_rows(world.scheme_a, dt.date(1990, 1, 1), dt.date(1990, 12, 31))))
    erasure.person_erase(person=person, by=world.users["scheme_manager"], why="test")
    assert not rows_of(prsb.to_csv(prsb.scheme_rows(world.scheme_a, start, end)))


def test_age_bands():
    assert prsb.age_band(dt.date(1950, 3, 27), dt.date(2026, 3, 26)) == "75-79"
    assert prsb.age_band(dt.date(1930, 1, 1), dt.date(2026, 1, 1)) == "85+"
    assert prsb.age_band(None, dt.date(2026, 1, 1)) == ""


def test_scheme_manager_downloads_the_scheme_dataset_audited_others_may_not(world, client):
    manager = world.users["scheme_manager"]
    sign_in(client, manager)
    assert 'id="prsb-dataset"' in client.get("/evidence/").content.decode()
    page = client.get("/casework/prsb-dataset/")
    assert page.status_code == 200
    today = dt.date.today()
    recent = {"start": str(today - dt.timedelta(days=400)), "end": str(today + dt.timedelta(days=1))}
    response = client.get("/casework/prsb-dataset/", recent)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert rows_of(response.content.decode())[0]["person"] == prsb.pseudonym(world.records["own_scheme"].person_id)
    assert AuditEvent.objects.filter(actor=manager, action="export", why__startswith="prsb dataset").exists()
    too_long = client.get("/casework/prsb-dataset/", {"start": "2000-01-01", "end": "2099-12-31"})
    assert too_long.status_code == 400 and "5 years or less" in too_long.content.decode()
    bad = client.get("/casework/prsb-dataset/", {"start": "2026-13-01", "end": "2026-01-01"})
    assert bad.status_code == 400 and "Enter the start date as a real date" in bad.content.decode()
    backwards = client.get("/casework/prsb-dataset/", {"start": "2026-02-01", "end": "2026-01-01"})
    assert "The start date must be on or before the end date" in backwards.content.decode()
    for role in ("link_worker", "commissioner"):
        sign_in(client, world.users[role])
        assert client.get("/casework/prsb-dataset/", recent).status_code == 403


def test_person_dataset_links_and_downloads(world, client):
    person = subject(world)
    sign_in(client, world.users["scheme_manager"])
    page = client.get(f"/casework/people/{person.pk}/").content.decode()
    assert f"/casework/people/{person.pk}/prsb.json" in page and f"/casework/people/{person.pk}/prsb.csv" in page
    fhir = client.get(f"/casework/people/{person.pk}/prsb.json")
    assert fhir.status_code == 200 and fhir.json()["type"] == "collection"
    assert client.get(f"/casework/people/{person.pk}/prsb.csv").content.decode().startswith("person,referral,")
    assert AuditEvent.objects.filter(person_id=str(person.pk), why="prsb dataset csv").exists()
    sign_in(client, world.users["link_worker"])
    assert client.get(f"/casework/people/{person.pk}/prsb.csv").status_code == 403
