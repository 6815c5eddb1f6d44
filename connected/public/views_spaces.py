"""Community spaces: find one fair to a group's members, and offer one (reviewed before it is published)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from connected.casework.fields import macro_fields
from connected.core import throttle
from connected.core.places import km_to_miles

from . import fair_point, presenters, spaces
from .spaces_forms import GroupForm, SpaceOfferForm


def _errors(form) -> list[dict[str, str]]:
    return [{"text": str(m), "href": f"#{form[name].auto_id}"} for name, ms in form.errors.items() for m in ms]


@require_safe
def find(request: HttpRequest) -> HttpResponse:
    """A plain GET form: bookmarkable, no JavaScript. Postcodes are used for this answer only, never kept."""
    searched = "postcodes" in request.GET
    form = GroupForm(request.GET if searched else None)
    context = {"page_title": "Find a space for your group", "searched": searched, "fields": macro_fields(form)}
    if searched and form.is_valid():
        members = form.cleaned_data["postcodes"]
        middle, found = spaces.spaces_for_group(members, min_capacity=form.cleaned_data.get("capacity") or 0)
        furthest = km_to_miles(fair_point.furthest_km(middle, [(p.latitude, p.longitude) for p in members]))
        context.update(
            spaces=found,
            members=len(members),
            furthest=presenters.decimal_text(furthest),
            attribution=presenters.postcode_attribution(),
        )
    errors = _errors(form) if searched else []
    context.update(errors=errors, page_title=("Error: " if errors else "") + context["page_title"])
    return render(request, "public/spaces_find.jinja", context, status=400 if errors else 200)


@require_http_methods(["GET", "POST"])
def offer(request: HttpRequest) -> HttpResponse:
    form = SpaceOfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verdict = throttle.allow(
            scope="space-offer",
            address=throttle.client_address(request),
            limit=settings.PUBLIC_FORM_RATE_LIMIT,
            window=dt.timedelta(seconds=settings.PUBLIC_FORM_RATE_WINDOW_SECONDS),
        )
        if not verdict.allowed:
            return HttpResponse("Too many offers from this address. Try again later.", status=429)
        form.save()
        return redirect("public:space_offered")
    errors = _errors(form) if request.method == "POST" else []
    context = {
        "page_title": ("Error: " if errors else "") + "Offer a space to community groups",
        "fields": macro_fields(form),
        "errors": errors,
    }
    return render(request, "public/spaces_offer.jinja", context, status=400 if errors else 200)


@require_safe
def offered(request: HttpRequest) -> HttpResponse:
    return render(request, "public/spaces_offered.jinja", {"page_title": "Thank you for offering a space"})
