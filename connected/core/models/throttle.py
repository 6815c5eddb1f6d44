"""Counted posts to public forms, for rate limits without a cache server (docs/adr/0022-public-form-abuse.md).

A row holds which form, a keyed HMAC of the client address (never the
address itself, which is personal data) and when. Rows older than the
window are deleted whenever that form's count is read, so the table holds
at most one window of posts.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class RateLimitHit(models.Model):
    scope = models.CharField(max_length=40, help_text="Which form, e.g. self-referral.")
    key = models.CharField(max_length=64, help_text="HMAC-SHA256 of the client address, keyed with SECRET_KEY.")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"]), models.Index(fields=["scope", "at"])]

    def __str__(self) -> str:
        return f"{self.scope} at {self.at:%Y-%m-%d %H:%M}"
