"""The area pages in a real browser, phone-sized (390x844) and desktop: they render and axe finds nothing."""

from __future__ import annotations

import pytest

from tests.areas.conftest import HARTLEPOOL, areas_world  # noqa: F401 - the fixture
from tests.browser.shots import Shots

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
_shot = Shots("areas")


@pytest.mark.parametrize("width", [390, 1280])
def test_national_table_is_accessible(page, areas_world, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 844})
    page.goto("/areas/")
    assert page.locator("h1").inner_text() == "Loneliness risk and unmet need by local authority"
    assert page.get_by_role("link", name="Hartlepool").count() == 1
    _shot(page, f"national-{width}")
    assert_accessible(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_area_page_is_accessible(page, areas_world, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"/areas/{HARTLEPOOL}/")
    assert "Hartlepool" in page.locator("h1").inner_text()
    assert page.locator("svg.areas-map circle").count() == 58
    page.get_by_text("The numbers for all 58 small areas").click()
    assert page.locator("details table tbody tr").count() == 58
    _shot(page, f"area-{width}")
    assert_accessible(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_maps_are_accessible(page, areas_world, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 844})
    page.goto("/areas/map/?show=risk")
    assert page.locator("svg.areas-map polygon").count() == 2
    _shot(page, f"map-{width}")
    assert_accessible(page)
    page.get_by_role("link", name="Show unmet need score").click()
    assert page.locator("h1").inner_text().startswith("Unmet need score")
    assert_accessible(page)


def test_method_page_is_accessible(page, areas_world):  # noqa: F811
    page.goto("/areas/method/")
    _shot(page, "method-390")
    assert_accessible(page)
