"""A provider's proposed correction to a listing, held until a directory manager approves or rejects it.

Who proposed and who reviewed are staff accounts (Django's auth user), not people supported: the directory
may know them, and keeps their username as a label so a review stays readable if an account goes (ADR 0026).
Imported by `models.py`; names the service by string so the import runs one way.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ServiceCorrection(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Waiting for review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    service = models.ForeignKey("directory.Service", on_delete=models.CASCADE, related_name="corrections")
    changes = models.JSONField(default=dict, blank=True, help_text="Field code to the proposed value.")
    before = models.JSONField(default=dict, blank=True, help_text="The same fields' values when proposed.")
    note = models.TextField(blank=True, help_text="The provider's note to the reviewer.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_by_label = models.CharField(max_length=150, blank=True)
    proposed_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by_label = models.CharField(max_length=150, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True, help_text="Why it was rejected, for the provider.")

    class Meta:
        ordering = ["-proposed_at", "-id"]

    def __str__(self) -> str:
        return f"Correction to {self.service_id} ({self.status})"
