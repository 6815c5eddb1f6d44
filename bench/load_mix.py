"""What the load test's simulated people ask for, without locust: one function per kind of request.

bench/locustfile.py sends these through locust; tests/core/test_load_mix.py sends the same through Django's
test client on a small world, so a route that moved or a form that gained a field fails in the suite, in
seconds, rather than as 100% failures ten minutes into a timed run. Each function returns a `Call`: the
method, the path, the route name the figures are grouped under, and the body or headers to send.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import random
import re
import struct
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

TEXTS = ("", "", "walking", "choir", "coffee morning", "art", "men's shed", "gardening", "dementia", "bereavement")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PERIOD = {"from": "2024-01", "to": "2025-12"}  # the casework history bench/evidence.py makes


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    name: str
    params: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] | None = None
    json: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    expect: tuple[int, ...] = (200,)


def totp(key_hex: str, now: float | None = None, step: int = 30, digits: int = 6) -> str:
    """The code an authenticator app shows now (RFC 6238, as django-otp's TOTPDevice checks it)."""
    counter = int((time.time() if now is None else now) // step)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**digits:0{digits}d}"


def csrf_token(html: str) -> str:
    found = CSRF.search(html)
    if not found:
        raise ValueError("no CSRF token in the page")
    return found.group(1)


def finder(rng: random.Random, fixture: dict) -> Call:
    params: dict[str, Any] = {"postcode": rng.choice(fixture["postcodes"]), "distance": rng.choice((1, 3, 5, 5, 10))}
    if text := rng.choice(TEXTS):
        params["q"] = text
    if rng.random() < 0.3:
        params["day"] = rng.choice(("MO", "TU", "WE", "TH", "FR", "SA"))
    if rng.random() < 0.3:
        params["free"] = "on"
    return Call("GET", "/find/", "/find/", params=params)


def service_page(rng: random.Random, fixture: dict) -> Call:
    return Call("GET", f"/services/{rng.choice(fixture['services'])}/", "/services/[id]/")


def api_page(rng: random.Random, fixture: dict) -> Call:
    """A harvester paging through the whole directory: early pages often, deep pages sometimes."""
    page = rng.randint(1, 20) if rng.random() < 0.7 else rng.randint(21, 2000)
    return Call("GET", "/api/services", "/api/services?page", params={"page": page, "per_page": 50})


def api_nearby(rng: random.Random, fixture: dict) -> Call:
    params = {"postcode": rng.choice(fixture["postcodes"]), "proximity": rng.choice((1000, 3000, 8000))}
    if text := rng.choice(TEXTS):
        params["text"] = text
    return Call("GET", "/api/services", "/api/services?proximity", params=params)


def api_service(rng: random.Random, fixture: dict) -> Call:
    return Call("GET", f"/api/services/{rng.choice(fixture['services'])}", "/api/services/[id]")


def self_referral_form() -> Call:
    return Call("GET", "/refer-yourself/", "/refer-yourself/ (form)")


def self_referral(rng: random.Random, fixture: dict, token: str) -> Call:
    """A person in one of the covered areas asks for help; each from their own address, as behind a proxy."""
    postcode = rng.choice(fixture["referral_postcodes"])
    data = {
        "csrfmiddlewaretoken": token,
        "given_name": rng.choice(("Tom", "Ada", "Grace", "Alan", "Mary", "Sam")),
        "family_name": f"Load{uuid.uuid4().hex[:10]}",
        "date_of_birth_day": str(rng.randint(1, 28)),
        "date_of_birth_month": str(rng.randint(1, 12)),
        "date_of_birth_year": str(rng.randint(1930, 1990)),
        "postcode": postcode,
        "phone": f"0161 496 {rng.randint(0, 9999):04d}",
        "reason": "I have not spoken to anyone for weeks",
        "consent_given": "on",
        "website": "",
    }
    address = f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    headers = {"X-Forwarded-For": address}
    return Call("POST", "/refer-yourself/", "/refer-yourself/ (send)", data=data, headers=headers, expect=(302,))


def sign_in(username: str, password: str, token: str) -> Call:
    data = {"csrfmiddlewaretoken": token, "username": username, "password": password}
    return Call("POST", "/accounts/login/", "/accounts/login/", data=data, expect=(302,))


def verify(key_hex: str, token: str) -> Call:
    data = {"csrfmiddlewaretoken": token, "token": totp(key_hex)}
    return Call("POST", "/accounts/verify/", "/accounts/verify/", data=data, expect=(302,))


def caseload(rng: random.Random) -> Call:
    params = rng.choice(({}, {}, {"page": 2}, {"q": "Bench"}))
    return Call("GET", "/casework/caseload/", "/casework/caseload/", params=params)


def case_page(rng: random.Random, cases: list[str]) -> Call:
    return Call("GET", f"/casework/cases/{rng.choice(cases)}/", "/casework/cases/[id]/")


def commissioner_report(rng: random.Random) -> Call:
    return Call("GET", "/evidence/", "/evidence/ (report)", params=PERIOD)


def fhir_referral(rng: random.Random, fixture: dict) -> Call:
    """A GP system's BaRS message: a fresh message and referral id each time, so each makes a referral."""
    bundle = copy.deepcopy(fixture["bundle"])
    bundle["id"] = f"load-{uuid.uuid4()}"
    request = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "ServiceRequest")
    request["identifier"][0]["value"] = f"LOAD-{uuid.uuid4().hex[:12]}"
    headers = {"Authorization": f"Bearer {fixture['referrer']['token']}", "Content-Type": "application/fhir+json"}
    return Call("POST", "/fhir/$process-message", "/fhir/$process-message", json=bundle, headers=headers)


def fhir_read(fixture: dict, referral_id: str) -> Call:
    headers = {"Authorization": f"Bearer {fixture['referrer']['token']}"}
    return Call("GET", f"/fhir/ServiceRequest/{referral_id}", "/fhir/ServiceRequest/[id]", headers=headers)


def created_referral(reply: dict) -> str:
    """The referral id in a $process-message reply (its second entry is the ServiceRequest made)."""
    return reply["entry"][1]["resource"]["id"]
