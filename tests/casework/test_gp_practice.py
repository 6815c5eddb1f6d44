"""GP practice (ODS), sex or gender and ethnic category: from the staff referral form and from BaRS, shown on the
person page."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected.casework.models import Referral
from connected.casework.validation import FieldError, clean_ods_code
from connected.core.models import ApiToken

from .builders import make_world, sign_in
from .fhir_samples import PATIENT, bundle
from .test_intake_views import FORM

CODED = {
    "gp_practice_code": " b86001 ",
    "gp_practice_name": "Park Surgery",
    "gender": "female",
    "ethnic_category": "H",
}


@pytest.fixture
def world(db):
    return make_world()


def test_the_referral_form_records_practice_gender_and_ethnic_category(world, client):
    sign_in(client, world.users["referrer"])
    assert "GP practice ODS code" in client.get("/casework/refer/").content.decode()
    assert client.post("/casework/refer/", FORM | CODED).status_code == 302
    person = Referral.objects.get(person__family_name="Somerville").person
    assert (person.gp_practice_code, person.gp_practice_name) == ("B86001", "Park Surgery")
    assert (person.gender, person.ethnic_category) == ("female", "H")
    sign_in(client, world.users["link_worker"])
    page = client.get(f"/casework/people/{person.pk}/").content.decode()
    assert "Park Surgery (B86001)" in page and "Asian or Asian British: Indian" in page and "Female" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("gp_practice_code", "B8-6001!", "GP practice code must be its ODS code"),
        ("ethnic_category", "Q", "Choose ethnic category from the list"),
        ("gender", "robot", "Choose sex or gender from the list"),
    ],
)
def test_bad_coded_values_are_refused_naming_the_field(world, client, field, value, message):
    sign_in(client, world.users["referrer"])
    response = client.post("/casework/refer/", FORM | {field: value})
    assert response.status_code == 400 and message in response.content.decode()
    assert f'href="#id_{field}"' in response.content.decode()
    assert not Referral.objects.filter(person__family_name="Somerville").exists()


@given(st.text(max_size=14))
def test_ods_codes_are_capitals_and_digits_or_refused(text):
    try:
        code = clean_ods_code(text)
    except FieldError as error:
        assert error.field == "gp_practice_code"
    else:
        assert code == "" or (code.isalnum() and code.isascii() and code.upper() == code and 3 <= len(code) <= 10)


def test_bars_patient_ethnicity_and_logical_gp_reference_are_stored(world, client):
    _, plain = ApiToken.issue(user=world.users["referrer"], name="EMIS")
    patient = PATIENT | {
        "extension": [
            {
                "url": "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory",
                "valueCodeableConcept": {
                    "coding": [{"system": "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategory", "code": "N"}]
                },
            }
        ],
        "generalPractitioner": [
            {
                "identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "Y12345"},
                "display": "Hilltop Practice",
            }
        ],
    }
    response = client.post(
        "/fhir/$process-message",
        data=json.dumps(bundle(**{"entry.2.resource": patient})),
        content_type="application/fhir+json",
        HTTP_AUTHORIZATION=f"Bearer {plain}",
    )
    assert response.status_code == 200, response.content[:400]
    person = Referral.objects.get(source="fhir").person
    assert (person.ethnic_category, person.gp_practice_code, person.gp_practice_name, person.gender) == (
        "N",
        "Y12345",
        "Hilltop Practice",
        "male",
    )


def test_a_link_worker_can_correct_the_practice_on_the_person_page(world, client):
    sign_in(client, world.users["referrer"])
    client.post("/casework/refer/", FORM)
    person = Referral.objects.get(person__family_name="Somerville").person
    sign_in(client, world.users["link_worker"])
    edit = f"/casework/people/{person.pk}/edit/"
    assert "GP practice ODS code" in client.get(edit).content.decode()
    data = {"given_name": "Mary", "family_name": "Somerville", "gp_practice_code": "x1", "ethnic_category": "Z"}
    refused = client.post(edit, data)
    assert refused.status_code == 400 and "GP practice code must be its ODS code" in refused.content.decode()
    assert client.post(edit, data | {"gp_practice_code": "y02345"}).status_code == 302
    person.refresh_from_db()
    assert (person.gp_practice_code, person.ethnic_category) == ("Y02345", "Z")
