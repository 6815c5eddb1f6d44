"""Pages for refusals: 403 (not allowed), and a form that could not be checked (CSRF), in the design system.

Each says in plain words why, and gives a way back (ADR 0033). The 404 and 500 pages live in views.py.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

GENERAL = (
    "Your account does not let you open this page. Records belong to one scheme, and each role sees only "
    "what its work needs."
)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Why the page was refused (the reason the check gave, else the general rule) and where to go next."""
    reason = str(exception) if isinstance(exception, PermissionDenied) and str(exception) else GENERAL
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    context = {
        "page_title": "You cannot open this page",
        "reason": reason,
        "signed_in": signed_in,
        "back": "/casework/" if signed_in else "/",
        "back_text": "Go to your start page" if signed_in else "Go to the start page",
    }
    return render(request, "403.jinja", context, status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form posted without its security check (often: it was open too long, or cookies are blocked)."""
    context = {
        "page_title": "Your form could not be sent",
        "reason": (
            "The page was open too long, or your browser blocks cookies from this site. Nothing you entered "
            "was saved. Go back, refresh the page and send it again."
        ),
        "signed_in": False,
        "back": request.path or "/",
        "back_text": "Go back to the form",
    }
    return render(request, "403.jinja", context, status=403)
