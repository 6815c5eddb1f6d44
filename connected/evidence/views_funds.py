"""A funder's pages: the portfolio, one grant, a grantee's return, and the rolled-up evaluation.

Grants are found only through `rules.scope(user, "grant")`, so a funder never reaches another funder's
grant (404, as if it did not exist) and no page names a person: every figure is a suppressed count.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from connected.casework.access import require, staff_context
from connected.casework.fields import error_list, macro_fields
from connected.core import audit, rules
from connected.core.auth_views.decorators import staff_required

from . import funds_presenters as present
from .files import download
from .forms_exports import GrantReturnForm
from .funds_models import Grant, GrantReturn
from .views_exports import FORMATS, _period_words, _query, period_form


def _grants(request: HttpRequest):
    return Grant.objects.filter(rules.scope(request.user, "grant")).select_related("funder")


def _grant(request: HttpRequest, pk: int, action: str) -> Grant:
    grant = _grants(request).filter(pk=pk).first()
    if grant is None:
        raise Http404
    if not rules.can(request.user, action, grant):
        raise PermissionDenied
    return grant


@require_safe
@staff_required
def portfolio(request: HttpRequest) -> HttpResponse:
    require(request, "view_funds")
    grants = list(_grants(request).prefetch_related("organisations", "services"))
    context = staff_context(request, page_title="Grants", grants=present.portfolio_rows(grants))
    return render(request, "evidence/portfolio.jinja", context)


@require_safe
@staff_required
def grant(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "view_funds")
    found = _grant(request, pk, "view_grant")
    form = period_form(request)
    start, end = form.period()
    context = staff_context(
        request,
        page_title=("Error: " if form.errors else "") + found.title,
        fields=macro_fields(form),
        errors=error_list(form),
        period=_period_words(start, end, "introduced"),
        may_return=rules.can(request.user, "enter_grant_return", found),
        **present.grant_page(found, start, end),
    )
    return render(request, "evidence/grant.jinja", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@staff_required
def return_new(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "view_funds")
    found = _grant(request, pk, "enter_grant_return")
    form = GrantReturnForm(request.POST or None, instance=GrantReturn(grant=found, entered_by=request.user))
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        audit.record(actor=request.user, action="create", obj=saved, why="grant return")
        messages.success(request, "Return saved")
        return redirect("evidence:grant", pk=found.pk)
    context = staff_context(
        request,
        page_title=("Error: " if form.errors else "") + "Add a return",
        title="Add a return",
        caption=found.title,
        fields=macro_fields(form),
        errors=error_list(form),
        action=request.path,
        button_text="Save return",
        back=f"/evidence/funds/grants/{found.pk}/",
    )
    return render(request, "evidence/form.jinja", context, status=400 if form.errors else 200)


@require_safe
@staff_required
def funds_evaluation(request: HttpRequest) -> HttpResponse:
    require(request, "view_funds")
    form = period_form(request)
    start, end = form.period()
    table = present.rollup_table(list(_grants(request)), start, end)
    context = staff_context(
        request,
        page_title=("Error: " if form.errors else "") + "Evaluation of your grants",
        fields=macro_fields(form),
        errors=error_list(form),
        query=_query(request),
        period=_period_words(start, end, "in returns or introductions"),
        rollup=table,  # not "table": that name is the NHS.UK table macro in every template
        chart=present.reach_chart(table),
    )
    return render(request, "evidence/funds_evaluation.jinja", context, status=400 if form.errors else 200)


@require_safe
@staff_required
def funds_download(request: HttpRequest, fmt: str) -> HttpResponse:
    require(request, "view_funds")
    if fmt not in FORMATS:
        raise Http404
    start, end = period_form(request).period()
    table = present.rollup_table(list(_grants(request)), start, end)
    words = _period_words(start, end, "in returns or introductions")
    return download([present.rollup_sheet(table, words)], "grants-evaluation", fmt)
