"""The words of the Loneliness Test and the tracker: choices for ratings and statuses.

The questions themselves and their guidance are data (`Question` rows, seeded from `guidance.py`); only
the rating scales and statuses are code, because forms validate against them and reports sort by them.
"""

from __future__ import annotations

from django.db import models


class Section(models.TextChoices):
    ABOUT = "about", "About the policy"
    ROUTE = "route", "Effects on social connection"
    GROUP = "group", "Groups at higher risk of loneliness"


class Direction(models.TextChoices):
    NONE = "none", "No effect expected"
    POSITIVE = "positive", "More connection"
    NEGATIVE = "negative", "Less connection"
    MIXED = "mixed", "Mixed"
    UNKNOWN = "unknown", "Not known yet"


# A rated effect: one that the policy is expected to have, so size, confidence and reasons are needed.
RATED = {Direction.POSITIVE, Direction.NEGATIVE, Direction.MIXED}


class Size(models.TextChoices):
    SMALL = "small", "Small"
    MEDIUM = "medium", "Medium"
    LARGE = "large", "Large"


class Confidence(models.TextChoices):
    LOW = "low", "Low: little or no evidence"
    MEDIUM = "medium", "Medium: some evidence"
    HIGH = "high", "High: strong evidence"


class TestStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SIGNED_OFF = "signed_off", "Signed off"


class CommitmentStatus(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    DELAYED = "delayed", "Delayed"
    COMPLETE = "complete", "Complete"


# NHS.UK tag colours for each status (the dashboard and the report's HTML).
STATUS_TAG = {
    CommitmentStatus.ON_TRACK: "nhsuk-tag--green",
    CommitmentStatus.AT_RISK: "nhsuk-tag--yellow",
    CommitmentStatus.DELAYED: "nhsuk-tag--red",
    CommitmentStatus.COMPLETE: "nhsuk-tag--blue",
}
