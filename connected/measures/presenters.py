"""Shaping stored responses for pages: one person's series over time, their change, and a chart.

Casework calls these with its own subject reference (e.g. "casework.case", case.pk)
and includes `measures/_chart.jinja`'s line_chart macro; measures never imports casework.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format

from . import registry
from .change import DEFAULT_SUPPRESS_BELOW, GroupChange, PersonChange, group_change, person_change
from .charts import LineChart, Point, line_chart
from .definitions import Direction, Instrument, Reliability, ScoreDef
from .models import MeasureResponse, Timepoint

FOLLOW_UPS = (Timepoint.FOLLOW_UP, Timepoint.DISCHARGE, Timepoint.OTHER)


@dataclass(frozen=True)
class SeriesPoint:
    administered_at: datetime
    timepoint: str
    timepoint_label: str
    value: int
    band: str | None


@dataclass(frozen=True)
class Series:
    instrument: Instrument
    score: ScoreDef
    points: tuple[SeriesPoint, ...]

    @property
    def title(self) -> str:
        if len(self.instrument.scores) == 1:
            return self.instrument.short_name
        return f"{self.instrument.short_name}: {self.score.label}"


def _responses(subject_type: str, subject_id: object, instrument_code: str) -> list[MeasureResponse]:
    return list(
        MeasureResponse.objects.for_subject(subject_type, str(subject_id))
        .filter(instrument_code=instrument_code)
        .order_by("administered_at", "created_at")
    )


def subject_series(subject_type: str, subject_id: object, instrument_code: str) -> list[Series]:
    """One series per score of the instrument (ONS4 gives four; De Jong Gierveld three), oldest first."""
    instrument = registry.get(instrument_code)
    responses = _responses(subject_type, subject_id, instrument_code)
    labels = dict(Timepoint.choices)
    return [
        Series(
            instrument=instrument,
            score=score_def,
            points=tuple(
                SeriesPoint(
                    administered_at=r.administered_at,
                    timepoint=r.timepoint,
                    timepoint_label=labels.get(r.timepoint, r.timepoint),
                    value=int(r.scores[score_def.id]),
                    band=r.bands.get(score_def.id),
                )
                for r in responses
                if score_def.id in r.scores
            ),
        )
        for score_def in instrument.scores
    ]


def _baseline_and_latest(responses: list[MeasureResponse]) -> tuple[MeasureResponse, MeasureResponse] | None:
    """The first baseline and the latest later follow-up/discharge/other response, oldest-first input."""
    baselines = [r for r in responses if r.timepoint == Timepoint.BASELINE]
    if not baselines:
        return None
    first = baselines[0]
    later = [r for r in responses if r.timepoint in FOLLOW_UPS and r.administered_at >= first.administered_at]
    return (first, later[-1]) if later else None


def subject_change(
    subject_type: str,
    subject_id: object,
    instrument_code: str,
    reliability: Mapping[str, Reliability | Mapping] | None = None,
) -> list[PersonChange]:
    """Change from the first baseline to the latest later response, per score; [] until both exist.

    reliability: optional per-score overrides (score id -> SD, r and source) set by the scheme.
    """
    pair = _baseline_and_latest(_responses(subject_type, subject_id, instrument_code))
    if pair is None:
        return []
    first, last = pair
    instrument = registry.get(instrument_code)
    overrides = reliability or {}
    return [
        person_change(s, int(first.scores[s.id]), int(last.scores[s.id]), overrides.get(s.id))
        for s in instrument.scores
        if s.id in first.scores and s.id in last.scores
    ]


def group_summary(
    subject_type: str,
    instrument_code: str,
    score_id: str,
    subject_ids: Iterable[object] | None = None,
    *,
    suppress_below: int = DEFAULT_SUPPRESS_BELOW,
) -> GroupChange:
    """Group change for one score across subjects (all of this type, or those listed), small numbers hidden."""
    score_def = registry.get(instrument_code).score_def(score_id)
    responses = MeasureResponse.objects.filter(subject_type=subject_type, instrument_code=instrument_code)
    if subject_ids is not None:
        responses = responses.filter(subject_id__in=[str(s) for s in subject_ids])
    by_subject: dict[str, list[MeasureResponse]] = {}
    for response in responses.order_by("administered_at", "created_at"):
        by_subject.setdefault(response.subject_id, []).append(response)
    pairs = []
    for subject_responses in by_subject.values():
        pair = _baseline_and_latest(subject_responses)
        if pair and score_id in pair[0].scores and score_id in pair[1].scores:
            pairs.append((int(pair[0].scores[score_id]), int(pair[1].scores[score_id])))
    return group_change(score_def, pairs, suppress_below=suppress_below)


def direction_note(score_def: ScoreDef) -> str:
    return "Lower is better" if score_def.direction == Direction.HIGHER_WORSE else "Higher is better"


def series_chart(series: Series) -> LineChart:
    """The series as an SVG line chart on the score's full range, with a table (when, score, band)."""
    points = [
        Point(
            f"{p.timepoint_label.split(' (')[0]} {date_format(timezone.localtime(p.administered_at), 'j M Y')}",
            p.value,
        )
        for p in series.points
    ]
    extra = [("Band", [p.band or "none" for p in series.points])] if series.score.bands else []
    return line_chart(
        series.title,
        points,
        low=series.score.low,
        high=series.score.high,
        direction_note=direction_note(series.score),
        chart_id=f"chart-{series.instrument.code}-{series.score.id}",
        extra_columns=extra,
    )
