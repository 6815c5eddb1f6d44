"""Whatever a client sends, the list endpoints answer 200 or a 400 naming the parameter: never a 500."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PARAMETERS = (
    "search", "page", "per_page", "taxonomy_term_id", "taxonomy_id", "minimum_age", "maximum_age",
    "start_time", "end_time", "day", "postcode", "proximity", "full",
)  # fmt: skip
PLAUSIBLE = {
    "page": st.integers(-3, 12).map(str),
    "per_page": st.integers(-1, 250).map(str),
    "minimum_age": st.integers(-5, 160).map(str),
    "maximum_age": st.integers(-5, 160).map(str),
    "start_time": st.times().map(lambda t: t.strftime("%H:%M")),
    "end_time": st.times().map(lambda t: t.strftime("%H:%M")),
    "day": st.sampled_from(["MO", "tu", "Wednesday", "fri,sat", "SU", "xx", ""]),
    "postcode": st.sampled_from(["LS1 1UR", "ls11ur", "SW1A", "QQ1 1QQ", "", "12345"]),
    "proximity": st.sampled_from(["500", "1e9", "-1", "nan", "inf", "abc", "2000.5"]),
    "full": st.sampled_from(["true", "false", "1", "yes", "maybe"]),
}
VALUE = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
QUERIES = st.dictionaries(
    st.sampled_from(PARAMETERS),
    st.one_of(VALUE, st.sampled_from(["", "0", "-1", "nan", "00:00", "24:00", "a\x00b"])),
    max_size=5,
) | st.fixed_dictionaries({}, optional={k: v for k, v in PLAUSIBLE.items()})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES, endpoint=st.sampled_from(["services", "service_at_locations"]))
def test_any_query_is_answered_cleanly(api, directory, query, endpoint) -> None:
    response = api.get(f"/api/{endpoint}?{urlencode(query)}")
    assert response.status_code in (200, 400), (query, response.content[:300])
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    if response.status_code == 400:
        assert body["errors"] and body["errors"][0]["parameter"] in PARAMETERS
    else:
        assert body["size"] == len(body["contents"])
