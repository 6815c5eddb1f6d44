"""Referrer and link worker journeys in headless Chromium, axe checking every page.

Given a scheme with a GP referrer and a link worker, the GP refers someone
through the form; the link worker sees them waiting in the caseload, accepts
and records a contact; the GP sees the status change on "My referrals".
A member of the public refers themselves too.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests.casework.builders import PASSWORD, make_world

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def current_code(username: str) -> str:
    """The code the user's authenticator app shows now (an app is set up for them if they have none)."""
    user = get_user_model().objects.get(username=username)
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "Authenticator app"})
    device.last_t = -1  # a person signing in twice within one 30-second step waits for the next; the test need not
    device.save()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(page: Page, username: str) -> None:
    """Both factors, through the pages: password, then the code from the authenticator app."""
    code = current_code(username)
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Enter your security code")
    assert_accessible(page)
    page.get_by_label("Security code").fill(code)
    page.get_by_role("button", name="Continue").click()


def fill_self_referral(page: Page) -> None:
    """The self-referral form as a person in Manchester fills it in."""
    page.get_by_label("First name").fill("Tom")
    page.get_by_label("Last name").fill("Kilburn")
    page.get_by_label("Day", exact=True).fill("11")
    page.get_by_label("Month", exact=True).fill("8")
    page.get_by_label("Year", exact=True).fill("1961")
    page.get_by_label("Postcode").fill("M13 9PL")
    page.get_by_label("Phone number").fill("0161 496 0000")
    page.get_by_label("Tell us a little about what is going on for you").fill("I have not spoken to anyone for weeks")
    page.get_by_label("I agree to a link worker contacting me about this").check()


def sign_out(page: Page) -> None:
    page.context.clear_cookies()


def test_referral_to_caseload_and_back_to_the_referrer(page: Page):
    make_world()
    # Given a GP signed in, when they refer someone through the form
    sign_in(page, "gp_1")
    expect(page.locator("h1")).to_have_text("My referrals")
    assert_accessible(page)
    page.get_by_role("link", name="Make a new referral").click()
    expect(page.locator("h1")).to_have_text("Refer someone to a link worker")
    assert_accessible(page)
    page.get_by_role("button", name="Send referral").click()  # empty form: errors, named
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the person's first name")
    assert_accessible(page)
    page.get_by_label("First name").fill("Mary")
    page.get_by_label("Last name").fill("Somerville")
    page.get_by_label("Day", exact=True).fill("26")
    page.get_by_label("Month", exact=True).fill("12")
    page.get_by_label("Year", exact=True).fill("1940")
    page.get_by_label("NHS number (optional)").fill("943 476 5862")
    page.get_by_label("Postcode").fill("LS6 3HN")
    page.get_by_label("Phone number").fill("0113 496 0002")
    page.get_by_label("GP practice ODS code (optional)").fill("B86001")
    page.get_by_label("GP practice name (optional)").fill("Park Surgery")
    page.get_by_label("Ethnic category (optional)").select_option("H")
    page.get_by_label("Loneliness or isolation").check()
    page.get_by_label("Soon (within a week)").check()
    page.get_by_label("The person agrees to this referral and to be contacted").check()
    page.get_by_role("button", name="Send referral").click()
    # Then they see it received
    expect(page.locator("#referral-status")).to_have_text("Received")
    assert_accessible(page)
    sign_out(page)

    # Given the link worker, when they open the caseload, Mary is waiting
    sign_in(page, "lw_a")
    expect(page.locator("h1")).to_have_text("Caseload")
    waiting = page.locator("#waiting + ul")
    expect(waiting).to_contain_text("Somerville")
    assert_accessible(page)
    waiting.get_by_role("link", name="Mary Somerville").click()
    expect(page.locator("#case-status")).to_have_text("Received")
    assert_accessible(page)
    page.get_by_role("button", name="Accept referral").click()
    expect(page.locator("#case-status")).to_have_text("Accepted")
    page.get_by_role("link", name="Record a contact").click()
    expect(page.locator("h1")).to_have_text("Record a contact")
    assert_accessible(page)
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("How long, in minutes (optional)").fill("30")
    page.get_by_label("Notes (optional)").fill("Talked about joining a choir")
    page.get_by_role("button", name="Save contact").click()
    expect(page.locator("#case-status")).to_have_text("Contacted")
    expect(page.locator("#contacts")).to_contain_text("Talked about joining a choir")
    assert_accessible(page)
    page.get_by_role("link", name="Record what matters to them").click()
    page.get_by_label("What matters to them, in their own words").fill("Singing again, like I did at chapel")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#case-status")).to_have_text("In progress")
    page.get_by_role("link", name="All details, consent and data requests").click()
    expect(page.locator("h1")).to_have_text("Mary Somerville")
    expect(page.locator("main")).to_contain_text("Park Surgery (B86001)")
    expect(page.locator("main")).to_contain_text("Asian or Asian British: Indian")
    assert_accessible(page)
    sign_out(page)

    # Then the GP sees the status change, and not the notes
    sign_in(page, "gp_1")
    expect(page.locator("#my-referrals")).to_contain_text("In progress")
    page.get_by_role("link", name="Mary Somerville").click()
    expect(page.locator("#history")).to_contain_text(re.compile("Accepted.*Contacted.*In progress", re.S))
    expect(page.get_by_text("Talked about joining a choir")).to_have_count(0)
    expect(page.get_by_text("Singing again")).to_have_count(0)
    assert_accessible(page)


def test_self_referral_is_accessible_and_reaches_the_scheme(page: Page):
    make_world()
    page.goto("/refer-yourself/")
    assert_accessible(page)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter your first name")
    assert_accessible(page)
    fill_self_referral(page)
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_contain_text("We have your request")
    expect(page.locator(".nhsuk-panel")).to_contain_text("Manchester Connect")
    assert_accessible(page)


def test_manager_and_commissioner_pages_are_accessible(page: Page):
    world = make_world()
    person = world.records["own_scheme"].person
    sign_in(page, "sm_a")
    expect(page.locator("h1")).to_have_text("Caseload")
    page.goto(f"/casework/people/{person.pk}/")
    expect(page.get_by_role("link", name=re.compile("subject access request"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Erase this person's details").click()
    page.get_by_role("button", name="Erase details").click()  # not confirmed: refused, named
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Confirm that you want to erase")
    assert_accessible(page)
    from connected.measures.services import response_record

    for timepoint, answer in (("baseline", "often"), ("follow_up", "hardly_ever_or_never")):
        response_record(
            instrument_code="ucla3",
            subject_type="casework.case",
            subject_id=world.records["own_scheme"].pk,
            timepoint=timepoint,
            answers=dict.fromkeys(("lack_companionship", "left_out", "isolated"), answer),
        )
    page.goto(f"/casework/cases/{world.records['own_scheme'].pk}/")
    expect(page.locator("#measures ~ figure svg").first).to_be_visible()
    assert_accessible(page)
    page.goto(f"/casework/cases/{world.records['own_scheme'].pk}/measures/")
    expect(page.locator("h1")).to_have_text("Record measures")
    assert_accessible(page)
    page.goto("/casework/audit/")
    expect(page.locator("#audit")).to_contain_text("casework.person")
    assert_accessible(page)
    sign_out(page)
    sign_in(page, "commissioner_1")
    expect(page.locator("h1")).to_have_text("Evidence report")
    assert_accessible(page)
