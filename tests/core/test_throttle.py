"""Counting posts to public forms in the database: a keyed HMAC of the address, pruned as it is read."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.utils import timezone

from connected.core import throttle
from connected.core.models import RateLimitHit


def test_the_limit_keeps_only_a_keyed_hmac_of_the_address_and_prunes_old_posts(db):
    window = dt.timedelta(hours=1)
    start = timezone.now()
    for minute in range(3):
        assert throttle.allow(
            scope="t", address="192.0.2.10", limit=3, window=window, now=start + dt.timedelta(minutes=minute)
        ).allowed
    refused = throttle.allow(
        scope="t", address="192.0.2.10", limit=3, window=window, now=start + dt.timedelta(minutes=3)
    )
    assert not refused.allowed and 56 * 60 <= refused.retry_after <= 57 * 60 + 1
    keys = set(RateLimitHit.objects.values_list("key", flat=True))
    assert keys == {throttle.address_key("192.0.2.10")} and "192.0.2.10" not in next(iter(keys))
    assert RateLimitHit.objects.count() == 3  # refused posts are not counted
    later = start + dt.timedelta(hours=1, minutes=2)
    assert throttle.allow(scope="t", address="192.0.2.10", limit=3, window=window, now=later).allowed
    assert RateLimitHit.objects.count() == 1  # the three old posts were pruned as the count was read


def test_forwarded_for_is_ignored_unless_a_trusted_proxy_is_configured(rf, settings):
    request = rf.post("/refer-yourself/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    assert throttle.client_address(request) == "10.0.0.1"
    settings.PUBLIC_FORM_PROXY_HOPS = 1
    assert throttle.client_address(request) == "198.51.100.7"  # what our proxy saw, not what the client claimed


@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_from_one_address_cannot_all_slip_under_the_limit():
    """Ten posts at once, limit three: exactly three counted (the advisory lock serialises check and insert).

    SQLite's in-memory test database cannot be shared between threads; there the guarantee is BEGIN
    IMMEDIATE (one writer from the transaction's start), so the test checks that setting and the count.
    """
    if connection.vendor == "sqlite":
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        window = dt.timedelta(hours=1)
        allowed = [throttle.allow(scope="t", address="192.0.2.10", limit=3, window=window).allowed for _ in range(10)]
        assert allowed.count(True) == 3 and RateLimitHit.objects.count() == 3
        return
    barrier = threading.Barrier(10)

    def one() -> bool:
        try:
            barrier.wait()
            return throttle.allow(scope="t", address="192.0.2.10", limit=3, window=dt.timedelta(hours=1)).allowed
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda _: one(), range(10)))
    assert results.count(True) == 3 and RateLimitHit.objects.count() == 3
