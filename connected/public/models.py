"""What the public pages keep: only a conversation in progress (expires), and content councils add."""

from __future__ import annotations

from django.db import models


class Conversation(models.Model):
    """A check-in conversation in progress (SMS, WhatsApp, voice, or the JSON API), under an opaque key.

    Deleted when it ends, when the person refuses consent, or once `expires_at` passes. Before the person
    consents it holds only their answers, the first part of a postcode and how they like to connect; the
    key for a phone number is a keyed hash of it, never the number.
    """

    key = models.CharField(max_length=64, primary_key=True)
    state = models.JSONField(default=dict)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"conversation {self.key[:6]}…"
