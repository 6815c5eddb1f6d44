"""Area pages and CSV downloads: public, read-only, from the precomputed tables (ADR 0029 says why public)."""

from __future__ import annotations

import csv
import re

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from connected.areas import presenters
from connected.areas.inputs import EXCLUDED_WORDS, PHOF_COLUMNS
from connected.areas.models import AuthorityFigures, SmallAreaFigures
from connected.areas.risk import FACTORS
from connected.areas.supply import REACH_KM

CODE = re.compile(r"^[EW]\d{8}$")


def _csv(filename: str, header: list[str], rows, *, vintage: str = "") -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8; header=present")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if vintage:
        response["X-Area-Code-Vintage"] = vintage
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@require_safe
def national(request: HttpRequest) -> HttpResponse:
    order = request.GET.get("sort", "risk")
    if order not in ("risk", "unmet", "supply"):
        order = "risk"
    rows = presenters.authorities(order)
    context = {"rows": rows, "cells": presenters.national_cells(rows), "order": order, "run": presenters.latest_run()}
    return render(request, "areas/national.jinja", context)


@require_safe
def national_map(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("show", "unmet")
    if kind not in presenters.MAPS:
        kind = "unmet"
    return render(request, "areas/map.jinja", {"map": presenters.national_map(kind), "kinds": presenters.MAPS})


@require_safe
def authority(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(AuthorityFigures, code=code.upper())
    return render(request, "areas/authority.jinja", presenters.authority_page(area))


@require_safe
def method(request: HttpRequest) -> HttpResponse:
    context = {
        "factors": FACTORS,
        "reach_km": REACH_KM,
        "run": presenters.latest_run(),
        "phof": PHOF_COLUMNS,
        "excluded_words": EXCLUDED_WORDS,
        "vintage": presenters.CODE_VINTAGE,
    }
    return render(request, "areas/method.jinja", context)


@require_safe
def authorities_csv(request: HttpRequest) -> HttpResponse:
    rows = (presenters.machine_row(a) for a in presenters.authorities("risk"))
    return _csv("local-authorities.csv", list(presenters.MACHINE_COLUMNS), rows, vintage="LAD April 2023")


@require_safe
def small_areas_csv(request: HttpRequest) -> HttpResponse:
    """One authority's LSOAs (?la=CODE), or every English LSOA when no authority is named."""
    la = request.GET.get("la", "").strip().upper()
    query = SmallAreaFigures.objects.order_by("risk_rank")
    if la:
        if not CODE.match(la) or not AuthorityFigures.objects.filter(code=la).exists():
            return HttpResponseBadRequest(
                f"la must be the code of a local authority in England (April 2023), such as E08000035; got {la[:12]!r}",
                content_type="text/plain",
            )
        query = query.filter(la_code=la)
    rows = (presenters.machine_row(s) for s in query.iterator(chunk_size=5000))
    name = f"small-areas-{la}.csv" if la else "small-areas.csv"
    return _csv(name, list(presenters.MACHINE_COLUMNS), rows, vintage=presenters.CODE_VINTAGE)


@require_safe
def factors_csv(request: HttpRequest) -> HttpResponse:
    """Every authority's factor contributions (points): the national table's reasons."""
    codes = [f.code for f in FACTORS]
    rows = (
        [a.code, a.name, f"{a.risk_score:.2f}", *(f"{a.contributions.get(c, 0):.3f}" for c in codes)]
        for a in AuthorityFigures.objects.order_by("risk_rank")
    )
    return _csv("factors.csv", ["code", "name", "risk_score", *codes], rows)


@require_safe
def authority_table_csv(request: HttpRequest, code: str, table: str) -> HttpResponse:
    """The tables of an authority's page: factors (it and each small area), supply by type, context."""
    area = get_object_or_404(AuthorityFigures, code=code.upper())
    if table == "factors":
        codes = [f.code for f in FACTORS]
        smalls = SmallAreaFigures.objects.filter(la_code=area.code).order_by("rank_in_la")
        rows = [[area.code, area.name, f"{area.risk_score:.2f}", *(f"{area.contributions[c]:.3f}" for c in codes)]]
        rows += [[s.code, s.name, f"{s.risk_score:.2f}", *(f"{s.contributions[c]:.3f}" for c in codes)] for s in smalls]
        return _csv(f"factors-{area.code}.csv", ["code", "name", "risk_score", *codes], rows, vintage="LSOA 2011")
    if table == "supply":
        rows = [[r["type"], r["per_1000"]] for r in presenters.supply_rows(area, area.population)]
        return _csv(f"supply-{area.code}.csv", ["activity_type", "per_1000"], rows)
    if table == "context":
        rows = [[r["indicator"], r["value"]] for r in presenters.context_rows(area.context)]
        return _csv(f"context-{area.code}.csv", ["indicator", "value"], rows)
    raise Http404("No such table")
