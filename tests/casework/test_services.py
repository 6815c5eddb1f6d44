"""Intake services: validation naming the field with nothing saved, routing, duplicates, status history."""

from __future__ import annotations

import datetime as dt

import nhs_number
import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected.casework import routing, services
from connected.casework.models import Person, Referral, StatusChange
from connected.casework.validation import FieldError, IntakeError, clean_nhs_number, clean_postcode
from connected.core.models import AuditEvent, Organisation, Scheme

from .builders import cover, make_world, person_details, referral_details


@pytest.fixture
def world(db):
    return make_world()


def _counts():
    return Person.objects.count(), Referral.objects.count(), StatusChange.objects.count(), AuditEvent.objects.count()


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("nhs_number", "9434765918", "NHS number is not valid"),
        ("nhs_number", "12345", "NHS number must be 10 digits"),
        ("postcode", "ZZ99 QQQ", "Postcode"),
        ("postcode", "LS6", "first part of a postcode"),
        ("date_of_birth", dt.date.today() + dt.timedelta(days=1), "Date of birth must be in the past"),
        ("date_of_birth", dt.date(1850, 1, 1), "within the last 120 years"),
        ("given_name", "  ", "first name"),
    ],
)
def test_invalid_person_details_name_the_field_and_save_nothing(world, field, value, words):
    before = _counts()
    with pytest.raises(IntakeError) as raised:
        services.referral_create(
            person=person_details(**{field: value}),
            referral=referral_details(),
            source="gp",
            referrer=world.users["referrer"],
        )
    assert field in raised.value.errors
    assert words in raised.value.errors[field]
    assert _counts() == before


def test_referral_needs_consent_and_a_reason(world):
    before = _counts()
    with pytest.raises(IntakeError) as raised:
        services.referral_create(
            person=person_details(nhs_number="9434765870"),
            referral=referral_details(consent_given=False, needs=[], reason=""),
            source="gp",
            referrer=world.users["referrer"],
        )
    assert set(raised.value.errors) == {"consent_given", "reason"}
    assert _counts() == before


def test_routing_by_staff_scheme_then_register_coverage_and_never_a_default(world):
    lw_b = world.users["link_worker_b"]
    made = services.referral_create(
        person=person_details(nhs_number="", postcode="LS1 4AP"),
        referral=referral_details(),
        source="other",
        referrer=lw_b,
    )
    assert made.scheme == world.scheme_b  # a link worker refers into their own scheme
    made = services.referral_create(
        person=person_details(nhs_number="", postcode="M1 1AE", given_name="Bo"),
        referral=referral_details(),
        source="self",
    )
    assert made.scheme == world.scheme_b  # postcode area M
    made = services.referral_create(
        person=person_details(nhs_number="", postcode="SW1A 1AA", given_name="Cy"),
        referral=referral_details(),
        source="gp",
        referrer=world.users["referrer"],
    )
    assert made.scheme is None and made.person.scheme is None  # nobody covers SW: the unassigned queue
    with pytest.raises(routing.NotCovered):  # the public form may not leave it unassigned: it says so
        services.referral_create(
            person=person_details(nhs_number="", postcode="TR1 1AA", given_name="Ed"),
            referral=referral_details(),
            source="self",
            unassigned_ok=False,
        )
    outcode_scheme = cover(
        Scheme.objects.create(organisation=Organisation.objects.create(name="X"), name="Headingley"), "outcode:LS6"
    )
    made = services.referral_create(
        person=person_details(nhs_number="", postcode="LS6 1AA", given_name="Di"),
        referral=referral_details(),
        source="self",
    )
    assert made.scheme == outcode_scheme  # an outcode beats a postcode area


def test_duplicates_are_flagged_by_nhs_number_or_name_and_birth_date(world):
    first = world.records["own_scheme"]
    again = services.referral_create(
        person=person_details(), referral=referral_details(), source="gp", referrer=world.users["referrer"]
    )
    assert again.possible_duplicate_of == first
    assert again.person == first.person  # same NHS number in the same scheme: the same person record
    by_name = services.referral_create(
        person=person_details(nhs_number="", given_name="ADA"), referral=referral_details(), source="self"
    )
    assert by_name.possible_duplicate_of is not None
    other = services.referral_create(
        person=person_details(nhs_number="", given_name="Augusta"), referral=referral_details(), source="self"
    )
    assert other.possible_duplicate_of is None


def test_status_history_and_transitions(world):
    referral = world.records["own_scheme"]
    lw = world.users["link_worker"]
    services.referral_accept(referral=referral, by=lw)
    services.contact_record(referral=referral, by=lw, mode="phone", duration_minutes=20, notes="Good chat")
    services.conversation_record(referral=referral, by=lw, goals="To get out of the house more")
    closed = services.referral_close(referral=referral, by=lw, outcome="connected", notes="Joined a walking group")
    assert [c.status for c in closed.status_changes.all()] == [
        "received",
        "accepted",
        "contacted",
        "in_progress",
        "closed",
    ]
    assert closed.outcome == "connected" and closed.closed_at is not None and closed.first_contact_at is not None
    with pytest.raises(services.TransitionError):
        services.referral_accept(referral=closed, by=lw)


def test_declining_records_the_snomed_code_and_reason(world):
    referral = services.referral_decline(
        referral=world.records["own_scheme"], by=world.users["link_worker"], reason="out_of_area"
    )
    assert referral.status == "declined" and referral.snomed_code == "871711000000103"
    assert referral.decline_reason == "out_of_area"


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_nhs_number_check_agrees_with_modulus_11(digits):
    if nhs_number.is_valid(digits):
        assert clean_nhs_number(digits) == digits
        assert clean_nhs_number(f"{digits[:3]} {digits[3:6]}-{digits[6:]}") == digits
    else:
        with pytest.raises(FieldError):
            clean_nhs_number(digits)


@given(st.sampled_from(["9434765919", "9434765870", "9434765838"]), st.integers(0, 9), st.integers(1, 9))
def test_any_single_digit_error_is_caught(valid, position, shift):
    wrong = valid[:position] + str((int(valid[position]) + shift) % 10) + valid[position + 1 :]
    with pytest.raises(FieldError):
        clean_nhs_number(wrong)


@given(st.sampled_from(["LS6 1AA", "SW1A 1AA", "M1 1AE", "B33 8TH"]), st.booleans(), st.booleans())
def test_postcodes_normalise_whatever_the_case_and_spacing(postcode, lower, squash):
    typed = postcode.lower() if lower else postcode
    typed = typed.replace(" ", "") if squash else f"  {typed} "
    assert clean_postcode(typed) == postcode
