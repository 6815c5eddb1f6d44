"""Forms that behave (ADR 0033): contacts dated and signed, keys that stop double posts, one measure alone,
no second introduction to the same activity, a referral read back, "my referrals" paged, plain errors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from connected.casework import services
from connected.casework.models import Contact, Introduction, Referral
from connected.directory.models import Service
from connected.measures.models import MeasureResponse

from .builders import make_world, sign_in


@pytest.fixture
def world(db):
    return make_world()


def _date(day: dt.date) -> dict[str, str]:
    return {"on_day": str(day.day), "on_month": str(day.month), "on_year": str(day.year)}


def test_contact_is_backdated_signed_and_refused_in_the_future_and_a_repeat_post_saves_once(world, client):
    case = world.records["own_scheme"]
    sign_in(client, world.users["link_worker"])
    form = client.get(f"/casework/cases/{case.pk}/contact/").content.decode()
    assert 'name="submission_key"' in form and "Time of the contact" in form
    key = {"submission_key": "a" * 32}
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    future = client.post(f"/casework/cases/{case.pk}/contact/", {"mode": "phone", "at_time": "09:00"} | _date(tomorrow))
    assert future.status_code == 400 and "Date of the contact must be today or earlier" in future.content.decode()
    bad_time = client.post(
        f"/casework/cases/{case.pk}/contact/", {"mode": "phone", "at_time": "25:99"} | _date(timezone.localdate())
    )
    assert "like 14:30" in bad_time.content.decode() and not Contact.objects.exists()
    last_week = timezone.localdate() - dt.timedelta(days=7)
    posted = {"mode": "home_visit", "at_time": "14:30", "duration_minutes": "45"} | _date(last_week) | key
    assert client.post(f"/casework/cases/{case.pk}/contact/", posted).status_code == 302
    assert client.post(f"/casework/cases/{case.pk}/contact/", posted).status_code == 302  # the same post again
    contact = Contact.objects.get()
    assert timezone.localtime(contact.at).date() == last_week and f"{timezone.localtime(contact.at):%H:%M}" == "14:30"
    page = client.get(f"/casework/cases/{case.pk}/").content.decode()
    assert "Recorded by lw_a" in page and "45 minutes" in page


def test_one_measure_is_recorded_without_the_others(world, client):
    case = world.records["own_scheme"]
    sign_in(client, world.users["link_worker"])
    only_ucla = {"ucla3-lack_companionship": "often", "ucla3-left_out": "often", "timepoint": "baseline"}
    half = client.post(f"/casework/cases/{case.pk}/measures/", only_ucla)
    assert half.status_code == 400 and not MeasureResponse.objects.exists()  # a measure begun is finished
    saved = client.post(f"/casework/cases/{case.pk}/measures/", only_ucla | {"ucla3-isolated": "often"})
    assert saved.status_code == 302
    assert list(MeasureResponse.objects.values_list("instrument_code", flat=True)) == ["ucla3"]


def test_a_second_introduction_to_the_same_activity_is_refused_with_a_message(world, client):
    case = world.records["own_scheme"]
    walk = Service.objects.create(name="Tuesday Walking Group")
    sign_in(client, world.users["link_worker"])
    client.post(f"/casework/cases/{case.pk}/introductions/", {"service": str(walk.pk)})
    again = client.post(f"/casework/cases/{case.pk}/introductions/", {"service": str(walk.pk)}, follow=True)
    assert "Tuesday Walking Group is already suggested on this case" in again.content.decode()
    assert Introduction.objects.filter(referral=case).count() == 1


def test_referral_is_read_back_once_sent_and_my_referrals_is_paged_and_searchable(world, client):
    gp = world.users["referrer"]
    sign_in(client, gp)
    form = {
        "given_name": "Mary",
        "family_name": "Somerville",
        "date_of_birth_day": "26",
        "date_of_birth_month": "12",
        "date_of_birth_year": "1940",
        "postcode": "LS6 3HN",
        "phone": "0113 496 0002",
        "needs": ["loneliness"],
        "urgency": "soon",
        "consent_given": "on",
        "reason": "Lives alone since her husband died",
        "submission_key": "b" * 32,
    }
    sent = client.post("/casework/refer/", form)
    assert sent.status_code == 302 and sent["Location"].endswith("?sent=1")
    assert client.post("/casework/refer/", form)["Location"] == sent["Location"]  # a double press sends once
    assert Referral.objects.filter(person__family_name="Somerville").count() == 1
    page = client.get(sent["Location"]).content.decode()
    assert "What you sent" in page and "Lives alone since her husband died" in page and "Soon (within a week)" in page
    too_long = client.post("/casework/refer/", form | {"postcode": "LS6 3HN LS6 3HN", "submission_key": "c" * 32})
    assert "Postcode must be 10 characters or fewer" in too_long.content.decode()
    assert "Ensure this value" not in too_long.content.decode()
    for i in range(30):
        made = services.referral_create(
            person={"given_name": f"Pat{i}", "family_name": "Quill", "postcode": "LS6 1AA", "phone": "0113 496 0000"},
            referral={"needs": ["loneliness"], "consent_given": True, "reason": "x"},
            source="gp",
            referrer=gp,
        )
        assert made.referrer == gp
    listing = client.get("/casework/my-referrals/").content.decode()
    total = Referral.objects.filter(referrer=gp).count()
    assert total > 25 and f"{total} referrals" in listing and "Page 1 of 2" in listing
    found = client.get("/casework/my-referrals/", {"q": "somerville"}).content.decode()
    assert "1 referral matching" in found and "Mary Somerville" in found
