"""Geography fixtures: a tiny slice of the real ONS files, loaded through the real command."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAMPLE = FIXTURES / "postcodes_sample.csv.gz"  # the real file's first 20 lines plus chosen postcodes
ONSPD = FIXTURES / "onspd_sample.csv"  # written by hand in the ONS Postcode Directory's layout
GEODATA = FIXTURES / "geodata"  # the real outcode/LSOA/lookup files cut to the sample's surroundings


@pytest.fixture
def geography(db) -> None:
    """The sample postcodes with their outcodes, LSOAs and local authorities."""
    call_command("import_postcodes", str(SAMPLE), "--data-dir", str(GEODATA), verbosity=0)
