"""The evidence report page, its downloads and the national return. Aggregates only: no page here
names a person or links to a record, and every figure is read from the suppressed `Report`."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from connected.casework.access import require, staff_context
from connected.core import rules
from connected.core.auth_views.decorators import staff_required

from . import downloads, filterguard, presenters, queries, reports, rollup
from .filters import FilterError, ReportFilter, counted_schemes, parse
from .national import SCHEMA, national_return


def _report(request: HttpRequest) -> tuple[ReportFilter | None, reports.Report | None, list[dict], list[str]]:
    """The filter and report asked for, or the problems to show (each naming its field)."""
    require(request, "view_aggregates")
    try:
        f = parse(request.user, request.GET)
    except FilterError as error:
        return None, None, [{"text": str(error), "href": f"#{error.field}"}], []
    rollup.ensure()
    cube = queries.cube(f)
    areas = sorted({area for _, _, area in cube})
    try:
        return f, reports.build(f, cube=cube), [], areas
    except filterguard.FilterRefused as error:
        return f, None, [{"text": str(error), "href": "#from"}], areas


@require_safe
@staff_required
def report(request: HttpRequest) -> HttpResponse:
    f, built, errors, areas = _report(request)
    context = staff_context(
        request,
        page_title=("Error: " if errors else "") + "Evidence report",
        errors=errors,
        field_errors={e["href"][1:]: {"text": e["text"]} for e in errors},
        form=presenters.filter_fields(f, request.GET, counted_schemes(request.user), areas),
        can_export_dataset=rules.can(request.user, "export_dataset"),
        can_export_evaluation=rules.can(request.user, "export_evaluation"),
        **(presenters.report_page(built) if built else {}),
    )
    return render(request, "evidence/report.jinja", context, status=400 if errors and f is None else 200)


def _refused(errors: list[dict]) -> HttpResponse:
    return HttpResponse("; ".join(e["text"] for e in errors), status=400, content_type="text/plain; charset=utf-8")


@require_safe
@staff_required
def table_csv(request: HttpRequest, table_id: str) -> HttpResponse:
    _, built, errors, _ = _report(request)
    if built is None:
        return _refused(errors)
    table = next((t for t in built.tables if t.id == table_id), None)
    if table is None:
        return HttpResponse("No such table in this report", status=404, content_type="text/plain; charset=utf-8")
    response = HttpResponse(downloads.table_csv(built, table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{table_id}-{built.filter.query_string().replace("&", "_").replace("=", "-")}.csv"'
    )
    return response


@require_safe
@staff_required
def report_xlsx(request: HttpRequest) -> HttpResponse:
    _, built, errors, _ = _report(request)
    if built is None:
        return _refused(errors)
    response = HttpResponse(
        downloads.report_xlsx(built), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="evidence-report.xlsx"'
    return response


@require_safe
@staff_required
def national(request: HttpRequest) -> HttpResponse:
    _, built, errors, _ = _report(request)
    if built is None:
        return JsonResponse({"errors": [e["text"] for e in errors]}, status=400)
    names = [s.name for s in counted_schemes(request.user) if s.pk in built.filter.scheme_ids]
    body = json.dumps(national_return(built, scheme_names=names), indent=2)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="national-return.json"'
    return response


@require_safe
def national_schema(request: HttpRequest) -> HttpResponse:
    return JsonResponse(SCHEMA)
