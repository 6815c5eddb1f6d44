"""Forms for providers' answers and messages, their listing corrections, and a directory manager's review."""

from __future__ import annotations

from django import forms

from connected.directory.corrections import CORRECTABLE

from .fields import PlainForm
from .provider_services import MESSAGE_LIMIT
from .provider_vocabulary import Attendance, ProviderDeclineReason

DAYS = [("MO", "Monday"), ("TU", "Tuesday"), ("WE", "Wednesday"), ("TH", "Thursday"), ("FR", "Friday"),
        ("SA", "Saturday"), ("SU", "Sunday")]  # fmt: skip


class DeclineForm(PlainForm):
    reason = forms.ChoiceField(
        label="Why can you not take this introduction?",
        choices=ProviderDeclineReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why you cannot take this introduction"},
    )
    detail = forms.CharField(
        label="Anything the link worker should know (optional unless you chose another reason)",
        required=False,
        max_length=MESSAGE_LIMIT,
        widget=forms.Textarea,
    )


class AttendanceForm(PlainForm):
    status = forms.ChoiceField(
        label="How is it going?",
        choices=Attendance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how it is going"},
    )
    stopped_reason = forms.CharField(
        label="If they stopped, why?", required=False, max_length=MESSAGE_LIMIT, widget=forms.Textarea
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == Attendance.STOPPED and not (data.get("stopped_reason") or "").strip():
            self.add_error("stopped_reason", "Enter why they stopped")
        return data


class MessageForm(PlainForm):
    text = forms.CharField(
        label="Message",
        max_length=MESSAGE_LIMIT,
        widget=forms.Textarea,
        error_messages={"required": "Enter a message"},
    )


def _text(code: str, *, area: bool = False, **kwargs) -> forms.CharField:
    widget = forms.Textarea if area else forms.TextInput
    return forms.CharField(label=CORRECTABLE[code].label, required=False, widget=widget, **kwargs)


class CorrectionForm(PlainForm):
    """The listing as it is, to be corrected in place; the directory's own cleaners check each value."""

    description = _text("description", area=True, max_length=5000)
    application_process = _text("application_process", area=True, max_length=2000)
    fees_description = _text("fees_description", area=True, max_length=2000, help_text="For example, £3 a session")
    email = _text("email", max_length=254)
    url = _text("url", max_length=500)
    phone = _text("phone", max_length=50)
    days = forms.MultipleChoiceField(
        label=CORRECTABLE["days"].label, choices=DAYS, required=False, widget=forms.CheckboxSelectMultiple
    )
    opens_at = _text("opens_at", max_length=8, help_text="24-hour clock, for example 10:00")
    closes_at = _text("closes_at", max_length=8, help_text="24-hour clock, for example 12:30")
    note = forms.CharField(
        label="Anything the directory team should know (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )

    def values(self) -> dict[str, str]:
        data = dict(self.cleaned_data)
        data["days"] = ",".join(code for code, _ in DAYS if code in (data.get("days") or []))
        return {code: data.get(code, "") for code in CORRECTABLE}


def days_initial(byday: str) -> list[str]:
    """A schedule's BYDAY as the form's day boxes (an ordinal such as 2FR ticks Friday)."""
    return [part[-2:] for part in byday.split(",") if part]


class ReviewForm(PlainForm):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve: change the listing"), ("reject", "Reject: leave the listing as it is")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select approve or reject"},
    )
    review_note = forms.CharField(
        label="Why you rejected it, for the provider (needed if you reject)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )
