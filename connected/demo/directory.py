"""Seeded, realistic Open Referral UK services for the demo directory and the search benchmark.

`generate_services(count, seed, feeds=...)` yields service dicts in exactly
the shape an ORUK API publishes for `/services/{id}` (organisation, locations
with addresses, accessibility and attributes, schedules, cost options,
languages, contacts), so demo data goes through the same importer as a real
feed. `generate_listings` yields the same with the council area each belongs
to. Everything is fictional except places: venues sit at real postcodes with
their real coordinates; phone numbers are in Ofcom's drama range (01632 960xxx)
and email addresses are @example.org.

The stream depends only on the seed and the areas chosen: the first N
services are the same whatever count is asked for. A small share of
activities near a council boundary is listed again by the neighbouring
council's feed, with its own ids, as real directories do.
"""

from __future__ import annotations

import itertools
import pickle
import random
import re
import uuid
from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import NamedTuple

from connected.demo import activities as words
from connected.demo import sessions
from connected.demo.activities import PROFILES, AgeRule, Profile
from connected.demo.councils import AREAS, Area, district_postcodes, resolve_areas
from connected.directory.vocabulary import (
    ACCESSIBILITY,
    ACCESSIBILITY_TAXONOMY,
    ACTIVITIES,
    ACTIVITIES_TAXONOMY,
    DAY_NAMES,
    NEEDS,
    NEEDS_TAXONOMY,
    Delivery,
    Term,
)

__all__ = ["AREAS", "Listing", "generate_listings", "generate_services", "taxonomy_id", "term_id"]

NAMESPACE = uuid.UUID("6f1c8f2e-3d0a-5b7c-9e41-2a6b8c0d4e17")
DUPLICATE_SHARE = 0.05  # of services in an area with a neighbouring feed
_TERMS = {
    ACTIVITIES_TAXONOMY: {t.code: t for t in ACTIVITIES},
    NEEDS_TAXONOMY: {t.code: t for t in NEEDS},
    ACCESSIBILITY_TAXONOMY: {t.code: t for t in ACCESSIBILITY},
}


class Listing(NamedTuple):
    area: Area
    service: dict
    relist_of: str | None = None  # for the same activity listed again by a neighbour: the first listing's id


def taxonomy_id(taxonomy: str) -> str:
    """A stable id for one of our vocabularies, the same in every feed and every run."""
    return str(uuid.uuid5(NAMESPACE, taxonomy))


def term_id(taxonomy: str, code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{taxonomy}/{code}"))


def generate_services(count: int, seed: int = 1, feeds: Iterable[str] | str | None = None) -> Iterator[dict]:
    """`count` ORUK service dicts across the chosen areas (keys, councils or feed names; None for all)."""
    for listing in generate_listings(count, seed, feeds):
        yield listing.service


def generate_listings(
    count: int, seed: int = 1, feeds: Iterable[str] | str | None = None, duplicate_share: float = DUPLICATE_SHARE
) -> Iterator[Listing]:
    """Like generate_services, with the area (and so the feed) each service is published by."""
    if count < 0:
        raise ValueError("count must not be negative")
    return itertools.islice(_Generator(seed, resolve_areas(feeds), duplicate_share).stream(), count)


def _term_dict(taxonomy: str, code: str) -> dict:
    term: Term = _TERMS[taxonomy][code]
    return {
        "id": term_id(taxonomy, code),
        "code": code,
        "name": term.label,
        "description": term.description or term.label,
        "taxonomy": taxonomy,
        "taxonomy_id": taxonomy_id(taxonomy),
    }


_TERM_DICTS = {(taxonomy, code): _term_dict(taxonomy, code) for taxonomy, terms in _TERMS.items() for code in terms}


def term_document(taxonomy: str, code: str) -> dict:
    """One of our vocabulary's terms as an ORUK `taxonomy_term` object (a fresh copy)."""
    return dict(_TERM_DICTS[(taxonomy, code)])


def _clone(value: dict) -> dict:
    """A fresh copy of a cached venue or organisation, so callers may change what they are given."""
    return pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))  # noqa: S301 - our own objects


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _Generator:
    def __init__(self, seed: int, areas: tuple[Area, ...], duplicate_share: float) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
        self.areas = areas
        self.area_weights = list(itertools.accumulate(a.population for a in areas))
        self.profile_weights = list(itertools.accumulate(p.weight for p in PROFILES))
        self.duplicate_share = duplicate_share
        self.postcodes = district_postcodes()
        self.venues: dict[tuple[str, str], dict] = {}
        self.orgs: dict[tuple[str, str], dict] = {}
        self.relisted_ids: dict[str, dict[str, str]] = {}

    def uuid(self) -> str:
        h = f"{self.rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"

    def pick(self, weighted: tuple[tuple[object, int], ...]):
        return self.rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]

    def phone(self) -> str:
        return f"01632 960{self.rng.randrange(1000):03d}"

    def stream(self) -> Iterator[Listing]:
        chosen = {a.key for a in self.areas}
        while True:
            area = self.rng.choices(self.areas, cum_weights=self.area_weights)[0]
            service = self.service(area)
            yield Listing(area, service)
            neighbours = [n for n in area.neighbours if n in chosen]
            if neighbours and self.rng.random() < self.duplicate_share:
                neighbour = AREAS[self.rng.choice(neighbours)]
                yield Listing(neighbour, self.relist(service, neighbour), service["id"])

    # One service ---------------------------------------------------------------------------------------------

    def service(self, area: Area) -> dict:
        rng = self.rng
        profile: Profile = rng.choices(PROFILES, cum_weights=self.profile_weights)[0]
        outcode, district = rng.choice(area.districts)
        delivery = self.pick(profile.delivery)
        service_id = self.uuid()
        schedule = {"id": self.uuid(), "service_id": service_id, **sessions.schedule(self.rng, profile, delivery)}
        ctx = self.context(area, district, DAY_NAMES[schedule["byday"].split(",")[0][-2:]])
        org = self.organization(area, profile, ctx, district)
        ctx["org"] = org["name"]
        at_locations = self.places(area, profile, outcode, district, ctx, delivery, service_id)
        name = rng.choice(profile.names).format(**ctx)
        if "{venue}" in name or not name.strip():
            name = f"{district} {_TERMS[ACTIVITIES_TAXONOMY][profile.code].label}"
        age: AgeRule = self.pick(profile.ages)
        fees, costs = sessions.costs(self.rng, self.uuid, profile)
        contact_first, contact_last = rng.choice(words.FIRST_NAMES), rng.choice(words.SURNAMES)
        modified = sessions.BASE_DATE + timedelta(days=rng.randrange(150, 650))
        status = "active" if rng.random() > 0.02 else "temporarily closed"
        service = {
            "id": service_id,
            "organization_id": org["id"],
            "name": name,
            "description": self.description(profile, ctx, delivery),
            "url": f"https://www.example.org/{_slug(org['name'])}/{_slug(name)}",
            "email": f"{_slug(org['name'])}@example.org",
            "status": status,
            "fees": fees,
            "fees_description": fees,
            "application_process": self.application(profile, delivery),
            "eligibility_description": age.text,
            "last_modified": f"{modified.isoformat()}T{rng.randrange(8, 18):02d}:{rng.randrange(60):02d}:00Z",
            "assured_date": (modified - timedelta(days=rng.randrange(0, 90))).isoformat(),
            "schedules": [schedule],
            "service_areas": [{"id": self.uuid(), "service_id": service_id, "name": f"{area.council} area"}],
            "service_at_locations": at_locations,
            "languages": self.languages(area, service_id),
            "organization": org,
            "funding": [],
            "cost_options": [dict(c, service_id=service_id) for c in costs],
            "contacts": [self.contact(service_id, contact_first, contact_last)],
            "phones": [{"id": self.uuid(), "service_id": service_id, "number": self.phone(), "type": "voice"}],
            "attributes": self.service_attributes(service_id, profile, age),
        }
        self.extras(service, ctx, age)
        return service

    def context(self, area: Area, district: str, day: str) -> dict:
        """The words a profile's name and description templates are filled with."""
        ctx = {
            "nbhd": district,
            "town": district if area.town_is_district else (area.place or area.town),
            "day": day,
            "saint": self.rng.choice(words.SAINTS),
            "council": area.council,
        }
        ctx["park"] = self.rng.choice(words.PARKS).format(**ctx)
        return ctx

    def places(
        self, area: Area, profile: Profile, outcode: str, district: str, ctx: dict, delivery: str, service_id: str
    ) -> list[dict]:
        """The service at its venue when it meets in person (and the venue's name into `ctx`), else none."""
        ctx["venue"] = ""
        if delivery != Delivery.IN_PERSON:
            return []
        location = self.venue(area, profile, outcode, district, ctx)
        ctx["venue"] = location["name"]
        return [{"id": self.uuid(), "service_id": service_id, "location_id": location["id"], "location": location}]

    def contact(self, service_id: str, first: str, last: str) -> dict:
        return {
            "id": self.uuid(),
            "service_id": service_id,
            "name": f"{first} {last}",
            "title": self.rng.choice(words.CONTACT_TITLES),
            "email": f"{first}.{last}@example.org".lower(),
            "phones": [{"id": self.uuid(), "number": self.phone(), "type": "voice"}],
        }

    def extras(self, service: dict, ctx: dict, age: AgeRule) -> None:
        """Ages, a closure alert, funding and interpreting: the fields only some services have."""
        if age.minimum is not None:
            service["minimum_age"] = age.minimum
        if age.maximum is not None:
            service["maximum_age"] = age.maximum
        if service["status"] != "active":
            service["alert"] = "Taking a break for the summer; sessions restart in September."
        if self.rng.random() < 0.4:
            funder = self.rng.choice(words.FUNDERS).format(**ctx)
            service["funding"].append({"id": self.uuid(), "service_id": service["id"], "source": funder})
        if self.rng.random() < 0.1:
            service["interpretation_services"] = "Interpreters can be arranged; please ask when you get in touch."

    def description(self, profile: Profile, ctx: dict, delivery: str) -> str:
        rng = self.rng
        parts = [rng.choice(profile.openings), *rng.sample(profile.details, k=rng.randint(1, 2))]
        at_home = profile.code in {"befriending", "telephone-friendship"}
        if not at_home and rng.random() < 0.7:
            parts.append(rng.choice(words.WELCOMES))
        if profile.code == "befriending":
            parts.append("Volunteers come to you, so there is nowhere you need to get to.")
        elif delivery == Delivery.IN_PERSON:
            parts.append(rng.choice(words.PRACTICALS))
            if ctx["venue"]:
                parts.append(f"We meet at {ctx['venue']} in {ctx['nbhd']}.")
        elif delivery == Delivery.ONLINE:
            parts.append("Sessions are online, so you can join from home; we can help you set up the first time.")
        else:
            parts.append("Everything happens over the phone, so you can take part from home.")
        return " ".join(p for p in parts if p)

    def application(self, profile: Profile, delivery: str) -> str:
        if profile.code in {"befriending", "telephone-friendship"}:
            return "Phone or email us, or ask your GP or social prescribing link worker to refer you."
        if delivery != Delivery.IN_PERSON:
            return "Phone or email to book a place and we will send you the joining details."
        return self.rng.choice(
            ("Just turn up.", "Phone or email to book a place.", "Drop in, or get in touch if you have any questions.")
        )

    def languages(self, area: Area, service_id: str) -> list[dict]:
        spoken = [("English", "en")]
        if self.rng.random() < 0.15:
            spoken.append(self.rng.choice(area.languages))
        if self.rng.random() < 0.03:
            spoken.append(("British Sign Language", "bfi"))
        return [{"id": self.uuid(), "service_id": service_id, "name": n, "code": c} for n, c in spoken]

    def service_attributes(self, service_id: str, profile: Profile, age: AgeRule) -> list[dict]:
        needs = self.rng.sample(profile.needs, k=self.rng.randint(1, min(3, len(profile.needs))))
        if age.need and age.need not in needs:
            needs.append(age.need)
        links = [(ACTIVITIES_TAXONOMY, profile.code)] + [(NEEDS_TAXONOMY, n) for n in needs]
        return [self.attribute(service_id, taxonomy, code, "service") for taxonomy, code in links]

    def attribute(self, link_id: str, taxonomy: str, code: str, entity: str) -> dict:
        term = term_document(taxonomy, code)
        return {
            "id": self.uuid(),
            "link_id": link_id,
            "link_entity": entity,
            "link_type": taxonomy,
            "taxonomy_term_id": term["id"],
            "taxonomy_term": term,
        }

    # Shared records: an organisation or venue appears once per area and is reused by its activities -------------

    def organization(self, area: Area, profile: Profile, ctx: dict, district: str) -> dict:
        templates = profile.org_names if self.rng.random() < 0.6 else words.GENERIC_ORGS
        name = self.rng.choice(templates).format(**ctx)
        key = (area.key, name)
        if key not in self.orgs:
            kind = self.rng.choice(
                ("a local charity", "a community group run by volunteers", "a community interest company")
            )
            self.orgs[key] = {
                "id": self.uuid(),
                "name": name,
                "description": f"{name} is {kind} working with people in {district} and across {ctx['town']}.",
                "email": f"{_slug(name)}@example.org",
                "website": f"https://www.example.org/{_slug(name)}",
                "phones": [{"id": self.uuid(), "number": self.phone(), "type": "voice"}],
            }
        return _clone(self.orgs[key])

    def venue(self, area: Area, profile: Profile, outcode: str, district: str, ctx: dict) -> dict:
        name = self.rng.choice(profile.venues or words.VENUES).format(**ctx)
        key = (area.key, name)
        if key not in self.venues:
            rng = self.rng
            postcode, lat, lon = rng.choice(self.postcodes[outcode])
            location_id = self.uuid()
            park = profile.code == "walking-group"
            details = words.PARK_ACCESS if park else words.ACCESS_DETAILS
            features = [code for code, odds in words.ACCESS_ODDS.items() if code in details and rng.random() < odds]
            if name.endswith("Library") and "large-print" not in features:
                features.append("large-print")
            self.venues[key] = {
                "id": location_id,
                "location_type": "physical",
                "name": name,
                "description": f"Meet at the main gates of {name}." if park else f"{name}, {district}.",
                "latitude": lat,
                "longitude": lon,
                "addresses": [
                    {
                        "id": self.uuid(),
                        "location_id": location_id,
                        "address_1": name if park else f"{rng.randint(1, 240)} {rng.choice(words.STREETS)}",
                        "address_2": district,
                        "city": area.city(district),
                        "region": area.county,
                        "state_province": area.county,
                        "postal_code": postcode,
                        "country": "GB",
                        "address_type": "physical",
                    }
                ],
                "accessibility": [
                    {
                        "id": self.uuid(),
                        "location_id": location_id,
                        "description": details[code][0],
                        "details": details[code][1],
                    }
                    for code in features
                ],
                "attributes": [
                    self.attribute(location_id, ACCESSIBILITY_TAXONOMY, code, "location") for code in features
                ],
            }
        return _clone(self.venues[key])

    # The same activity, listed again by the neighbouring council ------------------------------------------------

    def relist(self, service: dict, neighbour: Area) -> dict:
        """A copy of `service` with the neighbouring feed's own ids and its small differences in wording.

        The neighbour keeps one id per record, so an organisation or venue it lists twice has the same id.
        """
        fresh = self.relisted_ids.setdefault(neighbour.key, {})

        def rekey(value, key=""):
            if isinstance(value, dict):
                if key == "taxonomy_term":
                    return dict(value)
                return {k: rekey(v, k) for k, v in value.items()}
            if isinstance(value, list):
                return [rekey(v, key) for v in value]
            if (key == "id" or key.endswith("_id")) and key != "taxonomy_term_id" and isinstance(value, str):
                if value not in fresh:
                    fresh[value] = self.uuid()
                return fresh[value]
            return value

        copy = rekey(service)
        if self.rng.random() < 0.5:
            copy["name"] = copy["name"].replace(" and ", " & ") if " and " in copy["name"] else copy["name"].upper()
        copy["description"] = copy["description"].split(". ")[0].rstrip(".") + "."
        for sal in copy["service_at_locations"]:
            location = sal["location"]
            location["latitude"] = round(location["latitude"], 4)
            location["longitude"] = round(location["longitude"], 4)
        return copy
