"""Community spaces: offered, reviewed, published as ORUK records that pass the schemas, found fairly."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from connected.core.models import Postcode
from connected.core.places import distance_km
from connected.public import fair_point, spaces
from connected.public.models import SpaceOffer
from tests.directory_api.conftest import assert_valid

MEMBERS = {"LS6 1AA": (53.820, -1.580), "LS9 8AB": (53.800, -1.510), "LS11 5AB": (53.775, -1.555)}
OFFER = {
    "venue": "St Mark's Church",
    "space": "Main hall",
    "kind": "hall",
    "address": "St Mark's Road",
    "town": "Leeds",
    "postcode": "LS2 9AA",
    "capacity": "60",
    "accessibility": ["step-free", "hearing-loop"],
    "hours": "Weekdays 9am to 5pm",
    "cost": "£12 an hour; free for groups supporting lonely people",
    "how_to_book": "Email the parish office with the date you would like",
    "email": "office@example.org",
}


def places() -> None:
    for code, (lat, lon) in {**MEMBERS, "LS2 9AA": (53.801, -1.548), "LS25 1AA": (53.77, -1.30)}.items():
        Postcode.objects.create(postcode=code, lat=lat, lon=lon, outcode=code.split()[0])


def offer_and_publish(client: Client, **changes) -> SpaceOffer:
    response = client.post("/spaces/offer/", OFFER | changes)
    assert response.status_code == 302, response.content.decode()[:2000]
    offer = SpaceOffer.objects.get(space=(OFFER | changes)["space"])
    spaces.space_publish(offer=offer)
    return offer


@pytest.mark.django_db
def test_an_offer_waits_for_review_then_is_found_fairly_and_published_to_oruk(client: Client):
    places()
    query = {"postcodes": "\n".join(MEMBERS), "capacity": "20"}
    client.post("/spaces/offer/", OFFER)
    assert "Main hall" not in client.get("/spaces/", query).content.decode()  # not until reviewed
    offer = SpaceOffer.objects.get()
    spaces.space_publish(offer=offer)
    offer_and_publish(client, space="Back room", postcode="LS25 1AA", capacity="80")  # far from everyone
    html = client.get("/spaces/", query).content.decode()
    assert html.index("Main hall") < html.index("Back room")  # the fair one first
    assert "Up to 60 people" in html and "Step-free access" in html and "Email the parish office" in html
    assert "Main hall" not in client.get("/spaces/", query | {"capacity": "61"}).content.decode()
    body = client.get(f"/api/services/{offer.service_id}").json()
    assert_valid(body, "service.json")
    location = body["service_at_locations"][0]["location"]
    assert {"capacity", "hall"} <= {a["taxonomy_term"]["code"] for a in location["attributes"]}
    assert body["application_process"] == OFFER["how_to_book"]


@pytest.mark.django_db
def test_a_bad_offer_names_each_field_and_saves_nothing(client: Client):
    response = client.post("/spaces/offer/", OFFER | {"capacity": "lots", "postcode": "LS2", "email": ""})
    html = response.content.decode()
    assert response.status_code == 400 and SpaceOffer.objects.count() == 0
    assert "must be a whole number, like 40" in html and "postcode area LS2" in html
    assert "Enter email address for bookings" in html


@pytest.mark.django_db
def test_the_group_form_asks_for_two_postcodes_and_names_a_bad_one(client: Client):
    places()
    assert "at least 2 postcodes" in client.get("/spaces/", {"postcodes": "LS6 1AA"}).content.decode()
    response = client.get("/spaces/", {"postcodes": "LS6 1AA, QQ1 1QQ"})
    assert response.status_code == 400 and "QQ1" in response.content.decode()


points = st.lists(st.tuples(st.floats(50.0, 55.5), st.floats(-5.0, 1.5)), min_size=1, max_size=8).filter(
    lambda ps: (
        max(p[0] for p in ps) - min(p[0] for p in ps) < 0.5 and max(p[1] for p in ps) - min(p[1] for p in ps) < 0.8
    )
)


@settings(max_examples=40, deadline=None)
@given(points)
def test_the_fair_point_is_no_worse_than_any_members_home_or_the_average(members):
    middle = fair_point.centre(members)
    worst = fair_point.furthest_km(middle, members)
    mean = (sum(p[0] for p in members) / len(members), sum(p[1] for p in members) / len(members))
    for candidate in [*members, mean]:
        assert worst <= fair_point.furthest_km(candidate, members) * 1.03 + 0.05
    assert worst >= max(distance_km(*a, *b) for a in members for b in members) / 2 - 0.05


@pytest.mark.django_db
def test_a_space_in_a_councils_oruk_feed_is_imported_and_found_like_one_offered_here(client: Client):
    from connected.directory import models as d
    from connected.directory.importer import import_services

    places()
    offer = offer_and_publish(client)
    published = client.get(f"/api/services/{offer.service_id}").json()
    d.Service.objects.all().delete()
    d.Location.objects.all().delete()
    SpaceOffer.objects.all().delete()
    assert "Main hall" not in client.get("/spaces/", {"postcodes": "\n".join(MEMBERS)}).content.decode()
    result = import_services(d.Feed.objects.create(name="Leeds spaces", kind=d.Feed.Kind.LOCAL), [published])
    assert not [p for p in result.problems if getattr(p, "severity", "error") == "error"], result.problems
    html = client.get("/spaces/", {"postcodes": "\n".join(MEMBERS), "capacity": "50"}).content.decode()
    assert "Main hall for community groups" in html and "Up to 60 people" in html


@pytest.mark.django_db
def test_the_demo_builder_publishes_spaces_at_demo_locations_and_leaves_some_for_review():
    from connected.demo import public as demo_public
    from tests.public.builders import leeds_directory

    leeds_directory()
    demo_public.demo(seed=3)
    offers = list(SpaceOffer.objects.all())
    assert len(offers) == 4  # one per demo location with a postcode
    assert {o.status for o in offers} <= {SpaceOffer.Status.PUBLISHED, SpaceOffer.Status.PENDING}
    published = [o for o in offers if o.service_id]
    assert published and all(o.email.endswith("@example.org") for o in offers)
    services = d_count()
    demo_public.demo(seed=3, if_empty=True)
    demo_public.demo(seed=3)  # a second run replaces the first
    assert SpaceOffer.objects.count() == 4 and d_count() == services


def d_count() -> tuple[int, int, int]:
    from connected.directory import models as d

    return d.Service.objects.count(), d.Location.objects.count(), d.Organization.objects.count()
