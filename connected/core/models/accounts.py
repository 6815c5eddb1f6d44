"""Organisations, social prescribing schemes, and who each staff user is (organisation, scheme, role).

Why a one-to-one `Membership` and not a custom user model: the project started on
Django's own User, and a role is one fact about a person's job, so it sits beside
the user rather than replacing it. One role per user keeps `rules.py` simple;
someone with two jobs gets two accounts, as NHS smartcard roles do.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


class Organisation(models.Model):
    class Kind(models.TextChoices):
        PCN = "pcn", "Primary Care Network"
        COUNCIL = "council", "Council"
        CHARITY = "charity", "Charity or voluntary group"
        GP_PRACTICE = "gp_practice", "GP practice"
        FUNDER = "funder", "Funder or foundation"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    ods_code = models.CharField(max_length=20, blank=True, help_text="NHS ODS code, where it has one.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Scheme(models.Model):
    """A social prescribing scheme, run by one organisation; its directory listing (`listing`) says what it
    covers and how to refer (ADR 0034): one record, so routing reads coverage from what is published."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="schemes")
    name = models.CharField(max_length=200)
    measure_instruments = models.JSONField(
        default=list,
        blank=True,
        help_text="Codes of the measures this scheme asks (connected.measures); empty means the default set.",
    )
    measure_reliability = models.JSONField(
        default=dict,
        blank=True,
        help_text='For reliable change in reports: {"ucla3.total": {"sd": 1.7, "r": 0.8, "source": "..."}}, '
        "per instrument score, where the scheme has chosen published values.",
    )
    commissioned_by = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="commissioned_schemes",
        help_text="The organisations (ICB, council, funder) that commission it; their commissioners see its counts.",
    )
    retention_years = models.PositiveSmallIntegerField(
        default=8, help_text="Anonymise a person's record this many years after their last case closed."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    LINK_WORKER = "link_worker", "Link worker"
    SCHEME_MANAGER = "scheme_manager", "Scheme manager"
    REFERRER = "referrer", "Referrer"
    PROVIDER = "provider", "Activity provider"
    COMMISSIONER = "commissioner", "Commissioner"
    FUNDER = "funder", "Funder"
    # Keeps the directory true (approves providers' corrections); sees no one's record (ADR 0026).
    DIRECTORY_MANAGER = "directory_manager", "Directory manager"
    # Befriending (ADR 0040): coordinators match volunteers to people; volunteers see only their own matches.
    BEFRIENDING_COORDINATOR = "befriending_coordinator", "Befriending coordinator"
    VOLUNTEER = "volunteer", "Befriending volunteer"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Safeguarding lead"
    # Screens policies with the Loneliness Test and tracks strategy commitments (ADR 0038); sees no one's record.
    POLICY_LEAD = "policy_lead", "Policy lead"
    ADMINISTRATOR = "administrator", "Administrator"


class Membership(models.Model):
    """Where a staff user works and in what role; a user without one can do nothing with records."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="members")
    scheme = models.ForeignKey(
        Scheme,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        help_text="Link workers and scheme managers work for one scheme.",
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    job_title = models.CharField(max_length=100, blank=True, help_text="For example GP, practice nurse, work coach.")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def user_for(self, token: str):
        """The active user a bearer token belongs to, or None."""
        found = self.filter(digest=_digest(token), revoked_at__isnull=True).select_related("user").first()
        return found.user if found and found.user.is_active else None


class ApiToken(models.Model):
    """A clinical system's credential for the FHIR endpoint; only its SHA-256 digest is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="Which system uses it, e.g. EMIS at Park Surgery.")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return self.name

    @classmethod
    def issue(cls, *, user, name: str) -> tuple[ApiToken, str]:
        """Create a token; the plain text is returned once and never stored."""
        plain = secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, digest=_digest(plain)), plain
