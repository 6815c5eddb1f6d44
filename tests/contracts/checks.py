"""What every contract test holds a response to, beyond what schemathesis checks against the OpenAPI document.

Schemathesis answers "is this response what the schema documents?"; these helpers answer the questions
the schema cannot: is an error body something a client can act on (JSON, naming what was wrong), and
does the published directory API carry CORS on every response.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.checks import positive_data_acceptance
from schemathesis.core.transport import Response

# CI runs a small slice, repeatable: 30 examples per operation, the same cases every run, the whole folder in
# well under a minute. CONTRACT_EXAMPLES=500 CONTRACT_RANDOM=1 (fresh cases each run) is the fuzzing at scale
# recorded in docs/reliability.md.
EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "30"))
CONTRACT_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=os.environ.get("CONTRACT_RANDOM", "") != "1",
    deadline=None,
    # The database fixture is built once per operation and only read by the examples, so sharing it is right.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Schemathesis' "schema-valid request rejected" check expects any value of a documented type to be accepted.
# Our filters are typed as free strings (`day`, `start_time`, `postcode`, ...) and answered with a 400 naming the
# parameter when their value means nothing (day=carer); that is the documented behaviour, not a broken contract.
EXCLUDED_CHECKS = [positive_data_acceptance]


def header(response: Response, name: str) -> str | None:
    """One response header's value, looked up without regard to case."""
    for key, values in response.headers.items():
        if key.lower() == name.lower():
            return values[0] if values else ""
    return None


def json_body(response: Response) -> Any:
    content_type = header(response, "Content-Type") or ""
    assert content_type.split(";")[0].strip() == "application/json", (response.status_code, content_type)
    return response.json()


def query_names(case: Case) -> set[str]:
    return {parameter.name for parameter in case.operation.query}


def assert_oruk_problem(case: Case, response: Response) -> None:
    """A 4xx from /api/ is a Problem: JSON, its own status, a sentence, and a 400 names the parameters at fault."""
    body = json_body(response)
    assert body["status"] == response.status_code
    assert isinstance(body["detail"], str) and body["detail"].strip(), body
    if response.status_code == 400:
        named = {error["parameter"] for error in body["errors"]}
        assert named, body
        assert named <= query_names(case), (named, body)
        assert all(error["message"].strip() for error in body["errors"]), body
    if response.status_code == 404 and "id" in (case.path_parameters or {}):
        sent = sent_id(response)
        assert body["detail"].startswith("No "), body
        assert sent is None or sent[:100] in body["detail"], (sent, body)


def sent_id(response: Response) -> str | None:
    """The id as the server read it: the request path's last segment, percent-decoded (None if not UTF-8)."""
    segment = urlsplit(response.request.url).path.rsplit("/", 1)[-1]
    try:
        return unquote_to_bytes(segment).decode("utf-8")
    except UnicodeDecodeError:
        return None
