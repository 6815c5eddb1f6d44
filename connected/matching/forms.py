"""The profile form: how a person can take part, in the terms the link worker asks about."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from connected.directory.vocabulary import ACCESSIBILITY, DAY_NAMES, DAYS

from .models import Travel

FREE_CHOICES = [(f"{d}-{part}", f"{DAY_NAMES[d]} {part}") for d in DAYS for part in ("morning", "afternoon", "evening")]


class ProfileForm(forms.Form):
    travel = forms.ChoiceField(
        label="How do they get about?",
        choices=Travel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how they get about"},
    )
    free_times = forms.MultipleChoiceField(
        label="When are they free? (optional)",
        help_text="Leave all unticked if any time suits them",
        choices=FREE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    max_cost_pounds = forms.DecimalField(
        label="Most they can pay for a session, in pounds (optional)",
        help_text="0 for free activities only; leave empty if cost does not matter",
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("999"),
        decimal_places=2,
        error_messages={
            "invalid": "Most they can pay must be a number of pounds, like 3 or 2.50",
            "min_value": "Most they can pay must be 0 or more",
            "max_value": "Most they can pay must be £999 or less",
            "max_decimal_places": "Most they can pay must have no more than 2 decimal places",
        },
    )
    access_needs = forms.MultipleChoiceField(
        label="What do they need at a venue? (optional)",
        choices=[(t.code, t.label) for t in ACCESSIBILITY],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    interests = forms.CharField(
        label="Interests, in their own words (optional)",
        help_text="For example, I used to sing in church and I miss being outdoors",
        widget=forms.Textarea,
        required=False,
        max_length=2000,
    )
