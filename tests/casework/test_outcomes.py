"""Messages back to the referrer: the SNOMED table, the message shape (valid FHIR R4), the letter fallback,
delivery status on the case page, retries with back-off."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from connected.casework import outcomes, services, snomed
from connected.casework.models import OutcomeMessage
from connected.casework.vocabulary import DeclineReason, IntroductionStatus, Need, Outcome, RiskCircumstance, Status
from connected.core.models import ApiToken, AuditEvent

from .builders import make_world, sign_in
from .fhir_samples import bundle
from .outcome_helpers import record_ucla, validate_fhir

HTTP_OK = override_settings(OUTCOME_ENDPOINT_SCHEMES=("https", "http"))


def verhoeff_ok(number: str) -> bool:
    """SNOMED CT identifiers end in a Verhoeff check digit: a mistyped code fails this."""
    d = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
         [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
         [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
         [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]  # fmt: skip
    p = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4]]
    for i in range(2, 8):
        p.append([p[i - 1][p[1][j]] for j in range(10)])
    check = 0
    for i, digit in enumerate(reversed(number)):
        check = d[check][p[i % 8][int(digit)]]
    return check == 0


@pytest.mark.parametrize(
    ("kind", "choices"),
    [
        ("need", Need),
        ("risk", RiskCircumstance),
        ("outcome", Outcome),
        ("decline", DeclineReason),
        ("introduction", IntroductionStatus),
        ("status", Status),
    ],
)
def test_every_vocabulary_value_is_mapped_or_listed_as_unmapped(kind, choices):
    table, unmapped = snomed.TABLES[kind][1], snomed.UNMAPPED[kind]
    for value in choices.values:
        assert (value in table) != (value in unmapped), f"{kind}:{value} must be in exactly one of the two"
        if value in unmapped:
            assert unmapped[value].strip()
    for concept in table.values():
        assert concept.source in snomed.SOURCES and concept.code.isdigit() and verhoeff_ok(concept.code)


def test_the_social_prescribing_concepts_are_the_ones_the_standard_names():
    assert snomed.REFERRAL.code == "871731000000106" and snomed.DECLINED.code == "871711000000103"
    assert not verhoeff_ok("871711000000104")  # the check digit catches a typo
    assert snomed.codeable("need", "money") == {"text": "Money, debt or benefits"}
    assert snomed.codeable("need", "loneliness")["coding"][0]["code"] == "422650009"


@pytest.fixture
def world(db):
    return make_world()


def fhir_referral(client, world, endpoint="https://gp.example.nhs.uk/fhir"):
    _, plain = ApiToken.issue(user=world.users["referrer"], name="EMIS at Park Surgery")
    body = bundle(**{"entry.0.resource.source.endpoint": endpoint})
    auth = {"HTTP_AUTHORIZATION": f"Bearer {plain}"}
    response = client.post("/fhir/$process-message", json.dumps(body), content_type="application/fhir+json", **auth)
    assert response.status_code in (200, 201), response.content
    from connected.casework.models import Referral

    return Referral.objects.get(external_id="EMIS-REF-0001")


def test_accept_queues_a_valid_bars_response_to_the_senders_endpoint(world, client):
    referral = fhir_referral(client, world)
    services.referral_accept(referral=referral, by=world.users["link_worker"])
    message = OutcomeMessage.objects.get(referral=referral)
    assert message.event == "accepted" and message.status == "queued"
    assert message.endpoint == "https://gp.example.nhs.uk/fhir/$process-message"
    assert DBTaskResult.objects.filter(args_kwargs__args=[str(message.pk)]).count() == 1
    kinds = validate_fhir(message.bundle)
    assert kinds[:4] == ["MessageHeader", "Task", "ServiceRequest", "Patient"]
    header, task, request = (e["resource"] for e in message.bundle["entry"][:3])
    assert header["eventCoding"]["code"] == "servicerequest-response"
    assert header["response"] == {"identifier": "header-1", "code": "ok"}
    assert header["destination"][0]["endpoint"] == message.endpoint
    assert task["status"] == "accepted" and task["code"]["coding"][0]["code"] == "871691000000100"
    assert request["identifier"] == [{"value": "EMIS-REF-0001"}]


def test_decline_is_coded_social_prescribing_declined(world, client):
    referral = fhir_referral(client, world)
    services.referral_decline(referral=referral, by=world.users["link_worker"], reason="person_declined")
    message = OutcomeMessage.objects.get(referral=referral)
    validate_fhir(message.bundle)
    task = message.bundle["entry"][1]["resource"]
    assert task["status"] == "rejected"
    assert task["code"]["coding"][0]["code"] == "871711000000103"
    assert task["statusReason"]["coding"][0]["code"] == "871711000000103"


def test_discharge_says_what_was_done_and_the_measures_before_and_after(world, client):
    referral = fhir_referral(client, world)
    worker = world.users["link_worker"]
    services.referral_accept(referral=referral, by=worker)
    services.contact_record(referral=referral, by=worker, mode="phone", duration_minutes=30, notes="Private note")
    record_ucla(referral, worker, timepoint="baseline", level="often")
    record_ucla(referral, worker, timepoint="follow_up", level="hardly_ever_or_never", days=60)
    services.referral_close(referral=referral, by=worker, outcome="connected", notes="Private closing note")
    message = OutcomeMessage.objects.get(referral=referral, event="discharged")
    kinds = validate_fhir(message.bundle)
    assert {"Encounter", "Observation"} <= set(kinds)
    text = json.dumps(message.bundle)
    assert "Private note" not in text and "Private closing note" not in text  # case notes stay in the case
    observation = next(e["resource"] for e in message.bundle["entry"] if e["resource"]["resourceType"] == "Observation")
    assert [c["valueInteger"] for c in observation["component"]] == [9, 3]
    assert observation["interpretation"][0]["text"] == "improved"
    task = message.bundle["entry"][1]["resource"]
    assert task["status"] == "completed" and task["code"]["coding"][0]["code"] == "1362721000000106"


def test_no_endpoint_means_a_letter_downloadable_from_the_case_page_and_audited(world, client):
    referral = world.records["own_scheme"]  # made on the web form: no system to post to
    worker = world.users["link_worker"]
    services.referral_accept(referral=referral, by=worker)
    services.referral_close(referral=referral, by=worker, outcome="goals_met")
    letters = OutcomeMessage.objects.filter(referral=referral).order_by("created_at")
    assert [m.status for m in letters] == ["letter", "letter"] and not DBTaskResult.objects.exists()
    sign_in(client, worker)
    page = client.get(f"/casework/cases/{referral.pk}/").content.decode()
    assert 'id="outcome-messages"' in page and "Letter to download" in page
    response = client.get(f"/casework/cases/{referral.pk}/messages/{letters[1].pk}/letter.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(object_id=str(letters[1].pk), action="export", why="outcome letter").exists()
    other = world.users["link_worker_b"]
    sign_in(client, other)
    assert client.get(f"/casework/cases/{referral.pk}/messages/{letters[1].pk}/letter.pdf").status_code == 403


def test_self_referrals_and_unsafe_endpoints_get_no_message(world, client):
    referral = fhir_referral(client, world, endpoint="http://169.254.169.254/latest")  # http: not allowed
    assert outcomes.referrer_endpoint(referral) == ""
    with HTTP_OK:
        assert outcomes.referrer_endpoint(referral) == "http://169.254.169.254/latest/$process-message"
    with override_settings(OUTCOME_ENDPOINT_HOSTS=("api.service.nhs.uk",)):
        assert outcomes.referrer_endpoint(referral) == ""  # not the allowed host
        referral.source_payload["entry"][0]["resource"]["source"]["endpoint"] = "https://int.api.service.nhs.uk/bars"
        assert outcomes.referrer_endpoint(referral) == "https://int.api.service.nhs.uk/bars/$process-message"
    referral.source = "self"
    assert outcomes.outcome_for_status(referral=referral, status=Status.ACCEPTED) is None


def test_failures_back_off_exponentially_then_fail_and_can_be_sent_again(world, client):
    referral = fhir_referral(client, world, endpoint="https://127.0.0.1:9/fhir")  # nothing listens there
    services.referral_accept(referral=referral, by=world.users["link_worker"])
    message = OutcomeMessage.objects.get(referral=referral)
    assert [outcomes.backoff(n) for n in (1, 2, 3)] == [dt.timedelta(seconds=s) for s in (60, 120, 240)]
    with override_settings(OUTCOME_MAX_ATTEMPTS=2):
        assert outcomes.send_outcome.call(str(message.pk)) == "queued"
        message.refresh_from_db()
        assert message.attempts == 1 and "could not reach" in message.last_error
        assert message.next_attempt_at is not None
        retry = DBTaskResult.objects.order_by("-enqueued_at").first()
        assert retry.run_after == message.next_attempt_at
        assert outcomes.send_outcome.call(str(message.pk)) == "failed"
    message.refresh_from_db()
    assert message.status == "failed" and message.attempts == 2
    sign_in(client, world.users["link_worker"])
    assert "Send again" in client.get(f"/casework/cases/{referral.pk}/").content.decode()
    client.post(f"/casework/cases/{referral.pk}/messages/{message.pk}/retry/")
    message.refresh_from_db()
    assert message.status == "queued" and message.attempts == 0


def test_the_example_in_the_integration_guide_is_valid_and_matches_the_code():
    from pathlib import Path

    from connected.casework import outcome_fhir

    guide = (Path(__file__).resolve().parents[2] / "docs" / "integration.md").read_text()
    section = guide.split("## Messages back to the referrer", 1)[1].split("\n## ", 1)[0]
    example = json.loads(section.split("```json", 1)[1].split("```", 1)[0])
    assert validate_fhir(example)[:4] == ["MessageHeader", "Task", "ServiceRequest", "Patient"]
    header, task = example["entry"][0]["resource"], example["entry"][1]["resource"]
    assert header["eventCoding"] == {"system": outcome_fhir.BARS_EVENTS, "code": outcome_fhir.RESPONSE_EVENT}
    assert task["code"]["coding"][0] == snomed.CLOSED.coding()
    for concept in (snomed.OFFERED, snomed.DECLINED, snomed.CLOSED):
        assert f"{concept.code} {concept.display}" in section


SCHEMES = st.sampled_from(["http", "https", "HTTPS", "file", "javascript"])
URLISH = st.builds("{}://{}".format, SCHEMES, st.text(max_size=30))


@given(st.one_of(URLISH, st.text(max_size=80), st.none(), st.integers(), st.lists(st.text(max_size=5), max_size=2)))
@hsettings(max_examples=200, deadline=None)
def test_any_source_endpoint_gives_an_https_url_or_nothing(endpoint):
    from connected.casework.models import Referral

    header = {"resourceType": "MessageHeader", "source": {"endpoint": endpoint}}
    referral = Referral(source_payload={"entry": [{"resource": header}]})
    found = outcomes.referrer_endpoint(referral)
    assert found == "" or (found.startswith("https://") and found.endswith("/$process-message"))


def test_the_letter_says_what_happened_in_words_with_the_code_to_file(world):
    from connected.casework import letters

    referral = world.records["own_scheme"]
    worker = world.users["link_worker"]
    services.referral_accept(referral=referral, by=worker)
    services.contact_record(referral=referral, by=worker, mode="phone", notes="Private note")
    record_ucla(referral, worker, timepoint="baseline", level="often")
    record_ucla(referral, worker, timepoint="follow_up", level="some_of_the_time", days=40)
    services.referral_close(referral=referral, by=worker, outcome="connected", notes="Private closing note")
    accepted, discharged = OutcomeMessage.objects.filter(referral=referral).order_by("created_at")
    html = letters.letter_html(discharged)
    assert "Social prescribing case closed" in html and "1362721000000106" in html
    assert "To: nurse_2, Park Surgery" in html  # the referrer who made it on the web form
    assert "Connected to activities or support" in html and "UCLA 3-item" in html and "Phone" in html
    assert "Private note" not in html and "Private closing note" not in html
    assert "871691000000100" in letters.letter_html(accepted)  # the accepted letter keeps its own code


def test_erasure_clears_a_queued_message_and_it_is_never_sent(world, client):
    from connected.casework import erasure

    referral = fhir_referral(client, world)
    services.referral_accept(referral=referral, by=world.users["link_worker"])
    message = OutcomeMessage.objects.get(referral=referral)
    erasure.person_erase(person=referral.person, by=world.users["scheme_manager"], why="test")
    message.refresh_from_db()
    assert message.bundle == {} and message.endpoint == "" and message.event == "accepted"
    assert outcomes.send_outcome.call(str(message.pk)) == "erased"
    message.refresh_from_db()
    assert message.status == "failed" and message.attempts == 0
