"""The link worker's matching journey in headless Chromium, axe checking every page (issue 15).

Given a person whose "what matters to me" says they miss being outdoors, and a small Leeds directory, the
link worker opens the case, goes to the suggestions, says how the person gets about and when they are free,
shortlists the walking group the reasons point at, and makes the introduction the person picked; the case
then shows it. When the person stops going and the link worker records why, walking groups are ranked lower
in the suggestions, which say why.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.shots import Shots
from tests.casework.builders import make_world
from tests.matching.builders import case_with_profile, leeds_directory

from .conftest import assert_accessible
from .test_casework import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
shot = Shots("matching")


def test_case_to_suggestions_to_introduction(page: Page):
    world = make_world()
    leeds_directory()
    referral = case_with_profile(world, travel="bus")
    sign_in(page, "lw_a")
    # When the link worker opens the case and asks for suggestions
    page.goto(f"/casework/cases/{referral.pk}/")
    shot(page, "1-case")
    page.get_by_role("link", name="Suggest activities").last.click()
    expect(page.locator("h1")).to_have_text("Suggest activities")
    expect(page.locator("#suggestions")).to_contain_text("Community Choir")
    assert_accessible(page)
    # And records that the person walks, and is free on Tuesday mornings and Thursday afternoons
    page.get_by_role("link", name="Change how they can take part").click()
    page.get_by_label("Walks").check()
    page.get_by_label("Tuesday morning").check()
    page.get_by_label("Thursday afternoon").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    # Then the walking group comes first, with why, and the choir (too far, at the wrong time) has gone
    first = page.locator("#suggestions > li").first
    expect(first).to_contain_text("Headingley Walkers")
    expect(first).to_contain_text("A walking group 8 minutes' walk away, on Tuesday mornings, free")
    expect(first).to_contain_text("you said “I miss being outdoors”")
    expect(first.locator(".app-distance")).to_contain_text("About 8 minutes walk (0.4 miles)")
    expect(page.locator("#suggestions")).not_to_contain_text("Community Choir")
    shot(page, "2-suggestions")
    assert_accessible(page)
    # When they shortlist it and the person picks it
    page.get_by_role("button", name="Shortlist Headingley Walkers").click()
    expect(page.locator("#shortlist")).to_contain_text("Headingley Walkers")
    shot(page, "3-shortlist")
    assert_accessible(page)
    page.get_by_role("button", name="Ada chose this: make the introduction to Headingley Walkers").click()
    # Then the case shows the introduction
    expect(page.locator("#introductions")).to_contain_text("Headingley Walkers")
    shot(page, "4-introduced")
    assert_accessible(page)
    # When they stop going, and the link worker records why
    page.get_by_role("link", name="Update Headingley Walkers").click()
    page.get_by_label("Stopped", exact=True).check()
    page.get_by_label("If they stopped, why?").fill("knees hurt on hills")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#introductions")).to_contain_text("knees hurt on hills")
    # Then walking groups are ranked lower for them, and the suggestions say why
    page.get_by_role("link", name="Suggest activities").last.click()
    first = page.locator("#suggestions > li").first
    expect(first).to_contain_text("Kirkstall Community Garden")
    walkers = page.locator("#suggestions > li", has_text="Headingley Walkers")
    expect(walkers).to_contain_text("ranked lower: they stopped going to Headingley Walkers (knees hurt on hills)")
    shot(page, "5-ranked-lower")
    assert_accessible(page)
