"""t quantiles against printed tables; reliable change and paired CIs against hand-computed values."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected.measures import registry
from connected.measures.change import (
    Outcome,
    ReliabilityNotSet,
    ReliableChangeNotApplicable,
    group_change,
    outcome,
    paired_mean_ci,
    person_change,
    reliable_change_index,
)
from connected.measures.definitions import Reliability
from connected.measures.tdist import t_cdf, t_quantile

# Two-sided 95% critical values, t(0.975, df), from standard printed tables.
T_TABLE = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    9: 2.262,
    10: 2.228,
    20: 2.086,
    30: 2.042,
    60: 2.000,
    120: 1.980,
}


@pytest.mark.parametrize(("df", "expected"), sorted(T_TABLE.items()))
def test_t_quantile_matches_printed_table(df, expected):
    assert round(t_quantile(0.975, df), 3) == expected


def test_t_quantile_other_levels_and_symmetry():
    assert round(t_quantile(0.95, 10), 3) == 1.812
    assert round(t_quantile(0.995, 5), 3) == 4.032
    assert t_quantile(0.025, 7) == pytest.approx(-t_quantile(0.975, 7))
    assert abs(t_quantile(0.975, 1e7) - 1.959964) < 1e-4  # the normal limit
    with pytest.raises(ValueError):
        t_quantile(1.0, 5)


@given(st.floats(0.001, 0.999), st.integers(1, 500))
def test_t_cdf_inverts_t_quantile(p, df):
    assert t_cdf(t_quantile(p, df), df) == pytest.approx(p, abs=1e-8)


UCLA_TOTAL = registry.get("ucla3").score_def("total")
LIFE = registry.get("ons4").score_def("life_satisfaction")
ANXIETY = registry.get("ons4").score_def("anxiety")
DIRECT = registry.get("ons-direct").score_def("lonely")


def test_outcome_follows_each_scores_direction():
    assert outcome(UCLA_TOTAL, 8, 5) == Outcome.IMPROVED  # less lonely
    assert outcome(UCLA_TOTAL, 5, 8) == Outcome.WORSE
    assert outcome(UCLA_TOTAL, 6, 6) == Outcome.SAME
    assert outcome(LIFE, 4, 7) == Outcome.IMPROVED  # more satisfied
    assert outcome(ANXIETY, 4, 7) == Outcome.WORSE  # more anxious
    assert outcome(DIRECT, 5, 3) == Outcome.IMPROVED  # often/always -> occasionally


def test_reliable_change_index_hand_computed():
    # SD 2, r 0.75: S_diff = sqrt(2) * 2 * sqrt(0.25) = 1.414214
    assert reliable_change_index(8, 5, 2, 0.75) == pytest.approx(-3 / 1.414214, rel=1e-6)  # -2.1213
    assert reliable_change_index(8, 6, 2, 0.75) == pytest.approx(-1.414214, rel=1e-6)
    # Jacobson & Truax's formula with SD 7.5, r 0.88: S_diff = sqrt(2)*7.5*sqrt(0.12) = 3.674235
    assert reliable_change_index(30, 20, 7.5, 0.88) == pytest.approx(-10 / 3.674235, rel=1e-6)


def test_person_change_reliable_in_the_instruments_direction():
    params = Reliability(sd=2, r=0.75, source="scheme audit 2026")
    change = person_change(UCLA_TOTAL, 8, 5, params)
    assert (change.difference, change.outcome, change.reliable) == (-3, Outcome.IMPROVED, True)
    assert change.reliable_outcome == "reliably improved"
    assert change.rci == pytest.approx(-2.1213, abs=1e-4)
    assert (change.band_before, change.band_after) == ("Lonely", "Not lonely")
    small = person_change(UCLA_TOTAL, 8, 6, params)
    assert (small.outcome, small.reliable, small.reliable_outcome) == (Outcome.IMPROVED, False, "no reliable change")
    worse = person_change(ANXIETY, 2, 9, {"sd": 2.5, "r": 0.7, "source": "x"})
    assert worse.reliable_outcome == "reliably worse"  # 7 / (sqrt2 * 2.5 * sqrt .3) = 3.615


def test_reliable_change_needs_parameters_where_none_are_published():
    change = person_change(UCLA_TOTAL, 8, 5)
    assert change.rci is None and change.reliable is None and change.outcome == Outcome.IMPROVED
    with pytest.raises(ReliabilityNotSet, match="no published value; set per scheme"):
        person_change(UCLA_TOTAL, 8, 5, require_rci=True)
    with pytest.raises(ValueError, match="source"):
        person_change(UCLA_TOTAL, 8, 5, {"sd": 2, "r": 0.75})
    with pytest.raises(ValueError, match="reliability r"):
        person_change(UCLA_TOTAL, 8, 5, {"sd": 2, "r": 1.0, "source": "x"})
    with pytest.raises(ReliableChangeNotApplicable):
        person_change(DIRECT, 5, 1, {"sd": 1, "r": 0.5, "source": "x"}, require_rci=True)


def test_paired_mean_ci_hand_computed():
    # differences -2,-1,0,-3,-1: mean -1.4, sd sqrt(1.3)=1.140175, se 0.509902, t(0.975,4)=2.776445
    mean, low, high = paired_mean_ci([-2, -1, 0, -3, -1])
    half = 2.776445 * math.sqrt(1.3 / 5)
    assert mean == pytest.approx(-1.4)
    assert low == pytest.approx(-1.4 - half, abs=1e-5)  # -2.8157
    assert high == pytest.approx(-1.4 + half, abs=1e-5)  # 0.0157
    assert paired_mean_ci([2]) == (2, None, None)


def test_group_change_for_the_direct_question():
    # 12 people: 10 start often/always (5); 6 of them move out of it.
    pairs = [(5, 3)] * 4 + [(5, 4)] * 2 + [(5, 5)] * 3 + [(5, 5)] + [(2, 1), (3, 4)]
    group = group_change(DIRECT, pairs, suppress_below=5)
    assert group.n == 12 and not group.suppressed
    assert group.n_in_headline_before == 10
    assert group.share_leaving_headline == pytest.approx(6 / 10)
    assert group.share_improved == pytest.approx(7 / 12)  # 4 + 2 + (2 -> 1)
    assert group.share_worse == pytest.approx(1 / 12)
    assert group.share_same == pytest.approx(4 / 12)
    assert group.distribution_before == {
        "Often/always": 10,
        "Some of the time": 0,
        "Occasionally": None,
        "Hardly ever": None,
        "Never": 0,
    }  # counts of 1 to 4 are suppressed
    # after: 4 often/always, 3 some of the time, 4 occasionally, 1 never: all under 5, all hidden
    assert group.distribution_after == {
        "Often/always": None,
        "Some of the time": None,
        "Occasionally": None,
        "Hardly ever": 0,
        "Never": None,
    }
    assert group.mean_change == pytest.approx(sum(a - b for b, a in pairs) / 12)


def test_group_change_suppresses_small_groups():
    group = group_change(UCLA_TOTAL, [(8, 5)] * 9)
    assert group.suppressed and group.n == 9 and group.mean_change is None and group.distribution_before is None
    full = group_change(UCLA_TOTAL, [(8, 5)] * 6 + [(6, 6)] * 4)
    assert not full.suppressed
    assert full.mean_change == pytest.approx(-1.8)
    assert full.distribution_before == {"Not lonely": 0, "Lonely": 10}
    assert full.distribution_after == {"Not lonely": None, "Lonely": None}  # 6 and 4: both under 10, hidden
    assert full.share_leaving_headline == pytest.approx(0.6)  # 6 of the 10 who were "Lonely"


@given(st.lists(st.tuples(st.integers(3, 9), st.integers(3, 9)), min_size=10, max_size=60))
def test_group_shares_add_up_and_ci_contains_the_mean(pairs):
    group = group_change(UCLA_TOTAL, pairs)
    assert group.share_improved + group.share_same + group.share_worse == pytest.approx(1)
    assert group.ci_low <= group.mean_change <= group.ci_high
    assert group.mean_after - group.mean_before == pytest.approx(group.mean_change)
