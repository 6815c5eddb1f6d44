"""Messages back to the referrer: queue one when a referral is accepted, declined or discharged, and send it.

The message row and its queued task are written in the same transaction as the status change (an outbox:
both or neither). Delivery runs in django-tasks' database worker (`manage.py db_worker`): a 2xx answer
marks it sent; anything else is retried with exponential back-off (`backoff`) until
`OUTCOME_MAX_ATTEMPTS`, then marked failed, with the last error kept (status code or error type only:
never a body, which could hold personal data). A referrer with no system to post to gets a letter
(`letters.py`) instead, downloadable from the case page.
"""

from __future__ import annotations

import datetime as dt
import uuid
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .models import OutcomeMessage, Referral
from .outcome_fhir import inbound_header, outcome_bundle
from .vocabulary import Source, Status

EVENT_FOR_STATUS = {
    Status.ACCEPTED: OutcomeMessage.Event.ACCEPTED,
    Status.DECLINED: OutcomeMessage.Event.DECLINED,
    Status.CLOSED: OutcomeMessage.Event.DISCHARGED,
}
FHIR_JSON = "application/fhir+json"
TIMEOUT_SECONDS = 15


def backoff(attempt: int) -> dt.timedelta:
    """Wait before retry number `attempt` (1, 2, ...): the base, doubling each time."""
    return dt.timedelta(seconds=settings.OUTCOME_RETRY_BASE_SECONDS * 2 ** (attempt - 1))


def referrer_endpoint(referral: Referral) -> str:
    """Where the referrer's system takes messages: its MessageHeader.source.endpoint, if it is a URL we may post to.

    A base URL gets `$process-message` added (the BaRS operation); a scheme outside
    OUTCOME_ENDPOINT_SCHEMES (https in production), a host outside OUTCOME_ENDPOINT_HOSTS (when that is
    set, e.g. to the BaRS proxy's domain) or a non-URL address (urn:, an ODS code) is no endpoint.
    """
    source = inbound_header(referral).get("source")
    endpoint = source.get("endpoint") if isinstance(source, dict) else None
    if not isinstance(endpoint, str):
        return ""
    try:
        parts = urlsplit(endpoint.strip())
        url = parts.geturl()  # the scheme lower-cased
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL):
        return ""
    if parts.scheme not in settings.OUTCOME_ENDPOINT_SCHEMES or not parts.hostname or len(url) > 450:
        return ""
    allowed = settings.OUTCOME_ENDPOINT_HOSTS
    if allowed and not any(parts.hostname == h or parts.hostname.endswith("." + h) for h in allowed):
        return ""
    return url if url.endswith("/$process-message") else url.rstrip("/") + "/$process-message"


def outcome_for_status(*, referral: Referral, status: str) -> OutcomeMessage | None:
    """Called by services.referral_set_status inside its transaction; None where nothing goes back."""
    event = EVENT_FOR_STATUS.get(status)
    if event is None or referral.source == Source.SELF:
        return None
    if referral.referrer_id is None and not referral.referrer_name:
        return None
    return outcome_queue(referral=referral, event=event)


def outcome_queue(*, referral: Referral, event: str) -> OutcomeMessage:
    endpoint = referrer_endpoint(referral)
    message = OutcomeMessage.objects.create(
        referral=referral,
        event=event,
        endpoint=endpoint,
        bundle=outcome_bundle(referral, event, endpoint=endpoint),
        status=OutcomeMessage.Delivery.QUEUED if endpoint else OutcomeMessage.Delivery.LETTER,
    )
    if endpoint:
        send_outcome.enqueue(str(message.pk))
    return message


def _post(message: OutcomeMessage) -> str:
    """Post the message; '' on a 2xx answer, else a short error (status code or error type)."""
    headers = {
        "Content-Type": FHIR_JSON,
        "Accept": FHIR_JSON,
        "X-Request-Id": str(uuid.uuid4()),
        "X-Correlation-Id": str(message.pk),
    }
    try:
        answer = httpx.post(message.endpoint, json=message.bundle, headers=headers, timeout=TIMEOUT_SECONDS)
    except httpx.HTTPError as error:
        return f"{type(error).__name__}: could not reach the referrer's system"
    if 200 <= answer.status_code < 300:
        return ""
    return f"HTTP {answer.status_code} from the referrer's system"


@task()
def send_outcome(message_id: str) -> str:
    """Deliver one queued message: sent, or retried later, or failed after the last attempt."""
    message = OutcomeMessage.objects.filter(pk=message_id, status=OutcomeMessage.Delivery.QUEUED).first()
    if message is None:
        return "not queued"
    if not message.bundle:
        OutcomeMessage.objects.filter(pk=message.pk).update(
            status=OutcomeMessage.Delivery.FAILED, last_error="The person's details were erased"
        )
        return "erased"
    error = _post(message)
    now = timezone.now()
    message.attempts += 1
    message.last_error = error[:300]
    if not error:
        message.status, message.sent_at, message.next_attempt_at = OutcomeMessage.Delivery.SENT, now, None
    elif message.attempts >= settings.OUTCOME_MAX_ATTEMPTS:
        message.status, message.next_attempt_at = OutcomeMessage.Delivery.FAILED, None
    else:
        message.next_attempt_at = now + backoff(message.attempts)
        send_outcome.using(run_after=message.next_attempt_at).enqueue(str(message.pk))
    message.save(update_fields=["attempts", "last_error", "status", "sent_at", "next_attempt_at"])
    return message.status


def outcome_retry(*, message: OutcomeMessage, by) -> OutcomeMessage:
    """A link worker sends a failed message again (after the referrer's system is fixed)."""
    from connected.core import audit

    if message.status != OutcomeMessage.Delivery.FAILED or not message.endpoint:
        return message
    message.status, message.attempts, message.next_attempt_at = OutcomeMessage.Delivery.QUEUED, 0, None
    message.save(update_fields=["status", "attempts", "next_attempt_at"])
    send_outcome.enqueue(str(message.pk))
    audit.record(actor=by, action="update", obj=message, person_id=message.referral.person_id, why="outcome retry")
    return message
