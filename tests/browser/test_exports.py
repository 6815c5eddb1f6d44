"""Funder and scheme manager journeys in headless Chromium, axe checking every page.

A funder signs in, lands on their grants, opens one, goes on to the rolled-up evaluation and downloads
it as CSV and Excel. A scheme manager downloads the evaluation extract and enters an SROI value.
Screenshots go to /tmp/shots-exports/ for a person to look at.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from connected.evidence.models import GrantReturn
from tests.browser.shots import Shots
from tests.casework.builders import make_world
from tests.exports.builders import funders, grant, populate

from .conftest import assert_accessible
from .test_casework import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
shot = Shots("exports")


def _world():
    world = make_world()
    world.records |= populate(world, people=12)
    world.records |= funders(world)
    rec = world.records
    tea = grant(rec["one"], title="Tea and talk", services=[rec["funded"]], uses_connected=True, reference="F-101")
    walk = grant(rec["one"], title="Walking group", grantee_account=rec["grantee_org"])
    grant(rec["two"], title="Another funder's grant")
    for start, reach in ((dt.date(2026, 1, 1), 4), (dt.date(2026, 4, 1), 30), (dt.date(2026, 7, 1), 22)):
        for g in (tea, walk):
            GrantReturn.objects.create(
                grant=g, period_start=start, period_end=start + dt.timedelta(days=89), reach=reach, sessions=12,
                attendances=reach * 4,
            )  # fmt: skip
    return world


def test_funder_portfolio_grant_evaluation_and_downloads(page: Page):
    _world()
    # Given a funder signed in with both factors, they land on their grants
    sign_in(page, "funder_one")
    expect(page.locator("h1")).to_have_text("Grants")
    expect(page.get_by_text("Another funder's grant")).to_have_count(0)
    assert_accessible(page)
    shot(page, "1-portfolio")
    # When they open a grant, its figures are suppressed counts from returns and Connected
    page.get_by_role("link", name="Tea and talk").click()
    expect(page.locator("h1")).to_have_text("Tea and talk")
    expect(page.get_by_text("fewer than 10").first).to_be_visible()
    assert_accessible(page)
    shot(page, "2-grant")
    # And go on to the rolled-up evaluation, narrowed to a period
    page.get_by_role("link", name="Evaluation of all your grants").click()
    expect(page.locator("h1")).to_have_text("Evaluation of your grants")
    assert_accessible(page)
    shot(page, "3-evaluation")
    page.locator("#start_day").fill("1")
    page.locator("#start_month").fill("4")
    page.locator("#start_year").fill("2026")
    page.get_by_role("button", name="Show this period").click()
    expect(page.get_by_text("on or after 1 April 2026")).to_be_visible()
    assert_accessible(page)
    # Then both downloads arrive, holding the grants and their total
    for link, suffix in (("Download the table (CSV)", ".csv"), ("Download the table (Excel)", ".xlsx")):
        with page.expect_download() as info:
            page.get_by_role("link", name=link).click()
        saved = shot.folder / f"grants-evaluation{suffix}"
        info.value.save_as(saved)
        assert saved.stat().st_size > 0
    assert "All grants" in (shot.folder / "grants-evaluation.csv").read_text(encoding="utf-8-sig")
    assert "Another funder" not in (shot.folder / "grants-evaluation.csv").read_text(encoding="utf-8-sig")
    shot(page, "4-evaluation-period")


def test_scheme_manager_extract_and_sroi_value(page: Page):
    _world()
    sign_in(page, "sm_a")
    page.goto("/evidence/evaluation/")
    expect(page.locator("h1")).to_have_text("Evaluation extract")
    assert_accessible(page)
    shot(page, "5-extract")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the extract (CSV)").click()
    info.value.save_as(shot.folder / "extract.csv")
    assert "pseudonym" in (shot.folder / "extract.csv").read_text(encoding="utf-8-sig")
    page.get_by_role("link", name="SROI inputs").click()
    expect(page.locator("h1")).to_have_text("SROI inputs")
    assert_accessible(page)
    page.get_by_role("link", name="Enter a value for an outcome").click()
    page.get_by_role("button", name="Save value").click()  # empty: every problem named
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the value per person")
    assert_accessible(page)
    shot(page, "6-sroi-value-errors")
    for box, value in (("period_start", ("1", "1", "2000")), ("period_end", ("31", "12", "2099"))):
        for part, text in zip(("day", "month", "year"), value, strict=True):
            page.locator(f"#{box}_{part}").fill(text)
    page.get_by_label("Outcome").select_option("supported")
    page.get_by_label("Value per person (£)").fill("120")
    page.get_by_label("Deadweight (%)").fill("25")
    page.get_by_label("Source of the value").fill("Unit cost database 2025")
    page.get_by_role("button", name="Save value").click()
    expect(page.locator("h1")).to_have_text("SROI inputs")
    expect(page.get_by_text("x £120.00 x (100% - 25.00% deadweight)")).to_be_visible()
    assert_accessible(page)
    shot(page, "7-sroi-sheet")
