"""The commitments tracker (dashboard, a commitment and its history) and the annual progress report."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from connected.casework.access import require, staff_context
from connected.casework.fields import error_list, macro_fields
from connected.core.auth_views.decorators import staff_required

from . import annual, commitments
from .forms import CommitmentForm, UpdateForm
from .models import Commitment, Milestone
from .pdf import pdf_response
from .vocabulary import STATUS_TAG, CommitmentStatus

FIRST_YEAR = 2018  # the strategy's year: no report before it


@require_safe
@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    require(request, "track_commitments")
    status = request.GET.get("status", "")
    lead = request.GET.get("lead", "")
    everything = list(Commitment.objects.select_related("strategy", "owner"))
    shown = [c for c in everything if (not status or c.status == status) and (not lead or c.lead == lead)]
    today = timezone.localdate()
    rows = [
        {
            "c": c,
            "status": c.get_status_display(),
            "tag": STATUS_TAG[c.status],
            "due": c.update_due_on(),
            "overdue": c.status != CommitmentStatus.COMPLETE and c.update_due_on() <= today,
        }
        for c in shown
    ]
    title = "Strategy commitments"
    context = staff_context(request, page_title=title, title=title, rows=rows, status=status, lead=lead)
    context |= {
        "summary": commitments.dashboard(everything),
        "statuses": CommitmentStatus.choices,
        "leads": sorted({c.lead for c in everything}),
    }
    return render(request, "policy/dashboard.jinja", context)


@require_http_methods(["GET", "POST"])
@staff_required
def commitment(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "track_commitments")
    c = get_object_or_404(Commitment.objects.select_related("strategy", "owner"), pk=pk)
    form = UpdateForm(request.POST or None, initial={"status": c.status})
    if request.method == "POST" and form.is_valid():
        commitments.commitment_update_add(commitment=c, author=request.user, when=None, **form.cleaned_data)
        messages.success(request, "Update saved")
        return redirect("policy:commitment", pk=c.pk)
    title = f"Commitment {c.reference}"
    context = staff_context(request, page_title=title, title=title, c=c, status_tag=STATUS_TAG[c.status])
    context |= {
        "updates": list(c.updates.select_related("author")),
        "milestones": list(c.milestones.all()),
        "fields": macro_fields(form),
        "errors": error_list(form) if form.is_bound else [],
        "today": timezone.localdate(),
        "tags": STATUS_TAG,
    }
    return render(request, "policy/commitment.jinja", context)


@require_http_methods(["GET", "POST"])
@staff_required
def commitment_new(request: HttpRequest) -> HttpResponse:
    """A policy lead adds a commitment and owns it; strategies themselves are set up in the admin."""
    require(request, "track_commitments")
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        c = commitments.commitment_create(owner=request.user, **form.cleaned_data)
        messages.success(request, "Commitment added")
        return redirect("policy:commitment", pk=c.pk)
    title = "Add a commitment"
    context = staff_context(request, page_title=title, title=title, subtitle="", back="/policy/commitments/")
    context |= {"fields": macro_fields(form), "errors": error_list(form) if form.is_bound else []}
    context["button_text"] = "Add commitment"
    return render(request, "policy/form.jinja", context)


@require_POST
@staff_required
def milestone_done(request: HttpRequest, pk: int, milestone_id: int) -> HttpResponse:
    require(request, "track_commitments")
    milestone = get_object_or_404(Milestone, pk=milestone_id, commitment_id=pk)
    commitments.milestone_done(milestone=milestone, on=timezone.localdate())
    messages.success(request, f"Milestone met: {milestone.title}")
    return redirect("policy:commitment", pk=pk)


def _year(request: HttpRequest) -> tuple[int, str]:
    """The year asked for, or the last whole year; a message for anything else."""
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "").strip()
    if not raw:
        return this_year - 1, ""
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= this_year:
        return this_year - 1, f"Enter a year from {FIRST_YEAR} to {this_year}, like {this_year - 1}"
    return int(raw), ""


@require_safe
@staff_required
def report(request: HttpRequest) -> HttpResponse:
    require(request, "track_commitments")
    year, error = _year(request)
    built = annual.build(year)
    title = built.title
    context = staff_context(request, page_title=title, title=title, report=built, tags=STATUS_TAG, error=error)
    context["years"] = list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))
    return render(request, "policy/report.jinja", context)


@require_safe
@staff_required
def report_pdf(request: HttpRequest, year: int) -> HttpResponse:
    require(request, "track_commitments")
    this_year = timezone.localdate().year
    year = min(max(year, FIRST_YEAR), this_year)
    built = annual.build(year)
    return pdf_response(request, "policy/pdf_report.jinja", {"report": built}, f"loneliness-annual-report-{year}.pdf")
