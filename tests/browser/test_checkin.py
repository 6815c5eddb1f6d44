"""The public check-in in headless Chromium on a phone: questions, tips, nearby, self-referral to a caseload."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from connected.core.models import OutcodeCentroid, Postcode
from tests.browser.shots import Shots
from tests.casework.builders import make_world
from tests.public.builders import make_service, refresh_search_index

from .conftest import assert_accessible
from .test_casework import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
shot = Shots("checkin")


def at_320px(page: Page) -> None:
    """WCAG 2.2 reflow (1.4.10): at 320 CSS pixels nothing scrolls sideways, and axe is still clean."""
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})


def manchester() -> None:
    Postcode.objects.create(postcode="M13 9PL", lat=53.4668, lon=-2.2339, outcode="M13")
    OutcodeCentroid.objects.create(outcode="M13", lat=53.4600, lon=-2.2250, n_postcodes=100)
    make_service("Whitworth walk", latitude=53.4600, longitude=-2.2290, postcode="M13 9PL", amount=Decimal("0"))
    refresh_search_index()


def test_check_in_to_self_referral_in_the_right_caseload(page: Page):
    make_world()
    manchester()
    # Given a person on a phone, when they start the check-in from the home page
    page.goto("/")
    page.get_by_role("link", name="Check in on how you are feeling").click()
    expect(page.locator("h1")).to_have_text("Check in on how you are feeling")
    assert_accessible(page)
    shot(page, "1-start")
    page.get_by_role("link", name="Start the check-in").click()
    page.get_by_role("button", name="Continue").click()  # nothing answered: every question named
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("How often do you feel lonely?")
    assert_accessible(page)
    for question, answer in (
        ("How often do you feel that you lack companionship?", "Often"),
        ("How often do you feel left out?", "Some of the time"),
        ("How often do you feel isolated from others?", "Often"),
        ("How often do you feel lonely?", "Some of the time"),
    ):
        page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()
    shot(page, "2-questions")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("About you")
    at_320px(page)
    page.get_by_label("Your postcode (optional)").fill("M13 9PL")
    page.get_by_label("65 to 74").check()
    page.get_by_label("I have retired or stopped work").check()
    page.get_by_label("In person").check()
    shot(page, "3-about")
    page.get_by_role("button", name="See my results").click()
    # Then tips that fit, something near, and the offer to refer
    expect(page.locator("h1")).to_have_text("Your check-in")
    expect(page.locator("main")).to_contain_text("Give time, meet people")
    expect(page.locator("main")).to_contain_text("Whitworth walk")
    expect(page.locator("#urgent-help")).to_have_count(0)
    assert_accessible(page)
    at_320px(page)
    shot(page, "4-results")
    page.get_by_role("button", name="Ask a link worker to contact me").click()
    expect(page.get_by_label("Postcode")).to_have_value("M13 9PL")
    expect(page.get_by_label("Tell us a little about what is going on for you")).to_contain_text("check-in")
    assert_accessible(page)
    page.get_by_label("First name").fill("Tom")
    page.get_by_label("Last name").fill("Kilburn")
    page.get_by_label("Day", exact=True).fill("11")
    page.get_by_label("Month", exact=True).fill("8")
    page.get_by_label("Year", exact=True).fill("1956")
    page.get_by_label("Phone number").fill("0161 496 0000")
    page.get_by_label("I agree to a link worker contacting me about this").check()
    shot(page, "5-refer")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("main")).to_contain_text("A link worker from Manchester Connect will contact you.")
    assert_accessible(page)
    page.context.clear_cookies()
    # Then Manchester's link worker has Tom waiting
    sign_in(page, "lw_b")
    expect(page.locator("#waiting + ul")).to_contain_text("Kilburn")


def test_answers_suggesting_crisis_show_urgent_help_first(page: Page):
    page.goto("/check-in/questions/")
    for question in (
        "How often do you feel that you lack companionship?",
        "How often do you feel left out?",
        "How often do you feel isolated from others?",
    ):
        page.get_by_role("group", name=question).get_by_label("Often", exact=True).check()
    page.get_by_role("group", name="How often do you feel lonely?").get_by_label("Often/always").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("group", name="Have you had thoughts of harming yourself").get_by_label("Yes").check()
    page.get_by_role("button", name="See my results").click()
    urgent = page.locator("#urgent-help")
    expect(urgent).to_contain_text("Samaritans: 116 123")
    expect(urgent).to_contain_text("NHS 111, option 2")
    assert_accessible(page)
    shot(page, "6-urgent")
