"""`Cache-Control: no-store` wherever a page or download may carry personal data.

A shared computer's browser cache, or a proxy, must never keep a case page or a
subject access export. Staff pages are all personal data in principle, so the
rule is broad: every response to a signed-in user, and every response under
the paths where people type or read personal details.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

PERSONAL_PATHS = ("/casework/", "/accounts/", "/admin/", "/refer-yourself/", "/fhir/", "/measures/")


class NoStoreForPersonalData:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith(PERSONAL_PATHS):
            add_never_cache_headers(response)
        return response
