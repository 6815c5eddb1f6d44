"""The Loneliness Test through its pages: made, rated, mitigated, signed off, printed, published, searched;
and versioned wording: revising a question changes no test already made (ADR 0038)."""

from __future__ import annotations

import pytest
from django.test import Client

from connected.policy import screening
from connected.policy.models import Answer, LonelinessTest, Question
from tests.casework.builders import make_world, sign_in

from .builders import area_figures, is_tagged, pdf_text, policy_lead

pytestmark = pytest.mark.django_db

ABOUT = {
    "title": "Closing two branch libraries",
    "department": "Leeds City Council, libraries",
    "what": "Two branch libraries close; a mobile library visits weekly instead.",
    "who": "People who use the branches, many of them older people and parents of young children.",
    "places": "e08000035, E06000001 E99999999",
    "internal_notes": "Sensitive: not yet announced to staff.",
    "is_public": "on",
}


def _rate_everything(client: Client, test: LonelinessTest, section: str, harm: str | None) -> None:
    answers = test.answers.filter(question__section="route" if section == "routes" else "group")
    data = {}
    for a in answers:
        if a.question.key == harm:
            data |= {f"a{a.pk}-direction": "negative", f"a{a.pk}-size": "large", f"a{a.pk}-confidence": "high"}
            data |= {f"a{a.pk}-evidence": "Library visits survey", f"a{a.pk}-reasons": "A place to meet is lost."}
        else:
            data[f"a{a.pk}-direction"] = "none"
    response = client.post(f"/policy/tests/{test.pk}/effects/{section}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_test_made_end_to_end_printed_published_and_searched(client: Client):
    lead = policy_lead()
    area_figures()
    sign_in(client, lead)
    assert client.get("/casework/", follow=True).redirect_chain[-1][0] == "/policy/"

    # A wrong place code is named, and nothing is saved
    response = client.post("/policy/tests/new/", ABOUT | {"places": "Leeds"})
    assert "“LEEDS” is not one" in response.content.decode()
    assert not LonelinessTest.objects.exists()
    response = client.post("/policy/tests/new/", ABOUT)
    test = LonelinessTest.objects.get()
    assert response["Location"] == f"/policy/tests/{test.pk}/effects/routes/"
    assert test.place_codes() == ["E08000035", "E06000001", "E99999999"]
    assert test.answers.count() == Question.objects.filter(is_current=True).count() == 16

    # A rated effect without its size, confidence and reasons is refused, naming each
    spaces = test.answers.get(question__key="spaces")
    body = client.post(f"/policy/tests/{test.pk}/effects/routes/", {f"a{spaces.pk}-direction": "negative"}).content
    assert "Give the size of the effect on places and spaces to meet" in body.decode()
    assert "Choose the effect on transport and getting around" in body.decode()
    _rate_everything(client, test, "routes", harm="spaces")
    _rate_everything(client, test, "groups", harm="older_alone")

    # Sign-off is refused until the harm has a mitigation with an owner
    response = client.post(f"/policy/tests/{test.pk}/sign-off/", {"signer_name": "A Director", "signer_role": "Dir"})
    assert "Add a mitigation" in response.content.decode()
    assert LonelinessTest.objects.get().status == "draft"
    client.post(f"/policy/tests/{test.pk}/mitigations/", {"action": "Weekly mobile library stop", "owner": "Libraries"})
    sign = {"signer_name": "Director of Communities", "signer_role": "Director", "confirm": "on"}
    assert client.post(f"/policy/tests/{test.pk}/sign-off/", sign)["Location"] == f"/policy/tests/{test.pk}/"
    test.refresh_from_db()
    assert test.signed_off and test.signer_name == "Director of Communities"

    # The record: HTML with the place figures and notes; PDF tagged, with its headings
    page = client.get(f"/policy/tests/{test.pk}/").content.decode()
    for text in ("Hartlepool", "1 of 2", "No figures for this code", "Sensitive: not yet"):
        assert text in page
    pdf = client.get(f"/policy/tests/{test.pk}/record.pdf")
    assert pdf["Content-Type"] == "application/pdf" and is_tagged(pdf.content)
    text = pdf_text(pdf.content)
    for heading in ("Loneliness Test: Closing two branch libraries", "Effects on social connection", "Mitigations"):
        assert heading in text
    # A signed-off test cannot be changed, by page or by service
    assert client.get(f"/policy/tests/{test.pk}/effects/routes/").status_code == 403
    with pytest.raises(screening.TestLocked):
        screening.mitigation_add(test=test, action="x", owner="y", due=None)

    # The published view, for anyone: no internal notes, in HTML or PDF; found by search
    public = Client()
    published = public.get(f"/policy/published/{test.pk}/").content.decode()
    assert "Closing two branch libraries" in published and "Sensitive" not in published
    assert "Sensitive" not in pdf_text(public.get(f"/policy/published/{test.pk}/record.pdf").content)
    assert "Closing two branch" in public.get("/policy/published/?q=mobile library").content.decode()
    assert "Closing two branch" not in public.get("/policy/published/?q=sensitive").content.decode()
    assert "Closing two branch" in client.get("/policy/?q=sensitive").content.decode()
    # Withdrawn from publication: gone from the public view
    client.post(f"/policy/tests/{test.pk}/publish/", {"public": "0"})
    assert public.get(f"/policy/published/{test.pk}/").status_code == 404


def _signed_off_test(user) -> LonelinessTest:
    test = screening.test_create(user=user, about={"title": "Bus review", "department": "DfT"}, what="w", who="x")
    ratings = {a.pk: {"direction": "none"} for a in test.answers.exclude(question__section="about")}
    screening.answers_rate(test=test, ratings=ratings)
    return screening.test_sign_off(test=test, user=user, signer_name="A", signer_role="B")


def test_editing_a_question_does_not_change_a_signed_off_test(client: Client):
    lead = policy_lead()
    old = _signed_off_test(lead)
    transport = Question.objects.get(key="transport", is_current=True)
    old_wording = transport.text

    # The administrator changes the question in the admin
    admin = make_world().users["administrator"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    sign_in(client, admin)
    form = {"order": transport.order, "text": "Buses, trains, lifts and walking routes", "guidance": "New guidance"}
    assert client.post(f"/admin/policy/question/{transport.pk}/change/", form).status_code == 302
    assert Question.objects.filter(key="transport").count() == 2
    new = Question.objects.get(key="transport", is_current=True)
    assert new.version == 2 and new.text == "Buses, trains, lifts and walking routes"
    transport.refresh_from_db()
    assert transport.text == old_wording and not transport.is_current

    # The signed-off test keeps the wording it was made with; a new test asks the new one
    assert Answer.objects.get(test=old, question__key="transport").question.text == old_wording
    reader = Client()  # a session of its own: the admin's "changed" message names the new wording
    sign_in(reader, lead)
    record = reader.get(f"/policy/tests/{old.pk}/").content.decode()
    assert old_wording in record and "Buses, trains, lifts" not in record
    fresh = screening.test_create(user=lead, about={"title": "New", "department": "DfT"}, what="w", who="x")
    assert fresh.answers.get(question__key="transport").question == new
    # An old version cannot be edited in the admin: its fields are read-only
    sign_in(client, admin)
    client.post(f"/admin/policy/question/{transport.pk}/change/", form | {"text": "Rewritten"})
    transport.refresh_from_db()
    assert transport.text == old_wording


def test_staff_without_the_policy_role_are_refused(client: Client):
    world = make_world()
    for role in ("link_worker", "commissioner", "referrer"):
        sign_in(client, world.users[role])
        assert client.get("/policy/").status_code == 403
        assert client.get("/policy/commitments/").status_code == 403
        assert client.get("/policy/report/").status_code == 403


def test_a_new_question_with_a_key_in_use_is_refused_in_the_admin(client: Client):
    admin = make_world().users["administrator"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    sign_in(client, admin)
    added = {"key": "transport", "section": "route", "order": 3, "text": "Another transport question", "guidance": ""}
    response = client.post("/admin/policy/question/add/", added)
    assert "A question with this key exists" in response.content.decode()
    assert Question.objects.filter(key="transport").count() == 1
    assert client.post("/admin/policy/question/add/", added | {"key": "loneliness_hubs"}).status_code == 302
    assert Question.objects.get(key="loneliness_hubs").version == 1
