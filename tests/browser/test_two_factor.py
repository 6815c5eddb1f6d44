"""Two-factor sign-in in headless Chromium (security issue, must show).

Given an administrator with a password and no authenticator app, when they sign
in they must set one up before anything else; they save their recovery codes and
sign out. Signed in again with the password alone, neither the caseload nor the
admin opens until they enter the code their app shows.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from tests.browser.shots import Shots
from tests.casework.builders import PASSWORD, make_world

from .conftest import assert_accessible

_shot = Shots("two-factor")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code_for(key_text: str, at_step_offset: int = 0) -> str:
    key = base64.b32decode(key_text.replace(" ", ""))
    return f"{totp(key, drift=at_step_offset):06d}"


def _password(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_enrol_then_the_code_is_needed_for_caseload_and_admin(page: Page, tmp_path: Path):
    world = make_world()
    admin = world.users["administrator"]
    admin.is_staff = admin.is_superuser = True
    admin.save()

    # Given an administrator with only a password, when they sign in, they must set up an app first
    _password(page, "admin_1")
    expect(page.locator("h1")).to_have_text("Set up two-factor authentication")
    assert_accessible(page)
    _shot(page, "1-enrol")
    page.goto("/admin/")  # nothing else opens meanwhile
    expect(page.locator("h1")).to_have_text("Set up two-factor authentication")
    page.get_by_label("Security code").fill("000000")
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Security code is not right")
    assert_accessible(page)
    page.wait_for_timeout(1_500)  # django-otp refuses any try for a second after a wrong code

    # When they type the key into their app and enter its code
    key = page.locator("#totp-key").inner_text()
    page.get_by_label("Security code").fill(_code_for(key))
    page.get_by_role("button", name="Turn on two-factor authentication").click()

    # Then they see ten recovery codes, once
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    _shot(page, "2-recovery-codes")
    page.get_by_role("button", name="Continue").click()  # on to the admin they first asked for
    expect(page.locator("#site-name")).to_contain_text("Connected administration")
    page.goto("/accounts/two-factor/")
    expect(page.locator("#recovery-codes")).to_have_count(0)

    # When they sign out and sign in again with the password alone
    page.goto("/casework/overview/")
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("h1")).to_have_text("Sign in")
    _password(page, "admin_1")
    expect(page.locator("h1")).to_have_text("Enter your security code")
    assert_accessible(page)
    _shot(page, "3-verify")

    # Then neither the caseload nor the admin opens without the code
    for path in ("/casework/caseload/", "/admin/", "/admin/core/membership/"):
        page.goto(path)
        expect(page.locator("h1")).to_have_text("Enter your security code")

    # And with the code from their app, the admin opens (the next time step: each code works once)
    page.get_by_label("Security code").fill(_code_for(key, at_step_offset=1))
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#site-name")).to_contain_text("Connected administration")
    expect(page.locator("h1")).to_have_text("Select membership to change")
    _shot(page, "4-admin")
