"""A commissioner's journey through the evidence report in headless Chromium, axe checking each page.

Given a council that commissions a scheme with a year of casework, the commissioner signs in with
both factors, opens the report, changes the period, and downloads a table. Screenshots go to
/tmp/shots-reports/.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tests.browser.shots import Shots
from tests.casework.builders import make_world
from tests.evidence import world

from .conftest import assert_accessible
from .test_casework import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
_shot = Shots("reports")


def test_commissioner_opens_the_report_changes_the_period_and_downloads_a_table(page: Page, tmp_path):
    w = make_world()
    world.build([w.scheme_a, w.scheme_b], seed=5, people=160, start=dt.datetime(2025, 2, 1, tzinfo=dt.UTC), days=119)

    # When the commissioner signs in, they start on the evidence report
    sign_in(page, "commissioner_1")
    expect(page.locator("h1")).to_have_text("Evidence report")
    assert_accessible(page)
    _shot(page, "1-report-default-period")
    expect(page.locator("body")).not_to_contain_text("Manchester Connect")

    # And they choose February to May 2025
    page.get_by_label("From (month)").fill("2025-02")
    page.get_by_label("To (month)").fill("2025-05")
    page.get_by_role("button", name="Show report").click()
    expect(page.get_by_role("heading", name="February 2025 to May 2025")).to_be_visible()
    expect(page.locator("#referrals-by-source svg[role=img]")).to_be_visible()
    expect(page.locator("#reach-age table")).to_contain_text("Share of people reached")
    expect(page.locator("a[href*='/casework/cases/'], a[href*='/casework/people/']")).to_have_count(0)
    assert_accessible(page)
    _shot(page, "2-report-feb-may-2025")

    # Then they download the referrals-by-source table
    with page.expect_download() as info:
        page.locator("#referrals-by-source").get_by_role("link", name="Download this table (CSV)").click()
    saved = tmp_path / "table.csv"
    info.value.save_as(saved)
    text = saved.read_text()
    assert text.startswith("Referrals by source") and "Period: 2025-02 to 2025-05" in text
    assert "Self-referral" in text

    # And a period that ends in a month still under way is refused with a message naming it
    page.get_by_label("To (month)").fill(f"{dt.date.today():%Y-%m}")
    page.get_by_role("button", name="Show report").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("The period must end by")
    assert_accessible(page)
    _shot(page, "3-period-refused")
