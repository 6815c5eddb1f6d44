"""Befriending journeys in headless Chromium at phone width, axe checking every page (issue 22).

Given a scheme with a coordinator and a person referred for loneliness: someone applies to volunteer;
the coordinator records their checks and training and approves them, takes the person on and matches
them with the volunteer (reasons shown); the volunteer logs a call on their phone, is worried and raises
a concern; the coordinator sees it at once, acknowledges it and records what was done.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from connected.befriending.models import Call, Volunteer
from connected.core.models import Organisation, Role, Scheme
from tests.browser.shots import Shots
from tests.casework.builders import PASSWORD, cover, make_user, person_details, referral_details

from .conftest import assert_accessible
from .test_casework import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
shot = Shots("befriending")


def _scheme() -> Scheme:
    from connected.casework import services

    pcn = Organisation.objects.create(name="Leeds North PCN", kind=Organisation.Kind.PCN)
    scheme = cover(Scheme.objects.create(organisation=pcn, name="Leeds North"), "area:LS")
    make_user("coord_a", Role.BEFRIENDING_COORDINATOR, pcn, scheme)
    services.referral_create(person=person_details(), referral=referral_details(), source="self", scheme=scheme)
    return scheme


def _date(page: Page, form: str, legend: str, value: dt.date) -> None:
    group = page.locator(form).get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(value.day))
    group.get_by_label("Month").fill(str(value.month))
    group.get_by_label("Year").fill(str(value.year))


def apply_to_volunteer(page: Page) -> None:
    page.goto("/befriending/volunteer/")
    assert_accessible(page)
    page.get_by_role("button", name="Send my application").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter your first name")
    assert_accessible(page)
    for label, value in (("First name", "Vera"), ("Last name", "Lynn"), ("Email address", "vera@example.org"),
                         ("Postcode", "LS6 2AB")):  # fmt: skip
        page.get_by_label(label, exact=True).fill(value)
    for label in ("Tuesday afternoon", "Phone calls", "English", "Gardening"):
        page.get_by_label(label, exact=True).check()
    page.get_by_label("How far could you travel").fill("3")
    shot(page, "01-apply")
    page.get_by_role("button", name="Send my application").click()
    expect(page.locator("h1")).to_contain_text("Thank you for offering to befriend")
    assert_accessible(page)


def check_and_approve(page: Page) -> None:
    today = timezone.localdate()
    page.get_by_role("link", name="Volunteers").first.click()
    page.get_by_role("link", name="Vera Lynn").click()
    expect(page.locator("h1")).to_have_text("Vera Lynn")
    assert_accessible(page)
    page.get_by_label("Enhanced").check()
    _date(page, "#checks-form", "Date of the DBS check", today - dt.timedelta(days=7))
    _date(page, "#checks-form", "Renew the DBS check by", today + dt.timedelta(days=1000))
    page.get_by_label("References received").fill("2")
    page.get_by_label("How many people they may befriend at once").fill("1")
    page.get_by_role("button", name="Save checks").click()
    for course in ("Befriending induction", "Safeguarding adults"):
        page.locator("#training-form").get_by_label(course).check()
        _date(page, "#training-form", "Completed on", today - dt.timedelta(days=3))
        page.get_by_role("button", name="Add training").click()
        expect(page.locator("#training")).to_contain_text(course)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".nhsuk-summary-list")).to_contain_text("Clear until")
    assert_accessible(page)
    shot(page, "02-volunteer-checked")


def take_on_and_match(page: Page) -> None:
    page.get_by_role("link", name="Waiting").first.click()
    assert_accessible(page)
    page.locator("#referrals").get_by_role("link", name="Ada Lovelace").click()
    for label in ("Tuesday afternoon", "Phone calls", "English", "Gardening", "Interests"):
        page.get_by_label(label, exact=True).check()
    assert_accessible(page)
    page.get_by_role("button", name="Find volunteers").click()
    expect(page.locator("#proposals")).to_contain_text("Shared interests: gardening")
    assert_accessible(page)
    shot(page, "03-proposals")
    page.get_by_role("button", name="Match with Vera").click()
    expect(page.locator("h1")).to_have_text("Ada and Vera")
    assert_accessible(page)


def test_apply_check_match_log_a_call_raise_and_acknowledge_a_concern(page: Page):
    _scheme()
    apply_to_volunteer(page)
    sign_in(page, "coord_a")
    expect(page.locator("h1")).to_have_text("Befriending")
    assert_accessible(page)
    check_and_approve(page)
    take_on_and_match(page)
    sign_out(page)
    # At induction the volunteer sets a password; their first call took place an hour ago.
    user = Volunteer.objects.get(email="vera@example.org").user
    user.set_password(PASSWORD)
    user.save()
    Call.objects.filter(pk=Call.objects.order_by("due_at").first().pk).update(
        due_at=timezone.now() - dt.timedelta(hours=1)
    )
    sign_in(page, user.username)
    expect(page.locator("h1")).to_have_text("My befriending")
    assert_accessible(page)
    page.get_by_role("button", name="Log your call with Ada").click()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("I am worried about them").check()
    page.get_by_label("Anything to pass on? (optional)").fill("She sounded breathless")
    assert_accessible(page)
    shot(page, "04-call-log-phone")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text("Raise a concern")
    page.get_by_label("Health or self-neglect").check()
    page.get_by_label("What did you see or hear?").fill("Breathless on the phone and has not seen her GP")
    assert_accessible(page)
    page.get_by_role("button", name="Send the concern").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("sent to the coordinator")
    assert_accessible(page)
    shot(page, "05-concern-sent")
    sign_out(page)
    sign_in(page, "coord_a")
    page.get_by_role("link", name="Concerns").first.click()
    expect(page.locator("#concerns")).to_contain_text("Raised")
    assert_accessible(page)
    shot(page, "06-concerns-list")
    page.locator("#concerns").get_by_role("link", name="Health or self-neglect").click()
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.locator(".nhsuk-tag")).to_have_text("Acknowledged")
    page.get_by_label("What was done?").fill("Called Ada and her GP practice; the nurse visits tomorrow")
    page.get_by_role("button", name="Record the action").click()
    expect(page.locator("#concerns")).to_contain_text("Acted on")
    assert_accessible(page)
    shot(page, "07-concern-acted")
