"""The SROI inputs sheet: counts equal a naive count, small counts withheld and never valued, the
evaluator's values stored per scheme and period with their source, and bad values refused by name."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from connected.casework.models import Contact, Introduction, Referral
from connected.evidence import sroi
from connected.evidence.models import SroiProxy
from connected.measures.models import MeasureResponse
from tests.casework.builders import make_world, sign_in

from .builders import populate

pytestmark = pytest.mark.django_db
PERIOD = "start_day=1&start_month=1&start_year=2000&end_day=31&end_month=12&end_year=2099"


@pytest.fixture
def world():
    world = make_world()
    world.records |= populate(world, people=30)
    return world


def naive_counts(scheme) -> dict[str, tuple[int, int | None]]:
    referrals = list(Referral.objects.filter(scheme=scheme))
    person = {r.pk: r.person_id for r in referrals}
    supported = {
        person[c.referral_id] for c in Contact.objects.all() if c.referral_id in person and c.mode != "attempt"
    }
    going = {
        person[i.referral_id]
        for i in Introduction.objects.all()
        if i.referral_id in person and i.status == "still_going" and (i.updated_at - i.created_at).days >= 91
    }
    out: dict[str, tuple[int, int | None]] = {
        "supported": (len(supported), None),
        "connected_3_months": (len(going), None),
    }
    for code, instrument, score, better in (
        ("less_lonely_ons", "ons-direct", "lonely", lambda b, a: a < b),
        ("less_lonely_ucla", "ucla3", "total", lambda b, a: a < b),
        ("wellbeing_improved", "ons4", "life_satisfaction", lambda b, a: a > b),
        ("left_often_always", "ons-direct", "lonely", None),
    ):
        pairs = []
        for pid in set(person.values()):
            ids = {str(r) for r, p in person.items() if p == pid}
            mine = [
                m
                for m in MeasureResponse.objects.order_by("administered_at")
                if m.subject_id in ids and m.instrument_code == instrument
            ]
            base = [m for m in mine if m.timepoint == "baseline"][:1]
            after = [m for m in mine if m.timepoint == "follow_up" and base]
            if base and after:
                pairs.append((base[0].scores[score], after[-1].scores[score]))
        if better is None:
            started = [(b, a) for b, a in pairs if b == 5]
            out[code] = (sum(1 for _, a in started if a != 5), len(started))
        else:
            out[code] = (sum(1 for b, a in pairs if better(b, a)), len(pairs))
    return out


def test_counts_equal_a_naive_count(world):
    got = sroi.outcome_counts(scheme=world.scheme_a, start=None, end=None)
    expected = naive_counts(world.scheme_a)
    assert got == expected
    assert got["supported"][0] >= 10 and got["less_lonely_ucla"][0] > 0


def test_no_published_count_under_the_threshold(world, settings):
    for limit in (5, 10, 20):
        settings.SUPPRESSION_THRESHOLD = limit
        raw = sroi.outcome_counts(scheme=world.scheme_a, start=None, end=None)
        for line in sroi.lines(scheme=world.scheme_a, start=None, end=None):
            for value in (line.people, line.asked):
                assert value is None or value == 0 or value >= limit
            _, asked = raw[line.code]
            if asked is not None and line.asked is not None and line.people is None:
                assert line.asked == asked  # the total may show only when both parts hide
            if line.people is None:
                assert line.value is None


def test_proxies_are_the_evaluators_and_the_sheet_shows_the_working(world, client):
    sign_in(client, world.users["scheme_manager"])
    assert "No value entered" in client.get(f"/evidence/sroi/?{PERIOD}").content.decode()
    posted = client.post(
        "/evidence/sroi/values/",
        {
            "period_start_day": "1", "period_start_month": "1", "period_start_year": "2000",
            "period_end_day": "31", "period_end_month": "12", "period_end_year": "2099",
            "outcome": "supported", "value": "100.50", "deadweight": "20", "source": "Unit cost database 2025, row 12",
        },
    )  # fmt: skip
    assert posted.status_code == 302
    proxy = SroiProxy.objects.get()
    assert (proxy.scheme, proxy.outcome, proxy.value, proxy.source) == (
        world.scheme_a,
        "supported",
        Decimal("100.50"),
        "Unit cost database 2025, row 12",
    )
    n = naive_counts(world.scheme_a)["supported"][0]
    expected = (Decimal(n) * Decimal("100.50") * Decimal("0.8")).quantize(Decimal("0.01"))
    sheet = client.get(f"/evidence/sroi/sheet.csv?{PERIOD}").content.decode("utf-8-sig")
    rows = {r[0]: r for r in csv.reader(io.StringIO(sheet)) if r}
    line = rows[sroi.OUTCOMES["supported"][0]]
    assert line[6] == f"{expected:.2f}"
    assert line[7] == f"{n} x £100.50 x (100% - 20.00% deadweight) = £{expected:,}"
    assert rows["Total social value"][6] == f"{expected:.2f}"
    assert client.get(f"/evidence/sroi/sheet.xlsx?{PERIOD}")["Content-Type"].endswith("spreadsheetml.sheet")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": "-5"}, "The value must be 0 or more"),
        ({"deadweight": "150"}, "Deadweight must be 100 or less"),
        ({"source": ""}, "Enter the source of the value"),
        ({"outcome": ""}, "Choose the outcome this value is for"),
        ({"period_end_year": "1999"}, "The end date must be the same as or after the start date"),
    ],
)
def test_bad_values_are_named_and_nothing_is_stored(world, client, changes, message):
    sign_in(client, world.users["scheme_manager"])
    data = {
        "period_start_day": "1", "period_start_month": "1", "period_start_year": "2000",
        "period_end_day": "31", "period_end_month": "12", "period_end_year": "2099",
        "outcome": "supported", "value": "10", "deadweight": "0", "source": "A study",
    }  # fmt: skip
    page = client.post("/evidence/sroi/values/", data | changes)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert not SroiProxy.objects.exists()
