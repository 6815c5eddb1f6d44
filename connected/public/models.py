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


class LifeEventLocalText(models.Model):
    """A council's own words on a life-event page for its area (local services, a named contact)."""

    event = models.SlugField(max_length=40, help_text="The event's slug, e.g. bereavement, new-baby, retirement.")
    local_authority = models.ForeignKey("core.LocalAuthority", on_delete=models.CASCADE, related_name="+")
    heading = models.CharField(max_length=120, default="In your area")
    text = models.TextField(help_text="Plain text. Blank lines start new paragraphs.")
    link_text = models.CharField(max_length=120, blank=True)
    link_url = models.URLField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "life event local text"
        verbose_name_plural = "life event local text"
        constraints = [
            models.UniqueConstraint(fields=["event", "local_authority"], name="public_one_local_text_per_event_area")
        ]

    def __str__(self) -> str:
        return f"{self.event} in {self.local_authority_id}"

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]


class SpaceOffer(models.Model):
    """A venue's offer of a space for community groups, held for review; published as an ORUK service."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        PUBLISHED = "published", "Published"
        DECLINED = "declined", "Declined"

    venue = models.CharField("Name of the venue", max_length=200)
    space = models.CharField("Name of the space", max_length=200, help_text="For example, Main hall or Room 2")
    kind = models.CharField(max_length=40)
    address = models.CharField(max_length=255)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=10)
    latitude = models.FloatField()
    longitude = models.FloatField()
    capacity = models.PositiveIntegerField()
    accessibility = models.JSONField(default=list, blank=True)
    hours = models.CharField(max_length=255)
    cost = models.CharField(max_length=255)
    free = models.BooleanField(default=False)
    how_to_book = models.TextField()
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    service_id = models.UUIDField(null=True, blank=True, help_text="The directory service once published.")
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.space}, {self.venue}"
