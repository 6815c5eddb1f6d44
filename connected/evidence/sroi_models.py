"""Financial proxies for a social return on investment: the evaluator's own values, with their sources.

Why stored and never built in: a proxy (what a unit of an outcome is worth) is a judgement each
evaluation makes and must cite; a value hard-coded here would be presented as Connected's own finding.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from connected.core.models import Scheme

from .funds_models import check_period


class SroiProxy(models.Model):
    """One outcome's value per person for one scheme and period, entered by the evaluator."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="sroi_proxies")
    period_start = models.DateField()
    period_end = models.DateField()
    outcome = models.CharField(max_length=40, help_text="An outcome code from evidence.sroi.OUTCOMES.")
    value = models.DecimalField(
        max_digits=12, decimal_places=2, validators=[MinValueValidator(0, "The value must be £0 or more")]
    )
    source = models.CharField(max_length=500, help_text="Where the value comes from (the evaluator's citation).")
    deadweight = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0, "Deadweight must be 0 or more")],
        help_text="Per cent of the outcome that would have happened anyway.",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["scheme", "period_start", "outcome"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "period_start", "period_end", "outcome"], name="evidence_one_proxy_per_outcome"
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="evidence_proxy_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.outcome} {self.period_start} to {self.period_end}"

    def clean(self) -> None:
        check_period(self.period_start, self.period_end, end_field="period_end")
        if self.deadweight is not None and self.deadweight > 100:
            raise ValidationError({"deadweight": "Deadweight must be 100 or less"})
