"""Django forms built from instrument definitions, and their NHS.UK radios for Jinja.

One form per instrument; a set of instruments is a list of forms, each prefixed
with its code, in question order (registry.ordered). Casework embeds a set in its
own page with the `measures/_instrument_set.jinja` macros and records the answers
with services.response_set_record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from . import registry
from .definitions import Instrument
from .scoring import ScoredResponse, missing_message, quoted, score


class InstrumentForm(forms.Form):
    """Radios for every item of one instrument, options in presentation order."""

    def __init__(self, instrument: Instrument, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for item in instrument.items:
            self.fields[item.id] = forms.ChoiceField(
                label=item.text,
                help_text=item.hint,
                choices=[(o.value, o.label) for o in item.presented_options],
                widget=forms.RadioSelect,
                error_messages={
                    "required": missing_message(item.text),
                    "invalid_choice": f"Choose one of the answers to {quoted(item.text)}",
                },
            )

    def scored(self) -> ScoredResponse:
        """The score of a valid form (call is_valid() first)."""
        return score(self.instrument, self.cleaned_data)

    def field_id(self, item_id: str) -> str:
        """The id of the item's first radio, the error summary's link target."""
        return self[item_id].auto_id

    def radios(self) -> list[dict[str, Any]]:
        """Parameters for the nhsuk radios macro, one per item, in question order."""
        out = []
        for item in self.instrument.items:
            bound = self[item.id]
            current = bound.value() if self.is_bound else None
            params: dict[str, Any] = {
                "idPrefix": bound.auto_id,
                "name": bound.html_name,
                "fieldset": {"legend": {"text": item.text, "size": "s"}},
                "items": [
                    {"value": o.value, "text": o.label, "checked": current == o.value} for o in item.presented_options
                ],
            }
            if item.hint:
                params["hint"] = {"text": item.hint}
            if item.inline:
                params["classes"] = "nhsuk-radios--inline"
            if bound.errors:
                params["errorMessage"] = {"text": bound.errors[0]}
            out.append(params)
        return out

    def error_list(self) -> list[dict[str, str]]:
        return [
            {"text": self[item.id].errors[0], "href": f"#{self.field_id(item.id)}"}
            for item in self.instrument.items
            if self[item.id].errors
        ]


def forms_for(codes: Sequence[str], data: Mapping[str, Any] | None = None) -> list[InstrumentForm]:
    """One form per instrument, in question order (UCLA items before the direct question)."""
    return [InstrumentForm(instrument, data=data, prefix=instrument.code) for instrument in registry.ordered(codes)]


def set_errors(forms_: Sequence[InstrumentForm]) -> list[dict[str, str]]:
    """Every unanswered or invalid item across a set, for the error summary, in question order."""
    return [error for form in forms_ for error in form.error_list()]


class SetSubmission:
    """A set of instrument forms bound to one POST: casework's view validates and records it.

    submission = bind_set(codes, request.POST)
    if submission.is_valid():
        response_set_record(answers_by_instrument=submission.answers, ...)
    else: re-render with submission.forms and submission.errors (status 400)
    """

    def __init__(self, codes: Sequence[str], data: Mapping[str, Any] | None) -> None:
        self.forms = forms_for(codes, data=data)
        self.bound = data is not None

    def is_valid(self) -> bool:
        return self.bound and all([form.is_valid() for form in self.forms])  # every form, so all errors show

    @property
    def errors(self) -> list[dict[str, str]]:
        return set_errors(self.forms) if self.bound else []

    @property
    def answers(self) -> dict[str, dict[str, str]]:
        """Instrument code -> answers, for services.response_set_record (valid submissions only)."""
        return {form.instrument.code: dict(form.cleaned_data) for form in self.forms}

    def scored(self) -> list[tuple[Instrument, ScoredResponse]]:
        return [(form.instrument, form.scored()) for form in self.forms]


def bind_set(codes: Sequence[str], data: Mapping[str, Any] | None = None) -> SetSubmission:
    return SetSubmission(codes, data)
