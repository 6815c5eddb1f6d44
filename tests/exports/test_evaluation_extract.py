"""The evaluation extract: no direct identifier, per-export pseudonyms, figures equal to a naive count,
one audit event, and only a scheme manager's own scheme."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import zipfile
from collections import Counter

import pytest

from connected.casework.models import Contact, Introduction, Person, Referral
from connected.core.models import AuditEvent
from connected.evidence import evaluation
from connected.measures.models import MeasureResponse
from tests.casework.builders import make_world, sign_in

from .builders import populate

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = make_world()
    world.records |= populate(world, people=14)
    return world


def rows_of(response) -> list[dict]:
    body = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def identifiers(people) -> list[str]:
    found = []
    for p in people:
        found += [p.given_name, p.family_name, p.postcode, p.phone, p.email, str(p.pk), p.postcode.replace(" ", "")]
        found += [p.nhs_number, p.date_of_birth.isoformat() if p.date_of_birth else ""]
        found += [str(r.pk) for r in p.referrals.all()]
    return [f for f in found if f]


def test_no_direct_identifier_appears_and_pseudonyms_differ_between_exports(world, client):
    sign_in(client, world.users["scheme_manager"])
    first = client.get("/evidence/evaluation/extract.csv")
    second = client.get("/evidence/evaluation/extract.csv")
    assert first.status_code == second.status_code == 200
    people = list(Person.objects.filter(scheme=world.scheme_a))
    body = first.content.decode("utf-8-sig") + second.content.decode("utf-8-sig")
    leaked = [f for f in identifiers(people) if f in body]
    assert not leaked
    one, two = {r["pseudonym"] for r in rows_of(first)}, {r["pseudonym"] for r in rows_of(second)}
    assert len(one) == len(two) == len(people)
    assert not one & two
    workbook = client.get("/evidence/evaluation/extract.xlsx")
    with zipfile.ZipFile(io.BytesIO(workbook.content)) as book:
        text = "".join(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xml"))
    assert "pseudonym" in text and not [f for f in identifiers(people) if f in text]


def naive_row(person: Person, key: bytes) -> dict:
    """The same figures, counted one record at a time from the raw rows."""
    referrals = sorted(Referral.objects.filter(person=person), key=lambda r: r.received_at)
    contacts = [c for c in Contact.objects.all() if c.referral in referrals]
    intros = [i for i in Introduction.objects.all() if i.referral in referrals]
    ids = {str(r.pk) for r in referrals}
    responses = [m for m in MeasureResponse.objects.order_by("administered_at") if m.subject_id in ids]
    first = referrals[0].received_at
    age = (
        first.year
        - person.date_of_birth.year
        - ((first.month, first.day) < (person.date_of_birth.month, person.date_of_birth.day))
    )
    out = {
        "pseudonym": hmac.new(key, str(person.pk).encode(), hashlib.sha256).hexdigest()[:20],
        "age_band": next(label for low, high, label in evaluation.AGE_BANDS if low <= age <= high),
        "contacts": sum(1 for c in contacts if c.mode != "attempt"),
        "contact_attempts": sum(1 for c in contacts if c.mode == "attempt"),
        "introductions": len(intros),
        "first_referral_quarter": f"{first.year}-Q{(first.month + 2) // 3}",
        "days_to_first_contact": (referrals[0].first_contact_at - first).days if referrals[0].first_contact_at else "",
    }
    statuses = Counter(i.status for i in intros)
    for status in ("suggested", "accepted", "attended", "still_going", "stopped"):
        out[f"introductions_{status}"] = statuses[status]
    out["still_going_at_3_months"] = sum(
        1 for i in intros if i.status == "still_going" and (i.updated_at - i.created_at).days >= 91
    )
    for code, score in (("ons-direct", "lonely"), ("ucla3", "total")):
        mine = [m for m in responses if m.instrument_code == code]
        base = [m for m in mine if m.timepoint == "baseline"][:1]
        after = [
            m for m in mine if m.timepoint == "follow_up" and base and m.administered_at >= base[0].administered_at
        ]
        out[f"{code}.{score}.baseline"] = base[0].scores[score] if base else ""
        out[f"{code}.{score}.follow_up"] = after[-1].scores[score] if after else ""
    return out


def test_extract_figures_equal_a_naive_count(world):
    key = evaluation.new_key()
    extract = evaluation.build(scheme=world.scheme_a, key=key)
    by_pseudonym = {r["pseudonym"]: r for r in extract.rows}
    people = [p for p in Person.objects.filter(scheme=world.scheme_a) if p.referrals.exists()]
    assert len(by_pseudonym) == len(people) >= 14
    for person in people:
        expected = naive_row(person, key)
        got = by_pseudonym[expected["pseudonym"]]
        assert {k: got[k] for k in expected} == expected
    assert any(r["still_going_at_3_months"] for r in extract.rows)
    assert any(r["ucla3.total.follow_up"] != "" for r in extract.rows)


def test_the_same_person_has_one_pseudonym_within_an_export(world):
    key = evaluation.new_key()
    person = Person.objects.filter(scheme=world.scheme_a).first()
    assert evaluation.pseudonym(key, person.pk) == evaluation.pseudonym(key, person.pk)
    assert evaluation.pseudonym(key, person.pk) != evaluation.pseudonym(evaluation.new_key(), person.pk)


def test_one_audit_event_names_every_person_in_the_export(world, client):
    sign_in(client, world.users["scheme_manager"])
    before = AuditEvent.objects.filter(action="export").count()
    rows = rows_of(client.get("/evidence/evaluation/extract.csv"))
    events = AuditEvent.objects.filter(action="export", object_type="evidence.evaluation_extract")
    assert AuditEvent.objects.filter(action="export").count() == before + 1 == events.count()
    for person in Person.objects.filter(scheme=world.scheme_a):
        assert AuditEvent.objects.about_person(person.pk).filter(pk=events.get().pk).exists()
    assert str(len(rows)) in events.get().why


@pytest.mark.parametrize("role", ["link_worker", "commissioner", "referrer", "provider", "administrator", "no_role"])
def test_only_scheme_managers_may_export(world, client, role):
    sign_in(client, world.users[role])
    for url in (
        "/evidence/evaluation/",
        "/evidence/evaluation/extract.csv",
        "/evidence/sroi/",
        "/evidence/sroi/values/",
    ):
        assert client.get(url).status_code == 403


def test_a_scheme_manager_exports_their_own_scheme_only(world, client):
    from tests.casework.builders import make_user

    other = make_user("sm_b", "scheme_manager", world.pcn, world.scheme_b)
    sign_in(client, other)
    rows = rows_of(client.get("/evidence/evaluation/extract.csv"))
    assert len(rows) == Person.objects.filter(scheme=world.scheme_b).count()
    body = client.get("/evidence/evaluation/extract.csv").content.decode("utf-8-sig")
    assert not [f for f in identifiers(Person.objects.filter(scheme=world.scheme_a)) if f in body]


def test_a_period_that_ends_before_it_starts_is_named(world, client):
    sign_in(client, world.users["scheme_manager"])
    query = "start_day=1&start_month=6&start_year=2026&end_day=1&end_month=1&end_year=2026"
    page = client.get(f"/evidence/evaluation/?{query}")
    assert page.status_code == 400
    assert "The end of the period must be the same as or after its start" in page.content.decode()
    assert client.get(f"/evidence/evaluation/extract.csv?{query}").status_code == 302
    assert not AuditEvent.objects.filter(object_type="evidence.evaluation_extract").exists()
