"""The register's fixtures: real postcodes across Great Britain, placed with the real ONS area files."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

DATA = Path(settings.SHARED_DIR) / "data"
POSTCODES = DATA / "postcodes" / "gb_postcodes_nspl_may2025.csv.gz"
# `real_sample()`'s 402 lines, kept beside the tests: drawing them reads all 2.6 million lines of the GB file,
# which cost each test worker 20 s. `python -m tests.register.conftest` draws them again.
SAMPLE = Path(__file__).with_name("postcodes_sample.csv")
SAMPLE_SIZE = 400
# Always in the sample: the postcodes the issues name (Truro, Leeds) and a Scottish one.
NAMED = ("TR1 1AA", "LS1 4AP", "LS6 1AA", "M1 1AE", "EH1 1YZ")
_NAMED_LINES = tuple(f"{code}," for code in NAMED)


def real_sample(seed: int = 23, size: int = SAMPLE_SIZE) -> list[str]:
    """A seeded sample of lines (postcode,lat,long) with a position from the whole GB file: one pass, reservoir."""
    rng = random.Random(seed)
    chosen: list[str] = []
    named: list[str] = []
    with gzip.open(POSTCODES, "rt") as handle:
        next(handle)
        for seen, line in enumerate(handle):
            if line.startswith(_NAMED_LINES):
                named.append(line)
            if len(chosen) < size:
                chosen.append(line)
            elif (j := rng.randrange(seen + 1)) < size:
                chosen[j] = line
    return sorted({line for line in chosen + named if line.split(",")[1]})


@pytest.fixture(scope="session")
def sample_file() -> tuple[Path, list[str]]:
    lines = SAMPLE.read_text().splitlines()[1:]
    return SAMPLE, [line.split(",", 1)[0] for line in lines]


@pytest.fixture
def england(db, sample_file) -> list[str]:
    """The sample postcodes loaded, with every outcode centroid, LSOA centroid and local authority."""
    path, codes = sample_file
    call_command("import_postcodes", str(path), "--data-dir", str(DATA), verbosity=0)
    return codes


if __name__ == "__main__":
    SAMPLE.write_text("postcode,lat,long\n" + "".join(real_sample()))
