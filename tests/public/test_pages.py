"""The public pages through Django's test client: service page, statements, 404, and no external assets."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client

from connected.directory.models import Service

from .builders import make_service

pytestmark = pytest.mark.django_db

ASSET = re.compile(r"<(?:link|script)\b[^>]*\b(?:href|src)=\"([^\"]*)\"", re.IGNORECASE)


def external_assets(html: str) -> list[str]:
    return [url for url in ASSET.findall(html) if "//" in url]


def test_service_page_shows_what_when_where_cost_access_and_contact(client: Client):
    service = make_service("Tuesday walk", latitude=53.8, longitude=-1.55)
    response = client.get(f"/services/{service.id}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Tuesday walk \N{EN DASH} Connected</title>" in html
    assert "A friendly group. Everyone is welcome." in html
    assert "Every Tuesday, 10am to 12pm" in html
    assert "Next session:" in html
    assert "1 Park Lane" in html and "LS1 4AP" in html
    assert "openstreetmap.org/directions" in html
    assert "Free" in html
    assert "Ages 18 and over" in html
    assert "Step-free access" in html and "Ramp at the side entrance" in html
    assert "Just turn up" in html
    assert 'href="tel:01134960000"' in html
    assert 'href="mailto:hello@example.org"' in html
    assert "Tuesday walk Trust" in html
    assert "nhsuk-card--warning" not in html


def test_service_not_running_shows_a_warning(client: Client):
    service = make_service("Old club", latitude=53.8, longitude=-1.55, status=Service.Status.TEMPORARILY_CLOSED)
    html = client.get(f"/services/{service.id}/").content.decode()
    assert "nhsuk-card--warning" in html
    assert "closed for now" in html


def test_unknown_service_is_a_styled_404(client: Client):
    response = client.get(f"/services/{uuid.uuid4()}/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and "nhsuk-header" in html


def test_unknown_page_is_a_styled_404(client: Client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_back_link_returns_to_the_search_only_from_our_finder(client: Client):
    service = make_service("Walk", latitude=53.8, longitude=-1.55)
    url = f"/services/{service.id}/"
    html = client.get(url, HTTP_REFERER="http://testserver/find/?postcode=LS1+4AP").content.decode()
    assert 'href="/find/?postcode=LS1+4AP"' in html
    assert "Back to search results" in html
    html = client.get(url, HTTP_REFERER="https://evil.example/find/?x=1").content.decode()
    assert 'href="/find/"' in html and "evil.example" not in html
    assert "Find other activities" in html


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/", "Find activities and support near you"),
        ("/find/", "Find activities near you"),
        ("/accessibility/", "Accessibility statement"),
        ("/privacy/", "Privacy"),
    ],
)
def test_pages_render_and_load_nothing_from_other_hosts(client: Client, url: str, heading: str):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in html
    assert ASSET.findall(html), "the page should load our own stylesheet and script"
    assert external_assets(html) == []


def test_service_page_loads_nothing_from_other_hosts(client: Client):
    service = make_service("Walk", latitude=53.8, longitude=-1.55)
    assert external_assets(client.get(f"/services/{service.id}/").content.decode()) == []


def test_footer_links_to_the_statements(client: Client):
    html = client.get("/").content.decode()
    assert 'href="/accessibility/"' in html and 'href="/privacy/"' in html


def test_server_error_page_is_styled(rf):
    from connected.public.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "text"), [("/check-in/", "Check in on how you are feeling"), ("/refer-yourself/", "Ask a link worker")]
)
def test_start_page_links_to_other_services_only_when_they_exist(client: Client, path: str, text: str):
    from connected.public.presenters import url_if_exists

    html = client.get("/").content.decode()
    assert (f'href="{path}"' in html) == (url_if_exists(path) is not None)
    assert (text in html) == (url_if_exists(path) is not None)
