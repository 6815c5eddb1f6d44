"""The report page, its downloads and the national return: who may see them, that no figure under the
threshold leaves, that nothing links to or names a person, and that bad filters get a clear message."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import jsonschema
import pytest
from django.core.management import call_command
from django.db import transaction

from connected.casework.models import Person, Referral
from connected.evidence import rollup
from connected.evidence.national import SCHEMA, combine
from tests.casework.builders import make_world, sign_in

from . import world

pytestmark = pytest.mark.django_db
PERIOD = "from=2025-02&to=2025-05"


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            w = make_world()
            world.build(
                [w.scheme_a, w.scheme_b],
                seed=27,
                people=200,
                start=world.dt.datetime(2025, 2, 1, tzinfo=world.dt.UTC),
                days=119,
            )
            rollup.refresh()  # the report reads the summary tables (ADR 0027)
            yield w
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _numbers(text: str) -> list[int]:
    """Every whole number in `text` that is not part of a date, a decimal or a percentage."""
    return [int(n.replace(",", "")) for n in re.findall(r"(?<![\d.\-])\d[\d,]*(?![\d.%\-])", text)]


def test_commissioner_sees_only_the_schemes_they_commission(data, client):
    sign_in(client, data.users["commissioner"])
    page = client.get(f"/evidence/?{PERIOD}").content.decode()
    assert "Leeds North Social Prescribing" in page and "Manchester Connect" not in page
    own = Referral.objects.filter(scheme=data.scheme_a, received_at__year=2025, received_at__month__in=range(2, 6))
    body = client.get(f"/evidence/download/activity.csv?{PERIOD}").content.decode()
    referrals = next(row for row in csv.reader(io.StringIO(body)) if row and row[0] == "Referrals")
    assert abs(int(referrals[1].replace(",", "")) - own.count()) <= 2  # rounded to the nearest 5


@pytest.mark.parametrize("role", ["commissioner", "scheme_manager", "administrator"])
def test_no_figure_under_the_threshold_and_no_person_leaves(data, client, role):
    sign_in(client, data.users[role])
    page = client.get(f"/evidence/?{PERIOD}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/casework/cases/" not in html and "/casework/people/" not in html
    names = {p.full_name for p in Person.objects.all()}
    ids = {str(p) for p in Person.objects.values_list("pk", flat=True)}
    tables = re.findall(r'id="([a-z0-9-]+)" aria-labelledby', html)
    assert "referrals-by-source" in tables and "reach-imd" in tables and "change-ucla3" in tables
    downloads = [client.get(f"/evidence/download/{t}.csv?{PERIOD}").content.decode() for t in tables]
    national = client.get(f"/evidence/national-return.json?{PERIOD}").content.decode()
    for text in downloads:
        for row in csv.reader(io.StringIO(text)):
            for cell in row[1:]:
                assert not any(0 < n < 10 for n in _numbers(cell) if "%" not in cell and "." not in cell), row
    for text in (html, *downloads, national):
        assert not any(name in text for name in names) and not any(i in text for i in ids)
    document = json.loads(national)
    jsonschema.validate(document, SCHEMA)
    for table in document["tables"].values():
        assert all(v is None or v == 0 or v >= 10 for v in table.get("counts", {}).values())
    book = zipfile.ZipFile(io.BytesIO(client.get(f"/evidence/download/report.xlsx?{PERIOD}").content))
    assert set(re.findall(r'<sheet name="([^"]+)"', book.read("xl/workbook.xml").decode())) >= set(tables)
    for name in book.namelist():
        if name.startswith("xl/worksheets/sheet"):
            # Numeric cells carry no t="s" (shared string); every one is a published count.
            numbers = re.findall(r'<c r="[A-Z]+\d+"(?: s="\d+")?><v>([\d.]+)</v>', book.read(name).decode())
            assert numbers and not any(0 < float(v) < 10 for v in numbers), name


@pytest.mark.parametrize("role", ["link_worker", "referrer", "provider", "no_role"])
def test_roles_without_aggregates_are_refused(data, client, role):
    sign_in(client, data.users[role])
    for path in ("/evidence/", "/evidence/download/report.xlsx", "/evidence/national-return.json"):
        assert client.get(path).status_code == 403


def test_a_commissioner_guessing_a_named_record_is_refused(data, client):
    sign_in(client, data.users["commissioner"])
    referral = Referral.objects.filter(scheme=data.scheme_a).first()  # a scheme they commission
    for path in (
        f"/casework/cases/{referral.pk}/",
        f"/casework/people/{referral.person_id}/",
        f"/casework/cases/{referral.pk}/measures/",
        "/casework/caseload/",
    ):
        assert client.get(path).status_code in (403, 404), path


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2025-13&to=2025-11", "Enter the start month as YYYY-MM"),
        ("from=2025-06&to=2025-02", "The start month must be on or before the end month"),
        ("from=2025-02&to=2099-01", "The period must end by"),
        (f"{PERIOD}&scheme=999999", "Choose a scheme from the list"),
        (f"{PERIOD}&area=<script>", "Choose an area from the list"),
    ],
)
def test_bad_filters_say_what_is_wrong(data, client, query, message):
    sign_in(client, data.users["administrator"])
    response = client.get(f"/evidence/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert client.get(f"/evidence/download/waits.csv?{query}").status_code == 400


def test_a_filter_that_could_single_people_out_is_refused(data, client):
    sign_in(client, data.users["administrator"])
    response = client.get(f"/evidence/?{PERIOD}&area=E08000035")
    assert response.status_code == 200
    assert "too few referrals" in response.content.decode()
    assert "referrals-by-source" not in response.content.decode()
    assert client.get(f"/evidence/national-return.json?{PERIOD}&area=E08000035").status_code == 400


def test_the_overview_now_opens_the_report(data, client):
    sign_in(client, data.users["commissioner"])
    response = client.get("/casework/overview/")
    assert response.status_code == 302 and response["Location"] == "/evidence/"


def test_national_return_command(data, tmp_path):
    out = tmp_path / "return.json"
    call_command("evidence_national_return", scheme=data.scheme_a.pk, first="2025-02", last="2025-05", output=str(out))
    document = json.loads(out.read_text())
    jsonschema.validate(document, SCHEMA)
    assert document["schemes"] == ["Leeds North Social Prescribing"]
    assert document["tables"]["waits"]["figures"]["median_days"] is not None


def test_a_region_adds_returns_without_unsuppressing(data, tmp_path):
    """Each scheme sends its own return (the command); the region adds them up."""
    documents = []
    for scheme in (data.scheme_a, data.scheme_b):
        out = tmp_path / f"{scheme.pk}.json"
        call_command("evidence_national_return", scheme=scheme.pk, first="2025-02", last="2025-05", output=str(out))
        documents.append(json.loads(out.read_text()))
    one, two = documents
    combined = combine([one, two])
    for table_id, cells in combined.items():
        for key, cell in cells.items():
            published = [d["tables"][table_id]["counts"][key] for d in (one, two)]
            assert cell["sum"] == sum(v for v in published if v is not None)
            assert cell["withheld"] == sum(v is None for v in published)
    with pytest.raises(ValueError, match="version"):
        combine([{**one, "version": "0.9"}])
