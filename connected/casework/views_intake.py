"""Referrers' pages: the one-page referral form, "My referrals", and one referral's status (no case notes)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from connected.core import audit, rules
from connected.core.auth_views.decorators import staff_required

from . import caseload_presenters, presenters, selectors, services, submission
from .access import get_referral, require, staff_context
from .caseload_query import PAGE_SIZE, search_q
from .fields import error_list, macro_fields
from .forms import ReferralForm
from .intake_presenters import sent_summary
from .validation import IntakeError
from .vocabulary import Source

# A referrer's job title (from their membership) says which source the referral is from.
_SOURCE_WORDS = {
    "gp": Source.GP,
    "doctor": Source.GP,
    "nurse": Source.NURSE,
    "social worker": Source.SOCIAL_WORKER,
    "health visitor": Source.HEALTH_VISITOR,
    "midwife": Source.MIDWIFE,
    "pharmacist": Source.PHARMACIST,
    "work coach": Source.JOBCENTRE,
    "jobcentre": Source.JOBCENTRE,
}


def source_for(user) -> str:
    membership = rules.membership_of(user)
    title = (membership.job_title if membership else "").lower()
    for word, source in _SOURCE_WORDS.items():
        if word in title:
            return source
    if membership and membership.organisation.kind == "charity":
        return Source.VOLUNTARY
    return Source.OTHER


def intake_data(data: dict) -> tuple[dict, dict]:
    """Split a cleaned intake form into person and referral details."""
    person = {
        k: data.get(k)
        for k in (
            "given_name",
            "family_name",
            "date_of_birth",
            "nhs_number",
            "postcode",
            "phone",
            "email",
            "contact_methods",
            "best_times",
            "gp_practice_code",
            "gp_practice_name",
            "gender",
            "ethnic_category",
        )
        if k in data
    }
    person = {k: v for k, v in person.items() if v is not None}
    referral = {k: data.get(k) for k in ("needs", "reason", "hopes", "urgency", "consent_given") if k in data}
    return person, referral


@require_http_methods(["GET", "POST"])
@staff_required
def referral_new(request: HttpRequest) -> HttpResponse:
    require(request, "create_referral")
    form = ReferralForm(request.POST or None)
    repeated = submission.done_before(request) if request.method == "POST" else None
    if repeated:
        return redirect(repeated)  # the same referral posted twice: the first one was sent
    if request.method == "POST" and form.is_valid():
        person, referral = intake_data(form.cleaned_data)
        try:
            made = services.referral_create(
                person=person, referral=referral, source=source_for(request.user), referrer=request.user
            )
        except IntakeError as error:
            for field, message in error.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            target = reverse("casework:referral_status", args=[made.pk]) + "?sent=1"
            submission.remember(request, target)
            return redirect(target)
    context = staff_context(
        request,
        page_title=("Error: " if form.errors else "") + "Make a referral",
        fields=macro_fields(form),
        errors=error_list(form),
        submission_key=submission.key_of(request),
    )
    return render(request, "casework/referral_new.jinja", context, status=400 if form.errors else 200)


@require_safe
@staff_required
def my_referrals(request: HttpRequest) -> HttpResponse:
    require(request, "create_referral")
    query = " ".join(request.GET.get("q", "").split())[:100]
    found = selectors.my_referrals(request.user).filter(search_q(query)).order_by("-received_at", "pk")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record(actor=request.user, action="view", why="my referrals", people_shown=[r.person_id for r in page])
    context = staff_context(
        request,
        page_title="My referrals",
        rows=[presenters.referral_row(r) for r in page],
        q=query,
        total=page.paginator.count,
        page_note=f"Page {page.number} of {page.paginator.num_pages}" if page.paginator.num_pages > 1 else "",
        pager=caseload_presenters.pagination(request.GET, page),
    )
    return render(request, "casework/my_referrals.jinja", context)


@require_safe
@staff_required
def referral_status(request: HttpRequest, pk) -> HttpResponse:
    """What became of a referral: status and dates. Link workers are sent on to the case page."""
    referral = get_referral(request, pk, "view_referral")
    if rules.can(request.user, "view_case", referral):
        return redirect("casework:case", pk=referral.pk)
    audit.record(actor=request.user, action="view", obj=referral, person_id=referral.person_id, why="referral status")
    context = staff_context(request, page_title="Referral", **presenters.referral_status(referral))
    context["sent"] = sent_summary(referral) if request.GET.get("sent") == "1" else None
    return render(request, "casework/referral_status.jinja", context)
