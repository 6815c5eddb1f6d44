"""The public self-referral page at /refer-yourself/: no account, plain words, routed by postcode.

It resists abuse (docs/adr/0022-public-form-abuse.md): posts are limited per
client address, a honeypot field catches simple bots without telling them,
an identical resubmission shows the first confirmation, and the confirmation
is a page of its own (Post/Redirect/Get) so a refresh sends nothing again.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from connected.core import throttle

from . import routing, services
from .fields import error_list, macro_fields
from .forms import HONEYPOT, SelfReferralForm
from .validation import IntakeError
from .views_intake import intake_data
from .vocabulary import Source

SCOPE = "self-referral"
SENT = "self_referral_sent"  # session key: what the confirmation page shows (the scheme's name; nothing personal)


@require_http_methods(["GET", "POST"])
def self_referral(request: HttpRequest) -> HttpResponse:
    form = SelfReferralForm(request.POST or None)
    if request.method == "POST" and form.is_trap():
        postcode = request.POST.get("postcode", "")
        name = _scheme_name(postcode)
        return _refused(request) or (_sent(request, scheme=name) if name else _not_covered(request, postcode))
    if request.method == "POST" and form.is_valid():
        refused = _refused(request)
        if refused:
            return refused
        person, referral = intake_data(form.cleaned_data)
        window = dt.timedelta(seconds=settings.PUBLIC_FORM_RESUBMIT_WINDOW_SECONDS)
        try:
            made = services.referral_create(
                person=person,
                referral=referral,
                source=Source.SELF,
                actor_label="self",
                resubmit_window=window,
                unassigned_ok=False,
            )
        except routing.NotCovered as error:
            return _not_covered(request, error.postcode)
        except IntakeError as error:
            for field, message in error.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            return _sent(request, scheme=made.scheme.name)
    context = {
        "page_title": ("Error: " if form.errors else "") + "Ask for help from a link worker",
        "fields": [f for f in macro_fields(form) if f["name"] != HONEYPOT],
        "errors": error_list(form),
        "honeypot": HONEYPOT,
    }
    return render(request, "casework/self_referral.jinja", context, status=400 if form.errors else 200)


@require_safe
def self_referral_sent(request: HttpRequest) -> HttpResponse:
    """The confirmation, from the session: refreshing it shows it again and sends nothing."""
    summary = request.session.get(SENT)
    if not summary:
        return redirect("refer_yourself")
    return render(
        request,
        "casework/self_referral_done.jinja",
        {"page_title": "We have your request", "scheme": summary.get("scheme", "")},
    )


def _sent(request: HttpRequest, *, scheme: str) -> HttpResponse:
    request.session[SENT] = {"scheme": scheme}
    return redirect("refer_yourself_sent")


def _refused(request: HttpRequest) -> HttpResponse | None:
    """Count this post against the client's address; a 429 page once it is over the limit, else None."""
    verdict = throttle.allow(
        scope=SCOPE,
        address=throttle.client_address(request),
        limit=settings.PUBLIC_FORM_RATE_LIMIT,
        window=dt.timedelta(seconds=settings.PUBLIC_FORM_RATE_WINDOW_SECONDS),
    )
    if verdict.allowed:
        return None
    minutes = max(1, -(-verdict.retry_after // 60))
    context = {"page_title": "You have sent this form too many times", "minutes": minutes}
    response = render(request, "casework/self_referral_limited.jinja", context, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


def _not_covered(request: HttpRequest, postcode: str) -> HttpResponse:
    """The truth when no scheme covers the person (ADR 0035): nothing kept, and where else to turn."""
    shown = " ".join(postcode.split()).upper()[:10]
    context = {"page_title": "No social prescribing scheme in Connected covers your area yet", "postcode": shown}
    return render(request, "casework/self_referral_not_covered.jinja", context)


def _scheme_name(postcode: str) -> str:
    """The scheme a real referral from this postcode would reach, so a bot's answer looks the same."""
    found = routing.route(postcode=postcode.strip().upper())
    return found.scheme.name if found.scheme else ""
