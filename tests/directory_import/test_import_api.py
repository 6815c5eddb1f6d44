"""Harvesting an ORUK API over real HTTP: paging (including feeds whose paging lies), summaries, failures."""

from __future__ import annotations

import pytest
from django.core.management import CommandError

from connected.directory import models as m

from .conftest import load, page, run_import

pytestmark = pytest.mark.django_db(transaction=True)


def counts() -> tuple[int, int, int]:
    return m.Service.objects.count(), m.Location.objects.count(), m.Feed.objects.count()


def serve_pages(routes, services: list, per_page: int, total_pages: int) -> None:
    chunks = [services[i : i + per_page] for i in range(0, len(services), per_page)]
    for number, chunk in enumerate(chunks, start=1):
        routes[f"/services?page={number}&per_page=100"] = (200, page(chunk, number, total_pages))
    routes[f"/services?page={len(chunks) + 1}&per_page=100"] = (200, page([], len(chunks) + 1, total_pages))


def test_api_is_harvested_page_by_page(feed_server):
    base, routes = feed_server
    services = load("well_formed.json")
    serve_pages(routes, services, per_page=2, total_pages=3)
    out, _ = run_import(base, "--feed", "API")
    assert "API: added 5" in out
    assert m.Service.objects.filter(feed__name="API").count() == 5
    assert m.Feed.objects.get(name="API").kind == "api"


def test_total_pages_that_lies_does_not_stop_the_harvest(feed_server):
    base, routes = feed_server
    serve_pages(routes, load("well_formed.json"), per_page=2, total_pages=1)  # says 1 page, has 3
    out, _ = run_import(base + "/services", "--feed", "Liar")  # a URL ending in /services works too
    assert "added 5" in out


def test_a_feed_that_ignores_page_stops_on_the_repeat(feed_server):
    base, routes = feed_server
    services = load("well_formed.json")
    for number in range(1, 5):
        routes[f"/services?page={number}&per_page=100"] = (200, page(services, 1, 99))
    out, _ = run_import(base, "--feed", "Repeats")
    assert "added 5" in out


def test_summaries_in_the_list_are_fetched_in_full(feed_server):
    base, routes = feed_server
    services = load("well_formed.json")
    summaries = [{k: s[k] for k in ("id", "name", "status")} for s in services]
    serve_pages(routes, summaries, per_page=5, total_pages=1)
    for service in services:
        routes[f"/services/{service['id']}"] = (200, service)
    run_import(base, "--feed", "Summaries")
    assert m.Location.objects.filter(feed__name="Summaries").count() == 5
    assert m.Schedule.objects.filter(feed__name="Summaries", service__isnull=False).count() == 5


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ((500, {"detail": "boom"}), "answered HTTP 500"),
        ((200, b"<html>maintenance</html>"), "did not return JSON"),
        ((200, b'{"contents": [{"id": "x"'), "did not return JSON"),
    ],
)
def test_a_bad_page_changes_nothing(feed_server, broken, message):
    base, routes = feed_server
    run_import(*_well_formed_file(), "--feed", "API")
    before = counts()
    serve_pages(routes, load("well_formed.json"), per_page=2, total_pages=3)
    routes["/services?page=2&per_page=100"] = broken
    with pytest.raises(CommandError, match=message):
        run_import(base, "--feed", "API")
    assert counts() == before
    assert m.Feed.objects.get(name="API").last_status == "failed"


def test_unreachable_feed_gives_one_clear_error_and_changes_nothing():
    before = counts()
    with pytest.raises(CommandError, match=r"Nothing imported: cannot reach http://127\.0\.0\.1:9/services"):
        run_import("http://127.0.0.1:9/", "--feed", "Nowhere")
    assert counts() == before
    assert not m.Feed.objects.filter(name="Nowhere").exists()


def test_oversized_feed_is_refused(feed_server, settings):
    base, routes = feed_server
    serve_pages(routes, load("well_formed.json"), per_page=5, total_pages=1)
    settings.ORUK_MAX_FEED_BYTES = 1000
    with pytest.raises(CommandError, match="over the limit of 1000 bytes"):
        run_import(base, "--feed", "Huge")
    assert m.Service.objects.count() == 0


def _well_formed_file() -> tuple[str]:
    from .conftest import FIXTURES

    return (str(FIXTURES / "well_formed.json"),)
