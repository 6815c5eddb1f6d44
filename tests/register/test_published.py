"""Schemes are published by the ORUK API (UK profile schemas), harvested back as schemes, and read from CSV."""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone

from connected.casework import routing, services
from connected.casework.models import Referral
from connected.casework.waits import publish_waits, weeks_to_first_contact
from connected.directory import models as m
from connected.directory.importer import harvest
from connected.directory.register import SCHEME_TERM_ID, codes_for, coverage_of, covering, routes_of
from connected.directory.register_csv import import_register_csv
from connected.directory.register_documents import SchemeSpec
from connected.directory.register_services import register_feed, schemes_register
from tests.casework.builders import make_world, person_details, referral_details
from tests.directory_api.conftest import assert_valid

LEEDS = "E08000035"
FULL = SchemeSpec(
    key="headingley",
    name="Headingley Connect",
    organisation="Leeds North PCN",
    organisation_kind="pcn",
    areas=[("outcode", "LS6", "Headingley"), ("la", LEEDS, "Leeds"), ("pcn", "U12345", "Leeds North PCN")],
    routes={
        "self-referral": "https://headingley.example/refer-yourself",
        "web-form": "https://headingley.example/refer",
        "bars-fhir": "https://headingley.example/fhir",
        "email": "referrals@headingley.example",
        "phone": "01632 960123",
    },
    eligibility="Adults registered with a Leeds North practice.",
    minimum_age=18,
    languages=["English", "Urdu"],
    hours="MO,TU,WE,TH,FR 09:00-17:00",
)


def test_a_scheme_passes_the_profile_schemas_and_round_trips_through_the_importer(db, client, tmp_path):
    result = schemes_register([FULL])
    assert result.rejected == 0, [p.line() for p in result.problems]
    ours = m.Service.objects.get(feed=register_feed())
    listed = client.get(f"/api/services?taxonomy_term_id={SCHEME_TERM_ID}").json()
    assert [item["id"] for item in listed["contents"]] == [str(ours.id)]
    for item in listed["contents"]:
        assert_valid(item, "compiled/service_list.json")
    full = client.get(f"/api/services/{ours.id}").json()
    assert_valid(full, "compiled/service.json")
    uris = {area["uri"] for area in full["service_areas"]}
    assert f"http://statistics.data.gov.uk/id/statistical-geography/{LEEDS}" in uris
    # Another Connected harvests our API's document: the scheme arrives as a scheme it can route to.
    path = tmp_path / "register.json"
    path.write_text(json.dumps({"contents": [full]}))
    other = m.Feed.objects.create(name="Another register", kind="json", source=str(path))
    assert harvest(other).rejected == 0
    theirs = m.Service.objects.get(feed=other)
    assert theirs.scheme_id is not None and theirs.scheme_id != ours.scheme_id
    assert coverage_of([theirs.id])[theirs.id] == coverage_of([ours.id])[ours.id]
    assert routes_of([theirs.id])[theirs.id] == routes_of([ours.id])[ours.id]
    assert sorted(lang.name for lang in theirs.languages.all()) == ["English", "Urdu"]
    assert {c.scheme_id for c in covering(codes_for("LS6 1AA"))} == {ours.scheme_id, theirs.scheme_id}
    assert harvest(other).rejected == 0 and m.Service.objects.get(feed=other).scheme_id == theirs.scheme_id


CSV = """id,name,organisation,organisation_kind,areas,email,phone,minimum_age,maximum_age,languages,hours
york,York Connect,York CVS,charity,la:E06000014 outcode:YO1,referrals@york.example,01632 960001,18,,English;Polish,\
"MO,WE 10:00-16:00"
bad-area,Nowhere Scheme,Nobody,charity,la:W06000015,,,,,,
bad-age,Old Scheme,Somebody,council,outcode:YO10,,,65,40,,
bad-email,Mail Scheme,Mailers,other,outcode:YO24,not an email,,,,,
york,York Again,York CVS,charity,outcode:YO1,,,,,,
"""


def test_a_csv_register_imports_good_rows_and_reports_each_bad_one(db):
    feed = m.Feed.objects.create(name="Yorkshire register", kind="csv")
    result = import_register_csv(feed, CSV)
    lines = [p.line() for p in result.problems]
    assert any("bad-area" in line and "areas" in line and "W06000015" in line for line in lines), lines
    assert any("bad-age" in line and "minimum_age" in line for line in lines), lines
    assert any("york" in line and "appears twice" in line for line in lines), lines
    assert any(line.startswith("service bad-email: email:") for line in lines), lines  # the importer's own check
    york = m.Service.objects.get(feed=feed, name="York Connect")
    assert routing.route(postcode="YO1 7HH").scheme == york.scheme
    assert dict(routes_of([york.id])[york.id]) == {"email": "referrals@york.example", "phone": "01632 960001"}
    missing = import_register_csv(feed, "id,name\nx,y\n")
    assert missing.problems[0].field == "organisation, areas" and "missing" in missing.problems[0].problem
    assert m.Service.objects.filter(feed=feed).count() >= 1  # a header without the columns changed nothing


def test_the_current_wait_comes_from_casework_and_is_published(db, client):
    world = make_world()
    now = timezone.now()
    for n in range(5):
        made = services.referral_create(
            person=person_details(nhs_number="", given_name=f"Wait{n}"),
            referral=referral_details(),
            source="self",
            now=now - dt.timedelta(days=30),
        )
        Referral.objects.filter(pk=made.pk).update(first_contact_at=now - dt.timedelta(days=30 - 17 - n))
    assert weeks_to_first_contact([world.scheme_a.pk, world.scheme_b.pk]) == {
        world.scheme_a.pk: 3,
        world.scheme_b.pk: None,
    }
    assert publish_waits() == 1
    listing = world.scheme_a.listing
    body = client.get(f"/api/services/{listing.id}").json()
    waits = [a for a in body["attributes"] if a["taxonomy_term"]["code"] == "current-wait-weeks"]
    assert [a["value"] for a in waits] == ["3"]
    assert_valid(body, "compiled/service.json")
