"""The BaRS receiver's contract: metadata, headers, idempotency, conflicts, events, error codes, FHIR 404/405."""

from __future__ import annotations

import json

import pytest
from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from connected.casework import services
from connected.casework.models import Referral
from connected.core.models import ApiToken

from .bars_checks import check_refusal, check_reply, check_service_request
from .builders import make_world
from .fhir_samples import bundle

HEADERS = {"HTTP_X_REQUEST_ID": "c1ab3fba-6bae-4ba4-b257-5a87c44d4a91", "HTTP_X_CORRELATION_ID": "9562466f-c982"}


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def auth(world):
    _, plain = ApiToken.issue(user=world.users["referrer"], name="EMIS at Park Surgery")
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def post(client, auth, body, **extra):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post("/fhir/$process-message", data=data, content_type="application/fhir+json", **auth, **extra)


def test_capability_statement_is_valid_r4_and_names_process_message(client, db):
    response = client.get("/fhir/metadata")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/fhir+json")
    statement = CapabilityStatement.model_validate(response.json())
    assert statement.fhirVersion == "4.0.1" and statement.kind == "instance"
    assert statement.rest[0].operation[0].name == "process-message"
    assert statement.messaging[0].supportedMessage[0].mode == "receiver"


def test_headers_are_echoed_on_success_and_on_refusal(client, auth):
    for response in (post(client, auth, bundle(), **HEADERS), post(client, auth, "{bad", **HEADERS)):
        assert response["X-Request-Id"] == "c1ab3fba-6bae-4ba4-b257-5a87c44d4a91"
        assert response["X-Correlation-Id"] == "9562466f-c982"


def test_the_same_message_three_times_is_one_referral_and_one_reply(client, auth):
    replies = [post(client, auth, bundle(), **HEADERS) for _ in range(3)]
    assert [r.status_code for r in replies] == [200, 200, 200]
    assert replies[0].json() == replies[1].json() == replies[2].json()
    check_reply(replies[0].json(), "msg-bundle-1")
    assert Referral.objects.filter(source="fhir").count() == 1


def test_a_resend_in_a_new_bundle_returns_the_first_reply(client, auth):
    first = post(client, auth, bundle())
    again = post(client, auth, bundle(id="msg-bundle-2", **{"entry.0.resource.id": "header-2"}))
    assert again.status_code == 200 and again.json() == first.json()
    assert Referral.objects.filter(source="fhir").count() == 1


def test_a_different_message_under_a_used_bundle_id_is_a_conflict(client, auth):
    assert post(client, auth, bundle()).status_code == 200
    response = post(client, auth, bundle(**{"entry.1.resource.priority": "routine"}))
    assert response.status_code == 409
    assert check_refusal(response.json(), "REC_CONFLICT") == ["Bundle.id"]


def test_the_same_service_request_with_other_details_is_a_conflict(client, auth):
    assert post(client, auth, bundle()).status_code == 200
    changed = bundle(id="msg-bundle-2", **{"entry.1.resource.reasonCode": [{"text": "Something else"}]})
    response = post(client, auth, changed)
    assert response.status_code == 409
    assert check_refusal(response.json(), "REC_CONFLICT") == ["ServiceRequest.identifier"]
    assert Referral.objects.filter(source="fhir").count() == 1


def test_without_ids_the_request_id_header_makes_resends_safe(client, auth):
    message = bundle()
    message.pop("id"), message["entry"][0]["resource"].pop("id"), message["entry"][1]["resource"].pop("identifier")
    first, again = post(client, auth, message, **HEADERS), post(client, auth, message, **HEADERS)
    assert first.json() == again.json() and first.json()["entry"][0]["resource"]["response"]["identifier"] == "unknown"
    assert Referral.objects.filter(source="fhir").count() == 1


def test_an_update_changes_the_referral_and_a_cancellation_closes_it(client, auth, world):
    post(client, auth, bundle())
    update = bundle(id="m2", **{"entry.0.resource.reason": {"coding": [{"code": "update"}]}})
    update["entry"][1]["resource"]["priority"] = "routine"
    update["entry"][2]["resource"]["address"] = [{"postalCode": "LS1 4AP"}]
    assert post(client, auth, update).status_code == 200
    referral = Referral.objects.get(source="fhir")
    assert (referral.urgency, referral.person.postcode) == ("routine", "LS1 4AP")
    cancel = bundle(id="m3", **{"entry.1.resource.status": "revoked"})
    cancel["entry"][0]["resource"]["reason"] = {"coding": [{"code": "update"}]}
    reply = post(client, auth, cancel).json()
    assert reply["entry"][1]["resource"]["status"] == "revoked"
    assert reply["entry"][2]["resource"]["businessStatus"]["coding"][0]["code"] == "closed"
    referral.refresh_from_db()
    assert (referral.status, referral.outcome, Referral.objects.filter(source="fhir").count()) == (
        "closed",
        "cancelled",
        1,
    )


def test_an_update_to_a_declined_referral_is_a_conflict(client, auth, world):
    post(client, auth, bundle())
    referral = Referral.objects.get(source="fhir")
    services.referral_decline(referral=referral, by=world.users["link_worker"], reason="out_of_area")
    update = bundle(id="m2", **{"entry.0.resource.reason": {"coding": [{"code": "update"}]}})
    response = post(client, auth, update)
    assert response.status_code == 409 and check_refusal(response.json(), "REC_CONFLICT")


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ({"code": "booking-request", "system": "https://fhir.nhs.uk/CodeSystem/message-events-bars"}, "new"),
        ({"code": "made-up"}, "new"),
        ({"code": "servicerequest-request", "system": "https://fhir.nhs.uk/CodeSystem/message-events-bars"}, "later"),
    ],
)
def test_unknown_events_and_reasons_are_refused_clearly(client, auth, event, reason):
    message = bundle(**{"entry.0.resource.eventCoding": event})
    message["entry"][0]["resource"]["reason"] = {"coding": [{"code": reason}]}
    response = post(client, auth, message)
    assert response.status_code == 422
    expressions = check_refusal(response.json(), "REC_UNPROCESSABLE_ENTITY")
    assert expressions == [f"Bundle.entry[0].resource.{'reason' if reason == 'later' else 'eventCoding'}"]
    assert not Referral.objects.filter(source="fhir").exists()


def test_message_ids_that_are_not_fhir_ids_are_refused(client, auth):
    response = post(client, auth, bundle(id="not a fhir id!"))
    assert response.status_code == 400 and check_refusal(response.json(), "REC_BAD_REQUEST") == ["Bundle.id"]
    assert not Referral.objects.filter(source="fhir").exists()


def test_error_codes_for_bad_json_and_no_token(client, auth):
    check_refusal(post(client, auth, "{bad").json(), "REC_BAD_REQUEST")
    response = post(client, {}, bundle())
    assert response.status_code == 401 and check_refusal(response.json(), "REC_UNAUTHORIZED")


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/fhir/$process-message", 405, "REC_METHOD_NOT_ALLOWED"),
        ("delete", "/fhir/metadata", 405, "REC_METHOD_NOT_ALLOWED"),
        ("get", "/fhir/Patient/1", 404, "REC_NOT_FOUND"),
        ("get", "/fhir/ServiceRequest/00000000-0000-0000-0000-000000000000", 404, "REC_NOT_FOUND"),
    ],
)
def test_fhir_paths_answer_404_and_405_as_operation_outcomes(client, db, method, path, status, code):
    response = getattr(client, method)(path, **HEADERS)
    assert response.status_code == status and response["Content-Type"].startswith("application/fhir+json")
    check_refusal(response.json(), code)
    assert response["X-Request-Id"] == HEADERS["HTTP_X_REQUEST_ID"]


def test_service_request_read_is_valid_r4_with_status_in_an_extension(client, auth):
    created = post(client, auth, bundle())
    pk = created.json()["entry"][1]["resource"]["id"]
    read = client.get(f"/fhir/ServiceRequest/{pk}", **auth)
    check_service_request(read.json())
    assert read.json()["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "received"


def test_erasure_blanks_stored_replies_but_keeps_the_message_ids(client, auth, world):
    from connected.casework.erasure import person_erase
    from connected.casework.models import ReceivedMessage

    post(client, auth, bundle())
    stored = ReceivedMessage.objects.get()
    assert "9434765838" in json.dumps(stored.reply)
    person_erase(person=stored.referral.person, by=world.users["scheme_manager"], why="request")
    stored.refresh_from_db()
    assert stored.reply == {} and stored.message_key == "Bundle/msg-bundle-1" and len(stored.digest) == 64
