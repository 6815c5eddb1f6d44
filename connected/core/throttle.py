"""Per-address limits on public forms, counted in the database (docs/adr/0022-public-form-abuse.md).

There is no cache server, and django-ratelimit refuses the database and
local-memory caches, so each counted post is a `RateLimitHit` row. The
client address is kept only as a keyed HMAC and only for one window.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import RateLimitHit

_SALT = "connected.core.throttle"


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR; behind N trusted proxies, the address the outermost of them saw.

    Each proxy appends the address it received from, so the trustworthy entry is
    the Nth from the right of X-Forwarded-For; anything further left is what the
    client chose to send and would let it pick a fresh address for every post.
    """
    hops = int(getattr(settings, "PUBLIC_FORM_PROXY_HOPS", 0))
    if hops > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def address_key(address: str) -> str:
    """A keyed HMAC of the address: equal for equal addresses, unreadable without SECRET_KEY."""
    return salted_hmac(_SALT, address, algorithm="sha256").hexdigest()


def hold(name: str) -> None:
    """Take a lock named `name` until the current transaction ends, so check-then-write runs one at a time.

    PostgreSQL: a transaction-level advisory lock. SQLite: our settings open every
    transaction with BEGIN IMMEDIATE, which already lets one writer in at a time.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("hold() needs a transaction (transaction.atomic)")
    if connection.vendor == "postgresql":
        number = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0  # seconds until the oldest counted post leaves the window


def allow(*, scope: str, address: str, limit: int, window: dt.timedelta, now: dt.datetime | None = None) -> Verdict:
    """Count one post from `address` to `scope`, unless it already has `limit` posts within `window`.

    Refused posts are not counted, so a person who waits as long as the page
    says can send; a client that keeps posting still gets no more than `limit`
    through per window.
    """
    now = now or timezone.now()
    key = address_key(address)
    with transaction.atomic():
        hold(f"throttle:{scope}:{key}")
        RateLimitHit.objects.filter(scope=scope, at__lte=now - window).delete()
        recent = RateLimitHit.objects.filter(scope=scope, key=key)
        if recent.count() >= limit:
            oldest = recent.order_by("at").values_list("at", flat=True).first() or now
            return Verdict(allowed=False, retry_after=max(1, int((oldest + window - now).total_seconds()) + 1))
        RateLimitHit.objects.create(scope=scope, key=key, at=now)
    return Verdict(allowed=True)
