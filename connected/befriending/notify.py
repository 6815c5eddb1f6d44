"""Reminders and notifications through one adapter: email (Django's mail backend) or SMS (ADR 0040).

SMS goes through `BEFRIENDING_SMS_ADAPTER` (a dotted path to a class with `send(to, text)`); the default,
`LogSms`, writes a line to the log in development and sends nothing. Log lines name the channel and the
length only, never the number or the words (no personal data in logs).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

log = logging.getLogger("connected.befriending")


@dataclass(frozen=True)
class Sent:
    channel: str
    to: str
    subject: str
    text: str


class LogSms:
    """The development SMS adapter: notes that a text would go, and keeps it for tests to read."""

    sent: list[Sent] = []

    def send(self, to: str, text: str) -> None:
        LogSms.sent.append(Sent("sms", to, "", text))
        log.info("SMS not sent (development adapter): %d characters", len(text))


def sms_adapter():
    path = getattr(settings, "BEFRIENDING_SMS_ADAPTER", "connected.befriending.notify.LogSms")
    return import_string(path)()


def send(*, email: str = "", phone: str = "", subject: str, text: str, prefer: str = "email") -> str:
    """Send by the preferred channel, falling back to the other; returns the channel used ('' if neither)."""
    channels = ["sms", "email"] if prefer == "sms" else ["email", "sms"]
    for channel in channels:
        if channel == "email" and email:
            send_mail(subject, text, None, [email])
            return "email"
        if channel == "sms" and phone:
            sms_adapter().send(phone, f"{subject}: {text}")
            return "sms"
    return ""
