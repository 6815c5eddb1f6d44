"""docs/integration.md is true: every example request in it is posted, in order, and gets the reply shown.

A request is a line `Request: `METHOD PATH`` followed by a ```json block (none: the
previous body again); its reply is `Reply: `STATUS`` and a ```json block, which the real
reply must contain ("<any>" matches any value; lists match item by item from the start).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from connected.core.models import ApiToken

from .bars_checks import valid_r4
from .builders import make_world

DOC = Path(__file__).parents[2] / "docs" / "integration.md"
STEP = re.compile(
    r"Request: `(?P<method>[A-Z]+) (?P<path>\S+)`[^\n]*\n(?:```json\n(?P<body>.*?)\n```\n)?"
    r"\s*Reply: `(?P<status>\d{3})`\n```json\n(?P<reply>.*?)\n```",
    re.DOTALL,
)


def steps() -> list[dict[str, Any]]:
    return [m.groupdict() for m in STEP.finditer(DOC.read_text())]


def contains(actual: Any, shown: Any, where: str = "") -> None:
    """Every element shown in the doc is in the actual reply, with the value shown."""
    if shown == "<any>":
        assert actual not in (None, ""), where
    elif isinstance(shown, dict):
        assert isinstance(actual, dict), where
        for key, value in shown.items():
            assert key in actual, f"{where}.{key} missing"
            contains(actual[key], value, f"{where}.{key}")
    elif isinstance(shown, list):
        assert isinstance(actual, list) and len(actual) >= len(shown), where
        for i, value in enumerate(shown):
            contains(actual[i], value, f"{where}[{i}]")
    else:
        assert actual == shown, f"{where}: {actual!r} != {shown!r}"


def test_every_json_block_in_the_doc_is_a_tested_request_or_reply():
    text, found = DOC.read_text(), steps()
    receiving, _, messages_back = text.partition("## Messages back to the referrer")
    assert len(found) == 8
    assert receiving.count("```json") == len(found) + sum(1 for step in found if step["body"])
    assert messages_back.count("```json") == 1  # the outcome example, checked in test_outcomes.py


def test_every_example_in_the_doc_gets_the_reply_shown(db, client):
    world = make_world()
    _, plain = ApiToken.issue(user=world.users["referrer"], name="EMIS at Park Surgery")
    body = None
    for n, step in enumerate(steps()):
        body = step["body"] or body
        headers = {"HTTP_AUTHORIZATION": f"Bearer {plain}", "HTTP_X_REQUEST_ID": f"doc-step-{n}"}
        if step["method"] == "POST":
            json.loads(body)  # the doc's JSON is JSON
            response = client.post(step["path"], data=body, content_type="application/fhir+json", **headers)
        else:
            response = client.generic(step["method"], step["path"], **headers)
        assert response.status_code == int(step["status"]), (n, response.content[:500])
        assert response["X-Request-Id"] == f"doc-step-{n}"
        valid_r4(response.json())
        contains(response.json(), json.loads(step["reply"]), f"step {n}")


@pytest.mark.parametrize("shown", [{"a": 1}, {"a": [1, 2]}, {"b": "<any>"}])
def test_contains_catches_a_reply_that_differs(shown):
    with pytest.raises(AssertionError):
        contains({"a": [1], "b": ""}, shown)
