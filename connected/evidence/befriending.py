"""Befriending as a service type in the evidence report (issue 22): matches ended, by reason, and how
people's loneliness changed over a match, each table published through the same suppression.

A befriending match files its ONS loneliness measures with subject "befriending.match" (the match id) at
its start (baseline), during it (follow-up) and at its end (discharge); a pair is a match's first
baseline and its latest later answer, as for casework's cases (`measure_pairs`). Befriending records
hold no area, so these tables are left out of a report narrowed to an area.
"""

from __future__ import annotations

from connected.befriending.models import Match
from connected.befriending.vocabulary import EndReason
from connected.measures.change import Outcome
from connected.measures.models import MeasureResponse

from .filters import ReportFilter
from .measure_pairs import change_of, points

SUBJECT = "befriending.match"  # befriending's MEASURES_SUBJECT
HEADLINE = ("ons-direct", "lonely")  # the ONS direct question: how often do you feel lonely?
OUTCOMES = (
    (Outcome.IMPROVED.value, "Less lonely"),
    (Outcome.SAME.value, "The same"),
    (Outcome.WORSE.value, "More lonely"),
)


def ended_by_reason(f: ReportFilter) -> dict[str, int]:
    counts: dict[str, int] = {}
    ended = Match.objects.filter(scheme_id__in=f.scheme_ids, ended_at__gte=f.start_at, ended_at__lt=f.end_at)
    for reason in ended.values_list("end_reason", flat=True):
        counts[reason] = counts.get(reason, 0) + 1
    return counts


def loneliness_change(f: ReportFilter) -> dict[str, int]:
    """Improved / same / worse on the ONS direct question, for pairs whose later answer is in the period."""
    ids = [str(pk) for pk in Match.objects.filter(scheme_id__in=f.scheme_ids).values_list("pk", flat=True)]
    fields = ("subject_id", "instrument_code", "timepoint", "administered_at", "scores")
    responses: list[dict] = []
    for start in range(0, len(ids), 900):  # SQLite allows so many parameters in one query
        found = MeasureResponse.objects.filter(
            subject_type=SUBJECT, subject_id__in=ids[start : start + 900], instrument_code=HEADLINE[0]
        )
        responses += found.values(*fields)
    responses.sort(key=lambda r: r["administered_at"])
    counts = {code: 0 for code, _ in OUTCOMES}
    for (_match, code, score_id), point in points(responses, owner=lambda subject: subject).items():
        if score_id != HEADLINE[1] or point.after_at is None or not f.start_at <= point.after_at < f.end_at:
            continue
        outcome = change_of(code, score_id, point)
        if outcome is not None:
            counts[outcome.value] += 1
    return counts


def tables(f: ReportFilter, limit: int, counts_table) -> list:
    """The two befriending tables, built by the report's own `_counts_table` (so suppressed the same way)."""
    if f.area:
        return []
    change = loneliness_change(f)
    return [
        counts_table(
            "befriending-ended",
            "Befriending: matches ended, by reason",
            "Reason",
            EndReason.choices,
            ended_by_reason(f),
            limit,
        ),
        counts_table(
            "befriending-change",
            "Befriending: loneliness over a match (ONS direct question)",
            "From the start of the match to its latest answer",
            OUTCOMES,
            change,
            limit,
        ),
    ]
