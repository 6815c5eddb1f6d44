"""The inputs and the model: no loneliness measure gets in; scoring and supply behave as documented."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected.areas import inputs, need, risk
from connected.areas.supply import Area, Place, floating_catchment

from .conftest import FIXTURES, HARTLEPOOL

PHOF = FIXTURES / "areas" / "phof_selected_indicators_lad_2023extract.csv"


def test_a_loneliness_column_in_the_public_health_extract_is_refused():
    """The fixture carries a stand-in `loneliness_often_always` column (99 everywhere): it must not be read."""
    found, refused = inputs.read_phof(PHOF)
    assert refused == ["loneliness_often_always"]
    assert all("loneliness_often_always" not in values for values in found.values())
    assert all(99 not in values.values() for values in found.values())


@pytest.mark.parametrize("name", ["loneliness_often_always", "Social_Isolation_carers", "LONELY_pct"])
def test_any_column_naming_loneliness_or_isolation_is_excluded(name):
    assert inputs.excluded(name)


def test_no_model_input_or_context_column_measures_loneliness():
    assert not any(inputs.excluded(c) for c in inputs.PHOF_COLUMNS)
    for factor in risk.FACTORS:
        assert not inputs.excluded(factor.source_file) and not inputs.excluded(factor.measure)


@pytest.mark.django_db
def test_the_excluded_column_is_recorded_and_not_shown(areas_world, client):
    from connected.areas.models import AreaRun, AuthorityFigures

    assert AreaRun.objects.latest().totals["excluded_columns"] == ["loneliness_often_always"]
    assert "loneliness_often_always" not in AuthorityFigures.objects.get(code=HARTLEPOOL).context


def test_census_2021_shares_are_brought_to_2011_areas():
    data = inputs.read_inputs(FIXTURES)
    area = data.small_areas["E01011949"]  # unchanged in 2021
    assert area.population == 1944 and area.age_16_24 == 193 and area.age_75_plus == 125
    assert 0 < area.disabled < 1 and 0 < area.rented < 1 and 0 <= area.flats < 1


shares = st.floats(min_value=0, max_value=1, allow_nan=False)


@given(st.lists(st.tuples(st.integers(1, 5000), shares, shares, st.integers(1, 10)), min_size=1, max_size=30))
def test_england_scores_zero_and_contributions_add_up(areas):
    vals = [
        (
            pop,
            {
                "disabled": a,
                "young_adults": b,
                "older_people": a,
                "renting": b,
                "flats": a,
                "deprivation": risk._deprivation(inputs.SmallAreaInputs(imd_decile=dec)),
            },
        )
        for pop, a, b, dec in areas
    ]
    means = risk.england_means(vals)
    contribs = [risk.contributions(v, means) for _, v in vals]
    total = sum(pop * risk.score(c) for (pop, _), c in zip(vals, contribs, strict=True))
    assert math.isclose(total / sum(pop for pop, _ in vals), 0, abs_tol=1e-6)


def test_a_higher_share_of_a_risk_group_raises_the_score():
    means = {f.code: 0.2 for f in risk.FACTORS}
    low = risk.contributions({"disabled": 0.1}, means)
    high = risk.contributions({"disabled": 0.3}, means)
    assert low["disabled"] < 0 < high["disabled"]
    assert math.isclose(high["disabled"], 100 * math.log(1.9) * 0.1, rel_tol=1e-2)


@given(st.lists(st.floats(-100, 100, allow_nan=False), min_size=1, max_size=50))
def test_percentiles_stay_between_zero_and_one_and_keep_order(values):
    pct = need.percentiles(values)
    assert all(0 <= p <= 1 for p in pct)
    for i in range(len(values)):
        for j in range(len(values)):
            if values[i] < values[j]:
                assert pct[i] < pct[j]


def test_unmet_need_is_highest_where_risk_is_high_and_supply_low():
    scores = need.ranked([10, 0, -10], [0.0, 1.0, 2.0]).unmet
    assert scores[0] == 100 and scores[2] == 0


@given(
    st.lists(st.tuples(st.floats(54.5, 54.7), st.floats(-1.6, -1.1), st.integers(1, 3000)), min_size=1, max_size=25),
    st.lists(st.tuples(st.floats(54.5, 54.7), st.floats(-1.6, -1.1)), min_size=0, max_size=25),
)
def test_floating_catchment_shares_add_up_to_the_services_in_reach(areas, places):
    area_list = [Area(f"A{i}", lat, lon, pop) for i, (lat, lon, pop) in enumerate(areas)]
    place_list = [Place(f"S{i // 2}", lat, lon) for i, (lat, lon) in enumerate(places)]
    supplies = floating_catchment(area_list, place_list, 1.6)
    reached = {p for s in supplies for p in s.services}
    # Each service counts once, split over its places; only the places somebody can reach count.
    from connected.areas.supply import capacities, pairs

    in_reach = {p for _, near in pairs(area_list, place_list, 1.6) for p in near}
    expected = sum(capacities(place_list)[p] for p in in_reach)
    assert math.isclose(sum(s.share for s in supplies), expected, rel_tol=1e-9, abs_tol=1e-9)
    assert reached <= {p.service for p in place_list}


def test_reach_is_measured_in_kilometres():
    area = [Area("A", 54.0, -1.0, 1000)]
    near, far = Place("near", 54.0, -1.0 + 1.5 / 65.5), Place("far", 54.0, -1.0 + 1.7 / 65.5)
    supply = floating_catchment(area, [near, far], 1.6)[0]
    assert supply.services == {"near"}
