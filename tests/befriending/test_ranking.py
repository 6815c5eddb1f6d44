"""The ranker: properties over any volunteers (hypothesis), and the reasons a coordinator reads."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from connected.befriending.ranking import Candidate, Wish, checks_clear, rank
from connected.befriending.vocabulary import SLOT_CODES

TODAY = dt.date(2026, 12, 3)
SLOTS = sorted(SLOT_CODES)
MODES = ["phone", "video", "visit"]
LEEDS = (53.80, -1.55)

slots = st.frozensets(st.sampled_from(SLOTS), max_size=6)
modes = st.frozensets(st.sampled_from(MODES), min_size=1)
langs = st.frozensets(st.sampled_from(["English", "Urdu", "Polish"]), max_size=2)
interests = st.frozensets(st.sampled_from(["gardening", "music", "sport", "reading"]), max_size=3)
places = st.none() | st.tuples(st.floats(53.7, 53.9), st.floats(-1.7, -1.4))


@st.composite
def candidates(draw, pk: int) -> Candidate:
    capacity = draw(st.integers(1, 3))
    return Candidate(
        id=pk,
        checks_until=draw(st.none() | st.dates(TODAY - dt.timedelta(days=400), TODAY + dt.timedelta(days=400))),
        active_matches=draw(st.integers(0, capacity + 1)),
        capacity=capacity,
        slots=draw(slots),
        modes=draw(modes),
        languages=draw(langs),
        interests=draw(interests),
        gender=draw(st.sampled_from(["", "female", "male"])),
        age=draw(st.none() | st.integers(18, 90)),
        location=draw(places),
        travel_km=draw(st.integers(0, 20)),
    )


wishes = st.builds(
    Wish, slots=slots, modes=modes, languages=langs, interests=interests,
    prefers_gender=st.sampled_from(["", "female", "male"]), prefers_age=st.sampled_from(["", "18-39", "40-64", "65+"]),
    location=places,
)  # fmt: skip
pools = st.integers(0, 12).flatmap(lambda n: st.tuples(*(candidates(pk) for pk in range(1, n + 1))))


@settings(max_examples=200, deadline=None)
@given(wish=wishes, pool=pools)
def test_never_proposes_lapsed_checks_full_volunteers_or_no_shared_time(wish, pool):
    by_id = {c.id: c for c in pool}
    proposed = rank(wish, list(pool), TODAY, limit=len(pool) or 1)
    for proposal in proposed:
        volunteer = by_id[proposal.volunteer_id]
        assert checks_clear(volunteer, TODAY)
        assert volunteer.active_matches < volunteer.capacity
        assert volunteer.slots & wish.slots
        assert proposal.slots and set(proposal.slots) <= volunteer.slots & wish.slots
        assert proposal.reasons
        if wish.prefers_gender:
            assert volunteer.gender == wish.prefers_gender
    scores = [p.score for p in proposed]
    assert scores == sorted(scores, reverse=True)


@settings(max_examples=60, deadline=None)
@given(wish=wishes, pool=pools)
def test_a_volunteer_who_passes_every_gate_is_proposed(wish, pool):
    """The gates exclude only what they say: a volunteer clear on each of them is in the list."""
    proposed = {p.volunteer_id for p in rank(wish, list(pool), TODAY, limit=len(pool) or 1)}
    for c in pool:
        meets = set(c.modes & wish.modes) - {"visit"}
        ok = (checks_clear(c, TODAY) and c.active_matches < c.capacity and c.slots & wish.slots and meets
              and (not wish.languages or c.languages & wish.languages)
              and (not wish.prefers_gender or c.gender == wish.prefers_gender))  # fmt: skip
        if ok:
            assert c.id in proposed


def _volunteer(pk: int, **overrides) -> Candidate:
    base = {
        "id": pk,
        "checks_until": TODAY + dt.timedelta(days=90),
        "active_matches": 0,
        "capacity": 1,
        "slots": frozenset({"tue_pm"}),
        "modes": frozenset({"phone"}),
        "languages": frozenset({"English"}),
    }
    return Candidate(**(base | overrides))


def test_shared_interests_and_language_rank_first_and_say_why():
    wish = Wish(
        slots=frozenset({"tue_pm", "thu_am"}),
        modes=frozenset({"phone", "visit"}),
        languages=frozenset({"English", "Urdu"}),
        interests=frozenset({"gardening", "music"}),
        location=LEEDS,
    )
    close = _volunteer(
        1,
        interests=frozenset({"gardening", "music"}),
        languages=frozenset({"Urdu", "English"}),
        modes=frozenset({"visit"}),
        location=(53.81, -1.55),
        travel_km=5,
    )
    plain = _volunteer(2)
    expired = _volunteer(3, checks_until=TODAY - dt.timedelta(days=1), interests=frozenset({"gardening"}))
    full = _volunteer(4, active_matches=1)
    far = _volunteer(5, modes=frozenset({"visit"}), location=(51.5, -0.1), travel_km=10)
    proposed = rank(wish, [plain, close, expired, full, far], TODAY)
    assert [p.volunteer_id for p in proposed] == [1, 2]
    reasons = " | ".join(proposed[0].reasons)
    assert "Shared interests: gardening, music" in reasons
    assert "Both speak English and Urdu" in reasons
    assert "Can visit: about 1.1 km away" in reasons
    assert proposed[0].score > proposed[1].score
