"""The API's `search` finds exactly what the public search's text matching finds, plus folded duplicates."""

from __future__ import annotations

import functools
from uuid import UUID

import pytest

from connected.directory.search import SearchQuery, refresh_index, search

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(db) -> dict:
    org = f.organization(1, name="Holbeck Neighbours")
    service = functools.partial(f.service, org, alternate_name="")
    made = {
        "walk": service(1, name="Walking group", description="A gentle stroll along the canal."),
        "nordic": service(2, name="Nordic walks", description="Poles provided."),
        "choir": service(3, name="Community choir", description="Sing with friends."),
        "choirs": service(4, name="Singing for the brain", description="Two choirs meet here."),
        "lunch": service(5, name="Lunch club", description="A hot meal and a chat."),
        "closed": service(6, name="Winter walking", description="Walks in winter.", status="inactive"),
    }
    refresh_index()
    return made


def api_ids(api, text: str) -> set[UUID]:
    response = api.get("/api/services", {"search": text, "per_page": 200})
    assert response.status_code == 200, response.content
    return {UUID(item["id"]) for item in response.json()["contents"]}


def search_ids(text: str) -> set[UUID]:
    page = search(SearchQuery(text=text, per_page=100))
    assert page.total <= 100
    return {UUID(str(r.service_id)) for r in page.results}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("walkng", {"walk", "nordic"}),  # a typo, corrected against the indexed words, then stemmed
        ("choirs", {"choir", "choirs"}),  # a plural finds the singular
        ("walking group", {"walk", "nordic"}),  # "group" is a stop word
        ("lunch", {"lunch"}),
        ("zebra", set()),
    ],
)
def test_api_search_matches_the_public_search(api, listings, text, expected) -> None:
    want = {listings[k].id for k in expected}
    assert search_ids(text) == want
    assert api_ids(api, text) == want
    assert listings["closed"].id not in api_ids(api, text)  # not indexed: not active


def test_only_stop_words_filter_nothing(api, listings) -> None:
    assert api_ids(api, "the group") == {s.id for s in listings.values()}


def test_a_duplicate_comes_with_its_canonical_service(api, listings) -> None:
    org = f.organization(2, name="Another Feed Trust")
    copy = f.service(org, 7, alternate_name="", name="Community choir (copy)", description="Sing with friends.")
    copy.duplicate_of = listings["choir"]
    copy.save()
    refresh_index([copy.id, listings["choir"].id])
    assert search_ids("choir") == {listings["choir"].id, listings["choirs"].id}  # the public search shows it once
    assert api_ids(api, "choir") == {listings["choir"].id, listings["choirs"].id, copy.id}
    assert api_ids(api, "chior") == api_ids(api, "choir")  # a typo too
    assert api_ids(api, "lunch") == {listings["lunch"].id}  # not for other words
