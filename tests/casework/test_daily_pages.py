"""Refusal pages in the design system with a reason and a way back, and Connected's own mark (ADR 0033)."""

from __future__ import annotations

import pytest
from django.test import Client

from .builders import make_world, sign_in


@pytest.fixture
def world(db):
    return make_world()


def test_a_refused_case_page_says_why_in_the_design_system_with_a_way_back(world, client):
    sign_in(client, world.users["link_worker_b"])
    refused = client.get(f"/casework/cases/{world.records['own_scheme'].pk}/")
    page = refused.content.decode()
    assert refused.status_code == 403 and "nhsuk-header" in page
    assert "You cannot open this page" in page and "person&#39;s own scheme can open their case" in page
    assert 'href="/casework/"' in page and "Go to your start page" in page
    guarded = Client(enforce_csrf_checks=True)
    sign_in(guarded, world.users["link_worker"])
    stale = guarded.post(f"/casework/cases/{world.records['own_scheme'].pk}/contact/", {"mode": "phone"})
    assert stale.status_code == 403 and "Your form could not be sent" in stale.content.decode()
    missing = client.get("/casework/cases/00000000-0000-0000-0000-000000000000/")
    assert missing.status_code == 404 and "Page not found" in missing.content.decode()


def test_the_header_carries_connecteds_mark_and_the_nhs_logo_only_by_setting(world, client, settings):
    page = client.get("/").content.decode()
    assert "img/connected-mark.svg" in page and 'alt="Connected"' in page
    assert 'aria-label="NHS"' not in page
    settings.NHS_ORGANISATION = True
    from django.template import engines

    engines["jinja2"].env.globals["nhs_organisation"] = True
    try:
        nhs = client.get("/").content.decode()
    finally:
        engines["jinja2"].env.globals["nhs_organisation"] = False
    assert "connected-mark.svg" not in nhs and "nhsuk-header__logo" in nhs
