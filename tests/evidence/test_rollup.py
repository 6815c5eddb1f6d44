"""The summary tables the report reads (ADR 0027, "Summary tables"): built on first request when never
built, rebuilt by the command and the task, and the page says how old its figures are."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from connected.casework.models import Referral
from connected.evidence import queries, rollup, tasks
from connected.evidence.filters import ReportFilter
from connected.evidence.rollup_models import RollupState
from tests.casework.builders import make_world, sign_in

from . import world

pytestmark = pytest.mark.django_db
PERIOD = "from=2025-02&to=2025-05"


def _filter(w) -> ReportFilter:
    ids = (w.scheme_a.pk, w.scheme_b.pk)
    first, last = dt.date(2025, 2, 1), dt.date(2025, 5, 1)
    return ReportFilter(first, last, ids, ids, as_of=world.AS_OF)


@pytest.fixture
def data():
    w = make_world()
    start = dt.datetime(2025, 2, 1, tzinfo=dt.UTC)
    world.build([w.scheme_a, w.scheme_b], seed=27, people=200, start=start, days=119)
    return w


def test_the_first_request_builds_the_tables_and_the_page_says_when(data, client):
    assert not RollupState.objects.exists()
    sign_in(client, data.users["scheme_manager"])
    page = client.get(f"/evidence/?{PERIOD}").content.decode()
    state = RollupState.objects.get()
    assert 'id="figures-as-of"' in page and state.built_at.isoformat() in page
    assert (
        sum(queries.cube(_filter(data)).values())
        == Referral.objects.filter(
            received_at__gte=dt.datetime(2025, 2, 1, tzinfo=dt.UTC),
            received_at__lt=dt.datetime(2025, 6, 1, tzinfo=dt.UTC),
        ).count()
    )


def test_figures_stay_as_of_the_last_rebuild_until_the_next(data):
    f = _filter(data)
    rollup.refresh()
    before = queries.activity(f)
    counted = Referral.objects.filter(scheme=data.scheme_a, received_at__gte=dt.datetime(2025, 2, 1, tzinfo=dt.UTC))
    person = counted.filter(received_at__lt=dt.datetime(2025, 6, 1, tzinfo=dt.UTC)).first().person
    Referral.objects.create(
        person=person, scheme=data.scheme_a, received_at=dt.datetime(2025, 3, 3, tzinfo=dt.UTC), needs=["money"]
    )
    assert queries.activity(f) == before  # not counted until the rebuild, and the page says as of when
    call_command("evidence_refresh", stdout=io.StringIO())
    after = queries.activity(f)
    assert after["referrals"] == before["referrals"] + 1
    assert after["people_referred"] == before["people_referred"]  # the same person, counted once


def test_the_task_rebuilds_and_reports_when(data):
    result = tasks.refresh_evidence.call()
    state = RollupState.objects.get()
    assert result["built_at"] == state.built_at.isoformat()
    assert sum(queries.by_column(_filter(data), "source").values()) > 0
