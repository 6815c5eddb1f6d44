"""A funder's portfolio: grants to local groups, and the returns each grantee sends per period.

Why the grantees are directory records: the groups a foundation funds are the community activities
people are introduced to, so a grant names the directory `Organization`s and `Service`s it pays for and
Connected can count introductions to those services itself. Returns hold aggregates only (no person).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from connected.core.models import Organisation

PERIOD_ORDER = "The end date must be the same as or after the start date"
NEGATIVE_AMOUNT = "The amount must be £0 or more"


def check_period(start, end, *, end_field: str = "ends_on") -> None:
    """Refuse a period that ends before it starts, naming the end field."""
    if start and end and end < start:
        raise ValidationError({end_field: PERIOD_ORDER})


class Grant(models.Model):
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="grants_made",
        limit_choices_to={"kind": Organisation.Kind.FUNDER},
    )
    reference = models.CharField(max_length=60, blank=True, help_text="The funder's own grant reference.")
    title = models.CharField(max_length=200)
    purpose = models.TextField(blank=True, help_text="What the grant pays for, in the funder's words.")
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"), NEGATIVE_AMOUNT)]
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    organisations = models.ManyToManyField(
        "directory.Organization", blank=True, related_name="grants", help_text="The groups funded."
    )
    services = models.ManyToManyField(
        "directory.Service", blank=True, related_name="grants", help_text="The activities funded."
    )
    grantee_account = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grants_received",
        help_text="The grantee's own organisation in Connected, whose provider accounts may send returns.",
    )
    uses_connected = models.BooleanField(
        default=False,
        help_text="Participants come through Connected: reach, attendance and measures are counted from "
        "introductions to the funded services, not entered.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="evidence_grant_amount_not_negative"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="evidence_grant_period"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_period(self.starts_on, self.ends_on)  # a negative amount is its field validator's message


class GrantReturn(models.Model):
    """What a grantee reports for one period, as aggregates entered by the funder or the grantee."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="returns")
    period_start = models.DateField()
    period_end = models.DateField()
    reach = models.PositiveIntegerField(null=True, blank=True, help_text="Different people taking part.")
    sessions = models.PositiveIntegerField(null=True, blank=True, help_text="Sessions or meetings held.")
    attendances = models.PositiveIntegerField(null=True, blank=True, help_text="Attendances, all sessions together.")
    measure_instrument = models.CharField(
        max_length=40, blank=True, help_text="The measure the grantee used (connected.measures code)."
    )
    people_measured = models.PositiveIntegerField(
        null=True, blank=True, help_text="People asked the measure at the start and again later."
    )
    people_improved = models.PositiveIntegerField(null=True, blank=True, help_text="Of those, how many improved.")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["grant", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["grant", "period_start", "period_end"], name="evidence_one_return_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="evidence_return_period"
            ),
        ]

    def __str__(self) -> str:
        return f"Return {self.period_start} to {self.period_end}"

    def clean(self) -> None:
        check_period(self.period_start, self.period_end, end_field="period_end")
        grant = self.grant if self.grant_id else None
        dated = grant and self.period_start and self.period_end
        if dated and (self.period_start < grant.starts_on or self.period_end > grant.ends_on):
            raise ValidationError({"period_start": "The period must be within the dates of the grant"})
        if (
            self.people_measured is not None
            and self.people_improved is not None
            and self.people_improved > self.people_measured
        ):
            raise ValidationError({"people_improved": "People improved cannot be more than people measured"})
        if (self.people_measured or self.people_improved) and not self.measure_instrument:
            raise ValidationError({"measure_instrument": "Choose the measure the figures come from"})
