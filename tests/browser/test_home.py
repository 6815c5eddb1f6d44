"""The home page in a real browser: renders, has no WCAG 2.2 AA violations."""

import pytest

from .conftest import assert_accessible, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_is_accessible(page):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Find activities and support near you"
    assert_accessible(page)


def test_axe_reports_a_real_violation(page):
    """The checker itself can fail: an unlabelled input is reported."""
    page.goto("/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>')")
    ids = {v["id"] for v in axe_violations(page)}
    assert "label" in ids
