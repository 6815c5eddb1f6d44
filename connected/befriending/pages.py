"""One way to show a befriending form page: errors summarised and beside each field, 400 when wrong."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from connected.casework.fields import error_list, macro_fields

from .access import nav


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's ValidationError onto the form: per field where the form has it, else at the top."""
    for field, messages in error.message_dict.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


def form_page(request: HttpRequest, form: forms.Form, *, title: str, button: str, **extra) -> HttpResponse:
    context = nav(
        request,
        page_title=("Error: " if form.errors else "") + title,
        title=title,
        fields=macro_fields(form),
        errors=error_list(form),
        button_text=button,
        **extra,
    )
    return render(request, "befriending/form.jinja", context, status=400 if form.errors else 200)
