"""Volunteers, their checks and support, people waiting for a befriender, matches, calls and concerns (ADR 0040).

A volunteer and a request belong to one scheme (the data controller, as in casework); a match joins one
request to one volunteer. Free text about a person (a call's "anything to pass on", a concern's detail)
lives only on calls and concerns, which coordinators and safeguarding leads read; a volunteer reads the
person's details only where the request says the person agreed to share them (`shared`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from connected.casework.models import Person, Referral
from connected.core.models import Scheme

from .vocabulary import (
    CallStatus,
    ConcernKind,
    ConcernStatus,
    DbsLevel,
    EndReason,
    MatchStatus,
    Mood,
    RequestStatus,
    SupportKind,
    VolunteerStatus,
)

USER = settings.AUTH_USER_MODEL


class Volunteer(models.Model):
    """A befriender: who they are, what they offer and whether their checks let them be matched."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="volunteers")
    user = models.OneToOneField(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="volunteer", help_text="Once approved."
    )
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    email = models.EmailField()
    phone = models.CharField(max_length=30, blank=True)
    outcode = models.CharField(max_length=5, help_text="The first half of their postcode: where visits start from.")
    gender = models.CharField(max_length=10, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    languages = models.JSONField(default=list, blank=True)
    interests = models.JSONField(default=list, blank=True)
    modes = models.JSONField(default=list, blank=True, help_text="phone, video, visit")
    availability = models.JSONField(default=list, blank=True, help_text="Slots such as mon_am, thu_eve.")
    travel_km = models.PositiveSmallIntegerField(default=5, help_text="How far they will travel for a visit.")
    capacity = models.PositiveSmallIntegerField(default=1, help_text="How many people they befriend at once.")
    motivation = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=VolunteerStatus.choices, default=VolunteerStatus.APPLIED)
    dbs_level = models.CharField(max_length=10, choices=DbsLevel.choices, default=DbsLevel.NONE)
    dbs_checked_on = models.DateField(null=True, blank=True)
    dbs_expires_on = models.DateField(null=True, blank=True)
    references_received = models.PositiveSmallIntegerField(default=0)
    applied_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return f"Volunteer {self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class Training(models.Model):
    """A course a volunteer completed; befriending needs the induction, safeguarding needs renewing."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="training")
    course = models.CharField(max_length=20)
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-completed_on"]

    def __str__(self) -> str:
        return f"Training {self.pk}"


class Support(models.Model):
    """The volunteer's own support: supervision and wellbeing check-ins, each with the next one due."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="support")
    kind = models.CharField(max_length=12, choices=SupportKind.choices)
    held_on = models.DateField()
    next_due = models.DateField(null=True, blank=True)
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Support {self.pk}"


class Request(models.Model):
    """A person waiting for a befriender, from a casework referral or their own request, with their wishes."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="befriending_requests")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="befriending_requests")
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    languages = models.JSONField(default=list, blank=True)
    interests = models.JSONField(default=list, blank=True)
    modes = models.JSONField(default=list, blank=True)
    availability = models.JSONField(default=list, blank=True)
    prefers_gender = models.CharField(max_length=10, blank=True)
    prefers_age = models.CharField(max_length=10, blank=True, help_text="An age band, or blank for no preference.")
    shared = models.JSONField(default=list, blank=True, help_text="What the person agreed a volunteer may see.")
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.WAITING)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Befriending request {self.pk}"


class Match(models.Model):
    """One volunteer befriending one person: a weekly slot, calls, and an end with a reason and a goodbye."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="befriending_matches")
    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="matches")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="matches")
    status = models.CharField(max_length=10, choices=MatchStatus.choices, default=MatchStatus.ACTIVE)
    reasons = models.JSONField(default=list, help_text="Why the ranker proposed it, as shown to the coordinator.")
    mode = models.CharField(max_length=10)
    weekday = models.PositiveSmallIntegerField(help_text="0 Monday … 6 Sunday")
    time = models.TimeField()
    started_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    introduced_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    goodbye = models.CharField(max_length=20, blank=True, help_text="How they said goodbye: last call, letter, …")

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Match {self.pk}"

    @property
    def volunteer_user_id(self) -> int | None:
        """For rules.py (duck typing): the account of the volunteer in this match."""
        return self.volunteer.user_id

    @property
    def person_id(self):
        return self.request.person_id


class Call(models.Model):
    """One weekly call or visit: scheduled, then logged by the volunteer (or found missed)."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="calls")
    due_at = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=10, choices=CallStatus.choices, default=CallStatus.SCHEDULED)
    mood = models.CharField(max_length=10, choices=Mood.choices, blank=True)
    pass_on = models.TextField(blank=True, help_text="Anything to pass on to the coordinator.")
    logged_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        constraints = [models.UniqueConstraint(fields=["match", "due_at"], name="befriending_one_call_per_slot")]

    def __str__(self) -> str:
        return f"Call {self.pk}"

    @property
    def is_late(self) -> bool:
        return self.status == CallStatus.SCHEDULED and self.due_at < timezone.now() - dt.timedelta(days=1)


class Concern(models.Model):
    """A worry about a person: raised by a volunteer (or by missed calls), acknowledged, then acted on."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="befriending_concerns")
    match = models.ForeignKey(Match, on_delete=models.PROTECT, related_name="concerns")
    kind = models.CharField(max_length=20, choices=ConcernKind.choices)
    detail = models.TextField()
    raised_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=12, choices=ConcernStatus.choices, default=ConcernStatus.RAISED)
    acknowledged_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    action = models.TextField(blank=True, help_text="What was done.")
    acted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    acted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"Concern {self.pk}"

    @property
    def person_id(self):
        return self.match.request.person_id
