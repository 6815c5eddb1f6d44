"""A person answers a set from a signed link: stored against the subject once, as completed by the person."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest

from connected.measures.links import InvitationInvalid, invitation_from_token, invitation_path, invitation_token
from connected.measures.models import MeasureResponse

pytestmark = pytest.mark.django_db
CASE = "casework.case"
FULL = {
    "ucla3-lack_companionship": "often",
    "ucla3-left_out": "some_of_the_time",
    "ucla3-isolated": "often",
    "ons-direct-lonely": "some_of_the_time",
}


def link(codes=("ons-direct", "ucla3"), timepoint="follow_up"):
    return invitation_path(subject_type=CASE, subject_id="case-9", codes=list(codes), timepoint=timepoint)


def test_token_round_trips_and_refuses_tampering_and_expiry():
    token = invitation_token(subject_type=CASE, subject_id=42, codes=["ucla3"], timepoint="baseline")
    invitation = invitation_from_token(token)
    assert (invitation.subject_type, invitation.subject_id, invitation.codes) == (CASE, "42", ("ucla3",))
    with pytest.raises(InvitationInvalid, match="not valid"):
        invitation_from_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))
    with pytest.raises(InvitationInvalid, match="expired"):
        invitation_from_token(token, max_age=timedelta(seconds=-1))
    with pytest.raises(ValueError):
        invitation_token(subject_type=CASE, subject_id=1, codes=["ucla3"], timepoint="someday")


def test_the_link_asks_the_set_in_question_order(client):
    html = unescape(client.get(link()).content.decode())
    legends = [re.sub(r"<[^>]+>|\s+", " ", m).strip() for m in re.findall(r"<legend[^>]*>(.*?)</legend>", html, re.S)]
    assert legends[-1] == "How often do you feel lonely?"  # asked after the UCLA items although listed first
    assert len(legends) == 4


def test_a_partial_answer_is_refused_naming_the_item_and_nothing_is_stored(client):
    url = link()
    response = client.post(url, {k: v for k, v in FULL.items() if k != "ucla3-left_out"})
    assert response.status_code == 400
    assert "Answer \u2018How often do you feel left out?\u2019" in unescape(response.content.decode())
    assert MeasureResponse.objects.count() == 0


def test_complete_answers_are_stored_once_as_the_persons_own(client):
    url = link()
    assert client.post(url, FULL).status_code == 200
    stored = {r.instrument_code: r for r in MeasureResponse.objects.all()}
    assert set(stored) == {"ucla3", "ons-direct"}
    assert stored["ucla3"].total == 8 and stored["ons-direct"].bands == {"lonely": "Some of the time"}
    assert {r.completed_by for r in stored.values()} == {"person"}
    assert {(r.subject_type, r.subject_id, r.timepoint) for r in stored.values()} == {(CASE, "case-9", "follow_up")}
    assert stored["ucla3"].sitting == stored["ons-direct"].sitting
    # Opening or posting again records nothing more.
    again = client.post(url, {**FULL, "ucla3-isolated": "hardly_ever_or_never"})
    assert "Thank you" in again.content.decode()
    assert MeasureResponse.objects.count() == 2 and MeasureResponse.objects.get(instrument_code="ucla3").total == 8


def test_a_broken_link_says_so(client):
    response = client.get("/measures/respond/not-a-token/")
    assert response.status_code == 404
    assert "This link cannot be used" in response.content.decode()
