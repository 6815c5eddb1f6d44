"""Files written whole or not at all: a backup or an export is never left half-written where it was asked for.

A write goes to a hidden temporary file beside the target, is flushed to the disk (fsync), and only then
renamed over the target, which on one file system is atomic: a reader sees the old file or the new one,
never a torn one. If anything fails on the way (a full disk above all), the temporary file is removed and
the caller gets a `WriteFailed` whose message says what happened and that nothing was written.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class WriteFailed(OSError):
    """A file could not be written; the message is for the operator and says nothing was left behind."""


def explain(target: Path, error: BaseException) -> str:
    """A sentence for the operator: a full disk named as such, anything else by its own words."""
    where = f"{target}: nothing was written there (any earlier file at that path is unchanged)"
    said = str(error).lower()  # SQLite and pg_dump report a full disk in words, not as an errno
    if getattr(error, "errno", None) in FULL or "disk is full" in said or "no space left on device" in said:
        return f"The disk is full (no space left in {target.parent}) while writing {where}"
    return f"Could not write {where}. {error}"


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside `target` to write to; it becomes `target` only if the block completes."""
    target = Path(target)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as error:
        raise WriteFailed(explain(target, error)) from error
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        _flush(temporary)
        os.replace(temporary, target)
        _flush_folder(target.parent)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text(target: Path, text: str) -> Path:
    """Write `text` to `target` whole, or raise WriteFailed with nothing left behind."""
    try:
        with atomic_path(target) as temporary:
            temporary.write_text(text, encoding="utf-8")
    except WriteFailed:
        raise
    except OSError as error:
        raise WriteFailed(explain(Path(target), error)) from error
    return Path(target)


def _flush(path: Path) -> None:
    """Make the bytes durable before the rename publishes them (a full disk can surface only here)."""
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _flush_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
