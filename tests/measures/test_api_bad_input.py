"""The measures API under hostile bodies: oversize is a 413 and anything else a 2xx or 4xx, in the API's error form.

Run more fuzz examples with HYPOTHESIS_FUZZ_EXAMPLES (see tests/fuzz.py).
"""

from __future__ import annotations

import json

import pytest
from django.test import Client, override_settings
from hypothesis import given
from hypothesis import strategies as st

from connected.measures import registry
from tests.fuzz import FUZZ, encoded, json_values, nested

pytestmark = pytest.mark.django_db
SCORE = "/measures/api/score"

_instruments = list(registry.all())
_codes = st.sampled_from([i.code for i in _instruments]) | st.text(max_size=10)
_item_ids = st.sampled_from(sorted({item.id for i in _instruments for item in i.items}))
_values = (
    st.sampled_from(sorted({o.value for i in _instruments for item in i.items for o in item.presented_options}))
    | json_values
)
# Bodies shaped like ScoreIn with random values in its slots, so they get past the first check.
score_shaped = st.fixed_dictionaries(
    {"instrument": _codes, "answers": st.dictionaries(_item_ids | st.text(max_size=8), _values, max_size=8)}
) | st.fixed_dictionaries({"instrument": json_values, "answers": json_values})
bodies = st.one_of(json_values, score_shaped, st.integers(min_value=60, max_value=3000).map(nested))


def _post(body: str) -> object:
    return Client(raise_request_exception=False).post(SCORE, data=body, content_type="application/json")


def _errors(response) -> list[dict[str, str]]:
    """The API's error form: {"errors": [{"item": ..., "message": ...}]}, each a non-empty string."""
    assert response["Content-Type"].startswith("application/json")
    errors = response.json()["errors"]
    assert errors and all(isinstance(e["item"], str) and e["message"] for e in errors), errors
    return errors


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1_000)
def test_a_body_over_the_size_limit_is_413_in_the_apis_error_form():
    body = json.dumps({"instrument": "ucla3", "answers": {"left_out": "x" * 5_000}})
    response = _post(body)
    assert response.status_code == 413, response.content[:300]
    assert _errors(response) == [{"item": "body", "message": "The request body is too large: send at most 1000 bytes"}]


def test_the_413_is_in_the_openapi_spec(client):
    spec = client.get("/measures/api/openapi.json").json()
    assert "413" in spec["paths"]["/measures/api/score"]["post"]["responses"]


@FUZZ
@given(body=bodies)
def test_score_never_answers_5xx(body):
    response = _post(encoded(body))
    assert response.status_code < 500, response.content[:500]
    if response.status_code >= 400:
        _errors(response)
