"""The load test (issue 20, docs/adr/0048): members of the public, API harvesters, link workers, a
commissioner and GP systems at once, against the production shape (gunicorn + PostgreSQL).

Needs a database prepared by bench/load_data.py (its fixture file: ids, keys, the FHIR token) and the
load test's own virtual environment (requirements-bench.txt). See docs/benchmarks.md for the run:

    LOAD_FIXTURE=bench/out/load_fixture.json .venv-bench/bin/locust -f bench/locustfile.py --headless \
        -u 50 -r 5 -t 10m -H http://127.0.0.1:8000 --csv bench/out/load

A response with any status other than the one expected (usually 200) is a failure; zero is the bar.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
import threading
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load_mix as mix

FIXTURE = json.loads(Path(os.environ.get("LOAD_FIXTURE", "bench/out/load_fixture.json")).read_text())
PASSWORD = FIXTURE["password"]
_workers = itertools.cycle(FIXTURE["workers"])
_commissioners = itertools.cycle(FIXTURE["commissioners"])
_lock = threading.Lock()


class Visitor(HttpUser):
    """A base that sends a `Call` and holds its status to the one expected."""

    abstract = True

    def on_start(self) -> None:
        self.rng = random.Random()

    def send(self, call: mix.Call):
        with self.client.request(
            call.method,
            call.path,
            name=call.name,
            params=call.params or None,
            data=call.data,
            json=call.json,
            headers=call.headers or None,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code in call.expect:
                response.success()
            else:
                # Status 0 is no HTTP answer at all: keep what the client saw (reset, refused, timed out).
                seen = f": {type(response.error).__name__} {response.error}"[:200] if response.error else ""
                response.failure(f"{response.status_code} (expected {call.expect}){seen}")
            return response

    def sign_in(self, username: str, key: str) -> None:
        page = self.send(mix.Call("GET", "/accounts/login/", "/accounts/login/ (form)"))
        self.send(mix.sign_in(username, PASSWORD, mix.csrf_token(page.text)))
        page = self.send(mix.Call("GET", "/accounts/verify/", "/accounts/verify/ (form)"))
        self.send(mix.verify(key, mix.csrf_token(page.text)))


class Public(Visitor):
    """Someone looking for something to do near them, and now and then asking for help themselves."""

    weight = 3
    wait_time = between(2, 8)

    @task(6)
    def find(self) -> None:
        self.send(mix.finder(self.rng, FIXTURE))

    @task(4)
    def service(self) -> None:
        self.send(mix.service_page(self.rng, FIXTURE))

    @task(1)
    def refer_yourself(self) -> None:
        form = self.send(mix.self_referral_form())
        self.send(mix.self_referral(self.rng, FIXTURE, mix.csrf_token(form.text)))


class Harvester(Visitor):
    """Another directory or app reading the ORUK API: paging through it, and searching near a place."""

    weight = 1
    wait_time = between(1, 4)

    @task(3)
    def page(self) -> None:
        self.send(mix.api_page(self.rng, FIXTURE))

    @task(3)
    def nearby(self) -> None:
        self.send(mix.api_nearby(self.rng, FIXTURE))

    @task(2)
    def one(self) -> None:
        self.send(mix.api_service(self.rng, FIXTURE))


class LinkWorker(Visitor):
    """A link worker, signed in with both factors, between their caseload and their cases."""

    fixed_count = 12
    wait_time = between(3, 10)

    def on_start(self) -> None:
        super().on_start()
        with _lock:
            worker = next(_workers)
        self.cases = worker["cases"]
        self.sign_in(worker["username"], worker["key"])

    @task(2)
    def caseload(self) -> None:
        self.send(mix.caseload(self.rng))

    @task(5)
    def case(self) -> None:
        self.send(mix.case_page(self.rng, self.cases))


class Commissioner(Visitor):
    """A commissioner reading the evidence report for their schemes over two years."""

    fixed_count = 2
    wait_time = between(10, 30)

    def on_start(self) -> None:
        super().on_start()
        with _lock:
            commissioner = next(_commissioners)
        self.sign_in(commissioner["username"], commissioner["key"])

    @task
    def report(self) -> None:
        self.send(mix.commissioner_report(self.rng))


class GpSystem(Visitor):
    """A GP system sending BaRS referrals and reading their status back."""

    fixed_count = 3
    wait_time = between(5, 15)

    @task
    def refer(self) -> None:
        sent = self.send(mix.fhir_referral(self.rng, FIXTURE))
        if sent.status_code == 200:
            self.send(mix.fhir_read(FIXTURE, mix.created_referral(sent.json())))
