"""The befriending pages through the test client: apply, review, take on, match, log, concern, act, end."""

from __future__ import annotations

import pytest
from django.core import mail

from connected.befriending.models import Concern, Match, Request, Volunteer
from connected.measures.models import MeasureResponse
from tests.befriending.builders import make_befriending
from tests.casework.builders import sign_in

pytestmark = pytest.mark.django_db

APPLY = {
    "given_name": "Nell", "family_name": "Gwynne", "email": "nell@example.org", "postcode": "LS7 3AB",
    "availability": ["tue_pm", "sat_am"], "modes": ["phone"], "languages": ["English"], "travel_km": "3",
}  # fmt: skip


def test_public_application_names_each_problem_then_saves_once(client):
    world = make_befriending()
    bad = client.post("/befriending/volunteer/", {**APPLY, "email": "nope", "availability": [], "postcode": "XX"})
    assert bad.status_code == 400
    text = bad.content.decode()
    for message in ("Enter an email address like name@example.com", "Choose at least one time of the week"):
        assert message in text
    assert not Volunteer.objects.filter(email="nell@example.org").exists()
    done = client.post("/befriending/volunteer/", APPLY)
    assert done.status_code == 302 and done["Location"] == "/befriending/volunteer/sent/"
    assert Volunteer.objects.get(email="nell@example.org").scheme == world.scheme
    trap = client.post("/befriending/volunteer/", {**APPLY, "email": "bot@example.org", "website": "spam"})
    assert trap.status_code == 302 and not Volunteer.objects.filter(email="bot@example.org").exists()


def test_coordinator_takes_on_matches_and_a_concern_is_listed_within_one_request(client):
    world = make_befriending()
    sign_in(client, world.users["coordinator"])
    waiting = client.get("/befriending/waiting/").content.decode()
    assert f"/befriending/referrals/{world.referral.pk}/take-on/" in waiting
    taken = client.post(f"/befriending/referrals/{world.referral.pk}/take-on/", {
        "availability": ["tue_pm"], "modes": ["phone"], "languages": ["English"], "interests": ["gardening"],
        "shared": ["interests"]})  # fmt: skip
    request = Request.objects.get()
    assert taken["Location"] == f"/befriending/requests/{request.pk}/"
    page = client.get(taken["Location"]).content.decode()
    assert "Shared interests: gardening" in page and "Vera Lynn" in page
    vera = world.volunteers["volunteer"]
    refused = client.post(taken["Location"], {"volunteer": vera.pk, "slot": "sat_am", "mode": "phone"})
    assert refused.status_code == 400 and "Choose a time that suits both of them" in refused.content.decode()
    client.post(taken["Location"], {"volunteer": vera.pk, "slot": "tue_pm", "mode": "phone"})
    match = Match.objects.get()
    # The volunteer logs a call, is worried, and raises a concern ...
    sign_in(client, world.users["volunteer"])
    call = match.calls.order_by("due_at").first()
    logged = client.post(f"/befriending/calls/{call.pk}/log/", {"happened": "yes", "mood": "worried", "pass_on": ""})
    assert logged["Location"] == f"/befriending/matches/{match.pk}/concern/"
    mail.outbox.clear()
    client.post(logged["Location"], {"kind": "health", "detail": "Has not eaten for two days"})
    assert len(mail.outbox) == 2
    # ... and the very next request, the coordinator's list, shows it open.
    sign_in(client, world.users["coordinator"])
    listing = client.get("/befriending/concerns/").content.decode()
    concern = Concern.objects.get()
    assert f"/befriending/concerns/{concern.pk}/" in listing and "1 open" in listing
    assert "Has not eaten" not in client.get("/befriending/mine/").content.decode()
    client.post(f"/befriending/concerns/{concern.pk}/", {"step": "acknowledge"})
    empty = client.post(f"/befriending/concerns/{concern.pk}/", {"action": ""})
    assert empty.status_code == 400 and "Say what was done" in empty.content.decode()
    client.post(f"/befriending/concerns/{concern.pk}/", {"action": "Visited with the GP practice nurse"})
    concern.refresh_from_db()
    assert concern.status == "acted" and concern.acknowledged_by == world.users["coordinator"]
    # Ending well: a reason, a goodbye, then the end measures on the match.
    ended = client.post(f"/befriending/matches/{match.pk}/end/", {"reason": "goals_met", "goodbye": "last_call"})
    assert ended["Location"] == f"/befriending/matches/{match.pk}/measures/"
    answers = {"timepoint": "discharge", "ons-direct-lonely": "occasionally"}
    answers |= {f"ucla3-{item}": "some_of_the_time" for item in ("lack_companionship", "left_out", "isolated")}
    saved = client.post(ended["Location"], answers)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert MeasureResponse.objects.filter(subject_type="befriending.match", timepoint="discharge").count() == 2
