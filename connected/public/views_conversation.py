"""The conversation API: JSON message in, message out; and the Twilio webhook that speaks the same journey.

JSON: POST /check-in/api/messages {"conversation": "<id from the last reply>" (omit to start), "text": "..."}
answers {"conversation": "<id>" or null once over, "reply": "...", "ended": bool}. Bad input is a 400 naming
the field. No personal data is logged; the client's address is counted only for the rate limit.
"""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from connected.core import throttle

from . import twilio
from .conversations import conversation_reply, key_for_address

MAX_TEXT = 1000


def _limited(request: HttpRequest) -> bool:
    verdict = throttle.allow(
        scope="checkin-conversation",
        address=throttle.client_address(request),
        limit=settings.CHECKIN_API_RATE_LIMIT,
        window=dt.timedelta(hours=1),
    )
    return not verdict.allowed


def _problem(field: str, message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": {field: message}}, status=status)


@csrf_exempt  # a JSON API for other services' message gateways: no cookies, so no cross-site request to forge
@require_POST
def messages(request: HttpRequest) -> JsonResponse:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return _problem("body", 'Send a JSON object like {"text": "hello"}')
    if not isinstance(body, dict):
        return _problem("body", 'Send a JSON object like {"text": "hello"}')
    text, key = body.get("text"), body.get("conversation")
    if not isinstance(text, str) or not text.strip():
        return _problem("text", "Send the person's message as text")
    if len(text) > MAX_TEXT:
        return _problem("text", f"The message is too long: send at most {MAX_TEXT} characters")
    if key is not None and (not isinstance(key, str) or len(key) > 64):
        return _problem("conversation", "Send the conversation id from the last reply, or leave it out to start")
    if _limited(request):
        return _problem("rate", "Too many messages from this address: wait an hour", status=429)
    reply = conversation_reply(key=key, text=text)
    return JsonResponse({"conversation": reply.key, "reply": reply.text, "ended": reply.ended})


@csrf_exempt  # Twilio cannot send a CSRF token; its signature is checked instead
@require_POST
def twilio_webhook(request: HttpRequest) -> HttpResponse:
    """Twilio's incoming-message webhook (form fields Body, From): the reply is TwiML."""
    params = {name: request.POST.get(name, "") for name in request.POST}
    sent = request.headers.get("X-Twilio-Signature", "")
    if not twilio.is_signed(settings.TWILIO_AUTH_TOKEN, request.build_absolute_uri(), params, sent):
        return HttpResponse("Signature check failed", status=403, content_type="text/plain")
    sender, text = params.get("From", ""), params.get("Body", "")[:MAX_TEXT]
    if not sender or not text.strip():
        return HttpResponse(twilio.twiml("Please send a message."), content_type="text/xml")
    reply = conversation_reply(key=key_for_address("twilio", sender), text=text, fixed_key=True)
    return HttpResponse(twilio.twiml(reply.text), content_type="text/xml")
