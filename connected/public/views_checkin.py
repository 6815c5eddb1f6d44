"""The check-in pages: questions, about you, then results with tips, nearby activities and self-referral.

Nothing is stored: each page's answers go to the next in the POST, and the self-referral form is the
casework app's own (/refer-yourself/), reached with the postcode and a summary filled in for the person to
check. Only if they send it is anything kept, and routing to their local scheme is casework's.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from connected.casework.fields import macro_fields
from connected.casework.forms import HONEYPOT, SelfReferralForm
from connected.measures.forms import InstrumentForm, set_errors

from . import checkin, presenters, tips
from .checkin_forms import AboutYouForm, CheckIn, hidden_answers, loneliness_forms, wellbeing_form


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "public/checkin_start.jinja", {"page_title": "Check in on how you are feeling"})


@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest) -> HttpResponse:
    """Page 1: the UCLA 3 items then the ONS direct question. Valid answers move on to page 2."""
    forms_ = loneliness_forms(request.POST if request.method == "POST" else None)
    if request.method == "POST" and all([form.is_valid() for form in forms_]):
        return _about_page(request, hidden=hidden_answers(forms_), about=AboutYouForm(), status=200)
    errors = set_errors(forms_) if request.method == "POST" else []
    context = {
        "page_title": ("Error: " if errors else "") + "How you have been feeling",
        "forms": forms_,
        "errors": errors,
    }
    return render(request, "public/checkin_questions.jinja", context, status=400 if errors else 200)


def _about_page(
    request: HttpRequest,
    *,
    hidden: list[tuple[str, str]],
    about: AboutYouForm,
    status: int,
    wellbeing: InstrumentForm | None = None,
    errors: list[dict[str, str]] | tuple = (),
) -> HttpResponse:
    """Page 2, with page 1's answers in hidden fields (nothing is kept on the server between pages)."""
    context = {
        "page_title": ("Error: " if errors else "") + "About you",
        "hidden": hidden,
        "fields": macro_fields(about),
        "wellbeing": wellbeing or wellbeing_form(),
        "errors": list(errors),
    }
    return render(request, "public/checkin_about.jinja", context, status=status)


@require_POST
def results(request: HttpRequest) -> HttpResponse:
    """Page 2 posted: tips, nearby activities and the offer to refer, with urgent help first where needed."""
    submitted = CheckIn(request.POST)
    if not submitted.carried_ok:
        return redirect("public:checkin_questions")
    if not submitted.is_valid():
        hidden = hidden_answers(submitted.loneliness)
        return _about_page(
            request,
            hidden=hidden,
            about=submitted.about,
            wellbeing=submitted.wellbeing,
            errors=submitted.errors(),
            status=400,
        )
    profile = submitted.about.profile()
    outcome = checkin.assess(submitted.answers(), profile)
    place = submitted.about.place
    now = timezone.localtime()
    cards = [presenters.result_card(r, now) for r in checkin.nearby(place, profile.connect)]
    more = {"postcode": submitted.about.cleaned_data.get("postcode", "")}
    more_query = urlencode([*more.items(), *(("delivery", c) for c in profile.connect)])
    context = {
        "page_title": "Your check-in",
        "outcome": outcome,
        "urgent": tips.content().urgent,
        "cards": cards,
        "place": presenters.place_name(place) if place else "",
        "find_url": f"{reverse('public:find')}?{more_query}",
        "postcode": more["postcode"],
        "attribution": presenters.postcode_attribution() if place else "",
    }
    return render(request, "public/checkin_results.jinja", context)


@require_POST
def refer(request: HttpRequest) -> HttpResponse:
    """The self-referral form, filled in with what the check-in knows; it posts to /refer-yourself/."""
    summary = request.POST.get("summary", "")[:500]
    form = SelfReferralForm(initial={"postcode": request.POST.get("postcode", "")[:10], "reason": summary})
    context = {
        "page_title": "Ask for help from a link worker",
        "fields": [f for f in macro_fields(form) if f["name"] != HONEYPOT],
        "honeypot": HONEYPOT,
        "action": reverse("refer_yourself"),
    }
    return render(request, "public/checkin_refer.jinja", context)
