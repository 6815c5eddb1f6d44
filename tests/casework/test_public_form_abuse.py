"""The self-referral form resists abuse: a per-address limit, a honeypot, no double saves, no resend on refresh.

Also: a referral that may repeat another one is flagged, with a link, on the
link worker's caseload and case page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from connected.casework import services
from connected.casework.models import Person, Referral
from connected.core.models import RateLimitHit

from .builders import make_world, person_details, referral_details, sign_in
from .test_intake_views import SELF_REFERRAL


@pytest.fixture
def world(db):
    return make_world()


SELF = SELF_REFERRAL


def post(client, address: str = "192.0.2.10", **changes):
    return client.post("/refer-yourself/", SELF | changes, REMOTE_ADDR=address)


# ---- 1. Rate limit ------------------------------------------------------------------------------------------


def test_sixth_post_in_an_hour_from_one_address_is_refused_and_saves_nothing(world, client):
    for n in range(5):
        assert post(client, family_name=f"Kilburn{n}").status_code == 302
    refused = post(client, family_name="Kilburn5")
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "You have sent this form too many times" in body and "We have not saved what you just sent" in body
    assert "phone your GP surgery" in body and "try again in" in body
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert Referral.objects.filter(source="self").count() == 5
    assert not Person.objects.filter(family_name="Kilburn5").exists()
    other = post(client, address="198.51.100.7", family_name="Kilburn6")
    assert other.status_code == 302
    assert Referral.objects.filter(person__family_name="Kilburn6").exists()


# ---- 2. Honeypot --------------------------------------------------------------------------------------------


def test_honeypot_is_hidden_from_people_and_assistive_tech(world, client):
    page = client.get("/refer-yourself/").content.decode()
    wrapper = page[page.index('<div class="nhsuk-u-visually-hidden" aria-hidden="true">') :]
    wrapper = wrapper[: wrapper.index("</div>")]
    assert "Leave this blank" in wrapper and 'name="website"' in wrapper
    assert 'autocomplete="off"' in wrapper and 'tabindex="-1"' in wrapper


def test_filled_honeypot_shows_the_usual_confirmation_saves_nothing_and_counts(world, client):
    response = post(client, website="https://spam.example")
    assert response.status_code == 302 and response["Location"] == "/refer-yourself/sent/"
    page = client.get("/refer-yourself/sent/").content.decode()
    assert "We have your request" in page and "Manchester Connect" in page
    assert not Referral.objects.filter(source="self").exists()
    assert not Person.objects.filter(family_name="Kilburn").exists()
    assert RateLimitHit.objects.filter(scope="self-referral").count() == 1


# ---- 3. Identical resubmission and Post/Redirect/Get --------------------------------------------------------


def test_identical_resubmission_shows_the_first_confirmation_and_saves_one_referral(world, client):
    first = post(client)
    second = post(client)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == "/refer-yourself/sent/"
    assert "Manchester Connect" in client.get("/refer-yourself/sent/").content.decode()
    assert Referral.objects.filter(person__family_name="Kilburn").count() == 1
    changed = post(client, reason="Something else has happened since")
    assert changed.status_code == 302
    assert Referral.objects.filter(person__family_name="Kilburn").count() == 2


def test_identical_referral_after_the_window_is_saved_again(world):
    person = person_details(nhs_number="", postcode="M13 9PL")
    window = dt.timedelta(minutes=10)
    start = timezone.now()
    first = services.referral_create(
        person=person, referral=referral_details(), source="self", resubmit_window=window, now=start
    )
    again = services.referral_create(
        person=person, referral=referral_details(), source="self", resubmit_window=window, now=start
    )
    later = services.referral_create(
        person=person,
        referral=referral_details(),
        source="self",
        resubmit_window=window,
        now=start + dt.timedelta(minutes=11),
    )
    assert again == first and later != first and later.possible_duplicate_of == first


def test_refreshing_the_confirmation_does_not_send_again(world, client):
    response = post(client)
    assert response.status_code == 302 and response["Location"] == "/refer-yourself/sent/"
    for _ in range(2):
        page = client.get("/refer-yourself/sent/")
        assert page.status_code == 200 and "We have your request" in page.content.decode()
    assert Referral.objects.filter(person__family_name="Kilburn").count() == 1


def test_confirmation_without_a_sent_form_goes_back_to_the_form(world, client):
    response = client.get("/refer-yourself/sent/")
    assert response.status_code == 302 and response["Location"] == "/refer-yourself/"


# ---- 4. Possible duplicates shown to the link worker --------------------------------------------------------


def test_link_worker_sees_possible_duplicate_with_a_link_on_caseload_and_case_page(world, client):
    post(client)
    post(client, reason="Still on my own, and it is getting harder")
    first, second = Referral.objects.filter(person__family_name="Kilburn").order_by("received_at")
    assert second.possible_duplicate_of == first and first.possible_duplicate_of is None
    sign_in(client, world.users["link_worker_b"])
    link = f'of <a href="/casework/cases/{first.pk}/">the referral received'
    caseload = client.get("/casework/caseload/").content.decode()
    assert caseload.count("Possible duplicate</strong>") == 1 and link in caseload
    case = client.get(f"/casework/cases/{second.pk}/").content.decode()
    assert "Possible duplicate of " + link.removeprefix("of ") in case
    assert "Possible duplicate" not in client.get(f"/casework/cases/{first.pk}/").content.decode()
