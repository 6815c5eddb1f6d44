"""Form pieces that the NHS.UK design system needs: a three-box date and a field-to-macro presenter.

`macro_fields(form)` turns a bound Django form into plain dicts that
templates/casework/_form.jinja hands to the nhsuk-frontend-jinja macros, so
every casework form renders one way and shows errors beside the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone


class DatePartsWidget(forms.MultiWidget):
    def __init__(self, attrs=None):
        super().__init__({"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput}, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


@dataclass(frozen=True)
class DateWindow:
    """The dates a field accepts, worked out when the form is checked (so "today" is today)."""

    earliest: Callable[[], dt.date]
    latest: Callable[[], dt.date]
    too_early: str  # the end of "<label> must ..." when the date is before `earliest`
    too_late: str


def _years_from_today(years: int) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year + years, day=28 if (today.month, today.day) == (2, 29) else today.day)


# A date of birth: not in the future, not before 1900 (NHS.UK: "must be in the past").
BIRTH = DateWindow(
    lambda: dt.date(1900, 1, 1), timezone.localdate, "be the same as or after 1 January 1900", "be in the past"
)
# A task's due date: a reminder a year late is still worth keeping; ten years ahead is a typing slip.
DUE = DateWindow(
    lambda: _years_from_today(-1),
    lambda: _years_from_today(10),
    "be within the last year",
    "be within the next 10 years",
)
# Any other date: a four-digit year that Python's date can hold.
ANY = DateWindow(
    lambda: dt.date(1000, 1, 1), lambda: dt.date(9999, 12, 31), "have a 4-digit year", "have a 4-digit year"
)

_PART = re.compile(r"[0-9]{1,2}")
_YEAR = re.compile(r"[0-9]{4}")


class DatePartsField(forms.MultiValueField):
    """A date typed as day, month and year boxes (the NHS.UK date input pattern).

    Every box is checked as text before it becomes a number, so a 20-digit year or a
    non-ASCII digit is a "real date" message, never an OverflowError (a 500).
    """

    widget = DatePartsWidget

    def __init__(self, *, label: str, window: DateWindow = ANY, **kwargs: Any) -> None:
        self.label_text = label
        self.window = window
        parts = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        super().__init__(fields=parts, require_all_fields=False, label=label, **kwargs)

    def compress(self, data_list: list[Any]) -> dt.date | None:
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(p or "").strip() for p in data_list)
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            words = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
            raise forms.ValidationError(f"{self.label_text} must include a {words}")
        if not (_PART.fullmatch(day) and _PART.fullmatch(month)):
            raise forms.ValidationError(f"{self.label_text} must be a real date")
        if not _YEAR.fullmatch(year):
            raise forms.ValidationError("Year must include 4 numbers")
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{self.label_text} must be a real date") from None
        if value < self.window.earliest():
            raise forms.ValidationError(f"{self.label_text} must {self.window.too_early}")
        if value > self.window.latest():
            raise forms.ValidationError(f"{self.label_text} must {self.window.too_late}")
        return value


def _kind(field: forms.BoundField) -> str:
    widget = field.field.widget
    if isinstance(field.field, DatePartsField):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


def macro_fields(form: forms.Form) -> list[dict[str, Any]]:
    out = []
    for bf in form:
        kind = _kind(bf)
        value = bf.value()
        item: dict[str, Any] = {
            "kind": kind,
            "name": bf.html_name,
            "id": bf.auto_id or bf.html_name,
            "label": str(bf.label or ""),
            "hint": str(bf.help_text or ""),
            "error": " ".join(str(e) for e in bf.errors),
            "value": "" if value is None else value,
            "type": getattr(bf.field.widget, "input_type", "text"),
            "autocomplete": bf.field.widget.attrs.get("autocomplete", ""),
            "width": bf.field.widget.attrs.get("width"),
        }
        if kind in ("checkboxes", "radios", "select"):
            chosen = value if isinstance(value, list | tuple) else [value]
            chosen = {str(v) for v in chosen if v not in (None, "")}
            item["items"] = [
                {"value": str(v), "text": str(t), "checked": str(v) in chosen, "selected": str(v) in chosen}
                for v, t in bf.field.choices
            ]
        if kind == "date":
            parts = value if isinstance(value, list | tuple) else bf.field.widget.decompress(value)
            parts = list(parts) + [None] * (3 - len(parts))
            item["parts"] = [
                {"name": "day", "value": parts[0] or "", "width": 2},
                {"name": "month", "value": parts[1] or "", "width": 2},
                {"name": "year", "value": parts[2] or "", "width": 4},
            ]
        out.append(item)
    return out


def error_list(form: forms.Form) -> list[dict[str, str]]:
    """The error summary's links: one per field error, pointing at the field (its first box for a date)."""
    items = []
    for bf in form:
        for error in bf.errors:
            anchor = bf.auto_id or bf.html_name
            if isinstance(bf.field, DatePartsField):
                anchor = f"{bf.html_name}_day"
            items.append({"text": str(error), "href": f"#{anchor}"})
    items += [{"text": str(e), "href": "#main-content"} for e in form.non_field_errors()]
    return items


# A contact on a case: backdated up to a year (notes written up later), never in the future.
CONTACT = DateWindow(
    lambda: _years_from_today(-1), timezone.localdate, "be within the last year", "be today or earlier"
)
_TIME = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})")


def parse_time(text: str) -> dt.time:
    """A time typed on the 24-hour clock ("14:30", "9.05"); ValidationError in plain words otherwise."""
    match = _TIME.fullmatch(text.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise forms.ValidationError("Enter the time as hours and minutes on the 24-hour clock, like 14:30")
    return dt.time(int(match.group(1)), int(match.group(2)))


def plain_messages(form: forms.Form) -> None:
    """Give every field Django's own messages in plain words that name the field (a form's own messages win).

    Django's defaults ("Ensure this value has at most 10 characters (it has 12).", "This field is
    required.") do not say which field they are about when read out of the error summary.
    """
    for field in form.fields.values():
        label = str(field.label or "This").replace(" (optional)", "").rstrip("?: ")
        plain = {
            "required": f"Enter {label[0].lower() + label[1:]}" if label else "Enter a value",
            "max_length": f"{label} must be {getattr(field, 'max_length', '')} characters or fewer",
            "min_length": f"{label} must be {getattr(field, 'min_length', '')} characters or more",
            "invalid": f"{label} is not in the right form",
            "invalid_choice": f"Choose {label[0].lower() + label[1:]} from the list",
            "max_value": f"{label} must be {getattr(field, 'max_value', '')} or less",
            "min_value": f"{label} must be {getattr(field, 'min_value', '')} or more",
        }
        for key, message in plain.items():
            if field.error_messages.get(key) == _default(field, key):  # absent (None) or Django's own
                field.error_messages[key] = message


def _default(field: forms.Field, key: str):
    """Django's own message for `key` on this field (the first class up the chain that defines one)."""
    for klass in type(field).__mro__:
        if key in getattr(klass, "default_error_messages", {}):
            return klass.default_error_messages[key]
    return None


class PlainForm(forms.Form):
    """A form whose every error names its field in plain English (see plain_messages)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)
