"""The public application form for new volunteers at /befriending/volunteer/ (no account needed).

It resists abuse as the self-referral form does (ADR 0022): posts limited per address, a honeypot, and
a confirmation page of its own so a refresh sends nothing again.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from connected.casework.fields import error_list, macro_fields
from connected.core import throttle

from . import services
from .forms import HONEYPOT, ApplicationForm
from .pages import add_errors

SENT = "befriending_application_sent"


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and (form.is_trap() or form.is_valid()):
        refused = _refused(request)
        if refused:
            return refused
        if form.is_trap():
            return _sent(request)
        try:
            services.volunteer_apply(data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _sent(request)
    context = {
        "page_title": ("Error: " if form.errors else "") + "Volunteer as a befriender",
        "fields": [f for f in macro_fields(form) if f["name"] != HONEYPOT],
        "errors": error_list(form),
        "honeypot": HONEYPOT,
    }
    return render(request, "befriending/apply.jinja", context, status=400 if form.errors else 200)


@require_safe
def applied(request: HttpRequest) -> HttpResponse:
    if not request.session.get(SENT):
        return redirect("befriending:apply")
    return render(request, "befriending/applied.jinja", {"page_title": "Thank you for offering to befriend"})


def _sent(request: HttpRequest) -> HttpResponse:
    request.session[SENT] = True
    return redirect("befriending:applied")


def _refused(request: HttpRequest) -> HttpResponse | None:
    verdict = throttle.allow(
        scope="volunteer-application",
        address=throttle.client_address(request),
        limit=settings.PUBLIC_FORM_RATE_LIMIT,
        window=dt.timedelta(seconds=settings.PUBLIC_FORM_RATE_WINDOW_SECONDS),
    )
    if verdict.allowed:
        return None
    context = {"page_title": "You have sent this form too many times", "minutes": max(1, -(-verdict.retry_after // 60))}
    response = render(request, "casework/self_referral_limited.jinja", context, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response
