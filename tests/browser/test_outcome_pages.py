"""Messages back to the referrer on the case page, and the scheme's PRSB dataset page: usable and axe clean."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from connected.casework import services
from tests.casework.builders import make_world

from .axe import assert_accessible
from .test_casework import sign_in


def test_outcome_messages_on_the_case_and_the_prsb_dataset_page(page: Page):
    world = make_world()
    referral = world.records["own_scheme"]
    services.referral_accept(referral=referral, by=world.users["link_worker"])
    services.referral_close(referral=referral, by=world.users["link_worker"], outcome="goals_met")

    # Given the link worker on the closed case, the referrer's two letters are listed
    sign_in(page, "lw_a")
    page.goto(f"/casework/cases/{referral.pk}/")
    expect(page.locator("#outcome-messages tbody tr")).to_have_count(2)
    expect(page.locator("#outcome-messages")).to_contain_text("Letter to download")
    assert_accessible(page)
    page.context.clear_cookies()

    # Given the scheme manager, the evidence report links to the dataset, and bad dates are named
    sign_in(page, "sm_a")
    page.goto("/evidence/")
    page.get_by_role("link", name="The scheme's PRSB social prescribing dataset (pseudonymous CSV)").click()
    expect(page.locator("h1")).to_have_text("PRSB social prescribing dataset")
    assert_accessible(page)
    page.get_by_role("button", name="Download CSV").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the start date as a real date")
    assert_accessible(page)
