"""Public pages: thin views that validate, call the directory, and hand presenters' output to templates."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from connected.directory.models import Service
from connected.directory.search import SearchError, search

from . import presenters
from .forms import DEFAULT_MILES, FINDER_FIELDS, FinderForm
from .fragments import render_macro
from .scope import outside_england
from .service_page import about_rows, contact_rows, service_page


def _finder_context(form: FinderForm) -> dict:
    return {
        "finder": presenters.finder_fields(form),
        "check_in_url": presenters.url_if_exists("/check-in/"),
        "refer_url": presenters.url_if_exists("/refer-yourself/"),
        # Only for the fixed-choice fields: free text (postcode, age) is never kept in memory.
        "memo": render_macro,
    }


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.jinja", _finder_context(FinderForm()))


@require_safe
def find(request: HttpRequest) -> HttpResponse:
    """Find activities near you: a plain GET form, so it works without JavaScript and can be bookmarked."""
    searched = any(name in request.GET for name in FINDER_FIELDS)
    form = FinderForm(request.GET if searched else None)
    page = None
    if searched and form.is_valid():
        try:
            page = search(form.to_query())
        except SearchError as error:
            # The form should have caught this; say what is wrong rather than fail.
            form.add_error(None, error.message)
    context = _finder_context(form)
    context["searched"] = searched
    context["scope_note"] = outside_england(request.GET.get("postcode", ""), form.place) if searched else None
    if page is not None:
        now = timezone.localtime()
        miles = form.cleaned_data.get("distance") or DEFAULT_MILES
        context.update(
            results=[presenters.result_card(r, now) for r in page.results],
            total=page.total,
            results_heading=presenters.result_heading(page.total, form.place, miles),
            location_note=presenters.location_note(form.place),
            pages=presenters.pagination(request.GET, page.page, page.total_pages),
            page_number=page.page,
            first_page_url=presenters.page_url(request.GET, 1),
            total_pages=page.total_pages,
            attribution=presenters.postcode_attribution() if form.place else "",
        )
    return render(request, "public/find.jinja", context)


@require_safe
def service(request: HttpRequest, service_id: UUID) -> HttpResponse:
    found = (
        Service.objects.select_related("organization", "feed")
        .prefetch_related("cost_options", "schedules", "phones", "contacts__phones", "organization__phones")
        .filter(id=service_id)
        .first()
    )
    if found is None:
        return not_found(request)
    shown = service_page(found, timezone.localtime())
    context = {
        "page": shown,
        "contacts": contact_rows(shown),
        "about": about_rows(shown),
        "back": _back_link(request),
    }
    return render(request, "public/service.jinja", context)


def _back_link(request: HttpRequest) -> dict[str, str]:
    """Back to the results the person came from, when they came from our finder; never to another site."""
    referer = request.headers.get("referer", "")
    marker = f"{request.get_host()}/find/"
    if referer.split("://", 1)[-1].startswith(marker):
        return {"href": referer.split(request.get_host(), 1)[1], "text": "Back to search results"}
    return {"href": "/find/", "text": "Find other activities"}


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "public/accessibility.jinja")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "public/privacy.jinja")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.jinja", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the error may have come from anything the context would touch.
    return render(request, "500.jinja", status=500)
