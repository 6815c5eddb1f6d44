"""Providers and introductions: which directory organisations a provider user answers for, and the thread
of answers and messages on each introduction (ADR 0026).

Casework sits right of core and directory in the module line, so the link between a user (core's auth user)
and an organisation (directory's ORUK organisation) lives here; the directory knows nothing of people.
Imported by `models.py`, so Django finds these models in the casework app; they name casework's other
models by string, so the import runs one way only (the import contracts forbid a circle).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .provider_vocabulary import EntryKind


class ProviderLink(models.Model):
    """A provider user answers introductions to this organisation's services and keeps its listings true."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_links")
    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="provider_links")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user_id", "organization__name"]
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="casework_provider_link_once")]

    def __str__(self) -> str:
        return f"{self.user} for {self.organization}"


class IntroductionEntry(models.Model):
    """One entry on an introduction's thread: a message between provider and link worker, or an answer.

    Shaped as a case record (it hangs off the referral too), so subject access exports it and erasure
    clears its text.
    """

    referral = models.ForeignKey("casework.Referral", on_delete=models.CASCADE, related_name="introduction_entries")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    introduction = models.ForeignKey("casework.Introduction", on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=12, choices=EntryKind.choices, default=EntryKind.MESSAGE)
    reason_code = models.CharField(max_length=20, blank=True, help_text="Decline reason or attendance code.")
    text = models.TextField(blank=True)
    from_provider = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "introduction entries"

    def __str__(self) -> str:
        return f"{self.kind} on {self.created_at:%Y-%m-%d}"
