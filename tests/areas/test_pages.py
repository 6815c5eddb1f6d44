"""The pages and CSV files: columns exactly as published, every input on the method page, clear errors."""

from __future__ import annotations

import csv
import io

import pytest

from connected.areas.inputs import PHOF_COLUMNS
from connected.areas.risk import FACTORS

from .conftest import FIXTURES, HARTLEPOOL

pytestmark = pytest.mark.django_db
COLUMNS = ["code", "name", "risk_score", "risk_rank", "supply_per_1000", "unmet_need_score"]


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_local_authorities_csv_has_the_published_columns_and_one_row_each(areas_world, client):
    rows = _csv(client.get("/areas/local-authorities.csv"))
    assert rows[0] == COLUMNS
    assert sorted(r[0] for r in rows[1:]) == ["E06000001", "E06000005"]
    assert [r[3] for r in rows[1:]] == ["1", "2"]


def test_small_areas_csv_lists_an_authoritys_lsoas_and_says_which_codes(areas_world, client):
    response = client.get(f"/areas/small-areas.csv?la={HARTLEPOOL}")
    rows = _csv(response)
    assert rows[0] == COLUMNS
    assert len(rows) == 59 and all(r[0].startswith("E01") for r in rows[1:])
    assert response["X-Area-Code-Vintage"] == "LSOA 2011"


def test_small_areas_csv_refuses_an_unknown_authority_by_name(areas_world, client):
    response = client.get("/areas/small-areas.csv?la=E99999999")
    assert response.status_code == 400
    assert "local authority in England" in response.content.decode()


@pytest.mark.parametrize(
    ("table", "header"),
    [("factors", ["code", "name", "risk_score", *(f.code for f in FACTORS)]), ("supply", ["activity_type", "per_1000"]),
     ("context", ["indicator", "value"])],
)  # fmt: skip
def test_every_table_on_the_authority_page_downloads(areas_world, client, table, header):
    rows = _csv(client.get(f"/areas/{HARTLEPOOL}/{table}.csv"))
    assert rows[0] == header and len(rows) > 1


def test_the_method_page_names_every_input_and_its_weight_or_role(areas_world, client):
    page = client.get("/areas/method/").content.decode()
    for path in sorted((FIXTURES / "areas").glob("*.csv")) + sorted((FIXTURES / "geography").glob("*.csv")):
        assert path.name in page, f"{path.name} is not named on the method page"
    for factor in FACTORS:
        assert factor.label in page and f"{factor.weight:.3f}" in page
    for label in PHOF_COLUMNS.values():
        assert label in page


def test_the_authority_page_explains_its_score(areas_world, client):
    page = client.get(f"/areas/{HARTLEPOOL}/").content.decode()
    assert "Hartlepool" in page and "Top unmet needs" in page
    for factor in FACTORS:
        assert factor.label in page
    assert "Hartlepool Connect" in page
    assert "<svg" in page and 'role="img"' in page


def test_national_table_and_maps_render(areas_world, client):
    assert "Hartlepool" in client.get("/areas/").content.decode()
    for kind in ("risk", "unmet", "supply"):
        page = client.get(f"/areas/map/?show={kind}").content.decode()
        assert page.count("<polygon") == 2


def test_an_unknown_authority_is_not_found(areas_world, client):
    assert client.get("/areas/E99999999/").status_code == 404
