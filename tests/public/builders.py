"""Small directory records for the public pages' tests, made through the real models."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

from connected.directory.models import (
    Accessibility,
    Address,
    Attribute,
    CostOption,
    Feed,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from connected.directory.vocabulary import ACCESSIBILITY, ACCESSIBILITY_TAXONOMY, ACTIVITIES, ACTIVITIES_TAXONOMY


def term(code: str) -> TaxonomyTerm:
    """The Connected taxonomy term for a vocabulary code (created on first use)."""
    for taxonomy_name, terms in ((ACTIVITIES_TAXONOMY, ACTIVITIES), (ACCESSIBILITY_TAXONOMY, ACCESSIBILITY)):
        match = next((t for t in terms if t.code == code), None)
        if match:
            taxonomy, _ = Taxonomy.objects.get_or_create(name=taxonomy_name)
            found, _ = TaxonomyTerm.objects.get_or_create(
                code=code, taxonomy=taxonomy, defaults={"name": match.label, "taxonomy_name": taxonomy_name}
            )
            return found
    raise ValueError(code)


def make_service(
    name: str,
    *,
    latitude: float,
    longitude: float,
    postcode: str = "LS1 4AP",
    byday: str = "TU",
    freq: str = "WEEKLY",
    opens: time = time(10),
    closes: time = time(12),
    amount: Decimal | None = Decimal("0"),
    activity: str = "walking-group",
    access: tuple[str, ...] = ("step-free",),
    feed: Feed | None = None,
    status: str = Service.Status.ACTIVE,
    description: str = "A friendly group. Everyone is welcome.",
) -> Service:
    organisation = Organization.objects.create(name=f"{name} Trust", website="https://example.org/")
    service = Service.objects.create(
        name=name,
        organization=organisation,
        description=description,
        application_process="Just turn up, or call first if you'd like someone to meet you.",
        minimum_age=18,
        email="hello@example.org",
        url="https://example.org/walks",
        status=status,
        feed=feed,
        source_id=name if feed else "",
    )
    location = Location.objects.create(name=f"{name} Hall", latitude=latitude, longitude=longitude)
    Address.objects.create(location=location, address_1="1 Park Lane", city="Leeds", postal_code=postcode)
    Accessibility.objects.create(location=location, description="Ramp at the side entrance")
    sal = ServiceAtLocation.objects.create(service=service, location=location)
    Schedule.objects.create(service=service, freq=freq, byday=byday, opens_at=opens, closes_at=closes)
    if amount is not None:
        CostOption.objects.create(service=service, amount=amount, amount_description="per session" if amount else "")
    Phone.objects.create(service=service, number="0113 496 0000")
    Attribute.objects.create(taxonomy_term=term(activity), link_entity="service", link_id=service.id)
    for code in access:
        Attribute.objects.create(taxonomy_term=term(code), link_entity="location", link_id=location.id)
    service.sal = sal  # type: ignore[attr-defined]
    return service


# LS1 4AP placed here for the tests; the services sit at known distances from it.
HOME = (53.7960, -1.5470)


def leeds_directory() -> dict[str, Service]:
    """Four activities around LS1 4AP: 1 km north (free, Tuesday), 2 km east (paid, Thursday),
    3 km south (free, Monday evening) and one in Whitby, far outside any radius offered."""
    from connected.core.models import OutcodeCentroid, Postcode

    Postcode.objects.create(postcode="LS1 4AP", lat=HOME[0], lon=HOME[1], outcode="LS1")
    OutcodeCentroid.objects.create(outcode="LS1", lat=53.7975, lon=-1.5450, n_postcodes=100)
    services = {
        "walk": make_service("Park walk", latitude=53.8050, longitude=HOME[1], byday="TU", amount=Decimal("0")),
        "lunch": make_service(
            "Lunch club",
            latitude=HOME[0],
            longitude=-1.5165,
            byday="TH",
            opens=time(12),
            closes=time(14),
            amount=Decimal("3.00"),
            activity="lunch-club",
            access=(),
        ),
        "choir": make_service(
            "Community choir",
            latitude=53.7690,
            longitude=HOME[1],
            byday="MO",
            opens=time(19),
            closes=time(21),
            activity="choir",
            access=("hearing-loop",),
        ),
        "far": make_service("Whitby walk", latitude=54.486, longitude=-0.615, byday="TU"),
    }
    refresh_search_index()
    return services


def refresh_search_index() -> None:
    from connected.directory import search

    refresh = getattr(search, "refresh_index", None)
    if refresh is not None:
        refresh()
