"""Paging arithmetic, as a property over totals and page sizes, and walked through the real endpoint."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connected.directory.api.paging import MAX_PER_PAGE, page_bounds, page_meta, total_pages

from . import factories as f


@settings(deadline=None)  # a shared machine: no timing in tests
@given(total=st.integers(0, 5000), per_page=st.integers(1, MAX_PER_PAGE))
def test_the_pages_cover_every_item_exactly_once(total: int, per_page: int) -> None:
    pages = total_pages(total, per_page)
    covered: list[int] = []
    for page in range(1, pages + 1):
        start, stop = page_bounds(total, page, per_page)
        size = stop - start
        meta = page_meta(total, page, per_page, size)
        assert 0 < size <= per_page or total == 0
        assert meta["first_page"] is (page == 1)
        assert meta["last_page"] is (page == pages)
        assert meta["empty"] is (size == 0)
        assert meta["total_pages"] == pages
        assert meta["size"] == size
        covered.extend(range(start, stop))
    assert covered == list(range(total))
    assert pages == max(1, (total + per_page - 1) // per_page)


@settings(deadline=None)
@given(total=st.integers(0, 5000), per_page=st.integers(1, MAX_PER_PAGE), beyond=st.integers(1, 1000))
def test_a_page_past_the_end_is_empty_and_last(total: int, per_page: int, beyond: int) -> None:
    page = total_pages(total, per_page) + beyond
    start, stop = page_bounds(total, page, per_page)
    assert start == stop
    meta = page_meta(total, page, per_page, 0)
    assert meta["empty"] and meta["last_page"] and not meta["first_page"]


@pytest.mark.django_db
@pytest.mark.parametrize("per_page", [1, 3, 4, 11, 12, 200])
def test_walking_every_page_of_the_api_returns_each_service_once(api, per_page) -> None:
    org = f.organization()
    made = {str(f.service(org, i).id) for i in range(11)}
    seen: list[str] = []
    page, last = 1, False
    while not last:
        body = api.get(f"/api/services?page={page}&per_page={per_page}").json()
        assert body["page_number"] == page
        assert body["total_items"] == 11
        assert body["total_pages"] == -(-11 // per_page)
        assert body["size"] == len(body["contents"]) <= per_page
        seen.extend(item["id"] for item in body["contents"])
        last = body["last_page"]
        page += 1
    assert sorted(seen) == sorted(made)
    beyond = api.get(f"/api/services?page={page}&per_page={per_page}")
    assert beyond.status_code == 200
    assert beyond.json()["contents"] == [] and beyond.json()["empty"] is True


@pytest.mark.django_db
def test_default_page_size_is_50(api) -> None:
    org = f.organization()
    for i in range(51):
        f.service(org, i, name=f"Group {i:02d}")
    body = api.get("/api/services").json()
    assert (body["size"], body["total_pages"], body["last_page"]) == (50, 2, False)
    assert [s["name"] for s in body["contents"]][:3] == ["Group 00", "Group 01", "Group 02"]  # by name
    assert api.get("/api/services?page=2").json()["contents"][0]["name"] == "Group 50"
