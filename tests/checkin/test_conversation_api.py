"""The conversation API end to end through the test client: JSON and Twilio, consent, expiry, crisis."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from django.test import Client
from django.utils import timezone

from connected.casework.models import Person, Referral
from connected.core.models import OutcodeCentroid, Postcode
from connected.public import twilio
from connected.public.models import Conversation
from tests.casework.builders import make_world
from tests.public.builders import leeds_directory

pytestmark = pytest.mark.django_db
API = "/check-in/api/messages"
TWILIO = Path(__file__).resolve().parent.parent / "fixtures" / "twilio"
# Lonely often (3,3,3), often/always (1), no ONS4, the first part of a Leeds postcode, in person.
CHECK_IN = ["hello", "3", "3", "3", "1", "no", "LS1", "1"]


def say(client: Client, key: str | None, text: str) -> dict:
    response = client.post(API, {"conversation": key, "text": text}, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


def converse(client: Client, messages: list[str]) -> tuple[str | None, list[str]]:
    key, replies = None, []
    for text in messages:
        answer = say(client, key, text)
        key = answer["conversation"]
        replies.append(answer["reply"])
    return key, replies


def test_the_journey_ends_in_a_referral_to_the_local_scheme(client: Client):
    world = make_world()
    leeds_directory()
    before = Referral.objects.count()
    key, replies = converse(client, CHECK_IN)
    results = replies[-1]
    assert "Your score was 9 out of 9" in results and "Tip:" in results
    assert (
        "1 Park walk, 0.5 miles" in results and "3 Community choir" in results and "Whitby" not in results
    )  # three nearby at most, near first
    assert Conversation.objects.get(key=key).state.get("outcode") == "LS1"  # only the first part kept
    assert "postcode" not in str(Conversation.objects.get(key=key).state.get("person", ""))
    _, replies = converse_from(client, key, ["yes", "yes", "Ada", "Byron", "10/12/1955", "LS1 4AP", "0113 496 0001"])
    assert replies[-1].startswith(f"Thank you. A link worker from {world.scheme_a.name} will call you")
    referral = Referral.objects.get(person__family_name="Byron")
    assert Referral.objects.count() == before + 1 and referral.scheme == world.scheme_a
    assert referral.person.family_name == "Byron" and "loneliness check-in" in referral.reason
    assert Conversation.objects.count() == 0  # the conversation is forgotten once the referral is made


def test_a_postcode_no_scheme_covers_is_told_so_and_nothing_is_sent(client: Client):
    make_world()
    leeds_directory()
    before = (Referral.objects.count(), Person.objects.count())
    key, _ = converse(client, CHECK_IN)
    _, replies = converse_from(client, key, ["yes", "yes", "Ada", "Byron", "10/12/1955", "TR1 1AA", "0113 496 0001"])
    assert "no social prescribing scheme in Connected covers your postcode" in replies[-1]
    assert (Referral.objects.count(), Person.objects.count()) == before


def converse_from(client: Client, key: str, messages: list[str]) -> tuple[str | None, list[str]]:
    replies = []
    for text in messages:
        answer = say(client, key, text)
        key = answer["conversation"]
        replies.append(answer["reply"])
    return key, replies


def test_consent_refused_leaves_nothing_stored(client: Client):
    make_world()
    people, referrals = Person.objects.count(), Referral.objects.count()
    key, _ = converse(client, ["hello", "3", "3", "3", "1", "no", "skip", "4"])
    _, replies = converse_from(client, key, ["yes", "no"])
    assert "We have not kept anything" in replies[-1]
    assert Conversation.objects.count() == 0
    assert (Person.objects.count(), Referral.objects.count()) == (people, referrals)
    after = say(client, key, "Ada")  # the old id is gone: a new start, not the old conversation
    assert after["conversation"] != key and "quiet for a while" in after["reply"]


def test_an_expired_conversation_starts_again_and_its_state_is_deleted(client: Client):
    key, _ = converse(client, ["hello", "2"])
    Conversation.objects.filter(key=key).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    answer = say(client, key, "2")
    assert "quiet for a while" in answer["reply"] and "lack companionship" in answer["reply"]
    assert answer["conversation"] != key and not Conversation.objects.filter(key=key).exists()


def test_crisis_words_bring_urgent_help_at_any_point(client: Client):
    key, _ = converse(client, ["hello"])
    answer = say(client, key, "I want to end my life")
    assert answer["reply"].startswith("Please talk to someone now") and "116 123" in answer["reply"]
    assert Conversation.objects.get(key=key).state["i"] == 0  # the check-in waits where it was


def test_low_wellbeing_puts_urgent_help_before_the_results(client: Client):
    messages = ["hi", "1", "1", "1", "5", "yes", "5", "1", "5", "5", "skip", "4"]
    _, replies = converse(client, messages)
    assert replies[-1].startswith("Please talk to someone now")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"not json", "body"),
        (b"[1]", "body"),
        (b'{"text": ""}', "text"),
        (b'{"text": "hi", "conversation": 5}', "conversation"),
    ],
)
def test_bad_requests_name_the_field_and_store_nothing(client: Client, body: bytes, field: str):
    response = client.post(API, body, content_type="application/json")
    assert response.status_code == 400 and field in response.json()["errors"]
    assert Conversation.objects.count() == 0


def test_twilio_signature_matches_twilios_published_example():
    params = {
        "CallSid": "CA1234567890ABCDE",
        "Caller": "+12349013030",
        "Digits": "1234",
        "From": "+12349013030",
        "To": "+18005551212",
    }
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    assert twilio.signature("12345", url, params) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    assert not twilio.is_signed("", url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")  # no token: refuse everything


def test_twilio_webhook_runs_the_journey_from_recorded_payloads(client: Client, settings):
    settings.TWILIO_AUTH_TOKEN = "test-token"
    Postcode.objects.create(postcode="LS1 4AP", lat=53.796, lon=-1.547, outcode="LS1")
    OutcodeCentroid.objects.create(outcode="LS1", lat=53.7975, lon=-1.545, n_postcodes=100)
    url = "http://testserver/check-in/twilio/"
    replies = []
    for line in (TWILIO / "consent_refused.txt").read_text().splitlines():
        params = dict(parse_qsl(line, keep_blank_values=True))
        sent = twilio.signature("test-token", url, params)
        response = client.post("/check-in/twilio/", params, headers={"X-Twilio-Signature": sent})
        assert response.status_code == 200 and response["Content-Type"] == "text/xml"
        replies.append(response.content.decode())
        stored = " ".join(str(c.key) + str(c.state) for c in Conversation.objects.all())
        assert "447700900456" not in stored  # the phone number is never kept
    assert replies[0].startswith('<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hello.')
    assert "We have not kept anything" in replies[-1]
    assert Conversation.objects.count() == 0 and Person.objects.count() == 0


def test_twilio_webhook_refuses_a_bad_signature(client: Client, settings):
    settings.TWILIO_AUTH_TOKEN = "test-token"
    params = {"From": "+447700900456", "Body": "Hello"}
    response = client.post("/check-in/twilio/", params, headers={"X-Twilio-Signature": "forged="})
    assert response.status_code == 403 and Conversation.objects.count() == 0
