"""import_postcodes: the NSPL sample, an ONSPD-style file, --if-empty, bad files, and the real area data."""

from __future__ import annotations

import gzip
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from connected.core.geography_import import imd_decile
from connected.core.geography_reference import load_areas
from connected.core.models import LocalAuthority, LsoaCentroid, OutcodeCentroid, Postcode

from .conftest import GEODATA, ONSPD, SAMPLE

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("import_postcodes", *args, "--data-dir", str(GEODATA), stdout=out, verbosity=0)
    return out.getvalue()


def test_sample_of_the_real_file_loads_with_a_summary() -> None:
    with gzip.open(SAMPLE, "rt") as handle:
        data_lines = len(handle.read().splitlines()) - 1
    output = _run(str(SAMPLE))
    assert Postcode.objects.count() == data_lines - 1  # NPT 0VA breaks the unit-letter rule
    assert "rows rejected: 1." in output
    assert "'NPT 0VA' not a postcode" in output
    assert f"Loaded {data_lines - 1:,} postcodes (postcode,lat,long)" in output
    first = Postcode.objects.get(pk="AB1 0AA")
    assert (first.lat, first.lon, first.outcode, first.lsoa_code, first.imd_decile) == (
        57.10145,
        -2.24285,
        "AB1",
        "",
        None,
    )
    no_position = Postcode.objects.get(pk="GIR 0AA")
    assert (no_position.lat, no_position.lon) == (None, None)
    assert OutcodeCentroid.objects.filter(pk="SW1A").exists()
    assert LsoaCentroid.objects.filter(pk="E01004736", la_name="Westminster", region="London").exists()


def test_if_empty_skips_when_loaded_and_a_plain_run_replaces() -> None:
    _run(str(SAMPLE))
    Postcode.objects.filter(pk="SW1A 1AA").update(lat=0.0)
    output = _run(str(SAMPLE), "--if-empty")
    assert "Postcodes already loaded; skipped" in output
    assert "Outcodes and areas already loaded; skipped" in output
    assert Postcode.objects.get(pk="SW1A 1AA").lat == 0.0  # untouched
    _run(str(SAMPLE))
    assert Postcode.objects.get(pk="SW1A 1AA").lat == 51.50101  # a full import replaces the table


def test_if_empty_loads_into_an_empty_database() -> None:
    output = _run(str(SAMPLE), "--if-empty")
    assert "Loaded" in output
    assert Postcode.objects.exists()


def test_ons_postcode_directory_layout() -> None:
    output = _run(str(ONSPD))
    assert "(ONS Postcode Directory)" in output
    assert Postcode.objects.count() == 5  # ZZ99 1ZZ is rejected
    assert "'ZZ99 1ZZ' not a postcode" in output
    sw1a = Postcode.objects.get(pk="SW1A 1AA")
    assert (sw1a.la_code, sw1a.lsoa_code, sw1a.imd_decile) == ("E09000033", "E01004736", 6)
    cardiff = Postcode.objects.get(pk="CF10 1EP")
    assert (cardiff.lsoa_code, cardiff.imd_decile) == ("W01001764", 1)  # rank 150 of 1,909 in Wales
    edinburgh = Postcode.objects.get(pk="EH99 1SP")
    assert (edinburgh.lsoa_code, edinburgh.imd_decile) == ("S01008677", 8)  # 2011 code when 2021 is empty
    assert Postcode.objects.get(pk="LS1 4AP").la_code == ""  # pseudo code E99999999 dropped
    terminated = Postcode.objects.get(pk="TS1 9ZZ")
    assert (terminated.lat, terminated.lon) == (None, None)  # 99.999999 means no position


def test_bad_file_changes_nothing(tmp_path: Path) -> None:
    _run(str(SAMPLE))
    before = Postcode.objects.count()
    bad = tmp_path / "bad.csv"
    bad.write_text("name,town\nAlice,Leeds\n")
    with pytest.raises(CommandError, match=r"needs a postcode column.*Nothing was changed"):
        _run(str(bad))
    empty = tmp_path / "empty.csv"
    empty.write_text("postcode,lat,long\nnot a postcode,1,2\n")
    with pytest.raises(CommandError, match=r"has no postcodes in it\. Nothing was changed"):
        _run(str(empty))
    with pytest.raises(CommandError, match="No file at"):
        _run(str(tmp_path / "missing.csv.gz"))
    not_gzip = tmp_path / "fake.csv.gz"
    not_gzip.write_bytes(b"postcode,lat,long\nSW1A 1AA,51.5,-0.1\n")
    with pytest.raises(CommandError, match=r"Could not read .* as a postcode file"):
        _run(str(not_gzip))
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"postcode,lat,long\n\xff\xfe\x00garbage\n")
    with pytest.raises(CommandError, match="Nothing was changed"):
        _run(str(binary))
    assert Postcode.objects.count() == before


@pytest.mark.parametrize(
    ("rank", "code", "decile"),
    [
        ("1", "E01000001", 1),
        ("32844", "E01000001", 10),
        ("3285", "E01000001", 2),
        ("1909", "W01000001", 10),
        ("", "E01000001", None),
        ("5", "", None),
        ("0", "E01000001", None),
    ],
)
def test_imd_decile_from_rank(rank: str, code: str, decile: int | None) -> None:
    assert imd_decile(rank, code) == decile


def test_real_area_data_loads_with_2023_authorities() -> None:
    authorities, lsoas = load_areas(Path(settings.SHARED_DIR) / "data")
    assert lsoas == 34_753
    assert authorities > 300
    westminster = LsoaCentroid.objects.get(pk="E01004736")
    assert (westminster.la_code, westminster.region, westminster.msoa_code[:3]) == ("E09000033", "London", "E02")
    carlisle = LsoaCentroid.objects.filter(la_name="Cumberland")  # Carlisle, Allerdale, Copeland merged in 2023
    assert carlisle.exists()
    assert set(carlisle.values_list("region", flat=True)) == {"North West"}
    assert LocalAuthority.objects.get(pk="W06000015").region == "Wales"
    assert not LsoaCentroid.objects.filter(region="").exists()
