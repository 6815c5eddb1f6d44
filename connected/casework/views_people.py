"""A person's record: details, edit, subject access export and erasure."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from connected.core import audit
from connected.core.auth_views.decorators import staff_required

from . import erasure, export, presenters, services
from .access import get_person, staff_context
from .fields import error_list, macro_fields
from .forms import PersonForm
from .validation import IntakeError


@require_safe
@staff_required
def person(request: HttpRequest, pk) -> HttpResponse:
    subject = get_person(request, pk, "view_person", why="person page")
    return render(
        request,
        "casework/person.jinja",
        staff_context(request, page_title="Person", **presenters.person_page(subject, request.user)),
    )


@require_http_methods(["GET", "POST"])
@staff_required
def person_edit(request: HttpRequest, pk) -> HttpResponse:
    subject = get_person(request, pk, "edit_person", why="person edit")
    initial = {f: getattr(subject, f) for f in PersonForm.base_fields}
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=subject, by=request.user, data=form.cleaned_data)
        except IntakeError as error:
            for field, message in error.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, "Details saved")
            return redirect("casework:person", pk=subject.pk)
    context = staff_context(
        request,
        page_title=("Error: " if form.errors else "") + "Change details",
        title="Change details",
        fields=macro_fields(form),
        errors=error_list(form),
        action=request.path,
        button_text="Save details",
        person=subject,
        referral=None,
    )
    return render(request, "casework/case_form.jinja", context, status=400 if form.errors else 200)


@require_safe
@staff_required
def person_export(request: HttpRequest, pk) -> HttpResponse:
    """Subject access request: everything held about the person, as JSON."""
    subject = get_person(request, pk, "export_person")
    audit.record(actor=request.user, action="export", obj=subject, person_id=subject.pk, why="subject access")
    body = json.dumps(export.person_export(subject), indent=2, default=str)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{subject.pk}.json"'
    return response


@require_http_methods(["GET", "POST"])
@staff_required
def person_erase(request: HttpRequest, pk) -> HttpResponse:
    subject = get_person(request, pk, "erase_person", why="erase form" if request.method == "GET" else "")
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") == "erase":
            erasure.person_erase(person=subject, by=request.user, why="erasure request")
            messages.success(request, "The person's details have been erased")
            return redirect("casework:caseload")
        error = "Confirm that you want to erase this person's details"
    context = staff_context(
        request, page_title=("Error: " if error else "") + "Erase details", person=subject, error=error
    )
    return render(request, "casework/person_erase.jinja", context, status=400 if error else 200)
