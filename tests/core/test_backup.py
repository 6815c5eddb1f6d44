"""Backup and restore round trip, proved by every table's checksum (docs/reliability.md)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from connected.casework.models import Person
from connected.core import backup
from connected.core.models import Organisation
from tests.casework.builders import make_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_restore_gives_back_every_row(tmp_path):
    make_world()
    before = backup.table_checksums()
    assert before["casework_person"]["rows"] >= 1
    path = backup.backup(tmp_path / "connected.backup")
    assert path.stat().st_size > 0

    Person.objects.update(given_name="Overwritten")  # the losses a backup is for: rows changed, and added
    Organisation.objects.create(name="Made after the backup")
    assert backup.table_checksums() != before
    backup.restore(path)
    assert backup.table_checksums() == before


def test_the_command_refuses_a_missing_file_with_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="is not a backup file"):
        call_command("backup", restore=str(tmp_path / "nothing-here"))
    with pytest.raises(CommandError, match="Give one of"):
        call_command("backup")
