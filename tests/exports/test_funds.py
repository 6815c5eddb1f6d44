"""Funds: figures equal a naive count, suppression on every published count, who may see which grant,
bad input named, the admin audited, and demo grants without personal data."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from connected.casework.models import Introduction, Person
from connected.core.models import AuditEvent
from connected.evidence import funds_figures, funds_presenters
from connected.evidence.models import Grant, GrantReturn
from connected.measures.models import MeasureResponse
from tests.casework.builders import make_world, sign_in

from .builders import funders, grant, populate

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = make_world()
    world.records |= populate(world, people=30)
    world.records |= funders(world)
    rec = world.records
    rec["connected"] = grant(rec["one"], title="Tea and talk", services=[rec["funded"]], uses_connected=True)
    rec["returns_only"] = grant(rec["one"], title="Walking group", grantee_account=rec["grantee_org"])
    rec["theirs"] = grant(rec["two"], title="Another funder's grant", services=[rec["funded"]], uses_connected=True)
    for start, reach, sessions in ((dt.date(2026, 1, 1), 4, 12), (dt.date(2026, 4, 1), 30, 11)):
        for g in (rec["connected"], rec["returns_only"]):
            GrantReturn.objects.create(
                grant=g, period_start=start, period_end=start + dt.timedelta(days=89), reach=reach,
                sessions=sessions, attendances=reach * 4, measure_instrument="ons-direct", people_measured=reach,
                people_improved=reach // 2,
            )  # fmt: skip
    return world


def naive_connected(service) -> dict:
    """Reach, still going, measured and improved on the ONS question, one record at a time."""
    intros = [i for i in Introduction.objects.all() if i.service_id == service.pk]
    went = [i for i in intros if i.status in ("attended", "still_going", "stopped")]
    people = {i.referral.person_id for i in went}
    going = {
        i.referral.person_id for i in intros if i.status == "still_going" and (i.updated_at - i.created_at).days >= 91
    }
    measured = improved = 0
    for i in went:
        mine = [
            m
            for m in MeasureResponse.objects.order_by("administered_at")
            if m.subject_id == str(i.referral_id) and m.instrument_code == "ons-direct"
        ]
        before = [m for m in mine if m.timepoint == "baseline"][:1]
        after = [m for m in mine if m.timepoint == "follow_up"]
        if before and after:
            measured += 1
            improved += after[-1].scores["lonely"] < before[0].scores["lonely"]
    return {"reach": len(people), "still_going": len(going), "measured": measured, "improved": improved}


def test_grant_figures_equal_a_naive_count(world):
    rec = world.records
    got = funds_figures.grant_figures(rec["connected"])
    assert {k: got.values[k] for k in ("reach", "still_going", "measured", "improved")} == naive_connected(
        rec["funded"]
    )
    assert got.values["sessions"] == 23 and got.values["attendances"] == 136
    assert got.values["reach"] > 10 and got.sources["reach"] == "Connected" and got.sources["sessions"] == "returns"
    entered = funds_figures.grant_figures(rec["returns_only"])
    assert entered.values == {
        "reach": 34,
        "sessions": 23,
        "attendances": 136,
        "measured": 34,
        "improved": 17,
        "still_going": None,
    }
    later = funds_figures.grant_figures(rec["returns_only"], dt.date(2026, 3, 1), dt.date(2026, 12, 31))
    assert later.values["reach"] == 30  # only returns wholly inside the period


def _published_numbers(cells) -> list[int]:
    return [int(c.replace(",", "")) for c in cells if c.replace(",", "").isdigit()]


def test_no_published_count_under_the_threshold(world, settings):
    rec = world.records
    for limit in (5, 10, 40):
        settings.SUPPRESSION_THRESHOLD = limit
        table = funds_presenters.rollup_table([rec["connected"], rec["returns_only"]], None, None)
        for row in [*table.rows, table.total]:
            assert all(n == 0 or n >= limit for n in _published_numbers(row[2:]))
        page = funds_presenters.grant_page(rec["returns_only"], None, None)
        cells = [cell for row in page["returns"][1] for cell in row[1:6]] + [f["value"] for f in page["figures"]]
        assert all(n == 0 or n >= limit for n in _published_numbers(cells))
    settings.SUPPRESSION_THRESHOLD = 10
    page = funds_presenters.grant_page(rec["returns_only"], None, None)
    assert page["returns"][1][0][1] == "fewer than 10"  # the return of 4 people
    assert page["returns"][1][1][1] == "fewer than 10"  # and the one that would give it away by subtraction


def test_the_rolled_up_download_matches_the_page(world, client):
    sign_in(client, world.records["funder"])
    page = client.get("/evidence/funds/evaluation/").content.decode()
    body = client.get("/evidence/funds/evaluation.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    titles = [r[0] for r in rows]
    assert "Tea and talk" in titles and "Walking group" in titles and "All grants" in titles
    assert "Another funder's grant" not in titles and "Another funder" not in page
    assert client.get("/evidence/funds/evaluation.xlsx").status_code == 200


def test_a_funder_sees_only_their_own_grants_and_no_person(world, client):
    rec = world.records
    sign_in(client, rec["funder"])
    portfolio = client.get("/evidence/funds/").content.decode()
    assert "Tea and talk" in portfolio and "Another funder" not in portfolio
    assert client.get(f"/evidence/funds/grants/{rec['connected'].pk}/").status_code == 200
    assert client.get(f"/evidence/funds/grants/{rec['theirs'].pk}/").status_code == 404
    assert client.post(f"/evidence/funds/grants/{rec['theirs'].pk}/returns/new/").status_code == 404
    pages = [
        client.get(u).content.decode()
        for u in ("/evidence/funds/", f"/evidence/funds/grants/{rec['connected'].pk}/", "/evidence/funds/evaluation/")
    ]
    for person in Person.objects.all():
        assert not [p for p in pages if person.family_name in p or str(person.pk) in p]
        assert client.get(f"/casework/people/{person.pk}/").status_code == 403
    assert client.get("/evidence/evaluation/extract.csv").status_code == 403


def test_a_grantee_sees_and_returns_on_their_grant_only(world, client):
    rec = world.records
    sign_in(client, rec["grantee"])
    assert "Walking group" in client.get("/evidence/funds/").content.decode()
    assert client.get(f"/evidence/funds/grants/{rec['returns_only'].pk}/").status_code == 200
    assert client.get(f"/evidence/funds/grants/{rec['connected'].pk}/").status_code == 404
    made = client.post(
        f"/evidence/funds/grants/{rec['returns_only'].pk}/returns/new/",
        {
            "period_start_day": "1", "period_start_month": "7", "period_start_year": "2026",
            "period_end_day": "30", "period_end_month": "9", "period_end_year": "2026",
            "reach": "15", "sessions": "12", "attendances": "70",
        },
    )  # fmt: skip
    assert made.status_code == 302
    saved = GrantReturn.objects.get(grant=rec["returns_only"], period_start=dt.date(2026, 7, 1))
    assert (saved.reach, saved.entered_by) == (15, rec["grantee"])
    assert AuditEvent.objects.filter(action="create", object_type="evidence.grantreturn").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reach": "-3"}, "People reached must be 0 or more"),
        ({"period_end_month": "5"}, "The end date must be the same as or after the start date"),
        ({"period_start_year": "2019"}, "The period must be within the dates of the grant"),
        (
            {"people_measured": "5", "people_improved": "9", "measure_instrument": "ons-direct"},
            "People improved cannot be more than people measured",
        ),
        ({"people_measured": "5"}, "Choose the measure the figures come from"),
        ({"sessions": "many"}, "Sessions held must be a number"),
    ],
)
def test_bad_returns_are_named_and_nothing_is_stored(world, client, changes, message):
    rec = world.records
    sign_in(client, rec["funder"])
    before = GrantReturn.objects.count()
    data = {
        "period_start_day": "1", "period_start_month": "7", "period_start_year": "2026",
        "period_end_day": "30", "period_end_month": "9", "period_end_year": "2026", "reach": "15",
    }  # fmt: skip
    page = client.post(f"/evidence/funds/grants/{rec['returns_only'].pk}/returns/new/", data | changes)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert GrantReturn.objects.count() == before


def test_a_grant_with_a_negative_amount_or_backwards_period_is_refused_by_name(world):
    rec = world.records
    bad = Grant(
        funder=rec["one"], title="x", amount=Decimal("-1"), starts_on=dt.date(2026, 2, 1), ends_on=dt.date(2026, 1, 1)
    )
    with pytest.raises(ValidationError) as refused:
        bad.full_clean()
    assert refused.value.message_dict["amount"] == ["The amount must be £0 or more"]
    bad.amount = Decimal("10")
    with pytest.raises(ValidationError) as refused:
        bad.full_clean()
    assert refused.value.message_dict["ends_on"] == ["The end date must be the same as or after the start date"]


def test_grants_in_the_admin_are_audited(world, admin_client):
    rec = world.records
    page = admin_client.post(
        "/admin/evidence/grant/add/",
        {
            "funder": rec["one"].pk, "title": "Admin grant", "amount": "-5", "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "returns-TOTAL_FORMS": "0", "returns-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert page.status_code == 200 and "The amount must be £0 or more" in page.content.decode()
    made = admin_client.post(
        "/admin/evidence/grant/add/",
        {
            "funder": rec["one"].pk, "title": "Admin grant", "amount": "5000", "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "returns-TOTAL_FORMS": "0", "returns-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert made.status_code == 302
    grant_made = Grant.objects.get(title="Admin grant")
    assert AuditEvent.objects.filter(
        action="create", object_type="evidence.grant", object_id=str(grant_made.pk)
    ).exists()


def test_demo_grants_for_the_demo_funder_hold_no_personal_data(db):
    from connected.core.models import Organisation
    from connected.demo import funds
    from connected.directory.models import Organization, Service

    Organisation.objects.create(name=funds.FUNDER, kind="funder")
    for i in range(5):
        Service.objects.create(organization=Organization.objects.create(name=f"Group {i}"), name=f"Activity {i}")
    funds.demo(seed=1)
    funds.demo(seed=1, if_empty=True)
    assert Grant.objects.count() == len(funds.PURPOSES)
    assert GrantReturn.objects.count() == 3 * len(funds.PURPOSES)
    assert not Person.objects.exists()
    for r in GrantReturn.objects.all():
        r.full_clean()  # every demo return is valid input
