"""Small, seeded directories for search tests: every field search looks at, varied on purpose."""

from __future__ import annotations

import random
import uuid
from datetime import date, time
from decimal import Decimal

from connected.directory import models as m
from connected.directory.vocabulary import (
    ACCESSIBILITY,
    ACCESSIBILITY_TAXONOMY,
    ACTIVITIES,
    ACTIVITIES_TAXONOMY,
    NEEDS,
    NEEDS_TAXONOMY,
)

CENTRE = (53.8, -1.55)  # Leeds
WORDS = {
    "walking-group": ("Walking group", "Gentle led walks around the park, then a cup of tea."),
    "choir": ("Community choir", "Singing together every week; no experience needed, all voices welcome."),
    "lunch-club": ("Lunch club", "A hot two-course lunch and good company for older people."),
    "arts-crafts": ("Crafts circle", "Knitting, painting and crafts in a friendly group."),
    "gardening": ("Community garden", "Gardening in raised beds; grow vegetables and make friends."),
    "coffee-morning": ("Coffee morning", "Drop in for coffee, cake and a chat."),
    "digital-skills": ("Get online", "Help with phones, tablets and computers."),
    "telephone-friendship": ("Telephone friends", "A friendly phone call every week from a volunteer."),
}
PLACES = ("Headingley", "Chapel Allerton", "Armley", "Roundhay", "Horsforth", "Beeston", "Kirkstall", "Seacroft")


def uid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def vocabulary_terms() -> dict[str, m.TaxonomyTerm]:
    """Our taxonomies' terms by code, created once per test."""
    out: dict[str, m.TaxonomyTerm] = {}
    for name, terms in (
        (ACTIVITIES_TAXONOMY, ACTIVITIES),
        (NEEDS_TAXONOMY, NEEDS),
        (ACCESSIBILITY_TAXONOMY, ACCESSIBILITY),
    ):
        taxonomy = m.Taxonomy.objects.create(name=name)
        for t in terms:
            out[t.code] = m.TaxonomyTerm.objects.create(
                code=t.code, name=t.label, taxonomy=taxonomy, taxonomy_name=name
            )
    return out


def add_service(
    feed: m.Feed,
    terms: dict[str, m.TaxonomyTerm],
    *,
    name: str,
    description: str = "",
    point: tuple[float, float] | None = None,
    activity: str = "coffee-morning",
    needs: tuple[str, ...] = (),
    access: tuple[str, ...] = (),
    byday: str = "TU",
    freq: str = "WEEKLY",
    opens: time | None = time(10),
    closes: time | None = time(12),
    attending: str = "In person",
    price: Decimal | None = Decimal("0"),
    ages: tuple[int | None, int | None] = (None, None),
    status: str = "active",
    location_name: str = "Community Centre",
    postcode: str = "LS6 1AA",
    rng: random.Random | None = None,
) -> m.Service:
    """One service with a session, a cost and terms; `rng` makes its ids reproducible."""
    ids = (lambda: uid(rng)) if rng else uuid.uuid4
    org, _ = m.Organization.objects.get_or_create(name=f"{name} Trust", defaults={"id": ids()})
    service = m.Service.objects.create(
        id=ids(),
        feed=feed, source_id=uuid.uuid4().hex, organization=org, name=name, description=description, status=status,
        minimum_age=ages[0], maximum_age=ages[1], fees_description="Free" if price == 0 else "",
    )  # fmt: skip
    if point:
        location = m.Location.objects.create(id=ids(), name=location_name, latitude=point[0], longitude=point[1])
        m.Address.objects.create(location=location, address_1="1 High Street", city="Leeds", postal_code=postcode)
        m.ServiceAtLocation.objects.create(service=service, location=location)
        for code in access:
            m.Attribute.objects.create(taxonomy_term=terms[code], link_entity="location", link_id=location.id)
    m.Schedule.objects.create(
        service=service, freq=freq, byday=byday, opens_at=opens, closes_at=closes, attending_type=attending,
        dtstart=date(2025, 1, 6), valid_from=date(2025, 1, 6),
    )  # fmt: skip
    if price is not None:
        m.CostOption.objects.create(service=service, option="Per session", amount=price)
    for code in (activity, *needs):
        m.Attribute.objects.create(taxonomy_term=terms[code], link_entity="service", link_id=service.id)
    return service


def random_directory(seed: int, count: int) -> list[m.Service]:
    """`count` services scattered within ~25 km of Leeds, some online or by phone, some duplicated across feeds."""
    rng = random.Random(seed)
    terms = vocabulary_terms()
    feeds = [m.Feed.objects.create(name=f"Feed {i}", priority=10 * i) for i in range(3)]
    services = []
    access_codes = [t.code for t in ACCESSIBILITY]
    need_codes = [t.code for t in NEEDS]
    for i in range(count):
        activity = rng.choice(sorted(WORDS))
        label, text = WORDS[activity]
        place = rng.choice(PLACES)
        remote = activity in ("telephone-friendship", "digital-skills") and rng.random() < 0.5
        point = None if remote else (CENTRE[0] + rng.uniform(-0.22, 0.22), CENTRE[1] + rng.uniform(-0.36, 0.36))
        start = rng.choice((9, 10, 11, 13, 14, 18))
        byday = rng.choice(("MO", "TU", "WE", "TH", "FR", "SA", "SU", "TU,TH", "2MO", "-1FR"))
        service = add_service(
            rng.choice(feeds), terms,
            name=f"{place} {label}" if rng.random() < 0.8 else f"{label} {i}",
            description=text + (" Step-free venue." if rng.random() < 0.2 else ""),
            point=point,
            activity=activity,
            needs=tuple(rng.sample(need_codes, k=rng.randint(0, 2))),
            access=tuple(rng.sample(access_codes, k=rng.randint(0, 3))),
            byday=byday,
            freq="MONTHLY" if byday[0] in "2-" else "WEEKLY",
            opens=time(start, rng.choice((0, 30))),
            closes=time(start + rng.choice((1, 2)), 0),
            attending=("Phone call" if activity == "telephone-friendship" else "Online (Zoom)")
            if remote
            else "In person",
            price=rng.choice((Decimal("0"), Decimal("0"), Decimal("2.50"), None)),
            ages=rng.choice(((None, None), (18, None), (50, None), (16, 25), (None, 11))),
            status="active" if rng.random() > 0.05 else "inactive",
            location_name=f"{place} {rng.choice(('Library', 'Community Centre', 'Park', 'Church Hall'))}",
            rng=rng,
        )  # fmt: skip
        services.append(service)
    # A few cross-feed duplicates of located services, folded into their canonical listing.
    for original in rng.sample([s for s in services if s.service_at_locations.exists()], k=max(1, count // 20)):
        copy = m.Service.objects.create(
            feed=next(f for f in feeds if f.id != original.feed_id),
            source_id=uid(rng).hex,
            name=original.name.upper(),
            duplicate_of=original,
        )
        services.append(copy)
    return services
