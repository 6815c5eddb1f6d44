"""locate(): exact postcode, outcode fallback, areas (approximate and exact), and the errors people see."""

from __future__ import annotations

import dataclasses
import random

import pytest
from django.core.management import call_command

from connected.core.models import LsoaCentroid, OutcodeCentroid, Postcode
from connected.core.places import (
    ATTRIBUTION,
    InvalidPostcode,
    Place,
    PostcodeError,
    UnknownPostcode,
    attribution,
    distance_km,
    locate,
    nearest_lsoa,
)

from .conftest import GEODATA, ONSPD

pytestmark = pytest.mark.django_db


def test_exact_postcode_in_any_case_and_spacing(geography) -> None:
    place = locate(" sw1a1aa ")
    assert isinstance(place, Place)
    assert (place.postcode, place.outcode, place.precision) == ("SW1A 1AA", "SW1A", "postcode")
    assert (place.latitude, place.longitude) == (51.50101, -0.14156)  # the ONS file's figures
    assert place.query == "sw1a1aa"
    assert place.label == "SW1A 1AA"
    assert not place.approximate
    assert place.note == ""


def test_area_from_the_nearest_lsoa_is_flagged_approximate(geography) -> None:
    place = locate("SW1A 1AA")
    assert place.approximate_area is True
    assert place.lsoa_code.startswith("E01")
    assert (place.local_authority_code, place.local_authority_name, place.region) == (
        "E09000033",
        "Westminster",
        "London",
    )
    assert locate("CF10 1EP").region == "Wales"
    assert locate("LS1 4AP").local_authority_name == "Leeds"


def test_scottish_postcode_is_placed_but_gets_no_english_area(geography) -> None:
    place = locate("EH99 1SP")
    assert place.precision == "postcode"
    assert (place.lsoa_code, place.local_authority_code, place.approximate_area) == (None, None, False)


def test_outcode_alone_falls_back_to_its_centroid(geography) -> None:
    centroid = OutcodeCentroid.objects.get(pk="SW1A")
    place = locate("sw1a")
    assert (place.precision, place.postcode, place.outcode) == ("outcode", None, "SW1A")
    assert (place.latitude, place.longitude) == (centroid.lat, centroid.lon)
    assert place.approximate
    assert place.approximate_area
    assert place.label == "SW1A"
    assert "centre of SW1A" in place.note


def test_unknown_postcode_with_a_known_outcode_says_it_is_approximate(geography) -> None:
    place = locate("SW1A 9ZZ")
    assert (place.precision, place.postcode, place.outcode) == ("outcode", "SW1A 9ZZ", "SW1A")
    assert place.note == "We could not place SW1A 9ZZ exactly, so distances are from the centre of SW1A."
    assert place.label == "SW1A"


def test_postcode_without_a_position_and_no_outcode_is_not_found(geography) -> None:
    with pytest.raises(UnknownPostcode, match="We could not find the postcode GIR 0AA"):
        locate("GIR 0AA")  # in the ONS file, but with no coordinates


def test_unknown_outcode_is_not_found(geography) -> None:
    with pytest.raises(UnknownPostcode, match="We could not find the postcode area ZE9"):
        locate("ZE9")
    with pytest.raises(UnknownPostcode, match="ZE9 9ZZ or the area ZE9"):
        locate("ze9 9zz")


@pytest.mark.parametrize("text", ["", "hello", "SW1A 1CA", "12345", "SW1A1AAA"])
def test_malformed_text_is_not_a_postcode(geography, text: str) -> None:
    with pytest.raises(InvalidPostcode) as caught:
        locate(text)
    assert isinstance(caught.value, PostcodeError)
    assert "SW1A 1AA" in str(caught.value)


def test_place_is_frozen(geography) -> None:
    place = locate("M1 1AE")
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.latitude = 0.0  # type: ignore[misc]


def test_exact_area_from_the_ons_postcode_directory(geography) -> None:
    call_command("import_postcodes", str(ONSPD), "--data-dir", str(GEODATA), "--no-reference", verbosity=0)
    place = locate("SW1A 1AA")
    assert place.approximate_area is False
    assert (place.lsoa_code, place.local_authority_code) == ("E01004736", "E09000033")
    assert (place.local_authority_name, place.region) == ("Westminster", "London")
    assert place.imd_decile == 6  # rank 17,000 of 32,844 English LSOAs
    leeds = locate("LS1 4AP")  # pseudo local authority code in the file: named from its LSOA instead
    assert (leeds.local_authority_code, leeds.local_authority_name, leeds.approximate_area) == (
        "E08000035",
        "Leeds",
        False,
    )


def test_nearest_lsoa_agrees_with_a_search_of_every_centroid(geography) -> None:
    everything = list(LsoaCentroid.objects.all())
    assert len(everything) > 100
    rng = random.Random(4)
    for _ in range(40):
        lat, lon = 51.50 + rng.uniform(-0.03, 0.03), -0.14 + rng.uniform(-0.05, 0.05)
        brute = min(everything, key=lambda r: distance_km(lat, lon, r.lat, r.lon))
        assert nearest_lsoa(lat, lon).code == brute.code


def test_nearest_lsoa_gives_up_far_from_any_centroid(geography) -> None:
    assert nearest_lsoa(57.0, -5.0) is None  # the Highlands: no English or Welsh LSOA within 25 km


def test_attribution_names_every_source() -> None:
    for source in ("Office for National Statistics", "Open Government Licence", "OS data", "Royal Mail", "GeoPlace"):
        assert source in attribution()
    assert attribution() == ATTRIBUTION


def test_split_london_district_is_placed_at_the_mean_of_its_parts(geography) -> None:
    OutcodeCentroid.objects.bulk_create(
        [
            OutcodeCentroid(outcode="EC1A", lat=51.52, lon=-0.10, n_postcodes=300),
            OutcodeCentroid(outcode="EC1M", lat=51.52, lon=-0.12, n_postcodes=100),
            OutcodeCentroid(outcode="EC10", lat=60.0, lon=0.0, n_postcodes=1),  # not a part of EC1
        ]
    )
    place = locate("ec1")
    assert (place.outcode, place.precision, place.postcode) == ("EC1", "outcode", None)
    assert (place.latitude, place.longitude) == (51.52, -0.105)
    assert locate("EC1 1ZZ").note == "We could not place EC1 1ZZ exactly, so distances are from the centre of EC1."


def test_postcode_held_without_a_position_falls_back_to_its_outcode(geography) -> None:
    Postcode.objects.create(postcode="SW1A 2ZZ", outcode="SW1A", lat=None, lon=None)
    place = locate("SW1A 2ZZ")
    assert (place.precision, place.postcode, place.outcode) == ("outcode", "SW1A 2ZZ", "SW1A")
