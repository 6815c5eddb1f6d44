"""The service page: everything known about one activity, gathered and worded for the page.

Sessions are worded by `sessions.py`; the next session comes from the
directory (`connected.directory.sessions`) so that it agrees with the results.
Links built here (tel:, mailto:, directions) are escaped with format_html.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.html import escape, format_html

from connected.directory.models import Attribute, Feed, Service
from connected.directory.sessions import next_session
from connected.directory.vocabulary import ACCESSIBILITY, ACTIVITIES, Delivery, normalise_delivery

from .presenters import delivery_text, money
from .sessions import session_text, short_date, when_text

ACTIVITY_LABELS = {t.code: t.label for t in ACTIVITIES}
ACCESSIBILITY_LABELS = {t.code: t.label for t in ACCESSIBILITY}


def age_text(minimum: int | None, maximum: int | None) -> str:
    if minimum and maximum:
        return f"Ages {minimum} to {maximum}"
    if minimum:
        return f"Ages {minimum} and over"
    if maximum:
        return f"Ages up to {maximum}"
    return "All ages"


def cost_line(option: Any) -> str:
    """One cost option in words: "£3 per class", "Free; donations welcome", "£2 for people on benefits"."""
    described = (option.amount_description or "").strip()
    label = (option.option or "").strip()
    if option.amount is None:
        return described or label or "Ask the organiser about the cost"
    if option.amount == 0:
        if described.lower().startswith("free"):
            return described
        return f"Free ({described})" if described else "Free"
    # The description ("per class") reads better than the option's label ("Per session") when both exist.
    words = described or label.lower()
    return f"{money(option.amount)} {words}".strip()


def cost_lines(service: Service) -> list[str]:
    """The structured cost options in words; the feed's free-text fees only when it gives no options.

    Feeds usually repeat the options in `fees_description` ("£3.00 per class; £2.00
    concessions"), so showing both would say everything twice.
    """
    lines = list(dict.fromkeys(cost_line(o) for o in service.cost_options.all()))
    if lines:
        return lines
    fees = (service.fees_description or "").strip()
    return [fees] if fees else ["Ask the organiser about any cost"]


@dataclass
class Venue:
    name: str
    address: list[str]
    directions_url: str
    accessibility: list[str]
    transport: str
    phones: list[dict[str, str]]


@dataclass
class ServicePage:
    service: Service
    status_warning: str
    activity_types: list[str]
    sessions: list[str]
    next_session: str
    venues: list[Venue]
    cost: list[str]
    ages: str
    eligibility: str
    how_to_join: str
    phones: list[dict[str, str]]
    emails: list[str]
    website: str
    organisation: str
    organisation_website: str
    delivery: str
    also_listed_by: list[str] = field(default_factory=list)
    last_updated: str = ""
    source: str = ""


def directions_url(latitude: float | None, longitude: float | None) -> str:
    """OpenStreetMap directions to the venue: a plain link, so no map tiles are fetched by our pages."""
    if latitude is None or longitude is None:
        return ""
    return f"https://www.openstreetmap.org/directions?route=%3B{latitude:.5f}%2C{longitude:.5f}"


def phone_links(phones: Any) -> list[dict[str, str]]:
    links = []
    for phone in phones:
        digits = "".join(c for c in phone.number if c.isdigit() or c == "+")
        if not digits:
            continue
        text = phone.number + (f" extension {phone.extension}" if phone.extension else "")
        links.append({"href": f"tel:{digits}", "text": text, "description": phone.description})
    return links


def _terms(link_entity: str, ids: list[Any], labels: dict[str, str]) -> list[str]:
    codes = (
        Attribute.objects.filter(link_entity=link_entity, link_id__in=ids, taxonomy_term__code__in=list(labels))
        .values_list("taxonomy_term__code", flat=True)
        .distinct()
    )
    return [labels[c] for c in labels if c in set(codes)]


def _feed_label(feed: Feed | None) -> str:
    if feed is None:
        return ""
    if not feed.publisher or feed.name.lower().startswith(feed.publisher.lower()):
        return feed.name
    return f"{feed.publisher} ({feed.name})"


def _venue(location: Any) -> Venue:
    address = location.addresses.first()
    parts = (address.address_1, address.address_2, address.city, address.postal_code) if address else ()
    # Feeds often repeat the venue's name as the first address line.
    lines = [p for p in parts if p and p.strip().lower() != (location.name or "").strip().lower()]
    described = [a.description for a in location.accessibility.all() if a.description]
    tagged = _terms(Attribute.LinkEntity.LOCATION, [location.id], ACCESSIBILITY_LABELS)
    return Venue(
        name=location.name,
        address=lines,
        directions_url=directions_url(location.latitude, location.longitude),
        accessibility=tagged + [d for d in described if d not in tagged],
        transport=location.transportation,
        phones=phone_links(location.phones.all()),
    )


def service_page(service: Service, now: datetime) -> ServicePage:
    """Everything the service page shows, gathered in one place."""
    links = list(service.service_at_locations.select_related("location"))
    locations = [sal.location for sal in links if sal.location.location_type != "virtual"]
    schedules = list(service.schedules.all())
    for sal in links:
        schedules += [s for s in sal.schedules.all() if s.service_id is None]
    upcoming = next_session(schedules, now)
    organisation = service.organization
    contacts = list(service.contacts.all())
    phones = phone_links(service.phones.all())
    for contact in contacts:
        phones += phone_links(contact.phones.all())
    if not phones and organisation:
        phones = phone_links(organisation.phones.all())
    emails = [e for e in [service.email, *(c.email for c in contacts)] if e]
    if not emails and organisation and organisation.email:
        emails = [organisation.email]
    deliveries = {normalise_delivery(s.attending_type) for s in schedules if s.attending_type}
    if any(sal.location.location_type == "virtual" for sal in links):
        deliveries.add(Delivery.ONLINE)
    if locations:
        deliveries.add(Delivery.IN_PERSON)
    updated = service.last_modified or service.imported_at
    return ServicePage(
        service=service,
        status_warning=status_warning(service),
        activity_types=_terms(Attribute.LinkEntity.SERVICE, [service.id], ACTIVITY_LABELS),
        sessions=list(dict.fromkeys(session_text(s) for s in schedules)),
        next_session=when_text(upcoming, now) if upcoming else "",
        venues=[_venue(location) for location in locations],
        cost=cost_lines(service),
        ages=age_text(service.minimum_age, service.maximum_age),
        eligibility=service.eligibility_description,
        how_to_join=service.application_process,
        phones=phones,
        emails=list(dict.fromkeys(emails)),
        website=service.url,
        organisation=organisation.name if organisation else "",
        organisation_website=organisation.website if organisation else "",
        delivery=delivery_text([d for d, _ in Delivery.CHOICES if d in deliveries]),
        also_listed_by=also_listed_by(service),
        last_updated=short_date(updated.date()) if updated else "",
        source=_feed_label(service.feed),
    )


def also_listed_by(service: Service) -> list[str]:
    """Other feeds that list the same activity (cross-feed duplicates), by publisher."""
    canonical_id = service.duplicate_of_id or service.id
    group = Service.objects.filter(duplicate_of_id=canonical_id).select_related("feed", "organization")
    others = list(group.exclude(id=service.id))
    if service.duplicate_of_id:
        canonical = Service.objects.select_related("feed", "organization").filter(id=canonical_id).first()
        if canonical:
            others.insert(0, canonical)
    labels = [_feed_label(o.feed) or (o.organization.name if o.organization else "") for o in others]
    return list(dict.fromkeys(label for label in labels if label))


def status_warning(service: Service) -> str:
    status = service.status
    if status == Service.Status.ACTIVE:
        return ""
    if status == Service.Status.TEMPORARILY_CLOSED:
        return "This activity is closed for now. Contact the organiser to find out when it will start again."
    return "This activity may no longer be running. Contact the organiser before you go."


def _row(key: str, html: Any) -> dict[str, Any]:
    return {"key": {"text": key}, "value": {"html": html}}


def contact_rows(page: ServicePage) -> list[dict[str, Any]]:
    """Summary list rows for the contact section: phones as tel: links, email as mailto:, the website."""
    rows = []
    for phone in page.phones:
        note = (
            format_html(' <span class="nhsuk-body-s">({})</span>', phone["description"]) if phone["description"] else ""
        )
        rows.append(_row("Phone", format_html('<a href="{}">{}</a>{}', phone["href"], phone["text"], note)))
    for venue in page.venues:
        for phone in venue.phones:
            rows.append(_row("Venue phone", format_html('<a href="{}">{}</a>', phone["href"], phone["text"])))
    for email in page.emails:
        rows.append(_row("Email", format_html('<a href="mailto:{}">{}</a>', email, email)))
    if page.website:
        rows.append(_row("Website", format_html('<a href="{}" rel="noopener">{}</a>', page.website, page.website)))
    return rows


def about_rows(page: ServicePage) -> list[dict[str, Any]]:
    """Where the listing came from: who runs it, who else lists it, when it changed, which feed."""
    rows = []
    if page.organisation:
        org = (
            format_html('<a href="{}" rel="noopener">{}</a>', page.organisation_website, page.organisation)
            if page.organisation_website
            else escape(page.organisation)
        )
        rows.append(_row("Run by", org))
    if page.also_listed_by:
        rows.append(_row("Also listed by", escape(", ".join(page.also_listed_by))))
    if page.last_updated:
        rows.append(_row("Last updated", escape(page.last_updated)))
    if page.source:
        rows.append(_row("Source", escape(page.source)))
    return rows
