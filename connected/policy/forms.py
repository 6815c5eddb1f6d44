"""Forms of the Loneliness Test and the tracker, each with messages that name the field at fault."""

from __future__ import annotations

import re

from django import forms

from connected.casework.fields import DUE, DatePartsField

from .models import Answer, Commitment, Strategy
from .vocabulary import RATED, CommitmentStatus, Confidence, Direction, Size

LA_CODE = re.compile(r"^[EW]\d{8}$")
MAX_PLACES = 20


def _choices(choices, blank: str) -> list[tuple[str, str]]:
    return [("", blank), *choices]


class AboutForm(forms.Form):
    title = forms.CharField(label="Name of the policy, programme or decision", max_length=200)
    department = forms.CharField(label="Department, council or team", max_length=200)
    what = forms.CharField(label="What is it?", widget=forms.Textarea)
    who = forms.CharField(label="Who does it affect?", widget=forms.Textarea)
    places = forms.CharField(
        label="Places it names (optional)",
        required=False,
        max_length=400,
        help_text="Local authority codes, separated by spaces, for example E08000035 E06000001",
    )
    internal_notes = forms.CharField(
        label="Internal notes (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="Never shown in the published record",
    )
    is_public = forms.BooleanField(label="Publish the record once it is signed off", required=False)

    def __init__(self, *args, questions: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key, text in (questions or {}).items():
            self.fields[key].label = text  # the wording of the version this test asks

    def clean_places(self) -> str:
        codes = self.cleaned_data["places"].replace(",", " ").upper().split()
        wrong = [c for c in codes if not LA_CODE.match(c)]
        if wrong:
            raise forms.ValidationError(f"Places must be local authority codes like E08000035; “{wrong[0]}” is not one")
        if len(codes) > MAX_PLACES:
            raise forms.ValidationError(f"Name at most {MAX_PLACES} places")
        return " ".join(dict.fromkeys(codes))


class EffectForm(forms.Form):
    """One route's or group's rating; prefixed by the answer's id so many sit on one page."""

    direction = forms.ChoiceField(label="Effect on connection", choices=_choices(Direction.choices, "Choose"))
    size = forms.ChoiceField(label="Size", choices=_choices(Size.choices, "Choose"), required=False)
    confidence = forms.ChoiceField(label="Confidence", choices=_choices(Confidence.choices, "Choose"), required=False)
    evidence = forms.CharField(label="Evidence", required=False, widget=forms.Textarea)
    reasons = forms.CharField(label="Reasons", required=False, widget=forms.Textarea)

    def __init__(self, *args, answer: Answer, **kwargs) -> None:
        super().__init__(*args, prefix=f"a{answer.pk}", **kwargs)
        self.answer = answer
        name = answer.question.text
        for field in self.fields.values():
            field.label = f"{field.label}: {name}"  # each label unique on the page, for screen readers too
        self.fields["direction"].error_messages["required"] = f"Choose the effect on {name.lower()}"

    def clean(self):
        data = super().clean()
        if data.get("direction") in RATED:
            name = self.answer.question.text.lower()
            for field, words in (("size", "the size"), ("confidence", "your confidence"), ("reasons", "the reasons")):
                if not data.get(field):
                    self.add_error(field, f"Give {words} of the effect on {name}")
        return data


class MitigationForm(forms.Form):
    action = forms.CharField(label="What will be done", widget=forms.Textarea, max_length=2000)
    owner = forms.CharField(label="Who owns it", max_length=200, help_text="A team or a role, not a person's name")
    due = DatePartsField(label="Due by", window=DUE, required=False)


class SignOffForm(forms.Form):
    signer_name = forms.CharField(label="Signed off by", max_length=120)
    signer_role = forms.CharField(label="Their role", max_length=120)
    confirm = forms.BooleanField(
        label="I confirm this test is complete and its mitigations have owners",
        error_messages={"required": "Confirm that the test is complete"},
    )


class UpdateForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=_choices(CommitmentStatus.choices, "Choose"))
    progress = forms.CharField(label="What was done", widget=forms.Textarea, max_length=4000)
    evidence_url = forms.URLField(
        label="Link to evidence (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter the evidence link as a web address, like https://www.gov.uk/..."},
    )


class CommitmentForm(forms.Form):
    strategy = forms.ModelChoiceField(label="Strategy", queryset=Strategy.objects.all(), empty_label="Choose")
    reference = forms.CharField(label="Reference", max_length=20, help_text="As the strategy numbers it, e.g. 1.3")
    text = forms.CharField(label="Commitment", widget=forms.Textarea, max_length=2000)
    lead = forms.CharField(label="Lead department or organisation", max_length=200)
    update_every_days = forms.IntegerField(
        label="Report progress every (days)", min_value=7, max_value=366, initial=90, widget=forms.NumberInput
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("strategy")
            and Commitment.objects.filter(strategy=data["strategy"], reference=data.get("reference", "")).exists()
        ):
            self.add_error("reference", f"{data['strategy']} already has a commitment {data['reference']}")
        return data
