"""Area fixtures: slices of the real open data for Hartlepool and Darlington, a few activities, one scheme."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from connected.core.models import Organisation, Scheme
from connected.directory import models as d
from connected.directory.vocabulary import ACTIVITIES_TAXONOMY
from tests.casework.builders import cover

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "areas"  # see make_areas.py for the source
HARTLEPOOL, DARLINGTON = "E06000001", "E06000005"
# Real places: Hartlepool town centre, Seaton Carew, Darlington town centre; one far away in London.
PLACES = [
    ("Lunch club", 54.6856, -1.2105, ("lunch-club",)),
    ("Walking group", 54.6856, -1.2105, ("walking-group",)),
    ("Men's shed", 54.6595, -1.1830, ("mens-shed",)),
    ("Choir", 54.5236, -1.5535, ("choir", "arts-crafts")),
    ("Far away", 51.5074, -0.1278, ("choir",)),
]


def add_activity(name: str, lat: float, lon: float, types: tuple[str, ...], **service) -> d.Service:
    taxonomy, _ = d.Taxonomy.objects.get_or_create(name=ACTIVITIES_TAXONOMY)
    item = d.Service.objects.create(name=name, **service)
    place = d.Location.objects.create(name=f"{name} hall", latitude=lat, longitude=lon)
    d.ServiceAtLocation.objects.create(service=item, location=place)
    for code in types:
        term, _ = d.TaxonomyTerm.objects.get_or_create(code=code, taxonomy=taxonomy, defaults={"name": code})
        d.Attribute.objects.create(taxonomy_term=term, link_entity="service", link_id=item.id)
    return item


@pytest.fixture
def areas_world(db) -> None:
    for name, lat, lon, types in PLACES:
        add_activity(name, lat, lon, types)
    add_activity("Closed club", 54.6856, -1.2105, ("lunch-club",), status="defunct")
    organisation = Organisation.objects.create(name="Tees Valley Voluntary Action")
    cover(Scheme.objects.create(organisation=organisation, name="Hartlepool Connect"), HARTLEPOOL)
    call_command("import_areas", "--data-dir", str(FIXTURES), verbosity=0)
