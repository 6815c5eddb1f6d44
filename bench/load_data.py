"""Prepare a benchmark database for the load test (bench/locustfile.py): casework, staff and a fixture file.

Run on a copy of the 500,000-service directory (never on bench500k itself); it adds, once:

- a scheme-sized casework history with bench/evidence.py's SQL generator (three schemes, two years of
  referrals, contacts, introductions and measure records) and the evidence roll-up the report reads;
- 50 link workers spread over the schemes, each with an authenticator app whose key goes to the fixture
  file (the load test signs in with both factors, as staff must), the referrals shared out among them;
- two commissioners (of two of the three schemes), a GP referrer with a FHIR API token;
- schemes covering Manchester, Leeds and Birmingham, so self-referrals and FHIR referrals are routed;
- postcode positions for the finder and the ORUK API's proximity search, if the directory has none.

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/load500k .venv/bin/python bench/load_data.py \
        --referrals 30000 --fixture bench/out/load_fixture.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 50
COVERS = ("area:M", "area:LS", "area:B")  # one scheme each: bench/evidence.py makes three


def _staff(username: str, role: str, organisation, scheme=None) -> dict:
    """A user with a confirmed authenticator app; the fixture keeps the key so the load test can make codes."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.casework.builders import make_user

    user = make_user(username, role, organisation, scheme)
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return {"id": user.pk, "username": username, "key": device.key}


def _link_workers(schemes, runner) -> list[dict]:
    """Link workers over the schemes, each given an equal share of that scheme's referrals."""
    from django.db import connection

    from connected.core.models import Role

    workers = []
    for i in range(WORKERS):
        scheme = schemes[i % len(schemes)]
        workers.append({**_staff(f"load_lw_{i:02d}", Role.LINK_WORKER, runner, scheme), "scheme": scheme.pk})
    with connection.cursor() as c:
        for scheme in schemes:
            ids = [w["id"] for w in workers if w["scheme"] == scheme.pk]
            c.execute(
                f"UPDATE casework_referral SET assigned_to_id = (ARRAY{ids})[1 + abs(hashtext(id::text)) %% {len(ids)}]"
                " WHERE scheme_id = %s",
                [scheme.pk],
            )
    return workers


def _cases(workers: list[dict]) -> None:
    """Up to 20 open cases of each worker's, for the case pages the load test opens."""
    from connected.casework.models import Referral

    for worker in workers:
        open_ids = Referral.objects.open().filter(assigned_to_id=worker["id"]).values_list("pk", flat=True)[:20]
        worker["cases"] = [str(pk) for pk in open_ids]


def _postcodes(seed: int) -> list[str]:
    """Postcodes with positions for the finder; loads a sample of England's if the database has none."""
    from bench.search_data import england_positions
    from connected.core.models import Postcode

    if not Postcode.objects.exists():
        people = england_positions(5000, seed)
        rows = [Postcode(postcode=p, lat=lat, lon=lon, outcode=p.split()[0]) for p, lat, lon in people]
        Postcode.objects.bulk_create(rows, ignore_conflicts=True)
    return list(Postcode.objects.order_by("?").values_list("postcode", flat=True)[:2000])


def build(referrals: int, seed: int) -> dict:
    """Everything the load test needs, added to the database once; returns the fixture (ids, keys, token)."""
    from bench.evidence import load
    from connected.core.models import ApiToken, Organisation, Role, Scheme
    from connected.directory.models import Service
    from connected.evidence import rollup
    from tests.casework.builders import PASSWORD, cover
    from tests.casework.fhir_samples import BUNDLE

    history = load(referrals)
    schemes = list(Scheme.objects.filter(name__startswith="Bench scheme").order_by("pk"))
    for scheme, area in zip(schemes, COVERS, strict=True):
        cover(scheme, area)
    runner = Organisation.objects.get(name="Bench Charity")
    council = Organisation.objects.get(name="Bench Council")
    practice = Organisation.objects.create(name="Bench Surgery", kind=Organisation.Kind.GP_PRACTICE)
    workers = _link_workers(schemes, runner)
    _cases(workers)
    commissioners = [_staff(f"load_commissioner_{i}", Role.COMMISSIONER, council) for i in range(2)]
    referrer = _staff("load_gp", Role.REFERRER, practice)
    token = ApiToken.issue(user=get_user("load_gp"), name="load test")[1]
    rollup.refresh()
    rng = random.Random(seed)
    service_ids = list(Service.objects.values_list("pk", flat=True).order_by("?")[:2000])
    rng.shuffle(service_ids)
    return {
        "history": history,
        "council": council.pk,
        "workers": [{k: w[k] for k in ("username", "key", "cases")} for w in workers],
        "password": PASSWORD,
        "commissioners": [{k: c[k] for k in ("username", "key")} for c in commissioners],
        "referrer": {"username": referrer["username"], "token": token},
        "services": [str(pk) for pk in service_ids],
        "postcodes": _postcodes(seed),
        "referral_postcodes": ["M13 9PL", "M14 5RA", "LS6 2AB", "LS2 9JT", "B15 2TT", "B29 6BD"],
        "bundle": BUNDLE,
    }


def get_user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--referrals", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--fixture", type=Path, default=ROOT / "bench/out/load_fixture.json")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    if str(connection.settings_dict["NAME"]) in {"bench500k", "connected"} or connection.vendor != "postgresql":
        sys.exit("Give DATABASE_URL of your own PostgreSQL copy (never bench500k or the development database).")
    if get_user_model().objects.filter(username="load_gp").exists():
        sys.exit("This database is already prepared; its fixture file is the one written then.")
    with transaction.atomic():  # all or nothing: a failed run leaves the copy as it was, to run again
        fixture = build(args.referrals, args.seed)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    args.fixture.parent.mkdir(parents=True, exist_ok=True)
    args.fixture.write_text(json.dumps(fixture), encoding="utf-8")
    print(json.dumps({"fixture": str(args.fixture), "history": fixture["history"], "workers": WORKERS}))


if __name__ == "__main__":
    main()
