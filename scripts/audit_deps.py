"""Check requirements.lock against known vulnerabilities, offline (docs/adr/0048): fails on any match.

The vulnerability services pip-audit asks (PyPI's JSON API, OSV) cannot be reached from where Connected
is built and tested, and pip-audit cannot read local data. So the PyPA advisory database (the records
pip-audit's PyPI service serves, in OSV form) is vendored as a snapshot of just the locked packages'
advisories, in deps/advisories.json, with the commit and date it was taken from, and checked here with
`packaging`'s version rules, as OSV's ECOSYSTEM ranges mean them.

    .venv/bin/python scripts/audit_deps.py                      # check requirements.lock (make test runs this)
    .venv/bin/python scripts/audit_deps.py --lock other.txt     # check another pinned file
    .venv/bin/python scripts/audit_deps.py --refresh ~/advisory-database   # rebuild the snapshot from a clone
        (git clone https://github.com/pypa/advisory-database; then commit deps/advisories.json)

Where either service can be reached, `pip-audit -r requirements.lock` asks it directly and is the better check.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "deps" / "advisories.json"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def pins(lock: Path) -> dict[str, str]:
    """Every `name==version` line of a pinned requirements file, by canonical name."""
    found = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line.strip()):
            found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def _in_range(version: Version, events: list[dict]) -> bool:
    """OSV's ECOSYSTEM rule: walking the events in version order, `introduced` opens, `fixed` and
    `last_affected` close; the version is affected if the last event at or below it left the range open."""
    affected = False
    for event in sorted(events, key=_sort_key):
        kind, value = next(iter(event.items()))
        if kind == "introduced" and (value == "0" or version >= Version(value)):
            affected = True
        elif (kind == "fixed" and version >= Version(value)) or (kind == "last_affected" and version > Version(value)):
            affected = False
    return affected


def _sort_key(event: dict) -> Version:
    value = next(iter(event.values()))
    return Version("0") if value == "0" else Version(value)


def affects(advisory: dict, version: str) -> bool:
    if version in advisory.get("versions", []):
        return True
    try:
        parsed = Version(version)
    except InvalidVersion:
        return False
    return any(_in_range(parsed, events) for events in advisory.get("ranges", []))


def findings(locked: dict[str, str], snapshot: dict) -> list[str]:
    out = []
    for name, version in sorted(locked.items()):
        for advisory in snapshot["packages"].get(name, []):
            if affects(advisory, version):
                also = ", ".join(advisory.get("aliases", []))
                fixed = ", ".join(advisory.get("fixed", [])) or "no fixed version listed"
                out.append(f"{name}=={version}: {advisory['id']} ({also}); fixed in {fixed}")
    return out


def refresh(database: Path, locked: dict[str, str]) -> dict:
    """The snapshot: each locked package's advisories from a clone of the PyPA advisory database."""
    import yaml

    packages: dict[str, list[dict]] = {}
    for folder in sorted((database / "vulns").iterdir()):
        name = canonicalize_name(folder.name)
        if name not in locked or not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            record = yaml.safe_load(path.read_text(encoding="utf-8"))
            if record.get("withdrawn"):
                continue
            packages.setdefault(name, []).append(_slim(record, name))
    command = ["git", "-C", str(database), "log", "-1", "--format=%H %cs"]
    commit = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()  # noqa: S603
    return {"source": "https://github.com/pypa/advisory-database", "commit": commit[0], "date": commit[1],
            "checked": sorted(locked), "packages": packages}  # fmt: skip


def _slim(record: dict, name: str) -> dict:
    """Only what the check reads: id, aliases, the versions and ranges affected, the fixed versions."""
    ranges, versions, fixed = [], [], []
    for affected in record.get("affected", []):
        if canonicalize_name(affected["package"]["name"]) != name:
            continue
        versions += [str(v) for v in affected.get("versions", [])]
        for r in affected.get("ranges", []):
            if r.get("type") == "ECOSYSTEM":
                events = [{k: str(v) for k, v in e.items()} for e in r["events"]]
                ranges.append(events)
                fixed += [e["fixed"] for e in events if "fixed" in e]
    return {"id": record["id"], "aliases": record.get("aliases", []), "versions": versions, "ranges": ranges,
            "fixed": fixed}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lock", type=Path, default=ROOT / "requirements.lock")
    parser.add_argument("--snapshot", type=Path, default=SNAPSHOT)
    parser.add_argument("--refresh", type=Path, metavar="ADVISORY_DATABASE", help="a clone to rebuild the snapshot")
    args = parser.parse_args()
    locked = pins(args.lock)
    if args.refresh:
        snapshot = refresh(args.refresh, locked)
        args.snapshot.parent.mkdir(parents=True, exist_ok=True)
        args.snapshot.write_text(json.dumps(snapshot, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        count = sum(len(v) for v in snapshot["packages"].values())
        print(f"Wrote {count} advisories for {len(snapshot['packages'])} locked packages ({snapshot['date']})")
        return 0
    snapshot = json.loads(args.snapshot.read_text(encoding="utf-8"))
    found = findings(locked, snapshot)
    unknown = sorted(set(locked) - set(snapshot.get("checked", [])))
    if unknown:  # a package added since the snapshot: warned about, not failed (docs/adr/0048)
        print(f"Not in the snapshot (run --refresh): {', '.join(unknown)}")
    where = f"advisories as of {snapshot['date']} (PyPA advisory database {snapshot['commit'][:10]})"
    if found:
        print(f"{len(found)} known vulnerabilities in {args.lock.name}, {where}:", *found, sep="\n  ")
        return 1
    print(f"No known vulnerabilities in the {len(locked)} packages of {args.lock.name}, {where}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
