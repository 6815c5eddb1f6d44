"""The finder's GET form: validates query parameters and turns them into a search.

The form is the one place that knows the page's parameter names; the view hands
the cleaned form to `to_query()` and never reads request.GET itself. Every error
message names the field and says what to do, as the NHS.UK design system asks.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from django import forms

from connected.core.places import PostcodeError, locate, miles_to_km
from connected.directory.search import SearchQuery
from connected.directory.vocabulary import ACCESSIBILITY, ACTIVITIES, DAY_NAMES, DAYS, Delivery

# Miles offered in the distance select; the search takes kilometres.
DISTANCE_MILES = (1, 3, 5, 10, 25)
DEFAULT_MILES = 5

# Parts of the day as people say them, with the clock window each means.
TIMES_OF_DAY: dict[str, tuple[str, time, time]] = {
    "morning": ("Morning (before 12pm)", time(0, 0), time(12, 0)),
    "afternoon": ("Afternoon (12pm to 5pm)", time(12, 0), time(17, 0)),
    "evening": ("Evening (after 5pm)", time(17, 0), time(23, 59)),
}

TOO_LONG = "Postcode is too long. Enter a postcode, like LS1 4AP, or the first part of one, like LS1"
PER_PAGE = 10
MAX_PAGE = 1000
FINDER_FIELDS = ("postcode", "q", "activity", "day", "time", "free", "access", "delivery", "age", "distance", "page")


class FinderForm(forms.Form):
    """What a person tells us: where, what, when, and what they need."""

    postcode = forms.CharField(
        required=False,
        max_length=40,
        strip=True,
        error_messages={"max_length": TOO_LONG},
    )
    q = forms.CharField(required=False, max_length=200, strip=True, label="What are you interested in?")
    activity = forms.MultipleChoiceField(
        required=False,
        choices=[(t.code, t.label) for t in ACTIVITIES],
        error_messages={"invalid_choice": "Select activity types from the list"},
    )
    day = forms.MultipleChoiceField(
        required=False,
        choices=[(d, DAY_NAMES[d]) for d in DAYS],
        error_messages={"invalid_choice": "Select days from the list"},
    )
    time = forms.ChoiceField(
        required=False,
        choices=[("", "Any time"), *((k, v[0]) for k, v in TIMES_OF_DAY.items())],
        error_messages={"invalid_choice": "Select a time of day from the list"},
    )
    free = forms.BooleanField(required=False)
    access = forms.MultipleChoiceField(
        required=False,
        choices=[(t.code, t.label) for t in ACCESSIBILITY],
        error_messages={"invalid_choice": "Select accessibility needs from the list"},
    )
    delivery = forms.MultipleChoiceField(
        required=False,
        choices=Delivery.CHOICES,
        error_messages={"invalid_choice": "Select how you would like to take part from the list"},
    )
    distance = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=DEFAULT_MILES,
        choices=[(m, f"Within {m} mile{'s' if m != 1 else ''}") for m in DISTANCE_MILES],
        error_messages={"invalid_choice": "Select a distance from the list"},
    )
    age = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": "Age must be a number, like 67",
            "min_value": "Age must be 0 or more",
            "max_value": "Age must be 120 or less",
        },
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": "Page must be a whole number",
            "min_value": "Page must be 1 or more",
            "max_value": f"Page must be {MAX_PAGE} or less",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.place: Any = None

    def clean_postcode(self) -> str:
        return " ".join(self.cleaned_data.get("postcode", "").upper().split())

    def clean_page(self) -> int:
        return self.cleaned_data.get("page") or 1

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        text = data.get("postcode", "")
        delivery = set(data.get("delivery") or [])
        remote_only = bool(delivery) and Delivery.IN_PERSON not in delivery
        if not text:
            if not remote_only and "postcode" not in self.errors:
                self.add_error("postcode", "Enter a postcode or the first part of one, like LS1 4AP or LS1")
            return data
        try:
            self.place = locate(text)
        except PostcodeError as error:
            self.add_error("postcode", str(error))
        return data

    def is_search(self) -> bool:
        """Whether the person asked for results (any finder parameter is present)."""
        return self.is_bound and any(name in self.data for name in FINDER_FIELDS)

    def to_query(self) -> SearchQuery:
        """The directory search for this (valid) form."""
        data = self.cleaned_data
        start = end = None
        if data.get("time"):
            _, start, end = TIMES_OF_DAY[data["time"]]
        miles = data.get("distance") or DEFAULT_MILES
        return SearchQuery(
            text=data.get("q", ""),
            latitude=self.place.latitude if self.place else None,
            longitude=self.place.longitude if self.place else None,
            radius_km=miles_to_km(miles) if self.place else None,
            term_codes=tuple(data.get("activity") or ()),
            days=tuple(data.get("day") or ()),
            start_time=start,
            end_time=end,
            age=data.get("age"),
            free_only=bool(data.get("free")),
            accessibility=tuple(data.get("access") or ()),
            delivery=tuple(data.get("delivery") or ()),
            page=data.get("page") or 1,
            per_page=PER_PAGE,
        )

    def error_list(self) -> list[dict[str, str]]:
        """Errors for the NHS.UK error summary, each linking to its field."""
        items = []
        for name, errors in self.errors.items():
            # Errors with no field of their own (a page number in the URL, a search refusal) point at the form.
            anchor = "finder" if name in ("__all__", "page") else name
            items.extend({"text": message, "href": f"#{anchor}"} for message in errors)
        return items
