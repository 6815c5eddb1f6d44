"""What matching keeps: what casework does not already hold about how a person can take part, and shortlists.

Interests, goals, needs, circumstances, postcode, age, language and digital access are casework's; a profile
adds how the person travels, when they are free, what they can pay, what access they need, and their interests
in their own words. A shortlist is the link worker's pick from the suggestions, for the person to choose from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Travel(models.TextChoices):
    WALK = "walk", "Walks"
    BUS = "bus", "Takes the bus"
    CAR = "car", "Drives or is driven"
    NONE = "none", "Does not travel (online and phone only)"


# Parts of the day a person can say they are free in; (first minute, last minute) of each.
PARTS = {"morning": (0, 12 * 60), "afternoon": (12 * 60, 17 * 60), "evening": (17 * 60, 24 * 60)}


class Profile(models.Model):
    """How one person can take part; every field optional (no profile = no limits beyond casework's)."""

    person = models.OneToOneField("casework.Person", on_delete=models.CASCADE, related_name="matching_profile")
    travel = models.CharField(max_length=5, choices=Travel.choices, default=Travel.BUS)
    free_times = models.JSONField(
        default=list, blank=True, help_text='Day and part of day, e.g. "TU-morning"; empty = any time.'
    )
    max_cost_pounds = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, help_text="Per session; 0 = free only, empty = any."
    )
    access_needs = models.JSONField(default=list, blank=True, help_text="Accessibility codes, all needed.")
    interests = models.TextField(blank=True, help_text="In their own words.")
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Matching profile {self.pk}"


class Shortlisted(models.Model):
    """An activity the link worker shortlisted for a case, with the reason it was suggested."""

    referral = models.ForeignKey("casework.Referral", on_delete=models.CASCADE, related_name="shortlist")
    service = models.ForeignKey("directory.Service", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["referral", "service"], name="matching_shortlist_once")]

    def __str__(self) -> str:
        return f"Shortlisted {self.service_id}"


class ServiceVector(models.Model):
    """A listing's meaning as a sentence vector (ADR 0047), written when the search index is refreshed.

    One per indexed service: its name and description through `embedding.embed`, float16 bytes. `model` is
    the start of the table's checksum, so vectors from another table are never compared with this one's.
    """

    service = models.OneToOneField("directory.Service", on_delete=models.CASCADE, primary_key=True, related_name="+")
    model = models.CharField(max_length=12)
    vector = models.BinaryField()

    def __str__(self) -> str:
        return f"Vector {self.service_id}"
