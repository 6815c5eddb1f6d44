"""Befriending forms: each field says what is wrong in plain words, and renders through casework's macros."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from connected.casework.fields import DatePartsField, DateWindow

from .vocabulary import (
    AGE_BANDS,
    COURSES,
    GENDERS,
    GOODBYES,
    INTERESTS,
    LANGUAGES,
    MODES,
    SHAREABLE,
    SLOTS,
    ConcernKind,
    DbsLevel,
    EndReason,
    Mood,
    SupportKind,
)

HONEYPOT = "website"
LANGUAGE_CHOICES = [(lang, lang) for lang in LANGUAGES]
PAST = DateWindow(
    lambda: timezone.localdate().replace(year=1990), timezone.localdate, "be after 1990", "be today or in the past"
)
CHECKED = forms.CheckboxSelectMultiple


def _req(message: str) -> dict[str, str]:
    return {"required": message}


class ProfileFields(forms.Form):
    """Times, ways, languages and interests: asked of volunteers and of people alike."""

    availability = forms.MultipleChoiceField(
        label="Which times of the week suit?",
        choices=SLOTS,
        widget=CHECKED,
        error_messages=_req("Choose at least one time of the week"),
    )
    modes = forms.MultipleChoiceField(
        label="How?", choices=MODES, widget=CHECKED, error_messages=_req("Choose at least one way of befriending")
    )
    languages = forms.MultipleChoiceField(label="Languages", choices=LANGUAGE_CHOICES, widget=CHECKED, required=False)
    interests = forms.MultipleChoiceField(label="Interests", choices=INTERESTS, widget=CHECKED, required=False)


class ApplicationForm(ProfileFields):
    given_name = forms.CharField(label="First name", max_length=100, error_messages=_req("Enter your first name"))
    family_name = forms.CharField(label="Last name", max_length=100, error_messages=_req("Enter your last name"))
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address like name@example.com",
        },
    )
    phone = forms.CharField(label="Phone number", max_length=30, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, error_messages=_req("Enter your postcode"))
    gender = forms.ChoiceField(
        label="Gender (optional)", choices=[("", "Prefer not to say"), *GENDERS[1:]], required=False
    )
    birth_year = forms.IntegerField(
        label="Year of birth (optional)",
        required=False,
        min_value=1900,
        max_value=timezone.now().year - 18,
        error_messages={
            "min_value": "Enter a year of birth after 1900",
            "max_value": "Volunteers must be 18 or over",
            "invalid": "Year of birth must be a number, like 1980",
        },
    )
    travel_km = forms.IntegerField(
        label="How far could you travel for a home visit, in kilometres?",
        min_value=0,
        max_value=50,
        initial=5,
        error_messages={
            "required": "Enter how far you could travel (0 if you will not visit)",
            "max_value": "Enter a distance of 50 kilometres or less",
            "min_value": "Enter 0 or more",
        },
    )
    motivation = forms.CharField(
        label="Why would you like to befriend?", widget=forms.Textarea, max_length=2000, required=False
    )
    field_order = ["given_name", "family_name", "email", "phone", "postcode", "gender", "birth_year"]

    def is_trap(self) -> bool:
        return bool(str(self.data.get(HONEYPOT) or "").strip())


class ChecksForm(forms.Form):
    dbs_level = forms.ChoiceField(label="DBS check level", choices=DbsLevel.choices, widget=forms.RadioSelect)
    dbs_checked_on = DatePartsField(label="Date of the DBS check", window=PAST, required=False)
    dbs_expires_on = DatePartsField(label="Renew the DBS check by", required=False)
    references_received = forms.IntegerField(
        label="References received",
        min_value=0,
        max_value=5,
        error_messages=_req("Enter how many references came back"),
    )
    capacity = forms.IntegerField(
        label="How many people they may befriend at once",
        min_value=1,
        max_value=5,
        error_messages=_req("Enter how many people they may befriend at once"),
    )


class TrainingForm(forms.Form):
    course = forms.ChoiceField(label="Course", choices=COURSES, widget=forms.RadioSelect)
    completed_on = DatePartsField(label="Completed on", window=PAST)
    expires_on = DatePartsField(label="Renew by (if it expires)", required=False)


class SupportForm(forms.Form):
    kind = forms.ChoiceField(label="What was it?", choices=SupportKind.choices, widget=forms.RadioSelect)
    held_on = DatePartsField(label="Held on", window=PAST)
    next_due = DatePartsField(label="Next one due", required=False)


class RequestForm(ProfileFields):
    prefers_gender = forms.ChoiceField(
        label="Would they like a volunteer of a particular gender?",
        choices=GENDERS,
        required=False,
        widget=forms.RadioSelect,
    )
    prefers_age = forms.ChoiceField(
        label="Would they like a volunteer of a particular age?",
        choices=AGE_BANDS,
        required=False,
        widget=forms.RadioSelect,
    )
    shared = forms.MultipleChoiceField(
        label="What has the person agreed their volunteer may see?",
        choices=SHAREABLE,
        widget=CHECKED,
        required=False,
        help_text="Their first name is always shared. Ask them about each of the others.",
    )


class CallLogForm(forms.Form):
    happened = forms.ChoiceField(
        label="Did the call or visit happen?",
        choices=[("yes", "Yes"), ("no", "No, I could not reach them")],
        widget=forms.RadioSelect,
        error_messages=_req("Select whether it happened"),
    )
    mood = forms.ChoiceField(label="How did they seem?", choices=Mood.choices, widget=forms.RadioSelect, required=False)
    pass_on = forms.CharField(
        label="Anything to pass on? (optional)", widget=forms.Textarea, max_length=2000, required=False
    )


class ConcernForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is the worry about?",
        widget=forms.RadioSelect,
        error_messages=_req("Select what the worry is about"),
        choices=[(k, t) for k, t in ConcernKind.choices if k != ConcernKind.MISSED_CALLS],
    )
    detail = forms.CharField(
        label="What did you see or hear?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages=_req("Tell us what you saw or heard"),
    )


class ActionForm(forms.Form):
    action = forms.CharField(
        label="What was done?", widget=forms.Textarea, max_length=5000, error_messages=_req("Say what was done")
    )


class EndForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why is the match ending?",
        choices=EndReason.choices,
        widget=forms.RadioSelect,
        error_messages=_req("Select why the match is ending"),
    )
    goodbye = forms.ChoiceField(
        label="How will they say goodbye?",
        choices=GOODBYES,
        widget=forms.RadioSelect,
        error_messages=_req("Select how they will say goodbye"),
    )
