"""Befriending in the evidence report: matches ended by reason, and loneliness change over a match."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from connected.befriending import services
from connected.evidence import befriending as evidence
from connected.evidence.filters import ReportFilter
from connected.evidence.reports import _counts_table
from connected.measures.services import response_record
from tests.befriending.builders import make_befriending, request_for

pytestmark = pytest.mark.django_db


def test_ended_matches_and_loneliness_change_are_counted_and_suppressed():
    world = make_befriending()
    now = timezone.now()
    match = services.match_confirm(
        request=request_for(world),
        volunteer=world.volunteers["volunteer"],
        by=None,
        slot="tue_pm",
        mode="phone",
        reasons=[],
        now=now - dt.timedelta(days=90),
    )
    for timepoint, answer, days in (
        ("baseline", "often_always", 90),
        ("follow_up", "some_of_the_time", 40),
        ("discharge", "occasionally", 1),
    ):
        response_record(
            instrument_code="ons-direct",
            answers={"lonely": answer},
            subject_type="befriending.match",
            subject_id=match.pk,
            timepoint=timepoint,
            administered_at=now - dt.timedelta(days=days),
        )
    services.match_end(match=match, by=None, reason="goals_met", goodbye="last_call", now=now)
    month = timezone.localdate().replace(day=1)
    f = ReportFilter(
        first_month=month, last_month=month, scheme_ids=(world.scheme.pk,), allowed_scheme_ids=(world.scheme.pk,)
    )
    assert evidence.ended_by_reason(f) == {"goals_met": 1}
    assert evidence.loneliness_change(f) == {"improved": 1, "same": 0, "worse": 0}
    other = ReportFilter(
        first_month=month,
        last_month=month,
        scheme_ids=(world.other_scheme.pk,),
        allowed_scheme_ids=(world.other_scheme.pk,),
    )
    assert evidence.loneliness_change(other) == {"improved": 0, "same": 0, "worse": 0}
    ended, change = evidence.tables(f, 10, _counts_table)
    assert (ended.id, change.id) == ("befriending-ended", "befriending-change")
    assert dict(zip(change.keys, (row[1] for row in change.rows), strict=True))["improved"] is None  # 1: withheld
    assert (
        evidence.tables(
            ReportFilter(first_month=month, last_month=month, scheme_ids=(), allowed_scheme_ids=(), area="E08000035"),
            10,
            _counts_table,
        )
        == []
    )
