"""The Loneliness Test (versioned questions, tests, answers, mitigations) and the commitments tracker.

A question's wording is never changed in place: a revision is a new row with the next version (ADR 0038),
and an answer points at the row it was made with, so a signed-off test keeps its wording for good.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from .vocabulary import CommitmentStatus, Confidence, Direction, Section, Size, TestStatus


class Question(models.Model):
    """One version of one question and its guidance; only the current version is asked in new tests."""

    key = models.SlugField(max_length=40, help_text="Stays the same across versions, e.g. transport.")
    version = models.PositiveSmallIntegerField(default=1)
    section = models.CharField(max_length=10, choices=Section.choices)
    text = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_current = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order", "key", "-version"]
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="policy_question_key_version")]

    def __str__(self) -> str:
        return f"{self.text} (version {self.version})"


class LonelinessTest(models.Model):
    """The screening of one policy, programme or decision for its effects on social connection."""

    title = models.CharField(max_length=200)
    department = models.CharField(max_length=200, help_text="The department, council or team that owns the policy.")
    places = models.CharField(
        max_length=400, blank=True, help_text="Local authority codes the policy names, e.g. E08000035."
    )
    internal_notes = models.TextField(blank=True, help_text="For the team only: never in the published view.")
    is_public = models.BooleanField(default=False, help_text="Publish the signed-off record (without notes).")
    status = models.CharField(max_length=12, choices=TestStatus.choices, default=TestStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signer_name = models.CharField(max_length=120, blank=True)
    signer_role = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def signed_off(self) -> bool:
        return self.status == TestStatus.SIGNED_OFF

    def place_codes(self) -> list[str]:
        return [code for code in self.places.replace(",", " ").upper().split() if code]


class Answer(models.Model):
    """The answer to one version of one question: text for "about", a rated effect for routes and groups."""

    test = models.ForeignKey(LonelinessTest, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)
    direction = models.CharField(max_length=10, choices=Direction.choices, blank=True)
    size = models.CharField(max_length=10, choices=Size.choices, blank=True)
    confidence = models.CharField(max_length=10, choices=Confidence.choices, blank=True)
    evidence = models.TextField(blank=True, help_text="What the rating rests on: studies, data, consultation.")
    reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["question__order", "question__key"]
        constraints = [models.UniqueConstraint(fields=["test", "question"], name="policy_answer_once")]

    def __str__(self) -> str:
        return f"{self.question.key}: {self.direction or self.text[:40]}"


class Mitigation(models.Model):
    """What will be done about an effect that reduces connection, and who owns it."""

    test = models.ForeignKey(LonelinessTest, on_delete=models.CASCADE, related_name="mitigations")
    action = models.TextField()
    owner = models.CharField(max_length=200)
    due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.owner}: {self.action[:60]}"


class Strategy(models.Model):
    """A published strategy or plan whose commitments are tracked (e.g. "A connected society", 2018)."""

    name = models.CharField(max_length=200)
    published = models.DateField()
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["-published", "name"]
        verbose_name_plural = "strategies"

    def __str__(self) -> str:
        return self.name


class Commitment(models.Model):
    """One commitment: who leads it, who reports on it, how often, and where it stands."""

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="commitments")
    reference = models.CharField(max_length=20, help_text="As the strategy numbers it, e.g. 1.3.")
    text = models.TextField()
    lead = models.CharField(max_length=200, help_text="The lead department or organisation.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="commitments"
    )
    status = models.CharField(max_length=10, choices=CommitmentStatus.choices, default=CommitmentStatus.ON_TRACK)
    update_every_days = models.PositiveSmallIntegerField(default=90, help_text="How often the owner reports.")
    last_update_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["strategy", "reference", "id"]
        constraints = [models.UniqueConstraint(fields=["strategy", "reference"], name="policy_commitment_ref")]

    def __str__(self) -> str:
        return f"{self.reference} {self.text[:60]}"

    def update_due_on(self) -> dt.date:
        since = self.last_update_at or self.created_at
        return (since + dt.timedelta(days=self.update_every_days)).date()


class Milestone(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return f"{self.title} (due {self.due})"


class CommitmentUpdate(models.Model):
    """A progress update: what was done, the status it leaves, the evidence; kept forever as the history."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=CommitmentStatus.choices)
    progress = models.TextField()
    evidence_url = models.URLField(blank=True)

    class Meta:
        ordering = ["-made_at", "-id"]

    def __str__(self) -> str:
        return f"{self.made_at:%Y-%m-%d} {self.get_status_display()}"
