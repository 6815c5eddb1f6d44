"""Three-box dates: absurd years are a message beside the field on every form, never a 500."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django import forms
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from connected.casework.fields import BIRTH, DUE, DatePartsField
from connected.casework.models import Person, Referral

from .builders import make_world, sign_in
from .test_intake_views import FORM

HUGE = "99999999999999999999"
EXAMPLES = int(os.environ.get("HYPOTHESIS_FUZZ_EXAMPLES", "100"))


@pytest.fixture
def world(db):
    return make_world()


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        sign_in(client, user)
    return client


def _refused(response, message: str) -> None:
    assert response.status_code == 400, response.status_code
    assert message in response.content.decode()


SELF = {k: v for k, v in FORM.items() if k not in ("nhs_number", "needs", "urgency")} | {"reason": "Lonely"}


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"date_of_birth_year": HUGE}, "Year must include 4 numbers"),
        ({"date_of_birth_year": "19"}, "Year must include 4 numbers"),
        ({"date_of_birth_day": HUGE}, "Date of birth must be a real date"),
        ({"date_of_birth_month": "\u0661\u0662"}, "Date of birth must be a real date"),  # Arabic-Indic digits
        ({"date_of_birth_year": "1899"}, "Date of birth must be the same as or after 1 January 1900"),
        ({"date_of_birth_year": "2999"}, "Date of birth must be in the past"),
        ({"date_of_birth_day": ""}, "Date of birth must include a day"),
        ({"date_of_birth_day": "", "date_of_birth_year": ""}, "Date of birth must include a day and year"),
    ],
)
def test_self_referral_refuses_absurd_dates_of_birth(world, parts, message):
    response = _client().post("/refer-yourself/", SELF | parts)
    _refused(response, message)
    assert not Referral.objects.filter(person__family_name="Somerville").exists()


def test_referral_form_refuses_a_20_digit_year(world):
    response = _client(world.users["referrer"]).post("/casework/refer/", FORM | {"date_of_birth_year": HUGE})
    _refused(response, "Year must include 4 numbers")
    assert not Person.objects.filter(family_name="Somerville").exists()


def test_person_edit_refuses_a_20_digit_year(world):
    referral = world.records["own_scheme"]
    data = {"given_name": "Ada", "family_name": "Lovelace", "date_of_birth_day": "1"}
    data |= {"date_of_birth_month": "1", "date_of_birth_year": HUGE}
    response = _client(world.users["link_worker"]).post(f"/casework/people/{referral.person_id}/edit/", data)
    _refused(response, "Year must include 4 numbers")


@pytest.mark.parametrize(
    ("year", "message"),
    [(HUGE, "Year must include 4 numbers"), ("2999", "Due date must be within the next 10 years")],
)
def test_task_due_date_refuses_absurd_years(world, year, message):
    referral = world.records["own_scheme"]
    data = {"description": "Ring back", "due_on_day": "1", "due_on_month": "1", "due_on_year": year}
    response = _client(world.users["link_worker"]).post(f"/casework/cases/{referral.pk}/tasks/", data)
    _refused(response, message)
    assert not referral.tasks.filter(description="Ring back").exists()


def test_windows_take_today_and_their_edges():
    today = dt.date.today()
    born = DatePartsField(label="Date of birth", window=BIRTH)
    assert born.clean(["1", "1", "1900"]) == dt.date(1900, 1, 1)
    assert born.clean([str(today.day), str(today.month), str(today.year)]) == today
    due = DatePartsField(label="Due date", window=DUE)
    assert due.clean([" 07 ", "3", str(today.year + 1)]) == dt.date(today.year + 1, 3, 7)
    with pytest.raises(forms.ValidationError, match="within the last year"):
        due.clean(["1", "1", str(today.year - 2)])


_numbers = st.integers(min_value=-(10**25), max_value=10**25).map(str)
_part = st.one_of(st.none(), st.text(max_size=30), _numbers, _numbers.map(lambda n: f" {n}\u00a0"))


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.tuples(_part, _part, _part))
def test_date_parts_raise_nothing_but_validation_error(parts):
    """Whatever is typed in the three boxes, the field returns a date, None, or a ValidationError."""
    for window in (BIRTH, DUE):
        field = DatePartsField(label="Date", window=window, required=False)
        try:
            value = field.clean(parts)
        except forms.ValidationError:
            continue
        assert value is None or isinstance(value, dt.date)
