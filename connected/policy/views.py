"""Loneliness Test pages: the library, the steps of a test, its record (HTML and PDF), the published view.

Staff pages need `screen_policies` (rules.py); the published library and records are public and show
only signed-off tests marked public, without internal notes.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from connected.casework.access import require, staff_context
from connected.casework.fields import error_list, macro_fields
from connected.core.auth_views.decorators import staff_required

from . import presenters, screening
from .forms import AboutForm, EffectForm, MitigationForm, SignOffForm
from .models import LonelinessTest
from .pdf import pdf_response
from .vocabulary import Section, TestStatus

SECTIONS = {"routes": Section.ROUTE, "groups": Section.GROUP}


def _test(request: HttpRequest, pk: int, *, draft: bool = False) -> LonelinessTest:
    require(request, "screen_policies")
    test = get_object_or_404(LonelinessTest, pk=pk)
    if draft and test.signed_off:
        raise PermissionDenied  # the pages that change a test are closed once it is signed off
    return test


def _page(request: HttpRequest, template: str, title: str, **context) -> HttpResponse:
    return render(request, template, staff_context(request, page_title=title, title=title, **context))


@require_safe
@staff_required
def index(request: HttpRequest) -> HttpResponse:
    require(request, "screen_policies")
    query = request.GET.get("q", "").strip()[:200]
    rows = presenters.library_rows(presenters.library(query, public_only=False), published=False)
    return _page(request, "policy/library.jinja", "Loneliness Tests", rows=rows, query=query, published=False)


def _questions(test: LonelinessTest | None) -> dict[str, str]:
    """The wording of "what" and "who" this test asks (its own versions, or the current ones for a new test)."""
    if test is None:
        return {q.key: q.text for q in screening.current_questions() if q.section == Section.ABOUT}
    return {a.question.key: a.question.text for a in test.answers.filter(question__section=Section.ABOUT)}


@require_http_methods(["GET", "POST"])
@staff_required
def about(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Step 1, for a new test or a draft: what the policy is, who it affects, the places it names."""
    test = _test(request, pk, draft=True) if pk else None
    require(request, "screen_policies")
    initial = {}
    if test is not None:
        texts = {a.question.key: a.text for a in test.answers.select_related("question")}
        initial = {k: getattr(test, k) for k in screening.ABOUT_FIELDS} | {"what": texts.get("what", "")}
        initial["who"] = texts.get("who", "")
    form = AboutForm(request.POST or None, initial=initial, questions=_questions(test))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        about_ = {k: data[k] for k in screening.ABOUT_FIELDS}
        if test is None:
            test = screening.test_create(user=request.user, about=about_, what=data["what"], who=data["who"])
        else:
            screening.test_update(test=test, about=about_, what=data["what"], who=data["who"])
        return redirect("policy:effects", pk=test.pk, section="routes")
    title = "About the policy" if test else "Start a Loneliness Test"
    return _page(
        request,
        "policy/form.jinja",
        title,
        subtitle=test.title if test else "",
        fields=macro_fields(form),
        errors=error_list(form),
        button_text="Save and continue",
        back=f"/policy/tests/{test.pk}/" if test else "/policy/",
    )


@require_http_methods(["GET", "POST"])
@staff_required
def effects(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    """Steps 2 and 3: rate the effect through each route, then on each group at higher risk."""
    test = _test(request, pk, draft=True)
    if section not in SECTIONS:
        raise Http404
    answers = list(test.answers.filter(question__section=SECTIONS[section]).select_related("question"))
    data = request.POST if request.method == "POST" else None
    forms = [
        EffectForm(
            data,
            answer=a,
            initial={f: getattr(a, f) for f in ("direction", "size", "confidence", "evidence", "reasons")},
        )
        for a in answers
    ]
    if data is not None and all(f.is_valid() for f in forms):
        screening.answers_rate(test=test, ratings={f.answer.pk: f.cleaned_data for f in forms})
        nxt = "policy:effects" if section == "routes" else "policy:mitigations"
        return redirect(nxt, pk=test.pk, **({"section": "groups"} if section == "routes" else {}))
    blocks = [{"question": f.answer.question, "fields": macro_fields(f)} for f in forms]
    errors = [e for f in forms for e in error_list(f)] if data is not None else []
    title = "Effects on social connection" if section == "routes" else "Groups at higher risk of loneliness"
    return _page(request, "policy/effects.jinja", title, subtitle=test.title, test=test, blocks=blocks, errors=errors)


@require_http_methods(["GET", "POST"])
@staff_required
def mitigations(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 4: what will be done about effects that reduce connection, and who owns each action."""
    test = _test(request, pk, draft=True)
    form = MitigationForm(request.POST if "action" in request.POST else None)
    if request.method == "POST" and "remove" in request.POST:
        raw = request.POST["remove"]
        if raw.isdigit():
            screening.mitigation_remove(test=test, mitigation_id=int(raw))
        return redirect("policy:mitigations", pk=test.pk)
    if form.is_bound and form.is_valid():
        screening.mitigation_add(test=test, **form.cleaned_data)
        messages.success(request, "Mitigation added")
        return redirect("policy:mitigations", pk=test.pk)
    harms = [
        presenters.effect_row(a)
        for a in test.answers.select_related("question").filter(direction__in=("negative", "mixed"))
    ]
    return _page(
        request,
        "policy/mitigations.jinja",
        "Mitigations",
        subtitle=test.title,
        test=test,
        harms=harms,
        items=list(test.mitigations.all()),
        fields=macro_fields(form),
        errors=error_list(form) if form.is_bound else [],
    )


@require_http_methods(["GET", "POST"])
@staff_required
def sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    test = _test(request, pk, draft=True)
    form = SignOffForm(request.POST or None)
    problems = screening.problems(test)
    if request.method == "POST" and form.is_valid() and not problems:
        data = form.cleaned_data
        screening.test_sign_off(
            test=test, user=request.user, signer_name=data["signer_name"], signer_role=data["signer_role"]
        )
        messages.success(request, "The test is signed off. Its record can no longer be changed.")
        return redirect("policy:record", pk=test.pk)
    errors = [{"text": p, "href": "#problems"} for p in problems] if request.method == "POST" else []
    return _page(
        request,
        "policy/sign_off.jinja",
        "Sign off the test",
        subtitle=test.title,
        test=test,
        problems=problems,
        fields=macro_fields(form),
        errors=errors + error_list(form) if form.is_bound else errors,
    )


@require_safe
@staff_required
def record(request: HttpRequest, pk: int) -> HttpResponse:
    test = _test(request, pk)
    context = presenters.record(test, published=False)
    return _page(request, "policy/record.jinja", test.title, **context)


@require_safe
@staff_required
def record_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    test = _test(request, pk)
    context = presenters.record(test, published=False)
    return pdf_response(request, "policy/pdf_record.jinja", context, f"loneliness-test-{test.pk}.pdf")


@require_POST
@staff_required
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    test = _test(request, pk)
    screening.test_publish(test=test, public=request.POST.get("public") == "1")
    messages.success(request, "Published" if test.is_public else "No longer published")
    return redirect("policy:record", pk=test.pk)


def _published(pk: int) -> LonelinessTest:
    return get_object_or_404(LonelinessTest, pk=pk, is_public=True, status=TestStatus.SIGNED_OFF)


@require_safe
def published_library(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    rows = presenters.library_rows(presenters.library(query, public_only=True), published=True)
    title = "Published Loneliness Tests"
    context = {"page_title": title, "title": title, "rows": rows, "query": query, "published": True}
    return render(request, "policy/library.jinja", context)


@require_safe
def published(request: HttpRequest, pk: int) -> HttpResponse:
    test = _published(pk)
    context = presenters.record(test, published=True) | {"page_title": test.title, "title": test.title}
    return render(request, "policy/record.jinja", context)


@require_safe
def published_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    test = _published(pk)
    context = presenters.record(test, published=True)
    return pdf_response(request, "policy/pdf_record.jinja", context, f"loneliness-test-{test.pk}.pdf")
