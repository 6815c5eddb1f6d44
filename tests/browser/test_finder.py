"""The public finder journey in real headless Chromium, with axe checking every page.

Given a small directory around Leeds, a person finds activities by postcode,
narrows them with filters, opens one and comes back. Set SCREENSHOT_DIR to keep
a screenshot of each page for a human to look at.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from connected.directory.models import Service
from tests.browser.shots import Shots
from tests.public.builders import leeds_directory, make_service

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

snap = Shots("finder")


@pytest.fixture
def service_page_data() -> Service:
    return make_service(
        "Roundhay Park walking group",
        latitude=53.83,
        longitude=-1.50,
        amount=Decimal("2.50"),
        description="A gentle hour's walk around the lake, then tea in the café.\n\nWalkers of every pace are welcome.",
    )


def test_service_page_is_accessible(page: Page, service_page_data: Service):
    page.goto(f"/services/{service_page_data.id}/")
    expect(page.locator("h1")).to_contain_text("Roundhay Park walking group")
    expect(page.get_by_text("Every Tuesday, 10am to 12pm")).to_be_visible()
    expect(page.get_by_role("link", name="0113 496 0000")).to_have_attribute("href", "tel:01134960000")
    snap(page, "service")
    assert_accessible(page)


def test_closed_service_warns_and_is_accessible(page: Page):
    service = make_service(
        "Winter choir", latitude=53.8, longitude=-1.55, status="temporarily closed", freq="MONTHLY", byday="2MO"
    )
    page.goto(f"/services/{service.id}/")
    expect(page.get_by_text("Second Monday of the month, 10am to 12pm")).to_be_visible()
    expect(page.locator(".nhsuk-card--warning")).to_contain_text("closed for now")
    snap(page, "service-closed")
    assert_accessible(page)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/", "home"),
        ("/accessibility/", "accessibility"),
        ("/privacy/", "privacy"),
        ("/no-such-page/", "404"),
        ("/find/", "find"),
    ],
)
def test_other_public_pages_are_accessible(page: Page, path: str, name: str):
    page.goto(path)
    expect(page.locator("h1")).to_be_visible()
    snap(page, name)
    assert_accessible(page)


def test_pages_reflow_at_320_pixels(page: Page, service_page_data: Service):
    """WCAG 1.4.10: no sideways scrolling at 320 CSS pixels."""
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/", "/find/", f"/services/{service_page_data.id}/"):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide"
    snap(page, "service-320")
    assert_accessible(page)


def test_an_invalid_postcode_is_explained_and_focus_goes_to_the_problem(page: Page):
    # Given the start page
    page.goto("/")
    # When I search with something that is not a postcode
    page.get_by_label("Your postcode").fill("NOT A POSTCODE")
    page.get_by_label("What are you interested in? (optional)").fill("choir")
    page.get_by_role("button", name="Search").click()
    # Then the error summary has focus, names the problem, and the page title says there is an error
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("is not a UK postcode")
    expect(page).to_have_title(re.compile(r"^Error: Find activities near you"))
    expect(page.locator("#postcode-error")).to_contain_text("is not a UK postcode")
    snap(page, "find-error")
    assert_accessible(page)
    # And following the summary's link puts me in the postcode field, with my words kept
    summary.get_by_role("link").first.click()
    expect(page.locator("#postcode")).to_be_focused()
    expect(page.locator("#q")).to_have_value("choir")


def expect_results(page: Page, titles: list[str]) -> None:
    """The result titles, in order; waits for them, as the page may still be loading."""
    expect(page.locator(".app-results .nhsuk-card__link")).to_have_text(titles)


def test_finder_journey(page: Page):
    leeds_directory()
    # Given the start page
    page.goto("/")
    assert_accessible(page)
    # When I enter my postcode and what I'm interested in
    page.get_by_label("Your postcode").fill("LS1 4AP")
    page.get_by_label("What are you interested in? (optional)").fill("friendly")
    page.get_by_role("button", name="Search").click()
    # Then I see activities near me, nearest first, with distances
    expect(page.locator("#results-heading")).to_have_text("3 activities within 5 miles of LS1 4AP")
    expect_results(page, ["Park walk", "Lunch club", "Community choir"])
    expect(page.locator(".app-results").get_by_text("0.6 miles (1 km)")).to_be_visible()
    snap(page, "find-results")
    assert_accessible(page)
    # When I ask for free activities on a Tuesday
    page.get_by_text("Filter activities").click()  # the filters fold into one line, so results come first
    page.get_by_label("Free activities only").check()
    page.get_by_text("When you're free").click()
    page.get_by_label("Tuesday").check()
    page.get_by_role("button", name="Apply filters").click()
    # Then only the free Tuesday walk is left, and my choices are kept
    expect(page.locator("#results-heading")).to_have_text("1 activity within 5 miles of LS1 4AP")
    expect_results(page, ["Park walk"])
    expect(page.get_by_label("Tuesday")).to_be_checked()
    filtered_url = page.url
    assert_accessible(page)
    # When I open it
    page.get_by_role("link", name="Park walk").click()
    expect(page.locator("h1")).to_contain_text("Park walk")
    expect(page.get_by_text("Every Tuesday, 10am to 12pm")).to_be_visible()
    assert_accessible(page)
    # Then "Back to search results" returns to the same filtered results
    page.get_by_role("link", name="Back to search results").click()
    expect(page).to_have_url(filtered_url)
    expect_results(page, ["Park walk"])


def test_results_reflow_at_320_pixels(page: Page):
    leeds_directory()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/find/?postcode=LS1+4AP")
    expect(page.locator("#results-heading")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"results scroll sideways by {overflow}px at 320px wide"
    snap(page, "find-results-320")
    assert_accessible(page)
