"""Read-only JSON API: instrument definitions (so other systems ask the same questions) and scoring.

Nothing here stores anything: POST /score only validates and scores, so it needs no
authentication and no CSRF token.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError

from . import registry
from .definitions import Instrument
from .scoring import ResponseInvalid, score

api = NinjaAPI(
    title="Connected: loneliness and wellbeing measures",
    version="1",
    description="The ONS loneliness indicators, ONS4 personal wellbeing and other scales: exact wording, "
    "options in presentation order with their scores, bands, and a scoring endpoint.",
    # Nested under the app's own "measures" namespace (connected/measures/urls.py): ninja takes
    # the last part as the instance namespace and reverses its docs with the full path.
    urls_namespace="measures:measures",
    docs_url="/docs",
)


class OptionOut(Schema):
    value: str
    label: str
    score: int


class ItemOut(Schema):
    id: str
    text: str
    hint: str
    options: list[OptionOut]  # in presentation order
    presentation: str


class BandOut(Schema):
    label: str
    low: int
    high: int


class ReliabilityOut(Schema):
    sd: float | None
    r: float | None
    source: str


class ScoreDefOut(Schema):
    id: str
    label: str
    items: list[str]
    range: list[int]
    direction: str
    ordinal: bool
    bands: list[BandOut]
    bands_source: str
    bands_note: str
    headline_band: str | None
    reliability: ReliabilityOut | None


class InstrumentSummary(Schema):
    code: str
    name: str
    version: str
    audience: str
    url: str


class InstrumentOut(Schema):
    code: str
    name: str
    short_name: str
    version: str
    audience: dict[str, Any]
    ask_after: list[str]
    ask_after_reason: str
    items: list[ItemOut]
    scores: list[ScoreDefOut]
    primary_score: str | None
    source: dict[str, str]
    licence: str
    notes: str


class ScoreIn(Schema):
    instrument: str
    answers: dict[str, Any]


class ScoreValueOut(Schema):
    id: str
    label: str
    value: int
    band: str | None
    in_headline_band: bool
    range: list[int]
    direction: str
    ordinal: bool


class ScoreOut(Schema):
    instrument: str
    version: str
    total: int | None
    scores: list[ScoreValueOut]
    bands: dict[str, str]


class ErrorOut(Schema):
    item: str
    message: str


class ErrorsOut(Schema):
    errors: list[ErrorOut]


class NotFoundOut(Schema):
    detail: str


@api.exception_handler(ValidationError)
def malformed_body(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A body of the wrong shape is a 400 naming the field, in the same form as an invalid answer."""
    errors = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload")]
        errors.append({"item": ".".join(loc) or "body", "message": error.get("msg", "Invalid value")})
    return api.create_response(request, {"errors": errors}, status=400)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja raises HttpError(400) for a body that is not JSON: answer it in the documented error form."""
    if exc.status_code == 400:
        body: dict[str, Any] = {"errors": [{"item": "body", "message": "The request body is not valid JSON"}]}
    else:
        body = {"detail": str(exc)}
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def body_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """Django refuses to read a body past DATA_UPLOAD_MAX_MEMORY_SIZE; say so as a 413 in the API's error form.

    Without this ninja re-raises and Django answers with its HTML 400 page (a traceback when DEBUG is on).
    """
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    message = f"The request body is too large: send at most {limit} bytes"
    return api.create_response(request, {"errors": [{"item": "body", "message": message}]}, status=413)


def definition(instrument: Instrument) -> dict[str, Any]:
    """The whole definition as plain JSON, options in the order they are shown."""
    return {
        "code": instrument.code,
        "name": instrument.name,
        "short_name": instrument.short_name,
        "version": instrument.version,
        "audience": {
            "label": instrument.audience.label,
            "min_age": instrument.audience.min_age,
            "max_age": instrument.audience.max_age,
        },
        "ask_after": list(instrument.ask_after),
        "ask_after_reason": instrument.ask_after_reason,
        "items": [
            {
                "id": i.id,
                "text": i.text,
                "hint": i.hint,
                "presentation": i.presentation,
                "options": [{"value": o.value, "label": o.label, "score": o.score} for o in i.presented_options],
            }
            for i in instrument.items
        ],
        "scores": [
            {
                "id": s.id,
                "label": s.label,
                "items": list(s.items),
                "range": [s.low, s.high],
                "direction": str(s.direction),
                "ordinal": s.ordinal,
                "bands": [{"label": b.label, "low": b.low, "high": b.high} for b in s.bands],
                "bands_source": str(s.bands_source),
                "bands_note": s.bands_note,
                "headline_band": s.headline_band,
                "reliability": None
                if s.reliability is None
                else {"sd": s.reliability.sd, "r": s.reliability.r, "source": s.reliability.source},
            }
            for s in instrument.scores
        ],
        "primary_score": instrument.primary_score,
        "source": instrument.source,
        "licence": instrument.licence,
        "notes": instrument.notes,
    }


@api.get("/instruments", response=list[InstrumentSummary], summary="All instruments")
def instruments(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "code": i.code,
            "name": i.name,
            "version": i.version,
            "audience": i.audience.label,
            "url": request.build_absolute_uri(reverse("measures:measures:instrument", kwargs={"code": i.code})),
        }
        for i in registry.all()
    ]


@api.get(
    "/instruments/{code}",
    response={200: InstrumentOut, 404: NotFoundOut},
    url_name="instrument",
    summary="One instrument's full definition",
)
def instrument(request: HttpRequest, code: str) -> tuple[int, dict[str, Any]]:
    try:
        return 200, definition(registry.get(code))
    except registry.UnknownInstrument as exc:
        return 404, {"detail": str(exc)}


@api.post(
    "/score",
    response={200: ScoreOut, 400: ErrorsOut, 413: ErrorsOut},
    summary="Validate and score answers (stores nothing)",
)
def score_answers(request: HttpRequest, payload: ScoreIn) -> tuple[int, dict[str, Any]]:
    try:
        chosen = registry.get(payload.instrument)
    except registry.UnknownInstrument as exc:
        return 400, {"errors": [{"item": "instrument", "message": str(exc)}]}
    try:
        result = score(chosen, payload.answers)
    except ResponseInvalid as exc:
        return 400, {"errors": [{"item": e.item, "message": e.message} for e in exc.errors]}
    return 200, {
        "instrument": result.instrument,
        "version": result.version,
        "total": result.total,
        "scores": [
            {
                "id": s.id,
                "label": s.label,
                "value": s.value,
                "band": s.band,
                "in_headline_band": s.in_headline_band,
                "range": [s.low, s.high],
                "direction": s.direction,
                "ordinal": s.ordinal,
            }
            for s in result.scores
        ],
        "bands": result.bands,
    }
