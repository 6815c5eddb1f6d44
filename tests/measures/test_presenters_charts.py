"""A subject's series and change from stored responses, and the SVG chart with its table."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from connected.measures.change import Outcome
from connected.measures.charts import Point, line_chart, y_position
from connected.measures.presenters import group_summary, series_chart, subject_change, subject_series
from connected.measures.services import response_record

pytestmark = pytest.mark.django_db
CASE = "casework.case"


def record(code, answers, timepoint, days_ago, subject="case-1"):
    return response_record(
        instrument_code=code,
        answers=answers,
        subject_type=CASE,
        subject_id=subject,
        timepoint=timepoint,
        administered_at=timezone.now() - timedelta(days=days_ago),
    )


def ucla(a, b, c):
    return {"lack_companionship": a, "left_out": b, "isolated": c}


@pytest.fixture
def history():
    record("ucla3", ucla("often", "often", "often"), "baseline", 90)  # 9
    record("ucla3", ucla("often", "some_of_the_time", "often"), "follow_up", 40)  # 8
    record("ucla3", ucla("some_of_the_time", "hardly_ever_or_never", "some_of_the_time"), "discharge", 5)  # 5
    record("ucla3", ucla("hardly_ever_or_never", "hardly_ever_or_never", "hardly_ever_or_never"), "baseline", 1, "x")


def test_series_is_this_subjects_responses_oldest_first(history):
    [series] = subject_series(CASE, "case-1", "ucla3")
    assert [p.value for p in series.points] == [9, 8, 5]
    assert [p.timepoint for p in series.points] == ["baseline", "follow_up", "discharge"]
    assert [p.band for p in series.points] == ["Lonely", "Lonely", "Not lonely"]


def test_change_is_first_baseline_to_latest_follow_up(history):
    [change] = subject_change(CASE, "case-1", "ucla3", {"total": {"sd": 1.5, "r": 0.8, "source": "scheme"}})
    assert (change.before, change.after, change.outcome) == (9, 5, Outcome.IMPROVED)
    # RCI = -4 / (sqrt(2) * 1.5 * sqrt(0.2)) = -4.2164
    assert change.rci == pytest.approx(-4.2164, abs=1e-4) and change.reliable
    assert subject_change(CASE, "x", "ucla3") == []  # baseline only: no change yet


def test_ons4_gives_one_series_per_item():
    record("ons4", {"life_satisfaction": "3", "worthwhile": "5", "happiness": "4", "anxiety": "8"}, "baseline", 50)
    record("ons4", {"life_satisfaction": "6", "worthwhile": "5", "happiness": "7", "anxiety": "3"}, "follow_up", 2)
    series = subject_series(CASE, "case-1", "ons4")
    assert [s.score.id for s in series] == ["life_satisfaction", "worthwhile", "happiness", "anxiety"]
    changes = {c.score_id: c.outcome for c in subject_change(CASE, "case-1", "ons4")}
    assert changes == {
        "life_satisfaction": Outcome.IMPROVED,
        "worthwhile": Outcome.SAME,
        "happiness": Outcome.IMPROVED,
        "anxiety": Outcome.IMPROVED,
    }  # anxiety fell: better


def test_chart_draws_each_point_on_the_scale_with_a_table(history):
    [series] = subject_series(CASE, "case-1", "ucla3")
    chart = series_chart(series)
    svg = str(chart.svg)
    cys = [float(v) for v in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert cys == [pytest.approx(y_position(v, 3, 9), abs=0.05) for v in (9, 8, 5)]
    assert cys[0] < cys[1] < cys[2]  # higher scores are drawn higher
    assert 'role="img"' in svg and "<title" in svg and "Lower is better" in svg
    assert chart.table_headings == ("When", "Score", "Band")
    assert [row[1:] for row in chart.table_rows] == [("9", "Lonely"), ("8", "Lonely"), ("5", "Not lonely")]
    assert chart.table_rows[0][0].startswith("Baseline ")


def test_chart_escapes_text_and_handles_one_point():
    chart = line_chart("<script>", [Point("Baseline <b>", 4)], low=0, high=10)
    assert "<script>" not in str(chart.svg) and "&lt;script&gt;" in str(chart.svg)
    assert str(chart.svg).count("<circle") == 1 and "<polyline" not in str(chart.svg)


def test_group_summary_pairs_each_subjects_baseline_with_their_latest():
    for n in range(12):
        subject = f"case-{n}"
        record("ons-direct", {"lonely": "often_always"}, "baseline", 60, subject)
        record("ons-direct", {"lonely": "occasionally" if n < 9 else "often_always"}, "follow_up", 20, subject)
        if n == 0:  # a later discharge replaces the follow-up for this person
            record("ons-direct", {"lonely": "often_always"}, "discharge", 1, subject)
    record("ons-direct", {"lonely": "never"}, "baseline", 3, "only-baseline")  # no pair: left out
    group = group_summary(CASE, "ons-direct", "lonely", suppress_below=5)
    assert group.n == 12
    assert group.n_in_headline_before == 12
    assert group.share_leaving_headline == pytest.approx(8 / 12)
    assert group.share_improved == pytest.approx(8 / 12)
    assert group_summary(CASE, "ons-direct", "lonely", [f"case-{n}" for n in range(4)]).suppressed
