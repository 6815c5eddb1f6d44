"""The finder page through Django's test client: errors on the page, and results from the real search."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from .builders import leeds_directory, make_service, refresh_search_index

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("NOT A POSTCODE", "is not a UK postcode"),
        ("LS99 9ZZ", "We could not find the postcode LS99 9ZZ"),
        ("", "Enter a postcode or the first part of one"),
    ],
)
def test_bad_postcode_is_explained_on_the_page_not_a_500(client: Client, postcode: str, message: str):
    response = client.get("/find/", {"postcode": postcode, "q": "walking"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Find activities near you" in html
    summary = html[html.index("nhsuk-error-summary") : html.index("<h1>")]
    assert "There is a problem" in summary
    assert 'href="#postcode"' in summary and message in summary
    hidden_prefix = r'<span class="nhsuk-u-visually-hidden">Error: </span>'
    inline = re.search(r'class="nhsuk-error-message" id="postcode-error"\s*>\s*' + hidden_prefix + "([^<]*)<", html)
    assert inline and message in inline.group(1)
    assert re.search(r'<input[^>]*id="postcode"[^>]*aria-describedby="postcode-hint postcode-error"', html)
    assert 'value="walking"' in html, "what the person typed is kept"


def test_a_bad_filter_value_is_named_and_changes_nothing(client: Client):
    response = client.get("/find/", {"postcode": "NOT A POSTCODE", "day": "XX"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select days from the list" in html
    assert "results-heading" not in html


def test_the_empty_finder_asks_for_a_postcode_without_errors(client: Client):
    html = client.get("/find/").content.decode()
    assert "nhsuk-error-summary" not in html
    assert "<title>Find activities near you" in html
    assert 'name="postcode"' in html and 'name="day"' in html and 'name="access"' in html


def titles(html: str) -> list[str]:
    return [t.strip() for t in re.findall(r'<a class="nhsuk-card__link" href="/services/[^"]+/">([^<]+)</a>', html)]


def test_results_are_nearest_first_with_correct_distances(client: Client):
    leeds_directory()
    response = client.get("/find/", {"postcode": "ls1 4ap"})
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(html) == ["Park walk", "Lunch club", "Community choir"]
    assert "3 activities within 5 miles of LS1 4AP" in html
    # 0.009 degrees of latitude is 1.0 km: 0.62 miles.
    assert "0.6 miles (1 km)" in html
    assert "Office for National Statistics licensed under the Open Government Licence" in html


def test_filters_narrow_the_results(client: Client):
    leeds_directory()
    free = client.get("/find/", {"postcode": "LS1 4AP", "free": "1"}).content.decode()
    assert titles(free) == ["Park walk", "Community choir"]
    tuesday = client.get("/find/", {"postcode": "LS1 4AP", "free": "1", "day": "TU"}).content.decode()
    assert titles(tuesday) == ["Park walk"]
    hearing = client.get("/find/", {"postcode": "LS1 4AP", "access": "hearing-loop"}).content.decode()
    assert titles(hearing) == ["Community choir"]
    evening = client.get("/find/", {"postcode": "LS1 4AP", "time": "evening"}).content.decode()
    assert titles(evening) == ["Community choir"]
    lunch = client.get("/find/", {"postcode": "LS1 4AP", "activity": "lunch-club"}).content.decode()
    assert titles(lunch) == ["Lunch club"]
    too_young = client.get("/find/", {"postcode": "LS1 4AP", "age": "16"}).content.decode()
    assert titles(too_young) == []
    far = client.get("/find/", {"postcode": "LS1 4AP", "distance": "1"}).content.decode()
    assert titles(far) == ["Park walk"]
    assert "1 activity within 1 mile of LS1 4AP" in far


def test_an_outcode_search_says_distances_are_approximate(client: Client):
    leeds_directory()
    html = client.get("/find/", {"postcode": "LS1"}).content.decode()
    assert "Distances are from the centre of LS1" in html
    assert len(titles(html)) == 3


def test_no_results_gives_advice(client: Client):
    leeds_directory()
    html = client.get("/find/", {"postcode": "LS1 4AP", "day": "SU"}).content.decode()
    assert titles(html) == []
    assert "0 activities within 5 miles of LS1 4AP" in html
    assert "choosing a larger distance" in html and "removing some filters" in html


def test_results_are_paged_with_nhs_pagination(client: Client):
    leeds_directory()
    for n in range(10):
        make_service(f"Extra group {n:02d}", latitude=53.7961 + n * 0.0008, longitude=-1.5470, access=())
    refresh_search_index()
    first = client.get("/find/", {"postcode": "LS1 4AP"}).content.decode()
    assert "13 activities within 5 miles of LS1 4AP" in first
    assert len(titles(first)) == 10
    assert 'class="nhsuk-pagination' in first and "Page 1 of 2" in first
    second = client.get("/find/", {"postcode": "LS1 4AP", "page": "2"}).content.decode()
    assert titles(second) == ["Park walk", "Lunch club", "Community choir"]
    assert 'aria-current="page"' in second
    assert set(titles(first)).isdisjoint(titles(second))


def test_a_page_past_the_end_offers_the_first_page(client: Client):
    leeds_directory()
    html = client.get("/find/", {"postcode": "LS1 4AP", "page": "99"}).content.decode()
    assert titles(html) == []
    assert "There are no results on page 99" in html
    assert "page=1" in html and "postcode=LS1+4AP" in html


def test_online_or_phone_search_needs_no_postcode(client: Client):
    leeds_directory()
    response = client.get("/find/", {"delivery": "online", "q": "friendly"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" not in html
    assert "0 activities found" in html, "every activity in this directory is in person"


def test_searching_sets_no_cookies_as_the_privacy_page_says(client: Client):
    leeds_directory()
    for url in ("/", "/find/?postcode=LS1+4AP&q=walk", "/privacy/"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, f"{url} set {list(response.cookies)}"
