"""The check-in's forms: the loneliness questions (from measures), then "about you" with optional ONS4.

The first page's answers travel to the second in hidden fields and are checked again there, so nothing is
kept on the server between pages. Choices for age band, circumstances and ways to connect come from the
content file, so a content designer can change them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from connected.core.places import Place, PostcodeError, locate
from connected.measures.forms import InstrumentForm, forms_for, set_errors

from . import checkin, tips

SELF_HARM = (("yes", "Yes"), ("no", "No"), ("not_say", "I'd rather not say"))


def loneliness_forms(data: Mapping[str, Any] | None = None) -> list[InstrumentForm]:
    return forms_for(checkin.LONELINESS, data=data)


def wellbeing_form(data: Mapping[str, Any] | None = None) -> InstrumentForm:
    """ONS4, optional: bound only when at least one of its questions was answered."""
    instrument = checkin.wellbeing_instrument()
    prefix = instrument.code
    answered = data is not None and any(data.get(f"{prefix}-{item.id}") for item in instrument.items)
    return InstrumentForm(instrument, data=data if answered else None, prefix=prefix)


def hidden_answers(forms_: list[InstrumentForm]) -> list[tuple[str, str]]:
    """(name, value) pairs that carry valid answers to the next page."""
    return [(form[name].html_name, value) for form in forms_ for name, value in form.cleaned_data.items()]


class AboutYouForm(forms.Form):
    postcode = forms.CharField(
        required=False,
        max_length=10,
        strip=True,
        label="Your postcode (optional)",
        help_text="To show activities near you. For example, LS1 4AP, or just LS1.",
    )
    age_band = forms.ChoiceField(required=False, label="Your age (optional)", widget=forms.RadioSelect)
    circumstances = forms.MultipleChoiceField(
        required=False, label="Has anything changed for you recently? (optional)", widget=forms.CheckboxSelectMultiple
    )
    connect = forms.MultipleChoiceField(
        required=False,
        label="How do you like to meet or talk to people? (optional)",
        widget=forms.CheckboxSelectMultiple,
    )
    self_harm = forms.ChoiceField(
        required=False,
        label="Have you had thoughts of harming yourself or ending your life? (optional)",
        choices=SELF_HARM,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        content = tips.content()
        self.fields["age_band"].choices = list(content.choices["age_bands"])
        self.fields["circumstances"].choices = list(content.choices["circumstances"])
        self.fields["connect"].choices = list(content.choices["connect"])
        for name in ("age_band", "circumstances", "connect", "self_harm"):
            self.fields[name].error_messages["invalid_choice"] = f"Choose from the list for {self.fields[name].label}"
        self.place: Place | None = None

    def clean_postcode(self) -> str:
        text = " ".join(self.cleaned_data.get("postcode", "").upper().split())
        if text:
            try:
                self.place = locate(text)
            except PostcodeError as error:
                raise forms.ValidationError(str(error)) from None
        return text

    def profile(self) -> checkin.Profile:
        data = self.cleaned_data
        return checkin.Profile(
            age_band=data.get("age_band") or "",
            circumstances=tuple(data.get("circumstances") or ()),
            connect=tuple(data.get("connect") or ()),
            self_harm=data.get("self_harm") == "yes",
        )


class CheckIn:
    """The second page's POST: the carried loneliness answers, about you, and ONS4 if answered."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.loneliness = loneliness_forms(data)
        self.wellbeing = wellbeing_form(data)
        self.about = AboutYouForm(data)

    def is_valid(self) -> bool:
        checks = [form.is_valid() for form in self.loneliness]
        checks.append(self.about.is_valid())
        checks.append(not self.wellbeing.is_bound or self.wellbeing.is_valid())
        return all(checks)

    @property
    def carried_ok(self) -> bool:
        """Whether the first page's answers arrived intact (a stale or edited page sends the person back)."""
        return all(form.is_valid() for form in self.loneliness)

    def errors(self) -> list[dict[str, str]]:
        found = set_errors([self.wellbeing]) if self.wellbeing.is_bound else []
        for name, messages in self.about.errors.items():
            found.extend({"text": str(m), "href": f"#{self.about[name].auto_id}"} for m in messages)
        return found

    def answers(self) -> dict[str, dict[str, str]]:
        out = {form.instrument.code: dict(form.cleaned_data) for form in self.loneliness}
        if self.wellbeing.is_bound:
            out[self.wellbeing.instrument.code] = dict(self.wellbeing.cleaned_data)
        return out
