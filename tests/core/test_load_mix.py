"""The load test's requests (bench/load_mix.py) still get the answers bench/locustfile.py counts as success.

Every kind of request the load test sends goes through Django's test client on a small world, signed in the
way the load test signs in (password, then a TOTP code worked out from the app's key), so a moved route or a
form that gained a field fails here in seconds, not as failures ten minutes into a timed run.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from connected.core.models import ApiToken, Postcode, Role
from tests.casework.builders import PASSWORD, make_user, make_world
from tests.casework.caseload_builders import make_caseload
from tests.casework.fhir_samples import BUNDLE
from tests.directory_api import factories as f

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import load_mix as mix

pytestmark = pytest.mark.django_db


def send(client: Client, call: mix.Call):
    if call.json is not None:
        body = json.dumps(call.json)
        response = client.generic(call.method, call.path, body, call.headers["Content-Type"], headers=call.headers)
    elif call.method == "POST":
        response = client.post(call.path, call.data, headers=call.headers)
    else:
        response = client.get(call.path, call.params, headers=call.headers)
    assert response.status_code in call.expect, (call.name, response.status_code, response.content[:400])
    return response


def signed_in(user, key: str) -> Client:
    client = Client()
    page = send(client, mix.Call("GET", "/accounts/login/", "login form"))
    send(client, mix.sign_in(user.username, PASSWORD, mix.csrf_token(page.content.decode())))
    page = send(client, mix.Call("GET", "/accounts/verify/", "verify form"))
    send(client, mix.verify(key, mix.csrf_token(page.content.decode())))
    return client


def key_for(user) -> str:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True).key


@override_settings(PUBLIC_FORM_PROXY_HOPS=1, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_every_request_of_the_load_test_gets_its_expected_answer() -> None:
    world = make_world()
    Postcode.objects.create(postcode="LS6 1AA", lat=53.82, lon=-1.57, outcode="LS6")
    services = [f.service(f.organization(i), i) for i in range(2)]
    case = make_caseload(world.scheme_a, 1, worker=world.users["link_worker"])[0]
    commissioner = make_user("load_commissioner", Role.COMMISSIONER, world.scheme_a.commissioned_by.first())
    fixture = {
        "postcodes": ["LS6 1AA"],
        "referral_postcodes": ["LS6 2AB", "M13 9PL"],
        "services": [str(s.pk) for s in services],
        "referrer": {"token": ApiToken.issue(user=world.users["referrer"], name="load")[1]},
        "bundle": BUNDLE,
    }
    rng = random.Random(7)
    public = Client()
    for kind in (mix.finder, mix.service_page, mix.api_page, mix.api_nearby, mix.api_service):
        send(public, kind(rng, fixture))
    for _ in range(2):
        form = send(public, mix.self_referral_form())
        send(public, mix.self_referral(rng, fixture, mix.csrf_token(form.content.decode())))
    worker = signed_in(world.users["link_worker"], key_for(world.users["link_worker"]))
    send(worker, mix.caseload(rng))
    send(worker, mix.case_page(rng, [str(case.pk)]))
    send(signed_in(commissioner, key_for(commissioner)), mix.commissioner_report(rng))
    made = send(Client(), mix.fhir_referral(rng, fixture)).json()
    read = send(Client(), mix.fhir_read(fixture, mix.created_referral(made))).json()
    assert read["resourceType"] == "ServiceRequest"
    assert mix.totp("3132333435363738393031323334353637383930", now=59, digits=8) == "94287082"  # RFC 6238's vector
