"""HTTP for the BaRS receiver at /fhir/: bearer-token auth, JSON in, FHIR out, BaRS codes on every refusal.

Every answer under /fhir/ is FHIR JSON, refusals included (404 and 405 too),
and echoes the sender's `X-Request-Id` and `X-Correlation-Id`, as the BaRS
API specification asks.
"""

from __future__ import annotations

import functools
import re

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from connected.casework import fhir, fhir_input, services
from connected.casework.models import Referral
from connected.casework.validation import IntakeError
from connected.casework.vocabulary import Source
from connected.core import audit, rules
from connected.core.models import ApiToken

from . import errors, openapi
from .capability import capability_statement
from .replies import service_request_resource
from .services import message_receive

FHIR_JSON = "application/fhir+json"
ECHOED = ("X-Request-Id", "X-Correlation-Id")
_HEADER_VALUE = re.compile(r"^[\x21-\x7e]{1,200}$")  # printable, no spaces or line breaks: safe to echo


def _reply(body: dict, status: int, **headers) -> JsonResponse:
    response = JsonResponse(body, status=status, content_type=FHIR_JSON)
    for key, value in headers.items():
        response[key] = value
    return response


def _refusal(status: int, expression: str, diagnostics: str, code: str, **headers) -> JsonResponse:
    return _reply(errors.single(status, expression, diagnostics, code), status, **headers)


def _outcome(error: fhir.FhirError) -> JsonResponse:
    return _reply(errors.outcome(error.status, error.issues), error.status)


def fhir_endpoint(*methods: str):
    """CSRF-exempt (bearer tokens, no cookies), FHIR 405 for other methods, BaRS headers echoed on every answer."""

    def wrap(view):
        @csrf_exempt
        @functools.wraps(view)
        def inner(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in methods:
                allowed = ", ".join(methods)
                response = _refusal(
                    405, request.path, f"{request.method} is not allowed here; use {allowed}", "not-supported"
                )
                response["Allow"] = allowed
            else:
                response = view(request, *args, **kwargs)
            for name in ECHOED:
                value = request.headers.get(name, "")
                if _HEADER_VALUE.match(value):
                    response[name] = value
            return response

        return inner

    return wrap


def _user(request: HttpRequest):
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return ApiToken.objects.user_for(header[7:].strip())
    return None


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/fhir/")


def _sender(request: HttpRequest):
    """The token's user if they may refer, else the 401/403 refusal."""
    user = _user(request)
    if user is None:
        return _refusal(401, "Authorization", "Send a valid bearer token", "login")
    if not rules.can(user, "create_referral"):
        return _refusal(403, "Authorization", "This token may not make referrals", "forbidden")
    return user


def _intake_refusal(error: IntakeError) -> JsonResponse:
    issues = [fhir.issue(fhir.FIELD_EXPRESSIONS.get(k, "ServiceRequest"), v) for k, v in error.errors.items()]
    return _reply(errors.outcome(422, issues), 422)


@fhir_endpoint("POST")
def process_message(request: HttpRequest) -> HttpResponse:
    sender = _sender(request)
    if isinstance(sender, HttpResponse):
        return sender
    try:
        data = fhir_input.read_json(request)
        received = message_receive(
            sender=sender, data=data, base_url=_base(request), request_id=request.headers.get("X-Request-Id", "")
        )
    except fhir.FhirError as error:
        return _outcome(error)
    except IntakeError as error:
        return _intake_refusal(error)
    location = f"{_base(request)}ServiceRequest/{received.referral.pk}"
    return _reply(received.reply, received.status, Location=location)


@fhir_endpoint("POST")
def service_request_create(request: HttpRequest) -> HttpResponse:
    """A plain ServiceRequest (contained Patient); a resend with the same identifier returns the first (200)."""
    sender = _sender(request)
    if isinstance(sender, HttpResponse):
        return sender
    try:
        intake = fhir.parse_service_request(fhir_input.read_json(request))
        external_id, status = intake.referral.get("external_id"), 200
        referral = Referral.objects.filter(referrer=sender, external_id=external_id).first() if external_id else None
        if referral is None:
            referral, status = (
                services.referral_create(
                    person=intake.person, referral=intake.referral, source=Source.FHIR, referrer=sender
                ),
                201,
            )
    except fhir.FhirError as error:
        return _outcome(error)
    except IntakeError as error:
        return _intake_refusal(error)
    location = f"{_base(request)}ServiceRequest/{referral.pk}"
    return _reply(service_request_resource(referral, _base(request)), status, Location=location)


@fhir_endpoint("GET")
def service_request_read(request: HttpRequest, pk) -> HttpResponse:
    """The sender reads back its referral's status (only referrals its token's user may see)."""
    user = _user(request)
    referral = Referral.objects.select_related("person").filter(pk=pk).first()
    if user is None or referral is None or not rules.can(user, "view_referral", referral):
        return _refusal(404, "ServiceRequest", "No ServiceRequest with this id that you may see", "not-found")
    audit.record(actor=user, action="view", obj=referral, person_id=referral.person_id, why="fhir read")
    return _reply(service_request_resource(referral, _base(request)), 200)


@fhir_endpoint("GET")
def openapi_document(request: HttpRequest) -> HttpResponse:
    """These endpoints as OpenAPI, for HTTP tooling (clinical systems read `metadata`)."""
    return JsonResponse(openapi.document())


@fhir_endpoint("GET")
def metadata(request: HttpRequest) -> HttpResponse:
    """The CapabilityStatement; public, as FHIR servers' metadata is (it holds no personal data)."""
    return _reply(capability_statement(_base(request)), 200)


# Every method: a path that does not exist is a 404, never a 405 advertising methods it does not have.
@fhir_endpoint("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return _refusal(404, request.path, f"Nothing at {request.path}; see {_base(request)}metadata", "not-found")
