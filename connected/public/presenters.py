"""Page shaping for the finder: results, headings and pagination as display strings.

Templates only place what these functions return; every wording decision
(miles before kilometres, "Free", "1 activity within 5 miles of LS1 4AP") is
made, and tested, here. The service page has its own module, `service_page.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import Resolver404, resolve, reverse

from connected.core import places
from connected.directory.vocabulary import Delivery

from .sessions import when_text

DELIVERY_LABELS = dict(Delivery.CHOICES)


def postcode_attribution() -> str:
    """The postcode data's licence attribution, shown wherever a postcode placed the search."""
    return places.attribution()


def url_if_exists(path: str) -> str | None:
    """A link to another team's page (by its path) only once that page exists, so we never link to a 404."""
    try:
        resolve(path)
    except Resolver404:
        return None
    return path


def distance_text(miles: float | None, km: float | None) -> str:
    """ "0.8 miles (1.3 km)": miles first, as people in England measure walking distance."""
    if miles is None:
        return ""
    if miles < 0.1:
        return "Less than 0.1 miles (under 200 metres)"
    unit = "mile" if round(miles, 1) == 1 else "miles"
    km_text = f" ({decimal_text(km)} km)" if km is not None else ""
    return f"{decimal_text(miles)} {unit}{km_text}"


def decimal_text(value: float) -> str:
    """One decimal place without a trailing ".0": 0.8, 1, 2.5."""
    return f"{value:.1f}".removesuffix(".0")


def money(amount: Decimal | float) -> str:
    value = Decimal(str(amount))
    return f"£{value:,.0f}" if value == value.to_integral_value() else f"£{value:,.2f}"


def delivery_text(values: Any) -> str:
    if isinstance(values, str):
        values = [values]
    return ", ".join(DELIVERY_LABELS.get(v, str(v)) for v in values or [])


def _listed_by(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [str(getattr(v, "name", v)) for v in value]


@dataclass
class ResultCard:
    """One search result as the results list shows it."""

    title: str
    href: str
    organisation: str
    place: str
    distance: str
    next_session: str
    cost: str
    delivery: str
    reasons: list[str]
    also_listed_by: list[str]


def unique_parts(parts: list[str]) -> str:
    """Join address parts once each: feeds often repeat the venue's name as the first address line."""
    seen: dict[str, str] = {}
    for part in parts:
        text = (part or "").strip()
        if text and text.lower() not in seen:
            seen[text.lower()] = text
    return ", ".join(seen.values())


def result_card(result: Any, now: datetime) -> ResultCard:
    place = unique_parts([result.location_name, *(result.address or "").split(","), result.postcode])
    return ResultCard(
        title=result.service_name,
        href=reverse("public:service", args=[result.service_id]),
        organisation=result.organization_name or "",
        place=place,
        distance=distance_text(result.distance_miles, result.distance_km),
        next_session=when_text(result.next_session, now) if result.next_session else result.next_session_text or "",
        cost="Free" if result.is_free else "There may be a cost",
        delivery=delivery_text(result.delivery),
        reasons=list(result.reasons or []),
        also_listed_by=_listed_by(result.also_listed_by),
    )


def page_url(params: QueryDict, page: int) -> str:
    query = params.copy()
    query["page"] = str(page)
    return "?" + urlencode(sorted(query.lists()), doseq=True)


def pagination(params: QueryDict, page: int, total_pages: int) -> dict[str, Any] | None:
    """Arguments for the NHS.UK pagination macro: numbered, with ellipses past seven pages."""
    if total_pages <= 1:
        return None
    wanted = {1, total_pages, page - 1, page, page + 1}
    items: list[dict[str, Any]] = []
    last = 0
    for number in sorted(n for n in wanted if 1 <= n <= total_pages):
        if number - last > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": page_url(params, number), "current": number == page})
        last = number
    return {
        "previous": {"href": page_url(params, page - 1)} if page > 1 else None,
        "next": {"href": page_url(params, page + 1)} if page < total_pages else None,
        "items": items,
    }


def result_heading(total: int, place: Any, miles: int) -> str:
    found = f"{total:,} {'activity' if total == 1 else 'activities'}"
    if place is None:
        return f"{found} found"
    return f"{found} within {miles} mile{'s' if miles != 1 else ''} of {place_name(place)}"


def place_name(place: Any) -> str:
    return getattr(place, "label", "") or getattr(place, "postcode", "") or getattr(place, "outcode", "") or "you"


def location_note(place: Any) -> str:
    """Say when the position is only an outcode's centre, so that distances are read as approximate."""
    if place is None or getattr(place, "precision", "postcode") == "postcode":
        return ""
    note = getattr(place, "note", "") or f"Distances are from the centre of {place_name(place)}."
    return f"{note} Enter your full postcode for exact distances."


MULTI_FIELDS = ("activity", "day", "access", "delivery")


def finder_fields(form: Any) -> dict[str, Any]:
    """The finder form's choices and current values, shaped for the NHS.UK macros (which want dicts)."""
    data = form.data if form.is_bound else QueryDict()
    choices = {
        name: [{"value": str(value), "text": text} for value, text in form.fields[name].choices]
        for name in (*MULTI_FIELDS, "time", "distance")
    }
    current_time = data.get("time", "")
    for item in choices["time"]:
        item["checked"] = item["value"] == current_time
    return {
        "choices": choices,
        "selected": {name: data.getlist(name) for name in MULTI_FIELDS},
        "postcode": data.get("postcode", ""),
        "q": data.get("q", ""),
        "time": data.get("time", ""),
        "age": data.get("age", ""),
        "distance": data.get("distance", "") or "5",
        "free": bool(data.get("free")),
        "errors": {name: errors[0] for name, errors in form.errors.items()},
        "error_list": form.error_list(),
    }
