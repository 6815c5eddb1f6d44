"""Life-event pages: a stable link per event and area that lands on local options, help lines and the check-in.

/life-events/<event>/?postcode=…  places the person by postcode (activities within 5 miles);
/life-events/<event>/<LA code>/   is for a council's own site and leaflets (within 10 miles of its middle).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from connected.core.places import PostcodeError, locate

from . import life_events, presenters
from .models import LifeEventLocalText
from .views import not_found


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    context = {"page_title": "When life changes", "events": list(life_events.events().values())}
    return render(request, "public/life_events.jinja", context)


@require_safe
def by_postcode(request: HttpRequest, event: str) -> HttpResponse:
    found = life_events.events().get(event)
    if found is None:
        return not_found(request)
    text = " ".join(request.GET.get("postcode", "").upper().split())[:10]
    context = {"postcode": text, "error": ""}
    if text:
        try:
            place = locate(text)
        except PostcodeError as error:
            context["error"] = str(error)
        else:
            results = life_events.local_options(found, life_events.place_point(place), life_events.NEAR_POSTCODE_MILES)
            context.update(
                area_name=place.local_authority_name or "",
                near=f"within {life_events.NEAR_POSTCODE_MILES} miles of {presenters.place_name(place)}",
                local=_local_text(event, place.local_authority_code),
                cards=_cards(results),
                searched=True,
            )
    return _page(request, found, context, status=400 if context["error"] else 200)


@require_safe
def by_area(request: HttpRequest, event: str, code: str) -> HttpResponse:
    found = life_events.events().get(event)
    area = life_events.area_point(code)
    if found is None or area is None:
        return not_found(request)
    authority, point = area
    results = life_events.local_options(found, point, life_events.NEAR_AREA_MILES)
    context = {
        "area_name": authority.name,
        "near": f"in and around {authority.name}",
        "local": _local_text(event, authority.code),
        "cards": _cards(results),
        "searched": point is not None,
        "postcode": "",
        "error": "",
    }
    return _page(request, found, context, status=200)


def _local_text(event: str, code: str | None) -> LifeEventLocalText | None:
    if not code:
        return None
    return LifeEventLocalText.objects.filter(event=event, local_authority_id=code).first()


def _cards(results: list) -> list:
    now = timezone.localtime()
    return [presenters.result_card(r, now) for r in results]


def _page(request: HttpRequest, event: life_events.LifeEvent, context: dict, *, status: int) -> HttpResponse:
    context.update(
        page_title=("Error: " if context.get("error") else "") + event.title,
        event=event,
        find_url=presenters.url_if_exists("/find/"),
    )
    return render(request, "public/life_event.jinja", context, status=status)
