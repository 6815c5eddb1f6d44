"""A provider's journey in headless Chromium, axe checking every page (ADR 0026).

Given a provider linked to the garden's directory organisation and two introductions to its gardening club,
the provider signs in, sees the inbox (one person named, one not), accepts an introduction, records that the
person is still going and messages the link worker; the link worker signs in and sees all of it on the case.
The provider then sends a correction to the listing, and the directory manager approves it.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.shots import Shots
from tests.providers.builders import make_provider_world

from .conftest import assert_accessible
from .test_casework import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
shot = Shots("providers")


def test_provider_answers_an_introduction_and_the_link_worker_sees_it(page: Page):
    pworld = make_provider_world()
    # Given the provider signed in, the inbox names only the person who agreed to share
    sign_in(page, "provider_1")
    expect(page.locator("h1")).to_have_text("Introductions")
    expect(page.locator("#introductions")).to_contain_text("Mary Seacole")
    expect(page.locator("#introductions")).to_contain_text("Someone (details not shared)")
    expect(page.locator("#introductions")).not_to_contain_text("Lovelace")
    assert_accessible(page)
    shot(page, "1-inbox")
    # When they open Mary's introduction and accept it
    page.get_by_role("link", name=re.compile("Gardening club.*Mary Seacole")).click()
    expect(page.locator("h1")).to_contain_text("Mary Seacole")
    assert_accessible(page)
    shot(page, "2-introduction")
    page.get_by_role("button", name="Accept introduction").click()
    expect(page.locator("#answer")).to_have_text("Accepted")
    assert_accessible(page)
    # ...record attendance (an empty answer is refused, named)
    page.get_by_role("link", name="Record attendance").click()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select how it is going")
    assert_accessible(page)
    page.get_by_label("Still going").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator("#attendance")).to_have_text("Still going")
    # ...and message the link worker
    page.get_by_label("Message", exact=True).fill("Mary came twice and is planting leeks")
    page.get_by_role("button", name="Send message").click()
    expect(page.locator("#entries")).to_contain_text("planting leeks")
    assert_accessible(page)
    shot(page, "3-answered")
    # The listings page shows freshness and validity
    page.goto("/providers/listings/")
    expect(page.locator("main")).to_contain_text("Valid")
    assert_accessible(page)
    shot(page, "4-listings")
    page.get_by_role("link", name=re.compile("Correct or confirm this listing.*Gardening club")).click()
    page.get_by_label("Cost").fill("£2 a session, tea included")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("main")).to_contain_text("waiting for review")
    sign_out(page)

    # Then the link worker sees the answer, the attendance and the message on the case
    sign_in(page, "lw_a")
    page.goto(f"/casework/cases/{pworld.shared.referral_id}/")
    intro = page.locator(f"#introduction-{pworld.shared.pk}")
    expect(intro).to_contain_text("Still going")
    expect(intro).to_contain_text("Provider: Accepted")
    expect(intro).to_contain_text("planting leeks")
    assert_accessible(page)
    shot(page, "5-case-page")
    intro.get_by_role("link", name="Messages with the provider").click()
    page.get_by_label("Message", exact=True).fill("Wonderful, thank you")
    page.get_by_role("button", name="Send message").click()
    expect(page.locator("#entries")).to_contain_text("Wonderful, thank you")
    assert_accessible(page)
    shot(page, "6-thread")
    sign_out(page)

    # And the directory manager approves the correction
    sign_in(page, "dm_1")
    expect(page.locator("h1")).to_have_text("Listing corrections")
    assert_accessible(page)
    page.get_by_role("link", name="Gardening club").click()
    expect(page.locator("table")).to_contain_text("£2 a session, tea included")
    assert_accessible(page)
    shot(page, "7-review")
    page.get_by_label("Approve: change the listing").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator("main")).to_contain_text("No corrections are waiting")
    assert_accessible(page)
