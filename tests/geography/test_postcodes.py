"""Parsing UK postcodes: the format rules, case and spacing, and the two kinds of error."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from connected.core.postcodes import (
    InvalidPostcode,
    PostcodeError,
    is_valid,
    normalise,
    normalise_fast,
    outcode_of,
    parse,
)

FIRST, SECOND = "ABCDEFGHIJKLMNOPRSTUWYZ", "ABCDEFGHKLMNOPQRSTUVWXY"
THIRD, FOURTH, UNIT = "ABCDEFGHJKPSTUW", "ABEHMNPRVWXY", "ABDEFGHJLNPQRSTUWXYZ"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SW1A 1AA", "SW1A 1AA"),
        ("sw1a1aa", "SW1A 1AA"),
        ("  Sw1A    1aA ", "SW1A 1AA"),
        ("s w 1 a 1 a a", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),  # A9
        ("B33 8TH", "B33 8TH"),  # A99
        ("CR2 6XH", "CR2 6XH"),  # AA9
        ("DN55 1PT", "DN55 1PT"),  # AA99
        ("W1A 0AX", "W1A 0AX"),  # A9A
        ("EC1A 1BB", "EC1A 1BB"),  # AA9A
        ("gir0aa", "GIR 0AA"),  # Girobank
        ("NPT 0AD", "NPT 0AD"),  # legacy Newport
        ("W1M 0AA", "W1M 0AA"),  # terminated W1 district
        ("BS0 0AA", "BS0 0AA"),  # district 0
    ],
)
def test_full_postcodes_normalise_to_one_space_upper_case(text: str, expected: str) -> None:
    assert normalise(text) == expected
    assert normalise_fast(text) == expected
    assert parse(text).is_full


@pytest.mark.parametrize(
    ("text", "outcode"),
    [("SW1A", "SW1A"), ("m1", "M1"), ("b33", "B33"), ("w1a", "W1A"), ("EC1A", "EC1A"), (" dn55 ", "DN55")],
)
def test_outcodes_parse_alone(text: str, outcode: str) -> None:
    parsed = parse(text)
    assert parsed.outcode == outcode
    assert not parsed.is_full
    assert str(parsed) == outcode
    assert outcode_of(text) == outcode


@pytest.mark.parametrize(
    "text",
    [
        "XX",  # too short
        "Q1 1AA",  # Q never first
        "V1 1AA",  # V never first
        "AI1 1AA",  # I never second
        "AZ1 1AA",  # Z never second
        "W1L 1AA",  # L not allowed third in A9A
        "EC1C 1AA",  # C not allowed fourth in AA9A
        "SW1A 1CA",  # C never in the unit
        "SW1A 1AI",  # I never in the unit
        "SW1A 1A",  # unit too short
        "SW1A 1AAA",  # too long
        "SW1A A1A",  # inward code shape
        "123 4AB",
        "SW1A-1AA",  # punctuation
        "SW1A 1AA;",
        "ABCDE",
    ],
)
def test_malformed_text_is_not_a_postcode(text: str) -> None:
    with pytest.raises(InvalidPostcode, match="is not a UK postcode"):
        parse(text)
    assert not is_valid(text)
    assert normalise_fast(text) is None


def test_empty_text_asks_for_a_postcode() -> None:
    with pytest.raises(InvalidPostcode, match=r"^Enter a postcode"):
        parse("   ")


def test_outcode_alone_is_not_a_full_postcode() -> None:
    with pytest.raises(InvalidPostcode, match="only the first part"):
        normalise("SW1A")


def test_errors_are_value_errors_with_a_message() -> None:
    with pytest.raises(PostcodeError) as caught:
        parse("nonsense text")
    assert isinstance(caught.value, ValueError)
    assert caught.value.message == str(caught.value)
    assert "SW1A 1AA" in caught.value.message  # it shows an example of what to type


def test_long_input_is_trimmed_in_the_message() -> None:
    with pytest.raises(InvalidPostcode) as caught:
        parse("x" * 500)
    assert len(str(caught.value)) < 150


def test_parts_of_a_postcode() -> None:
    parsed = parse("ec1a1bb")
    assert (parsed.area, parsed.outcode, parsed.sector, parsed.incode) == ("EC", "EC1A", "EC1A 1", "1BB")


def test_every_outcode_in_the_ons_file_parses() -> None:
    path = Path(settings.SHARED_DIR) / "data" / "postcodes" / "gb_outcode_centroids.csv"
    with open(path, newline="") as handle:
        outcodes = [row["outcode"] for row in csv.DictReader(handle)]
    assert len(outcodes) > 2900
    assert [o for o in outcodes if not is_valid(o)] == []


@st.composite
def postcodes(draw) -> str:
    """Well-formed postcodes drawn from the grammar, in normal form."""
    digit = st.sampled_from("0123456789")
    shape = draw(st.sampled_from(["A9", "A99", "AA9", "AA99", "A9A", "AA9A"]))
    out = draw(st.sampled_from(FIRST))
    if shape.startswith("AA"):
        out += draw(st.sampled_from(SECOND))
    out += draw(digit)
    if shape.endswith("99"):
        out += draw(digit)
    elif shape == "A9A":
        out += draw(st.sampled_from(THIRD))
    elif shape == "AA9A":
        out += draw(st.sampled_from(FOURTH))
    inward = draw(digit) + draw(st.sampled_from(UNIT)) + draw(st.sampled_from(UNIT))
    return f"{out} {inward}"


@given(postcodes(), st.lists(st.booleans(), min_size=8, max_size=8), st.integers(0, 3))
def test_any_valid_postcode_survives_case_and_spacing(postcode: str, lower: list[bool], spaces: int) -> None:
    squashed = postcode.replace(" ", "")
    typed = "".join(ch.lower() if lower[i % 8] else ch for i, ch in enumerate(squashed))
    typed = (" " * spaces).join(typed) if spaces else typed
    assert normalise(typed) == postcode
    assert parse(typed).outcode == postcode.split()[0]


@given(st.text(max_size=20))
def test_parse_accepts_or_says_why_and_is_idempotent(text: str) -> None:
    try:
        parsed = parse(text)
    except InvalidPostcode as error:
        assert str(error)
    else:
        assert parse(str(parsed)) == parsed
        assert str(parsed) == str(parsed).upper().strip()


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Lu", "Ll", "Nd", "Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=10
    )
)
def test_text_with_other_characters_is_never_a_postcode(noise: str) -> None:
    assert not is_valid("SW1A" + noise + "1AA")
