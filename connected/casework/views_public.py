"""The public self-referral page at /refer-yourself/: no account, plain words, routed by postcode."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from . import services
from .fields import error_list, macro_fields
from .forms import SelfReferralForm
from .validation import IntakeError
from .views_intake import intake_data
from .vocabulary import Source


@require_http_methods(["GET", "POST"])
def self_referral(request: HttpRequest) -> HttpResponse:
    form = SelfReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person, referral = intake_data(form.cleaned_data)
        try:
            made = services.referral_create(person=person, referral=referral, source=Source.SELF, actor_label="self")
        except IntakeError as error:
            for field, message in error.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            return render(
                request,
                "casework/self_referral_done.jinja",
                {"page_title": "We have your request", "scheme": made.scheme.name},
            )
    context = {
        "page_title": ("Error: " if form.errors else "") + "Ask for help from a link worker",
        "fields": macro_fields(form),
        "errors": error_list(form),
    }
    return render(request, "casework/self_referral.jinja", context, status=400 if form.errors else 200)
