"""A life-event link and the spaces finder in headless Chromium on a phone, axe clean."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from connected.public import spaces
from connected.public.models import SpaceOffer
from tests.checkin.test_life_events import LEEDS, leeds_with_bereavement_support
from tests.checkin.test_spaces import MEMBERS, OFFER, places

from .conftest import assert_accessible
from .test_checkin import at_320px, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_life_event_link_lands_on_local_support_help_lines_and_the_check_in(page: Page):
    leeds_with_bereavement_support()
    page.goto(f"/life-events/bereavement/{LEEDS}/")
    expect(page.locator("h1")).to_contain_text("When someone close to you has died")
    expect(page.locator("main")).to_contain_text("Bereavement cafe")
    expect(page.locator("main")).to_contain_text("Leeds Bereavement Forum can help.")
    at_320px(page)
    shot(page, "7-life-event-area")
    page.get_by_label("Search near another postcode").fill("LS1 4AP")
    page.get_by_role("button", name="Find support").click()
    expect(page.locator("main")).to_contain_text("within 5 miles of LS1 4AP")
    assert_accessible(page)
    page.get_by_role("link", name="Check in on how you are feeling").click()
    expect(page.locator("h1")).to_have_text("Check in on how you are feeling")


def test_a_group_finds_a_space_fair_to_its_members(page: Page):
    places()
    Client().post("/spaces/offer/", OFFER)
    spaces.space_publish(offer=SpaceOffer.objects.get())
    page.goto("/spaces/")
    expect(page.locator("h1")).to_have_text("Find a space for your group")
    assert_accessible(page)
    page.get_by_role("button", name="Find spaces").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter at least 2 postcodes")
    assert_accessible(page)
    page.get_by_label("Where your members live").fill("\n".join(MEMBERS))
    page.get_by_label("How many people come? (optional)").fill("12")
    page.get_by_role("button", name="Find spaces").click()
    expect(page.locator("#spaces-heading")).to_have_text("1 space for your 3 members")
    expect(page.locator("main")).to_contain_text("Up to 60 people")
    at_320px(page)
    shot(page, "8-spaces")
    page.get_by_role("link", name="Offer a space to community groups").click()
    at_320px(page)
    shot(page, "9-space-offer")
