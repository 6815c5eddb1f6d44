"""Links a person can use to answer a set of measures themselves, without an account.

Casework makes the link (`invitation_path`) and sends it; the page at
/measures/respond/<token>/ asks the questions and records the answers against the
subject with completed_by="person". The token is signed and time-limited (Django's
TimestampSigner, keyed by SECRET_KEY), names no person, and carries a sitting id:
responses are unique per (sitting, instrument), so a link records once.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.urls import reverse

from . import registry
from .models import Timepoint

SALT = "connected.measures.invitation"
DEFAULT_MAX_AGE = timedelta(days=14)


class InvitationInvalid(ValueError):
    """The link was altered, has expired, or names something unknown."""


@dataclass(frozen=True)
class Invitation:
    subject_type: str
    subject_id: str
    codes: tuple[str, ...]
    timepoint: str
    sitting: uuid.UUID


def invitation_token(*, subject_type: str, subject_id: object, codes: Sequence[str], timepoint: str) -> str:
    for code in codes:
        registry.get(code)  # refuse unknown instruments now, not when the person opens the link
    if timepoint not in Timepoint.values:
        raise ValueError(f"Unknown timepoint {timepoint!r}")
    payload = {"t": subject_type, "i": str(subject_id), "c": list(codes), "p": timepoint, "s": uuid.uuid4().hex}
    return signing.TimestampSigner(salt=SALT).sign_object(payload, compress=True)


def invitation_path(*, subject_type: str, subject_id: object, codes: Sequence[str], timepoint: str) -> str:
    token = invitation_token(subject_type=subject_type, subject_id=subject_id, codes=codes, timepoint=timepoint)
    return reverse("measures:respond", args=[token])


def invitation_from_token(token: str, max_age: timedelta = DEFAULT_MAX_AGE) -> Invitation:
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
        invitation = Invitation(
            subject_type=str(data["t"]),
            subject_id=str(data["i"]),
            codes=tuple(str(c) for c in data["c"]),
            timepoint=str(data["p"]),
            sitting=uuid.UUID(hex=str(data["s"])),
        )
        for code in invitation.codes:
            registry.get(code)
    except signing.SignatureExpired:
        raise InvitationInvalid("This link has expired") from None
    except (signing.BadSignature, KeyError, TypeError, ValueError, registry.UnknownInstrument):
        raise InvitationInvalid("This link is not valid") from None
    return invitation
