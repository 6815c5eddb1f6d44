"""Hard constraints are never broken, over generated people and directories (issue 15's "must show").

Checked against the directory's own tables (an oracle written here, not matching's code): the service is
active, the person's age is in its range, they can reach it by how they travel (or join from home by phone,
or online when they use the internet), a session meets when they are free, and it is free when they can
pay nothing.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connected.directory import models as m
from connected.directory.search import refresh_index
from connected.directory.vocabulary import ACCESSIBILITY, DAYS
from connected.matching.concepts import cues
from connected.matching.constraints import Seeker
from connected.matching.suggest import suggestions
from tests.search.factories import CENTRE, random_directory

REACH = {"walk": 1.6, "bus": 8.0, "car": 25.0}
PARTS = {"morning": (0, 720), "afternoon": (720, 1020), "evening": (1020, 1440)}
SAYINGS = ["I love singing", "I miss walking outdoors", "gardening and growing veg", "a chat over coffee", "", "bok"]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


@st.composite
def seekers(draw) -> Seeker:
    words = draw(st.sampled_from(SAYINGS))
    return Seeker(
        age=draw(st.one_of(st.none(), st.integers(0, 100))),
        point=(CENTRE[0] + draw(st.floats(-0.2, 0.2)), CENTRE[1] + draw(st.floats(-0.3, 0.3))),
        travel=draw(st.sampled_from(["walk", "bus", "car", "none"])),
        free=frozenset(draw(st.sets(st.tuples(st.integers(0, 6), st.sampled_from(list(PARTS))), max_size=6))),
        max_cost=draw(st.sampled_from([None, Decimal("0"), Decimal("3")])),
        access_needs=tuple(draw(st.sets(st.sampled_from([t.code for t in ACCESSIBILITY[:3]]), max_size=1))),
        digital=draw(st.sampled_from(["yes", "no", ""])),
        words=words,
        cues=tuple(cues(words)),
        need_codes=tuple(draw(st.sets(st.sampled_from(["loneliness", "older-people", "carers"]), max_size=2))),
    )


def session_minutes(s: m.Schedule) -> tuple[int, int]:
    opens = s.opens_at.hour * 60 + s.opens_at.minute if s.opens_at else 0
    closes = s.closes_at.hour * 60 + s.closes_at.minute if s.closes_at else 1440
    return opens, closes if closes > opens else 1440


def check(seeker: Seeker, service: m.Service, location_id) -> None:
    assert service.status == "active" and service.duplicate_of_id is None
    if seeker.age is not None:
        assert (service.minimum_age or 0) <= seeker.age <= (service.maximum_age or 150)
    schedules = list(service.schedules.all())
    kinds = " ".join(s.attending_type.lower() for s in schedules)
    if location_id is not None and "in person" in kinds and seeker.travel != "none":
        place = m.Location.objects.get(pk=location_id)
        in_person = km(seeker.point, (place.latitude, place.longitude)) <= REACH[seeker.travel] + 1e-6
        access = set(
            m.Attribute.objects.filter(link_entity="location", link_id=location_id).values_list(
                "taxonomy_term__code", flat=True
            )
        )
        in_person = in_person and set(seeker.access_needs) <= access
    else:
        in_person = False
    assert in_person or "phone" in kinds or ("online" in kinds and seeker.digital != "no")
    if seeker.free:
        fits = [
            (DAYS.index(day[-2:]), part)
            for s in schedules
            for day in s.byday.split(",")
            for part, (a, b) in PARTS.items()
            if session_minutes(s)[0] < b and session_minutes(s)[1] > a
        ]
        assert set(fits) & seeker.free
    costs = [c for c in service.cost_options.values_list("amount", flat=True) if c is not None]
    if seeker.max_cost == 0:
        assert costs and all(c == 0 for c in costs)
    elif seeker.max_cost is not None and costs:
        assert min(costs) <= seeker.max_cost


@pytest.fixture
def directory(db):
    random_directory(seed=15, count=120)
    refresh_index()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seeker=seekers())
def test_suggestions_never_break_a_hard_constraint(directory, seeker):
    found = suggestions(seeker)
    assert len(found) <= 10
    assert len({x.candidate.service_id for x in found}) == len(found)
    for x in found:
        check(seeker, m.Service.objects.get(pk=x.candidate.service_id), x.candidate.location_id)
        assert x.reason and x.reason[0].isupper()


def test_the_generator_reaches_every_way_of_travelling(directory):
    """The property above is not vacuous: each way of travelling finds something for someone free any time."""
    for travel in ("walk", "bus", "car", "none"):
        assert suggestions(Seeker(point=CENTRE, travel=travel, digital="yes", words="coffee")), travel
