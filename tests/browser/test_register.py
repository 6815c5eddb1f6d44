"""The register's journeys in headless Chromium, axe clean: find your scheme, England's coverage, and an
out-of-area self-referral told the truth (issues 23 and 16)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from connected.casework.models import Referral
from connected.core.models import LocalAuthority, Organisation, Scheme
from tests.browser.shots import Shots
from tests.casework.builders import cover, make_world

from .conftest import assert_accessible
from .test_casework import fill_self_referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
_shot = Shots("register")


def _register() -> None:
    for code, name, region in (
        ("E08000035", "Leeds", "Yorkshire and The Humber"),
        ("E06000014", "York", "Yorkshire and The Humber"),
        ("E06000052", "Cornwall", "South West"),
    ):
        LocalAuthority.objects.create(code=code, name=name, region=region)
    pcn = Organisation.objects.create(name="Leeds North PCN", kind=Organisation.Kind.PCN)
    routes = {
        "self-referral": "https://headingley.example/refer-yourself",
        "web-form": "https://headingley.example/refer",
        "email": "referrals@headingley.example",
        "phone": "01632 960123",
    }
    cover(
        Scheme.objects.create(organisation=pcn, name="Headingley Connect"),
        "outcode:LS6",
        routes=routes,
        languages=["English", "Urdu"],
        hours="MO,TU,WE,TH,FR 09:00-17:00",
        eligibility="Adults registered with a Leeds North practice.",
        minimum_age=18,
    )
    cover(Scheme.objects.create(organisation=pcn, name="Leeds Together"), "la:E08000035")
    cover(Scheme.objects.create(organisation=pcn, name="Leeds Community Links"), "la:E08000035")
    cover(Scheme.objects.create(organisation=pcn, name="York Connect"), "la:E06000014")


def test_a_referrer_finds_the_scheme_for_a_postcode_and_sees_englands_coverage(page: Page):
    _register()
    page.goto("/social-prescribing/")
    page.get_by_label("Postcode").fill("nonsense")
    page.get_by_role("button", name="Find the scheme").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("is not a UK postcode")
    assert_accessible(page)
    page.get_by_label("Postcode").fill("ls6 3hn")
    page.get_by_role("button", name="Find the scheme").click()
    expect(page.locator("#scheme-results h2").first).to_have_text("1 scheme covers LS6 3HN")
    card = page.locator(".nhsuk-card").first
    expect(card).to_contain_text("Headingley Connect")
    expect(card).to_contain_text("It covers your postcode district")
    expect(card.get_by_role("link", name="referrals@headingley.example")).to_have_attribute(
        "href", "mailto:referrals@headingley.example"
    )
    expect(card).to_contain_text("Urdu")
    expect(card).to_contain_text("Monday to Friday, 09:00 to 17:00")
    expect(card).to_contain_text("Not known yet")  # the wait: too few first contacts to say
    assert_accessible(page)
    _shot(page, "lookup")
    page.goto("/social-prescribing/?postcode=TR1+1AA")
    expect(page.locator("#scheme-results h2").first).to_have_text("No scheme in the register covers TR1 1AA")
    assert_accessible(page)
    page.get_by_role("link", name="See which areas of England the register covers").click()
    expect(page.locator("h1")).to_have_text("Social prescribing schemes in England: coverage")
    expect(page.locator("#coverage-summary")).to_contain_text("2 of 3 authorities have at least one scheme")
    cornwall = page.locator("#coverage tr", has_text="Cornwall")
    expect(cornwall).to_contain_text("No scheme")
    expect(page.locator("#coverage tr", has_text="Leeds")).to_contain_text("Overlap")
    expect(page.get_by_role("link", name="Download this table (CSV)")).to_have_attribute(
        "href", "/social-prescribing/coverage.csv"
    )
    assert_accessible(page)
    _shot(page, "coverage")


def test_an_out_of_area_self_referral_is_told_the_truth(page: Page):
    make_world()  # Leeds North covers LS and Manchester Connect covers M; nobody covers Truro
    page.goto("/refer-yourself/")
    fill_self_referral(page)
    page.get_by_label("Postcode").fill("TR1 1AA")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("No social prescribing scheme in Connected covers TR1 1AA yet")
    expect(page.get_by_text("We have not kept the details you entered")).to_be_visible()
    expect(page.get_by_role("link", name="Find activities near you")).to_be_visible()
    assert "Leeds" not in page.content()
    assert not Referral.objects.filter(person__postcode="TR1 1AA").exists()
    assert_accessible(page)
    _shot(page, "out-of-area-self-referral")
