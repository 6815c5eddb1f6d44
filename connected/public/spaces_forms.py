"""Forms for community spaces: a group's members' postcodes, and a venue's offer of a space."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from connected.core.places import Place, PostcodeError, locate
from connected.directory.vocabulary import ACCESSIBILITY

from .models import SpaceOffer
from .spaces import KINDS

MAX_MEMBERS = 30


class GroupForm(forms.Form):
    postcodes = forms.CharField(
        label="Where your members live",
        help_text="One postcode a line, or separated by commas. The first part is enough, like LS6. Up to 30.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=1000,
        error_messages={
            "required": "Enter at least 2 postcodes, one for each member",
            "max_length": "Enter up to 30 postcodes",
        },
    )
    capacity = forms.IntegerField(
        label="How many people come? (optional)",
        required=False,
        min_value=1,
        max_value=10000,
        error_messages={
            "invalid": "How many people must be a number, like 12",
            "min_value": "How many people must be 1 or more",
        },
    )

    def clean_postcodes(self) -> list[Place]:
        parts = [p.strip() for p in re.split(r"[\n,;]+", self.cleaned_data["postcodes"]) if p.strip()]
        if len(parts) < 2:
            raise forms.ValidationError("Enter at least 2 postcodes, one for each member")
        if len(parts) > MAX_MEMBERS:
            raise forms.ValidationError(f"Enter up to {MAX_MEMBERS} postcodes")
        places, problems = [], []
        for text in parts:
            try:
                places.append(locate(text))
            except PostcodeError as error:
                problems.append(str(error))
        if problems:
            raise forms.ValidationError(problems[0])
        return places


class SpaceOfferForm(forms.ModelForm):
    kind = forms.ChoiceField(label="What kind of space is it?", choices=KINDS, widget=forms.RadioSelect)
    accessibility = forms.MultipleChoiceField(
        label="Accessibility (optional)",
        required=False,
        choices=[(t.code, t.label) for t in ACCESSIBILITY],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SpaceOffer
        fields = [
            "venue",
            "space",
            "kind",
            "address",
            "town",
            "postcode",
            "capacity",
            "accessibility",
            "hours",
            "cost",
            "free",
            "how_to_book",
            "email",
            "phone",
        ]
        labels = {
            "address": "Address (building and street)",
            "capacity": "How many people it holds",
            "hours": "When groups can use it",
            "cost": "What it costs to hire",
            "free": "Free for community groups",
            "how_to_book": "How groups book it",
            "email": "Email address for bookings",
            "phone": "Phone number for bookings (optional)",
        }
        help_texts = {
            "hours": "For example, weekdays 9am to 5pm, and Saturday mornings",
            "cost": "For example, £15 an hour, or free for groups supporting lonely people",
            "how_to_book": "For example, email the office with the date and time you would like",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = str(field.label or name).removesuffix(" (optional)")
            field.error_messages.setdefault("required", f"Enter {label[0].lower() + label[1:]}")
            field.error_messages["required"] = f"Enter {label[0].lower() + label[1:]}"
        self.fields["kind"].error_messages["required"] = "Choose what kind of space it is"
        self.fields["capacity"].error_messages["invalid"] = "How many people it holds must be a whole number, like 40"
        self.fields["email"].error_messages["invalid"] = "Enter an email address like name@example.com"
        self.place: Place | None = None

    def clean_postcode(self) -> str:
        text = " ".join(self.cleaned_data["postcode"].upper().split())
        try:
            self.place = locate(text)
        except PostcodeError as error:
            raise forms.ValidationError(str(error)) from None
        if self.place.precision != "postcode":
            raise forms.ValidationError("Enter the venue's full postcode, like LS6 1AA")
        return text

    def save(self, commit: bool = True) -> SpaceOffer:
        offer = super().save(commit=False)
        assert self.place is not None  # clean_postcode placed it
        offer.latitude, offer.longitude = self.place.latitude, self.place.longitude
        if commit:
            offer.save()
        return offer
