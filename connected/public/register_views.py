"""Find your social prescribing service (postcode in, schemes out), and the register's coverage of England."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from connected.core.places import SCOTTISH_AREAS, attribution
from connected.core.postcodes import InvalidPostcode, parse
from connected.directory import register
from connected.directory.register_coverage import england, summary

from . import register_presenters as shape


@require_safe
def find_scheme(request: HttpRequest) -> HttpResponse:
    """A plain GET form: works without JavaScript, and a referrer can bookmark or share the answer."""
    typed = " ".join(request.GET.get("postcode", "").split())[:20]
    context: dict = {"page_title": "Find your social prescribing service", "postcode": typed, "searched": False}
    if "postcode" in request.GET:
        try:
            parsed = parse(typed)
        except InvalidPostcode as error:
            context.update(error=str(error), page_title="Error: Find your social prescribing service")
            return render(request, "public/find_scheme.jinja", context, status=400)
        codes = register.codes_for(str(parsed))
        outside = parsed.area in SCOTTISH_AREAS or bool(codes.la and not codes.la.startswith("E"))
        context.update(
            searched=True,
            shown=str(parsed),
            outside_england=outside,
            cards=shape.scheme_cards(register.covering(codes)),
            attribution=attribution(),
        )
    return render(request, "public/find_scheme.jinja", context)


@require_safe
def coverage(request: HttpRequest) -> HttpResponse:
    """Every English local authority's schemes, and the authorities with none: a table always."""
    rows = england()
    context = {
        "page_title": "Social prescribing schemes in England: coverage",
        "summary": summary(rows),
        "rows": shape.coverage_rows(rows),
        "attribution": attribution(),
    }
    return render(request, "public/scheme_coverage.jinja", context)


@require_safe
def coverage_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(shape.coverage_csv(england()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="social-prescribing-coverage.csv"'
    return response
