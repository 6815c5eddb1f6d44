"""The check-in pages through Django's test client: wording from measures, tips, urgent help, nothing stored."""

from __future__ import annotations

import pytest
from django.test import Client

from connected.casework.models import Person, Referral
from connected.measures import registry
from connected.measures.scoring import missing_message
from tests.public.builders import leeds_directory

pytestmark = pytest.mark.django_db

LONELY = {
    "ucla3-lack_companionship": "often",
    "ucla3-left_out": "often",
    "ucla3-isolated": "some_of_the_time",
    "ons-direct-lonely": "often_always",
}


def test_questions_are_the_ons_wording_in_the_ons_order(client: Client):
    html = client.get("/check-in/questions/").content.decode()
    texts = [item.text for code in ("ucla3", "ons-direct") for item in registry.get(code).items]
    positions = [html.index(text) for text in texts]
    assert positions == sorted(positions)  # UCLA items first, then the direct question


def test_unanswered_questions_are_named_and_nothing_moves_on(client: Client):
    response = client.post("/check-in/questions/", {"ucla3-left_out": "often"})
    assert response.status_code == 400
    html = response.content.decode()
    assert missing_message("How often do you feel lonely?") in html
    assert "About you" not in html


def test_answers_carry_to_about_you_in_hidden_fields(client: Client):
    response = client.post("/check-in/questions/", LONELY)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<input type="hidden" name="ons-direct-lonely" value="often_always">' in html
    assert "Overall, how happy did you feel yesterday?" in html  # ONS4, optional, from measures


def test_results_fit_the_answers_show_nearby_and_store_nothing(client: Client):
    leeds_directory()
    data = LONELY | {"postcode": "ls1 4ap", "age_band": "75+", "circumstances": ["bereaved"], "connect": ["in_person"]}
    html = client.post("/check-in/results/", data).content.decode()
    assert "Often/always" in html and "8 out of 9 (lonely)" in html
    assert "Support after a death" in html and "0808 808 1677" in html  # bereaved tip, with its source
    assert "cruse.org.uk" in html
    assert "Park walk" in html and "Whitby walk" not in html  # near, not far
    assert 'id="urgent-help"' not in html
    assert Person.objects.count() == 0 and Referral.objects.count() == 0


@pytest.mark.parametrize(
    "extra",
    [
        {"self_harm": "yes"},
        {
            f"ons4-{i}": v
            for i, v in (("life_satisfaction", "5"), ("worthwhile", "1"), ("happiness", "6"), ("anxiety", "3"))
        },
    ],
)
def test_answers_suggesting_crisis_put_urgent_help_first(client: Client, extra: dict):
    html = client.post("/check-in/results/", LONELY | extra).content.decode()
    urgent = html.index('id="urgent-help"')
    assert urgent < html.index('id="tips"')
    for text in ("Samaritans: 116 123", "NHS 111, option 2", "999"):
        assert text in html[urgent:]


def test_a_half_answered_wellbeing_section_is_named(client: Client):
    response = client.post("/check-in/results/", LONELY | {"ons4-happiness": "7"})
    assert response.status_code == 400
    assert missing_message("Overall, how anxious did you feel yesterday?") in response.content.decode()


def test_a_bad_postcode_is_explained_and_the_answers_kept(client: Client):
    response = client.post("/check-in/results/", LONELY | {"postcode": "NOT A CODE"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "postcode" in html.lower() and 'name="ucla3-left_out" value="often"' in html


def test_tampered_answers_go_back_to_the_questions(client: Client):
    response = client.post("/check-in/results/", LONELY | {"ons-direct-lonely": "always!"})
    assert response.status_code == 302 and response["Location"] == "/check-in/questions/"


def test_refer_fills_in_the_postcode_and_summary_and_posts_to_self_referral(client: Client):
    html = client.post("/check-in/refer/", {"postcode": "LS1 4AP", "summary": "I did the check-in."}).content.decode()
    assert 'action="/refer-yourself/"' in html
    assert 'value="LS1 4AP"' in html and "I did the check-in." in html


@pytest.mark.parametrize("path", ["/check-in/", "/check-in/questions/", "/life-events/", "/spaces/", "/spaces/offer/"])
def test_public_pages_render_and_load_nothing_from_other_hosts(client: Client, path: str):
    from tests.public.test_pages import external_assets

    response = client.get(path)
    assert response.status_code == 200 and not external_assets(response.content.decode())
