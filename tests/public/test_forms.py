"""The finder form: each bad parameter gets a message naming the problem; good ones become a search."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from hypothesis import given, settings
from hypothesis import strategies as st

from connected.core.models import Postcode
from connected.public.forms import FINDER_FIELDS, TOO_LONG, FinderForm


def form(query: str) -> FinderForm:
    f = FinderForm(QueryDict(query))
    f.is_valid()
    return f


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("delivery=online&day=XX", "day", "Select days from the list"),
        ("delivery=online&distance=7", "distance", "Select a distance from the list"),
        ("delivery=online&activity=knitting-circus", "activity", "Select activity types from the list"),
        ("delivery=online&access=teleport", "access", "Select accessibility needs from the list"),
        ("delivery=online&time=midnight", "time", "Select a time of day from the list"),
        ("delivery=carrier-pigeon", "delivery", "Select how you would like to take part from the list"),
        ("delivery=online&page=0", "page", "Page must be 1 or more"),
        ("delivery=online&age=old", "age", "Age must be a number, like 67"),
        ("delivery=online&age=130", "age", "Age must be 120 or less"),
        ("delivery=online&page=two", "page", "Page must be a whole number"),
        ("postcode=", "postcode", "Enter a postcode or the first part of one, like LS1 4AP or LS1"),
        ("postcode=" + "A" * 41, "postcode", TOO_LONG),
    ],
)
def test_each_bad_parameter_gets_a_clear_message(query, field, message):
    f = form(query)
    assert f.errors[field] == [message]
    anchor = "finder" if field == "page" else field
    assert {"text": message, "href": f"#{anchor}"} in f.error_list()


def test_online_or_phone_searches_need_no_postcode():
    f = form("delivery=online&delivery=phone&q=choir&day=TU&day=TH&time=evening&free=1")
    assert f.is_valid(), f.errors
    assert f.cleaned_data["day"] == ["TU", "TH"]
    assert f.cleaned_data["distance"] == 5
    assert f.cleaned_data["page"] == 1
    assert f.place is None


@pytest.mark.django_db
def test_postcode_is_tidied_and_placed():
    Postcode.objects.create(postcode="LS1 4AP", lat=53.796, lon=-1.547, outcode="LS1")
    f = form("postcode=%20ls1%20%204ap%20")
    assert f.is_valid(), f.errors
    assert f.cleaned_data["postcode"] == "LS1 4AP"
    assert (f.place.latitude, f.place.longitude, f.place.precision) == (53.796, -1.547, "postcode")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("NOT A POSTCODE", "is not a UK postcode"),
        ("LS99 9ZZ", "We could not find the postcode LS99 9ZZ"),
    ],
)
def test_malformed_or_unknown_postcodes_are_named(postcode, message):
    f = form(f"postcode={postcode}")
    assert not f.is_valid()
    assert message in f.errors["postcode"][0]


def test_an_unbound_form_is_not_a_search():
    assert not FinderForm().is_search()
    assert FinderForm(QueryDict("postcode=LS1")).is_search()
    assert not FinderForm(QueryDict("utm_source=leaflet")).is_search()


values = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from([f for f in FINDER_FIELDS if f != "postcode"]), values, max_size=6))
def test_any_parameters_give_a_valid_form_or_named_errors(params):
    """Whatever a URL carries, the form either validates or names each field it rejects; it never raises."""
    query = QueryDict(mutable=True)
    query.update(params)
    query["delivery"] = "online"
    f = FinderForm(query)
    if not f.is_valid():
        assert set(f.errors) <= set(FINDER_FIELDS)
        assert all(item["text"] for item in f.error_list())
