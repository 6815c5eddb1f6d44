"""Forms for the exports and funds pages: a period, an SROI value, a grantee's return.

Each bad input names its field in words (a negative figure, a period that ends before it starts) and
changes nothing; dates are the NHS.UK three-box input shared with casework.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms

from connected.casework.fields import DatePartsField
from connected.measures import registry

from .funds_models import PERIOD_ORDER, GrantReturn
from .sroi import OUTCOMES


def _at_least_zero(field: forms.Field, label: str) -> None:
    field.error_messages["min_value"] = f"{label} must be 0 or more"
    field.error_messages["invalid"] = f"{label} must be a number"
    field.error_messages["max_digits"] = f"{label} is too large"


class PeriodForm(forms.Form):
    """An optional period; blank means from the first record, or up to today."""

    start = DatePartsField(label="From", required=False, help_text="For example, 1 4 2026")
    end = DatePartsField(label="To", required=False, help_text="For example, 31 3 2027")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", "The end of the period must be the same as or after its start")
        return cleaned

    def period(self) -> tuple:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("start"), data.get("end")


class ProxyForm(forms.Form):
    """The evaluator's value for one outcome in one period, with the source they cite."""

    period_start = DatePartsField(label="Period start")
    period_end = DatePartsField(label="Period end")
    outcome = forms.ChoiceField(
        label="Outcome", choices=[("", "Choose an outcome")] + [(k, v[0]) for k, v in OUTCOMES.items()]
    )
    value = forms.DecimalField(
        label="Value per person (£)",
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        help_text="For example, 1250.00",
    )
    deadweight = forms.DecimalField(
        label="Deadweight (%)",
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        initial=0,
        help_text="The share of the outcome that would have happened anyway, from 0 to 100.",
    )
    source = forms.CharField(
        label="Source of the value",
        max_length=500,
        widget=forms.Textarea,
        help_text="The study or unit cost database you cite.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].error_messages["required"] = "Choose the outcome this value is for"
        self.fields["value"].error_messages["required"] = "Enter the value per person"
        self.fields["source"].error_messages["required"] = "Enter the source of the value"
        _at_least_zero(self.fields["value"], "The value")
        _at_least_zero(self.fields["deadweight"], "Deadweight")
        self.fields["deadweight"].error_messages["max_value"] = "Deadweight must be 100 or less"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", PERIOD_ORDER)
        return cleaned


class GrantReturnForm(forms.ModelForm):
    period_start = DatePartsField(label="Period start")
    period_end = DatePartsField(label="Period end")
    measure_instrument = forms.ChoiceField(label="Measure used", required=False)

    class Meta:
        model = GrantReturn
        fields = [
            "period_start", "period_end", "reach", "sessions", "attendances",
            "measure_instrument", "people_measured", "people_improved",
        ]  # fmt: skip
        labels = {
            "reach": "People reached",
            "sessions": "Sessions held",
            "attendances": "Attendances",
            "people_measured": "People measured before and after",
            "people_improved": "People who improved",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "None")] + [(i.code, i.name) for i in registry.all()]
        self.fields["measure_instrument"].choices = choices
        for name in ("reach", "sessions", "attendances", "people_measured", "people_improved"):
            _at_least_zero(self.fields[name], str(self.fields[name].label))
