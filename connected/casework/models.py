"""People, referrals and the casework on them.

A referral that a link worker accepts *is* the case: contacts, the "what
matters to me" conversation, introductions and tasks hang off the referral,
so one person can have several cases over the years, each with its own
outcome. A person record belongs to one scheme (each scheme is its own data
controller); the same person referred to two schemes is two records.

Record-level scoping is `visible_to(user)`, which asks `connected.core.rules`.
Free text about a person lives only in the fields that `erasure.py` clears.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from connected.core import rules
from connected.core.models import Scheme

from .provider_vocabulary import ProviderAnswer
from .vocabulary import (
    SNOMED_REFERRAL,
    ContactMode,
    DeclineReason,
    DigitalAccess,
    EthnicCategory,
    Gender,
    IntroductionStatus,
    Outcome,
    Source,
    Status,
    Urgency,
)

USER = settings.AUTH_USER_MODEL


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> PersonQuerySet:
        return self.filter(rules.scope(user, "person"))


class Person(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Empty only while the person's one referral waits in the unassigned queue (no scheme covers them; ADR 0035).
    scheme = models.ForeignKey(Scheme, null=True, blank=True, on_delete=models.PROTECT, related_name="people")
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    nhs_number = models.CharField(max_length=10, blank=True, db_index=True)
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)
    ethnic_category = models.CharField(
        max_length=2, choices=EthnicCategory.choices, blank=True, help_text="NHS Data Dictionary ethnic category."
    )
    gp_practice_code = models.CharField(max_length=10, blank=True, help_text="Registered GP practice's ODS code.")
    gp_practice_name = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    lsoa_code = models.CharField(max_length=9, blank=True, help_text="Resolved from the postcode.")
    local_authority_code = models.CharField(max_length=9, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    contact_methods = models.JSONField(default=list, blank=True, help_text="Ways: phone, text, email, letter.")
    best_times = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=60, blank=True, default="English")
    interpreter_needed = models.BooleanField(default=False)
    accessibility_needs = models.TextField(blank=True)
    digital_access = models.CharField(max_length=10, choices=DigitalAccess.choices, blank=True)
    lives_alone = models.BooleanField(null=True, blank=True)
    is_carer = models.BooleanField(null=True, blank=True)
    risk_circumstances = models.JSONField(default=list, blank=True)
    consent_to_contact = models.BooleanField(default=False)
    consent_to_share = models.BooleanField(default=False, help_text="May share details with activity providers.")
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    consent_recorded_by = models.CharField(max_length=150, blank=True, help_text="Who recorded it, or 'self'.")
    created_at = models.DateTimeField(default=timezone.now)
    erased_at = models.DateTimeField(null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["scheme", "family_name", "given_name", "date_of_birth"])]

    def __str__(self) -> str:
        return f"Person {self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReferralQuerySet:
        return self.filter(rules.scope(user, "referral"))

    def cases_for(self, user) -> ReferralQuerySet:
        """Referrals whose case notes the user may see (link workers and managers of the scheme)."""
        return self.filter(rules.scope(user, "case"))

    def open(self) -> ReferralQuerySet:
        from .vocabulary import OPEN_STATUSES

        return self.filter(status__in=OPEN_STATUSES)


class Referral(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="referrals")
    # Empty: in the unassigned queue for an administrator to place, because no scheme covers the person (ADR 0035).
    scheme = models.ForeignKey(Scheme, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals")
    referrer = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals_made")
    referrer_name = models.CharField(max_length=150, blank=True, help_text="For referrers without an account.")
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_contact = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    needs = models.JSONField(default=list, blank=True, help_text="Codes from vocabulary.Need.")
    reason = models.TextField(blank=True, help_text="Why they were referred, in the referrer's words.")
    hopes = models.TextField(blank=True, help_text="What the person hopes for.")
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    consent_given = models.BooleanField(default=False)
    snomed_code = models.CharField(max_length=20, default=SNOMED_REFERRAL[0])
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    decline_reason = models.CharField(max_length=20, choices=DeclineReason.choices, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_notes = models.TextField(blank=True)
    assigned_to = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="caseload")
    received_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    possible_duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="possible_duplicates"
    )
    external_id = models.CharField(max_length=200, blank=True, help_text="The sender's id (FHIR identifier).")
    source_payload = models.JSONField(default=dict, blank=True, help_text="The FHIR message as received.")

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["scheme", "status", "received_at"]),
            # The caseload filtered to one link worker, and the team view's counts (ADR 0032).
            models.Index(fields=["scheme", "assigned_to", "status"], name="casework_ref_worker_idx"),
            models.Index(fields=["scheme", "status", "closed_at"], name="casework_ref_closed_idx"),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status not in (Status.CLOSED, Status.DECLINED)


class StatusChange(models.Model):
    """The referral's status history, which the referrer sees (no notes about the person here)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=15, choices=Status.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=20, blank=True, help_text="Decline reason or outcome code.")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.status} at {self.at:%Y-%m-%d}"


class CaseRecord(models.Model):
    """Shared fields of what is recorded on a case."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="%(class)ss")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True


class Contact(CaseRecord):
    at = models.DateTimeField(default=timezone.now)
    mode = models.CharField(max_length=15, choices=ContactMode.choices)
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.mode} on {self.at:%Y-%m-%d}"


class Conversation(CaseRecord):
    """The "what matters to me" conversation; the latest one is the current plan."""

    goals = models.TextField(help_text="In the person's own words.")
    interests = models.TextField(blank=True)
    barriers = models.TextField(blank=True)
    would_like_to_try = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Conversation on {self.created_at:%Y-%m-%d}"


class Introduction(CaseRecord):
    """An introduction to an activity in the directory, and how it went."""

    service = models.ForeignKey(
        "directory.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="introductions"
    )
    service_name = models.CharField(max_length=255, help_text="Kept if the listing later disappears.")
    status = models.CharField(max_length=15, choices=IntroductionStatus.choices, default=IntroductionStatus.SUGGESTED)
    stopped_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    provider_answer = models.CharField(max_length=10, choices=ProviderAnswer.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.service_name


class Task(CaseRecord):
    description = models.CharField(max_length=200)
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"Task due {self.due_on}"


class ReceivedMessage(models.Model):
    """A BaRS message a sender's system posted and the reply it got, so a resend gets the same reply (ADR 0024).

    Only accepted messages are kept: a refused one saved nothing, so the sender may fix it and send it again.
    """

    sender = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    message_key = models.CharField(max_length=200, help_text="Bundle.id, else MessageHeader.id, else X-Request-Id.")
    digest = models.CharField(max_length=64, help_text="SHA-256 of the message as canonical JSON.")
    request_digest = models.CharField(max_length=64, help_text="SHA-256 of what it asks: the person and referral.")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages_received")
    status = models.PositiveSmallIntegerField(default=200)
    reply = models.JSONField(default=dict, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["received_at", "id"]
        constraints = [models.UniqueConstraint(fields=["sender", "message_key"], name="casework_message_once")]

    def __str__(self) -> str:
        return f"Message {self.message_key}"


class OutcomeMessage(models.Model):
    """A message back to the referrer's system (accepted, declined, discharged) and how its delivery went.

    `endpoint` empty means the referrer has no system to post to: the message is a letter (PDF) instead.
    """

    class Event(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        DISCHARGED = "discharged", "Discharged"

    class Delivery(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        LETTER = "letter", "Letter to download"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="outcome_messages")
    event = models.CharField(max_length=12, choices=Event.choices)
    endpoint = models.URLField(max_length=500, blank=True, help_text="Where it is posted; empty for a letter.")
    bundle = models.JSONField(default=dict, blank=True, help_text="The FHIR message as sent.")
    status = models.CharField(max_length=8, choices=Delivery.choices, default=Delivery.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.event} message ({self.status})"


from .provider_models import IntroductionEntry, ProviderLink  # noqa: E402, F401 - models in their own module
