"""The read-only measures API: definitions as JSON, and scoring with errors naming each item (400)."""

from __future__ import annotations

import pytest

from connected.measures import registry
from connected.measures.models import MeasureResponse

pytestmark = pytest.mark.django_db


def test_instruments_lists_every_definition(client):
    body = client.get("/measures/api/instruments").json()
    assert {i["code"] for i in body} == {i.code for i in registry.all()}
    ucla = next(i for i in body if i["code"] == "ucla3")
    assert ucla["url"].endswith("/measures/api/instruments/ucla3")
    assert client.get(ucla["url"]).status_code == 200


def test_definition_has_exact_wording_and_options_in_presentation_order(client):
    body = client.get("/measures/api/instruments/cel").json()
    assert body["items"][0]["text"] == "I am content with my friendships and relationships"
    assert next(o["label"] for o in body["items"][0]["options"]) == "Strongly disagree"
    second = body["items"][1]["options"]  # item 2 is presented from Strongly agree
    assert [(o["label"], o["score"]) for o in second] == [
        ("Strongly agree", 0),
        ("Agree", 1),
        ("Neutral", 2),
        ("Disagree", 3),
        ("Strongly disagree", 4),
    ]
    assert body["scores"][0]["range"] == [0, 12] and body["scores"][0]["direction"] == "higher_worse"
    direct = client.get("/measures/api/instruments/ons-direct").json()
    assert direct["ask_after"] == ["ucla3"]
    ucla = client.get("/measures/api/instruments/ucla3").json()
    assert ucla["scores"][0]["bands_source"] == "commonly_reported"
    assert ucla["scores"][0]["reliability"]["source"] == "no published value; set per scheme"


def test_unknown_instrument_is_404(client):
    assert client.get("/measures/api/instruments/phq9").status_code == 404


def test_score_returns_total_and_band(client):
    answers = {"lack_companionship": "often", "left_out": "some_of_the_time", "isolated": "hardly_ever_or_never"}
    response = client.post(
        "/measures/api/score", {"instrument": "ucla3", "answers": answers}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 6 and body["bands"] == {"total": "Lonely"}
    assert body["scores"][0]["range"] == [3, 9]


def test_score_ons4_per_item_with_numbers(client):
    answers = {"life_satisfaction": 4, "worthwhile": 5, "happiness": 9, "anxiety": 6}
    body = client.post(
        "/measures/api/score", {"instrument": "ons4", "answers": answers}, content_type="application/json"
    ).json()
    assert body["total"] is None
    assert body["bands"] == {
        "life_satisfaction": "Low",
        "worthwhile": "Medium",
        "happiness": "Very high",
        "anxiety": "High",
    }


def test_partial_and_out_of_range_answers_are_400_naming_each_item(client):
    answers = {"lack_companionship": "often", "isolated": "always", "extra": "often"}
    response = client.post(
        "/measures/api/score", {"instrument": "ucla3", "answers": answers}, content_type="application/json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["item"] for e in errors] == ["left_out", "isolated", "extra"]
    assert errors[0]["message"] == "Answer \u2018How often do you feel left out?\u2019"
    assert "How often do you feel isolated from others?" in errors[1]["message"]
    assert MeasureResponse.objects.count() == 0


def test_unknown_instrument_in_score_is_400_naming_the_field(client):
    response = client.post(
        "/measures/api/score", {"instrument": "phq9", "answers": {}}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [{"item": "instrument", "message": "Unknown instrument \u2018phq9\u2019"}]


def test_openapi_and_docs_are_served_without_a_cdn(client):
    spec = client.get("/measures/api/openapi.json").json()
    assert {"/measures/api/instruments", "/measures/api/instruments/{code}", "/measures/api/score"} <= set(
        spec["paths"]
    )
    docs = client.get("/measures/api/docs").content.decode()
    assert "/measures/api/openapi.json" in docs
    assert "cdn." not in docs and "https://" not in docs
