"""Idempotent form submission: each form carries a one-time key, and a key seen before repeats nothing.

A double click, a browser's "resend" or the back button and a second press all arrive with the
same key; the first post's result (where it redirected) is kept in the session, so the repeat
is sent there instead of saving the same contact or referral twice (ADR 0033). Post/redirect/get
covers a refresh of the page after; this covers the post itself arriving twice.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest

FIELD = "submission_key"
_SESSION = "submissions"
_KEEP = 50  # the most recent keys a session remembers


def new_key() -> str:
    return uuid.uuid4().hex


def key_of(request: HttpRequest) -> str:
    """The posted key, or a fresh one for the form about to be shown (kept across a failed post)."""
    posted = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return posted if len(posted) == 32 and posted.isalnum() else new_key()


def done_before(request: HttpRequest) -> str | None:
    """Where the first post with this key went, if this post repeats one."""
    posted = request.POST.get(FIELD, "")
    return request.session.get(_SESSION, {}).get(posted) if posted else None


def remember(request: HttpRequest, url: str) -> None:
    posted = request.POST.get(FIELD, "")
    if not posted:
        return
    seen = dict(request.session.get(_SESSION, {}))
    seen[posted] = url
    request.session[_SESSION] = dict(list(seen.items())[-_KEEP:])
