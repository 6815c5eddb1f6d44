"""HTTP for the FHIR intake at /fhir/: bearer-token auth, JSON in, OperationOutcome out on any refusal."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from connected.core import audit, rules
from connected.core.models import ApiToken

from . import fhir, fhir_input, services
from .models import Referral
from .validation import IntakeError
from .vocabulary import Source

FHIR_JSON = "application/fhir+json"


def _reply(body: dict, status: int, **headers) -> JsonResponse:
    response = JsonResponse(body, status=status, content_type=FHIR_JSON)
    for key, value in headers.items():
        response[key] = value
    return response


def _outcome(error: fhir.FhirError) -> JsonResponse:
    return _reply(fhir.operation_outcome(error.issues), error.status)


def _user(request: HttpRequest):
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return ApiToken.objects.user_for(header[7:].strip())
    return None


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/fhir/")


def _intake(request: HttpRequest, parse) -> HttpResponse:
    user = _user(request)
    if user is None:
        return _reply(fhir.operation_outcome([fhir.issue("Authorization", "Send a valid bearer token", "login")]), 401)
    if not rules.can(user, "create_referral"):
        return _reply(
            fhir.operation_outcome([fhir.issue("Authorization", "This token may not make referrals", "forbidden")]), 403
        )
    try:
        intake = parse(fhir_input.read_json(request))
        existing = None
        if intake.referral.get("external_id"):
            existing = Referral.objects.filter(referrer=user, external_id=intake.referral["external_id"]).first()
        if existing is not None:
            return intake, existing, 200
        made = services.referral_create(
            person=intake.person, referral=intake.referral, source=Source.FHIR, referrer=user
        )
    except fhir.FhirError as error:
        return _outcome(error)
    except IntakeError as error:
        issues = [fhir.issue(fhir.FIELD_EXPRESSIONS.get(k, "ServiceRequest"), v) for k, v in error.errors.items()]
        return _reply(fhir.operation_outcome(issues), 422)
    return intake, made, 201


@csrf_exempt
@require_http_methods(["POST"])
def process_message(request: HttpRequest) -> HttpResponse:
    result = _intake(request, fhir.parse_message)
    if isinstance(result, HttpResponse):
        return result
    intake, referral, status = result
    location = f"{_base(request)}ServiceRequest/{referral.pk}"
    return _reply(fhir.response_message(referral, intake, _base(request)), status, Location=location)


@csrf_exempt
@require_http_methods(["POST"])
def service_request_create(request: HttpRequest) -> HttpResponse:
    result = _intake(request, fhir.parse_service_request)
    if isinstance(result, HttpResponse):
        return result
    _, referral, status = result
    location = f"{_base(request)}ServiceRequest/{referral.pk}"
    return _reply(fhir.service_request_resource(referral), status, Location=location)


@require_http_methods(["GET"])
def service_request_read(request: HttpRequest, pk) -> HttpResponse:
    """The sender reads back its referral's status (only referrals its token's user may see)."""
    user = _user(request)
    referral = Referral.objects.select_related("person").filter(pk=pk).first()
    if user is None or referral is None or not rules.can(user, "view_referral", referral):
        return _reply(fhir.operation_outcome([fhir.issue("ServiceRequest", "Not found", "not-found")]), 404)
    audit.record(actor=user, action="view", obj=referral, person_id=referral.person_id, why="fhir read")
    return _reply(fhir.service_request_resource(referral), 200)
