"""The link worker's side of an introduction's thread: the provider's answers and messages, and a reply."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from connected.core.auth_views.decorators import staff_required

from . import provider_presenters, provider_services
from .access import get_referral, staff_context
from .fields import error_list, macro_fields
from .provider_forms import MessageForm
from .validation import IntakeError


@require_http_methods(["GET", "POST"])
@staff_required
def introduction_thread(request: HttpRequest, pk, intro_id: int) -> HttpResponse:
    referral = get_referral(request, pk, "manage_case", why="introduction thread" if request.method == "GET" else "")
    intro = get_object_or_404(referral.introductions.select_related("created_by"), pk=intro_id)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            provider_services.introduction_message(
                introduction=intro, by=request.user, text=form.cleaned_data["text"], from_provider=False
            )
        except IntakeError as error:
            for field, message in error.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, "Message sent to the provider")
            return redirect("casework:introduction_thread", pk=referral.pk, intro_id=intro.pk)
    context = staff_context(
        request,
        page_title=("Error: " if form.errors else "") + f"Messages about {intro.service_name}",
        referral=referral,
        person=referral.person,
        intro=intro,
        answer=intro.get_provider_answer_display() if intro.provider_answer else "No answer yet",
        shares=provider_presenters.shares(referral.person),
        entries=provider_presenters.entry_rows(intro),
        fields=macro_fields(form),
        errors=error_list(form),
    )
    return render(request, "casework/introduction_thread.jinja", context, status=400 if form.errors else 200)
