"""Every report figure equals the same figure computed a second way: a plain Python loop over the raw
rows. Runs on SQLite and on PostgreSQL (DATABASE_URL), so the dialect phrases are checked on both."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter

import pytest
from django.db import transaction

from connected.casework.models import Contact, Introduction, Referral
from connected.core.models import Postcode
from connected.evidence import change, queries, rollup
from connected.evidence.filters import ReportFilter
from connected.measures import registry
from connected.measures.change import group_change, outcome, reliable_change_index
from connected.measures.definitions import Reliability
from connected.measures.models import MeasureResponse
from tests.casework.builders import make_world

from . import world

pytestmark = pytest.mark.django_db
RELIABILITY = {"ucla3.total": {"sd": 1.2, "r": 0.8, "source": "test value"}}


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at its end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            w = make_world()
            world.build([w.scheme_a, w.scheme_b], seed=14)
            w.scheme_a.measure_reliability = RELIABILITY
            w.scheme_a.save()
            rollup.refresh()  # the report reads the summary tables (ADR 0027)
            yield w
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _filter(w, *, scheme=None, area=None) -> ReportFilter:
    allowed = (w.scheme_a.pk, w.scheme_b.pk)
    return ReportFilter(
        first_month=dt.date(2025, 2, 1),
        last_month=dt.date(2025, 11, 1),
        scheme_ids=(scheme,) if scheme else allowed,
        allowed_scheme_ids=allowed,
        scheme=scheme,
        area=area,
        as_of=world.AS_OF,
    )


def _counted(f: ReportFilter, *, all_schemes: bool = False) -> list[Referral]:
    ids = f.allowed_scheme_ids if all_schemes else f.scheme_ids
    out = []
    for r in Referral.objects.select_related("person"):
        if r.scheme_id in ids and f.start_at <= r.received_at < f.end_at:
            area = r.person.local_authority_code or "UNKNOWN"
            if all_schemes or f.area is None or area == f.area:
                out.append(r)
    return out


def _percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    pos = p * (len(values) - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    return values[lo] + (pos - lo) * (values[hi] - values[lo])


def _age(at: dt.datetime, born: dt.date) -> int:
    day = at.astimezone(dt.UTC).date()
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _band(age: int) -> str:
    return next(label for label, lo, hi in queries.AGE_BANDS if lo <= age <= hi)


def _ethnic(code: str) -> str:
    return next((g for g, codes in queries.ETHNIC_GROUPS.items() if code and code in codes), "Not stated or not known")


FILTERS = [{}, {"scheme": "a"}, {"area": "E08000035"}, {"area": "UNKNOWN"}]


def _make(w, spec) -> ReportFilter:
    return _filter(w, scheme=w.scheme_a.pk if spec.get("scheme") else None, area=spec.get("area"))


@pytest.mark.parametrize("spec", FILTERS)
def test_referral_counts(data, spec):
    f = _make(data, spec)
    rows = _counted(f)
    assert rows, "the seeded data must reach every filter"
    cube = Counter(
        (f"{r.received_at.astimezone(dt.UTC):%Y-%m}", str(r.scheme_id), r.person.local_authority_code or "UNKNOWN")
        for r in _counted(f, all_schemes=True)
    )
    assert queries.cube(f) == dict(cube)
    assert queries.by_column(f, "source") == dict(Counter(r.source for r in rows))
    assert queries.by_column(f, "status") == dict(Counter(r.status for r in rows))
    assert queries.by_need(f) == dict(Counter(n for r in rows for n in set(r.needs)))
    assert queries.outcomes(f) == dict(Counter(r.outcome for r in rows if r.status == "closed"))


@pytest.mark.parametrize("spec", FILTERS)
def test_waits_and_activity(data, spec):
    f = _make(data, spec)
    rows = _counted(f)
    days = [(r.first_contact_at - r.received_at).total_seconds() / 86400 for r in rows if r.first_contact_at]
    waits = queries.waits(f)
    assert waits.n == len(days)
    assert waits.median == pytest.approx(_percentile(days, 0.5), abs=1e-5)
    assert waits.p90 == pytest.approx(_percentile(days, 0.9), abs=1e-5)
    ids = {r.pk for r in rows}
    intros = [i for i in Introduction.objects.all() if i.referral_id in ids]
    cut3, cut6 = world.AS_OF - queries.THREE_MONTHS, world.AS_OF - queries.SIX_MONTHS
    assert queries.activity(f) == {
        "referrals": len(rows),
        "people_referred": len({r.person_id for r in rows}),
        "people_supported": len({r.person_id for r in rows if r.accepted_at}),
        "contacts": sum(1 for c in Contact.objects.all() if c.referral_id in ids),
        "introductions": len(intros),
        "attended": sum(i.status in ("attended", "still_going") for i in intros),
        "made_3m_ago": sum(i.created_at <= cut3 for i in intros),
        "going_at_3m": sum(i.created_at <= cut3 and i.status == "still_going" for i in intros),
        "made_6m_ago": sum(i.created_at <= cut6 for i in intros),
        "going_at_6m": sum(i.created_at <= cut6 and i.status == "still_going" for i in intros),
    }


@pytest.mark.parametrize("spec", FILTERS)
def test_reach(data, spec):
    f = _make(data, spec)
    first: dict = {}
    for r in _counted(f):
        if r.person_id not in first or r.received_at < first[r.person_id][0]:
            first[r.person_id] = (r.received_at, r.person)
    deciles = dict(Postcode.objects.values_list("postcode", "imd_decile"))
    people = list(first.values())
    ages = Counter(_band(_age(at, p.date_of_birth)) if p.date_of_birth else "unknown" for at, p in people)
    assert queries.reach(f, "age") == dict(ages)
    sexes = Counter(p.gender if p.gender in ("male", "female", "other") else "unknown" for _, p in people)
    assert queries.reach(f, "sex") == dict(sexes)
    assert queries.reach(f, "ethnic") == dict(Counter(_ethnic(p.ethnic_category) for _, p in people))
    imd = Counter(str(deciles[p.postcode]) if deciles.get(p.postcode) else "unknown" for _, p in people)
    assert queries.reach(f, "imd") == dict(imd)
    assert queries.reach_circumstances(f) == dict(Counter(c for _, p in people for c in p.risk_circumstances))


def _pairs(f: ReportFilter, code: str) -> list[tuple[dict, dict]]:
    ids = {str(r.pk) for r in _counted(f)}
    by_case: dict[str, list[MeasureResponse]] = {}
    for m in MeasureResponse.objects.filter(instrument_code=code, subject_type="casework.case"):
        if m.subject_id in ids:
            by_case.setdefault(m.subject_id, []).append(m)
    pairs = []
    for responses in by_case.values():
        baselines = sorted((m for m in responses if m.timepoint == "baseline"), key=lambda m: (m.administered_at, m.pk))
        later = [m for m in responses if m.timepoint in ("follow_up", "discharge")]
        if baselines and later:
            pairs.append((baselines[0].scores, max(later, key=lambda m: (m.administered_at, m.pk)).scores))
    return pairs


@pytest.mark.parametrize("spec", [{}, {"scheme": "a"}])
@pytest.mark.parametrize("code", world.INSTRUMENTS)
def test_change_per_instrument(data, spec, code):
    f = _make(data, spec)
    reliability = RELIABILITY if spec.get("scheme") else None
    pairs = _pairs(f, code)
    assert pairs, "the seeded data must give pairs"
    assert code in change.instruments_used(f)
    for sums in change.change(f, code, reliability):
        score = sums.score
        scored = [(b[score.id], a[score.id]) for b, a in pairs]
        diffs = [a - b for b, a in scored]
        expected = group_change(score, scored, suppress_below=1)
        assert sums.n == expected.n == len(scored)
        assert sums.sum_diff == sum(diffs) and sums.sum_sq_diff == sum(d * d for d in diffs)
        assert sums.mean_change == pytest.approx(expected.mean_change)
        low, high = sums.ci()
        assert (low, high) == (pytest.approx(expected.ci_low), pytest.approx(expected.ci_high))
        outcomes = Counter(outcome(score, b, a) for b, a in scored)
        assert (sums.improved, sums.same, sums.worse) == (outcomes["improved"], outcomes["same"], outcomes["worse"])
        if score.headline_band:
            band = next(x for x in score.bands if x.label == score.headline_band)
            started = [(b, a) for b, a in scored if band.contains(b)]
            assert sums.in_headline == len(started)
            assert sums.left_headline == sum(not band.contains(a) for _, a in started)
        params = (reliability or {}).get(f"{code}.{score.id}")
        if params:
            rel = Reliability(**params)
            rcis = [(reliable_change_index(b, a, rel.sd, rel.r), outcome(score, b, a)) for b, a in scored]
            assert sums.reliably_improved == sum(abs(x) > 1.96 and o == "improved" for x, o in rcis)
            assert sums.reliably_worse == sum(abs(x) > 1.96 and o == "worse" for x, o in rcis)
        else:
            assert sums.reliably_improved is None
    assert registry.get(code)
