"""A scheme manager's evaluation pages: the pseudonymised extract and the SROI inputs sheet.

Thin: rules.py decides who, `evaluation`/`sroi` compute, `files` writes. The extract is one audit
event naming every person in it, so each person's subject access shows that it was made.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from connected.casework.access import require, staff_context
from connected.casework.fields import error_list, macro_fields
from connected.core import audit
from connected.core.auth_views.decorators import staff_required

from . import evaluation, sroi
from .files import Sheet, download
from .forms_exports import PeriodForm, ProxyForm
from .sroi_models import SroiProxy
from .suppression import shown, threshold

FORMATS = ("csv", "xlsx")


def period_form(request: HttpRequest) -> PeriodForm:
    """The period from the query string; unbound (no filter) when none was given."""
    given = any(k.startswith(("start_", "end_")) for k in request.GET)
    return PeriodForm(request.GET if given else None)


def _query(request: HttpRequest) -> str:
    keys = [k for k in request.GET if k.startswith(("start_", "end_"))]
    return urlencode({k: request.GET[k] for k in keys})


def _period_words(start, end, what: str = "referred") -> str:
    if start and end:
        return f"{what} from {start:%-d %B %Y} to {end:%-d %B %Y}"
    if start:
        return f"{what} on or after {start:%-d %B %Y}"
    return f"{what} up to {end:%-d %B %Y}" if end else f"{what} at any time"


@require_safe
@staff_required
def evaluation_page(request: HttpRequest) -> HttpResponse:
    require(request, "export_evaluation")
    form = period_form(request)
    start, end = form.period()
    context = staff_context(
        request,
        page_title=("Error: " if form.errors else "") + "Evaluation extract",
        fields=macro_fields(form),
        errors=error_list(form),
        query=_query(request),
        period=_period_words(start, end),
        scheme=request.user.membership.scheme,
    )
    return render(request, "evidence/evaluation.jinja", context, status=400 if form.errors else 200)


@require_safe
@staff_required
def evaluation_download(request: HttpRequest, fmt: str) -> HttpResponse:
    require(request, "export_evaluation")
    if fmt not in FORMATS:
        raise Http404
    form = period_form(request)
    if form.errors:
        return redirect(f"/evidence/evaluation/?{_query(request)}")
    start, end = form.period()
    scheme = request.user.membership.scheme
    key = evaluation.new_key()
    extract = evaluation.build(scheme=scheme, start=start, end=end, key=key)
    del key  # never stored: pseudonyms cannot be linked across exports
    export_id = uuid.uuid4()
    audit.record(
        actor=request.user,
        action="export",
        object_type="evidence.evaluation_extract",
        object_id=export_id,
        why=f"evaluation extract {fmt}, {len(extract.rows)} people",
        people_shown=extract.people,
    )
    notes = [
        f"Evaluation extract, {scheme.name}: people {_period_words(start, end)}. Export {export_id}.",
        "Pseudonyms are keyed to this export only. Dates are days after the person's first referral.",
    ]
    rows = [[row[c] for c in extract.columns] for row in extract.rows]
    sheets = [Sheet("Extract", extract.columns, rows), Sheet("About", ["note"], [[n] for n in notes])]
    return download(sheets, f"evaluation-extract-{export_id}", fmt)


def sroi_sheets(scheme, start, end) -> list[Sheet]:
    found = sroi.lines(scheme=scheme, start=start, end=end)
    value, left_out = sroi.total(found)
    columns = ["Outcome", "People", "People asked before and after", "Value per person (£)", "Deadweight (%)"]
    columns += ["Source of the value", "Social value (£)", "Working"]
    rows = [
        [
            line.label,
            shown(line.people),
            shown(line.asked) if sroi.OUTCOMES[line.code][3] else "",
            f"{line.proxy.value:.2f}" if line.proxy else "",
            f"{line.proxy.deadweight}" if line.proxy else "",
            line.proxy.source if line.proxy else "",
            f"{line.value:.2f}" if line.value is not None else "",
            line.working,
        ]
        for line in found
    ]
    notes = [f"SROI inputs, {scheme.name}: people {_period_words(start, end)}."]
    notes.append(f"Counts under {threshold()} are shown as 'fewer than {threshold()}' and are not valued.")
    leaves_out = ("Leaves out: " + "; ".join(left_out)) if left_out else ""
    rows.append(["Total social value", "", "", "", "", "", f"{value:.2f}", leaves_out])
    return [Sheet("SROI inputs", columns, rows, notes)]


@require_safe
@staff_required
def sroi_page(request: HttpRequest) -> HttpResponse:
    require(request, "export_evaluation")
    form = period_form(request)
    start, end = form.period()
    scheme = request.user.membership.scheme
    sheet = sroi_sheets(scheme, start, end)[0]
    context = staff_context(
        request,
        page_title=("Error: " if form.errors else "") + "SROI inputs",
        fields=macro_fields(form),
        errors=error_list(form),
        query=_query(request),
        sheet=sheet,
        period=_period_words(start, end),
        has_period=bool(start and end),
        scheme=scheme,
    )
    return render(request, "evidence/sroi.jinja", context, status=400 if form.errors else 200)


@require_safe
@staff_required
def sroi_download(request: HttpRequest, fmt: str) -> HttpResponse:
    require(request, "export_evaluation")
    if fmt not in FORMATS:
        raise Http404
    form = period_form(request)
    start, end = form.period()
    return download(sroi_sheets(request.user.membership.scheme, start, end), "sroi-inputs", fmt)


@require_http_methods(["GET", "POST"])
@staff_required
def proxy_new(request: HttpRequest) -> HttpResponse:
    """The evaluator's value for an outcome: stored per scheme and period with its source; a second entry
    for the same outcome and period replaces the first."""
    require(request, "export_evaluation")
    form = ProxyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        proxy, _ = SroiProxy.objects.update_or_create(
            scheme=request.user.membership.scheme,
            period_start=data["period_start"],
            period_end=data["period_end"],
            outcome=data["outcome"],
            defaults={k: data[k] for k in ("value", "deadweight", "source")} | {"entered_by": request.user},
        )
        audit.record(actor=request.user, action="update", obj=proxy, why="SROI value")
        messages.success(request, "Value saved")
        s, e = data["period_start"], data["period_end"]
        query = {"start_day": s.day, "start_month": s.month, "start_year": s.year}
        query |= {"end_day": e.day, "end_month": e.month, "end_year": e.year}
        return redirect(f"/evidence/sroi/?{urlencode(query)}")
    context = staff_context(
        request,
        page_title=("Error: " if form.errors else "") + "Enter a value for an outcome",
        title="Enter a value for an outcome",
        fields=macro_fields(form),
        errors=error_list(form),
        action=request.path,
        button_text="Save value",
        back="/evidence/sroi/",
    )
    return render(request, "evidence/form.jinja", context, status=400 if form.errors else 200)
