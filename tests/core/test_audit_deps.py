"""The offline dependency audit (scripts/audit_deps.py, docs/adr/0048) fails on a known-vulnerable pin.

It runs as `make test` runs it, as a process over a lock file, against the vendored advisory snapshot.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import audit_deps  # noqa: E402


def audit(lock: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "scripts/audit_deps.py"), "--lock", str(lock)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_a_known_vulnerable_pin_fails_and_is_named(tmp_path) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text("django==4.2.0 \\\n    --hash=sha256:00\nhttpx==0.28.1\n", encoding="utf-8")
    done = audit(lock)
    assert done.returncode == 1, done.stdout
    assert "django==4.2.0: PYSEC-2023-61 (CVE-2023-31047); fixed in 3.2.19, 4.1.9, 4.2.1" in done.stdout
    assert "httpx" not in done.stdout.split(":", 1)[1]


def test_the_lock_has_no_known_vulnerability() -> None:
    done = audit(ROOT / "requirements.lock")
    assert done.returncode == 0, done.stdout
    assert "No known vulnerabilities" in done.stdout and "Not in the snapshot" not in done.stdout


def test_ranges_are_read_as_osv_defines_them() -> None:
    two_ranges = [{"introduced": "0"}, {"fixed": "1.2"}, {"introduced": "2.0"}, {"last_affected": "2.3"}]
    cases = {"1.1": True, "1.2": False, "1.9": False, "2.0": True, "2.3": True, "2.3.1": False}
    for version, expected in cases.items():
        assert audit_deps._in_range(Version(version), two_ranges) is expected, version
    assert audit_deps.affects({"versions": ["0.9b1"], "ranges": []}, "0.9b1")
    assert not audit_deps.affects({"versions": [], "ranges": [two_ranges]}, "not-a-version")
