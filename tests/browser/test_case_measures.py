"""A link worker records baseline and follow-up measures on a case, in headless Chromium, and sees the change.

Given a scheme using the default set (UCLA 3-item, the ONS direct question, ONS4),
a link worker opens a case from their caseload, chooses "Record measures" and
answers by clicking the radio labels. A first submission with one item left out
is refused with that item named, and nothing is stored. The completed baseline
and a less lonely follow-up then show on the case page as charts with their
numbers and the change. Expected numbers come from connected.measures.scoring
for the answers clicked, never typed in by hand. axe checks every state.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from connected.measures import registry
from connected.measures.change import person_change
from connected.measures.models import MeasureResponse
from connected.measures.scoring import missing_message, score
from tests.casework.builders import make_world

from .conftest import assert_accessible
from .test_casework import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBJECT = "casework.case"
BASELINE = {
    "ucla3": {"lack_companionship": "often", "left_out": "often", "isolated": "some_of_the_time"},
    "ons-direct": {"lonely": "often_always"},
    "ons4": {"life_satisfaction": "3", "worthwhile": "4", "happiness": "2", "anxiety": "8"},
}
FOLLOW_UP = {
    "ucla3": {
        "lack_companionship": "some_of_the_time",
        "left_out": "hardly_ever_or_never",
        "isolated": "hardly_ever_or_never",
    },
    "ons-direct": {"lonely": "hardly_ever"},
    "ons4": {"life_satisfaction": "7", "worthwhile": "7", "happiness": "6", "anxiety": "3"},
}
LEFT_OUT_FIRST = ("ucla3", "left_out")  # the item the first baseline submission misses


def question(page: Page, text: str) -> Locator:
    """The fieldset asking one item, found by its legend (the exact question wording)."""
    return page.get_by_role("group", name=text, exact=True)


def answer(page: Page, answers: dict[str, dict[str, str]], *, skip: tuple[str, str] | None = None) -> None:
    """Click the label of the chosen option for every item, as a link worker would."""
    for code, values in answers.items():
        instrument = registry.get(code)
        for item_id, value in values.items():
            if (code, item_id) == skip:
                continue
            item = instrument.item(item_id)
            label = item.option(value).label
            question(page, item.text).locator("label").get_by_text(label, exact=True).click()


def expected_rows(answers_by_visit: list[dict[str, dict[str, str]]]) -> dict[str, list[tuple[str, str | None]]]:
    """Chart title -> (score, band) per visit, from the scoring module."""
    out: dict[str, list[tuple[str, str | None]]] = {}
    for answers in answers_by_visit:
        for code, values in answers.items():
            instrument = registry.get(code)
            scored = score(instrument, values)
            for score_def in instrument.scores:
                title = (
                    instrument.short_name
                    if len(instrument.scores) == 1
                    else f"{instrument.short_name}: {score_def.label}"
                )
                out.setdefault(title, []).append((str(scored.values[score_def.id]), scored.bands.get(score_def.id)))
    return out


def test_link_worker_records_baseline_and_follow_up_and_sees_the_change(page: Page):
    world = make_world()
    case = world.records["own_scheme"]
    person = case.person

    # Given the link worker signed in, when they open the case from their caseload
    sign_in(page, "lw_a")
    expect(page.locator("h1")).to_have_text("Caseload")
    page.get_by_role("link", name=f"{person.given_name} {person.family_name}").first.click()
    expect(page.locator("#measures")).to_have_text("Measures")
    expect(page.locator("#measures ~ p").first).to_contain_text("No measures recorded yet")
    page.get_by_role("link", name="Record measures").click()

    # Then the form asks the scheme's default set, UCLA items before the direct question, then ONS4
    expect(page.locator("h1")).to_have_text("Record measures")
    ordered = registry.ordered(registry.DEFAULT_SCHEME_SET)
    assert [i.code for i in ordered] == ["ucla3", "ons-direct", "ons4"]
    legends = [t.strip() for t in page.locator("form legend").all_inner_texts()]
    assert legends == ["When is this?", *(item.text for i in ordered for item in i.items)]
    expect(question(page, "When is this?").get_by_label("Baseline (first contact)")).to_be_checked()
    assert_accessible(page)

    # When they submit the baseline with one UCLA item left out
    answer(page, BASELINE, skip=LEFT_OUT_FIRST)
    page.get_by_role("button", name="Save measures").click()

    # Then the error summary names that item, and only that item, and nothing is stored
    missing = registry.get(LEFT_OUT_FIRST[0]).item(LEFT_OUT_FIRST[1])
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("li")).to_have_count(1)
    expect(summary).to_contain_text(missing_message(missing.text))
    expect(question(page, missing.text).locator(".nhsuk-error-message")).to_contain_text(missing.text)
    assert MeasureResponse.objects.count() == 0
    # the answers already given are kept, so only the missing one needs choosing
    kept = registry.get("ucla3").item("lack_companionship")
    expect(question(page, kept.text).get_by_label(kept.option("often").label, exact=True)).to_be_checked()
    assert_accessible(page)
    summary.get_by_role("link").click()  # the summary link goes to the missing question

    # When they answer it and save
    answer(page, {LEFT_OUT_FIRST[0]: {LEFT_OUT_FIRST[1]: BASELINE[LEFT_OUT_FIRST[0]][LEFT_OUT_FIRST[1]]}})
    page.get_by_role("button", name="Save measures").click()

    # Then the baseline is stored, one response per instrument, scored as the scoring module scores it
    expect(page.locator(".nhsuk-error-summary")).to_have_count(0)
    stored = {r.instrument_code: r for r in MeasureResponse.objects.filter(subject_type=SUBJECT)}
    assert set(stored) == set(BASELINE)
    for code, values in BASELINE.items():
        assert stored[code].subject_id == str(case.pk)
        assert stored[code].timepoint == "baseline"
        assert stored[code].scores == score(registry.get(code), values).values

    # When they record a follow-up with less lonely answers, on a phone-width screen
    page.set_viewport_size({"width": 320, "height": 800})
    page.get_by_role("link", name="Record measures").click()
    expect(question(page, "When is this?").get_by_label("Follow-up", exact=True)).to_be_checked()
    page.wait_for_load_state("load")  # the width is only final once the stylesheet has applied
    no_sideways_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_sideways_scroll, "the form scrolls sideways at 320px"
    assert_accessible(page)
    answer(page, FOLLOW_UP)
    page.get_by_role("button", name="Save measures").click()
    page.set_viewport_size({"width": 1024, "height": 900})

    # Then the case page shows both administrations: an SVG chart per score, its numbers beside it, and the change
    expected = expected_rows([BASELINE, FOLLOW_UP])
    figures = page.locator("figure.measures-chart")
    expect(figures).to_have_count(len(expected))  # waits for the case page, so the save is done
    assert MeasureResponse.objects.filter(subject_type=SUBJECT, timepoint="follow_up").count() == len(FOLLOW_UP)
    for title, visits in expected.items():
        figure = figures.filter(has=page.locator("figcaption", has_text=re.compile(f"^{re.escape(title)}$")))
        expect(figure.locator("svg")).to_be_visible()
        rows = figure.locator("tbody tr")
        expect(rows).to_have_count(2)
        for row, (value, band), when in zip(rows.all(), visits, ("Baseline", "Follow-up"), strict=True):
            cells = [c.strip() for c in row.locator("td").all_inner_texts()]
            assert cells[0].startswith(when)
            assert cells[1] == value
            if band:
                assert cells[2] == band

    # the change, as connected.measures computes it: UCLA 8 to 4, improved; "Often/always" to "Hardly ever"
    for code in ("ucla3", "ons-direct"):
        instrument = registry.get(code)
        score_def = instrument.primary
        before = score(instrument, BASELINE[code]).values[score_def.id]
        after = score(instrument, FOLLOW_UP[code]).values[score_def.id]
        change = person_change(score_def, before, after)
        assert change.outcome == "improved"
        figure = figures.filter(
            has=page.locator("figcaption", has_text=re.compile(f"^{re.escape(instrument.short_name)}$"))
        )
        shown = figure.locator(".measures-change")
        expect(shown).to_contain_text("improved")
        expect(shown).to_contain_text(f"{change.band_before} to {change.band_after}")
        if not score_def.ordinal:  # the direct question's rank is only an order: its answers are shown instead
            expect(shown).to_contain_text(f"{before} to {after}")
    expect(figures.locator(".measures-change")).to_have_count(len(expected))  # every score shows its change
    ucla = registry.get("ucla3")
    assert [score(ucla, a).values["total"] for a in (BASELINE["ucla3"], FOLLOW_UP["ucla3"])] == [8, 4]
    assert_accessible(page)
