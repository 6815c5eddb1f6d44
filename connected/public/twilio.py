"""Twilio's messaging webhook: checking its signature, and replying in TwiML.

Twilio signs each request: base64(HMAC-SHA1(auth token, full URL + every POST parameter's name and value,
sorted by name)), sent as X-Twilio-Signature. A request that fails the check is refused, so nobody else can
talk to people through our number or fill the conversation table.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from xml.sax.saxutils import escape


def signature(token: str, url: str, params: Mapping[str, str]) -> str:
    payload = url + "".join(f"{name}{params[name]}" for name in sorted(params))
    digest = hmac.new(token.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def is_signed(token: str, url: str, params: Mapping[str, str], sent: str) -> bool:
    """Whether `sent` is Twilio's signature for this request (constant-time compare); never with no token."""
    return bool(token) and bool(sent) and hmac.compare_digest(signature(token, url, params), sent)


def twiml(message: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><Response><Message>{escape(message)}</Message></Response>'
