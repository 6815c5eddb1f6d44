"""CORS for the published API: `Access-Control-Allow-Origin: *` on every /api/ response.

The ORUK profile asks for it on every response (errors too) so that simple
browser apps can read any directory. It sits first in MIDDLEWARE, outermost,
so redirects, 404s and 500s from anywhere below still carry the header, and
it answers preflight OPTIONS requests itself. The API is read-only and
carries no cookies or credentials, so a wildcard origin is safe.

Being outermost, it also turns the two errors Django answers before the API sees a request (no such path,
and a method the path does not have) into the API's JSON `Problem`, so that every 4xx a client gets from
/api/ is in the one documented shape (found by schemathesis, tests/contracts/README.md O1 and O2).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

API_PREFIX = "/api/"
ALLOW_METHODS = "GET, HEAD, OPTIONS"
MAX_AGE_SECONDS = "86400"


def is_api_path(path: str) -> bool:
    return path == API_PREFIX.rstrip("/") or path.startswith(API_PREFIX)


class CorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_api_path(request.path):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOW_METHODS
            response["Access-Control-Allow-Headers"] = request.META.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS", "*")
            response["Access-Control-Max-Age"] = MAX_AGE_SECONDS
        else:
            response = as_problem(request, self.get_response(request))
        response["Access-Control-Allow-Origin"] = "*"
        return response


def as_problem(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Django's HTML 404 page or plain 405 for an /api/ path, as the API's Problem; anything else unchanged."""
    if response.status_code not in (404, 405) or response.get("Content-Type", "").startswith("application/json"):
        return response
    if response.status_code == 405:
        detail = f"{request.method[:20]} is not allowed here; use {response.get('Allow', 'GET')}"
    else:
        detail = f"No API resource at {request.path[:200]}"
    problem = JsonResponse(
        {"status": response.status_code, "detail": detail, "errors": []}, status=response.status_code
    )
    if response.has_header("Allow"):
        problem["Allow"] = response["Allow"]
    return problem
