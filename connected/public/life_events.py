"""Life events (bereavement, a new baby, retiring, moving, a diagnosis): content from `life_events.toml`,
and where an area's local options are found.

Why content as data: help lines and their sources change without code; the loader refuses a help line with
no source or a search term the directory does not know, when the site starts.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import Avg

from connected.core.models import LocalAuthority, LsoaCentroid
from connected.core.places import Place, miles_to_km
from connected.directory.search import SearchQuery, SearchResult, search
from connected.directory.vocabulary import ACTIVITIES, NEEDS

from .tips import ContentError, HelpLine, source_from

CONTENT = Path(__file__).resolve().parent / "content" / "life_events.toml"
KNOWN_TERMS = {t.code for t in (*ACTIVITIES, *NEEDS)}
NEAR_POSTCODE_MILES = 5
NEAR_AREA_MILES = 10  # from the middle of a local authority: wider, as the person could live anywhere in it
SHOWN = 5


@dataclass(frozen=True)
class LifeEvent:
    slug: str
    title: str
    intro: str
    terms: tuple[str, ...]
    helplines: tuple[HelpLine, ...]


def parse(raw: dict[str, Any]) -> dict[str, LifeEvent]:
    events: dict[str, LifeEvent] = {}
    for entry in raw.get("events") or []:
        slug = str(entry.get("slug", ""))
        if not slug or slug in events:
            raise ContentError(f"event {slug or '(no slug)'}: needs a slug of its own")
        unknown = set(entry.get("terms") or []) - KNOWN_TERMS
        if unknown:
            raise ContentError(f"event {slug}: unknown terms {sorted(unknown)}")
        lines = tuple(
            HelpLine(
                str(h["name"]), str(h["detail"]), str(h["phone"]), source_from(h.get("source"), f"{slug} {h['name']}")
            )
            for h in entry.get("helplines") or []
        )
        events[slug] = LifeEvent(slug, str(entry["title"]), str(entry["intro"]), tuple(entry.get("terms") or ()), lines)
    return events


@cache
def events() -> dict[str, LifeEvent]:
    return parse(tomllib.loads(CONTENT.read_text(encoding="utf-8")))


def area_point(code: str) -> tuple[LocalAuthority, tuple[float, float] | None] | None:
    """The authority and the mean of its LSOA centroids (its middle, roughly); None for an unknown code."""
    authority = LocalAuthority.objects.filter(code=code.upper()).first()
    if authority is None:
        return None
    middle = LsoaCentroid.objects.filter(la_code=authority.code).aggregate(lat=Avg("lat"), lon=Avg("lon"))
    point = (middle["lat"], middle["lon"]) if middle["lat"] is not None else None
    return authority, point


def local_options(event: LifeEvent, point: tuple[float, float] | None, miles: int) -> list[SearchResult]:
    if point is None:
        return []
    query = SearchQuery(
        latitude=point[0], longitude=point[1], radius_km=miles_to_km(miles), term_codes=event.terms, per_page=SHOWN
    )
    return search(query).results


def place_point(place: Place) -> tuple[float, float]:
    return (place.latitude, place.longitude)
