"""The form pages: exact wording as fieldset legends, options in presentation order, errors naming
each unanswered item, question order kept in sets, scores shown, nothing stored."""

from __future__ import annotations

import re
from html import unescape

import pytest

from connected.measures import registry
from connected.measures.forms import InstrumentForm, forms_for
from connected.measures.models import MeasureResponse

pytestmark = pytest.mark.django_db


def legends(html: str) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", m)).strip() for m in re.findall(r"<legend[^>]*>(.*?)</legend>", html, re.S)]


def radio_values(html: str, name: str) -> list[str]:
    return re.findall(rf'name="{re.escape(name)}" type="radio" value="([^"]*)"', html)


@pytest.mark.parametrize("code", [i.code for i in registry.all()])
def test_each_instrument_page_asks_exact_wording_in_presentation_order(client, code):
    instrument = registry.get(code)
    response = client.get(f"/measures/check/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert legends(html) == [item.text for item in instrument.items]
    for item in instrument.items:
        assert radio_values(html, f"{code}-{item.id}") == [o.value for o in item.presented_options]


def test_form_choices_follow_presentation_order():
    form = InstrumentForm(registry.get("cel"))
    assert next(label for _, label in form.fields["enough_people_to_ask"].choices) == "Strongly agree"
    assert next(label for _, label in form.fields["content"].choices) == "Strongly disagree"


def test_a_set_keeps_ucla_before_the_direct_question(client):
    assert [f.instrument.code for f in forms_for(["ons4", "ons-direct", "ucla3"])] == ["ons4", "ucla3", "ons-direct"]
    html = client.get("/measures/check/set/scheme-default/").content.decode()
    order = legends(html)
    assert order.index("How often do you feel lonely?") > order.index("How often do you feel isolated from others?")
    assert order[:4] == [i.text for i in registry.get("ucla3").items] + ["How often do you feel lonely?"]


def test_unanswered_items_are_each_named_in_the_error_summary_with_working_links(client):
    response = client.post("/measures/check/ucla3/", {"ucla3-left_out": "often"})
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[html.index("nhsuk-error-summary") : html.index("</form>")]
    links = re.findall(r'<a href="#([^"]+)"[^>]*>\s*(.*?)\s*</a>', summary, re.S)
    assert [unescape(text) for _, text in links][:2] == [
        "Answer \u2018How often do you feel that you lack companionship?\u2019",
        "Answer \u2018How often do you feel isolated from others?\u2019",
    ]
    for target, _ in links[:2]:
        assert f'id="{target}"' in html  # each link lands on the item's first radio
    assert "Error: " in html[html.index("<title>") : html.index("</title>")]
    assert 'value="often" checked' in html  # the answer given is kept


def test_out_of_range_answer_is_refused_by_the_form(client):
    data = {"ucla3-lack_companionship": "often", "ucla3-left_out": "often", "ucla3-isolated": "always"}
    response = client.post("/measures/check/ucla3/", data)
    assert response.status_code == 400
    assert "Choose one of the answers to \u2018How often do you feel isolated from others?\u2019" in unescape(
        response.content.decode()
    )


def test_complete_answers_show_the_score_and_nothing_is_stored(client):
    data = {"ucla3-lack_companionship": "often", "ucla3-left_out": "often", "ucla3-isolated": "often"}
    response = client.post("/measures/check/ucla3/", data)
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "9 (range 3 to 9), Lonely" in html
    assert "Commonly reported cut-off" in html
    assert MeasureResponse.objects.count() == 0


def test_a_set_is_scored_together(client):
    data = {
        "ucla3-lack_companionship": "hardly_ever_or_never",
        "ucla3-left_out": "hardly_ever_or_never",
        "ucla3-isolated": "some_of_the_time",
        "ons-direct-lonely": "occasionally",
        "ons4-life_satisfaction": "8",
        "ons4-worthwhile": "9",
        "ons4-happiness": "7",
        "ons4-anxiety": "1",
    }
    html = unescape(client.post("/measures/check/set/scheme-default/", data).content.decode())
    assert "4 (range 3 to 9), Not lonely" in html
    assert re.search(r"How often lonely\s*</dt>\s*<dd[^>]*>\s*Occasionally\s*</dd>", html)
    assert "(range 1 to 5)" not in html  # the direct question's rank is not shown as a score
    assert "1 (range 0 to 10), Very low" in html


def test_unknown_pages_are_404(client):
    assert client.get("/measures/check/phq9/").status_code == 404
    assert client.get("/measures/check/set/nope/").status_code == 404


def test_index_links_every_instrument(client):
    html = client.get("/measures/").content.decode()
    for instrument in registry.all():
        assert f'href="/measures/check/{instrument.code}/"' in html
