"""The round trip with a real HTTP receiver on 127.0.0.1 standing in for the GP system.

Referral in through /fhir/$process-message, the case worked through the services (accept, contact,
measures, close), the django-tasks database worker runs, and the receiver gets each outcome message as
valid FHIR R4. The receiver answers 500 to the first post, so the first message is retried after its
back-off (the queued retry's run_after is brought forward, rather than the test waiting).
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from connected.casework import outcomes, services
from connected.casework.models import OutcomeMessage, Referral
from connected.core.models import ApiToken

from .builders import make_world, sign_in
from .fhir_samples import bundle
from .outcome_helpers import record_ucla, validate_fhir


class GpSystem(BaseHTTPRequestHandler):
    """Keeps what it is sent; refuses the first post with a 500, as a busy system might."""

    received: list[dict] = []
    paths: list[str] = []
    headers_seen: list[dict] = []
    fail_first = 1

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if GpSystem.fail_first > 0:
            GpSystem.fail_first -= 1
            self.send_response(500)
            self.end_headers()
            return
        GpSystem.received.append(json.loads(body))
        GpSystem.paths.append(self.path)
        GpSystem.headers_seen.append(dict(self.headers))
        self.send_response(200)
        self.send_header("Content-Type", "application/fhir+json")
        self.end_headers()
        self.wfile.write(b'{"resourceType": "OperationOutcome", "issue": []}')

    def log_message(self, *args) -> None:  # quiet
        return


@pytest.fixture
def gp_system():
    GpSystem.received, GpSystem.paths, GpSystem.headers_seen, GpSystem.fail_first = [], [], [], 1
    server = ThreadingHTTPServer(("127.0.0.1", 0), GpSystem)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/fhir"
    server.shutdown()
    server.server_close()


def run_worker() -> None:
    """The real worker, in batch mode; it closes connections as it goes, hence `transactional_db`."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


@override_settings(OUTCOME_ENDPOINT_SCHEMES=("https", "http"))
def test_referral_in_case_worked_outcomes_out_to_the_gp_system(transactional_db, client, gp_system):
    world = make_world()
    _, plain = ApiToken.issue(user=world.users["referrer"], name="EMIS at Park Surgery")
    body = bundle(**{"entry.0.resource.source.endpoint": gp_system})
    auth = {"HTTP_AUTHORIZATION": f"Bearer {plain}"}
    response = client.post("/fhir/$process-message", json.dumps(body), content_type="application/fhir+json", **auth)
    assert response.status_code in (200, 201), response.content
    referral = Referral.objects.get(external_id="EMIS-REF-0001")

    worker = world.users["link_worker"]
    sign_in(client, worker)
    client.post(f"/casework/cases/{referral.pk}/accept/")
    services.contact_record(referral=referral, by=worker, mode="in_person", duration_minutes=45)
    record_ucla(referral, worker, timepoint="baseline", level="often")
    record_ucla(referral, worker, timepoint="follow_up", level="some_of_the_time", days=56)
    services.referral_close(referral=referral, by=worker, outcome="connected")

    run_worker()  # the first post meets the 500; the second message goes through
    first = OutcomeMessage.objects.get(referral=referral, event="accepted")
    assert first.status == "queued" and first.attempts == 1
    assert first.last_error == "HTTP 500 from the referrer's system"
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == first.next_attempt_at  # scheduled after its back-off, not sent at once
    assert outcomes.backoff(2) == 2 * outcomes.backoff(1)
    assert "HTTP 500" in client.get(f"/casework/cases/{referral.pk}/").content.decode()

    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())  # time passes
    run_worker()
    first.refresh_from_db()
    assert first.status == "sent" and first.attempts == 2 and first.sent_at is not None

    events = [m["entry"][1]["resource"]["status"] for m in GpSystem.received]
    assert sorted(events) == ["accepted", "completed"]
    assert set(GpSystem.paths) == {"/fhir/$process-message"}
    assert all(h["Content-Type"] == "application/fhir+json" and h["X-Request-Id"] for h in GpSystem.headers_seen)
    for message in GpSystem.received:
        validate_fhir(message)
        header = message["entry"][0]["resource"]
        assert header["response"]["identifier"] == "header-1"
        assert header["destination"][0]["endpoint"] == f"{gp_system}/$process-message"
    discharge = next(m for m in GpSystem.received if m["entry"][1]["resource"]["status"] == "completed")
    kinds = [e["resource"]["resourceType"] for e in discharge["entry"]]
    assert kinds.count("Encounter") == 1 and kinds.count("Observation") == 1
    page = client.get(f"/casework/cases/{referral.pk}/").content.decode()
    assert page.count(">Sent<") == 2
