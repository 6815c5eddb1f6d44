"""Link workers' pages: caseload, the case page, and the actions on a case (contact, plan, introductions,
tasks, accept/decline, discharge). Thin: forms check, services change, presenters shape."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from connected.core import rules
from connected.core.auth_views.decorators import staff_required

from . import case_lifecycle, caseload_presenters, presenters, provider_presenters, services, submission
from .access import get_referral, staff_context
from .fields import error_list, macro_fields
from .forms import ContactForm, ConversationForm, DeclineForm, DischargeForm, IntroductionStatusForm, TaskForm
from .validation import IntakeError
from .vocabulary import Status


@require_safe
@staff_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its first page."""
    if rules.can(request.user, "work_cases"):
        return redirect("casework:caseload")
    if rules.can(request.user, "create_referral"):
        return redirect("casework:my_referrals")
    if rules.can(request.user, "view_aggregates"):
        return redirect("/evidence/")  # the evidence report (connected.evidence, right of casework)
    if rules.can(request.user, "answer_introductions"):
        return redirect("providers:inbox")
    if rules.can(request.user, "review_corrections"):
        return redirect("providers:review_queue")
    if rules.can(request.user, "view_funds"):
        return redirect("/evidence/funds/")  # evidence sits right of casework: a path, not an import
    if rules.can(request.user, "screen_policies"):
        return redirect("/policy/")  # the Loneliness Tests (connected.policy, right of casework)
    if rules.can(request.user, "coordinate_befriending") or rules.can(request.user, "view_concerns"):
        return redirect("/befriending/")  # befriending sits right of casework too; it sends each of its roles on
    if rules.can(request.user, "befriend"):
        return redirect("/befriending/mine/")
    return render(request, "casework/no_role.jinja", staff_context(request, page_title="No access yet"), status=403)


@require_safe
@staff_required
def case(request: HttpRequest, pk) -> HttpResponse:
    referral = get_referral(request, pk, "view_case", why="case page")
    context = presenters.case_page(referral, request.user)
    context["introductions"] = provider_presenters.case_introductions(referral)  # with providers' answers
    context["reassign"] = caseload_presenters.reassign_field(referral, request.user)
    return render(request, "casework/case.jinja", staff_context(request, page_title="Case", **context))


def refuse_closed(request: HttpRequest, referral) -> HttpResponse:
    """Nothing is added to a closed case: say so on the case page, where the reopen button is."""
    messages.warning(request, case_lifecycle.CLOSED_MESSAGE)
    return redirect("casework:case", pk=referral.pk)


def _form_page(request, referral, form, *, title: str, action: str, button: str, extra=None) -> HttpResponse:
    context = staff_context(
        request,
        page_title=("Error: " if form.errors else "") + title,
        title=title,
        fields=macro_fields(form),
        errors=error_list(form),
        action=action,
        button_text=button,
        referral=referral,
        person=referral.person,
        submission_key=submission.key_of(request),
        **(extra or {}),
    )
    return render(request, "casework/case_form.jinja", context, status=400 if form.errors else 200)


def _case_action(request, pk, form_class, title, button, save, *, open_only=True):
    referral = get_referral(request, pk, "manage_case", why="case form" if request.method == "GET" else "")
    if open_only and not referral.is_open:
        return refuse_closed(request, referral)
    form = form_class(request.POST or None)
    repeated = submission.done_before(request) if request.method == "POST" else None
    if repeated:
        return redirect(repeated)  # the same form posted twice: the first one was saved
    if request.method == "POST" and form.is_valid():
        try:
            save(referral, form.cleaned_data)
        except (IntakeError, services.TransitionError) as error:
            for field, message in getattr(error, "errors", {"__all__": str(error)}).items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, f"{title}: saved")
            target = reverse("casework:case", args=[referral.pk])
            submission.remember(request, target)
            return redirect(target)
    return _form_page(request, referral, form, title=title, action=request.path, button=button)


@require_http_methods(["GET", "POST"])
@staff_required
def contact_new(request: HttpRequest, pk) -> HttpResponse:
    def save(referral, data):
        services.contact_record(
            referral=referral,
            by=request.user,
            mode=data["mode"],
            at=data.get("at"),
            duration_minutes=data.get("duration_minutes"),
            notes=data.get("notes", ""),
        )

    return _case_action(request, pk, ContactForm, "Record a contact", "Save contact", save)


@require_http_methods(["GET", "POST"])
@staff_required
def conversation_new(request: HttpRequest, pk) -> HttpResponse:
    def save(referral, data):
        services.conversation_record(referral=referral, by=request.user, **data)

    return _case_action(request, pk, ConversationForm, "What matters to me", "Save", save)


@require_http_methods(["GET", "POST"])
@staff_required
def task_new(request: HttpRequest, pk) -> HttpResponse:
    def save(referral, data):
        services.task_create(referral=referral, by=request.user, description=data["description"], due_on=data["due_on"])

    return _case_action(request, pk, TaskForm, "Add a task or reminder", "Add task", save)


@require_POST
@staff_required
def task_done(request: HttpRequest, pk, task_id: int) -> HttpResponse:
    referral = get_referral(request, pk, "manage_case")
    if not referral.is_open:
        return refuse_closed(request, referral)
    task = get_object_or_404(referral.tasks, pk=task_id)
    services.task_complete(task=task, by=request.user)
    return redirect("casework:case", pk=referral.pk)


@require_http_methods(["GET", "POST"])
@staff_required
def discharge(request: HttpRequest, pk) -> HttpResponse:
    def save(referral, data):
        services.referral_close(referral=referral, by=request.user, outcome=data["outcome"], notes=data["notes"])

    return _case_action(request, pk, DischargeForm, "Close the case", "Close case", save)


@require_http_methods(["GET", "POST"])
@staff_required
def decline(request: HttpRequest, pk) -> HttpResponse:
    def save(referral, data):
        services.referral_decline(referral=referral, by=request.user, reason=data["reason"])

    return _case_action(request, pk, DeclineForm, "Decline the referral", "Decline referral", save)


@require_POST
@staff_required
def accept(request: HttpRequest, pk) -> HttpResponse:
    referral = get_referral(request, pk, "manage_case")
    if referral.status == Status.RECEIVED:
        services.referral_accept(referral=referral, by=request.user)
        messages.success(request, "Referral accepted")
    return redirect("casework:case", pk=referral.pk)


@require_http_methods(["GET", "POST"])
@staff_required
def introduction_new(request: HttpRequest, pk) -> HttpResponse:
    """Suggest an activity: choosing one is matching's page (right of casework: a path, not an import); a
    posted choice of a listed activity is made here."""
    referral = get_referral(request, pk, "manage_case", why="case form" if request.method == "GET" else "")
    if not referral.is_open:
        return refuse_closed(request, referral)
    if request.method == "POST":
        service = presenters.find_service(request.POST.get("service", ""))
        try:
            if service is None:
                raise IntakeError({"service": "Choose an activity from the list"})
            services.introduction_create(referral=referral, by=request.user, service=service)
        except IntakeError as error:
            messages.error(request, error.errors["service"])
            return redirect(request.path)  # post/redirect/get: the message shows on the suggestions page
        messages.success(request, "Introduction suggested")
        return redirect("casework:case", pk=referral.pk)
    return redirect(f"/matching/cases/{referral.pk}/")


@require_http_methods(["GET", "POST"])
@staff_required
def introduction_update(request: HttpRequest, pk, intro_id: int) -> HttpResponse:
    referral = get_referral(request, pk, "manage_case")
    if not referral.is_open:
        return refuse_closed(request, referral)
    intro = get_object_or_404(referral.introductions, pk=intro_id)
    form = IntroductionStatusForm(request.POST or None, initial={"status": intro.status})
    if request.method == "POST" and form.is_valid():
        services.introduction_update(
            introduction=intro,
            by=request.user,
            status=form.cleaned_data["status"],
            stopped_reason=form.cleaned_data["stopped_reason"],
        )
        return redirect("casework:case", pk=referral.pk)
    return _form_page(
        request, referral, form, title=f"Introduction: {intro.service_name}", action=request.path, button="Save"
    )


@require_safe
@staff_required
def overview(request: HttpRequest) -> HttpResponse:
    """The old counts page: the evidence report (connected.evidence) has taken its place."""
    from .access import require

    require(request, "view_aggregates")
    return redirect("/evidence/")
