"""Small, explicit builders for directory rows: every child table filled, values the schemas can check."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

from connected.directory import models as m

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def taxonomy_with_terms(name: str = "Activities", codes: tuple[str, ...] = ("walking", "singing", "reading")):
    taxonomy = m.Taxonomy.objects.create(
        name=name, description=f"{name} we list", uri="https://example.org/tax", version="1"
    )
    parent = m.TaxonomyTerm.objects.create(code=f"{name}-all", name=f"All {name.lower()}", taxonomy=taxonomy)
    terms = [
        m.TaxonomyTerm.objects.create(
            code=code, name=code.title(), description=f"{code} groups", taxonomy=taxonomy, parent=parent,
            term_uri=f"https://example.org/tax/{code}", language="en",
        )
        for code in codes
    ]  # fmt: skip
    return taxonomy, terms


def tag(term: m.TaxonomyTerm, entity: str, row) -> m.Attribute:
    return m.Attribute.objects.create(taxonomy_term=term, link_entity=entity, link_id=row.id, link_type="category")


def organization(i: int = 0, **fields) -> m.Organization:
    values = {
        "name": f"Community Trust {i}",
        "description": f"A charity that runs groups, number {i}.",
        "email": f"hello{i}@trust.example.org",
        "website": f"https://trust{i}.example.org",
        "legal_status": "Charity",
        "year_incorporated": 1990 + i,
    } | fields
    org = m.Organization.objects.create(**values)
    m.OrganizationIdentifier.objects.create(
        organization=org, identifier_scheme="GB-CHC", identifier_type="Charity number", identifier=str(100000 + i)
    )
    m.Phone.objects.create(organization=org, number=f"0113 496 {i:04d}", type="voice")
    m.Funding.objects.create(organization=org, source="The National Lottery Community Fund")
    return org


def service(
    org: m.Organization | None,
    i: int = 0,
    *,
    terms: tuple[m.TaxonomyTerm, ...] = (),
    byday: str = "TU",
    opens: time | None = time(10, 0),
    closes: time | None = time(12, 0),
    latitude: float | None = 53.8,
    longitude: float | None = -1.55,
    **fields,
) -> m.Service:
    """A service with one location and one of every child, sessions on `byday` from `opens` to `closes`."""
    values = {
        "organization": org,
        "name": f"Walking group {i}",
        "alternate_name": f"Walk {i}",
        "description": f"A friendly walk around the park, week {i}.",
        "url": f"https://walks.example.org/{i}",
        "email": f"walk{i}@walks.example.org",
        "status": "active",
        "application_process": "Just turn up.",
        "fees_description": "Free, donations welcome",
        "eligibility_description": "Adults",
        "minimum_age": 18,
        "maximum_age": 99,
        "assured_date": date(2025, 1, 31),
        "assurer_email": "checks@example.org",
        "last_modified": datetime(2025, 2, 1, 9, 30, tzinfo=UTC),
    } | fields
    svc = m.Service.objects.create(**values)
    location = m.Location.objects.create(
        organization=org, name=f"Park pavilion {i}", description="By the lake", latitude=latitude, longitude=longitude,
        external_identifier=f"1000{i}", external_identifier_type="UPRN",
    )  # fmt: skip
    sal = m.ServiceAtLocation.objects.create(service=svc, location=location, description="Meet at the cafe")
    m.Address.objects.create(
        location=location, address_1=f"{i} Park Road", city="Leeds", state_province="West Yorkshire",
        postal_code="LS1 1AA", country="GB",
    )  # fmt: skip
    m.Accessibility.objects.create(location=location, description="Step-free", details="Ramp at the side door")
    contact = m.Contact.objects.create(
        service=svc, name="Sam Organiser", title="Volunteer lead", email="sam@example.org"
    )
    phone = m.Phone.objects.create(contact=contact, number="0113 496 0000", type="voice")
    m.Language.objects.create(phone=phone, name="Welsh", code="cy")
    m.Phone.objects.create(service=svc, number="0113 496 0001", extension="12", description="Bookings")
    m.Phone.objects.create(location=location, number="0113 496 0002")
    m.Language.objects.create(service=svc, name="English", code="en")
    m.Language.objects.create(location=location, name="Polish", code="pl", note="On Tuesdays")
    m.Schedule.objects.create(
        service=svc, freq="WEEKLY", interval=1, byday=byday, opens_at=opens, closes_at=closes,
        valid_from=date(2025, 1, 1), dtstart=date(2025, 1, 7), description="Every week", attending_type="In person",
    )  # fmt: skip
    m.Schedule.objects.create(
        service_at_location=sal, freq="MONTHLY", byday="1SA", opens_at=time(9), closes_at=time(9, 45)
    )
    m.CostOption.objects.create(service=svc, option="Tea", amount=Decimal("1.50"), amount_description="per cup")
    m.CostOption.objects.create(service=svc, option="Walk", amount=Decimal("0"), valid_to=date(2026, 12, 31))
    m.ServiceArea.objects.create(service=svc, name="Leeds", extent_type="geojson")
    m.Funding.objects.create(service=svc, source="Leeds City Council")
    for term in terms:
        tag(term, "service", svc)
    return svc
