"""Codes for a provider's answers to an introduction, and for the entries on its thread (ADR 0026)."""

from __future__ import annotations

from django.db import models


class ProviderAnswer(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class ProviderDeclineReason(models.TextChoices):
    FULL = "full", "No places at the moment"
    NOT_SUITABLE = "not_suitable", "The activity is not right for this person"
    ACCESS = "access", "We cannot meet their access needs"
    NOT_RUNNING = "not_running", "The activity is not running"
    OTHER = "other", "Another reason"


class Attendance(models.TextChoices):
    """What a provider may record about attendance: the introduction's own statuses from `attended` on."""

    ATTENDED = "attended", "Attended"
    STILL_GOING = "still_going", "Still going"
    STOPPED = "stopped", "Stopped"


class EntryKind(models.TextChoices):
    """An entry on an introduction's thread: a message, or an answer the provider gave."""

    MESSAGE = "message", "Message"
    ACCEPTED = "accepted", "Accepted the introduction"
    DECLINED = "declined", "Declined the introduction"
    ATTENDANCE = "attendance", "Recorded attendance"
