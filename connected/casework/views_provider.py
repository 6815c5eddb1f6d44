"""Providers' pages: the inbox of introductions, answering one, messaging the link worker, their listings and
corrections; and the directory manager's review of corrections (ADR 0026). Thin: rules.py decides, services
change, presenters shape. Every read of an introduction (and so of what a person shared) is in the audit log.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from connected.core import audit, rules
from connected.core.auth_views.decorators import staff_required
from connected.directory import corrections
from connected.directory.models import Service, ServiceCorrection

from . import listing_presenters, provider_presenters, provider_services
from .access import require, staff_context
from .fields import error_list, macro_fields
from .models import Introduction
from .provider_forms import AttendanceForm, CorrectionForm, DeclineForm, MessageForm, ReviewForm, days_initial
from .validation import IntakeError


def _introduction(request: HttpRequest, pk: int, action: str, *, why: str = "") -> Introduction:
    """The introduction if rules.py allows `action` on it: 404 if none, 403 and a `denied` event if not."""
    intro = (
        Introduction.objects.select_related("referral__person", "referral__scheme", "service", "created_by")
        .filter(pk=pk)
        .first()
    )
    if intro is None:
        raise Http404
    person_id = intro.referral.person_id
    if not rules.can(request.user, action, intro):
        audit.record(actor=request.user, action="denied", obj=intro, person_id=person_id, why=action)
        raise PermissionDenied
    if why:
        audit.record(actor=request.user, action="view", obj=intro, person_id=person_id, why=why)
    return intro


def _add_errors(form, error) -> None:
    for field, message in getattr(error, "errors", {"__all__": str(error)}).items():
        form.add_error(field if field in form.fields else None, message)


def _form_page(request, form, *, title: str, caption: str, back: str, button: str) -> HttpResponse:
    context = staff_context(
        request,
        page_title=("Error: " if form.errors else "") + title,
        title=title,
        caption=caption,
        back=back,
        fields=macro_fields(form),
        errors=error_list(form),
        button_text=button,
    )
    return render(request, "providers/form.jinja", context, status=400 if form.errors else 200)


@require_safe
@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    require(request, "answer_introductions")
    data = provider_presenters.inbox(request.user, tab=request.GET.get("tab", "open"), page=request.GET.get("page"))
    audit.record(actor=request.user, action="view", why="provider inbox", people_shown=data["people_shown"])
    return render(request, "providers/inbox.jinja", staff_context(request, page_title="Introductions", **data))


def _introduction_page(request, intro: Introduction, form: MessageForm) -> HttpResponse:
    context = staff_context(
        request,
        page_title=("Error: " if form.errors else "") + f"Introduction to {intro.service_name}",
        message_fields=macro_fields(form),
        errors=error_list(form),
        **provider_presenters.introduction_page(intro),
    )
    return render(request, "providers/introduction.jinja", context, status=400 if form.errors else 200)


@require_safe
@staff_required
def introduction(request: HttpRequest, pk: int) -> HttpResponse:
    intro = _introduction(request, pk, "view_introduction", why="provider introduction")
    return _introduction_page(request, intro, MessageForm())


@require_POST
@staff_required
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    intro = _introduction(request, pk, "answer_introduction")
    try:
        provider_services.introduction_accept(introduction=intro, by=request.user)
    except IntakeError as error:
        messages.warning(request, "; ".join(error.errors.values()))
    else:
        messages.success(request, "You accepted the introduction. The link worker can see this.")
    return redirect("providers:introduction", pk=intro.pk)


def _answer_form(request, pk: int, form_class, title: str, button: str, save) -> HttpResponse:
    intro = _introduction(request, pk, "answer_introduction", why="provider answer" if request.method == "GET" else "")
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            save(intro, form.cleaned_data)
        except IntakeError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{title}: saved. The link worker can see this.")
            return redirect("providers:introduction", pk=intro.pk)
    back = f"/providers/introductions/{intro.pk}/"
    return _form_page(request, form, title=title, caption=intro.service_name, back=back, button=button)


@require_http_methods(["GET", "POST"])
@staff_required
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    def save(intro, data):
        provider_services.introduction_decline(
            introduction=intro, by=request.user, reason=data["reason"], detail=data["detail"]
        )

    return _answer_form(request, pk, DeclineForm, "Decline the introduction", "Decline", save)


@require_http_methods(["GET", "POST"])
@staff_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    def save(intro, data):
        provider_services.introduction_attendance(
            introduction=intro, by=request.user, status=data["status"], reason=data["stopped_reason"]
        )

    return _answer_form(request, pk, AttendanceForm, "Record attendance", "Save attendance", save)


@require_POST
@staff_required
def message(request: HttpRequest, pk: int) -> HttpResponse:
    intro = _introduction(request, pk, "answer_introduction")
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            provider_services.introduction_message(
                introduction=intro, by=request.user, text=form.cleaned_data["text"], from_provider=True
            )
        except IntakeError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Message sent to the link worker")
            return redirect("providers:introduction", pk=intro.pk)
    audit.record(
        actor=request.user, action="view", obj=intro, person_id=intro.referral.person_id, why="provider introduction"
    )
    return _introduction_page(request, intro, form)


@require_safe
@staff_required
def listings(request: HttpRequest) -> HttpResponse:
    require(request, "answer_introductions")
    context = staff_context(request, page_title="Your listings", services=listing_presenters.listings(request.user))
    return render(request, "providers/listings.jinja", context)


@require_http_methods(["GET", "POST"])
@staff_required
def correct(request: HttpRequest, pk) -> HttpResponse:
    service = Service.objects.select_related("organization").filter(pk=pk).first()
    if service is None:
        raise Http404
    if not rules.can(request.user, "propose_correction", service):
        raise PermissionDenied
    now = corrections.current_values(service)
    form = CorrectionForm(
        request.POST if request.method == "POST" else None, initial=now | {"days": days_initial(now["days"])}
    )
    if request.method == "POST" and form.is_valid():
        try:
            corrections.correction_propose(
                service=service, by=request.user, values=form.values(), note=form.cleaned_data["note"]
            )
        except corrections.CorrectionError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Your correction to {service.name} is waiting for the directory team")
            return redirect("providers:listings")
    title = f"Correct {service.name}"
    return _form_page(request, form, title=title, caption="Your listings", back="/providers/listings/", button="Send")


@require_safe
@staff_required
def review_queue(request: HttpRequest) -> HttpResponse:
    require(request, "review_corrections")
    context = staff_context(request, page_title="Listing corrections", rows=listing_presenters.review_queue())
    return render(request, "providers/corrections.jinja", context)


@require_http_methods(["GET", "POST"])
@staff_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "review_corrections")
    correction = (
        ServiceCorrection.objects.select_related("service__organization", "service__feed").filter(pk=pk).first()
    )
    if correction is None:
        raise Http404
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                corrections.correction_approve(correction=correction, by=request.user)
            else:
                corrections.correction_reject(
                    correction=correction, by=request.user, reason=form.cleaned_data["review_note"]
                )
        except corrections.CorrectionError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Correction to {correction.service.name}: {form.cleaned_data['decision']}d")
            return redirect("providers:review_queue")
    context = staff_context(
        request,
        page_title=("Error: " if form.errors else "") + "Review a correction",
        fields=macro_fields(form),
        errors=error_list(form),
        **listing_presenters.review_page(correction),
    )
    return render(request, "providers/review.jinja", context, status=400 if form.errors else 200)
