"""Connected's own taxonomies: the terms search, matching, demo data and pages agree on.

Feeds bring their own taxonomies (LGA, OpenActive, local lists); these are the
terms we attach so that filters work across feeds. Each is a TaxonomyTerm in a
Taxonomy of the given name, linked to a service or location by an Attribute.
Codes are stable identifiers; labels are what people read.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    description: str = ""


ACTIVITIES_TAXONOMY = "Connected activity types"
NEEDS_TAXONOMY = "Connected needs"
ACCESSIBILITY_TAXONOMY = "Connected accessibility"

# What kind of activity it is (linked to services).
ACTIVITIES: tuple[Term, ...] = (
    Term("befriending", "Befriending", "Regular visits or calls from a volunteer"),
    Term("lunch-club", "Lunch club", "A shared meal with company"),
    Term("walking-group", "Walking group", "Led walks at an easy pace"),
    Term("mens-shed", "Men's shed", "A workshop space to make, mend and chat"),
    Term("choir", "Choir and singing", "Singing together, no experience needed"),
    Term("reading-group", "Reading group", "Book clubs and shared reading"),
    Term("digital-skills", "Digital skills", "Help to get online and use devices"),
    Term("bereavement-support", "Bereavement support", "Support after someone has died"),
    Term("parent-baby", "Parent and baby group", "Meet other parents with young children"),
    Term("volunteering", "Volunteering", "Ways to give time and meet people"),
    Term("arts-crafts", "Arts and crafts", "Creative groups and classes"),
    Term("exercise", "Exercise and movement", "Gentle exercise, dance, chair yoga, swimming"),
    Term("gardening", "Gardening", "Community gardens and allotments"),
    Term("coffee-morning", "Coffee morning", "Drop in for a cup of tea and a chat"),
    Term("telephone-friendship", "Telephone friendship", "Regular friendly phone calls and group calls"),
    Term("peer-support", "Peer support group", "Meet people who share an experience"),
    Term("faith-community", "Faith and community groups", "Open to all, run by faith groups"),
    Term("advice", "Advice and information", "Money, housing and benefits advice"),
)

# Whom or what it helps with (linked to services).
NEEDS: tuple[Term, ...] = (
    Term("loneliness", "Loneliness and isolation"),
    Term("bereavement", "Bereavement"),
    Term("new-parent", "New parents"),
    Term("older-people", "Older people"),
    Term("young-adults", "Young adults (16 to 24)"),
    Term("carers", "Carers"),
    Term("disability", "Disability or long-term condition"),
    Term("mental-wellbeing", "Mental wellbeing"),
    Term("refugees", "Refugees and people seeking asylum"),
    Term("new-to-area", "New to the area"),
    Term("unemployed", "Looking for work"),
    Term("physical-activity", "Getting active"),
    Term("digital-inclusion", "Getting online"),
)

# Accessibility features (linked to locations).
ACCESSIBILITY: tuple[Term, ...] = (
    Term("step-free", "Step-free access"),
    Term("hearing-loop", "Hearing loop"),
    Term("accessible-toilet", "Accessible toilet"),
    Term("parking", "Accessible parking"),
    Term("quiet-space", "Quiet space"),
    Term("bsl", "British Sign Language"),
    Term("large-print", "Large print materials"),
    Term("seating", "Seating available throughout"),
)


class Delivery:
    """How an activity is delivered, normalised from Schedule.attending_type and location_type."""

    IN_PERSON = "in_person"
    ONLINE = "online"
    PHONE = "phone"
    CHOICES = ((IN_PERSON, "In person"), (ONLINE, "Online"), (PHONE, "By phone"))


DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}


def normalise_delivery(attending_type: str, location_type: str = "") -> str:
    """Map free-text attending types from feeds ("Online via Zoom", "in-person") to a Delivery value."""
    text = f"{attending_type} {location_type}".lower()
    if any(w in text for w in ("online", "virtual", "video", "zoom", "teams", "remote")):
        return Delivery.ONLINE
    if any(w in text for w in ("phone", "telephone", "call")):
        return Delivery.PHONE
    return Delivery.IN_PERSON
