"""Stored responses. Scores are computed once, at recording, and stored with the instrument version.

Why a generic subject (subject_type + subject_id) and not a foreign key: casework
sits to the right of measures in the module line, so measures may not import it.
Casework attaches responses to its own records (e.g. subject_type="casework.case")
and queries them through services/presenters here.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Timepoint(models.TextChoices):
    BASELINE = "baseline", "Baseline (first contact)"
    FOLLOW_UP = "follow_up", "Follow-up"
    DISCHARGE = "discharge", "Discharge"
    OTHER = "other", "Other"


class CompletedBy(models.TextChoices):
    PERSON = "person", "The person themselves"
    LINK_WORKER = "link_worker", "Link worker, with the person"


class MeasureResponseQuerySet(models.QuerySet):
    def for_subject(self, subject_type: str, subject_id: str) -> MeasureResponseQuerySet:
        return self.filter(subject_type=subject_type, subject_id=str(subject_id))


class MeasureResponse(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    instrument_code = models.CharField(max_length=40)
    instrument_version = models.CharField(max_length=20)
    answers = models.JSONField(help_text="item id -> option value, exactly as chosen")
    total = models.IntegerField(null=True, blank=True, help_text="The primary score; empty for ONS4 (no total)")
    scores = models.JSONField(help_text="score id -> value, including subscales and ONS4 items")
    bands = models.JSONField(help_text="score id -> band label, where the instrument has bands")
    subject_type = models.CharField(max_length=60, help_text="What the response is about, e.g. casework.case")
    subject_id = models.CharField(max_length=64)
    timepoint = models.CharField(max_length=20, choices=Timepoint.choices)
    completed_by = models.CharField(max_length=20, choices=CompletedBy.choices, default=CompletedBy.LINK_WORKER)
    sitting = models.UUIDField(null=True, blank=True, help_text="Responses asked together share a sitting")
    administered_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeasureResponseQuerySet.as_manager()

    class Meta:
        ordering = ["administered_at", "created_at"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "instrument_code", "administered_at"]),
        ]
        constraints = [
            # One answer per instrument per sitting: a person's link records once, a double submit fails.
            models.UniqueConstraint(fields=["sitting", "instrument_code"], name="measures_one_per_sitting"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_code} v{self.instrument_version} ({self.timepoint})"
