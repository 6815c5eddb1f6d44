"""The measures pages in headless Chromium on a phone-sized screen: axe clean, errors named, scores shown."""

from __future__ import annotations

import pytest
from django.template.loader import get_template

from connected.measures.charts import Point, line_chart
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_given_the_ucla_page_when_submitted_empty_then_each_item_is_named_and_then_scored(page):
    # Given the UCLA 3-item page
    page.goto("/measures/check/ucla3/")
    assert_accessible(page)
    # When I submit without answering
    page.get_by_role("button", name="Show the score").click()
    # Then the error summary names every unanswered question, and links to it
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    links = summary.locator("a").all_inner_texts()
    assert links == [
        "Answer \u2018How often do you feel that you lack companionship?\u2019",
        "Answer \u2018How often do you feel left out?\u2019",
        "Answer \u2018How often do you feel isolated from others?\u2019",
    ]
    assert_accessible(page)
    summary.locator("a").nth(1).click()
    assert page.evaluate("document.activeElement.name") == "ucla3-left_out"
    # When I answer every question
    for legend in ("lack companionship", "left out", "isolated from others"):
        page.get_by_role(
            "group", name=f"How often do you feel {'that you ' if 'lack' in legend else ''}{legend}?"
        ).get_by_label("Often").check()
    page.get_by_role("button", name="Show the score").click()
    # Then I see the score and band
    assert "9 (range 3 to 9), Lonely" in page.locator("main").inner_text()
    assert_accessible(page)


def test_the_default_set_and_ons4_radios_are_accessible_on_a_phone(page):
    page.goto("/measures/check/set/scheme-default/")
    assert_accessible(page)
    legends = page.locator("legend").all_inner_texts()
    assert legends.index("How often do you feel lonely?") == 3  # after the three UCLA items
    # Nothing overflows sideways on a 390px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_chart_markup_is_accessible(page):
    chart = line_chart(
        "UCLA 3-item",
        [Point("Baseline 1 Mar 2026", 8), Point("Follow-up 1 May 2026", 5)],
        low=3,
        high=9,
        direction_note="Lower is better",
        extra_columns=[("Band", ["Lonely", "Not lonely"])],
    )
    macro = get_template("measures/_chart.jinja").template.module.line_chart
    page.goto("/measures/")
    page.evaluate("html => { document.querySelector('main').innerHTML = html }", str(macro(chart)))
    assert page.locator("main svg[role=img]").count() == 1
    assert page.locator("table td").all_inner_texts()[:3] == ["Baseline 1 Mar 2026", "8", "Lonely"]
    assert_accessible(page)


def test_given_a_link_when_the_person_answers_then_it_is_recorded_for_their_case(page):
    from connected.measures.links import invitation_path
    from connected.measures.models import MeasureResponse

    # Given a link for a follow-up set
    url = invitation_path(
        subject_type="casework.case", subject_id="case-1", codes=["ons-direct", "ucla3"], timepoint="follow_up"
    )
    page.goto(url)
    assert_accessible(page)
    # When they send it half answered, the missing questions are named
    page.get_by_role("group", name="How often do you feel lonely?").get_by_label("Occasionally").check()
    page.get_by_role("button", name="Send my answers").click()
    assert len(page.locator(".nhsuk-error-summary a").all()) == 3
    assert_accessible(page)
    # When they answer the rest
    for group in page.get_by_role("group").all():
        if "lonely" not in group.inner_text().splitlines()[0]:
            group.get_by_label("Some of the time").check()
    page.get_by_role("button", name="Send my answers").click()
    # Then they are thanked, and the answers are stored as theirs
    assert page.locator("h1").inner_text() == "Thank you"
    assert_accessible(page)
    stored = MeasureResponse.objects.filter(subject_id="case-1", completed_by="person")
    assert sorted((r.instrument_code, r.total) for r in stored) == [("ons-direct", 3), ("ucla3", 6)]
