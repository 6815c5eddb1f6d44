"""Casework and the finder in daily use (issue 16) in headless Chromium, axe clean on every page.

A link worker finds one person among 250 open cases by name, sees an urgent referral flagged overdue,
and reopens a closed case; a person's refresh of the self-referral confirmation sends nothing twice;
the finder on a 375-pixel phone shows results before the folded filters, and says plainly that the
directory covers England when the postcode is in Scotland. Screenshots go to /tmp/shots-daily/.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from connected.casework import services
from connected.casework.models import Referral
from tests.browser.shots import Shots
from tests.casework.builders import make_world
from tests.casework.caseload_builders import make_caseload
from tests.public.builders import leeds_directory

from .conftest import assert_accessible
from .test_casework import fill_self_referral, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
snap = Shots("daily")


def test_link_worker_finds_one_among_250_sees_overdue_and_reopens_a_closed_case(page: Page):
    world = make_world()
    cases = make_caseload(world.scheme_a, 250)
    target = next(c for c in cases[120:] if c.status == "received")
    urgent = world.records["own_scheme"]
    Referral.objects.filter(pk=urgent.pk).update(urgency="urgent", received_at=timezone.now() - dt.timedelta(days=20))
    closed = next(c for c in cases if c.status == "contacted")
    services.contact_record(referral=closed, by=world.users["link_worker"], mode="phone")
    services.referral_close(referral=closed, by=world.users["link_worker"], outcome="goals_met")
    # Given the link worker's caseload of 250 open cases, a page at a time
    sign_in(page, "lw_a")
    expect(page.locator("h1")).to_have_text("Caseload")
    expect(page.locator("#sections")).to_contain_text("Closed (1)")
    expect(page.locator(".app-caseload__item")).to_have_count(25)
    # Then the urgent referral that waited 20 days is flagged overdue, first in the list
    expect(page.get_by_role("heading", name="Important: Overdue first contacts")).to_be_visible()
    first = page.locator(".app-caseload__item").first
    expect(first).to_contain_text("Ada Lovelace")
    expect(first.locator(".app-overdue")).to_contain_text("Overdue by")
    snap(page, "caseload-overdue")
    assert_accessible(page)
    # When they search for one person by name
    page.get_by_label("Search by name, NHS number or reference").fill(target.person.full_name)
    page.get_by_role("button", name="Search").click()
    # Then that one person is listed
    expect(page.locator(".app-caseload__item")).to_have_count(1)
    expect(page.locator(".app-caseload")).to_contain_text(target.person.full_name)
    snap(page, "caseload-search")
    assert_accessible(page)
    # When they open the closed cases and the closed one
    page.get_by_role("link", name="Clear search and filters").click()
    page.get_by_role("link", name="Closed (1)").click()
    expect(page.locator("h2#closed")).to_have_text("Closed (1)")
    page.get_by_role("link", name=closed.person.full_name).click()
    expect(page.locator("#case-status")).to_have_text("Closed")
    expect(page.get_by_role("link", name="Record a contact")).to_have_count(0)
    assert_accessible(page)
    # Then they can reopen it, and work on it again
    page.get_by_role("button", name="Reopen case").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("Case reopened")
    expect(page.locator("#case-status")).to_have_text("In progress")
    expect(page.get_by_role("link", name="Record a contact")).to_be_visible()
    snap(page, "case-reopened")
    assert_accessible(page)


def test_self_referral_refresh_sends_nothing_twice(page: Page):
    make_world()
    page.goto("/refer-yourself/")
    fill_self_referral(page)
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_contain_text("We have your request")
    page.reload()
    expect(page.locator("h1")).to_contain_text("We have your request")
    page.go_back()
    page.go_forward()
    expect(page.locator("h1")).to_contain_text("We have your request")
    assert Referral.objects.filter(person__family_name="Kilburn").count() == 1
    snap(page, "self-referral-sent")
    assert_accessible(page)


def test_finder_on_a_phone_puts_results_first_and_says_it_covers_england(page: Page):
    from connected.core.models import OutcodeCentroid, Postcode

    leeds_directory()
    Postcode.objects.create(postcode="EH1 1YZ", lat=55.9533, lon=-3.1883, outcode="EH1")
    OutcodeCentroid.objects.create(outcode="EH1", lat=55.9533, lon=-3.1883, n_postcodes=100)
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto("/find/?postcode=LS1+4AP")
    results = page.locator("#results-heading")
    expect(results).to_be_visible()
    snap(page, "finder-phone-375")
    assert results.bounding_box()["y"] < 667, "results start below the first screen"
    expect(page.locator("#filter-panel")).not_to_have_attribute("open", "")
    snap(page, "finder-phone-375")
    assert_accessible(page)
    page.get_by_text("Filter activities").click()
    expect(page.get_by_label("Free activities only")).to_be_visible()
    snap(page, "finder-phone-375-filters-open")
    page.goto("/find/?postcode=EH1+1YZ")
    expect(page.locator("#scope-note")).to_contain_text("Connected lists activities in England only")
    expect(page.locator("#scope-note")).to_contain_text("Scotland")
    snap(page, "finder-phone-375-scotland")
    assert_accessible(page)
