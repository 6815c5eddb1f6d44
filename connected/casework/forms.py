"""Web forms for intake and casework. They check shape and words; services.py checks again and saves."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from .fields import BIRTH, CONTACT, DUE, DatePartsField, PlainForm, parse_time
from .validation import LIMITS, FieldError, clean_date_of_birth, clean_nhs_number, clean_ods_code, clean_postcode
from .vocabulary import (
    ContactMethod,
    ContactMode,
    DeclineReason,
    DigitalAccess,
    EthnicCategory,
    Gender,
    IntroductionStatus,
    Need,
    Outcome,
    RiskCircumstance,
    Urgency,
)

# The self-referral form's honeypot: hidden from people and assistive tech, so only bots fill it in.
HONEYPOT = "website"


def _required(message: str) -> dict[str, str]:
    return {"required": message}


def _coded_fields() -> tuple[forms.Field, ...]:
    """GP practice (ODS code and name), sex or gender, ethnic category: the PRSB dataset's coded person fields."""
    return (
        forms.CharField(
            label="GP practice ODS code (optional)",
            required=False,
            max_length=12,
            help_text="The practice the person is registered with, like B86001",
            widget=forms.TextInput(attrs={"width": 10}),
        ),
        forms.CharField(label="GP practice name (optional)", required=False, max_length=200),
        forms.ChoiceField(
            label="Sex or gender (optional)", required=False, choices=[("", "Not given"), *Gender.choices]
        ),
        forms.ChoiceField(
            label="Ethnic category (optional)",
            required=False,
            choices=[("", "Not asked"), *EthnicCategory.choices],
            help_text="As the person describes it (NHS Data Dictionary categories)",
        ),
    )


class PersonFieldsMixin:
    """Validation shared by every form that takes a person's details."""

    def clean_nhs_number(self):
        return self._checked(clean_nhs_number, "nhs_number")

    def clean_postcode(self):
        return self._checked(clean_postcode, "postcode")

    def clean_date_of_birth(self):
        return self._checked(clean_date_of_birth, "date_of_birth")

    def clean_gp_practice_code(self):
        return self._checked(clean_ods_code, "gp_practice_code")

    def _checked(self, check, name):
        try:
            return check(self.cleaned_data.get(name))
        except FieldError as error:
            raise forms.ValidationError(error.message) from None


class ReferralForm(PersonFieldsMixin, PlainForm):
    """The referrer's one-page form: who, why, what they hope for, how urgent, consent."""

    given_name = forms.CharField(
        label="First name", max_length=LIMITS["given_name"], error_messages=_required("Enter the person's first name")
    )
    family_name = forms.CharField(
        label="Last name", max_length=LIMITS["family_name"], error_messages=_required("Enter the person's last name")
    )
    date_of_birth = DatePartsField(
        label="Date of birth", window=BIRTH, error_messages=_required("Enter the person's date of birth")
    )
    nhs_number = forms.CharField(
        label="NHS number (optional)", required=False, max_length=14, help_text="10 digits, like 943 476 5919"
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        error_messages=_required("Enter the person's postcode"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "width": 10}),
    )
    phone = forms.CharField(
        label="Phone number", max_length=LIMITS["phone"], required=False, widget=forms.TextInput(attrs={"width": 20})
    )
    email = forms.EmailField(
        max_length=LIMITS["email"],
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    gp_practice_code, gp_practice_name, gender, ethnic_category = _coded_fields()
    needs = forms.MultipleChoiceField(
        label="Why are you referring them?",
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
    )
    reason = forms.CharField(
        label="Anything else the link worker should know (optional)",
        required=False,
        widget=forms.Textarea,
        max_length=LIMITS["reason"],
    )
    hopes = forms.CharField(
        label="What does the person hope for? (optional)",
        required=False,
        widget=forms.Textarea,
        max_length=LIMITS["hopes"],
    )
    urgency = forms.ChoiceField(
        label="How urgent is it?",
        choices=Urgency.choices,
        initial=Urgency.ROUTINE,
        widget=forms.RadioSelect,
        error_messages=_required("Select how urgent it is"),
    )
    consent_given = forms.BooleanField(
        label="The person agrees to this referral and to be contacted",
        error_messages=_required("The person must agree to be referred and contacted"),
    )

    def clean(self):
        data = super().clean()
        if not data.get("needs") and not (data.get("reason") or "").strip() and "needs" not in self.errors:
            self.add_error("needs", "Select at least one reason, or say why in the box below")
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors:
            self.add_error("phone", "Enter a phone number or an email address so the link worker can get in touch")
        return data


class SelfReferralForm(PersonFieldsMixin, PlainForm):
    """The public form at /refer-yourself/: plain words, the fewest questions."""

    given_name = forms.CharField(
        label="First name",
        max_length=LIMITS["given_name"],
        error_messages=_required("Enter your first name"),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    family_name = forms.CharField(
        label="Last name",
        max_length=LIMITS["family_name"],
        error_messages=_required("Enter your last name"),
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    date_of_birth = DatePartsField(
        label="Date of birth", window=BIRTH, error_messages=_required("Enter your date of birth")
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        error_messages=_required("Enter your postcode"),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "width": 10}),
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=LIMITS["phone"],
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "width": 20}),
    )
    email = forms.EmailField(
        max_length=LIMITS["email"],
        label="Email address (optional)",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    contact_methods = forms.MultipleChoiceField(
        label="How should we contact you?",
        choices=ContactMethod.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    best_times = forms.CharField(
        label="When is best to contact you? (optional)",
        required=False,
        max_length=LIMITS["best_times"],
        help_text="For example, weekday mornings",
    )
    reason = forms.CharField(
        label="Tell us a little about what is going on for you",
        widget=forms.Textarea,
        max_length=LIMITS["reason"],
        error_messages=_required("Tell us a little about what is going on"),
    )
    hopes = forms.CharField(
        label="What would you like to change? (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=LIMITS["hopes"],
    )
    consent_given = forms.BooleanField(
        label="I agree to a link worker contacting me about this",
        error_messages=_required("Agree to be contacted so we can help you"),
    )
    website = forms.CharField(
        label="Leave this blank",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_trap(self) -> bool:
        """True when the honeypot is filled: a bot, to be shown the usual confirmation with nothing saved."""
        return bool(str(self.data.get(HONEYPOT) or "").strip())

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors:
            self.add_error("phone", "Enter a phone number or an email address so we can get in touch")
        return data


class ContactForm(PlainForm):
    field_order = ["on", "at_time", "mode", "duration_minutes", "notes"]
    mode = forms.ChoiceField(
        label="How?",
        choices=ContactMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you were in touch", "invalid_choice": "Select how you were in touch"},
    )
    duration_minutes = forms.IntegerField(
        label="How long, in minutes (optional)",
        required=False,
        min_value=0,
        max_value=600,
        widget=forms.TextInput(attrs={"width": 4}),
        error_messages={
            "invalid": "Duration must be a number of minutes",
            "min_value": "Duration cannot be negative",
            "max_value": "Duration must be 600 minutes or fewer",
        },
    )
    notes = forms.CharField(label="Notes (optional)", widget=forms.Textarea, required=False, max_length=LIMITS["notes"])
    on = DatePartsField(
        label="Date of the contact",
        window=CONTACT,
        required=False,
        help_text="Today unless you are writing up an earlier contact. For example, 27 3 2026",
    )
    at_time = forms.CharField(
        label="Time of the contact",
        max_length=5,
        required=False,
        help_text="On the 24-hour clock, like 14:30. Left empty, the date and time are now.",
        widget=forms.TextInput(attrs={"width": 5}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        now = timezone.localtime()
        self.fields["on"].initial, self.fields["at_time"].initial = now.date(), f"{now:%H:%M}"

    def clean_at_time(self):
        text = self.cleaned_data["at_time"]
        return parse_time(text) if text.strip() else None

    def clean(self):
        """Backdating is allowed (a contact written up later); a contact in the future is not. Empty is now."""
        data = super().clean()
        now = timezone.localtime()
        if "on" in data and "at_time" in data:
            when = (data["on"] or now.date(), data["at_time"] or now.time())
            data["at"] = timezone.make_aware(dt.datetime.combine(*when)) if data["on"] or data["at_time"] else None
            if data["at"] and data["at"] > timezone.now():
                self.add_error("at_time", "The time of the contact must be now or earlier")
            elif data["at"] and timezone.now() - data["at"] < dt.timedelta(minutes=2):
                data["at"] = (
                    timezone.now()
                )  # the prefilled minute means "now", to the second, so history stays in order
        return data


class ConversationForm(PlainForm):
    goals = forms.CharField(
        label="What matters to them, in their own words",
        widget=forms.Textarea,
        max_length=LIMITS["goals"],
        error_messages=_required("Enter what matters to the person"),
    )
    interests = forms.CharField(
        label="Interests (optional)", widget=forms.Textarea, required=False, max_length=LIMITS["interests"]
    )
    barriers = forms.CharField(
        label="What gets in the way (optional)", widget=forms.Textarea, required=False, max_length=LIMITS["barriers"]
    )
    would_like_to_try = forms.CharField(
        label="What they would like to try (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=LIMITS["would_like_to_try"],
    )


class IntroductionStatusForm(PlainForm):
    status = forms.ChoiceField(
        label="How is it going?",
        choices=IntroductionStatus.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select how the introduction is going"),
    )
    stopped_reason = forms.CharField(
        label="If they stopped, why? ", required=False, max_length=LIMITS["stopped_reason"], widget=forms.Textarea
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == IntroductionStatus.STOPPED and not (data.get("stopped_reason") or "").strip():
            self.add_error("stopped_reason", "Enter why they stopped")
        return data


class TaskForm(PlainForm):
    description = forms.CharField(
        label="What needs doing", max_length=LIMITS["task"], error_messages=_required("Enter what needs doing")
    )
    due_on = DatePartsField(label="Due date", window=DUE, error_messages=_required("Enter the due date"))


class DischargeForm(PlainForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        # "Cancelled by the referrer" is the sender's (a BaRS cancellation), not a link worker's choice.
        choices=[(v, t) for v, t in Outcome.choices if v != Outcome.CANCELLED],
        widget=forms.RadioSelect,
        error_messages=_required("Select the outcome"),
    )
    notes = forms.CharField(
        label="Closing summary (optional)", widget=forms.Textarea, required=False, max_length=LIMITS["notes"]
    )


class DeclineForm(PlainForm):
    reason = forms.ChoiceField(
        label="Why is the referral declined?",
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select why"),
    )


class PersonForm(PersonFieldsMixin, PlainForm):
    """A link worker's edit of the person's details, preferences, circumstances and consent."""

    given_name = forms.CharField(
        label="First name", max_length=LIMITS["given_name"], error_messages=_required("Enter the first name")
    )
    family_name = forms.CharField(
        label="Last name", max_length=LIMITS["family_name"], error_messages=_required("Enter the last name")
    )
    preferred_name = forms.CharField(
        label="Preferred name (optional)", max_length=LIMITS["preferred_name"], required=False
    )
    date_of_birth = DatePartsField(label="Date of birth", window=BIRTH, required=False)
    nhs_number = forms.CharField(label="NHS number (optional)", required=False, max_length=14)
    gp_practice_code, gp_practice_name, gender, ethnic_category = _coded_fields()
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    address = forms.CharField(
        label="Address (optional)", widget=forms.Textarea, required=False, max_length=LIMITS["address"]
    )
    phone = forms.CharField(label="Phone number", max_length=LIMITS["phone"], required=False)
    email = forms.EmailField(
        max_length=LIMITS["email"],
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    contact_methods = forms.MultipleChoiceField(
        label="How they like to be contacted",
        choices=ContactMethod.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    best_times = forms.CharField(label="Best times to contact", max_length=LIMITS["best_times"], required=False)
    language = forms.CharField(label="Main language", max_length=LIMITS["language"], required=False)
    interpreter_needed = forms.BooleanField(label="Needs an interpreter", required=False)
    accessibility_needs = forms.CharField(
        label="Accessibility needs", widget=forms.Textarea, required=False, max_length=LIMITS["accessibility_needs"]
    )
    digital_access = forms.ChoiceField(
        label="Internet use",
        required=False,
        widget=forms.RadioSelect,
        choices=[("", "Not known"), *DigitalAccess.choices],
    )
    lives_alone = forms.BooleanField(label="Lives alone", required=False)
    is_carer = forms.BooleanField(label="Is an unpaid carer", required=False)
    risk_circumstances = forms.MultipleChoiceField(
        label="Circumstances", choices=RiskCircumstance.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    consent_to_contact = forms.BooleanField(label="Agrees to be contacted", required=False)
    consent_to_share = forms.BooleanField(
        label="Agrees to details being shared with activity providers", required=False
    )
