"""A full disk while writing a backup or an export: a clear error, nothing half-written, the old file kept.

A real full disk: a 64 KiB tmpfs mounted for the test and filled to the last byte (the suite runs as root,
here and in CI, as `.ci/run` does). SQLite's backup, pg_dump and the national return each hit ENOSPC.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from connected.core import atomic_files
from tests.casework.builders import make_world

pytestmark = pytest.mark.django_db(transaction=True)  # a backup reads committed rows, as in production


@pytest.fixture
def full_disk(tmp_path) -> Path:
    """A tiny file system with an earlier export on it, then filled until the kernel says it is full."""
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], check=True)
    try:
        (disk / "earlier.out").write_text("the earlier, complete file\n")
        with pytest.raises(OSError, match="No space left on device"), (disk / "filler").open("wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def nothing_left_behind(disk: Path) -> None:
    assert sorted(p.name for p in disk.iterdir()) == ["earlier.out", "filler"]
    assert (disk / "earlier.out").read_text() == "the earlier, complete file\n"


def test_a_backup_onto_a_full_disk_says_so_and_leaves_nothing(full_disk) -> None:
    make_world()
    for name in ("new.backup", "earlier.out"):
        with pytest.raises(CommandError) as refused:
            call_command("backup", str(full_disk / name))
        assert str(refused.value).startswith(f"The disk is full (no space left in {full_disk}) while writing")
        assert "nothing was written there" in str(refused.value)
        nothing_left_behind(full_disk)


def test_a_national_return_onto_a_full_disk_says_so_and_leaves_nothing(full_disk) -> None:
    world = make_world()
    args = ["evidence_national_return", "--scheme", str(world.scheme_a.pk), "--from", "2025-04", "--to", "2026-03"]
    with pytest.raises(CommandError, match="The disk is full"):
        call_command(*args, "--output", str(full_disk / "earlier.out"))
    nothing_left_behind(full_disk)


def test_a_write_that_fits_replaces_the_file_whole(tmp_path) -> None:
    target = tmp_path / "return.json"
    target.write_text("old")
    atomic_files.write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["return.json"]
