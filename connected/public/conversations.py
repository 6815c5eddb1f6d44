"""Keep check-in conversations server-side under opaque keys, expire them, and make the referral at the end.

Why here and not in the conversation: the state machine stays pure (easy to test message by message), and
this module is the only one that writes. A conversation's row is deleted when it ends, when consent is
refused, and once it has been idle for CHECKIN_CONVERSATION_MINUTES; nothing about it is logged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from connected.casework import services as casework
from connected.casework.routing import NotCovered
from connected.casework.validation import IntakeError
from connected.casework.vocabulary import Source

from . import conversation
from .models import Conversation

EXPIRED = "Our last conversation ended because it was quiet for a while, so we have started again.\n\n"


@dataclass(frozen=True)
class Reply:
    key: str | None  # None once the conversation is over (nothing is kept)
    text: str
    ended: bool


def new_key() -> str:
    return secrets.token_urlsafe(24)


def key_for_address(channel: str, address: str) -> str:
    """An opaque key for a phone number: a keyed hash, so the number itself is never stored."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{channel}:{address}".encode(), hashlib.sha256).hexdigest()
    return f"{channel}-{digest[:40]}"


def conversations_expire(*, now: dt.datetime | None = None) -> int:
    """Delete every conversation idle past its time; returns how many."""
    deleted, _ = Conversation.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def conversation_reply(*, key: str | None, text: str, now: dt.datetime | None = None, fixed_key: bool = False) -> Reply:
    """Answer one message.

    `fixed_key`: the channel derives the key (a phone number's hash), so an unknown key is simply a new
    conversation. Otherwise keys are ours: an unknown one has expired (or was never ours), so the person is
    told and given a new key; a client can never choose its own.
    """
    now = now or timezone.now()
    conversations_expire(now=now)
    row = Conversation.objects.filter(key=key).first() if key else None
    expired = bool(key) and row is None and not fixed_key
    turn = conversation.step(row.state if row else None, text, today=timezone.localdate(now))
    if expired:
        key = None  # step() has already started again from nothing
    if turn.referral is not None:
        turn.reply = _refer(turn.referral)
    with transaction.atomic():
        if turn.state is None:
            if key:
                Conversation.objects.filter(key=key).delete()
            return Reply(key=None, text=turn.reply, ended=True)
        key = key or new_key()
        expires = now + dt.timedelta(minutes=settings.CHECKIN_CONVERSATION_MINUTES)
        Conversation.objects.update_or_create(key=key, defaults={"state": turn.state, "expires_at": expires})
    return Reply(key=key, text=(EXPIRED if expired else "") + turn.reply, ended=False)


def _refer(payload: dict) -> str:
    """Make the self-referral through casework (its validation and routing); say who will call."""
    try:
        made = casework.referral_create(
            person=payload["person"],
            referral=payload["referral"],
            source=Source.SELF,
            actor_label="self (check-in)",
            unassigned_ok=False,
        )
    except NotCovered:
        return (
            "Sorry, no social prescribing scheme in Connected covers your postcode yet, so nothing was sent. "
            "Your GP practice can refer you to local support, and Samaritans listen any time on 116 123. Take care."
        )
    except IntakeError as error:
        problems = "; ".join(error.errors.values())
        return f"Sorry, we could not send your request: {problems}. Text again to start over, or call 111."
    return f"Thank you. A link worker from {made.scheme.name} will call you, usually within 2 weeks. Take care."
