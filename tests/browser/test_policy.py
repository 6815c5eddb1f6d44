"""A policy lead's journey in headless Chromium, axe checking each page: a Loneliness Test made end to end
(about, effects, groups, mitigation, sign-off, record, PDF, published view), then a commitment updated and
the annual report generated, its PDF's text read back. Screenshots go to /tmp/shots-policy/."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from connected.demo import policy as demo
from connected.policy.models import Answer, LonelinessTest
from tests.browser.shots import Shots
from tests.policy.builders import area_figures, is_tagged, pdf_text, policy_lead

from .conftest import assert_accessible
from .test_casework import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
_shot = Shots("policy")


def _rate(page: Page, section: str, harm: str) -> None:
    test = LonelinessTest.objects.get()
    for a in Answer.objects.filter(test=test, question__section=section).select_related("question"):
        name = a.question.text
        if name == harm:
            page.get_by_label(f"Effect on connection: {name}", exact=True).select_option("negative")
            page.get_by_label(f"Size: {name}", exact=True).select_option("medium")
            page.get_by_label(f"Confidence: {name}", exact=True).select_option("medium")
            page.get_by_label(f"Evidence: {name}", exact=True).fill("Bus passenger counts by hour")
            page.get_by_label(f"Reasons: {name}", exact=True).fill("Fewer ways to reach evening groups")
        else:
            page.get_by_label(f"Effect on connection: {name}", exact=True).select_option("none")


def test_policy_lead_makes_a_loneliness_test_and_generates_the_annual_report(page: Page):
    lead = policy_lead()
    area_figures()
    demo._commitments(lead, timezone.now())

    # Given the policy lead signs in, they start on the Loneliness Tests
    sign_in(page, "policy_1")
    expect(page.locator("h1")).to_have_text("Loneliness Tests")
    page.get_by_role("button", name="Start a Loneliness Test").click()

    # When they say what the policy is, with a place code mistyped, the error names it
    page.get_by_label("Name of the policy, programme or decision").fill("Evening bus network review")
    page.get_by_label("Department, council or team").fill("Leeds City Council, transport")
    page.get_by_label("What is the policy, programme or decision?").fill("Fewer evening buses on four routes.")
    page.get_by_label("Who does it affect?").fill("People who travel after 7pm without a car.")
    page.get_by_label("Places it names (optional)").fill("Leeds")
    page.get_by_label("Internal notes (optional)").fill("Members briefed in private.")
    page.get_by_label("Publish the record once it is signed off").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("“LEEDS” is not one")
    assert_accessible(page)
    page.get_by_label("Places it names (optional)").fill("E08000035 E06000001")
    page.get_by_role("button", name="Save and continue").click()

    # And rate each route and each group
    expect(page.locator("h1")).to_have_text("Effects on social connection")
    expect(page.locator(".nhsuk-caption-l")).to_have_text("Evening bus network review")
    _rate(page, "route", "Transport and getting around")
    assert_accessible(page)
    _shot(page, "1-effects")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("h1")).to_have_text("Groups at higher risk of loneliness")
    _rate(page, "group", "Older people living alone")
    page.get_by_role("button", name="Save and continue").click()

    # And add a mitigation with its owner, then sign off
    expect(page.locator("h1")).to_have_text("Mitigations")
    page.get_by_label("What will be done").fill("Book-ahead minibus until 11pm on the routes cut")
    page.get_by_label("Who owns it").fill("Bus services team")
    page.get_by_role("button", name="Add mitigation").click()
    expect(page.locator("#mitigation-list")).to_contain_text("Bus services team")
    assert_accessible(page)
    page.get_by_role("button", name="Continue to sign-off").click()
    page.get_by_label("Signed off by").fill("Director of Transport")
    page.get_by_label("Their role").fill("Director")
    page.get_by_label("I confirm this test is complete and its mitigations have owners").check()
    assert_accessible(page)
    page.get_by_role("button", name="Sign off").click()

    # Then the record shows the effects and the places' figures, and its PDF is tagged with its headings
    expect(page.locator("h1")).to_have_text("Evening bus network review")
    expect(page.locator("#place-figures")).to_contain_text("Hartlepool")
    expect(page.locator("#route-effects")).to_contain_text("Less connection")
    assert_accessible(page)
    _shot(page, "2-record")
    pdf = page.request.get(page.get_by_role("link", name="Download this record as a PDF").get_attribute("href"))
    assert is_tagged(pdf.body()) and "Groups at higher risk of loneliness" in pdf_text(pdf.body())

    # And the published view has no internal notes
    page.get_by_role("link", name="Published record (share this link)").click()
    expect(page.locator("body")).not_to_contain_text("Members briefed")
    expect(page.locator("#route-effects")).to_contain_text("Transport and getting around")
    assert_accessible(page)
    _shot(page, "3-published")
    page.goto("/policy/published/")
    page.get_by_label("Search tests").fill("evening bus")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#tests")).to_contain_text("Evening bus network review")
    assert_accessible(page)

    # When they update a commitment on the dashboard
    page.goto("/policy/commitments/")
    expect(page.locator("#by-lead")).to_contain_text("Department for Transport")
    assert_accessible(page)
    _shot(page, "4-dashboard")
    page.get_by_role("link", name="5", exact=True).click()
    page.get_by_label("Status").select_option("on_track")
    page.get_by_label("What was done").fill("Second round of the community transport fund opened.")
    page.get_by_role("button", name="Save update").click()
    expect(page.locator("#history")).to_contain_text("Second round of the community transport fund opened.")
    assert_accessible(page)
    _shot(page, "5-commitment")

    # Then the annual report lists each commitment with its lead and status, in HTML and a tagged PDF
    page.set_viewport_size({"width": 1280, "height": 900})  # the report is read on a desk
    page.goto("/policy/report/")
    expect(page.locator("h1")).to_contain_text("Tackling loneliness: annual progress report")
    expect(page.locator("table.annex")).to_contain_text("Department for Education")
    expect(page.locator("#figures")).to_contain_text("Highest loneliness risk")
    assert_accessible(page)
    _shot(page, "6-report")
    pdf = page.request.get(page.locator("#pdf").get_attribute("href"))
    text = pdf_text(pdf.body())
    assert is_tagged(pdf.body())
    for expected in ("Headline figures", "Annex A", "Department for Transport", demo.COMMITMENTS[1][1][:40]):
        assert expected in text
