"""Fault drills (docs/reliability.md): break things for real and check that nothing is lost or half-written.

    python bench/faults.py worker-kill   # the task worker SIGKILLed mid-harvest (SQLite file database)
    python bench/faults.py pg-restart    # PostgreSQL stopped hard mid-import, mid-referral, mid-erasure

`pg-restart` starts a throwaway PostgreSQL cluster of its own (Debian's postgresql-15, run as the postgres
user, as .ci/run does), so it never touches a database anyone is using. Each drill prints what it saw and
exits non-zero when an invariant fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
FIXTURE = ROOT / "tests" / "fixtures" / "oruk" / "well_formed.json"
PGBIN = Path("/usr/lib/postgresql/15/bin")
failures: list[str] = []


def check(ok: bool, what: str) -> None:
    print(f"  {'ok  ' if ok else 'FAIL'} {what}")
    if not ok:
        failures.append(what)


def manage(*args: str, env: dict, check_rc: bool = True, **kw) -> subprocess.CompletedProcess:
    done = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, **kw)
    if check_rc and done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def shell(code: str, env: dict) -> str:
    return manage("shell", "--no-imports", "-v", "0", "-c", code, env=env).stdout.strip()


def slow_feed(delay: float) -> str:
    """An ORUK API of the fixture's services, two a page, each page after `delay` seconds."""
    services = json.loads(FIXTURE.read_text())
    pages = [services[i : i + 2] for i in range(0, len(services), 2)]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            time.sleep(delay)
            number = int(self.path.split("page=")[1].split("&")[0]) if "page=" in self.path else 1
            items = pages[number - 1] if number <= len(pages) else []
            body = json.dumps({"total_pages": len(pages), "page_number": number, "contents": items}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError):  # the worker reading this page was killed: the drill
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def worker_kill() -> None:
    print("worker-kill: a db_worker SIGKILLed in the middle of a harvest")
    tmp = Path(tempfile.mkdtemp(prefix="connected-faults-"))
    db = tmp / "db.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "TASK_LEASE_SECONDS": "0"}
    manage("migrate", "--no-input", env=env)
    url = slow_feed(delay=1.5)
    shell(
        "from connected.directory.models import Feed; from connected.directory.tasks import harvest_feed; "
        f"f = Feed.objects.create(name='Slow', kind='api', source='{url}', active=False); harvest_feed.enqueue(f.pk)",
        env,
    )
    worker = subprocess.Popen([PY, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"], cwd=ROOT, env=env)
    status = wait_for_status(db, "RUNNING", timeout=60)
    time.sleep(1)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    check(status == "RUNNING", "the task was RUNNING when its worker was killed")
    check(count(db, "directory_service") == 0, "nothing of the half-read feed was written")
    requeued = manage("harvest_feeds", env=env).stdout
    check("Requeued 1 task(s)" in requeued, f"the hourly run requeued it ({requeued.strip()!r})")
    manage("db_worker", "--batch", "--no-reload", "--no-startup-delay", env=env)
    check(task_statuses(db) == ["SUCCESSFUL"], f"the task then ran once and succeeded ({task_statuses(db)})")
    services = count(db, "directory_service")
    check(services == 5, f"the feed's 5 services are in the directory once each ({services})")


def wait_for_status(db: Path, status: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        statuses = task_statuses(db)
        if status in statuses:
            return status
        time.sleep(0.2)
    return ",".join(task_statuses(db))


def task_statuses(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        return [r[0] for r in con.execute("SELECT status FROM django_tasks_database_dbtaskresult")]


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


class Cluster:
    """A throwaway PostgreSQL 15 cluster on a free port, owned by the postgres user."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="connected-pg-"))
        os.chown(self.dir, *_postgres_ids())
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.as_postgres(f"{PGBIN}/initdb -D {self.dir}/data -U postgres --auth=trust -E UTF8")
        self.start()
        self.as_postgres(f"{PGBIN}/createdb -h 127.0.0.1 -p {self.port} connected")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/connected"

    def as_postgres(self, command: str) -> None:
        subprocess.run(["su", "postgres", "-c", command], check=True, capture_output=True)

    def start(self) -> None:
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        self.as_postgres(f"{PGBIN}/pg_ctl -D {self.dir}/data -o '{opts}' -l {self.dir}/log -w start")

    def crash(self) -> None:
        """Stop at once, as a power cut would: no checkpoint, clients cut off mid-statement."""
        self.as_postgres(f"{PGBIN}/pg_ctl -D {self.dir}/data -m immediate stop")

    def remove(self) -> None:
        subprocess.run(["su", "postgres", "-c", f"{PGBIN}/pg_ctl -D {self.dir}/data -m fast stop"], capture_output=True)
        subprocess.run(["rm", "-rf", str(self.dir)], check=False)


def _postgres_ids() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam("postgres")
    return entry.pw_uid, entry.pw_gid


def crash_during(cluster: Cluster, env: dict, code: str, after: float) -> subprocess.CompletedProcess:
    """Run `code` in a manage.py shell, stop PostgreSQL hard `after` seconds into its work, start it again.

    The clock starts when the code prints its first line (Django's start-up takes seconds on a busy machine).
    """
    process = subprocess.Popen(
        [PY, "manage.py", "shell", "--no-imports", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = process.stdout.readline() if process.stdout else ""
    time.sleep(after)
    cluster.crash()
    out, err = process.communicate(timeout=120)
    out = first + out
    cluster.start()
    if "Traceback" in err and "OperationalError" not in err and "InterfaceError" not in err:
        print(err[-1500:])  # the drill's own code failed, not the database
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


BIG_FEED = """
import json
from connected.demo.directory import generate_services
json.dump(list(generate_services({n}, seed=3)), open('{path}', 'w'))
"""

REFERRALS = """
import datetime as dt
from connected.casework import services
from connected.core.models import Organisation, Scheme
org, _ = Organisation.objects.get_or_create(name='Drill PCN', kind='pcn')
scheme, _ = Scheme.objects.get_or_create(organisation=org, name='Drill scheme')
print('started', flush=True)
for i in range(100000):
    services.referral_create(
        person={'given_name': f'Drill{i}', 'family_name': 'Person', 'date_of_birth': dt.date(1950, 1, 1),
                'nhs_number': '', 'postcode': 'LS6 1AA', 'phone': '0113 496 0000'},
        referral={'needs': ['loneliness'], 'reason': 'drill', 'urgency': 'routine', 'consent_given': True},
        source='gp', referrer=None, scheme=scheme)
"""

ERASURES = """
from django.contrib.auth import get_user_model
from connected.casework.erasure import person_erase
from connected.casework.models import Person
by = get_user_model().objects.get_or_create(username='drill-admin')[0]
print('started', flush=True)
for person in Person.objects.filter(erased_at__isnull=True).order_by('pk'):
    person_erase(person=person, by=by, why='drill')
"""

CONSISTENT = """
from django.db.models import Q
from connected.casework.erasure import ERASED
from connected.casework.models import Person, Referral
half = Q(erased_at__isnull=False) & ~Q(given_name=ERASED) | Q(erased_at__isnull=True) & Q(given_name=ERASED)
print(Person.objects.count(), Referral.objects.count(), Person.objects.filter(referrals__isnull=True).count(),
      Person.objects.filter(half).count())
"""


def pg_restart() -> None:
    print("pg-restart: PostgreSQL stopped hard in the middle of an import, a run of referrals, a run of erasures")
    cluster = Cluster()
    try:
        env = {**os.environ, "DATABASE_URL": cluster.url}
        manage("migrate", "--no-input", env=env)
        feed = cluster.dir / "big.json"
        shell(BIG_FEED.format(n=20000, path=feed), env)

        done = crash_during(
            cluster,
            env,
            "from django.core.management import call_command; print('started', flush=True); "
            f"call_command('import_oruk', '{feed}', '--feed', 'Big')",
            after=12,
        )
        check(done.returncode != 0, "the import was cut off by the crash")
        check(
            shell("from connected.directory.models import Service; print(Service.objects.count())", env) == "0",
            "after restart the directory holds nothing of the cut-off import",
        )
        started = time.monotonic()
        manage("import_oruk", str(feed), "--feed", "Big", env=env)
        print(f"  (the whole import takes {time.monotonic() - started:.0f} s here; the crash came 12 s into it)")
        total = shell("from connected.directory.models import Service; print(Service.objects.count())", env)
        check(total == "20000", f"the retried import completes: {total} services")

        crash_during(cluster, env, REFERRALS, after=8)
        people, referrals, orphans, _ = shell(CONSISTENT, env).split()
        check(
            int(people) > 0 and people == referrals and orphans == "0",
            f"every referral made before the crash is whole: {people} people, {referrals} referrals, "
            f"{orphans} people with no referral",
        )

        crash_during(cluster, env, ERASURES, after=6)
        _, _, _, half = shell(CONSISTENT, env).split()
        check(half == "0", "no person is half-erased (marked erased with their name still there)")
        shell(ERASURES, env)
        left = shell(
            "from connected.casework.models import Person as P; print(P.objects.filter(erased_at=None).count())",
            env,
        )
        check(left == "0", f"the retried erasure run completes ({left} left)")
    finally:
        cluster.remove()


if __name__ == "__main__":
    drills = {"worker-kill": worker_kill, "pg-restart": pg_restart}
    chosen = sys.argv[1:] or list(drills)
    for name in chosen:
        started = time.monotonic()
        drills[name]()
        print(f"  ({time.monotonic() - started:.0f} s)")
    sys.exit(1 if failures else 0)
