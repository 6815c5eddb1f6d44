"""`manage.py backup FILE` (and `--restore FILE`, `--checksums`): see connected/core/backup.py."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from connected.core import backup


class Command(BaseCommand):
    help = "Back up the database to FILE (SQLite online backup, or pg_dump), restore one, or print table checksums."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write the backup.")
        parser.add_argument("--restore", metavar="FILE", help="Replace the database's contents with this backup.")
        parser.add_argument("--checksums", action="store_true", help="Print rows and SHA-256 of every table (JSON).")

    def handle(self, *args, file=None, restore=None, checksums=False, **options):
        if sum(bool(x) for x in (file, restore, checksums)) != 1:
            raise CommandError("Give one of: FILE, --restore FILE, --checksums")
        try:
            if checksums:
                self.stdout.write(json.dumps(backup.table_checksums(), indent=1, sort_keys=True))
            elif restore:
                backup.restore(Path(restore))
                self.stdout.write(f"Restored from {restore}")
            else:
                written = backup.backup(Path(file))
                self.stdout.write(f"Backed up to {written} ({written.stat().st_size} bytes)")
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
