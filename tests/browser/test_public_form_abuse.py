"""The pages that abuse resistance adds, in headless Chromium with axe: the 429 page and the duplicate flags."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from connected.casework import services
from tests.casework.builders import make_world, person_details, referral_details

from .conftest import assert_accessible
from .test_casework import fill_self_referral, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_too_many_posts_page_is_accessible_and_says_what_to_do(page: Page, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 0  # given an address that has used its allowance
    make_world()
    page.goto("/refer-yourself/")
    fill_self_referral(page)
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("You have sent this form too many times")
    expect(page.get_by_text("phone your GP surgery")).to_be_visible()
    assert_accessible(page)


def test_possible_duplicate_is_flagged_accessibly_on_caseload_and_case(page: Page):
    make_world()
    person = person_details(given_name="Tom", family_name="Kilburn", nhs_number="", postcode="M13 9PL")
    first = services.referral_create(person=person, referral=referral_details(), source="self")
    second = services.referral_create(person=person, referral=referral_details(reason="Again"), source="self")
    sign_in(page, "lw_b")
    expect(page.locator("h1")).to_have_text("Caseload")
    link = page.get_by_role("link", name="the referral received")
    expect(link).to_have_attribute("href", f"/casework/cases/{first.pk}/")
    assert_accessible(page)
    page.goto(f"/casework/cases/{second.pk}/")
    expect(page.locator("#possible-duplicate")).to_contain_text("Possible duplicate of the referral received")
    assert_accessible(page)
